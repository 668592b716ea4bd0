"""The text report, on results built by hand so every line can be checked exactly."""

from __future__ import annotations

import pytest

from wpslint.findings import (
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
from wpslint.report import FORMATS, render
from wpslint.report.text import HINT, excerpt
from wpslint.rules.model import RuleSet, StrengthMarkers

SECTIONS = {
    "LEG": "Legal and political safety net (ICAN recommendations 1-6)",
    "GRD": "Prevention, mitigation and response on the ground (ICAN recommendations 7-11)",
    "INT": "Security at the peace table and in international spaces (ICAN recommendations 12-16)",
    "EMR": "Emergency assistance and relocation (ICAN recommendations 17-19)",
    "DRF": "Drafting quality (enforceability of commitments)",
    "AVD": "What not to do (harmful provisions)",
}
RULES = RuleSet(
    concepts={},
    rules=[],
    strength=StrengthMarkers(binding="binding", hedge="hedge", qualifier="qualifier"),
    sections=SECTIONS,
)


def at(page: int | None, line: int, text: str = "", strength: Strength | None = None) -> Evidence:
    return Evidence(
        start=0, end=len(text), text=text, page=page, line=line, section="", strength=strength
    )


def check(
    rule_id: str,
    status: Status,
    *,
    kind: Kind = Kind.REQUIREMENT,
    severity: Severity = Severity.ERROR,
    security: tuple[str, ...] = (),
    evidence: list[Evidence] | None = None,
    anchor: Evidence | None = None,
    message: str | None = None,
) -> CheckResult:
    info = RuleInfo(
        id=rule_id,
        name=f"rule-{rule_id.lower()}",
        kind=kind,
        section=rule_id.rstrip("0123456789"),
        security=security,
        sources=("ICAN-R1",),
    )
    return CheckResult(
        rule=info,
        status=status,
        severity=severity,
        message=message or f"Message of {rule_id}.",
        evidence=evidence or [],
        anchor=anchor,
    )


HEDGED = (
    "The Ministry should consider, where possible, allocating resources to the protection "
    "of women peacebuilders and women human rights defenders in all provinces."
)


def plan_checks() -> list[CheckResult]:
    return [
        check("LEG01", Status.PRESENT, security=("political",), evidence=[at(3, 2, "x")]),
        check("LEG15", Status.MISSING, security=("economic",), anchor=at(1, 1)),
        check(
            "GRD07",
            Status.WEAK,
            severity=Severity.WARNING,
            security=("physical", "emotional"),
            evidence=[at(12, 4, HEDGED, Strength.HEDGED)],
            anchor=at(1, 1),
        ),
        check("GRD08", Status.MISSING, security=("physical",), anchor=at(12, 1)),
        check("INT12", Status.NOT_APPLICABLE, security=("physical",)),
        check(
            "AVD03",
            Status.FLAGGED,
            kind=Kind.ANTIPATTERN,
            security=("physical",),
            evidence=[at(5, 9, "Names of participants shall be published."), at(6, 1), at(9, 3)],
        ),
        check("AVD04", Status.CLEAR, kind=Kind.ANTIPATTERN),
        check("DRF01", Status.FLAGGED, kind=Kind.QUALITY, severity=Severity.INFO),
    ]


def document(path: str = "plan.pdf", pages: int | None = 64, checks=None) -> DocumentReport:
    return DocumentReport(
        path=path,
        doc_type="nap",
        doc_type_source="detected",
        language="en",
        pages=pages,
        pipeline="en_core_web_sm 3.8.0",
        checks=plan_checks() if checks is None else checks,
    )


def run(*documents: DocumentReport, errors: list[ReadFailure] | None = None) -> RunResult:
    return RunResult(
        documents=list(documents),
        errors=errors or [],
        version="0.1.0",
        pipeline="en_core_web_sm 3.8.0",
        rules_sha256="0" * 64,
    )


def lines_of(result: RunResult, color: bool = False) -> list[str]:
    return render(result, "text", rules=RULES, color=color).splitlines()


def test_text_is_the_default_format_registered() -> None:
    assert list(FORMATS)[:2] == ["text", "json"]


def test_header_names_path_type_source_pages_and_pipeline() -> None:
    assert lines_of(run(document()))[:4] == [
        "plan.pdf",
        "  Type: nap (national action plan), detected from the text (use --type to change it)",
        "  Language: English · Pages: 64 · Pipeline: en_core_web_sm 3.8.0",
        "",
    ]


def test_header_says_when_the_type_was_given_and_omits_missing_pages() -> None:
    doc = document("bill.txt", pages=None)
    doc.doc_type_source = "option"
    assert lines_of(run(doc))[1:3] == [
        "  Type: nap (national action plan), set with --type",
        "  Language: English · Pipeline: en_core_web_sm 3.8.0",
    ]


def test_header_lists_the_document_warnings() -> None:
    doc = document()
    doc.language = "fr"
    doc.warnings = ["the text is in French", "page 3 has no text layer"]
    assert lines_of(run(doc))[2:5] == [
        "  Language: French · Pages: 64 · Pipeline: en_core_web_sm 3.8.0",
        "  Warning: the text is in French",
        "  Warning: page 3 has no text layer",
    ]


def test_findings_are_linter_lines_sorted_by_location_then_id() -> None:
    finding_lines = [line for line in lines_of(run(document())) if line.startswith("plan.pdf:")]
    assert finding_lines == [
        "plan.pdf: DRF01 info Message of DRF01.",
        "plan.pdf:1:1: LEG15 error Message of LEG15.",
        "plan.pdf:5:9: AVD03 error Message of AVD03.",
        "plan.pdf:12:1: GRD08 error Message of GRD08.",
        "plan.pdf:12:4: GRD07 warning Message of GRD07.",
    ]


def test_same_location_sorts_by_id() -> None:
    checks = [
        check("GRD02", Status.MISSING, anchor=at(None, 1)),
        check("GRD01", Status.MISSING, anchor=at(None, 1)),
    ]
    lines = lines_of(run(document("a.txt", pages=None, checks=checks)))
    assert [line.split()[1] for line in lines if line.startswith("a.txt:")] == ["GRD01", "GRD02"]


def test_formats_without_pages_give_path_and_line() -> None:
    checks = [check("LEG15", Status.MISSING, anchor=at(None, 7))]
    lines = lines_of(run(document("bill.txt", pages=None, checks=checks)))
    assert "bill.txt:7: LEG15 error Message of LEG15." in lines


def test_missing_points_to_anchor_not_evidence() -> None:
    checks = [check("LEG15", Status.MISSING, anchor=at(2, 3), evidence=[at(40, 1, "unrelated")])]
    lines = lines_of(run(document(checks=checks)))
    assert "plan.pdf:2:3: LEG15 error Message of LEG15." in lines
    assert not any("unrelated" in line for line in lines)


def test_weak_finding_quotes_its_hedged_evidence() -> None:
    lines = lines_of(run(document()))
    index = lines.index("plan.pdf:12:4: GRD07 warning Message of GRD07.")
    quote = lines[index + 1]
    assert quote.startswith(
        '    only hedged wording: "The Ministry should consider, where possible'
    )
    assert quote.endswith('…"')
    assert len(quote) < 120


def test_flagged_finding_quotes_first_passage_and_counts_the_others() -> None:
    lines = lines_of(run(document()))
    index = lines.index("plan.pdf:5:9: AVD03 error Message of AVD03.")
    assert lines[index + 1] == (
        '    "Names of participants shall be published." (and 2 more passages)'
    )


def test_statuses_that_are_not_findings_are_not_listed() -> None:
    text = "\n".join(lines_of(run(document())))
    for rule_id in ("LEG01", "INT12", "AVD04"):
        assert f" {rule_id} " not in text


def test_coverage_overall_by_section_and_by_category() -> None:
    lines = lines_of(run(document()))
    start = next(i for i, line in enumerate(lines) if line.startswith("  Coverage"))
    assert lines[start : start + 16] == [
        "  Coverage: 2/4 present or weak (50%): 1 present, 1 weak, 2 missing; 2 flagged",
        "  By checklist section:",
        f"    LEG  {SECTIONS['LEG']}",
        "         1/2 present or weak (50%): 1 present, 0 weak, 1 missing",
        f"    GRD  {SECTIONS['GRD']}",
        "         1/2 present or weak (50%): 0 present, 1 weak, 1 missing",
        f"    DRF  {SECTIONS['DRF']}",
        "         1 flagged",
        f"    AVD  {SECTIONS['AVD']}",
        "         1 flagged",
        "  By security category (a protection counts toward every category it serves):",
        "    emotional  1/1 present or weak (100%): 0 present, 1 weak, 0 missing",
        "    physical   1/2 present or weak (50%): 0 present, 1 weak, 1 missing; 1 flagged",
        "    economic   0/1 present or weak (0%): 0 present, 0 weak, 1 missing",
        "    political  1/1 present or weak (100%): 1 present, 0 weak, 0 missing",
        "",
    ]


def test_section_whose_checks_do_not_apply_is_left_out() -> None:
    text = "\n".join(lines_of(run(document())))
    assert "INT " not in text
    assert "EMR " not in text
    assert "spiritual" not in text


def test_total_line_counts_documents_findings_by_severity_and_read_errors() -> None:
    second = document("b.pdf")
    failure = ReadFailure("scan.pdf", "no-text-layer", "the PDF has no text layer (a scan?)")
    lines = lines_of(run(document(), second, errors=[failure]))
    assert "scan.pdf: error: the PDF has no text layer (a scan?)" in lines
    assert lines[-2] == (
        "2 documents checked: 10 findings (6 errors, 2 warnings, 2 info); "
        "1 document could not be read"
    )
    assert lines[-1] == HINT


def test_singular_counts() -> None:
    checks = [check("LEG15", Status.MISSING, anchor=at(1, 1))]
    assert lines_of(run(document(checks=checks)))[-2] == "1 document checked: 1 finding (1 error)"


def test_clean_document_has_no_hint() -> None:
    checks = [check("LEG01", Status.PRESENT, evidence=[at(1, 1, "x")])]
    lines = lines_of(run(document(checks=checks)))
    assert "  No missing, weak or harmful provisions found." in lines
    assert lines[-1] == "1 document checked: no findings"
    assert HINT not in lines


def test_only_unreadable_documents() -> None:
    failure = ReadFailure("gone.txt", "not-found", "no such file")
    assert lines_of(run(errors=[failure])) == [
        "gone.txt: error: no such file",
        "",
        "No document checked; 1 document could not be read",
    ]


@pytest.mark.parametrize("color", [False, True])
def test_colour_only_when_requested(color: bool) -> None:
    text = render(run(document()), "text", rules=RULES, color=color)
    assert ("\x1b[" in text) is color


def test_excerpt_flattens_whitespace_and_cuts_at_a_word() -> None:
    assert excerpt("a  b\n c") == '"a b c"'
    assert excerpt("one two three four", length=12) == '"one two…"'


def test_a_quoted_passage_cannot_send_escape_sequences_to_the_terminal() -> None:
    # A draft can carry ESC ("\x1b[2K" erases a line), OSC titles and 8-bit CSI ("\x9b").
    assert excerpt("the \x1b[2Kministry\x1b]0;title\x07 shall\x9b act") == (
        '"the \ufffd[2Kministry\ufffd]0;title\ufffd shall\ufffd act"'
    )
    assert excerpt("déjà vu \u2013 «oui»") == '"déjà vu \u2013 «oui»"'  # printable text is kept


def test_the_coloured_report_quotes_a_crafted_draft_without_its_escapes() -> None:
    weak = check(
        "LEG01",
        Status.WEAK,
        severity=Severity.WARNING,
        evidence=[at(1, 3, "The ministry should \x1b[8mconsider protecting\x1b[0m them.")],
    )
    text = render(run(document(checks=[weak])), "text", rules=RULES, color=True)
    assert "\x1b[8m" not in text
    assert '"The ministry should \ufffd[8mconsider protecting\ufffd[0m them."' in text
