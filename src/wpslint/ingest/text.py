"""The plain-text and Markdown reader.

Most drafts that are not PDF or Word arrive as text exported from an editor, often with a
little Markdown: ``#`` headings, ``**bold**`` section titles, ``- `` bullets and pipe tables.
One reader serves both, because the same conventions turn up in files of either name.
Paragraphs are separated by blank lines, and every line keeps its own line number so that a
finding in the middle of a long paragraph points at the right line of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from wpslint.document import BlockKind, Document, DocumentBuilder, SourceLine
from wpslint.errors import UNREADABLE, DocumentError
from wpslint.ingest.encoding import decode
from wpslint.ingest.sniff import TEXT
from wpslint.ingest.structure import (
    Pending,
    continues,
    emit,
    heading_level,
    is_caps_line,
    item_number,
    list_marker,
    strip_bullet,
)

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*(?::?-+:?\s*)?\|?\s*$")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
# A bold lead-in heading followed by its text: "**Section 1. Short Title.** — This Act ..."
_RUN_IN_HEADING = re.compile(
    r"^(\*\*|__)(?P<head>[^*_]+?)\1\s*(?:[-\u2013\u2014:]\s*)?(?P<rest>\S.*)$"
)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
#: Paragraphs of capitals up to this many lines are headings ("AN ACT / CREATING THE ...").
MAX_CAPS_HEADING_LINES = 3
_MAX_FRONT_MATTER_LINES = 100


def read_text(path: Path, fmt: str = TEXT) -> Document:
    """Read a plain-text or Markdown file; ``fmt`` is recorded as the document's format."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), UNREADABLE, f"cannot be read ({exc.strerror})") from exc
    return parse_text(decode(data), str(path), fmt)


def parse_text(text: str, path: str = "<text>", fmt: str = TEXT) -> Document:
    """The document held in ``text`` (plain text or Markdown), reported under ``path``."""
    builder = DocumentBuilder(path, fmt)
    lines = _blank_front_matter(text.replace("\r\n", "\n").split("\n"))
    emit(builder, _TextParser(lines).blocks())
    return builder.build()


def _blank_front_matter(lines: list[str]) -> list[str]:
    """Blank out a YAML front matter block ("---" ... "---") that opens a Markdown file.

    It holds metadata for site generators, not provisions; the lines are kept (blank) so that
    line numbers do not move.
    """
    if not lines or lines[0].strip() != "---":
        return lines
    for index in range(1, min(len(lines), _MAX_FRONT_MATTER_LINES)):
        if lines[index].strip() in ("---", "..."):
            return [""] * (index + 1) + lines[index + 1 :]
    return lines


def clean_inline(text: str) -> str:
    """``text`` without Markdown emphasis markers and link targets."""
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\1", _STRONG.sub(r"\2", text))
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    return text


class _TextParser:
    """A single pass over the lines; ``_pending`` is the paragraph or list item being read."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._pending: Pending | None = None
        self._tables = -1
        self._row = -1
        self._last_table_line = -2  # index of the last table row read
        self._in_fence = False

    def blocks(self) -> Iterator[Pending]:
        for index, raw in enumerate(self._lines):
            yield from self._line(index, raw)
        yield from self._flush()

    def _line(self, index: int, raw: str) -> Iterator[Pending]:
        number = index + 1
        text = raw.strip()
        if _FENCE.match(raw):
            self._in_fence = not self._in_fence
            yield from self._flush()
        elif not text:
            yield from self._flush()
        elif self._in_fence:
            self._append(BlockKind.PARAGRAPH, SourceLine(text, number))
        elif heading := _ATX_HEADING.match(raw):
            yield from self._flush()
            title = clean_inline(heading[2] or "")
            yield Pending(BlockKind.HEADING, [SourceLine(title, number)], len(heading[1]))
        elif self._is_setext_rule(raw):
            assert self._pending is not None
            self._pending.kind = BlockKind.HEADING
            self._pending.level = 1 if text[0] == "=" else 2
            yield from self._flush()
        elif _THEMATIC_BREAK.match(raw):
            yield from self._flush()
        elif _TABLE_ROW.match(raw):
            yield from self._flush()
            yield from self._table_row(index, text)
        else:
            yield from self._text_line(index, text)

    def _is_setext_rule(self, raw: str) -> bool:
        """An underline of "=" or "-" that makes the paragraph above it a heading."""
        return (
            self._pending is not None
            and self._pending.kind is BlockKind.PARAGRAPH
            and _SETEXT_RULE.match(raw) is not None
        )

    def _text_line(self, index: int, text: str) -> Iterator[Pending]:
        number = index + 1
        marker = list_marker(text)
        if self._pending is None or marker:
            yield from self._flush()
            run_in = _RUN_IN_HEADING.match(text)
            head = run_in["head"].strip() if run_in else ""
            level = heading_level(head) if head else None
            if run_in and level is not None:
                yield Pending(BlockKind.HEADING, [SourceLine(head, number)], level)
                text = run_in["rest"]
                marker = list_marker(text)
            else:
                level = self._numbered_heading(index, text)
                if level is not None:
                    line = SourceLine(clean_inline(text), number)
                    yield Pending(BlockKind.HEADING, [line], level)
                    return
        if marker:
            line = SourceLine(clean_inline(strip_bullet(text, marker)), number)
            self._pending = Pending(BlockKind.LIST_ITEM, [line])
        else:
            self._append(BlockKind.PARAGRAPH, SourceLine(clean_inline(text), number))

    def _append(self, kind: BlockKind, line: SourceLine) -> None:
        """Add ``line`` to the pending block, or start a block of ``kind`` with it."""
        if self._pending is None:
            self._pending = Pending(kind, [line])
        else:
            self._pending.lines.append(line)

    def _numbered_heading(self, index: int, text: str) -> int | None:
        """The level of a numbered heading that starts a block at line ``index``, or None.

        The next line must not carry on the sentence, and "1. Apples" next to "2. Pears" is a
        numbered list, not two headings.
        """
        level = heading_level(clean_inline(text))
        if level is None:
            return None
        following = self._lines[index + 1].strip() if index + 1 < len(self._lines) else ""
        if continues(following):
            return None
        if item_number(text) is not None and (
            item_number(self._neighbour(index, -1)) is not None
            or item_number(self._neighbour(index, 1)) is not None
        ):
            return None
        return level

    def _neighbour(self, index: int, step: int) -> str:
        """The nearest non-blank line before (step -1) or after (step 1) line ``index``."""
        index += step
        while 0 <= index < len(self._lines):
            text = self._lines[index].strip()
            if text:
                return text
            index += step
        return ""

    def _table_row(self, index: int, text: str) -> Iterator[Pending]:
        """One block per cell of a "| a | b |" row; the "|---|" rule is skipped."""
        if self._last_table_line != index - 1:
            self._tables += 1
            self._row = -1
        self._last_table_line = index
        if _TABLE_RULE.match(text):
            return
        self._row += 1
        for cell in text.strip("|").split("|"):
            line = SourceLine(clean_inline(cell.strip()), index + 1)
            yield Pending(BlockKind.TABLE_CELL, [line], table_row=(self._tables, self._row))

    def _flush(self) -> Iterator[Pending]:
        block = self._pending
        if block is None:
            return
        self._pending = None
        texts = [line.text for line in block.lines]
        if (
            block.kind is BlockKind.PARAGRAPH
            and len(texts) <= MAX_CAPS_HEADING_LINES
            and all(is_caps_line(text) for text in texts)
        ):
            block.kind, block.level = BlockKind.HEADING, 1
        yield block
