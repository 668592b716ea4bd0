#!/usr/bin/env python3
"""How long does `wpslint check` take on a long PDF, compared with extracting its text?

Generates a deterministic 100-page text PDF of WPS policy prose (paragraphs of the sample
corpus, varied) in a temporary folder, then times, as the median of --runs runs:

  pypdfium2     text extraction only: open, get_textpage().get_text_range() per page, close
  pdfplumber    page.extract_text() on every page (with page.close()); --skip-pdfplumber
  api (warm)    wpslint.api.check_paths([pdf], rules=rules) + the JSON report, rules loaded
                once outside the timer
  api (cold)    the first run in this process: load_rules() + check + JSON report, including
                the spaCy pipeline build (one run, not a median)
  cli           `python -m wpslint check --no-cache --format json PDF` as a subprocess;
                --skip-cli

and prints the ratios api/pypdfium2 (target: at most 4x) and pdfplumber/api.

This is a measurement, not a test: it exits 0 whatever the figures (2 on a usage error or
when fpdf2 / wpslint cannot be imported).

Usage: python benchmarks/bench_pdf.py [--runs 5] [--pages 100] [--skip-pdfplumber]
                                      [--skip-cli] [--keep DIR] [--pdf EXISTING.pdf]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TARGET_RATIO = 4.0
SEED = 1325

# Names swapped in the reused paragraphs so that the 100 pages do not repeat word for word.
PROVINCES = [
    "Northern Provinces",
    "Lakeside Province",
    "the Upper Valley",
    "Marren District",
    "the Coastal Region",
    "Tessel Province",
    "the Eastern Highlands",
    "Orvane District",
]
MINISTRIES = [
    "Ministry of Gender Equality and Social Development",
    "Ministry of Foreign Affairs",
    "Ministry of Interior and Public Security",
    "Ministry of Justice",
    "Ministry of Health",
    "Ministry of Local Government",
    "Ministry of Defence",
]
HEADINGS = [
    "Participation",
    "Protection",
    "Prevention",
    "Relief and recovery",
    "Emergency assistance",
    "Monitoring and accountability",
    "Resources",
]


# --------------------------------------------------------------------------- the test PDF
def _plain(line: str) -> str:
    line = re.sub(r"\*\*(.+?)\*\*", r"\1", line)
    line = re.sub(r"^#+\s*", "", line)
    line = re.sub(r"^[-*]\s+", "", line)
    line = re.sub(r"^(?:\d+(?:\.\d+)*\.?|\(\w{1,3}\))\s+", "", line)  # old numbering
    return line.strip()


def corpus_paragraphs() -> list[str]:
    """Prose paragraphs of the sample corpus (tables and short lines dropped)."""
    paragraphs: list[str] = []
    for name in ("nap_strong.md", "protocol_event.md", "bill_weak.txt"):
        path = CORPUS / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("|"):
                    continue
                text = _plain(line)
                if len(text.split()) >= 12:
                    paragraphs.append(text)
    guideline = CORPUS / "guideline_mission.html"
    if guideline.exists():
        markup = guideline.read_text(encoding="utf-8")
        for chunk in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", markup, flags=re.S):
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", chunk)).split())
            if len(text.split()) >= 12:
                paragraphs.append(text)
    if not paragraphs:  # a checkout without corpus/: still produce WPS prose
        paragraphs = [
            "The Ministry of Foreign Affairs shall carry out every risk assessment jointly with "
            "the woman peacebuilder concerned and shall agree protection measures with her.",
            "The Ministry of Finance shall establish a Rapid Response Fund for Women "
            "Peacebuilders and Defenders, with an annual allocation of ELD 1,500,000.",
            "Ministries should, where possible, consult women's organisations on matters "
            "relating to peace and security.",
        ]
    return [p.encode("latin-1", "replace").decode("latin-1") for p in paragraphs]


def vary(paragraph: str, rng: random.Random) -> str:
    """The paragraph with provinces, ministries and numbers changed."""
    for name in PROVINCES:
        if name in paragraph:
            paragraph = paragraph.replace(name, rng.choice(PROVINCES))
    for name in MINISTRIES:
        if name in paragraph:
            paragraph = paragraph.replace(name, rng.choice(MINISTRIES))
    return re.sub(r"\b(\d{2,3})\b", lambda m: str(int(m.group(1)) + rng.randint(1, 9)), paragraph)


def build_pdf(path: Path, pages: int) -> dict[str, int]:
    """Write a text PDF of exactly ``pages`` pages; returns its size figures."""
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue

    title = "Republic of Eastland - Consolidated Women, Peace and Security Programme Document"

    class BenchPDF(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 5, title, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    rng = random.Random(SEED)
    source = corpus_paragraphs()
    pdf = BenchPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    pdf.set_title("National Action Plan on Women, Peace and Security: programme document")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(22, 16, 22)
    bottom = pdf.h - 20
    line_height = 5.2
    words = 0
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(
        0,
        8,
        "National Action Plan on Women, Peace and Security (2025-2029): Programme Document",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    section = 0
    counter = 0
    while True:
        if counter % 9 == 0:  # a numbered heading every few paragraphs
            section += 1
            heading = f"{section}. {rng.choice(HEADINGS)}"
            if pdf.get_y() + 3 * line_height > bottom:
                if pdf.page_no() >= pages:
                    break
                pdf.add_page()
            pdf.set_font("Helvetica", "B", 12)
            pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
            words += len(heading.split())
        counter += 1
        text = f"{section}.{counter % 9 or 9} " + vary(rng.choice(source), rng)
        pdf.set_font("Helvetica", "", 10.5)
        lines = pdf.multi_cell(0, line_height, text, dry_run=True, output=MethodReturnValue.LINES)
        full = False
        for line in lines:
            if pdf.get_y() + line_height > bottom:
                if pdf.page_no() >= pages:
                    full = True
                    break
                pdf.add_page()
                pdf.set_font("Helvetica", "", 10.5)
            pdf.cell(0, line_height, line, new_x="LMARGIN", new_y="NEXT")
            words += len(line.split())
        if full:
            break
        pdf.ln(2)
    pdf.output(str(path))
    return {"pages": pdf.page_no(), "words": words, "bytes": path.stat().st_size}


# --------------------------------------------------------------------------- measurements
def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def extract_pypdfium2(path: Path) -> int:
    import pypdfium2

    chars = 0
    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return chars


def extract_pdfplumber(path: Path) -> int:
    import pdfplumber

    chars = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            page.close()
    return chars


def run_cli(path: Path) -> None:
    completed = subprocess.run(
        # --no-cache: time a check, not a cache lookup (bench_corpus.py times the cache).
        [sys.executable, "-m", "wpslint", "check", "--no-cache", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if completed.returncode not in (0, 1) or not completed.stdout.lstrip().startswith("{"):
        raise RuntimeError(
            f"wpslint check exited {completed.returncode}: {completed.stderr.strip()[-500:]}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--pages", type=int, default=100, help="pages of the generated PDF")
    parser.add_argument("--skip-pdfplumber", action="store_true", help="skip pdfplumber (slow)")
    parser.add_argument("--skip-cli", action="store_true", help="skip the CLI subprocess")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="also copy the generated PDF to DIR (e.g. benchmarks/out)",
    )
    parser.add_argument("--pdf", type=Path, help="time this PDF instead of generating one")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.pages < 1:
        parser.error("--runs and --pages must be at least 1")

    with tempfile.TemporaryDirectory(prefix="wpslint-bench-") as tmp:
        if args.pdf:
            pdf_path = args.pdf
            if not pdf_path.is_file():
                parser.error(f"no such file: {pdf_path}")
            info = {"pages": None, "words": None, "bytes": pdf_path.stat().st_size}
        else:
            try:
                import fpdf  # noqa: F401
            except ImportError:
                print(
                    "bench_pdf: fpdf2 is needed to generate the PDF: pip install fpdf2",
                    file=sys.stderr,
                )
                return 2
            pdf_path = Path(tmp) / f"wps_{args.pages}_pages.pdf"
            info = build_pdf(pdf_path, args.pages)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / pdf_path.name).write_bytes(pdf_path.read_bytes())
        return measure(pdf_path, info, args)


def measure(pdf_path: Path, info: dict, args: argparse.Namespace) -> int:
    results: dict[str, list[float]] = {}
    notes: dict[str, str] = {}

    chars = extract_pypdfium2(pdf_path)  # also warms the library
    results["pypdfium2 extract"] = timed(lambda: extract_pypdfium2(pdf_path), args.runs)

    if not args.skip_pdfplumber:
        results["pdfplumber extract_text"] = timed(lambda: extract_pdfplumber(pdf_path), args.runs)

    try:
        start = time.perf_counter()
        from wpslint import api
        from wpslint.report import render

        import_time = time.perf_counter() - start
    except ImportError as error:
        print(
            f"bench_pdf: cannot import the wpslint API ({error}); "
            "is the project installed (pip install -e .)?",
            file=sys.stderr,
        )
        return 2

    def check(linter: api.Linter) -> str:
        result = linter.check_paths([pdf_path])
        if result.errors:
            raise RuntimeError(f"wpslint could not read the PDF: {result.errors[0].message}")
        return render(result, "json", rules=linter.ruleset)

    start = time.perf_counter()
    linter = api.Linter(api.load_rules())
    report = check(linter)
    results["api check (cold)"] = [time.perf_counter() - start + import_time]
    notes["api check (cold)"] = "1 run: import + load_rules + pipeline + check + JSON"
    results["api load_rules"] = timed(api.load_rules, args.runs)
    results["api check (warm)"] = timed(lambda: check(linter), args.runs)
    pipeline = api.Linter(linter.ruleset).check_paths([pdf_path]).documents[0].pipeline
    notes["api check (warm)"] = f"JSON report {len(report):,} chars; {pipeline}"
    from wpslint.nlp.syntax import load_parser

    if load_parser() is not None:
        # A trained parser is installed: also time the default-install path without it.
        plain = api.Linter(linter.ruleset, use_parser=False)
        check(plain)
        results["api check (warm, no parser)"] = timed(lambda: check(plain), args.runs)

    if not args.skip_cli:
        try:
            results["cli subprocess"] = timed(lambda: run_cli(pdf_path), args.runs)
        except RuntimeError as error:
            notes["cli subprocess"] = f"failed: {error}"

    print(
        f"PDF: {pdf_path.name}, {info['pages'] or '?'} pages, "
        f"{info['words'] or '?'} words, {chars:,} extracted chars, {info['bytes']:,} bytes"
    )
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs; median of {args.runs} runs\n"
    )
    width = max(len(name) for name in results) + 2
    print(f"{'measurement':<{width}}{'median s':>10}{'min s':>10}{'max s':>10}  note")
    for name, times in results.items():
        print(
            f"{name:<{width}}{statistics.median(times):>10.3f}{min(times):>10.3f}"
            f"{max(times):>10.3f}  {notes.get(name, '')}"
        )
    for name, note in notes.items():
        if name not in results:
            print(f"{name:<{width}}{'-':>10}{'-':>10}{'-':>10}  {note}")

    base = statistics.median(results["pypdfium2 extract"])
    warm = statistics.median(results["api check (warm)"])
    ratio = warm / base
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(
        f"\ncheck (warm) / pypdfium2 extraction: {ratio:.1f}x "
        f"({verdict} the {TARGET_RATIO:g}x target)"
    )
    if "api check (warm, no parser)" in results:
        plain = statistics.median(results["api check (warm, no parser)"])
        print(f"check (warm, no parser) / pypdfium2 extraction: {plain / base:.1f}x")
    if "pdfplumber extract_text" in results:
        plumber = statistics.median(results["pdfplumber extract_text"])
        print(f"pdfplumber extract_text / check (warm): {plumber / warm:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
