"""Concept matching: literal patterns compiled to phrase matchers, flags, exclusions, and
shape patterns matched in windows."""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from wpslint.nlp.pipeline import load_pipeline
from wpslint.rules.matcher import ConceptMatcher, pattern_phrases, term_variants
from wpslint.rules.model import Concept
from wpslint.rules.shapes import WordConditions, _Test


def find(concept: Concept, text: str) -> list[str]:
    pipeline = load_pipeline()
    doc = pipeline.nlp(text)
    hits = ConceptMatcher({concept.name: concept}, pipeline).find(doc)
    return [doc[start:end].text for start, end in hits.get(concept.name, [])]


def test_literal_patterns_become_phrases() -> None:
    assert pattern_phrases([{"LOWER": {"IN": ["As", "where"]}}, {"LOWER": "appropriate"}]) == (
        "LOWER",
        [["as", "appropriate"], ["where", "appropriate"]],
    )
    assert pattern_phrases([{"LOWER": "shall"}, {"LOWER": "not", "OP": "?"}]) == (
        "LOWER",
        [["shall", "not"], ["shall"]],
    )
    assert pattern_phrases([{"ORTH": "Act"}]) == ("ORTH", [["Act"]])
    assert pattern_phrases([{"LIKE_NUM": True}, {"LOWER": "million"}]) is None
    assert pattern_phrases([{"ORTH": "Act"}, {"LOWER": "of"}]) is None  # mixed attributes
    assert pattern_phrases([{"LOWER": "a", "OP": "+"}]) is None


def test_orth_patterns_stay_case_sensitive() -> None:
    concept = Concept("act", "The Act.", patterns=(({"ORTH": "Act"},),))
    assert find(concept, "This Act shall apply. They act now.") == ["Act"]


def test_word_sets_in_shape_patterns_match_like_in() -> None:
    pattern = ({"LOWER": {"IN": ["within", "after"]}}, {"LIKE_NUM": True}, {"LOWER": "months"})
    concept = Concept("time", "A time frame.", patterns=(pattern,))
    assert find(concept, "Within 6 months and AFTER 3 months, not before 2 months.") == [
        "Within 6 months",
        "AFTER 3 months",
    ]


def test_terms_match_lemmas_spellings_and_hyphen_forms() -> None:
    concept = Concept("org", "Organisations.", terms=("women-led organisation",))
    assert find(concept, "Women-led organizations and women led Organisations.") == [
        "Women-led organizations",
        "women led Organisations",
    ]
    assert term_variants("peace-builder") == ["peace-builder", "peacebuilder", "peace builder"]


def test_exclusions_drop_hits_inside_excluded_phrases() -> None:
    concept = Concept("defenders", "Defenders.", terms=("defender",), exclude=("public defender",))
    assert find(concept, "A public defender and a human rights defender.") == ["defender"]


def test_regex_specs_match_like_spacy_regex() -> None:
    year = {"TEXT": {"REGEX": "^(19|20)[0-9][0-9]$"}}
    concept = Concept("year", "A deadline.", patterns=(({"LOWER": "by"}, year),))
    assert find(concept, "By 2026, not by 3026 nor by 20260.") == ["By 2026"]


