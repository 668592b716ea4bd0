"""The JSON report against the contract (report-contract.md), field by field."""

from __future__ import annotations

import json

import pytest

from wpslint.findings import (
    DOC_TYPES,
    CheckResult,
    DocumentReport,
    Evidence,
    Kind,
    ReadFailure,
    RuleInfo,
    RunResult,
    Severity,
    Status,
    Strength,
)
from wpslint.report import render
from wpslint.rules.model import RuleSet, StrengthMarkers

RULES = RuleSet(concepts={}, rules=[], strength=StrengthMarkers("b", "h", "q"))
STATUSES = {
    "requirement": {"present", "weak", "missing", "not_applicable"},
    "antipattern": {"flagged", "clear", "not_applicable"},
    "quality": {"flagged", "clear", "not_applicable"},
}
ERROR_CODES = {
    "empty",
    "encrypted",
    "no-text-layer",
    "corrupt",
    "unsupported-format",
    "unreadable",
    "not-found",
}


def info(rule_id: str, kind: Kind) -> RuleInfo:
    return RuleInfo(rule_id, f"name-{rule_id.lower()}", kind, rule_id[:3], ("physical",), ())


def evidence(page: int | None, text: str, strength: Strength | None = None) -> Evidence:
    return Evidence(
        start=120, end=120 + len(text), text=text, page=page, line=4, section="4.2 Funding",
        strength=strength,
    )  # fmt: skip


def checks(page: int | None) -> list[CheckResult]:
    requirement, antipattern, quality = Kind.REQUIREMENT, Kind.ANTIPATTERN, Kind.QUALITY
    return [
        CheckResult(info("LEG01", requirement), Status.PRESENT, Severity.ERROR, "m1",
                    [evidence(page, "Les défenseuses des droits seront protégées.")]),
        CheckResult(info("LEG15", requirement), Status.MISSING, Severity.ERROR, "m2",
                    anchor=evidence(page, "")),
        CheckResult(info("GRD07", requirement), Status.WEAK, Severity.WARNING, "m3",
                    [evidence(page, "should consider", Strength.HEDGED)]),
        CheckResult(info("INT12", requirement), Status.NOT_APPLICABLE, Severity.ERROR, "m4"),
        CheckResult(info("AVD03", antipattern), Status.FLAGGED, Severity.ERROR, "m5",
                    [evidence(page, "publish the names"), evidence(page, "and photos")]),
        CheckResult(info("AVD04", antipattern), Status.CLEAR, Severity.ERROR, "m6"),
        CheckResult(info("DRF01", quality), Status.FLAGGED, Severity.INFO, "m7"),
    ]  # fmt: skip


def result() -> RunResult:
    documents = [
        DocumentReport("plans/draft_nap.pdf", "nap", "detected", "fr", 64, "p", checks(12)),
        DocumentReport("bill.txt", "bill", "option", "en", None, "p", checks(None)),
    ]
    failures = [ReadFailure("scan.pdf", "no-text-layer", "the PDF has no text layer")]
    return RunResult(documents, failures, "0.1.0", "en_core_web_sm 3.8.0", "ab" * 32)


@pytest.fixture
def report() -> dict:
    return json.loads(render(result(), "json", rules=RULES))


def test_top_level_keys_in_contract_order(report: dict) -> None:
    assert list(report) == ["tool", "documents", "errors"]


def test_tool(report: dict) -> None:
    assert report["tool"] == {
        "name": "wpslint",
        "version": "0.1.0",
        "spacy_pipeline": "en_core_web_sm 3.8.0",
        "rules_sha256": "ab" * 32,
    }


