"""The HTML reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpslint.document import BlockKind, Document, Location
from wpslint.ingest import read_document

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Guidelines on women human rights defenders</title>
<style>p { color: red; }</style>
<script>var hidden = "never shown";</script>
</head>
<body>
<h1>Guidelines for missions</h1>
<p>These guidelines apply to all staff
of missions &amp; consulates.</p>
<h2>1. Contact</h2>
<ul>
<li>Missions shall meet <b>women</b> peace&shy;builders twice a year.</li>
<li><p>Missions shall publish the guidelines.</p><p>They shall translate them.</p></li>
</ul>
<h3>1.1 Budget</h3>
<table>
<tr><th>Action</th><th>Budget</th></tr>
<tr><td>Training</td><td>10&nbsp;000&nbsp;&euro;</td></tr>
</table>
<noscript>Enable scripts</noscript>
<template><p>Template text</p></template>
<svg><title>Logo</title><text>SVG text</text></svg>
<div>Contact: the protection focal point<br>First Secretary (Political)</div>
<p>Wo<i>men</i>&#8217;s organisations are partners.</p>
</body>
</html>
"""


def write(tmp_path: Path, text: str, name: str = "page.html", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def page(tmp_path: Path) -> Document:
    return read_document(write(tmp_path, PAGE))


def test_blocks(page: Document) -> None:
    assert page.format == "html"
    assert [(b.kind, page.text[b.start : b.end]) for b in page.blocks] == [
        (BlockKind.HEADING, "Guidelines for missions"),
        (BlockKind.PARAGRAPH, "These guidelines apply to all staff of missions & consulates."),
        (BlockKind.HEADING, "1. Contact"),
        (BlockKind.LIST_ITEM, "Missions shall meet women peacebuilders twice a year."),
        (BlockKind.LIST_ITEM, "Missions shall publish the guidelines. They shall translate them."),
        (BlockKind.HEADING, "1.1 Budget"),
        (BlockKind.TABLE_CELL, "Action"),
        (BlockKind.TABLE_CELL, "Budget"),
        (BlockKind.TABLE_CELL, "Training"),
        (BlockKind.TABLE_CELL, "10 000 €"),
        (
            BlockKind.PARAGRAPH,
            "Contact: the protection focal point First Secretary (Political)",
        ),
        (BlockKind.PARAGRAPH, "Women\u2019s organisations are partners."),
    ]


def test_invisible_content_is_skipped(page: Document) -> None:
    for hidden in ("color: red", "never shown", "Enable scripts", "Template text", "SVG", "Logo"):
        assert hidden not in page.text


def test_headings_levels_and_sections(page: Document) -> None:
    assert [b.level for b in page.blocks if b.kind is BlockKind.HEADING] == [1, 2, 3]
    cell = page.block_at(page.text.index("Training"))
    assert cell.section == ("Guidelines for missions", "1. Contact", "1.1 Budget")
    assert page.title == "Guidelines for missions"


def test_table_rows(page: Document) -> None:
    rows = [b.table_row for b in page.blocks if b.kind is BlockKind.TABLE_CELL]
    assert rows == [(0, 0), (0, 0), (0, 1), (0, 1)]


def test_source_lines(page: Document) -> None:
    assert page.location(page.text.index("of missions")) == Location(None, 12)
    assert page.location(page.text.index("These guidelines")) == Location(None, 11)
    assert page.location(page.text.index("First Secretary")) == Location(None, 26)
    assert page.location(page.text.index("They shall translate")) == Location(None, 16)
    for block in page.blocks:
        assert page.location(block.start).line == block.line


def test_title_used_only_without_headings(tmp_path: Path) -> None:
    path = write(tmp_path, "<html><head><title>Event protocol</title></head><p>Text.</p></html>")
    assert read_document(path).title == "Event protocol"


def test_omitted_end_tags(tmp_path: Path) -> None:
    source = (
        "<html><head><title>x</title>\n<body><p>First\n<p>Second<ul><li>one<li>two</ul>"
        "<table><tr><td>a<td>b<tr><td>c</table>"
    )
    document = read_document(write(tmp_path, source))
    assert [(b.kind, document.text[b.start : b.end], b.table_row) for b in document.blocks] == [
        (BlockKind.PARAGRAPH, "First", None),
        (BlockKind.PARAGRAPH, "Second", None),
        (BlockKind.LIST_ITEM, "one", None),
        (BlockKind.LIST_ITEM, "two", None),
        (BlockKind.TABLE_CELL, "a", (0, 0)),
        (BlockKind.TABLE_CELL, "b", (0, 0)),
        (BlockKind.TABLE_CELL, "c", (0, 1)),
    ]


def test_unclosed_head_or_title_does_not_hide_the_body(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "<html><head><title>T</title><p>Visible text.</p>"))
    assert document.text == "Visible text."
    document = read_document(write(tmp_path, "<html><title>Plan<p>Body text.</p>", "open.html"))
    assert (document.text, document.title) == ("Body text.", "Plan")


def test_nested_lists_and_tables(tmp_path: Path) -> None:
    source = (
        "<ul><li>Parent item<ul><li>Child item</li></ul></li></ul>"
        "<table><tr><td>Outer<table><tr><td>Inner</td></tr></table></td></tr></table>"
    )
    document = read_document(write(tmp_path, source, "nested.html"))
    assert [(b.kind, document.text[b.start : b.end], b.table_row) for b in document.blocks] == [
        (BlockKind.LIST_ITEM, "Parent item", None),
        (BlockKind.LIST_ITEM, "Child item", None),
        (BlockKind.TABLE_CELL, "Outer", (0, 0)),
        (BlockKind.TABLE_CELL, "Inner", (1, 0)),
    ]


def test_declared_legacy_charset(tmp_path: Path) -> None:
    source = '<html><head><meta charset="windows-1252"></head><body><p>Égalité \u2013 parité</p>'
    document = read_document(write(tmp_path, source, encoding="cp1252"))
    assert document.text == "Égalité \u2013 parité"


def test_html_found_by_content_in_a_text_file(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, PAGE, "saved-page.txt"))
    assert document.format == "html"
    assert "never shown" not in document.text


def test_sample_corpus_guideline() -> None:
    path = Path(__file__).resolve().parents[1] / "corpus" / "guideline_mission.html"
    if not path.exists():
        pytest.skip("sample corpus not available")
    document = read_document(path)
    item = document.block_at(document.text.index("designate a gender focal point"))
    assert item.kind is BlockKind.LIST_ITEM
    assert item.section[-1] == "2. Roles in each mission"
