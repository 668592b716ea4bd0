"""Edge cases of the shortcuts the PDF path takes: they must give what the plain way gives."""

from __future__ import annotations

import pytest

from wpslint.document import BlockKind, DocumentBuilder, SourceLine
from wpslint.ingest.cleanup import page_lines
from wpslint.ingest.paragraphs import segment
from wpslint.ingest.structure import Pending


@pytest.mark.parametrize(
    ("raw", "lines"),
    [
        ("", [""]),
        ("a", ["a"]),
        ("a\r\n", ["a", ""]),
        ("a\r\nb\rc\n\n", ["a", "b", "c", "", ""]),
        ("a\x0cb\x1cc\x0bd", ["a b c d"]),  # not line breaks in a PDF text layer
        ("é\r\nb\x0c\r", ["é", "b ", ""]),
    ],
)
def test_page_lines_end_lines_at_cr_and_lf_only(raw: str, lines: list[str]) -> None:
    assert page_lines(raw) == lines


def test_segment_reads_empty_pages_and_pages_of_made_blocks() -> None:
    cell = Pending(BlockKind.TABLE_CELL, [SourceLine("Cell", 1, 2)], table_row=(0, 0))
    blocks = segment([[(1, "The plan starts here and")], [], [cell], [(1, "goes on.")]])
    assert [(block.kind, [line.text for line in block.lines]) for block in blocks] == [
        (BlockKind.PARAGRAPH, ["The plan starts here and"]),
        (BlockKind.TABLE_CELL, ["Cell"]),
        (BlockKind.PARAGRAPH, ["goes on."]),
    ]


def test_builder_tidies_blocks_with_blank_and_spaced_lines() -> None:
    builder = DocumentBuilder("x", "pdf")
    lines = [
        SourceLine(text, number, 1)
        for number, text in enumerate(["", " Women  peace-", "builders ", "\u00ad"], 1)
    ]
    block = builder.add(BlockKind.PARAGRAPH, lines)
    document = builder.build()
    assert block is not None and (block.line, document.text) == (2, "Women peacebuilders")
    assert document.location(len("Women peace")).line == 3
