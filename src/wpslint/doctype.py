"""Detect whether a document is a national action plan, a bill, a protocol or a guideline.

The type decides which checks apply (a bill needs no event risk assessment), so it is
detected from cues kept as data in ``rules/doctypes.yaml``: title cues weigh more when they
occur in the opening of the document. Users override the result with ``--type``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from wpslint.findings import DOC_TYPES
from wpslint.nlp.pipeline import Pipeline
from wpslint.rules.matcher import term_variants

#: Characters at the start of a document that count as its title area.
OPENING_CHARS = 2_000
#: What one distinct title cue in the opening adds (repeating it adds nothing).
TITLE_WEIGHT = 3
#: Occurrences of one body cue that count at most, so a single word cannot dominate.
BODY_CAP = 5
#: The type assumed when no cue is found at all.
FALLBACK = "nap"


@dataclass(frozen=True, slots=True)
class Detection:
    doc_type: str
    scores: dict[str, int]


class DocTypeDetector:
    """Scores each document type by its cues and picks the best."""

    def __init__(self, cues: dict[str, dict[str, tuple[str, ...]]], pipeline: Pipeline) -> None:
        self._matcher = PhraseMatcher(pipeline.nlp.vocab, attr="NORM")
        for doc_type, groups in cues.items():
            for group, terms in groups.items():
                forms = [form for term in terms for form in term_variants(term)]
                if forms:
                    self._matcher.add(f"{doc_type}:{group}", pipeline.phrase_norms(forms))

    def detect(self, doc: Doc, text: str | None = None) -> Detection:
        """The likeliest type of ``doc``; ``text`` is its text when the caller has it
        (``Doc.text`` joins every token again)."""
        scores = dict.fromkeys(DOC_TYPES, 0)
        title_cues: set[tuple[str, str]] = set()
        body_counts: Counter[tuple[str, str]] = Counter()
        strings = doc.vocab.strings
        text = doc.text if text is None else text
        matches = self._matcher(doc)
        for (match_id, _, _), (first, last) in zip(matches, _extents(doc, matches), strict=True):
            doc_type, group = strings[match_id].split(":")
            cue = (doc_type, text[first:last].lower())
            if group == "body":
                body_counts[cue] += 1
            elif first < OPENING_CHARS:
                title_cues.add(cue)
        for doc_type, _ in title_cues:
            scores[doc_type] += TITLE_WEIGHT
        for (doc_type, _), count in body_counts.items():
            scores[doc_type] += min(count, BODY_CAP)
        best = max(DOC_TYPES, key=lambda t: scores[t])
        return Detection(doc_type=best if scores[best] else FALLBACK, scores=scores)


def _extents(doc: Doc, matches: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The characters each match covers in the text (without a Span object per match)."""
    if not matches:
        return []
    columns = doc.to_array([IDX, LENGTH]).astype(numpy.int64)
    _, starts, ends = numpy.array(matches, dtype=numpy.uint64).astype(numpy.int64).T
    firsts = columns[starts, 0]
    lasts = columns[ends - 1, 0] + columns[ends - 1, 1]
    return list(zip(firsts.tolist(), lasts.tolist(), strict=True))
