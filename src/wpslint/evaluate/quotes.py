"""Find a label's evidence quote in a document's extracted text.

Quotes are copied from the source file a person reads (for the PDF and DOCX documents, from
the Markdown or script they were built from), while the linter's offsets refer to the text
the readers extract. Line breaks, doubled spaces and capitalisation of headings differ between
the two, so the search ignores whitespace and case, and maps the match back to offsets of
the extracted text.
"""

from __future__ import annotations

#: A character range [start, end) of a document's text.
Span = tuple[int, int]


def locate(quote: str, text: str) -> list[Span]:
    """Every non-overlapping place where ``quote`` occurs in ``text``, ignoring whitespace and
    case; empty when it occurs nowhere (or the quote has no visible character)."""
    needle, _ = _squeeze(quote)
    haystack, origin = _squeeze(text)
    if not needle:
        return []
    spans: list[Span] = []
    index = haystack.find(needle)
    while index >= 0:
        last = index + len(needle) - 1
        spans.append((origin[index], origin[last] + 1))
        index = haystack.find(needle, last + 1)
    return spans


def overlaps(start: int, end: int, spans: list[Span]) -> bool:
    """Whether the range [start, end) shares at least one character with one of ``spans``."""
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased without whitespace, and the offset in ``text`` of each character.

    Lower-casing may turn one character into two ("İ"), so offsets are kept per output
    character rather than computed.
    """
    chars: list[str] = []
    origin: list[int] = []
    for offset, char in enumerate(text):
        if char.isspace():
            continue
        for lowered in char.lower():
            chars.append(lowered)
            origin.append(offset)
    return "".join(chars), origin
