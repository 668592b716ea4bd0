"""The plain-text and Markdown reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from wpslint.document import BlockKind, Document, DocumentBuilder, Location, SourceLine
from wpslint.ingest import read_document
from wpslint.ingest.structure import has_leader_dots
from wpslint.ingest.text import clean_inline, parse_text

CORPUS_DEV = Path("/work/shared/corpus-dev")
LEGACY = "Women\u2019s rights \u2013 égalité"  # characters that Windows-1252 encodes


def blocks(document: Document) -> list[tuple[BlockKind, str]]:
    return [(b.kind, document.text[b.start : b.end]) for b in document.blocks]


def block_with(document: Document, phrase: str):
    return document.block_at(document.text.index(phrase))


def test_paragraphs_keep_the_line_of_every_line() -> None:
    document = parse_text(
        "The plan covers five years and\nfour pillars of action.\n\nWomen mediators shall be\n"
        "consulted before every\nnegotiation round.\n"
    )
    assert blocks(document) == [
        (BlockKind.PARAGRAPH, "The plan covers five years and four pillars of action."),
        (BlockKind.PARAGRAPH, "Women mediators shall be consulted before every negotiation round."),
    ]
    assert document.location(document.text.index("negotiation round")) == Location(None, 6)
    assert document.location(document.text.index("consulted")) == Location(None, 5)
    assert document.blocks[1].line == 4


def test_markdown_headings_build_the_section_trail() -> None:
    document = parse_text(
        "# Plan\n\nIntro.\n\n## Pillar 1 ##\n\nText one.\n\n### Funding\n\nText two.\n\n"
        "## Pillar 2\n\nText three.\n"
    )
    assert [(b.level, document.text[b.start : b.end]) for b in document.blocks if b.level] == [
        (1, "Plan"),
        (2, "Pillar 1"),
        (3, "Funding"),
        (2, "Pillar 2"),
    ]
    assert block_with(document, "Text two").section == ("Plan", "Pillar 1", "Funding")
    assert block_with(document, "Text three").section == ("Plan", "Pillar 2")


def test_setext_headings_and_thematic_breaks() -> None:
    document = parse_text("Plan\n====\n\nScope\n-----\nText.\n\n***\n\nMore text.\n")
    assert blocks(document) == [
        (BlockKind.HEADING, "Plan"),
        (BlockKind.HEADING, "Scope"),
        (BlockKind.PARAGRAPH, "Text."),
        (BlockKind.PARAGRAPH, "More text."),
    ]
    assert [b.level for b in document.blocks[:2]] == [1, 2]


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("4.2 Funding", 2),
        ("4 Funding", None),  # a single number needs its full stop
        ("4. Funding", 1),
        ("Section 4. Funding", 1),
        ("SEC. 3. DEFINITIONS.", 1),
        ("Article 5", 1),
        ("CHAPTER II", 1),
        ("Section 2. Declaration of Policy.", 1),
        ("2.1.3 Early warning", 3),
    ],
)
def test_numbered_headings_on_a_line_of_their_own(line: str, level: int | None) -> None:
    document = parse_text(f"{line}\n\nThe text of the part.\n")
    first = document.blocks[0]
    assert (first.kind is BlockKind.HEADING) == (level is not None)
    assert first.level == level


def test_keyword_heading_directly_above_its_text() -> None:
    document = parse_text("Article 5\nStates shall protect women human rights defenders.\n")
    assert blocks(document) == [
        (BlockKind.HEADING, "Article 5"),
        (BlockKind.PARAGRAPH, "States shall protect women human rights defenders."),
    ]
    assert document.blocks[1].line == 2


@pytest.mark.parametrize(
    "text",
    [
        "4.2 Funding is provided by the state and\nlocal authorities.",
        "Article 5 of the Constitution guarantees equality.",
        "Section 3. Women shall be represented in all bodies.",
        "section 8.",
        "12 women were consulted in 2024",
    ],
)
def test_sentences_starting_with_numbers_are_not_headings(text: str) -> None:
    document = parse_text(text)
    assert document.blocks[0].kind is not BlockKind.HEADING


@pytest.mark.parametrize(
    "text",
    [
        "26. The Support Facility (budget line 14.02; EUR 1,450,000 for\n"
        "2026), managed by the Unit, provides emergency grants.",
        "26. For accreditation, the Unit transmits to the Directorate of\n"
        "Protocol and Security the names of the participants.",
    ],
)
def test_a_numbered_line_that_runs_on_is_one_paragraph(text: str) -> None:
    document = parse_text(text)
    assert len(document.blocks) == 1
    assert document.blocks[0].kind is not BlockKind.HEADING


def test_numbered_list_is_not_a_run_of_headings() -> None:
    document = parse_text("Actions:\n\n1. Train mediators\n2. Fund shelters\n\n3. Report yearly\n")
    assert [b.kind for b in document.blocks] == [BlockKind.PARAGRAPH] + [BlockKind.LIST_ITEM] * 3


def test_numbered_headings_between_paragraphs() -> None:
    document = parse_text("1. Introduction\n\nSome text.\n\n2. Scope\n\nMore text.\n")
    assert [b.kind for b in document.blocks] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
    ]


def test_list_items_keep_enumerators_and_drop_bullets() -> None:
    document = parse_text(
        "The Caucus shall:\n"
        "- meet monthly;\n"
        "* report yearly,\n  with figures;\n"
        "+ consult women;\n"
        "1. act;\n"
        "(a) review laws;\n"
        "b) train staff;\n"
        "(1) integrate the perspectives of women;\n"
    )
    assert blocks(document) == [
        (BlockKind.PARAGRAPH, "The Caucus shall:"),
        (BlockKind.LIST_ITEM, "meet monthly;"),
        (BlockKind.LIST_ITEM, "report yearly, with figures;"),
        (BlockKind.LIST_ITEM, "consult women;"),
        (BlockKind.LIST_ITEM, "1. act;"),
        (BlockKind.LIST_ITEM, "(a) review laws;"),
        (BlockKind.LIST_ITEM, "b) train staff;"),
        (BlockKind.LIST_ITEM, "(1) integrate the perspectives of women;"),
    ]
    assert document.location(document.text.index("with figures")) == Location(None, 4)


def test_markdown_tables_become_cells() -> None:
    document = parse_text(
        "| Action | Budget |\n|---|:---:|\n| Train **mediators** | 100 |\n| Fund shelters | |\n"
        "\n| Second | table |\n"
    )
    cells = [
        (document.text[b.start : b.end], b.table_row, b.line)
        for b in document.blocks
        if b.kind is BlockKind.TABLE_CELL
    ]
    assert cells == [
        ("Action", (0, 0), 1),
        ("Budget", (0, 0), 1),
        ("Train mediators", (0, 1), 3),
        ("100", (0, 1), 3),
        ("Fund shelters", (0, 2), 4),
        ("Second", (1, 0), 6),
        ("table", (1, 0), 6),
    ]


def test_emphasis_and_links_are_stripped() -> None:
    assert clean_inline("**Bold** and __strong__ and *em* words") == "Bold and strong and em words"
    assert clean_inline("see [the plan](https://example.org/plan) now") == "see the plan now"
    assert clean_inline("5 * 3 * 2 and snake_case_name") == "5 * 3 * 2 and snake_case_name"


def test_bold_run_in_section_title() -> None:
    document = parse_text(
        "**Section 1. Short Title.** — This Act shall be known as the Caucus Act.\n"
    )
    assert blocks(document) == [
        (BlockKind.HEADING, "Section 1. Short Title."),
        (BlockKind.PARAGRAPH, "This Act shall be known as the Caucus Act."),
    ]
    assert [b.line for b in document.blocks] == [1, 1]
    assert document.blocks[1].section == ("Section 1. Short Title.",)


def test_capitals_paragraph_is_a_heading() -> None:
    document = parse_text("**EXPLANATORY NOTE**\n\nThe bill creates a caucus.\n")
    assert blocks(document)[0] == (BlockKind.HEADING, "EXPLANATORY NOTE")


def test_code_fences_are_kept_as_text() -> None:
    document = parse_text("```\n# not a heading\n- nor a list\n```\n")
    assert blocks(document) == [(BlockKind.PARAGRAPH, "# not a heading - nor a list")]


def test_front_matter_is_skipped() -> None:
    document = parse_text("---\ntitle: Plan\nlayout: page\n---\n\n# Plan\n\nText.\n")
    assert blocks(document) == [(BlockKind.HEADING, "Plan"), (BlockKind.PARAGRAPH, "Text.")]
    assert document.blocks[0].line == 6


def test_tables_separated_by_a_heading_are_two_tables() -> None:
    document = parse_text("| a |\n# Next\n| b |\n")
    assert [b.table_row for b in document.blocks] == [(0, 0), None, (1, 0)]


def test_block_offsets_match_text() -> None:
    document = parse_text("# Title\n\nOne two.\nThree.\n\n- item\n\n| a | b |\n")
    for block in document.blocks:
        text = document.text[block.start : block.end]
        assert text and text == text.strip()
        assert document.location(block.start).line == block.line


@pytest.mark.parametrize(
    ("line", "dotted"),
    [
        ("Introduction ........ 3", True),
        ("Contexte \u2026\u2026 4", True),
        ("Funding . . . . 5", True),
        ("Wait... and see", False),
        ("Funding . . . 5", False),
        ("Contexte \u2026 4", False),
    ],
)
def test_leader_dots(line: str, dotted: bool) -> None:
    assert has_leader_dots(line) is dotted


def test_builder_tidies_spaces_and_invisible_characters() -> None:
    builder = DocumentBuilder("mem.txt", "text")
    lines = ["  Women\u00a0peace\u00adbuilders\t meet ", "the\u200b  Ministry.", " \u2028 ", "End."]
    builder.add(
        BlockKind.PARAGRAPH, [SourceLine(text, number) for number, text in enumerate(lines, 1)]
    )
    document = builder.build()
    assert document.text == "Women peacebuilders meet the Ministry. End."
    assert [document.location(offset).line for offset in (0, 25, 39)] == [1, 2, 4]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Égalité des femmes\r\nsecond line".encode("utf-8-sig"), "Égalité des femmes second line"),
        (b"Women\xe2\x80\x99s rights", "Women\u2019s rights"),
        (LEGACY.encode("cp1252"), LEGACY),
        ("Égalité".encode("utf-16"), "Égalité"),
        (b"Line one\rLine two", "Line one Line two"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    document = read_document(path)
    assert document.text == expected
    assert document.format == "text"


def test_undecodable_bytes_never_crash(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Women \x81\x8d\x8f\x90\x9d peace " + bytes(range(0x80, 0x100)))
    assert read_document(path).text.startswith("Women")


def test_crlf_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "windows.md"
    path.write_bytes(b"# Plan\r\n\r\nFirst line\r\nsecond line with funding\r\n")
    document = read_document(path)
    assert document.format == "markdown"
    assert document.location(document.text.index("funding")) == Location(None, 4)


@pytest.mark.skipif(not CORPUS_DEV.is_dir(), reason="development corpus not available")
class TestDevelopmentCorpus:
    def test_us_act_sections_are_headings(self) -> None:
        document = read_document(CORPUS_DEV / "us_wps_act_2017.txt")
        heading = block_with(document, "§ 2152j\u20131. United States strategy")
        assert heading.kind is BlockKind.HEADING and heading.level == 4
        requirement = block_with(document, "Not later than one year after")
        title = document.text[heading.start : heading.end]
        assert requirement.section[-2:] == (title, "(a) Requirement")
        item = block_with(document, "(3) promote the physical safety")
        assert item.kind is BlockKind.LIST_ITEM
        assert document.location(item.start) == Location(None, 18)

    def test_bangsamoro_bill_sections(self) -> None:
        document = read_document(CORPUS_DEV / "barmm_bill26_womens_caucus_2022.txt")
        mandate = block_with(document, "Consolidate access and representation")
        assert mandate.kind is BlockKind.LIST_ITEM
        assert mandate.section_title == "Section 5. Mandate."
        assert "**" not in document.text

    def test_every_text_file_reads(self) -> None:
        for path in sorted(CORPUS_DEV.glob("*.txt")):
            document = read_document(path)
            assert document.format in ("text", "markdown")
            assert document.blocks and all(b.page is None for b in document.blocks)
