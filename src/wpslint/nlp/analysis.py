"""A document after NLP: tokens, sentences and the units each rule scope works in.

Rules are evaluated per unit of their scope: a sentence, a block, a table row (the cells of
one row of a table, such as an action-matrix line; outside tables a row is a block), a section
(everything under one heading) or the whole document. ``Analysis`` maps every token to its
unit in each scope, so the engine can group concept hits by unit without walking the text
again.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SENT_START
from spacy.tokens import Doc, Span

from wpslint.document import BlockKind, Document
from wpslint.nlp.pipeline import Pipeline

_OPENING = {"(", "[", "{"}


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a token range and a character range of the document text."""

    index: int
    start: int  # first token
    end: int  # one past the last token
    start_char: int
    end_char: int


@dataclass
class Analysis:
    """The spaCy view of a ``Document`` with scope units precomputed."""

    document: Document
    doc: Doc
    sentences: list[Sentence] = field(init=False)
    _sentence_starts: list[int] = field(init=False, repr=False)
    _offsets: numpy.ndarray = field(init=False, repr=False)
    _ends: numpy.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Token attributes as arrays: one pass in C instead of a Python loop over tokens.
        columns = self.doc.to_array([SENT_START, IS_SPACE, IDX, LENGTH, ORTH])
        count = len(columns)
        # Contiguous int64: searching a strided or unsigned column copies it on every call.
        self._offsets = numpy.ascontiguousarray(columns[:, 2], dtype=numpy.int64)
        self._ends = self._offsets + columns[:, 3].astype(numpy.int64)
        is_space = columns[:, 1].astype(bool)
        starts = numpy.flatnonzero(columns[:, 0] == 1)
        if count and (not len(starts) or starts[0] != 0):
            starts = numpy.concatenate(([0], starts))
        starts = self._move_opening_brackets(starts, columns[:, 4])
        ends = numpy.append(starts[1:], count)
        # For every token, the index of the last non-space token at or before it: a sentence
        # ends there, without the block separator it may carry.
        positions = numpy.where(is_space, -1, numpy.arange(count))
        last_word = numpy.maximum.accumulate(positions) if count else positions
        # Each sentence's last word and characters are found for all sentences at once; a
        # sentence of only whitespace has its last word before its start and is left out.
        lasts = last_word[ends - 1] if count else starts  # no tokens: no sentences
        kept = lasts >= starts
        starts, lasts = starts[kept], lasts[kept]
        self.sentences = list(
            map(
                Sentence,
                range(len(starts)),
                starts.tolist(),
                (lasts + 1).tolist(),
                self._offsets[starts].tolist(),
                self._ends[lasts].tolist(),
            )
        )
        self._sentence_starts = starts.tolist()

    def _move_opening_brackets(self, starts: numpy.ndarray, orths: numpy.ndarray) -> numpy.ndarray:
        """Give an opening bracket to the sentence it opens.

        The sentencizer ends a sentence after the punctuation that follows its full stop, so
        "... or to both. (2) The Minister" ended with "(" and the next began "2)". Tokens are
        compared by their text's hash (``orths``, the ORTH column), for all starts at once.
        """
        strings = self.doc.vocab.strings
        opening = numpy.array([strings[bracket] for bracket in _OPENING], dtype=orths.dtype)
        before = starts - 1
        moved = (starts > 0) & numpy.isin(orths[numpy.maximum(before, 0)], opening)
        return numpy.where(moved, before, starts)

    def span(self, sentence: Sentence) -> Span:
        return Span(self.doc, sentence.start, sentence.end)  # slicing the doc costs 3 times more

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """The characters of tokens ``start`` to ``end`` (exclusive) in the text: from the
        first character of the first token to one past the last of the last."""
        return int(self._offsets[start]), int(self._ends[end - 1])

    def sentence_of(self, token: int) -> Sentence:
        """The sentence that holds token index ``token``."""
        index = max(bisect.bisect_right(self._sentence_starts, token) - 1, 0)
        return self.sentences[index]

    @cached_property
    def token_sentences(self) -> list[int]:
        """The index of the sentence of every token (what ``sentence_of`` finds), as a list:
        evidence looks up the sentence of thousands of hits."""
        tokens = numpy.arange(len(self.doc))
        return self.units_of("sentence", tokens).tolist()

    def unit_of(self, scope: str, token: int) -> int:
        """The unit id of ``token`` in ``scope`` (sentence, block, row, section, document)."""
        if scope == "document":
            return 0
        if scope == "sentence":
            return self.sentence_of(token).index
        return max(bisect.bisect_right(self._unit_starts(scope), token) - 1, 0)

    def units_of(self, scope: str, tokens: numpy.ndarray) -> numpy.ndarray:
        """``unit_of`` for many tokens at once (a sorted search in C)."""
        if scope == "document":
            return numpy.zeros(len(tokens), dtype=numpy.int64)
        found = self._start_arrays[scope].searchsorted(tokens, side="right")
        found -= 1
        return numpy.maximum(found, 0, out=found)

    @cached_property
    def _start_arrays(self) -> dict[str, numpy.ndarray]:
        """Unit starts per scope as arrays, converted once rather than on every search."""
        arrays = {"sentence": numpy.array(self._sentence_starts, dtype=numpy.int64)}
        for scope in ("block", "row", "section"):
            arrays[scope] = numpy.array(self._unit_starts(scope), dtype=numpy.int64)
        return arrays

    def unit_count(self, scope: str) -> int:
        if scope == "document":
            return 1
        if scope == "sentence":
            return len(self.sentences)
        return max(len(self._unit_starts(scope)), 1)

    def _unit_starts(self, scope: str) -> list[int]:
        return {
            "block": self._block_token_starts,
            "row": self._row_token_starts,
            "section": self._section_token_starts,
        }[scope]

    def block_index(self, token: int) -> int:
        """The index in ``document.blocks`` of the block that holds ``token``."""
        return max(bisect.bisect_right(self._block_token_starts, token) - 1, 0)

    def block_token_end(self, index: int) -> int:
        """One past the last token of block ``index`` (its separator excluded)."""
        block = self.document.blocks[index]
        return self._token_at(block.end)

    @cached_property
    def list_lead_in(self) -> list[int | None]:
        """For each block: the block before its list when it is a list item, else None.

        One pass, so that long lists cost no more than short ones.
        """
        result: list[int | None] = []
        lead_in: int | None = None
        for index, block in enumerate(self.document.blocks):
            if block.kind is BlockKind.LIST_ITEM:
                result.append(lead_in)
            else:
                result.append(None)
                lead_in = index
        return result

    @cached_property
    def heading_extents(self) -> list[tuple[int, int, int]]:
        """For each heading, in order: its first and last token + 1, and where its section
        ends (the next heading of the same or a higher level, or the end of the document)."""
        levels = [
            block.level or 1 for block in self.document.blocks if block.kind.value == "heading"
        ]
        ranges = self.heading_tokens
        stops = [len(self.doc)] * len(ranges)
        open_headings: list[int] = []  # indices of headings whose section is still open
        for index, level in enumerate(levels):
            while open_headings and levels[open_headings[-1]] >= level:
                stops[open_headings.pop()] = ranges[index][0]
            open_headings.append(index)
        return [(start, end, stop) for (start, end), stop in zip(ranges, stops, strict=True)]

    @cached_property
    def heading_tokens(self) -> list[tuple[int, int]]:
        """Token ranges of the heading blocks, in order."""
        starts = self._block_token_starts
        ends = [*starts[1:], len(self.doc)]
        return [
            (start, end)
            for block, start, end in zip(self.document.blocks, starts, ends, strict=True)
            if block.kind.value == "heading"
        ]

    @cached_property
    def _block_token_starts(self) -> list[int]:
        chars = [block.start for block in self.document.blocks]
        return numpy.searchsorted(self._offsets, chars, side="left").tolist()

    @cached_property
    def _row_token_starts(self) -> list[int]:
        """A row starts at every block, except a table cell in the same row as the last."""
        starts = []
        previous = None
        for block, start in zip(self.document.blocks, self._block_token_starts, strict=True):
            if block.table_row is None or block.table_row != previous:
                starts.append(start)
            previous = block.table_row
        return starts

    @cached_property
    def _section_token_starts(self) -> list[int]:
        """A section starts at each heading (and at the start of the document)."""
        starts = [0]
        for block, start in zip(self.document.blocks, self._block_token_starts, strict=True):
            if block.kind.value == "heading" and block.start > 0:
                starts.append(start)
        return starts

    def _token_at(self, char: int) -> int:
        """The first token that starts at or after character ``char``."""
        return int(numpy.searchsorted(self._offsets, char, side="left"))


def analyse(document: Document, pipeline: Pipeline) -> Analysis:
    """Run the pipeline over the document text."""
    return Analysis(document=document, doc=pipeline.analyse_text(document.text))
