"""The PDF reader on generated PDFs and, when present, on the development corpus."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from fixtures import make_pdf, make_table_pdf, make_textless_pdf
from wpslint.document import BlockKind, Document, Location
from wpslint.errors import CORRUPT, ENCRYPTED, NO_TEXT_LAYER, DocumentError
from wpslint.ingest import read_document
from wpslint.ingest.cleanup import (
    clean_line,
    is_page_number,
    line_spans,
    page_lines,
    remove_furniture,
)
from wpslint.ingest.pdf_tables import has_grid

CORPUS_DEV = Path("/work/shared/corpus-dev")
CORPUS = Path(__file__).resolve().parents[1] / "corpus"

HEADER = "Second National Action Plan on Women, Peace and Security - Draft"
FOOTER = "Page {page} of {pages}"

PAGE_1 = [
    "1. Introduction",
    "This plan sets out how the Government will support women mediators and women",
    "human rights defenders between 2025 and 2029.",
    "",
    "4.2 Funding",
    "The Ministry of Finance shall fund the plan from the national budget. Women peace-",
    "builders receive grants through a dedicated window of the fund.",
    "The Ministry shall publish the amounts each year and consult the women mediators in the",
]
PAGE_2 = [
    "northern provinces before the budget is adopted.",
    "Article 5",
    "Each ministry shall designate a gender focal point with a budget and a mandate.",
    "(a) The focal point reports to the Steering Committee twice a year.",
    "- Civil society organisations may attend the meetings as full members.",
]
PAGE_3 = [
    "5. Monitoring and evaluation",
    "The Steering Committee shall publish an annual report on the implementation of the plan.",
    "- 3 -",
]


def block_with(document: Document, phrase: str):
    offset = document.text.index(phrase)
    block = document.block_at(offset)
    assert block is not None and block.start <= offset < block.end
    return block


def block_text(document: Document, phrase: str) -> str:
    block = block_with(document, phrase)
    return document.text[block.start : block.end]


@pytest.fixture
def plan(tmp_path: Path) -> Document:
    path = make_pdf(tmp_path / "plan.pdf", [PAGE_1, PAGE_2, PAGE_3], header=HEADER, footer=FOOTER)
    return read_document(path)


def test_pages_and_format(plan: Document) -> None:
    assert plan.format == "pdf"
    assert plan.pages == 3
    assert plan.title == "1. Introduction"


def test_running_header_footer_and_page_numbers_are_removed(plan: Document) -> None:
    assert "Draft" not in plan.text
    assert "Page 1 of 3" not in plan.text and "Page" not in plan.text
    assert "- 3 -" not in plan.text


def test_header_drawn_last_is_removed_too(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "late.pdf", [PAGE_1, PAGE_2, PAGE_3], header=HEADER, header_last=True
    )
    document = read_document(path)
    assert "Draft" not in document.text
    assert "1. Introduction" in document.text


def test_headings_and_sections(plan: Document) -> None:
    headings = [
        (plan.text[block.start : block.end], block.level)
        for block in plan.blocks
        if block.kind is BlockKind.HEADING
    ]
    assert headings == [
        ("1. Introduction", 1),
        ("4.2 Funding", 2),
        ("Article 5", 1),
        ("5. Monitoring and evaluation", 1),
    ]
    assert block_with(plan, "Ministry of Finance").section == ("1. Introduction", "4.2 Funding")
    assert plan.section_at(plan.text.index("gender focal point")) == "Article 5"


def test_hyphenated_line_break_is_joined(plan: Document) -> None:
    assert "Women peacebuilders receive grants" in plan.text
    # The joined word is located on the line that holds its first half.
    assert plan.location(plan.text.index("peacebuilders")) == Location(page=1, line=6)
    assert plan.location(plan.text.index("receive grants")) == Location(page=1, line=7)


def test_paragraph_continues_across_the_page_break(plan: Document) -> None:
    text = block_text(plan, "consult the women mediators")
    assert text == (
        "The Ministry shall publish the amounts each year and consult the women mediators in "
        "the northern provinces before the budget is adopted."
    )
    block = block_with(plan, "consult the women mediators")
    assert (block.page, block.line) == (1, 8)
    # Line numbers count the running header, which is the first line of each page.
    assert plan.location(plan.text.index("northern provinces")) == Location(page=2, line=2)


def test_paragraphs_split_at_sentence_end_and_capital(plan: Document) -> None:
    first = block_text(plan, "Ministry of Finance")
    assert first.endswith("dedicated window of the fund.")
    assert block_with(plan, "publish the amounts").start > block_with(plan, "fund.").start


def test_list_items(plan: Document) -> None:
    item = block_with(plan, "The focal point reports")
    assert item.kind is BlockKind.LIST_ITEM
    assert plan.text[item.start : item.end].startswith("(a) The focal point")
    bullet = block_with(plan, "Civil society organisations")
    assert bullet.kind is BlockKind.LIST_ITEM
    assert plan.text[bullet.start : bullet.end].startswith("Civil society")  # bullet dropped


def test_unnumbered_headings(tmp_path: Path) -> None:
    lines = [
        "5. Monitoring",
        "Reporting duties",
        "The Steering Committee shall publish an annual report on the implementation.",
        "DECLARATION SOLENNELLE SUR L'EGALITE",
        "DE GENRE EN AFRIQUE",
        "Les Etats parties s'engagent a promouvoir la parite dans toutes les instances.",
        "Budget lines",
        "are reviewed.",
    ]
    document = read_document(make_pdf(tmp_path / "titles.pdf", [lines]))
    assert [(b.kind, document.text[b.start : b.end], b.level) for b in document.blocks] == [
        (BlockKind.HEADING, "5. Monitoring", 1),
        (BlockKind.HEADING, "Reporting duties", 2),
        (BlockKind.PARAGRAPH, lines[2], None),
        (BlockKind.HEADING, "DECLARATION SOLENNELLE SUR L'EGALITE DE GENRE EN AFRIQUE", 1),
        (BlockKind.PARAGRAPH, lines[5], None),
        (BlockKind.PARAGRAPH, "Budget lines are reviewed.", None),  # no body line below
    ]


def kinds_and_texts(document: Document) -> list[tuple[BlockKind, str]]:
    return [(block.kind, document.text[block.start : block.end]) for block in document.blocks]


def test_numbered_paragraphs_are_split(tmp_path: Path) -> None:
    lines = [
        "2. Participation",
        "2.1 The Ministry shall establish a reference group of twelve women peacebuilders,",
        "which meets every quarter.",
        "2.2 All delegations shall include women peacebuilders from rural and upland areas.",
        '2.3 "Defender" means a woman who acts to protect the rights of others.',
        "Displacement was widespread across the Upland Provinces in the last three years.",
        "2.5 million women were displaced and most of them have not returned home yet.",
        "2.4 Funding",
        "The Ministry of Finance shall create a dedicated budget line for the Plan every year.",
    ]
    document = read_document(make_pdf(tmp_path / "numbered.pdf", [lines]))
    assert kinds_and_texts(document) == [
        (BlockKind.HEADING, "2. Participation"),
        (BlockKind.PARAGRAPH, f"{lines[1]} {lines[2]}"),
        (BlockKind.PARAGRAPH, lines[3]),
        (BlockKind.PARAGRAPH, lines[4]),
        (BlockKind.PARAGRAPH, f"{lines[5]} {lines[6]}"),  # "2.5 million" numbers nothing
        (BlockKind.HEADING, "2.4 Funding"),  # short, no full stop, body text below
        (BlockKind.PARAGRAPH, lines[8]),
    ]
    assert [block.line for block in document.blocks] == [1, 2, 4, 5, 6, 8, 9]


def test_title_in_large_type_is_the_first_heading(tmp_path: Path) -> None:
    lines = [
        ("Republic of Lunetta: National Action Plan on Women, Peace", 16.0),
        ("and Security (2025-2028)", 16.0),
        "Office of the Vice-President and Ministry of Women and Community Development,",
        "approved by the Council of Ministers on 20 May 2025.",
        "1. Introduction",
        "The Plan commits the Government to protect women peacebuilders.",
    ]
    document = read_document(make_pdf(tmp_path / "title.pdf", [lines]))
    title = "Republic of Lunetta: National Action Plan on Women, Peace and Security (2025-2028)"
    assert document.title == title
    assert kinds_and_texts(document)[:2] == [
        (BlockKind.HEADING, title),
        (BlockKind.PARAGRAPH, f"{lines[2]} {lines[3]}"),
    ]
    assert document.blocks[0].level == 1 and document.blocks[1].line == 3
    assert block_with(document, "Government to protect").section == ("1. Introduction",)


def test_title_in_body_type_is_left_to_the_text_rules(tmp_path: Path) -> None:
    lines = ["National Action Plan on Women, Peace", "and Security", "1. Introduction"]
    document = read_document(make_pdf(tmp_path / "plain.pdf", [lines]))
    assert document.blocks[0].kind is BlockKind.PARAGRAPH
    assert document.title == "1. Introduction"


def test_sentence_cut_by_the_page_break_before_a_capital_is_joined(tmp_path: Path) -> None:
    first = [
        "2.4 The participation costs of women peacebuilders in national dialogues may be",
        "covered by the",
    ]
    second = [
        "Ministry of Women and Community Development, subject to available funds.",
        "2.5 The Conflict Analysis Unit should draw on the perspectives of women.",
    ]
    document = read_document(make_pdf(tmp_path / "break.pdf", [first, second]))
    assert kinds_and_texts(document) == [
        (BlockKind.PARAGRAPH, f"{first[0]} {first[1]} {second[0]}"),
        (BlockKind.PARAGRAPH, second[1]),
    ]
    assert (document.blocks[0].page, document.blocks[0].line) == (1, 1)
    assert document.location(document.text.index("Ministry of Women")) == Location(2, 1)


def test_page_break_after_a_sentence_stays_a_paragraph_break(tmp_path: Path) -> None:
    first = ["The Ministry shall publish the report."]
    second = ["The Ombudsperson shall review it."]
    document = read_document(make_pdf(tmp_path / "two.pdf", [first, second]))
    assert kinds_and_texts(document) == [
        (BlockKind.PARAGRAPH, first[0]),
        (BlockKind.PARAGRAPH, second[0]),
    ]


MATRIX_HEADER = ["Action", "Lead", "Budget (LNT)"]
MATRIX_ROWS = [
    [
        f"Action {number}: train the staff of province {number} on the protection of women "
        "human rights defenders",
        f"Ministry of Justice, unit {number}",
        f"{number}00,000",
    ]
    for number in range(1, 9)
]
BEFORE_MATRIX = [
    f"Paragraph {number} sets out one more commitment of the plan." for number in range(1, 31)
] + ["6. Action matrix"]
AFTER_MATRIX = "Total budget of the Plan: LNT 3,600,000 over four years."


@pytest.fixture
def matrix(tmp_path: Path) -> Document:
    path = make_table_pdf(
        tmp_path / "matrix.pdf",
        BEFORE_MATRIX,
        [MATRIX_HEADER, *MATRIX_ROWS],
        [AFTER_MATRIX],
        col_widths=(90, 60, 30),
    )
    return read_document(path)


def test_ruled_table_cells_across_a_page_break(matrix: Document) -> None:
    cells = [block for block in matrix.blocks if block.kind is BlockKind.TABLE_CELL]
    rows: dict[tuple[int, int], list[str]] = {}
    for cell in cells:
        assert cell.table_row is not None
        rows.setdefault(cell.table_row, []).append(matrix.text[cell.start : cell.end])
    # The header row drawn again on page 2 is dropped; the rows of page 2 are numbered on.
    assert list(rows) == [(0, row) for row in range(len(MATRIX_ROWS) + 1)]
    assert list(rows.values()) == [MATRIX_HEADER, *MATRIX_ROWS]
    assert {cell.page for cell in cells} == {1, 2}
    assert cells[0].section == ("6. Action matrix",)


def test_text_around_a_table_keeps_its_place(matrix: Document) -> None:
    kinds = [block.kind for block in matrix.blocks]
    first_cell = kinds.index(BlockKind.TABLE_CELL)
    assert kinds[:first_cell] == [BlockKind.PARAGRAPH] * 30 + [BlockKind.HEADING]
    assert kinds[first_cell:-1] == [BlockKind.TABLE_CELL] * (len(kinds) - first_cell - 1)
    last = matrix.blocks[-1]
    assert (last.kind, matrix.text[last.start : last.end]) == (BlockKind.PARAGRAPH, AFTER_MATRIX)
    assert last.page == 2


def test_table_cell_lines_point_to_the_page(matrix: Document) -> None:
    for block in matrix.blocks:
        assert matrix.location(block.start) == Location(block.page, block.line)
    header = block_with(matrix, "Budget (LNT)")
    assert header.line == block_with(matrix, "6. Action matrix").line + 1
    wrapped = block_with(matrix, "Action 1: train")
    second_line = matrix.location(matrix.text.index("human rights defenders"))
    assert second_line == Location(wrapped.page, wrapped.line + 1)


def test_pdfplumber_runs_only_for_pages_with_a_grid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    real_open = pdfplumber.open

    def recording_open(*args: object, **kwargs: object) -> pdfplumber.PDF:
        opened.append(args)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(pdfplumber, "open", recording_open)
    read_document(make_pdf(tmp_path / "plan.pdf", [PAGE_1, PAGE_2, PAGE_3], header=HEADER))
    assert opened == []
    path = make_table_pdf(
        tmp_path / "matrix.pdf", BEFORE_MATRIX, [MATRIX_HEADER, *MATRIX_ROWS], [AFTER_MATRIX]
    )
    read_document(path)
    assert len(opened) == 1  # opened once for the two pages of the table


def test_grid_detection(tmp_path: Path) -> None:
    box = make_textless_pdf(tmp_path / "box.pdf")
    ruled = make_table_pdf(tmp_path / "ruled.pdf", ["Text above a rule."], [], [])
    table = make_table_pdf(tmp_path / "table.pdf", [], [MATRIX_HEADER, *MATRIX_ROWS[:1]], [])
    found = []
    for path in (box, ruled, table):
        document = pdfium.PdfDocument(path)
        try:
            found.append(has_grid(document[0]))
        finally:
            document.close()
    assert found == [False, False, True]


@pytest.mark.skipif(not (CORPUS / "nap_grid.pdf").is_file(), reason="sample corpus not present")
def test_sample_plan_reads_block_by_block() -> None:
    # corpus/nap_grid.pdf: title, numbered paragraphs, sentences across page breaks, and an
    # action matrix over two pages; its generator knows the text, one block per line.
    spec = importlib.util.spec_from_file_location("make_nap_grid", CORPUS / "make_nap_grid.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    document = read_document(CORPUS / "nap_grid.pdf")
    blocks = [" ".join(document.text[b.start : b.end].split()) for b in document.blocks]
    assert blocks == [" ".join(line.split()) for line in generator.source_text().splitlines()]
    rows = {b.table_row for b in document.blocks if b.kind is BlockKind.TABLE_CELL}
    assert rows == {(0, row) for row in range(8)}


def test_line_spans_follow_page_lines() -> None:
    raw = "peace\ufffebuilders meet\r\nwomen\n\nmediators\x02led\rend"
    lines = ["peace-", "builders meet", "women", "", "mediators-", "led", "end"]
    assert page_lines(raw) == lines
    assert [clean_line(raw[start:end]) for start, end in line_spans(raw)] == lines


def test_accented_text_is_cleaned_like_ascii_text() -> None:
    for char in ["\x00", "\x01", "\x0b", "\x1f", "\x02", "\ufffe", "\t", "\r"]:
        assert clean_line("é" + char + "x")[1:] == clean_line("a" + char + "x")[1:]
    assert clean_line("é\ufb01n\ufb00e\uf0b7\uf020\x00x") == "éfinffe• x"
    assert page_lines("é\ufb01\r\r\nb\ufffec\n\rd") == ["éfi", "", "b-", "c", "", "d"]


def test_block_offsets_match_text(plan: Document) -> None:
    for block in plan.blocks:
        text = plan.text[block.start : block.end]
        assert text and text == text.strip()
        assert plan.location(block.start) == Location(block.page, block.line)


def test_two_page_pdf_keeps_its_header(tmp_path: Path) -> None:
    # With fewer than three pages nothing repeats often enough to be furniture.
    path = make_pdf(tmp_path / "short.pdf", [PAGE_1, PAGE_2], header=HEADER)
    assert HEADER in read_document(path).text


def test_encrypted_pdf_needs_the_password(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "secret.pdf", [PAGE_1], password="s3cret")
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.code == ENCRYPTED
    assert "--password" in error.value.message
    assert str(path) in str(error.value)

    with pytest.raises(DocumentError) as wrong:
        read_document(path, password="guess")
    assert wrong.value.code == ENCRYPTED
    assert "does not open" in wrong.value.message

    document = read_document(path, password="s3cret")
    assert "4.2 Funding" in document.text


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    path = make_textless_pdf(tmp_path / "scan.pdf", pages=2)
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.code == NO_TEXT_LAYER
    assert "ocrmypdf in.pdf out.pdf" in error.value.message
    assert str(path) in str(error.value)


def test_truncated_pdf_is_corrupt(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", [PAGE_1, PAGE_2, PAGE_3]).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.code == CORRUPT
    assert str(path) in str(error.value)


@pytest.mark.parametrize(
    "line", ["12", "- 12 -", "Page 12", "Page 12 of 40", "12/40", "page 3 sur 9", "(iv)", " 7 "]
)
def test_page_number_lines(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["12 women were consulted", "Article 12", "2024-2028", "I"])
def test_not_page_numbers(line: str) -> None:
    assert not is_page_number(line)


def test_furniture_with_page_number_on_alternate_sides() -> None:
    bodies = ["Women mediators met.", "Funding was agreed.", "Police were trained.", "Done."]
    pages = [
        [f"{n} Report on women" if n % 2 else f"Report on women {n}", body, "More text " + body]
        for n, body in enumerate(bodies, start=1)
    ]
    kept = remove_furniture(pages)
    assert kept == [[(2, body), (3, "More text " + body)] for body in bodies]


def test_numbered_headings_opening_pages_are_not_furniture() -> None:
    pages = [[f"Article {n}", f"States shall act on point {n}.", "More."] for n in range(1, 6)]
    kept = remove_furniture(pages)
    assert [page[0] for page in kept] == [(1, f"Article {n}") for n in range(1, 6)]


@pytest.mark.skipif(not CORPUS_DEV.is_dir(), reason="development corpus not available")
class TestDevelopmentCorpus:
    def test_every_pdf_has_pages_and_text(self) -> None:
        pdfs = sorted(CORPUS_DEV.glob("*.pdf"))
        assert pdfs
        for path in pdfs:
            document = read_document(path)
            assert document.format == "pdf"
            assert document.pages and document.pages > 1
            assert len(document.text) > 5000
            assert all(block.page for block in document.blocks)

    def test_un_resolution_header_removed_and_hyphens_joined(self) -> None:
        document = read_document(CORPUS_DEV / "r1325_art.pdf")
        # "S/RES/1325 (2000)" heads pages 2-4; only the title line of page 1 keeps it.
        assert document.text.count("S/RES/1325 (2000)") == 1
        assert "n0072019.doc" not in document.text
        assert "la déclaration que son Président" in document.text
        assert "\ufffe" not in document.text
        item = block_with(document, "Décide de demeurer activement saisi")
        assert item.kind is BlockKind.LIST_ITEM and item.page == 4

    def test_french_action_plan_chapters(self) -> None:
        document = read_document(CORPUS_DEV / "drc_nap2_fr.pdf")
        chapter = block_with(document, "CHAPITRE 2 : ÉTAT DES LIEUX")
        assert chapter.kind is BlockKind.HEADING and chapter.page == 13
        paix = block_with(document, "2.1.1. Paix")
        assert paix.kind is BlockKind.HEADING and paix.level == 3
        assert paix.section[0].startswith("CHAPITRE 2")
