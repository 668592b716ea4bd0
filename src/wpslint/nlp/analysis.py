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

from spacy.tokens import Doc, Span

from wpslint.document import Document
from wpslint.nlp.pipeline import Pipeline


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

    def __post_init__(self) -> None:
        sentences = []
        for span in self.doc.sents:
            text = span.text
            if not text.strip():
                continue
            # Drop the block separator a sentence may end with; evidence reads cleanly.
            end = span.end
            while end > span.start and self.doc[end - 1].is_space:
                end -= 1
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=span.start,
                    end=end,
                    start_char=span.start_char,
                    end_char=self.doc[end - 1].idx + len(self.doc[end - 1]),
                )
            )
        self.sentences = sentences
        self._sentence_starts = [s.start for s in sentences]

    def span(self, sentence: Sentence) -> Span:
        return self.doc[sentence.start : sentence.end]

    def sentence_of(self, token: int) -> Sentence:
        """The sentence that holds token index ``token``."""
        index = max(bisect.bisect_right(self._sentence_starts, token) - 1, 0)
        return self.sentences[index]

    def unit_of(self, scope: str, token: int) -> int:
        """The unit id of ``token`` in ``scope`` (sentence, block, row, section, document)."""
        if scope == "document":
            return 0
        if scope == "sentence":
            return self.sentence_of(token).index
        return max(bisect.bisect_right(self._unit_starts(scope), token) - 1, 0)

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
        return [self._token_at(block.start) for block in self.document.blocks]

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
        for block in self.document.blocks:
            if block.kind.value == "heading" and block.start > 0:
                starts.append(self._token_at(block.start))
        return starts

    @cached_property
    def _token_offsets(self) -> list[int]:
        return [token.idx for token in self.doc]

    def _token_at(self, char: int) -> int:
        """The first token that starts at or after character ``char``."""
        return bisect.bisect_left(self._token_offsets, char)


def analyse(document: Document, pipeline: Pipeline) -> Analysis:
    """Run the pipeline over the document text."""
    return Analysis(document=document, doc=pipeline.analyse_text(document.text))
