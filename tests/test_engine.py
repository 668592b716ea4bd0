"""The rule engine on a small rule pack written for these tests.

The pack exercises every condition (concept, all, any, not, near, at_least), every scope,
every kind, commitment strength and anchors, independently of the shipped rules.
"""

from __future__ import annotations

import dataclasses
import gc
import textwrap
from pathlib import Path

import pytest

from wpslint.api import Linter
from wpslint.document import BlockKind, DocumentBuilder, SourceLine
from wpslint.findings import Severity, Status, Strength
from wpslint.nlp.syntax import load_parser
from wpslint.rules.loader import load_ruleset
from wpslint.rules.model import AnyOf, ConceptRef, Near
from wpslint.rules.selftest import run_rule_tests

CONCEPTS = """
concepts:
  defenders:
    description: Peacebuilders and defenders.
    terms: [women peacebuilder, human rights defender, defender, peace-builder]
    exclude: [public defender]
  funding:
    description: Money.
    terms: [budget, fund, funding, appropriation]
  amount:
    description: An amount of money.
    patterns:
      - [{IS_CURRENCY: true}, {LIKE_NUM: true}]
      - [{LOWER: usd}, {LIKE_NUM: true}]
  relocation:
    description: Relocation.
    terms: [relocation, safe house]
  informant:
    description: Intelligence gathering.
    terms: [informant, report suspect]
  rural:
    description: Rural women.
    terms: [rural]
  young:
    description: Young women.
    terms: [young women, youth]
  disability:
    description: Disability.
    terms: [disability, disabilities]
  protection:
    description: Protection measures.
    include: [relocation]
    terms: [protection]
  date:
    description: A time frame.
    terms: [by 2026, annually, within six months]
  binding:
    description: Binding markers.
    terms: [shall, must, will]
  hedge:
    description: Hedges.
    terms: [should, may, consider]
  qualifier:
    description: Qualifiers.
    terms: [where possible, subject to available resources]
"""

