"""Rebuilding headings, paragraphs and list items from the lines of PDF pages.

A PDF text layer is a list of lines with no paragraph marks. A paragraph ends at a blank
line, or where a line ends a sentence and the next starts with a capital or a paragraph
number ("1.2 The Plan ..."); a list marker starts a list item; numbered, capitalised or short
title-like lines become headings. A paragraph that runs over a page break is joined again
under the same rule, so that a sentence split by the page is read whole (and a word
hyphenated across the break is mended by the builder). Blocks a reader has already made from
the page layout (table cells, the title) come in among the lines and are kept as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from wpslint.document import BlockKind, SourceLine
from wpslint.ingest.structure import (
    Pending,
    continues,
    ends_sentence,
    has_leader_dots,
    heading_level,
    is_caps_line,
    item_number,
    list_marker,
    numbers_paragraph,
    strip_bullet,
)

#: A numbered line of a page, as ``remove_furniture`` returns it.
Line = tuple[int, str]

#: A short heading ("Funding", "Contexte et justification") has at most this many words...
SHORT_HEADING_WORDS = 8
SHORT_HEADING_CHARS = 60
#: ...and is followed by a body line at least this long.
BODY_LINE_CHARS = 40
#: Headings in capitals that wrap are joined up to this many lines.
MAX_HEADING_LINES = 3


def segment(pages: Sequence[Sequence[Line | Pending]]) -> list[Pending]:
    """Blocks of a document from its pages' numbered lines (page numbers count from 1).

    A page may also hold blocks already made (``Pending``), in reading order among its lines.
    """
    blocks: list[Pending] = []
    segmenter = _PageSegmenter()
    for page, items in enumerate(pages, start=1):
        page_blocks = segmenter.segment(page, items)
        if blocks and page_blocks and _continues(blocks[-1], page_blocks[0]):
            blocks[-1].lines.extend(page_blocks.pop(0).lines)
        blocks.extend(page_blocks)
    return blocks


def _continues(previous: Pending, first: Pending) -> bool:
    """True when the first paragraph of a page carries on the last block of the page before:
    a page break is no paragraph break unless a sentence ends there and a new one starts."""
    return (
        previous.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
        and first.kind is BlockKind.PARAGRAPH
        and not _starts_paragraph(previous.lines[-1].text, first.lines[0].text)
    )


def _starts_paragraph(previous: str, text: str) -> bool:
    """True when line ``text`` after line ``previous`` of running text opens a new paragraph."""
    return ends_sentence(previous) and (text[0].isupper() or numbers_paragraph(text))


class _PageSegmenter:
    """Groups the lines of one page into blocks, remembering heading depth across pages."""

    def __init__(self) -> None:
        self._level = 0  # of the last numbered or capitalised heading
        self._item_number: int | None = None  # of the last list item numbered "N."

    def segment(self, page: int, items: Sequence[Line | Pending]) -> list[Pending]:
        blocks: list[Pending] = []
        current: Pending | None = None
        # Each line is stripped once, and read again as the line after the one before.
        texts = ["" if isinstance(item, Pending) else item[1].strip() for item in items]
        for item, (text, following) in zip(items, pairwise([*texts, ""]), strict=True):
            if isinstance(item, Pending):
                blocks.append(item)
                current = None
                continue
            if not text:
                current = None
                continue
            line = SourceLine(text, item[0], page)
            if current is not None and _plainly_continues(text, current):
                current.lines.append(line)
                continue
            block = self._classify(text, line, following, current)
            if block is None:
                assert current is not None  # only a started block can be continued
                current.lines.append(line)
            else:
                blocks.append(block)
                current = block
        return blocks

    def _classify(
        self, text: str, line: SourceLine, following: str, current: Pending | None
    ) -> Pending | None:
        """A new block starting with ``line``, or None when the line continues ``current``.

        A line the ``following`` line continues is no heading, and asking that first spares
        the costlier heading tests for the first line of most paragraphs.
        """
        continued = continues(following)
        level = None if continued else heading_level(text)
        if level is not None and not self._next_item(text):
            return self._heading(line, level)
        if (
            current is not None
            and current.kind is BlockKind.HEADING
            and _wraps_heading(current, text)
        ):
            return None
        marker = list_marker(text)
        if marker:
            if not marker["bullet"] and not continued and is_caps_line(text):
                return self._heading(line, 1)  # "III. LES RESOLUTIONS ..."
            self._item_number = item_number(text)
            return Pending(BlockKind.LIST_ITEM, [_replace(line, strip_bullet(text, marker))])
        starts_block = (
            current is None
            or current.kind is BlockKind.HEADING
            or _starts_paragraph(current.lines[-1].text, text)
        )
        if not starts_block:
            return None
        if not continued and is_caps_line(text):
            return self._heading(line, 1)
        if _short_heading(text, following):
            # An unnumbered title ("Contenu") sits below the last numbered or capital one.
            return Pending(BlockKind.HEADING, [line], self._level + 1)
        return Pending(BlockKind.PARAGRAPH, [line])

    def _heading(self, line: SourceLine, level: int) -> Pending:
        self._level = level
        return Pending(BlockKind.HEADING, [line], level)

    def _next_item(self, text: str) -> bool:
        """True when ``text`` numbered "N." follows list item N-1: an item, not a heading."""
        number = item_number(text)
        return number is not None and self._item_number == number - 1


def _plainly_continues(text: str, current: Pending) -> bool:
    """A line in lower case inside a paragraph or list item, without a list marker: it can
    only carry on the block, so the costlier heading tests are skipped (most lines of running
    text are such lines)."""
    return text[0].islower() and current.kind is not BlockKind.HEADING and list_marker(text) is None


def _wraps_heading(heading: Pending, text: str) -> bool:
    """A capitalised line that carries on a capitalised heading broken over lines."""
    last = heading.lines[-1].text
    return (
        len(heading.lines) < MAX_HEADING_LINES
        and is_caps_line(text)
        and last.isupper()
        and last[-1] not in ".:;"
    )


def _short_heading(text: str, following: str) -> bool:
    """A short title-like line ("Contexte", "Funding and budget") above a body line."""
    return (
        len(text) <= SHORT_HEADING_CHARS
        and len(text.split()) <= SHORT_HEADING_WORDS
        and text[0].isupper()
        and text[-1] not in ".,;:!?"
        and len(following) >= max(BODY_LINE_CHARS, len(text) * 3 // 2)
        and following[0].isupper()
        and not has_leader_dots(text)
    )


def _replace(line: SourceLine, text: str) -> SourceLine:
    return SourceLine(text, line.line, line.page)
