"""The document model every reader produces and every later stage consumes.

A document is one string of text (``Document.text``) plus the structure read from the source
file: blocks (headings, paragraphs, list items, table cells) with their character offsets,
the heading trail each sits under, and a line index that maps any character offset back to
the page and line of the original file. Rules work on the text; reports point users back to
the file through the line index.

Readers do not build these objects by hand: they feed source lines to ``DocumentBuilder``,
which joins them, keeps offsets consistent and tracks the heading trail.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import Enum


class BlockKind(str, Enum):
    """The structural role of a block."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"


#: Text placed between blocks in ``Document.text``. Sentence segmentation never crosses it.
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line as a reader found it in the file, before blocks are joined."""

    text: str
    line: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph, list item or table cell, located in the text and the file."""

    kind: BlockKind
    start: int
    end: int
    page: int | None
    line: int
    section: tuple[str, ...]
    level: int | None = None
    table_row: tuple[int, int] | None = None

    @property
    def section_title(self) -> str:
        """The innermost heading the block sits under ("" at the top of the document)."""
        return self.section[-1] if self.section else ""


@dataclass(frozen=True, slots=True)
class Location:
    """Where an offset of the text lies in the original file."""

    page: int | None
    line: int


@dataclass(slots=True)
class Document:
    """A read document: the text, its blocks and the offset -> page/line index."""

    path: str
    format: str
    text: str
    blocks: list[Block]
    pages: int | None = None
    title: str | None = None
    #: What a reader could not take in, such as scanned pages without text, one line each.
    warnings: list[str] = field(default_factory=list)
    _line_offsets: list[int] = field(default_factory=list, repr=False)
    #: The (page, line) of each line, made a ``Location`` only when asked for: a document
    #: has thousands of lines and a check looks up a few hundred.
    _line_locations: list[tuple[int | None, int]] = field(default_factory=list, repr=False)
    _block_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._block_starts = [block.start for block in self.blocks]

    def location(self, offset: int) -> Location:
        """The page and line of the file that holds character ``offset`` of the text."""
        index = bisect.bisect_right(self._line_offsets, offset) - 1
        if index < 0:
            return Location(page=self.blocks[0].page if self.blocks else None, line=1)
        return Location(*self._line_locations[index])

    def block_at(self, offset: int) -> Block | None:
        """The block that contains ``offset`` (or the last one that starts before it)."""
        index = bisect.bisect_right(self._block_starts, offset) - 1
        return self.blocks[index] if index >= 0 else None

    def section_at(self, offset: int) -> str:
        """The heading trail at ``offset``, innermost last, joined for display."""
        block = self.block_at(offset)
        return block.section_title if block else ""

    @property
    def word_count(self) -> int:
        return len(self.text.split())


