"""The HTML reader: the visible text of a page, with its headings, lists and tables.

Guidelines and protocols are often published as web pages. The standard library parser is
enough for reading text and keeps the dependency list short; nothing is executed or
fetched. Each block keeps the source line of every piece of text, so findings point at the
line of the HTML file that holds the passage.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from wpslint.document import BlockKind, Document, DocumentBuilder, SourceLine
from wpslint.errors import UNREADABLE, DocumentError
from wpslint.ingest.encoding import decode

#: Elements whose content is never shown as text.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "svg", "math"})
#: Elements that give their text a kind of block; their start and end always end a block.
_CONTAINERS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "caption"}
)
#: Elements that only group containers; their start and end end a block too.
_GROUPS = frozenset({"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"})
#: Other block elements: they end a block, or only a line inside a container
#: (``<li><p>a</p><p>b</p></li>`` is one list item).
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "blockquote", "pre", "address", "figure", "figcaption", "form", "fieldset",
        "details", "summary", "hr", "body", "center",
    }
)  # fmt: skip
#: Start tags that close an open element of these names up to the given boundary.
_IMPLIED_END = {
    "li": ({"li"}, {"ul", "ol"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr", "td", "th"}, {"table"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
}
_STRUCTURE = _CONTAINERS | _GROUPS | _BLOCKS
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def read_html(path: Path) -> Document:
    """Read the HTML file at ``path``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), UNREADABLE, f"cannot be read ({exc.strerror})") from exc
    declared = _META_CHARSET.search(data[:4096])
    text = decode(data, declared[1].decode("ascii") if declared else None)
    builder = DocumentBuilder(str(path), "html")
    parser = _TextExtractor(builder)
    parser.feed(text)
    parser.close()
    document = builder.build()
    if document.title is None and parser.title:
        document.title = parser.title
    return document


class _TextExtractor(HTMLParser):
    """Collects visible text into blocks as the parser walks the markup."""

    def __init__(self, builder: DocumentBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self._builder = builder
        self._hidden: list[str] = []  # open invisible elements
        self._open: list[str] = []  # open containers and groups, innermost last
        self._lines: list[SourceLine] = []  # finished lines of the current block
        self._line_text: list[str] = []  # pieces of the current line
        self._line_number = 0
        self._tables: list[int] = []  # indexes of the open tables, innermost last
        self._rows: dict[int, int] = {}
        self._table_count = 0
        self._title: list[str] | None = None
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._title is not None:
            self._end_title()  # a title holds no markup: a tag means it was left open
        if tag == "title" and "svg" not in self._hidden:
            self._title = []
        elif tag in _INVISIBLE:
            self._hidden.append(tag)
        elif self._hidden:
            if tag in _STRUCTURE:
                # A page that never closes <head> starts its body at the first such tag.
                self._hidden = [name for name in self._hidden if name != "head"]
            if self._hidden:
                return
        if tag == "br":
            self._end_line()
        elif tag in _CONTAINERS or tag in _GROUPS:
            self._flush()
            self._close_implied(tag)
            self._open.append(tag)
            self._enter(tag)
        elif tag in _BLOCKS:
            self._block_boundary()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CONTAINERS or tag in _GROUPS or tag in _INVISIBLE or tag == "title":
            return  # "<td/>" or "<svg/>" opens nothing
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._end_title()
        elif tag in _INVISIBLE:
            while tag in self._hidden and self._hidden.pop() != tag:
                pass
        elif self._hidden:
            return
        elif tag in _CONTAINERS or tag in _GROUPS:
            if tag in self._open:
                self._flush()
                while self._open:
                    closed = self._open.pop()
                    self._leave(closed)
                    if closed == tag:
                        break
        elif tag in _BLOCKS:
            self._block_boundary()

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
            return
        if self._hidden:
            return
        line, _ = self.getpos()
        for offset, piece in enumerate(data.split("\n")):
            if line + offset != self._line_number:
                self._end_line()
                self._line_number = line + offset
            self._line_text.append(piece)

    def close(self) -> None:
        super().close()
        self._flush()

    def _end_title(self) -> None:
        if self._title is not None:
            self.title = " ".join("".join(self._title).split())
        self._title = None

    def _enter(self, tag: str) -> None:
        if tag == "table":
            self._tables.append(self._table_count)
            self._rows[self._table_count] = -1
            self._table_count += 1
        elif tag == "tr" and self._tables:
            self._rows[self._tables[-1]] += 1

    def _leave(self, tag: str) -> None:
        if tag == "table" and self._tables:
            self._tables.pop()

    def _close_implied(self, tag: str) -> None:
        """Close what a new ``<li>``, ``<tr>`` or ``<td>`` ends when its end tag is omitted."""
        if tag not in _IMPLIED_END:
            return
        closes, boundary = _IMPLIED_END[tag]
        for index in range(len(self._open) - 1, -1, -1):
            name = self._open[index]
            if name in boundary:
                break
            if name in closes:
                for closed in self._open[index:]:
                    self._leave(closed)
                del self._open[index:]
                break

    def _block_boundary(self) -> None:
        """End the block, or only the line when inside a heading, list item or cell."""
        if any(name in _CONTAINERS for name in self._open[-1:]):
            self._end_line()
        else:
            self._flush()

    def _end_line(self) -> None:
        text = "".join(self._line_text)
        self._line_text = []
        if text.strip():
            self._lines.append(SourceLine(text, self._line_number))

    def _flush(self) -> None:
        self._end_line()
        if not self._lines:
            return
        lines, self._lines = self._lines, []
        container = next((name for name in reversed(self._open) if name in _CONTAINERS), None)
        if container in ("td", "th") and self._tables:
            table = self._tables[-1]
            position = (table, max(self._rows[table], 0))
            self._builder.add(BlockKind.TABLE_CELL, lines, table_row=position)
        elif container is not None and container[0] == "h":
            self._builder.add(BlockKind.HEADING, lines, level=int(container[1]))
        elif container == "li":
            self._builder.add(BlockKind.LIST_ITEM, lines)
        else:
            self._builder.add(BlockKind.PARAGRAPH, lines)
