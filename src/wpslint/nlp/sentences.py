"""Sentence boundaries as spaCy's Sentencizer sets them, worked out with numpy.

spaCy's Sentencizer walks the document token by token in Python: 15 ms of a 100-page plan,
a twentieth of the whole check. Its rule is simple enough to state over arrays: a sentence
starts at the first token that is neither punctuation nor a sentence-final character after
one or more sentence-final characters (and at the first token). ``SentenceStarts`` sets
exactly the boundaries the Sentencizer would (a test holds the two together on random token
sequences), in a millisecond or two.
"""

# No "from __future__ import annotations": spaCy resolves factory signatures at run time.

from collections.abc import Iterable

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc


class SentenceStarts:
    """Marks sentence starts (``Token.is_sent_start``) after ``punct_chars``."""

    def __init__(self, punct_chars: Iterable[str]) -> None:
        hashes = sorted({get_string_id(char) for char in punct_chars})
        self._final = numpy.array(hashes, dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            # from_array takes uint64; -1 wraps round and is read back as -1.
            doc.from_array([SENT_START], self.starts(doc).astype(numpy.uint64).reshape(-1, 1))
        return doc

    def starts(self, doc: Doc) -> numpy.ndarray:
        """1 for each token that starts a sentence, -1 for the others."""
        columns = doc.to_array([ORTH, IS_PUNCT])
        final = numpy.isin(columns[:, 0], self._final)
        # Only a token that is neither can start a sentence; it does when a sentence-final
        # character came since the previous such token (or since the document began).
        candidates = numpy.flatnonzero(~final & (columns[:, 1] == 0))
        finals_before = numpy.concatenate(([0], numpy.cumsum(final)))[candidates]
        opens = numpy.diff(finals_before, prepend=0) > 0
        starts = numpy.full(len(doc), -1, dtype=numpy.int64)
        starts[candidates[opens]] = 1
        starts[0] = 1
        return starts
