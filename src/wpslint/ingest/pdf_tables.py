"""Ruled tables of PDF pages: found by pdfplumber, read from PDFium's characters.

pdfplumber finds the cells of a ruled table reliably but needs about 140 ms a page, some 60
times PDFium's text extraction, and 80 ms more to import. So it is imported and opened only
when a page's vector paths could draw a grid (``has_grid``: three distinct horizontal and
three distinct vertical rules, the fewest that make two rows of two columns), and only such
pages are handed to it. A page of text with a rule under its running header or a box around
a note never reaches it.

The text of a cell is made of PDFium's characters whose centres fall inside the cell, line by
line, so that table text is cleaned and mended like the rest of the page and every line of a
cell keeps its line number on the page. A table that runs over a page break and repeats its
header row on the next page keeps its table index there, with its rows numbered on, and the
repeated header row is dropped.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from wpslint.document import BlockKind, SourceLine
from wpslint.ingest.cleanup import clean_line, line_spans
from wpslint.ingest.structure import Pending

if TYPE_CHECKING:
    from pdfplumber.pdf import PDF
    from pdfplumber.table import Table

#: Straight segments shorter than this (in points) are glyph strokes or the ends of an
#: underline, not the rules of a table.
MIN_RULE_LENGTH = 6.0
#: Distinct positions of horizontal rules, and of vertical ones, in a grid of 2 x 2 cells.
GRID_RULES = 3
#: A segment that leans by less than this (in points) counts as horizontal or vertical.
_STRAIGHT = 0.5
#: A header repeated on the next page may take this many rows (pdfplumber splits a header
#: row in two when its cells are ruled apart).
MAX_HEADER_ROWS = 3

Point = tuple[float, float]
#: A raw PDFium page object (an ``FPDF_PAGEOBJECT`` handle).
PageObject = pdfium_c.FPDF_PAGEOBJECT
#: (x0, top, x1, bottom) in points from the top left corner of the page, as pdfplumber has it.
Box = tuple[float, float, float, float]
#: The boxes of a table's cells, row by row; None where a merged cell covers the place.
Grid = list[list[Box | None]]
#: The lines of a cell: (index of the page line, text of the line within the cell).
CellLines = list[tuple[int, str]]
#: The texts of the cells of a row.
Row = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PageTable:
    """A table on one page: the page lines it covers (numbered from 1), and a block for each
    cell with text (none when the page only repeats the header row of a continued table)."""

    lines: frozenset[int]
    cells: list[Pending]


def has_grid(page: pdfium.PdfPage) -> bool:
    """True when the paths of ``page`` draw rules enough for two rows of two ruled cells."""
    rows: set[int] = set()
    columns: set[int] = set()
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    for path in _paths(pdfium_c.FPDFPage_GetObject(page.raw, index) for index in range(count)):
        for (x0, y0), (x1, y1) in _segments(path):
            if abs(y1 - y0) <= _STRAIGHT and abs(x1 - x0) >= MIN_RULE_LENGTH:
                rows.add(round(y0))
            elif abs(x1 - x0) <= _STRAIGHT and abs(y1 - y0) >= MIN_RULE_LENGTH:
                columns.add(round(x0))
        if len(rows) >= GRID_RULES and len(columns) >= GRID_RULES:
            return True
    return False


def _paths(objects: Iterable[PageObject]) -> Iterator[PageObject]:
    """The path objects among ``objects``, looking into forms.

    The raw API is used because pypdfium2's ``get_objects`` wraps every object of the page,
    text included, in a Python object: a fifth of the cost of the page's text extraction.
    """
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            count = pdfium_c.FPDFFormObj_CountObjects(obj)
            yield from _paths(pdfium_c.FPDFFormObj_GetObject(obj, index) for index in range(count))


def _segments(path: PageObject) -> Iterator[tuple[Point, Point]]:
    """The straight segments of a path, closing lines included, scaled by its matrix; curves
    are skipped. Inside a form the points stay in the form's space, which keeps rules apart."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(path, matrix)
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = (0.0, 0.0)
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (
            matrix.a * x.value + matrix.c * y.value + matrix.e,
            matrix.b * x.value + matrix.d * y.value + matrix.f,
        )
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            yield previous, point
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            yield point, start
        previous = point


