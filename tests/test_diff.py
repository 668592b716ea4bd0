"""Draft-to-draft comparison: classification on hand-built reports, formats, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wpslint.api import default_linter
from wpslint.cli import main
from wpslint.diff import Change, DocumentDiff, compare
from wpslint.findings import (
    CheckResult,
    DocumentReport,
    Evidence,
    Kind,
    RuleInfo,
    Severity,
    Status,
    Strength,
)
from wpslint.report.diff import DIFF_FORMATS, render_diff

REQ, ANTI, QUAL = Kind.REQUIREMENT, Kind.ANTIPATTERN, Kind.QUALITY
P, W, M, NA = Status.PRESENT, Status.WEAK, Status.MISSING, Status.NOT_APPLICABLE
F, C = Status.FLAGGED, Status.CLEAR


def check(rule_id: str, kind: Kind, status: Status, text: str = "") -> CheckResult:
    info = RuleInfo(rule_id, f"rule-{rule_id.lower()}", kind, rule_id[:3], (), ("ICAN-R1",))
    evidence = []
    if text:
        strength = Strength.HEDGED if status is W else Strength.BINDING
        hedges = ((text.index("may"), text.index("may") + 3),) if "may" in text else ()
        evidence = [Evidence(0, len(text), text, None, 3, "", strength, hedges)]
    return CheckResult(info, status, Severity.ERROR, f"Message of {rule_id}.", evidence)


def report(path: str, checks: list[CheckResult]) -> DocumentReport:
    return DocumentReport(path, "bill", "detected", "en", None, "test", checks)


@pytest.mark.parametrize(
    ("kind", "old", "new", "expected"),
    [
        (REQ, M, P, Change.GAINED),
        (REQ, M, W, Change.GAINED),
        (REQ, P, M, Change.LOST),
        (REQ, W, M, Change.LOST),
        (REQ, P, W, Change.WEAKENED),
        (REQ, W, P, Change.STRENGTHENED),
        (REQ, P, P, Change.UNCHANGED),
        (REQ, W, W, Change.UNCHANGED),
        (REQ, M, M, Change.UNCHANGED),
        (REQ, NA, NA, Change.UNCHANGED),
        (REQ, NA, P, Change.UNCHANGED),
        (ANTI, C, F, Change.INTRODUCED),
        (ANTI, F, C, Change.REMOVED),
        (ANTI, F, F, Change.UNCHANGED),
        (ANTI, C, C, Change.UNCHANGED),
    ],
)
def test_each_pair_of_statuses_is_classified(
    kind: Kind, old: Status, new: Status, expected: Change
) -> None:
    diff = compare(
        report("a", [check("LEG01", kind, old)]), report("b", [check("LEG01", kind, new)])
    )
    assert [item.change for item in diff.changes] == [expected]


def test_drafting_notes_are_not_compared_and_missing_checks_are_unchanged() -> None:
    old = report("a", [check("DRF01", QUAL, C), check("LEG01", REQ, P)])
    new = report("b", [check("DRF01", QUAL, F), check("LEG02", REQ, P)])
    diff = compare(old, new)
    assert [(item.rule.id, item.change) for item in diff.changes] == [
        ("LEG02", Change.UNCHANGED),
        ("LEG01", Change.UNCHANGED),
    ]


def test_evidence_shows_what_changed_from_the_right_draft() -> None:
    old = report(
        "a",
        [
            check("LEG01", REQ, P, "The Ministry shall fund it."),
            check("LEG02", REQ, P, "The Ministry shall train them."),
            check("AVD01", ANTI, F, "They shall inform the police."),
        ],
    )
    new = report(
        "b",
        [
            check("LEG01", REQ, W, "The Ministry may fund it."),
            check("LEG02", REQ, M),
            check("AVD01", ANTI, C),
        ],
    )
    diff = compare(old, new)
    weakened, lost, removed = diff.changes
    assert weakened.evidence[0].text == "The Ministry may fund it."
    assert weakened.previous_evidence[0].text == "The Ministry shall fund it."
    assert lost.evidence[0].text == "The Ministry shall train them."
    assert removed.evidence[0].text == "They shall inform the police."
    assert diff.has({Change.LOST}) and not diff.has({Change.INTRODUCED})


def hand_built_diff() -> DocumentDiff:
    old = report(
        "old.txt",
        [
            check("LEG01", REQ, P, "The Ministry shall fund it."),
            check("LEG02", REQ, P, "x shall y."),
            check("AVD01", ANTI, C),
        ],
    )
    new = report(
        "new.txt",
        [
            check("LEG01", REQ, W, "The Ministry may fund it <script>alert(1)</script>."),
            check("LEG02", REQ, M),
            check("AVD01", ANTI, F, "They shall inform the police."),
        ],
    )
    return compare(old, new, notes=["A note."])


@pytest.mark.parametrize("fmt", list(DIFF_FORMATS))
def test_every_format_lists_the_changes(fmt: str) -> None:
    rules = default_linter().ruleset
    out = render_diff(hand_built_diff(), fmt, rules=rules)
    for text in ("LEG01", "LEG02", "AVD01", "weakened", "lost", "introduced", "A note."):
        assert text in out
    if fmt in ("markdown", "html"):  # formats that a browser renders
        assert "<script>alert" not in out


def test_text_format() -> None:
    out = render_diff(hand_built_diff(), "text", rules=default_linter().ruleset)
    lines = out.splitlines()
    assert lines[0] == "old.txt -> new.txt"
    assert "  LEG02 error rule-leg02: present -> missing" in lines
    assert any(line.strip().startswith('was: "x shall y." (old draft, line 3)') for line in lines)
    assert lines[-1] == (
        "Changes: 1 lost, 1 weakened, 1 introduced; 0 gained, 0 strengthened, 0 removed; "
        "0 unchanged."
    )


def test_json_format() -> None:
    data = json.loads(render_diff(hand_built_diff(), "json", rules=default_linter().ruleset))
    assert data["tool"]["name"] == "wpslint"
    assert data["old"]["path"] == "old.txt" and data["new"]["summary"]["missing"] == 1
    assert data["counts"]["weakened"] == 1 and data["counts"]["unchanged"] == 0
    weakened = data["changes"][0]
    assert weakened["change"] == "weakened"
    assert (weakened["old_status"], weakened["new_status"]) == ("present", "weak")
    assert weakened["new_evidence"][0]["hedges"] == [[13, 16]]


def test_markdown_format_marks_regressions_and_quotes_hedges() -> None:
    out = render_diff(hand_built_diff(), "markdown", rules=default_linter().ruleset)
    row = '| **weakened** | error | [LEG01](#wpslint-leg01) | Rule leg01 | present → weak: "may" |'
    assert row + " l. 3 |" in out
    assert "| **lost** |" in out and "l. 3 (old)" in out
    assert "**3 changes to review**" in out


def test_html_format_highlights_the_new_hedge_and_quotes_the_old_wording() -> None:
    out = render_diff(hand_built_diff(), "html", rules=default_linter().ruleset)
    sections = [
        out.index(f'<section id="{change.value}">')
        for change in Change
        if change is not Change.UNCHANGED
    ]
    assert sections == sorted(sections)
    assert '<mark class="hedge">may</mark>' in out
    assert "The Ministry shall fund it." in out
    assert "&lt;script&gt;" in out


# -- the command ---------------------------------------------------------------------------

V1 = """\
# Protection of Women Peacebuilders Act

