"""Cleaning the raw text layer of PDF pages before paragraphs are rebuilt.

Two kinds of noise would otherwise reach the rules: characters that PDF producers use for
layout (symbol-font bullets, ligatures, PDFium's marker for a word hyphenated at the end of a
line) and furniture repeated on every page (running headers and footers, page numbers),
which would split paragraphs that continue across pages and produce false matches.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence

from wpslint.ingest.structure import heading_level

#: PDFium replaces a hyphen that breaks a word at the end of a line with U+FFFE (older
#: releases with U+0002) and joins the two lines; the line break is restored so that line
#: numbers stay true and the document builder removes the hyphen.
_PDFIUM_HYPHENS = ("\ufffe", "\x02")

_CHARACTERS = str.maketrans(
    {
        # Symbol and Wingdings fonts draw bullets and arrows from the private use area.
        **{code: "•" for code in range(0xF021, 0xF100)},
        0xF020: " ",
        0xFB00: "ff",
        0xFB01: "fi",
        0xFB02: "fl",
        0xFB03: "ffi",
        0xFB04: "ffl",
        0xFB05: "st",
        0xFB06: "st",
        0x0000: None,
        **{code: " " for code in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))},
        # Seen only when a line is cut from the page text by its span (see line_spans).
        **{ord(marker): "-" for marker in _PDFIUM_HYPHENS},
    }
)
#: Any of the characters ``_CHARACTERS`` replaces.
_LAYOUT_CHARACTER = re.compile("[" + "".join(re.escape(chr(code)) for code in _CHARACTERS) + "]")
#: Where ``page_lines`` breaks lines: at line breaks and after a PDFium hyphen marker.
_LINE_END = re.compile("\r\n|\r|\n|(?<=[\ufffe\x02])")

#: Lines at each end of a page where running headers, footers and page numbers are looked for.
EDGE_LINES = 3
#: A header must repeat on at least this many pages (and on half of them) to be removed.
MIN_REPEATS = 3

_PAGE_NUMBER = re.compile(
    r"^(?i:page|p\.|pg\.?)?\s*[-\u2013\u2014(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-\u2013\u2014)\]]?"
    r"\s*(?:(?:/|(?i:of|de|sur|von))\s*\d{1,4})?$"
)
_DIGITS = re.compile(r"\d+")
_NUMBER_TOKEN = re.compile(r"^(?:\W*#\W*|(?i:page|p\.|pg\.?))$")


def page_lines(raw: str) -> list[str]:
    """The lines of one page of PDFium text, cleaned, in extraction order.

    Lines end at CR LF, CR or LF only (``str.splitlines`` alone would also end them at form
    feeds and other separators); string methods are faster than a regex here.
    """
    for marker in _PDFIUM_HYPHENS:
        if marker in raw:
            raw = raw.replace(marker, "-\n")
    text = clean_line(raw)
    if not text.isascii():
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Cleaning made the other ASCII line separators spaces, so ``splitlines`` ends lines at
    # the same places in one pass, but leaves out the empty line after a final line break.
    lines = text.splitlines()
    if text[-1:] in ("", "\r", "\n"):
        lines.append("")
    return lines


def line_spans(raw: str) -> list[tuple[int, int]]:
    """Where each line that ``page_lines(raw)`` returns lies in ``raw``: (start, end) indices.

    PDFium's character indices are indices into the page text, so a span leads from a line to
    the positions of its characters on the page. ``page_lines`` itself splits in C, which is
    several times faster, so the spans are only worked out for pages whose layout is read.
    """
    spans = []
    start = 0
    for match in _LINE_END.finditer(raw):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(raw)))
    return spans


def clean_line(text: str) -> str:
    """A piece of raw PDFium text cleaned as ``page_lines`` cleans whole pages.

    ``str.translate`` looks every character up in the table, except on ASCII text, where it
    runs in C: other text (accents, curly quotes) is searched for the few characters to
    replace instead, which is over ten times faster.
    """
    if text.isascii():
        return text.translate(_CHARACTERS)
    return _LAYOUT_CHARACTER.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return _CHARACTERS[ord(match[0])] or ""


def is_page_number(line: str) -> bool:
    """True for "12", "- 12 -", "(iv)", "Page 12", "Page 12 of 40", "12/40"."""
    return len(line) <= 20 and _PAGE_NUMBER.match(line.strip()) is not None


def remove_furniture(pages: Sequence[list[str]]) -> list[list[tuple[int, str]]]:
    """The body lines of each page, numbered from 1 in extraction order, without furniture.

    Furniture is looked for among the first and last ``EDGE_LINES`` non-blank lines of a page,
    because PDFium returns text in drawing order and a running header may come first or last.
    A line there is dropped when it is only a page number, or when its signature (digits
    replaced, page numbers at either end ignored, so that "2 Report" and "Report 3" match)
    recurs at the edge of at least half of the pages and of ``MIN_REPEATS`` pages. A numbered
    heading must recur word for word: "Article 5" and "Article 6" opening two pages are
    headings, while "CHAPTER 3 - FUNDING" on every page is furniture.
    Line numbers keep counting the dropped lines, so they match the page as printed.
    """
    # Running headers recur word for word, so each line is given its signature once.
    signature_of = functools.cache(_signature)
    edges = [
        {index: signature_of(lines[index]) for index in _edge_indices(lines)} for lines in pages
    ]
    counts: Counter[str] = Counter()
    for edge in edges:
        counts.update(set(edge.values()))
    threshold = max(MIN_REPEATS, math.ceil(len(pages) / 2))
    repeated = {sig for sig, count in counts.items() if sig and count >= threshold}
    result = []
    for lines, edge in zip(pages, edges, strict=True):
        drop = {
            index
            for index, signature in edge.items()
            if signature in repeated or is_page_number(lines[index])
        }
        result.append(_numbered(lines, drop))
    return result


def _numbered(lines: list[str], drop: set[int]) -> list[tuple[int, str]]:
    """``lines`` numbered from 1, without those at the indices in ``drop``: numbering all and
    deleting the few dropped is faster than testing every line."""
    numbered = list(enumerate(lines, 1))
    for index in sorted(drop, reverse=True):
        del numbered[index]
    return numbered


def _edge_indices(lines: list[str]) -> list[int]:
    filled = [index for index, line in enumerate(lines) if line and not line.isspace()]
    if len(filled) <= 2 * EDGE_LINES:
        return filled
    return filled[:EDGE_LINES] + filled[-EDGE_LINES:]


def _signature(line: str) -> str:
    if heading_level(line.strip()) is not None:
        return " ".join(line.lower().split())
    tokens = _DIGITS.sub("#", line.lower()).split()
    while tokens and _NUMBER_TOKEN.match(tokens[0]):
        tokens.pop(0)
    while tokens and _NUMBER_TOKEN.match(tokens[-1]):
        tokens.pop()
    return " ".join(tokens)
