"""Terms a document defines for itself, and what each definition says.

Bills, guidelines and protocols name the people they protect once and then use a defined
term: '"covered individual" means a woman peacebuilder or ...', '"speakers" means the six
women mediators who present at the event', '... women human rights defenders at risk (the
"Protected Persons")'. A rule looking for peacebuilders must then also find "covered
individual" in that document, and only in that one. Concepts that allow it
(``defined_terms: true``) take every term whose definition holds one of their hits.

Two ways of defining are recognised, both with the term in quotation marks:

- a term, then a defining verb: '"X" means ...', '"X" refers to ...', "'X' includes ...";
  the definition runs to the end of its sentence, or over the list below "means--" / "means:";
- a label after what it names: '... (the "X")', '(hereinafter "X")', '(together, "X")';
  what it names is the text just before the bracket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wpslint.document import BLOCK_SEPARATOR

_QUOTED = r"[\"\u201c\u2018']([^\"\u201c\u201d\u2018\u2019'\n]{2,60}?)[\"\u201d\u2019']"
_MEANS = re.compile(
    _QUOTED
    + r",?\s+(?:means|shall mean|refers to|shall refer to|is defined as|includes|denotes)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"\((?:(?:hereinafter|hereafter|together|collectively|jointly),?\s+)?"
    r"(?:(?:referred to as|called)\s+)?(?:the\s+)?" + _QUOTED + r"\)",
    re.IGNORECASE,
)
#: The end of a sentence inside a block: a full stop, then a space and a capital or quote.
_SENTENCE_END = re.compile(r"[.;](?=\s+[A-Z\u201c\"(]|\s*$)")
#: "means--" or "means:" with nothing after it on its block: the definition is the list below.
_LEAD_IN = re.compile(r"\s*(?:--|\u2014|\u2013|:)?\s*$")
#: How far a definition written as a list below its term can reach (characters).
_LIST_REACH = 800
#: How close to a label in brackets what it names must end (characters).
_LABEL_REACH = 80


@dataclass(frozen=True, slots=True)
class Definition:
    """``term`` is defined by the text between ``start`` and ``end`` (character offsets)."""

    term: str
    start: int
    end: int


def find_definitions(text: str) -> list[Definition]:
    """Every definition in ``text``, in no particular order."""
    found = []
    for match in _MEANS.finditer(text):
        found.append(Definition(match[1].strip(), match.end(), _definition_end(text, match.end())))
    for match in _LABEL.finditer(text):
        start = max(_block_start(text, match.start()), match.start() - _LABEL_REACH)
        found.append(Definition(match[1].strip(), start, match.start()))
    return found


def _definition_end(text: str, start: int) -> int:
    block_end = text.find(BLOCK_SEPARATOR, start)
    if block_end < 0:
        block_end = len(text)
    if _LEAD_IN.match(text, start, block_end):  # the definition is the list that follows
        following = _MEANS.search(text, block_end)
        return min(following.start() if following else len(text), start + _LIST_REACH)
    sentence_end = _SENTENCE_END.search(text, start, block_end)
    return sentence_end.start() if sentence_end else block_end


def _block_start(text: str, position: int) -> int:
    start = text.rfind(BLOCK_SEPARATOR, 0, position)
    return 0 if start < 0 else start + len(BLOCK_SEPARATOR)