## Section 1. Purpose

The Government shall protect women peacebuilders and women human rights defenders.

## Section 2. Funding

The Ministry of Finance shall allocate a dedicated annual budget line of 2 million to the \
protection of women peacebuilders.
"""

V2_WEAKER = V1.replace(
    "The Ministry of Finance shall allocate",
    "The Ministry of Finance may, subject to available resources, allocate",
)
V2_STRONGER_ONLY = V2_WEAKER.replace("may, subject to available resources,", "shall")


def wpslint(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["diff", *(str(arg) for arg in args)])


@pytest.fixture
def drafts(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "bill_v1.md", tmp_path / "bill_v2.md"
    old.write_text(V1, encoding="utf-8")
    new.write_text(V2_WEAKER, encoding="utf-8")
    return old, new


def test_a_weakened_protection_fails_by_default(drafts: tuple[Path, Path]) -> None:
    result = wpslint(*drafts)
    assert result.exit_code == 1, result.output
    assert "Protections weakened (1)" in result.stdout
    assert "LEG15" in result.stdout


def test_fail_on_change_chooses_what_fails(drafts: tuple[Path, Path], tmp_path: Path) -> None:
    assert wpslint("--fail-on-change", "never", *drafts).exit_code == 0
    assert wpslint("--fail-on-change", "lost,introduced", *drafts).exit_code == 0
    out = tmp_path / "changes.json"
    result = wpslint("--fail-on-change", "weakened", "--format", "json", "-o", out, *drafts)
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["counts"]["weakened"] == 1


def test_improvements_alone_pass(drafts: tuple[Path, Path]) -> None:
    old, new = drafts
    old.write_text(V2_WEAKER, encoding="utf-8")
    new.write_text(V2_STRONGER_ONLY, encoding="utf-8")
    result = wpslint(old, new)
    assert result.exit_code == 0, result.output
    assert "Protections strengthened (1)" in result.stdout


def test_bad_fail_on_change_and_unreadable_drafts_exit_2(
    drafts: tuple[Path, Path], tmp_path: Path
) -> None:
    result = wpslint("--fail-on-change", "gained", *drafts)
    assert result.exit_code == 2 and "gained" in result.stderr
    result = wpslint(drafts[0], tmp_path / "missing.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("wpslint: error: ")


def test_drafts_read_as_different_types_are_compared_as_the_new_type(tmp_path: Path) -> None:
    old, new = tmp_path / "plan.md", tmp_path / "bill.md"
    old.write_text("# National Action Plan on Women, Peace and Security\n\n" + V1, encoding="utf-8")
    new.write_text("Be it enacted by Parliament as follows.\n\n" + V1, encoding="utf-8")
    result = wpslint("--format", "json", "--fail-on-change", "never", old, new)
    data = json.loads(result.stdout)
    assert data["old"]["doc_type"] == data["new"]["doc_type"] == data["doc_type"]
    assert data["notes"] and "use --type" in data["notes"][0]