class TableReader:
    """Reads the ruled tables of the pages ``has_grid`` picks, numbering them through the
    document; pdfplumber is imported and the PDF opened with it on the first such page."""

    def __init__(self, path: Path, password: str | None) -> None:
        self._path = path
        self._password = password
        self._pdf: PDF | None = None
        self._tables = 0  # tables numbered so far
        self._head: list[Row] = []  # the first rows of the last table
        self._rows = 0  # rows of the last table so far
        self._page = 0  # where the last table was read

    def read(
        self, number: int, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str
    ) -> list[PageTable]:
        """The tables of page ``number`` (from 1), whose PDFium text is ``text``."""
        grids = self._find(number - 1)
        if not grids:
            return []
        chars = _PageChars(textpage, text, page.get_bbox()[3])
        tables = []
        for grid in grids:
            inside = chars.lines_inside(_bounds(grid))
            if inside:
                rows = [row for row in _read_rows(grid, inside, chars) if row]
                lines = frozenset(index + 1 for index in inside)
                tables.append(PageTable(lines, self._cells(rows, number)))
        return tables

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def _find(self, index: int) -> list[Grid]:
        """The grids of the ruled tables pdfplumber finds on page ``index`` (from 0).

        Tables are an improvement on the page text, not a condition for reading it: when
        pdfplumber (a stricter parser than PDFium) fails on the page, the page is read as text.
        """
        try:
            page = self._open().pages[index]
            try:
                return [_grid(table) for table in page.find_tables() if _is_table(table)]
            finally:
                page.close()
        except Exception:  # whatever pdfplumber fails with, the text is still read
            return []

    def _open(self) -> PDF:
        if self._pdf is None:
            import pdfplumber  # here: 80 ms to import, paid for PDFs with tables only

            self._pdf = pdfplumber.open(self._path, password=self._password or "")
        return self._pdf

    def _cells(self, rows: list[list[CellLines]], page: int) -> list[Pending]:
        """One block per cell, with ``table_row`` numbered through the document.

        A table on the page after the last one that starts by repeating the last one's header
        rows goes on with that table: the repeated rows are dropped and the rows numbered on.
        """
        if not rows:
            return []
        texts = [tuple(_cell_text(cell) for cell in row) for row in rows]
        repeated = _same_start(texts, self._head) if page == self._page + 1 else 0
        if repeated:
            rows = rows[repeated:]
            table, first_row = self._tables - 1, self._rows
        else:
            table, first_row = self._tables, 0
            self._tables += 1
            self._head = texts[:MAX_HEADER_ROWS]
        self._rows = first_row + len(rows)
        self._page = page
        return [
            Pending(
                BlockKind.TABLE_CELL,
                [SourceLine(text, index + 1, page) for index, text in cell],
                table_row=(table, first_row + row),
            )
            for row, cells in enumerate(rows)
            for cell in cells
        ]


def _same_start(rows: list[Row], head: list[Row]) -> int:
    """How many of the first ``rows`` repeat the ``head`` rows of a table, in order."""
    return next(
        (count for count, (row, first) in enumerate(zip(rows, head, strict=False)) if row != first),
        min(len(rows), len(head)),
    )


def _is_table(table: Table) -> bool:
    """At least two rows and two columns: a single ruled box is a frame around text."""
    return len(table.rows) >= 2 and len(table.columns) >= 2


def _grid(table: Table) -> Grid:
    return [list(row.cells) for row in table.rows]


def _bounds(grid: Grid) -> Box:
    boxes = [box for row in grid for box in row if box is not None]
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


def _inside(point: Point, box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _cell_text(cell: CellLines) -> str:
    return " ".join(text for _, text in cell)


class _PageChars:
    """Positions of the characters of a page's lines, as pdfplumber measures them."""

    def __init__(self, textpage: pdfium.PdfTextPage, text: str, top: float) -> None:
        self._textpage = textpage
        self.text = text
        self.spans = line_spans(text)
        self._top = top  # PDF space counts up from the bottom, pdfplumber down from the top
        self._starts = [self._first_centre(start, end) for start, end in self.spans]

    def centre(self, index: int) -> Point:
        left, bottom, right, top = self._textpage.get_charbox(index)
        return (left + right) / 2, self._top - (bottom + top) / 2

    def lines_inside(self, box: Box) -> list[int]:
        """The lines (indices from 0) whose first visible character lies inside ``box``."""
        return [
            line
            for line, start in enumerate(self._starts)
            if start is not None and _inside(start, box)
        ]

    def _first_centre(self, start: int, end: int) -> Point | None:
        first = next((i for i in range(start, end) if not self.text[i].isspace()), None)
        return None if first is None else self.centre(first)


def _read_rows(grid: Grid, lines: Sequence[int], chars: _PageChars) -> list[list[CellLines]]:
    """The lines of text of each cell with text, row by row, from the page ``lines`` that
    lie in the table. PDFium may run the lines of neighbouring cells together ("Protection
    Unit From October"), so each character goes to the cell that holds its centre; the cell
    of the character before is tried first, as it mostly holds the next one too."""
    boxes = {
        (row, column): box
        for row, cells in enumerate(grid)
        for column, box in enumerate(cells)
        if box is not None
    }
    found: dict[tuple[int, int], dict[int, list[str]]] = {place: {} for place in boxes}
    place = None
    for line in lines:
        start, end = chars.spans[line]
        for index in range(start, end):
            point = chars.centre(index)
            if place is None or not _inside(point, boxes[place]):
                place = next((cell for cell, box in boxes.items() if _inside(point, box)), None)
            if place is not None:
                found[place].setdefault(line, []).append(chars.text[index])
    rows: list[list[CellLines]] = [[] for _ in grid]
    for (row, _), by_line in found.items():
        cell = [(line, clean_line("".join(text)).strip()) for line, text in by_line.items()]
        cell = [(line, text) for line, text in cell if text]
        if cell:
            rows[row].append(cell)
    return rows
