"""The PDF reader: the text layer through PDFium, page by page.

pypdfium2 extracts a page's text in about 2 ms where pdfplumber takes over 100 ms, which
matters for national action plans of a hundred pages or more; pdfplumber only reads the ruled
tables of the pages whose drawing shows a grid (see ``pdf_tables``). Pages are closed as soon
as they are read so that memory stays flat on long documents. A PDF without a text layer (a
scan) is refused with advice to run OCR rather than reported as a document with no
provisions.

Layout is otherwise read in one place only: the title at the top of the first page, set in a
larger type than the text below it, becomes the first heading instead of running into the
first paragraph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from wpslint.document import BlockKind, Document, DocumentBuilder, SourceLine
from wpslint.errors import CORRUPT, EMPTY, ENCRYPTED, NO_TEXT_LAYER, UNREADABLE, DocumentError
from wpslint.ingest.cleanup import line_spans, page_lines, remove_furniture
from wpslint.ingest.paragraphs import Line, segment
from wpslint.ingest.pdf_tables import PageTable, TableReader, has_grid
from wpslint.ingest.structure import Pending, emit, heading_level

#: A page with fewer visible characters than this has no usable text layer.
MIN_PAGE_CHARS = 20
#: The title is set at least this many times larger than the body text...
TITLE_SCALE = 1.2
#: ...and takes at most this many lines.
MAX_TITLE_LINES = 4


@dataclass(slots=True)
class _Page:
    """What is kept of a page once PDFium has closed it."""

    text: str
    tables: list[PageTable] = field(default_factory=list)
    #: The type size of each line (index from 0), measured on the first page only.
    sizes: list[float] = field(default_factory=list)


def read_pdf(path: Path, *, password: str | None = None) -> Document:
    """Read the PDF at ``path`` (decrypting it with ``password`` if given)."""
    pages = _extract(path, password)
    name = str(path)
    if not pages:
        raise DocumentError(name, EMPTY, "the PDF has no pages")
    textless = sum(1 for page in pages if len("".join(page.text.split())) < MIN_PAGE_CHARS)
    if textless * 2 > len(pages):
        raise DocumentError(
            name,
            NO_TEXT_LAYER,
            f"{textless} of {len(pages)} pages have no text layer; the PDF looks scanned; "
            "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`",
        )
    bodies = remove_furniture([page_lines(page.text) for page in pages])
    items = [_with_tables(lines, page.tables) for lines, page in zip(bodies, pages, strict=True)]
    items[0] = _with_title(items[0], pages[0].sizes)
    builder = DocumentBuilder(name, "pdf", pages=len(pages))
    emit(builder, segment(items))
    return builder.build()


def _extract(path: Path, password: str | None) -> list[_Page]:
    """The text of every page, in page order, with its tables (and the first page's sizes)."""
    document = _open(path, password)
    tables = TableReader(path, password)
    pages: list[_Page] = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                pages.append(_read_page(page, len(pages) + 1, tables))
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise DocumentError(
            str(path), CORRUPT, f"page {len(pages) + 1} of the PDF cannot be read ({exc})"
        ) from exc
    finally:
        tables.close()
        document.close()
    return pages


def _read_page(page: pdfium.PdfPage, number: int, tables: TableReader) -> _Page:
    """Page ``number`` (from 1): its text, and its layout where it pays to read it."""
    textpage = page.get_textpage()
    try:
        result = _Page(textpage.get_text_range())
        if number == 1:
            result.sizes = _line_sizes(textpage, result.text)
        if has_grid(page):
            result.tables = tables.read(number, page, textpage, result.text)
        return result
    finally:
        textpage.close()


def _line_sizes(textpage: pdfium.PdfTextPage, text: str) -> list[float]:
    """The type size of each line: the height of the loose box (ascent to descent, whatever
    the text matrix) of its middle character, so that a drop capital or a footnote mark at
    either end does not count; 0 for a blank line."""
    sizes = []
    for start, end in line_spans(text):
        middle = next((i for i in range((start + end) // 2, end) if not text[i].isspace()), None)
        if middle is None:
            sizes.append(0.0)
        else:
            _, bottom, _, top = textpage.get_charbox(middle, loose=True)
            sizes.append(top - bottom)
    return sizes


def _with_tables(lines: list[Line], tables: list[PageTable]) -> list[Line | Pending]:
    """The body lines of a page with the lines inside each table replaced by its cells,
    which take the place of the table's first line."""
    if not tables:
        return list(lines)
    covered = frozenset().union(*(table.lines for table in tables))
    placed: list[tuple[int, list[Line | Pending]]] = [
        (number, [(number, text)]) for number, text in lines if number not in covered
    ]
    placed += [(min(table.lines), list(table.cells)) for table in tables]
    placed.sort(key=lambda entry: entry[0])
    return [item for _, group in placed for item in group]


def _with_title(items: list[Line | Pending], sizes: list[float]) -> list[Line | Pending]:
    """The first page's items, with its first lines made the title heading when they are set
    at least ``TITLE_SCALE`` times larger than most lines of the page.

    Text alone cannot tell the last line of a title from a line of a sentence that wraps, and
    a title usually ends without a full stop, so it would run into the first paragraph. A
    numbered first line ("1. Introduction") is left to the heading rules, which know its level.
    """
    least = TITLE_SCALE * _body_size(sizes)
    title: list[Line] = []
    end = 0
    for position, item in enumerate(items):
        if isinstance(item, Pending) or (item[1].strip() and sizes[item[0] - 1] < least):
            break
        if item[1].strip():
            title.append(item)
            end = position + 1
    if not 0 < len(title) <= MAX_TITLE_LINES or heading_level(title[0][1].strip()) is not None:
        return items
    lines = [SourceLine(text.strip(), number, 1) for number, text in title]
    return [Pending(BlockKind.HEADING, lines, level=1), *items[end:]]


def _body_size(sizes: list[float]) -> float:
    """The type size of most lines (to half a point), taken as the size of the body text."""
    counts = Counter(round(size * 2) / 2 for size in sizes if size)
    return counts.most_common(1)[0][0] if counts else 0.0


def _open(path: Path, password: str | None) -> pdfium.PdfDocument:
    """The PDF opened with PDFium, or the ``DocumentError`` that says why it cannot be."""
    name = str(path)
    try:
        return pdfium.PdfDocument(name, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_raw.FPDF_ERR_PASSWORD:
            message = (
                "the password given with --password does not open this encrypted PDF"
                if password
                else "the PDF is encrypted; give its password with the --password option"
            )
            raise DocumentError(name, ENCRYPTED, message) from exc
        if code == pdfium_raw.FPDF_ERR_SECURITY:
            raise DocumentError(
                name, ENCRYPTED, "the PDF uses an encryption scheme that cannot be opened"
            ) from exc
        raise DocumentError(
            name, CORRUPT, "the PDF is damaged or truncated and cannot be opened"
        ) from exc
    except OSError as exc:
        raise DocumentError(name, UNREADABLE, f"cannot be opened ({exc.strerror})") from exc
