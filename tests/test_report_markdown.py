"""The Markdown report: a compact table for a pull-request comment, escaped, with explanations."""

from __future__ import annotations

import pytest

from report_samples import hostile_report, run_of
from wpslint.api import default_linter
from wpslint.report import render
from wpslint.report.markdown import anchor, escape


@pytest.fixture(scope="module")
def comment() -> str:
    return render(run_of(hostile_report()), "markdown", rules=default_linter().ruleset)


def rows(comment: str) -> dict[str, list[str]]:
    """Table rows by check id: the cells of each."""
    found = {}
    for line in comment.splitlines():
        if line.startswith("| ") and "](#wpslint-" in line:
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            found[cells[1].split("]")[0].lstrip("[")] = cells
    return found


def test_table_lists_missing_weak_and_harmful_but_not_present_or_drafting(comment: str) -> None:
    table = rows(comment)
    assert table["LEG08"][:4] == [
        "error",
        "[LEG08](#wpslint-leg08)",
        "Joint risk assessment",
        "missing",
    ]
    assert table["AVD01"][3] == "harmful"
    assert table["AVD01"][4] == "l. 13"
    assert "LEG01" not in table  # present
    assert "DRF01" not in table  # drafting notes are only counted
    assert "drafting note" in comment


def test_weak_row_quotes_the_hedging_words(comment: str) -> None:
    status = rows(comment)["LEG15"][3]
    assert status.startswith("weak: ")
    assert '"where possible"' in status and '"should' in status


def test_missing_come_before_weak_before_harmful(comment: str) -> None:
    order = [cells[3].split(":")[0] for cells in rows(comment).values()]
    ranks = [{"missing": 0, "weak": 1, "harmful": 2}[status] for status in order]
    assert ranks == sorted(ranks)


def test_ids_link_to_explanations_from_wpslint_explain(comment: str) -> None:
    for rule_id in rows(comment):
        assert f'<a id="{anchor(rule_id)}"></a>{rule_id}' in comment
    assert "**Why it matters.**" in comment and "**Clause to adapt.**" in comment
    assert "`wpslint explain LEG08`" in comment
    assert comment.count('<a id="wpslint-leg08">') == 1


def test_document_text_cannot_inject_markup_or_table_cells(comment: str) -> None:
    assert "<script>" not in comment
    assert "drafts/&lt;script&gt;alert(1)&lt;/script&gt;.md" in comment
    assert escape("a | b *c* [d](e) <i> `f`") == ("a \\| b \\*c\\* \\[d\\](e) &lt;i&gt; \\`f\\`")
    assert escape("two\nlines") == "two lines"


def test_header_gives_type_and_coverage(comment: str) -> None:
    assert comment.startswith("### wpslint: drafts/")
    assert "**bill** (option)" in comment
    assert "coverage **" in comment and "present or weak" in comment