class DocumentBuilder:
    """Assembles a ``Document`` from the blocks a reader finds, in reading order.

    Lines of one block are joined with single spaces so that sentences read whole; a hyphen
    that breaks a word at the end of a line is removed when the next line continues the word
    in lower case ("peace-" + "builders" -> "peacebuilders"), and invisible formatting
    characters such as soft hyphens are dropped. Headings update the trail of section titles
    that later blocks carry.
    """

    def __init__(self, path: str, fmt: str, pages: int | None = None) -> None:
        self._path = path
        self._format = fmt
        self._pages = pages
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._line_offsets: list[int] = []
        self._line_locations: list[tuple[int | None, int]] = []
        self._trail: list[tuple[int, str]] = []
        #: The titles of ``_trail``, shared by the blocks under them until the next heading.
        self._section: tuple[str, ...] = ()
        self._title: str | None = None

    def add(
        self,
        kind: BlockKind,
        lines: list[SourceLine],
        *,
        level: int | None = None,
        table_row: tuple[int, int] | None = None,
    ) -> Block | None:
        """Append one block made of ``lines``; blank blocks are skipped (returns None)."""
        texts, lines, text = _tidied(lines)
        if not texts:
            return None
        if self._parts:
            self._append(BLOCK_SEPARATOR)
        start = self._length
        text = self._join(texts, lines, text, start)
        self._append(text)
        heading = kind is BlockKind.HEADING
        if heading:
            self._open_section(level or 1, text)
        first = lines[0]
        block = Block(
            kind=kind,
            start=start,
            end=self._length,
            page=first.page,
            line=first.line,
            section=self._section,
            level=level if heading else None,
            table_row=table_row,
        )
        self._blocks.append(block)
        return block

    def build(self) -> Document:
        """The finished document; the builder should not be used afterwards."""
        return Document(
            path=self._path,
            format=self._format,
            text="".join(self._parts),
            blocks=self._blocks,
            pages=self._pages,
            title=self._title,
            _line_offsets=self._line_offsets,
            _line_locations=self._line_locations,
        )

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    def _join(self, texts: list[str], lines: list[SourceLine], joined: str, start: int) -> str:
        """The text of a block from its non-blank lines (their tidied ``texts``, ``joined``
        with single spaces), which start at offset ``start``; where each line starts is
        recorded for ``Document.location``."""
        self._line_locations += [(line.page, line.line) for line in lines]
        if "- " in joined:
            # A line may end in a hyphen that breaks a word: joined line by line.
            return self._join_hyphenated(texts, start)
        # No line but the last ends in a hyphen (it would stand before a space), so every
        # line is followed by one space: joined in C, the offsets only summed.
        offsets = self._line_offsets
        offset = start
        for piece in texts:
            offsets.append(offset)
            offset += len(piece) + 1
        return joined

    def _join_hyphenated(self, texts: list[str], start: int) -> str:
        """``_join`` for lines of which some may end in a hyphen that breaks a word."""
        offsets = self._line_offsets
        text = ""
        for piece in texts:
            if text:
                if _breaks_word(text, piece):
                    text = text[:-1]
                else:
                    text += " "
            offsets.append(start + len(text))
            text += piece
        return text

    def _open_section(self, level: int, title: str) -> None:
        """Make heading ``title`` of ``level`` the innermost section of the blocks after it."""
        while self._trail and self._trail[-1][0] >= level:
            self._trail.pop()
        self._trail.append((level, title))
        self._section = tuple(heading for _, heading in self._trail)
        if self._title is None:
            self._title = title


#: Characters that only guide line breaking or joining (soft hyphen, zero-width space, word
#: joiner, byte order mark); left in, they would split words such as "peace\u00adbuilders".
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
#: Halves of UTF-16 surrogate pairs on their own (text decoded with "surrogateescape" holds
#: them); they are no characters, and spaCy cannot store them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _tidied(lines: list[SourceLine]) -> tuple[list[str], list[SourceLine], str]:
    """The tidied texts of the non-blank ``lines``, those lines, and the texts joined with
    single spaces.

    Most blocks need no tidying, and one test of the joined text says so for all their lines
    at once: it holds no double space, nor a space at either end, only when no line is blank
    or has a space at either end (or two inside).
    """
    texts = [line.text for line in lines]
    joined = " ".join(texts)
    if joined and _is_tidy(joined):
        return texts, lines, joined
    pieces = [(text, line) for line in lines if (text := _tidy(line.text))]
    texts = [text for text, _ in pieces]
    return texts, [line for _, line in pieces], " ".join(texts)


def _tidy(text: str) -> str:
    """``text`` without invisible characters, trimmed, its runs of white space made single
    spaces."""
    if _is_tidy(text):
        return text
    return " ".join(_visible(text).split())


def _is_tidy(text: str) -> bool:
    """True when ``_tidy`` would leave ``text`` as it is.

    Saying so is several times cheaper than splitting and joining: every character
    ``_visible`` removes or replaces, and every white space character but the space, is
    unprintable.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def _visible(text: str) -> str:
    # isascii() is a flag lookup, so the common case costs nothing.
    if text.isascii():
        return text
    return _INVISIBLE.sub("", _SURROGATE.sub("\ufffd", text))


def _breaks_word(previous: str, following: str) -> bool:
    """True when ``previous`` ends in a hyphen that splits a word continued by ``following``."""
    return (
        len(previous) >= 2
        and previous.endswith("-")
        and previous[-2].isalpha()
        and following[:1].islower()
    )
