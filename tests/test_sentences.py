"""Sentence boundaries: the numpy component sets exactly what spaCy's Sentencizer sets."""

from __future__ import annotations

import numpy
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import SENT_START
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from wpslint.document import BLOCK_SEPARATOR
from wpslint.nlp.pipeline import load_pipeline
from wpslint.nlp.sentences import SentenceStarts

PUNCT_CHARS = [*Sentencizer.default_punct_chars, BLOCK_SEPARATOR]
# Sentence-final characters, other punctuation, block separators and words, in any order.
TOKENS = [".", "!", "?", "。", BLOCK_SEPARATOR, "\n", ",", ";", "(", ")", '"', "-", "…", "2.1"]
WORDS = ["The", "Ministry", "shall", "fund", "women", "peacebuilders", "a", "(b)"]

VOCAB = spacy.blank("en").vocab


def boundaries(component, words: list[str]) -> list[int]:
    doc = Doc(VOCAB, words=words)
    component(doc)
    return doc.to_array([SENT_START]).astype(numpy.int64).tolist()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS + WORDS), max_size=40))
def test_same_boundaries_as_spacys_sentencizer(words: list[str]) -> None:
    reference = Sentencizer(punct_chars=PUNCT_CHARS)
    assert boundaries(SentenceStarts(PUNCT_CHARS), words) == boundaries(reference, words)


def test_a_block_separator_ends_a_sentence_in_the_pipeline() -> None:
    doc = load_pipeline().analyse_text("Protection\n\nThe Ministry shall fund it. It will.")
    assert [sentence.text for sentence in doc.sents] == [
        "Protection\n\n",
        "The Ministry shall fund it.",
        "It will.",
    ]
