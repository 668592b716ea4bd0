"""Recognising headings and list items from the shape of a plain line of text.

PDF text layers, plain-text files and unstyled DOCX paragraphs carry no markup, so readers
infer structure from numbering ("4.2 Funding", "Article 5", "SEC. 3. DEFINITIONS."), list
markers ("(a)", "1.", "•") and capitals. The rules are conservative on purpose: a missed
heading only costs a section title in the report, while a sentence mistaken for a heading is
cut out of its paragraph and loses its meaning for the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from wpslint.document import BlockKind, DocumentBuilder, SourceLine


@dataclass(slots=True)
class Pending:
    """A block a reader is still assembling, before it goes to the ``DocumentBuilder``."""

    kind: BlockKind
    lines: list[SourceLine]
    level: int | None = None
    table_row: tuple[int, int] | None = None


def emit(builder: DocumentBuilder, blocks: Iterable[Pending]) -> None:
    """Hand finished blocks to ``builder`` in reading order."""
    for block in blocks:
        builder.add(block.kind, block.lines, level=block.level, table_row=block.table_row)


#: Headings longer than this are sentences that happen to start with a number...
MAX_HEADING_WORDS = 12
#: ...unless written in capitals ("CHAPITRE 2 : ÉTAT DES LIEUX DE LA MISE EN ŒUVRE DU PAN 1").
MAX_CAPS_HEADING_WORDS = 20

_KEYWORD_HEADING = re.compile(
    r"^(?:§{1,2}|(?i:part|title|book|chapter|section|sec\.|article|art\.|annex|appendix|"
    r"schedule|partie|titre|livre|chapitre|annexe))\s*"
    r"(?P<num>\d+[a-z]?(?:[.\-\u2013]\d+[a-z]?)*|[IVXLCDM]+\b|[A-Z]\b)\.?"
    r"\s*(?:[-\u2013\u2014:.)]\s*)?(?P<title>.*)$"
)
_NUMBERED_HEADING = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})(?P<dot>\.)?(?:\s+|(?=[^\W\d_]))(?P<title>\S.*)$"
)
_LIST_MARKER = re.compile(
    r"^(?:(?P<bullet>[-\u2013\u2014\u2022\u25aa\u25e6\u2023\u2219\u00b7*+])"
    r"|\d{1,3}[.)]|[a-zA-Z][.)]|[ivxlcIVXLC]{1,6}[.)]"
    r"|\((?:\d{1,3}|[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6})\))\s+(?=\S)"
)
_ITEM_NUMBER = re.compile(r"^(\d{1,3})[.)]\s")
_TRAILING_CLOSERS = " \t\"'\u2019\u201d\u00bb)]"
_OPENING_QUOTES = "\"'\u2018\u201c\u00ab"
#: Lower-case words a title never ends with but a wrapped line of a sentence often does
#: (title case writes them "Of", "With").
_UNFINISHED = frozenset(
    {"a", "an", "the", "of", "for", "to", "and", "or", "nor", "by", "with", "in", "on", "at"}
    | {"from", "into", "that", "which", "whose", "its", "their"}
)
_LIST_START_CHARS = frozenset("-\u2013\u2014\u2022\u25aa\u25e6\u2023\u2219\u00b7*+(")


def heading_level(text: str) -> int | None:
    """The level of a numbered heading line ("4.2 Funding" -> 2, "Article 5" -> 1), or None.

    The level is the depth of the number. A keyword heading starts with a capital ("section 8."
    is the end of a sentence). The title after the number must look like a title: short,
    not starting in lower case (which would make it a sentence such as
    "Article 5 of the Constitution ..."), not ending in a comma or semicolon, and, when it
    ends with a full stop, written in title case or capitals ("Section 1. Short Title.").
    Callers also check that the next line does not continue the sentence.
    """
    first = text[:1]
    if first.isdigit():
        match = _NUMBERED_HEADING.match(text)
        if match is None:
            return None
        number, dot, title = match.group("num", "dot", "title")
        if ("." not in number and not dot) or not title[0].isupper():
            return None
    elif first and first in "§SACPTBL":
        match = _KEYWORD_HEADING.match(text)
        if match is None:
            return None
        number, title = match.group("num", "title")
    else:
        return None
    if not _looks_like_title(title, len(text.split())):
        return None
    return number.count(".") + 1


def numbers_paragraph(text: str) -> bool:
    """True when ``text`` opens with a paragraph number of two levels or more and a capital
    or an opening quote, as in "1.2 This Plan commits ..." or '3.1 "Defender" means ...'.

    Numbered paragraphs follow one another with nothing between them, so after a line that
    ends a sentence such a line starts a new paragraph although it does not start with a
    capital. One-level numbers ("5. The ...") are list markers, and "2.5 million women" does
    not count.
    """
    # The first full stop of such a number follows its first one or two digits.
    if not (text[:1].isdigit() and "." in text[1:3]):
        return False
    match = _NUMBERED_HEADING.match(text)
    if match is None or "." not in match["num"]:
        return False
    first = match["title"][0]
    return first.isupper() or first in _OPENING_QUOTES


def _looks_like_title(title: str, words: int) -> bool:
    limit = MAX_CAPS_HEADING_WORDS if title.isupper() else MAX_HEADING_WORDS
    if words > limit or has_leader_dots(title):
        return False
    if not title:
        return True
    if title[0].islower():
        return False
    last = title.rstrip(_TRAILING_CLOSERS)[-1:]
    if last in (",", ";", "!", "?"):
        return False
    if title.count("(") > title.count(")") or title.split()[-1] in _UNFINISHED:
        return False  # "26. The Facility (budget line 14.02; EUR 1,450,000 for" runs on
    if last in (".", ":"):
        return title.isupper() or _title_case(title)
    return True


def _title_case(text: str) -> bool:
    """True when most longer words are capitalised, as in "Declaration of Policy"."""
    long_words = [word for word in text.split() if len(word) >= 4 and word[0].isalpha()]
    capitalised = sum(1 for word in long_words if word[0].isupper())
    return capitalised * 2 > len(long_words)


def is_caps_line(text: str) -> bool:
    """A short line in capitals such as "EXPLANATORY NOTE" or "CHAPTER II - FUNDING"."""
    return (
        text.isupper()
        and len(text.split()) <= MAX_CAPS_HEADING_WORDS
        and text[-1] not in ",;"
        and sum(1 for char in text if char.isalpha()) >= 3
        and not has_leader_dots(text)
    )


def list_marker(text: str) -> re.Match[str] | None:
    """The list marker that starts ``text`` ("•", "-", "1.", "a)", "(iv)"), if any."""
    if not text or not (text[0] in _LIST_START_CHARS or text[0].isalnum()):
        return None
    if text[0].islower() and text[0] not in "ivxlc" and text[1:2] not in (".", ")"):
        return None  # a marker in lower case is a letter ("a)") or a roman numeral ("iv.")
    return _LIST_MARKER.match(text)


def item_number(text: str) -> int | None:
    """The number of an item numbered "1." or "1)" (one level only), or None."""
    match = _ITEM_NUMBER.match(text)
    return int(match[1]) if match else None


def strip_bullet(text: str, marker: re.Match[str]) -> str:
    """``text`` without its bullet; enumerators such as "(a)" are content and stay."""
    return text[marker.end() :] if marker["bullet"] else text


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with a full stop, "!", "?" or an ellipsis (quotes aside)."""
    return text.rstrip(_TRAILING_CLOSERS)[-1:] in (".", "!", "?", "…")


def has_leader_dots(text: str) -> bool:
    """True for table-of-contents lines such as "Introduction ........ 3": four full stops,
    two ellipses or four spaced full stops in a row. Looking for the three strings is many
    times faster than a regex search, which tries the alternatives at every character."""
    return "...." in text or "……" in text or ". . . . " in text


def continues(following: str) -> bool:
    """True when the line ``following`` a candidate heading shows it is not one: it carries
    on a sentence (starts in lower case) or holds the leader dots of a table of contents."""
    return following[:1].islower() or following[:1] in (".", "\u2026")
