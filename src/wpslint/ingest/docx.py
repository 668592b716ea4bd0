"""The DOCX reader: body paragraphs and tables in document order, with Word's structure.

Headings come from the paragraph styles ("Heading 1", "Title") or their outline level, list
items from list styles or numbering, table cells one block each. DOCX has no lines, so a
block's line is the ordinal of its paragraph among all paragraphs of the body (table cells
included). Headers, footers, footnotes and comments are not part of the draft's provisions
and are left out. Text inserted with tracked changes is read and deleted text is not, so the
linter checks the draft as it would read once the changes are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from lxml import etree

from wpslint.document import BlockKind, Document, DocumentBuilder, SourceLine
from wpslint.errors import CORRUPT, DocumentError
from wpslint.ingest.package import check_package
from wpslint.ingest.structure import heading_level, list_marker

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_VAL = qn("w:val")
# Run content that is text, and what it reads as.
_RUN_TEXT = {
    qn("w:t"): None,  # the element's own text
    qn("w:tab"): "\t",
    qn("w:br"): " ",
    qn("w:cr"): " ",
    qn("w:noBreakHyphen"): "-",
}
# Subtrees whose text is not part of the paragraph as read: deleted or moved-away text,
# the fallback copy of a drawing, and text boxes (floating, not in the flow of the body).
_SKIPPED = frozenset(
    {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), qn("w:pPr"), qn("w:rPr"), _MC_FALLBACK}
)
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$")
#: Word's outline level 9 means body text.
_BODY_OUTLINE_LEVEL = 9


def read_docx(path: Path) -> Document:
    """Read the Word document at ``path``."""
    check_package(path)
    try:
        word = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on damaged packages
        raise DocumentError(
            str(path), CORRUPT, f"is not a readable DOCX file ({_reason(exc)})"
        ) from exc
    builder = DocumentBuilder(str(path), "docx")
    _BodyReader(builder, _Styles(word.styles.element)).read(word.element.body)
    return builder.build()


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    outline_level: int | None
    numbered: bool


class _Styles:
    """Paragraph styles by id, with outline level and numbering inherited through basedOn."""

    def __init__(self, styles: etree._Element) -> None:
        self._elements = {
            element.get(qn("w:styleId")): element
            for element in styles.iterchildren(qn("w:style"))
            if element.get(qn("w:type")) in ("paragraph", None)
        }
        self._default = next(
            (
                style_id
                for style_id, element in self._elements.items()
                if element.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        self._cache: dict[str | None, _Style] = {}

    def get(self, style_id: str | None) -> _Style:
        """The style of a paragraph with ``style_id`` (None: the default paragraph style)."""
        style_id = style_id or self._default
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id, set())
        return self._cache[style_id]

    def _resolve(self, style_id: str | None, seen: set[str]) -> _Style:
        element = self._elements.get(style_id)
        if element is None or style_id in seen:
            return _Style("", None, False)
        seen.add(style_id)
        name_element = element.find(qn("w:name"))
        name = (name_element.get(_VAL) if name_element is not None else style_id) or ""
        outline = _outline_level(element.find(qn("w:pPr")))
        numbered = _numbered(element.find(qn("w:pPr")))
        based_on = element.find(qn("w:basedOn"))
        if based_on is not None and (outline is None or not numbered):
            parent = self._resolve(based_on.get(_VAL), seen)
            outline = parent.outline_level if outline is None else outline
            numbered = numbered or parent.numbered
        return _Style(name.lower(), outline, numbered)


def _outline_level(ppr: etree._Element | None) -> int | None:
    element = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if element is None:
        return None
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return None


def _numbered(ppr: etree._Element | None) -> bool:
    """True when the properties attach list numbering (numId 0 switches it off)."""
    numbering = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numbering is None:
        return False
    num_id = numbering.find(qn("w:numId"))
    return num_id is None or num_id.get(_VAL) != "0"


class _BodyReader:
    """Walks the body in order, feeding paragraphs and table cells to the builder."""

    def __init__(self, builder: DocumentBuilder, styles: _Styles) -> None:
        self._builder = builder
        self._styles = styles
        self._ordinal = 0
        self._tables = 0

    def read(self, body: etree._Element) -> None:
        for element in _content(body):
            if element.tag == _P:
                self._paragraph(element)
            else:
                self._table(element)

    def _paragraph(self, element: etree._Element) -> None:
        self._ordinal += 1
        text = paragraph_text(element)
        kind, level = self._classify(element, text.strip())
        self._builder.add(kind, [SourceLine(text, self._ordinal)], level=level)

    def _classify(self, element: etree._Element, text: str) -> tuple[BlockKind, int | None]:
        ppr = element.find(qn("w:pPr"))
        style_element = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style = self._styles.get(style_element.get(_VAL) if style_element is not None else None)
        heading = _HEADING_STYLE.match(style.name)
        if heading:
            return BlockKind.HEADING, int(heading[1])
        if style.name == "title":
            return BlockKind.HEADING, 1
        outline = _outline_level(ppr)
        outline = style.outline_level if outline is None else outline
        if outline is not None and 0 <= outline < _BODY_OUTLINE_LEVEL:
            return BlockKind.HEADING, outline + 1
        if _numbered(ppr) or style.numbered or style.name.startswith("list"):
            return BlockKind.LIST_ITEM, None
        # Unstyled drafts: "Article 5" or "4.2 Funding" typed as a paragraph of its own.
        level = heading_level(text)
        if level is not None:
            return BlockKind.HEADING, level
        if list_marker(text):
            return BlockKind.LIST_ITEM, None
        return BlockKind.PARAGRAPH, None

    def _table(self, table: etree._Element) -> None:
        index = self._tables
        self._tables += 1
        for row_index, row in enumerate(table.iterchildren(_TR)):
            for cell in row.iterchildren(_TC):
                if _continues_merge(cell):
                    # Word keeps an empty cell under a vertical merge; python-docx would
                    # repeat the merged cell's text there.
                    self._ordinal += sum(1 for _ in cell.iter(_P))
                    continue
                self._cell(cell, (index, row_index))

    def _cell(self, cell: etree._Element, position: tuple[int, int]) -> None:
        lines: list[SourceLine] = []
        for element in _content(cell):
            if element.tag == _P:
                self._ordinal += 1
                lines.append(SourceLine(paragraph_text(element), self._ordinal))
            else:  # a nested table, read as a table of its own after the text before it
                self._builder.add(BlockKind.TABLE_CELL, lines, table_row=position)
                lines = []
                self._table(element)
        self._builder.add(BlockKind.TABLE_CELL, lines, table_row=position)


def _content(parent: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables of a body or cell, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _content(content)
        elif child.tag == _CUSTOM_XML:
            yield from _content(child)


def _continues_merge(cell: etree._Element) -> bool:
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(_VAL) != "restart"


def paragraph_text(paragraph: etree._Element) -> str:
    """The text of a paragraph as Word shows it with tracked changes accepted."""
    return "".join(_run_text(paragraph))


def _run_text(element: etree._Element) -> Iterator[str]:
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag in _RUN_TEXT:
            replacement = _RUN_TEXT[tag]
            yield (child.text or "") if replacement is None else replacement
        else:
            yield from _run_text(child)
