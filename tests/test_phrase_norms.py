"""Concept terms are analysed as the lines of one Doc: the norms must be those of a Doc of
each term alone, which is what the PhraseMatcher compares document text with."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import NORM

from wpslint.api import load_rules
from wpslint.nlp.pipeline import load_pipeline
from wpslint.rules.matcher import term_variants


def alone(phrases: list[str]) -> list[tuple[int, ...]]:
    nlp = load_pipeline().nlp
    docs = nlp.pipe(phrases, disable=["wpslint_sentences"])
    return [tuple(doc.to_array(NORM).tolist()) for doc in docs]


def test_every_term_of_the_rule_packs_has_the_norms_of_its_own_doc() -> None:
    rules = load_rules()
    forms = sorted(
        {
            form
            for concept in rules.concepts.values()
            for term in (*concept.terms, *concept.exclude)
            for form in term_variants(term)
        }
    )
    assert len(forms) > 1000
    assert load_pipeline().phrase_norms(forms) == alone(forms)


# Words, punctuation the tokenizer splits off, abbreviations it keeps whole, and whitespace
# of every kind, at the ends of phrases too.
WORDS = ["women", "Peacebuilders'", "U.S.", "e.g.", "(NAP)", "co-operation", "don't", "1325"]
SPACES = [" ", "  ", "\n", "\t", "\r\n", "\u00a0"]
pieces = st.sampled_from([*WORDS, *SPACES, "--", ".", ",", '"', ":)", "&", "Organisations"])


def test_special_cases_do_not_reach_across_phrases() -> None:
    # Joined by a space, "):" found across the two would undo the ":)" of the second.
    phrases = ["women:)", ":)women", "women:) :)women"]
    assert load_pipeline().phrase_norms(phrases) == alone(phrases)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(pieces, max_size=6).map("".join), max_size=12))
def test_phrases_get_the_norms_of_their_own_docs(phrases: list[str]) -> None:
    assert load_pipeline().phrase_norms(phrases) == alone(phrases)