def test_documents(report: dict) -> None:
    assert [d["path"] for d in report["documents"]] == ["plans/draft_nap.pdf", "bill.txt"]
    for document in report["documents"]:
        assert list(document)[:5] == ["path", "doc_type", "doc_type_source", "language", "pages"]
        assert document["doc_type"] in DOC_TYPES
        assert document["doc_type_source"] in {"detected", "config", "option"}
        assert isinstance(document["language"], str)
        assert document["pages"] is None or isinstance(document["pages"], int)
        assert isinstance(document["checks"], list)
        assert isinstance(document["summary"], dict)
    assert report["documents"][0]["pages"] == 64
    assert report["documents"][1]["pages"] is None


def test_every_check_is_listed_even_when_not_applicable(report: dict) -> None:
    ids = [check["id"] for check in report["documents"][0]["checks"]]
    assert ids == ["LEG01", "LEG15", "GRD07", "INT12", "AVD03", "AVD04", "DRF01"]


def test_checks(report: dict) -> None:
    for document in report["documents"]:
        for check in document["checks"]:
            assert list(check) == [
                "id", "name", "kind", "status", "severity", "message", "evidence",
            ]  # fmt: skip
            assert isinstance(check["id"], str) and isinstance(check["name"], str)
            assert check["status"] in STATUSES[check["kind"]]
            assert check["severity"] in {"error", "warning", "info"}
            assert isinstance(check["message"], str)
            assert isinstance(check["evidence"], list)


def test_evidence(report: dict) -> None:
    pdf, txt = report["documents"]
    for document, page in ((pdf, 12), (txt, None)):
        items = [item for check in document["checks"] for item in check["evidence"]]
        assert len(items) == 4
        for item in items:
            assert list(item)[:6] == ["page", "line", "section", "text", "start", "end"]
            assert item["page"] == page
            assert isinstance(item["line"], int) and item["line"] >= 1
            assert isinstance(item["section"], str) and isinstance(item["text"], str)
            assert 0 <= item["start"] <= item["end"]
    weak = next(check for check in pdf["checks"] if check["status"] == "weak")
    assert weak["evidence"][0]["strength"] == "hedged"
    missing = next(check for check in pdf["checks"] if check["status"] == "missing")
    assert missing["evidence"] == []


def test_summary_counts_and_coverage_formula(report: dict) -> None:
    for document in report["documents"]:
        summary = document["summary"]
        assert list(summary) == ["applicable", "present", "weak", "missing", "flagged", "coverage"]
        statuses = [check["status"] for check in document["checks"]]
        applicable = [
            check["status"]
            for check in document["checks"]
            if check["kind"] == "requirement" and check["status"] != "not_applicable"
        ]
        assert summary["applicable"] == len(applicable) == 3
        assert summary["present"] == statuses.count("present") == 1
        assert summary["weak"] == statuses.count("weak") == 1
        assert summary["missing"] == statuses.count("missing") == 1
        assert summary["flagged"] == statuses.count("flagged") == 2
        expected = (summary["present"] + summary["weak"]) / summary["applicable"]
        assert summary["coverage"] == pytest.approx(expected, abs=1e-4)


def test_errors(report: dict) -> None:
    assert report["errors"] == [
        {"path": "scan.pdf", "error": "no-text-layer", "message": "the PDF has no text layer"}
    ]
    assert all(failure["error"] in ERROR_CODES for failure in report["errors"])


def test_pretty_stable_and_not_ascii_escaped() -> None:
    text = render(result(), "json", rules=RULES)
    assert text == render(result(), "json", rules=RULES)
    assert text.startswith('{\n  "tool": {\n    "name": "wpslint"')
    assert "défenseuses" in text
    assert "\\u00e9" not in text


def test_same_text_as_the_standard_library_would_write() -> None:
    # Reports are written with orjson for speed; readers who diff reports across versions
    # rely on the layout of json.dumps(indent=2, ensure_ascii=False) staying as it was.
    data = result().to_dict()
    assert render(result(), "json", rules=RULES) == json.dumps(data, indent=2, ensure_ascii=False)


def test_colour_never_reaches_json() -> None:
    assert "\x1b[" not in render(result(), "json", rules=RULES, color=True)
