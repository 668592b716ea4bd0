"""Builders of small PDF and DOCX files for tests, made on the fly in a temporary folder.

Real drafts cannot be shipped with the tests, so the tests write documents with the features
that matter to the readers: running headers and footers, page numbers, hyphenated line
breaks, encryption, pages without a text layer, titles in large type, ruled tables that run
over a page break, styled headings, lists, merged table cells. ``make_pdf`` and
``make_table_pdf`` need fpdf2 (in the ``test`` extra); ``make_docx`` needs python-docx.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from docx import Document as new_docx
from fpdf import FPDF

_FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
PDF_LINE_HEIGHT = 6.0
PDF_FONT_SIZE = 10.0
_PDF_TOP = 20.0

#: A line of ``make_pdf``: its text, or its text and font size in points.
PdfLine = str | tuple[str, float]


def make_pdf(
    path: Path,
    pages: Sequence[Sequence[PdfLine]],
    header: str | None = None,
    footer: str | None = None,
    *,
    header_last: bool = False,
    password: str | None = None,
) -> Path:
    """Write a PDF whose page ``i`` shows the lines ``pages[i]``, one text line each.

    Lines are drawn exactly as given (never wrapped), so a test knows the line of every
    phrase; an empty string leaves a blank line, and a ``(text, size)`` pair sets that line
    in a larger type (a title) than the 10-point body. ``header`` and ``footer`` are drawn on every
    page, with ``{page}`` and ``{pages}`` replaced ("Page {page} of {pages}"). With
    ``header_last`` the header is drawn after the body, as some producers do, so that it comes
    last in the text layer. ``password`` encrypts the file with that user password. The core
    Helvetica font is used, so the text must be Latin-1.
    """
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    pdf.set_auto_page_break(auto=False)
    pdf.set_font("helvetica", size=PDF_FONT_SIZE)
    if password is not None:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        running = {"page": number, "pages": len(pages)}
        if header is not None and not header_last:
            _draw(pdf, 10.0, header.format(**running))
        for index, line in enumerate(lines):
            text, size = (line, PDF_FONT_SIZE) if isinstance(line, str) else line
            if text:
                pdf.set_font_size(size)
                _draw(pdf, _PDF_TOP + index * PDF_LINE_HEIGHT, text)
                pdf.set_font_size(PDF_FONT_SIZE)
        if header is not None and header_last:
            _draw(pdf, 10.0, header.format(**running))
        if footer is not None:
            _draw(pdf, pdf.h - 12.0, footer.format(**running))
    pdf.output(str(path))
    return path


def make_table_pdf(
    path: Path,
    before: Sequence[str],
    rows: Sequence[Sequence[str]],
    after: Sequence[str],
    *,
    col_widths: Sequence[float] | None = None,
) -> Path:
    """Write a PDF of the lines ``before``, a table with ruled cells, then the lines ``after``.

    The first of ``rows`` is the header row, which is drawn again at the top of the next page
    when the table runs over a page break (as word processors do with a repeated header row).
    Lines flow from page to page without wrapping; a cell wraps within its column. Every page
    has a rule across its top, like the rule under a running header, which is no table.
    """
    pdf = _RuledPDF(format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_font("helvetica", size=PDF_FONT_SIZE)
    pdf.add_page()
    for line in before:
        pdf.cell(0, PDF_LINE_HEIGHT, line, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(
        col_widths=col_widths,
        borders_layout="ALL",
        line_height=5,
        text_align="LEFT",
        first_row_as_headings=True,
        repeat_headings=1,
    ) as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    for line in after:
        pdf.cell(0, PDF_LINE_HEIGHT, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


class _RuledPDF(FPDF):
    def header(self) -> None:
        self.line(self.l_margin, 12.0, self.w - self.r_margin, 12.0)
        self.set_y(16.0)


def make_textless_pdf(path: Path, pages: int = 1) -> Path:
    """Write a PDF whose pages hold only a drawn rectangle, like a scan without OCR."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 170, 250, style="D")
    pdf.output(str(path))
    return path


def _draw(pdf: FPDF, y: float, text: str) -> None:
    pdf.set_xy(15.0, y)
    pdf.cell(0, PDF_LINE_HEIGHT, text)


def make_docx(
    path: Path,
    content: Iterable[tuple],
    *,
    header: str | None = None,
    footer: str | None = None,
) -> Path:
    """Write a DOCX from ``content``, a list of ``(kind, payload, ...)`` items in body order.

    Kinds: ``"title"``, ``"h1"`` to ``"h9"`` (Heading N), ``"p"`` (Normal), ``"bullet"``
    (List Bullet), ``"number"`` (List Number), ``("styled", text, style_name)`` for any
    built-in style, and ``("table", rows, merges)`` where ``rows`` is a list of rows of cell
    texts and the optional ``merges`` is a list of ``((row, col), (row, col))`` corner pairs;
    a merged cell shows the text of its top-left cell. ``header`` and ``footer`` fill the
    section's header and footer, which readers must ignore.
    """
    document = new_docx()
    document.core_properties.created = _FIXED_DATE.replace(tzinfo=None)
    for item in content:
        kind, payload, *options = item
        if kind == "title":
            document.add_heading(payload, level=0)
        elif kind.startswith("h") and kind[1:].isdigit():
            document.add_heading(payload, level=int(kind[1:]))
        elif kind == "p":
            document.add_paragraph(payload)
        elif kind == "bullet":
            document.add_paragraph(payload, style="List Bullet")
        elif kind == "number":
            document.add_paragraph(payload, style="List Number")
        elif kind == "styled":
            document.add_paragraph(payload, style=options[0])
        elif kind == "table":
            _add_table(document, payload, options[0] if options else ())
        else:
            raise ValueError(f"unknown content kind {kind!r}")
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def _add_table(document, rows: Sequence[Sequence[str]], merges) -> None:
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for (top, left), (bottom, right) in merges:
        table.cell(top, left).merge(table.cell(bottom, right))
    filled = []  # a merged cell comes back for every grid position it covers
    for row_index, row in enumerate(rows):
        for col_index, text in enumerate(row):
            cell = table.cell(row_index, col_index)
            if not any(cell._tc is seen for seen in filled):
                filled.append(cell._tc)
                cell.text = text
