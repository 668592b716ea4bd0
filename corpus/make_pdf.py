#!/usr/bin/env python3
"""Render corpus/nap_strong.md to corpus/nap_strong.pdf with fpdf2.

The PDF is the same plan as the Markdown file, laid out as a typical government PDF: a running
header and a "Page N of M" footer on every page, numbered headings, bullet lists, and the action
matrix and budget tables rendered as text rows ("Action: ...; Responsible body: ...; ..."), one
row per paragraph. Inline Markdown markup is dropped. The labels in labels/nap_strong.pdf.yaml
quote the Markdown source (whitespace may differ in the extracted text).

The output is deterministic (fixed creation date, core fonts only, no compression-dependent
metadata), so re-running the script leaves git with nothing to commit.

Usage: python corpus/make_pdf.py [OUTPUT]   (default: nap_strong.pdf beside this script)
Requires fpdf2 (a test-only dependency: pip install fpdf2).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "nap_strong.md"
RUNNING_HEADER = "Republic of Eastland - Second National Action Plan on Women, Peace and Security"
FIXED_DATE = dt.datetime(2025, 3, 14, 12, 0, 0, tzinfo=dt.timezone.utc)


class PlanPDF(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, RUNNING_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def plain(text: str) -> str:
    """Drop inline Markdown markup and keep the text within Latin-1 (core PDF fonts)."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<!\w)\*(.+?)\*(?!\w)", r"\1", text)
    text = re.sub(r"`(.+?)`", r"\1", text)
    return text.encode("latin-1", "replace").decode("latin-1")


def table_rows(lines: list[str]) -> list[str]:
    """Turn a Markdown table into one text row per data row: 'Header: value; ...'."""
    cells = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    header, body = cells[0], [row for row in cells[1:] if not set("".join(row)) <= set("-: ")]
    rows = []
    for row in body:
        parts = [f"{name}: {value}" for name, value in zip(header, row, strict=False) if value]
        rows.append("; ".join(parts) + ".")
    return rows


def render(markdown: str) -> PlanPDF:
    pdf = PlanPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title("Second National Action Plan on Women, Peace and Security (2025-2029)")
    pdf.set_author("Republic of Eastland (fictional; wpslint sample corpus)")
    pdf.set_subject("Women, Peace and Security")
    pdf.set_creator("wpslint corpus/make_pdf.py")
    pdf.set_keywords("wpslint sample corpus; CC0")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(22, 18, 22)
    pdf.add_page()

    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line:
            i += 1
            continue
        if line.startswith("|"):
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i])
                i += 1
            pdf.set_font("Helvetica", "", 9.5)
            for row in table_rows(block):
                pdf.multi_cell(0, 5, plain(row), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1.5)
            pdf.ln(2)
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            level = len(heading.group(1))
            size = {1: 15, 2: 13, 3: 11.5}.get(level, 11)
            if pdf.get_y() > pdf.page_break_trigger - 30:  # keep a heading with its text
                pdf.add_page()
            pdf.ln(3 if level > 1 else 0)
            pdf.set_font("Helvetica", "B", size)
            pdf.multi_cell(0, size * 0.5, plain(heading.group(2)), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif line.startswith("- "):
            pdf.set_font("Helvetica", "", 10.5)
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(5, 5.5, "-")
            pdf.multi_cell(0, 5.5, plain(line[2:]), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        else:
            pdf.set_font("Helvetica", "", 10.5)
            pdf.multi_cell(0, 5.5, plain(line), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
        i += 1
    return pdf


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else HERE / "nap_strong.pdf"
    pdf = render(SOURCE.read_text(encoding="utf-8"))
    pdf.output(str(target))
    print(f"wrote {target} ({pdf.pages_count} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
