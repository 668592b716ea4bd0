"""Terms a document defines for itself, and concepts that take them (``defined_terms``) or
count only in documents about something (``context``)."""

from __future__ import annotations

import pytest

from wpslint.nlp.pipeline import load_pipeline
from wpslint.rules.definitions import find_definitions
from wpslint.rules.matcher import ConceptMatcher
from wpslint.rules.model import Concept


def defined(text: str) -> dict[str, str]:
    return {d.term: text[d.start : d.end].strip() for d in find_definitions(text)}


def test_a_term_and_its_defining_verb() -> None:
    text = '"covered individual" means a woman peacebuilder at risk; and\n\n"Fund" means the Fund.'
    assert defined(text) == {
        "covered individual": "a woman peacebuilder at risk; and",
        "Fund": "the Fund",
    }


def test_the_definition_ends_with_its_sentence() -> None:
    text = "In this note \u201cspeakers\u201d refers to the six mediators. Owners: the desk."
    assert defined(text) == {"speakers": "the six mediators"}


def test_a_definition_written_as_the_list_below_it() -> None:
    text = 'The term "covered individual" means--\n\n(A) a peacebuilder; or\n\n(B) a defender.'
    assert "(A) a peacebuilder; or\n\n(B) a defender" in defined(text)["covered individual"]


@pytest.mark.parametrize(
    "label", ['(the "Partners")', '(hereinafter "Partners")', "(together, \u201cPartners\u201d)"]
)
def test_a_label_in_brackets_names_the_text_before_it(label: str) -> None:
    text = f"Networks of women peacebuilders {label} receive grants."
    assert defined(text) == {"Partners": "Networks of women peacebuilders"}


def hits(concepts: list[Concept], text: str) -> dict[str, list[str]]:
    pipeline = load_pipeline()
    doc = pipeline.nlp(text)
    found = ConceptMatcher({c.name: c for c in concepts}, pipeline).find(doc)
    return {name: [doc[s:e].text for s, e in spans] for name, spans in found.items()}


TARGET = Concept("target", "", terms=("peacebuilder",), defined_terms=True)


def test_a_defined_term_counts_as_the_concept_that_defines_it() -> None:
    text = (
        '"Speakers" means the women peacebuilders who brief the Council.\n\n'
        "The Mission pays the travel of the speakers.\n\n"
        '"Agency" means the Registration Agency. The Agency may inspect speakers.'
    )
    assert hits([TARGET], text)["target"] == ["Speakers", "peacebuilders", "speakers", "speakers"]


def test_a_name_holding_the_concept_defines_nothing() -> None:
    text = '"Council" means the Peacebuilder Protection Council.\n\nThe Council meets.'
    assert hits([TARGET], text)["target"] == ["Peacebuilder"]


def test_without_defined_terms_a_definition_adds_nothing() -> None:
    plain = Concept("target", "", terms=("peacebuilder",))
    text = '"Speakers" means the women peacebuilders.\n\nThe speakers are paid.'
    assert hits([plain], text)["target"] == ["peacebuilders"]


def test_a_term_defined_by_something_else_is_not_taken() -> None:
    text = '"Beneficiaries" means women and girls.\n\nPeacebuilders and beneficiaries meet.'
    assert hits([TARGET], text)["target"] == ["Peacebuilders"]


def test_context_keeps_hits_only_in_documents_about_it() -> None:
    about = Concept("about", "", terms=("peacebuilder",))
    grantees = Concept("grantees", "", terms=("grantee",), context="about")
    assert hits([about, grantees], "Grantees of women peacebuilders.")["grantees"] == ["Grantees"]
    assert "grantees" not in hits([about, grantees], "Grantees report each quarter.")
