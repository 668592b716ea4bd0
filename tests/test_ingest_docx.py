"""The DOCX reader on documents written with python-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from fixtures import make_docx
from wpslint.document import BlockKind, Document, Location
from wpslint.errors import CORRUPT, TOO_LARGE, DocumentError
from wpslint.ingest import package, read_document

CONTENT = [
    ("title", "National Action Plan on Women, Peace and Security"),
    ("p", "Adopted by the Council of Ministers in 2025."),
    ("h1", "1. Participation"),
    ("p", "The Government shall ensure that women take part in every peace negotiation."),
    ("bullet", "Women mediators are included in local peace committees."),
    ("number", "The Ministry reports every year."),
    ("h2", "1.1 Funding"),
    ("p", "Article 5"),
    ("p", "Each ministry shall set aside a budget line for the plan."),
    (
        "table",
        [
            ["Action", "Responsible", "Budget"],
            ["Train mediators", "Ministry of Interior", "100,000"],
            ["Fund shelters", "Ministry of Health", ""],
        ],
        [((0, 1), (0, 2)), ((1, 2), (2, 2))],
    ),
    ("p", "The Steering Committee reviews the plan."),
]


def texts(document: Document, kind: BlockKind) -> list[str]:
    return [document.text[b.start : b.end] for b in document.blocks if b.kind is kind]


@pytest.fixture
def plan(tmp_path: Path) -> Document:
    path = make_docx(
        tmp_path / "plan.docx", CONTENT, header="CONFIDENTIAL DRAFT", footer="Footer page"
    )
    return read_document(path)


def test_blocks_in_body_order(plan: Document) -> None:
    assert plan.format == "docx"
    assert plan.pages is None
    assert [(b.kind, plan.text[b.start : b.end]) for b in plan.blocks[:9]] == [
        (BlockKind.HEADING, "National Action Plan on Women, Peace and Security"),
        (BlockKind.PARAGRAPH, "Adopted by the Council of Ministers in 2025."),
        (BlockKind.HEADING, "1. Participation"),
        (
            BlockKind.PARAGRAPH,
            "The Government shall ensure that women take part in every peace negotiation.",
        ),
        (BlockKind.LIST_ITEM, "Women mediators are included in local peace committees."),
        (BlockKind.LIST_ITEM, "The Ministry reports every year."),
        (BlockKind.HEADING, "1.1 Funding"),
        (BlockKind.HEADING, "Article 5"),
        (BlockKind.PARAGRAPH, "Each ministry shall set aside a budget line for the plan."),
    ]
    assert plan.title == "National Action Plan on Women, Peace and Security"


def test_heading_levels_and_sections(plan: Document) -> None:
    levels = [(plan.text[b.start : b.end], b.level) for b in plan.blocks if b.level]
    assert levels == [
        ("National Action Plan on Women, Peace and Security", 1),
        ("1. Participation", 1),
        ("1.1 Funding", 2),
        ("Article 5", 1),  # an unstyled numbered heading, recognised from its shape
    ]
    offset = plan.text.index("women take part")
    assert plan.block_at(offset).section == ("1. Participation",)
    assert plan.section_at(plan.text.index("budget line")) == "Article 5"


def test_lines_are_paragraph_ordinals(plan: Document) -> None:
    # 9 body paragraphs, then 8 in the table (the cell under the vertical merge counts).
    assert plan.location(plan.text.index("women take part")) == Location(page=None, line=4)
    assert plan.location(plan.text.index("reviews the plan")) == Location(page=None, line=18)


def test_table_cells_once_each_with_their_row(plan: Document) -> None:
    cells = [
        (plan.text[b.start : b.end], b.table_row)
        for b in plan.blocks
        if b.kind is BlockKind.TABLE_CELL
    ]
    assert cells == [
        ("Action", (0, 0)),
        ("Responsible", (0, 0)),  # spans two columns, read once
        ("Train mediators", (0, 1)),
        ("Ministry of Interior", (0, 1)),
        ("100,000", (0, 1)),  # merged down into the next row, read once
        ("Fund shelters", (0, 2)),
        ("Ministry of Health", (0, 2)),
    ]


def test_headers_and_footers_are_ignored(plan: Document) -> None:
    assert "CONFIDENTIAL" not in plan.text
    assert "Footer page" not in plan.text


def test_offsets_match_blocks(plan: Document) -> None:
    for block in plan.blocks:
        text = plan.text[block.start : block.end]
        assert text and text == text.strip()


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    document = new_docx()
    paragraph = document.add_paragraph("Women shall ")
    paragraph._p.append(
        parse_xml(
            f"<w:del {nsdecls('w')} w:id='1' w:author='a'>"
            "<w:r><w:delText>sometimes </w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f"<w:ins {nsdecls('w')} w:id='2' w:author='a'><w:r><w:t>always</w:t></w:r></w:ins>"
        )
    )
    paragraph.add_run(" take part.")
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    assert read_document(path).text == "Women shall always take part."


def test_outline_level_of_a_custom_style_makes_a_heading(tmp_path: Path) -> None:
    document = new_docx()
    style = document.styles.add_style("Chapeau", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(f"<w:outlineLvl {nsdecls('w')} w:val='1'/>"))
    document.add_paragraph("Protection of defenders", style="Chapeau")
    document.add_paragraph("Defenders shall be protected.")
    path = tmp_path / "outline.docx"
    document.save(str(path))
    read = read_document(path)
    assert (read.blocks[0].kind, read.blocks[0].level) == (BlockKind.HEADING, 2)
    assert read.blocks[1].section == ("Protection of defenders",)


def test_nested_tables_and_content_controls(tmp_path: Path) -> None:
    document = new_docx()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Outer cell"
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Inner cell"
    document.element.body.insert(
        0,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Inside a content control"
            "</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    path = tmp_path / "nested.docx"
    document.save(str(path))
    read = read_document(path)
    found = [(read.text[b.start : b.end], b.kind, b.table_row) for b in read.blocks]
    assert found == [
        ("Inside a content control", BlockKind.PARAGRAPH, None),
        ("Outer cell", BlockKind.TABLE_CELL, (0, 0)),
        ("Inner cell", BlockKind.TABLE_CELL, (1, 0)),
    ]


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    whole = make_docx(tmp_path / "whole.docx", CONTENT).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.code == CORRUPT
    assert str(path) in str(error.value)


def test_zip_without_word_body_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.code == CORRUPT
    assert "word/document.xml" in error.value.message


def test_damaged_word_part_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.code == CORRUPT


@pytest.mark.parametrize("limit", ["MAX_BODY_BYTES", "MAX_PACKAGE_BYTES"])
def test_oversized_package_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str
) -> None:
    path = make_docx(tmp_path / "bomb.docx", CONTENT)
    monkeypatch.setattr(package, limit, 1000)
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.code == TOO_LARGE
    assert "zip bomb" in error.value.message


def test_docx_found_by_content_whatever_its_name(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "plan.txt", CONTENT)
    assert read_document(path).format == "docx"


def test_empty_docx_has_no_text(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "blank.docx", [("p", "   ")])
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.code == "empty"


def test_sample_corpus_plan() -> None:
    path = Path(__file__).resolve().parents[1] / "corpus" / "nap_weak.docx"
    if not path.exists():
        pytest.skip("sample corpus not available")
    document = read_document(path)
    coordination = document.block_at(document.text.index("shall coordinate the implementation"))
    assert coordination.section == ("6. Coordination, monitoring and reporting", "6.1 Coordination")
    assert sum(1 for b in document.blocks if b.kind is BlockKind.TABLE_CELL) > 20
