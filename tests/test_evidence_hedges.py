"""Hedge spans on evidence: what the reports highlight, and how JSON carries them."""

from __future__ import annotations

from wpslint.api import default_linter
from wpslint.findings import Evidence, Status, Strength

WEAK = (
    "The Ministry may, subject to available resources, fund the protection of women peacebuilders."
)


def test_hedged_evidence_carries_its_hedging_words() -> None:
    report = default_linter().check_text(f"# Funding\n\n{WEAK}\n", doc_type="bill")
    check = next(c for c in report.checks if c.rule.id == "LEG15")
    assert check.status is Status.WEAK
    evidence = check.evidence[0]
    assert [evidence.text[start:end] for start, end in evidence.hedges] == [
        "may",
        "subject to available resources",
    ]


def test_binding_evidence_has_no_hedges() -> None:
    text = "The Ministry shall protect women peacebuilders from reprisals."
    report = default_linter().check_text(text, doc_type="bill")
    evidence = next(c for c in report.checks if c.rule.id == "LEG01").evidence[0]
    assert evidence.strength is Strength.BINDING
    assert evidence.hedges == ()


def test_json_has_hedges_only_when_there_are_some() -> None:
    plain = Evidence(0, 3, "may", None, 1, "", Strength.HEDGED)
    assert "hedges" not in plain.to_dict()
    marked = Evidence(0, 3, "may", None, 1, "", Strength.HEDGED, ((0, 3),))
    assert marked.to_dict()["hedges"] == [[0, 3]]
