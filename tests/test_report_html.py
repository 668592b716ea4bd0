"""The HTML report: escaping, section order, self-containment and the multi-document index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from report_samples import IMG, SCRIPT, hostile_report, run_of
from wpslint.api import default_linter
from wpslint.cli import main
from wpslint.findings import Evidence, ReadFailure, Status, Strength
from wpslint.report import FORMATS, html, render
from wpslint.report.html_page import highlight, quotes
from wpslint.report.svg import Bar, coverage_chart

SECTION_IDS = ("missing", "weak", "harmful", "drafting", "present")


@pytest.fixture(scope="module")
def page() -> str:
    return render(run_of(hostile_report()), "html", rules=default_linter().ruleset)


def test_html_and_markdown_are_report_formats() -> None:
    assert {"html", "markdown"} <= set(FORMATS)


def test_document_markup_renders_as_text(page: str) -> None:
    # Path, heading and passages all carry markup; none of it may become an element.
    assert SCRIPT not in page
    assert IMG not in page
    assert "onerror=alert(1)>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # Exactly one script element: the report's own, at the end of the body.
    assert page.count("<script") == 1
    assert page.index("<script>") > page.index('<div class="page">')


def test_sections_come_in_order_missing_weak_harmful_present(page: str) -> None:
    positions = [page.index(f'<section id="{section}">') for section in SECTION_IDS]
    assert positions == sorted(positions)
    assert page.index('id="summary"') < positions[0]


def test_missing_protection_has_rationale_guidance_and_copyable_clause(page: str) -> None:
    card = _card(page, "LEG08")
    assert "Why it matters" in card
    assert "Guidance:" in card and "recommendation" in card
    assert 'data-copy="clause-LEG08"' in card
    assert 'id="clause-LEG08"' in card
    assert "shall carry out a risk and needs assessment" in card


def test_weak_protection_quotes_the_passage_with_the_hedge_marked(page: str) -> None:
    weak = _section(page, "weak")
    assert "LEG15" in weak
    assert '<mark class="hedge">where possible</mark>' in weak
    assert re.search(r'<mark class="hedge">should[^<]*</mark>', weak)
    assert "line 9" in weak


def test_harmful_provision_is_located(page: str) -> None:
    harmful = _section(page, "harmful")
    assert "AVD01" in harmful
    assert "line 13 · Section 3. Cooperation" in harmful


def test_present_protections_are_collapsed_with_their_evidence(page: str) -> None:
    present = _section(page, "present")
    assert '<details class="present" id="LEG01">' in present
    assert "<details open" not in present
    assert "The Government shall protect women peacebuilders" in present


def test_header_names_document_type_date_version_and_rules(page: str) -> None:
    head = page[: page.index('id="summary"')]
    rules = default_linter().ruleset
    for text in ("Document", "bill (bill or act)", "Report date", "wpslint", rules.sha256[:12]):
        assert text in head
    assert "Coverage" in page
    assert page.count('<svg class="chart"') == 2
    for label in ("LEG · Legal and political safety net", "emotional", "political"):
        assert label in page


def test_page_is_self_contained(page: str) -> None:
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert '<meta name="viewport"' in page
    assert "@media print" in page


def test_report_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    page = render(run_of(hostile_report()), "html", rules=default_linter().ruleset)
    assert "2025-01-01" in page


def test_highlight_escapes_inside_and_outside_marks() -> None:
    text = "<b> may <i>where possible</i>"
    assert highlight(text, [(4, 7), (11, 25)]) == (
        '&lt;b&gt; <mark class="hedge">may</mark> &lt;i&gt;'
        '<mark class="hedge">where possible</mark>&lt;/i&gt;'
    )
    # Spans out of range or overlapping an earlier one are ignored, never raise.
    assert highlight("may", [(0, 3), (1, 2), (5, 9)]) == '<mark class="hedge">may</mark>'


def test_a_list_item_hedged_by_its_lead_in_says_so() -> None:
    item = Evidence(0, 10, "fund them.", None, 4, "", Strength.HEDGED)
    assert "introduces this list" in quotes([item], marks=True)


def test_chart_escapes_labels_and_notes_groups_that_do_not_apply() -> None:
    chart = coverage_chart([Bar("<b>", 1, 2, 3), Bar("INT", 0, 0, 0)], title="t")
    assert "&lt;b&gt;" in chart and "<b>" not in chart
    assert "3/6 · 50%" in chart
    assert "not checked for this document type" in chart


def test_several_documents_on_one_page_have_an_index_and_unique_ids() -> None:
    linter = default_linter()
    first = hostile_report("drafts/first.md")
    second = linter.check_text("The Ministry shall fund women peacebuilders.", path="second.md")
    page = render(run_of(first, second), "html", rules=linter.ruleset)
    assert '<table class="index">' in page
    assert 'href="#doc-1"' in page and 'href="#doc-2"' in page
    assert 'id="d1-missing"' in page and 'id="d2-missing"' in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_pages_write_an_index_beside_one_page_per_document(tmp_path: Path) -> None:
    linter = default_linter()
    documents = [hostile_report("a/draft.md"), hostile_report("b/draft.md")]
    files = html.pages(run_of(*documents), rules=linter.ruleset, index=tmp_path / "out.html")
    assert list(files) == [
        tmp_path / "out.html",
        tmp_path / "out-1-draft.html",
        tmp_path / "out-2-draft.html",
    ]
    index = files[tmp_path / "out.html"]
    assert 'href="out-1-draft.html"' in index and 'href="out-2-draft.html"' in index
    assert index.count("<tr>") == 3  # header and one row per document
    assert "a/draft.md" in index and "%" in index
    assert 'href="out.html"' in files[tmp_path / "out-2-draft.html"]


def test_one_document_is_one_file(tmp_path: Path) -> None:
    files = html.pages(
        run_of(hostile_report()), rules=default_linter().ruleset, index=tmp_path / "r.html"
    )
    assert list(files) == [tmp_path / "r.html"]


def test_check_writes_the_index_and_pages_from_the_command_line(tmp_path: Path) -> None:
    for name in ("one.md", "two.md"):
        (tmp_path / name).write_text(
            "# Plan\n\nThe Ministry shall protect women peacebuilders.\n", encoding="utf-8"
        )
    out = tmp_path / "report" / "index.html"
    out.parent.mkdir()
    result = CliRunner().invoke(
        main,
        ["check", "--format", "html", "-o", str(out), "--fail-on", "never", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "index-1-one.html",
        "index-2-two.html",
        "index.html",
    ]
    assert "index-1-one.html" in out.read_text(encoding="utf-8")


def test_statuses_present_in_the_fixture(page: str) -> None:
    """Guards the fixture: the other tests need one check of every kind of finding."""
    statuses = {check.rule.id: check.status for check in hostile_report().checks}
    assert statuses["LEG01"] is Status.PRESENT
    assert statuses["LEG15"] is Status.WEAK
    assert statuses["AVD01"] is Status.FLAGGED
    assert statuses["LEG08"] is Status.MISSING


def _section(page: str, section: str) -> str:
    start = page.index(f'<section id="{section}">')
    return page[start : page.index("</section>", start)]


def _card(page: str, rule_id: str) -> str:
    start = page.index(f'<article class="finding sev-error" id="{rule_id}">')
    return page[start : page.index("</article>", start)]


def test_unreadable_documents_are_listed_on_the_index() -> None:
    run = run_of(hostile_report())
    run.errors.append(ReadFailure("scan <b>.pdf", "no-text-layer", "no text layer"))
    page = render(run, "html", rules=default_linter().ruleset)
    assert '<h2 id="unreadable">Could not be read</h2>' in page
    assert "scan &lt;b&gt;.pdf" in page and "no text layer" in page
    assert 'href="#doc-1"' in page
