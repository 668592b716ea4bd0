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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from wpslint.document import BlockKind, Document, DocumentBuilder, SourceLine
from wpslint.errors import (
    CORRUPT,
    EMPTY,
    ENCRYPTED,
    NO_TEXT_LAYER,
    TOO_LARGE,
    UNREADABLE,
    DocumentError,
)
from wpslint.ingest.cleanup import line_spans, page_lines, remove_furniture
from wpslint.ingest.paragraphs import Line, segment
from wpslint.ingest.pdf_tables import PageTable, TableReader, has_grid
from wpslint.ingest.structure import Pending, emit, heading_level

#: A page with fewer visible characters than this (running headers and page numbers aside)
#: has no usable text layer.
MIN_PAGE_CHARS = 20
#: Pages with fewer characters than this in their text layer are looked at for an image.
SCAN_CHECK_CHARS = 200
#: The title is set at least this many times larger than the body text...
TITLE_SCALE = 1.2
#: ...and takes at most this many lines.
MAX_TITLE_LINES = 4
#: Pages listed by number in the warning about pages without a text layer.
LISTED_PAGES = 10
_OCR_ADVICE = "run OCR first, e.g. `ocrmypdf in.pdf out.pdf` (OCRmyPDF)"


@dataclass(slots=True)
class _Page:
    """What is kept of a page once PDFium has closed it."""

    text: str
    tables: list[PageTable] = field(default_factory=list)
    #: The type size of each line (index from 0), measured on the first page only.
    sizes: list[float] = field(default_factory=list)
    #: The page shows an image and little text: a scanned page, most likely.
    image: bool = False


def read_pdf(path: Path, *, password: str | None = None, max_pages: int | None = None) -> Document:
    """Read the PDF at ``path`` (decrypting it with ``password`` if given); a PDF of more than
    ``max_pages`` pages is refused before any page is read.

    A PDF whose pages mostly have no text besides running headers and page numbers is refused
    as scanned; when only some pages are images without text, the document is read and a
    warning names them, since their content goes unchecked.
    """
    pages = _extract(path, password, max_pages)
    name = str(path)
    if not pages:
        raise DocumentError(name, EMPTY, "the PDF has no pages")
    bodies = remove_furniture([page_lines(page.text) for page in pages])
    textless = [number for number, lines in enumerate(bodies, 1) if _is_textless(lines)]
    if len(textless) * 2 > len(pages):
        raise DocumentError(
            name,
            NO_TEXT_LAYER,
            f"{len(textless)} of {len(pages)} pages have no text layer; the PDF looks scanned; "
            + _OCR_ADVICE,
        )
    items = [_with_tables(lines, page.tables) for lines, page in zip(bodies, pages, strict=True)]
    items[0] = _with_title(items[0], pages[0].sizes)
    builder = DocumentBuilder(name, "pdf", pages=len(pages))
    emit(builder, segment(items))
    document = builder.build()
    # A cover or back cover is often a picture with a title in it: not a scan worth a warning.
    scanned = [n for n in textless if pages[n - 1].image and n not in (1, len(pages))]
    if scanned:
        document.warnings.append(_scanned_warning(scanned))
    return document


def _scanned_warning(numbers: list[int]) -> str:
    """E.g. "pages 3 and 7 have no text layer (scanned?) and were not checked; run OCR..."."""
    shown = [str(number) for number in numbers[:LISTED_PAGES]]
    if len(numbers) > LISTED_PAGES:
        listed = f"{', '.join(shown)} and {len(numbers) - LISTED_PAGES} more"
    elif len(shown) > 1:
        listed = f"{', '.join(shown[:-1])} and {shown[-1]}"
    else:
        listed = shown[0]
    if len(numbers) == 1:
        return f"page {listed} has no text layer (scanned?) and was not checked; {_OCR_ADVICE}"
    return f"pages {listed} have no text layer (scanned?) and were not checked; {_OCR_ADVICE}"


def _is_textless(lines: list[Line]) -> bool:
    """True when the body lines of a page show fewer than ``MIN_PAGE_CHARS`` characters. The
    first lines settle it for almost every page, which saves counting the whole page."""
    return not _has_chars((text for _, text in lines), MIN_PAGE_CHARS)


def _has_chars(texts: Iterable[str], count: int) -> bool:
    """Whether ``texts`` together hold at least ``count`` characters other than spaces."""
    seen = 0
    for text in texts:
        seen += len(text) - sum(map(text.count, " \t\r\n\f\v\xa0"))
        if seen >= count:
            return True
    return False


def _extract(path: Path, password: str | None, max_pages: int | None) -> list[_Page]:
    """The text of every page, in page order, with its tables (and the first page's sizes)."""
    document = _open(path, password)
    tables = TableReader(path, password)
    pages: list[_Page] = []
    try:
        count = len(document)
        if max_pages is not None and count > max_pages:
            raise DocumentError(
                str(path),
                TOO_LARGE,
                f"the PDF has {count:,} pages (limit {max_pages:,}; raise it with --max-pages)",
            )
        for index in range(count):
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
        if not _has_chars(result.text.split("\n", 8), SCAN_CHECK_CHARS):
            result.image = _has_image(page)
        if number == 1:
            result.sizes = _line_sizes(textpage, result.text)
        if has_grid(page):
            result.tables = tables.read(number, page, textpage, result.text)
        return result
    finally:
        textpage.close()


def _has_image(page: pdfium.PdfPage) -> bool:
    """Whether the page draws an image (a scan is one image per page)."""
    images = page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=3)
    return next(iter(images), None) is not None


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


def _with_tables(lines: list[Line], tables: list[PageTable]) -> Sequence[Line | Pending]:
    """The body lines of a page with the lines inside each table replaced by its cells,
    which take the place of the table's first line."""
    if not tables:
        return lines
    covered = frozenset().union(*(table.lines for table in tables))
    placed: list[tuple[int, list[Line | Pending]]] = [
        (number, [(number, text)]) for number, text in lines if number not in covered
    ]
    placed += [(min(table.lines), list(table.cells)) for table in tables]
    placed.sort(key=lambda entry: entry[0])
    return [item for _, group in placed for item in group]


def _with_title(items: Sequence[Line | Pending], sizes: list[float]) -> Sequence[Line | Pending]:
    """The first page's items, with its first lines made the title heading when they are set
    at least ``TITLE_SCALE`` times larger than most lines of the page.

    Text alone cannot tell the last line of a title from a line of a sentence that wraps, and
    a title usually ends without a full stop, so it would run into the first paragraph. A
    numbered first line ("1. Introduction") is left to the heading rules, which know its level.
    """
    least = TITLE_SCALE * _body_size(sizes)
    title: list[SourceLine] = []
    end = 0
    for position, item in enumerate(items):
        if isinstance(item, Pending):
            break
        number, text = item[0], item[1].strip()
        if text and sizes[number - 1] < least:
            break
        if text:
            title.append(SourceLine(text, number, 1))
            end = position + 1
    if not least or not 0 < len(title) <= MAX_TITLE_LINES:
        return items
    if heading_level(title[0].text) is not None:
        return items
    return [Pending(BlockKind.HEADING, title, level=1), *items[end:]]


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