RULES = """
strength: {binding: binding, hedge: hedge, qualifier: qualifier}
sections: {TST: Test rules}
rules:
  - id: TST01
    name: funded-protection
    kind: requirement
    applies_to: [nap, bill]
    severity: {default: error, bill: warning}
    message: No funding for defenders.
    rationale: Money makes protection real.
    sources: [ICAN-R5]
    security: [economic]
    remedy: The Ministry shall fund it.
    scope: sentence
    anchor: funding
    match:
      all:
        - concept: funding
        - concept: defenders
    tests:
      present: ["The Ministry shall fund women peacebuilders."]
      missing: ["The Ministry shall fund women."]
  - id: TST02
    name: near-relocation
    kind: requirement
    applies_to: [nap]
    severity: warning
    message: No relocation.
    rationale: R.
    sources: [ICAN-R19]
    security: [physical]
    remedy: R.
    scope: block
    match:
      near: [{concept: relocation}, {concept: defenders}]
      within: 3
    tests:
      present: ["Relocation for human rights defenders shall be offered."]
      missing:
        - Relocation shall be offered to many people who are, as it happens, human rights defenders.
  - id: TST03
    name: intelligence
    kind: antipattern
    applies_to: [nap, bill, protocol, guideline]
    severity: error
    message: Defenders used as informants.
    rationale: R.
    sources: [ICAN-DONT-A]
    security: [physical]
    remedy: R.
    scope: sentence
    match:
      all: [{concept: informant}, {concept: defenders}]
    tests:
      flagged: ["Women peacebuilders shall act as informants."]
      clear: ["Women peacebuilders shall be protected."]
  - id: TST04
    name: no-timeline
    kind: quality
    flag: absent
    applies_to: [nap]
    severity: info
    message: No time frame.
    rationale: R.
    sources: [ICAN-R5]
    security: [political]
    remedy: R.
    scope: sentence
    match: {concept: date}
    tests:
      flagged: ["The plan shall be implemented."]
      clear: ["The plan shall be implemented by 2026."]
  - id: TST05
    name: unquantified
    kind: quality
    applies_to: [nap]
    severity: info
    message: Funding without amount.
    rationale: R.
    sources: [ICAN-R5]
    security: [economic]
    remedy: R.
    scope: document
    match:
      all: [{concept: funding}, {not: {concept: amount}}]
    tests:
      flagged: ["A fund shall exist."]
      clear: ["A fund of USD 2,000,000 shall exist."]
  - id: TST06
    name: diverse
    kind: requirement
    applies_to: [nap]
    severity: warning
    message: Not diverse.
    rationale: R.
    sources: [ICAN-R1]
    security: [political]
    remedy: R.
    scope: section
    match:
      at_least: 2
      of: [{concept: rural}, {concept: young}, {concept: disability}]
    tests:
      present:
        - "# Inclusion\\n\\nRural women shall take part.\\n\\nDisabled youth shall take part."
      missing:
        - "# A\\n\\nRural women shall take part.\\n\\n# B\\n\\nDisabled youth shall take part."
  - id: TST08
    name: funded-row
    kind: requirement
    applies_to: [nap]
    severity: warning
    message: No funded relocation row.
    rationale: R.
    sources: [ICAN-R19]
    security: [economic]
    remedy: R.
    scope: row
    match:
      all: [{concept: relocation}, {concept: amount}]
    tests:
      present: ["| Action | Budget |\\n|---|---|\\n| Safe house | USD 20,000 |"]
      missing: ["| Action | Budget |\\n|---|---|\\n| Safe house | none |\\n| Other | USD 20,000 |"]
  - id: TST09
    name: relocation-context
    kind: requirement
    applies_to: [nap]
    severity: warning
    message: No relocation for defenders.
    rationale: R.
    sources: [ICAN-R19]
    security: [physical]
    remedy: R.
    scope: block
    match:
      all: [{concept: relocation}, {where: {concept: defenders}}]
    tests:
      present: ["Relocation shall be offered. Human rights defenders qualify."]
      missing: ["Relocation shall be offered. Everyone qualifies."]
  - id: TST10
    name: relocation-in-section-on-defenders
    kind: requirement
    applies_to: [nap]
    severity: error
    message: No relocation for defenders.
    rationale: R.
    sources: [ICAN-R9]
    security: [physical]
    remedy: R.
    scope: block
    match:
      all:
        - concept: relocation
        - any: [{concept: defenders}, {heading: defenders}]
    tests:
      present: ["# Protection of defenders\n\n## Measures\n\nRelocation shall be offered."]
      missing: ["# Protection of defenders\n\n# Other\n\nRelocation shall be offered."]
  - id: TST07
    name: unassigned
    kind: quality
    applies_to: [nap]
    severity: info
    message: Nobody is responsible.
    rationale: R.
    sources: [ICAN-R2]
    security: [political]
    remedy: R.
    scope: sentence
    match:
      all: [{concept: protection}, {syntax: passive_without_agent}]
    tests:
      flagged: ["Protection measures will be taken."]
      clear: ["Protection measures will be taken by the Ministry of Justice."]
"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rules")
    (root / "concepts").mkdir()
    (root / "concepts" / "test.yaml").write_text(textwrap.dedent(CONCEPTS))
    (root / "TST.yaml").write_text(textwrap.dedent(RULES))
    return root


@pytest.fixture(scope="module")
def linter(pack: Path) -> Linter:
    return Linter(load_ruleset(pack))


def status(linter: Linter, rule_id: str, text: str, doc_type: str = "nap") -> Status:
    report = linter.check_text(text, doc_type=doc_type)
    return next(c for c in report.checks if c.rule.id == rule_id).status


def check(linter: Linter, rule_id: str, text: str, doc_type: str = "nap"):
    report = linter.check_text(text, doc_type=doc_type)
    return next(c for c in report.checks if c.rule.id == rule_id)


def test_requirement_present_with_binding_evidence(linter: Linter) -> None:
    result = check(linter, "TST01", "Intro.\n\nThe Ministry shall fund women peacebuilders.")
    assert result.status is Status.PRESENT
    assert [e.text for e in result.evidence] == ["The Ministry shall fund women peacebuilders."]
    assert result.evidence[0].strength is Strength.BINDING
    assert result.evidence[0].line == 3


def test_requirement_weak_when_only_hedged(linter: Linter) -> None:
    result = check(linter, "TST01", "The Ministry should consider funding women peacebuilders.")
    assert result.status is Status.WEAK
    assert result.severity is Severity.WARNING  # one step below the rule's error
    assert result.evidence[0].strength is Strength.HEDGED


def test_qualifier_hedges_even_binding_sentences(linter: Linter) -> None:
    text = "The Ministry shall, subject to available resources, fund women peacebuilders."
    assert status(linter, "TST01", text) is Status.WEAK


def test_binding_passage_beats_hedged_one(linter: Linter) -> None:
    text = "Funding may reach women peacebuilders.\n\nA budget shall support women peacebuilders."
    result = check(linter, "TST01", text)
    assert result.status is Status.PRESENT
    assert [e.strength for e in result.evidence] == [Strength.BINDING]


def test_missing_requirement_anchored_at_topic_heading(linter: Linter) -> None:
    text = "# Plan\n\nWomen shall take part.\n\n# Budget\n\nThe budget covers women."
    result = check(linter, "TST01", text)
    assert result.status is Status.MISSING
    assert result.anchor is not None and result.anchor.text == "Budget"
    assert result.anchor.line == 5


def test_missing_requirement_without_topic_anchors_document(linter: Linter) -> None:
    result = check(linter, "TST02", "Nothing here.")
    assert result.status is Status.MISSING
    assert result.anchor is not None and result.anchor.line == 1


def test_not_applicable_outside_document_types(linter: Linter) -> None:
    assert status(linter, "TST02", "Relocation for human rights defenders.", "bill") is (
        Status.NOT_APPLICABLE
    )


def test_severity_per_document_type(linter: Linter) -> None:
    assert check(linter, "TST01", "Nothing.", "bill").severity is Severity.WARNING
    assert check(linter, "TST01", "Nothing.", "nap").severity is Severity.ERROR


def test_exclude_phrase_drops_hit(linter: Linter) -> None:
    assert status(linter, "TST01", "The budget shall pay the public defender.") is (Status.MISSING)


def test_lemmas_spelling_and_hyphen_variants(linter: Linter) -> None:
    assert status(linter, "TST01", "Funds shall reach women.") is Status.MISSING
    assert status(linter, "TST01", "Funds shall reach Peacebuilders.") is Status.PRESENT
    assert status(linter, "TST01", "Funds shall reach peace builders.") is Status.PRESENT
    assert status(linter, "TST01", "FUNDING shall reach WOMEN PEACEBUILDERS.") is Status.PRESENT


def test_sentence_scope_does_not_cross_sentences(linter: Linter) -> None:
    text = "The budget shall grow. Women peacebuilders shall take part."
    assert status(linter, "TST01", text) is Status.MISSING


def test_near_within_tokens(linter: Linter) -> None:
    assert status(linter, "TST02", "A safe house for human rights defenders.") is Status.PRESENT
    far = "A safe house will be built for many people, among whom are human rights defenders."
    assert status(linter, "TST02", far) is Status.MISSING


def test_antipattern_reports_each_occurrence(linter: Linter) -> None:
    text = (
        "Women peacebuilders shall act as informants.\n\n"
        "Other text.\n\n"
        "Human rights defenders must report suspects."
    )
    result = check(linter, "TST03", text)
    assert result.status is Status.FLAGGED
    assert [e.line for e in result.evidence] == [1, 5]


def test_quality_flagged_when_absent(linter: Linter) -> None:
    result = check(linter, "TST04", "The plan shall be implemented.")
    assert result.status is Status.FLAGGED
    assert result.evidence == [] and result.anchor is not None
    assert status(linter, "TST04", "Reports are due annually.") is Status.CLEAR


def test_document_scope_with_not(linter: Linter) -> None:
    assert status(linter, "TST05", "A fund shall exist.") is Status.FLAGGED
    text = "A fund shall exist.\n\nIt holds $ 2,000,000 in total."
    assert status(linter, "TST05", text) is Status.CLEAR


def test_at_least_within_section(linter: Linter) -> None:
    same = "# Inclusion\n\nRural women shall take part.\n\nYoung women shall take part."
    assert status(linter, "TST06", same) is Status.PRESENT
    split = "# A\n\nRural women shall take part.\n\n# B\n\nYoung women shall take part."
    assert status(linter, "TST06", split) is Status.MISSING


def test_concept_include(linter: Linter, pack: Path) -> None:
    ruleset = load_ruleset(pack)
    hits = linter.engine.matcher.find(linter.pipeline.nlp("Relocation and protection."))
    assert len(hits["protection"]) == 2
    assert "protection" in ruleset.concepts


def test_block_structure_from_builder(linter: Linter) -> None:
    builder = DocumentBuilder("mem.pdf", "pdf", pages=2)
    builder.add(BlockKind.HEADING, [SourceLine("3. Funding", line=1, page=2)], level=1)
    builder.add(
        BlockKind.PARAGRAPH,
        [
            SourceLine("The Ministry shall allocate a bud-", line=4, page=2),
            SourceLine("get to protect women peace-", line=5, page=2),
            SourceLine("builders.", line=6, page=2),
        ],
    )
    report = linter.check_document(builder.build(), doc_type="nap")
    result = next(c for c in report.checks if c.rule.id == "TST01")
    assert result.status is Status.PRESENT
    evidence = result.evidence[0]
    assert evidence.text == "The Ministry shall allocate a budget to protect women peacebuilders."
    assert (evidence.page, evidence.line, evidence.section) == (2, 4, "3. Funding")


def test_embedded_examples_run_through_selftest(linter: Linter) -> None:
    count, failures = run_rule_tests(linter)
    assert count == 20
    assert failures == []


def test_selftest_reports_a_wrong_example(pack: Path, tmp_path: Path) -> None:
    broken = tmp_path / "rules"
    broken.mkdir()
    for path in pack.rglob("*.yaml"):
        target = broken / path.relative_to(pack)
        target.parent.mkdir(exist_ok=True)
        target.write_text(path.read_text())
    rules = broken / "TST.yaml"
    rules.write_text(
        rules.read_text().replace(
            'clear: ["Women peacebuilders shall be protected."]',
            'clear: ["Women peacebuilders shall be informants."]',
        )
    )
    _, failures = run_rule_tests(Linter(load_ruleset(broken)))
    assert [(f.rule_id, f.expected, f.got) for f in failures] == [("TST03", "clear", "flagged")]
    rule_line = rules.read_text().splitlines().index("  - id: TST03") + 1
    assert failures[0].source.endswith(f"TST.yaml:{rule_line}")


@pytest.mark.parametrize("use_parser", [False, True])
def test_syntax_condition_with_and_without_parser(pack: Path, use_parser: bool) -> None:
    if use_parser and load_parser() is None:
        pytest.skip("no trained English pipeline installed")
    linter = Linter(load_ruleset(pack), use_parser=use_parser)
    passive = linter.check_text("Protection shall be ensured for all.", doc_type="nap")
    result = next(c for c in passive.checks if c.rule.id == "TST07")
    assert result.status is Status.FLAGGED
    expected = "patterns" if not use_parser else "en_core_web_sm"
    assert expected in passive.pipeline
    active = linter.check_text("The Ministry shall ensure protection.", doc_type="nap")
    assert next(c for c in active.checks if c.rule.id == "TST07").status is Status.CLEAR
    assert "grammar" not in linter.check_text("No candidate here.", doc_type="nap").pipeline


def test_list_items_take_the_strength_of_their_lead_in(linter: Linter) -> None:
    hedged = "The Ministry should, within its mandate:\n\n- fund women peacebuilders;\n- report."
    result = check(linter, "TST01", hedged)
    assert result.status is Status.WEAK
    assert result.evidence[0].text == "fund women peacebuilders;"
    binding = "The Ministry shall:\n\n- fund women peacebuilders;\n- report."
    assert status(linter, "TST01", binding) is Status.PRESENT
    closed = "The Ministry should report.\n\n- Budgets reach women peacebuilders."
    assert status(linter, "TST01", closed) is Status.PRESENT


def test_headings_are_not_evidence(linter: Linter) -> None:
    text = "# Funding for women peacebuilders\n\nNothing is said here."
    result = check(linter, "TST01", text)
    assert result.status is Status.MISSING
    assert result.anchor is not None and result.anchor.text == "Funding for women peacebuilders"


def test_row_scope_joins_cells_of_one_table_row(linter: Linter) -> None:
    builder = DocumentBuilder("matrix.docx", "docx")
    builder.add(BlockKind.PARAGRAPH, [SourceLine("Action matrix", line=1)])
    builder.add(BlockKind.TABLE_CELL, [SourceLine("Open a safe house", line=2)], table_row=(0, 1))
    builder.add(BlockKind.TABLE_CELL, [SourceLine("USD 20,000", line=3)], table_row=(0, 1))
    builder.add(BlockKind.TABLE_CELL, [SourceLine("Train staff", line=4)], table_row=(0, 2))
    report = linter.check_document(builder.build(), doc_type="nap")
    result = next(c for c in report.checks if c.rule.id == "TST08")
    assert result.status is Status.PRESENT
    assert [e.text for e in result.evidence] == ["Open a safe house", "USD 20,000"]

    split = DocumentBuilder("matrix.docx", "docx")
    split.add(BlockKind.TABLE_CELL, [SourceLine("Open a safe house", line=1)], table_row=(0, 1))
    split.add(BlockKind.TABLE_CELL, [SourceLine("USD 20,000", line=2)], table_row=(0, 2))
    report = linter.check_document(split.build(), doc_type="nap")
    assert next(c for c in report.checks if c.rule.id == "TST08").status is Status.MISSING


def test_where_conditions_add_no_evidence(linter: Linter) -> None:
    text = "Relocation shall be offered. Human rights defenders qualify."
    result = check(linter, "TST09", text)
    assert result.status is Status.PRESENT
    assert [e.text for e in result.evidence] == ["Relocation shall be offered."]


def test_opening_bracket_starts_the_next_sentence(linter: Linter) -> None:
    text = "(1) A fund shall exist, or both. (2) Women peacebuilders shall be funded."
    result = check(linter, "TST01", text)
    assert [e.text for e in result.evidence] == ["(2) Women peacebuilders shall be funded."]


def test_near_over_merged_concept_lists(linter: Linter) -> None:
    """``any`` merges two concepts' hits out of order; ``near`` must still find the closest."""
    merged = Near(
        (ConceptRef("relocation"), AnyOf((ConceptRef("defenders"), ConceptRef("rural")))), 0
    )
    rule = dataclasses.replace(linter.ruleset.get("TST02"), match=merged)
    text = (
        "A rural safe house is planned for human rights defenders, other human rights "
        "defenders, all human rights defenders and again human rights defenders."
    )
    report = linter.check_text(text, doc_type="nap", rules=[rule])
    assert report.checks[0].status is Status.PRESENT


def test_heading_conditions_reach_down_to_the_next_heading_of_their_level(
    linter: Linter,
) -> None:
    text = (
        "# Protection of human rights defenders\n\nIntroduction.\n\n## Measures\n\n"
        "Relocation shall be offered.\n\n# Budget\n\nRelocation costs are covered."
    )
    result = check(linter, "TST10", text)
    assert result.status is Status.PRESENT
    assert [e.text for e in result.evidence] == ["Relocation shall be offered."]
    assert status(linter, "TST10", "# Budget\n\nRelocation shall be offered.") is Status.MISSING


def test_the_cyclic_collector_waits_while_a_document_is_checked(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []
    evaluate = linter.engine.evaluate

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return evaluate(*args, **kwargs)

    monkeypatch.setattr(linter.engine, "evaluate", watched)
    linter.check_text("Relocation shall be offered to defenders.", doc_type="nap")
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()  # a caller that manages the collector itself keeps it as it was
    try:
        linter.check_text("Relocation shall be offered to defenders.", doc_type="nap")
        assert not gc.isenabled()
    finally:
        gc.enable()