#: Shape patterns for the windowed matching: optional tokens, an anchor after them, ``*``
#: and ``+`` on either side, NORM tests, expressions, wildcards, and one with no bound. Those
#: of plain and optional tokens with exact tests only are spelled out without a Matcher:
#: plain ones, optional tokens taking the same words, wildcards at the document's ends, and
#: tests that are not exact (a length, a flag required false) within reach of the anchor.
SHAPES = [
    [{"LOWER": "by"}, {"LOWER": {"IN": ["the", "a"]}, "OP": "?"}, {"IS_TITLE": True}],
    [
        {"LOWER": {"IN": ["at", "in"]}},
        {"LOWER": "the", "OP": "?"},
        {"IS_TITLE": True, "OP": "*"},
        {"LOWER": {"IN": ["office", "offices"]}},
    ],
    [{"IS_UPPER": True, "OP": "+"}, {"LOWER": "office"}, {"IS_ALPHA": True, "OP": "*"}],
    [
        {"LIKE_NUM": True},
        {"LOWER": {"IN": ["million", "m"]}, "OP": "?"},
        {"LOWER": {"IN": ["usd", "dollars"]}},
    ],
    [
        {"NORM": "defender"},
        {"ORTH": ",", "OP": "?"},
        {"LOWER": "and"},
        {"IS_ALPHA": True, "OP": "?"},
    ],
    [{"IS_ALPHA": True, "OP": "?"}, {"LOWER": "and"}, {"NORM": {"IN": ["defender", "office"]}}],
    [
        {"TEXT": {"REGEX": "^(19|20)[0-9][0-9]$"}},
        {"ORTH": {"IN": ["-", "to"]}},
        {"TEXT": {"REGEX": "^(19|20)[0-9][0-9]$"}},
    ],
    [{"LOWER": "the"}, {"OP": "?"}, {"OP": "?"}, {"LOWER": "office"}, {"OP": "?"}],
    [{"LOWER": "the", "OP": "!"}, {"LOWER": "office"}],
    [{"LIKE_NUM": True}, {"LOWER": {"IN": ["million", "usd"]}}],
    [{"ORTH": {"IN": ["Office", "UN"]}, "IS_ALPHA": True}],
    [{"LOWER": "and"}, {"LOWER": "and", "OP": "?"}, {"IS_ALPHA": True, "OP": "?"}],
    [{}, {"LOWER": "and"}, {"OP": "?"}, {}],
    [{"OP": "?"}, {"ORTH": {"IN": ["UN", "OHCHR"]}}, {"IS_TITLE": True, "OP": "?"}, {}],
    [{"LOWER": "office"}, {"LENGTH": 3}],
    [{"IS_TITLE": False}, {"ORTH": "office"}, {"NORM": "defender", "OP": "?"}],
]
WORDS = "by the a Council UN OHCHR office offices at in 3 five million USD dollars defenders"
WORDS += " defender , and and and 2020 2024 - to Office women"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS.split()), max_size=40))
def test_shape_patterns_match_in_windows_as_in_the_whole_document(words: list[str]) -> None:
    pipeline = load_pipeline()
    doc = pipeline.nlp(" ".join(words))
    whole = Matcher(pipeline.nlp.vocab)
    for index, pattern in enumerate(SHAPES):
        whole.add(f"shape{index}", [pattern])
    expected: dict[str, set[tuple[int, int]]] = {}
    for match_id, start, end in whole(doc):
        expected.setdefault(pipeline.nlp.vocab.strings[match_id], set()).add((start, end))
    found = _shape_matcher().find(doc)
    assert {name: set(hits) for name, hits in found.items()} == expected


def test_only_tests_numpy_decides_are_exact() -> None:
    conditions = WordConditions(load_pipeline().nlp.vocab)
    exact = [
        {},
        {"IS_TITLE": True, "OP": "?"},
        {23: True},
        {"LOWER": {"IN": ["within", "after"]}},
        {"ORTH": "Act", "IS_ALPHA": True},
        {"TEXT": "Act"},
        {"NORM": {"IN": ["defender"]}},
    ]
    inexact = [
        {"IS_TITLE": False},
        {"IS_TITLE": 1},
        {"IS_UPPER": True, "LENGTH": 3},
        {"TEXT": {"REGEX": "^(19|20)[0-9][0-9]$"}},
        {"LOWER": {"NOT_IN": ["the"]}},
        {"LOWER": {"IN": ["the"], "NOT_IN": ["a"]}},
        {"IS_SENT_START": True, "ORTH": "Consider"},
        {"POS": "NOUN"},
        {"_": {"custom": True}},
    ]
    assert all(_Test.of(token, conditions).exact for token in exact)
    assert not any(_Test.of(token, conditions).exact for token in inexact)


@functools.cache
def _shape_matcher() -> ConceptMatcher:
    concepts = {
        f"shape{index}": Concept(f"shape{index}", "A shape.", patterns=(tuple(pattern),))
        for index, pattern in enumerate(SHAPES)
    }
    return ConceptMatcher(concepts, load_pipeline())
