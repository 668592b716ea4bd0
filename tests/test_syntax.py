"""Grammar analyses: the pattern fallback, and the parser when one is installed."""

from __future__ import annotations

import pytest

from wpslint.nlp.pipeline import load_pipeline
from wpslint.nlp.syntax import SyntaxAnalyser, load_parser

PASSIVE = [
    "Measures will be taken to protect defenders.",
    "Shelters for defenders will be made available.",
    "Meetings with peacebuilders shall be held quarterly.",
    "Targets shall be set annually.",
]
ASSIGNED = [
    "A fund shall be established by the Ministry of Finance.",
    "The Ministry shall establish a fund.",
    "The budget shall be sufficient.",
]


def analyse(sentences: list[str], use_parser: bool) -> tuple[list[bool], str]:
    nlp = load_pipeline().nlp
    spans = [nlp(sentence)[:] for sentence in sentences]
    return SyntaxAnalyser(use_parser=use_parser).check("passive_without_agent", spans)


def test_patterns_find_passive_commitments_without_agent() -> None:
    results, ran = analyse(PASSIVE + ASSIGNED, use_parser=False)
    assert ran == "patterns"
    assert results == [True] * len(PASSIVE) + [False] * len(ASSIGNED)


def test_patterns_look_up_to_the_third_word_from_the_end() -> None:
    # "shall" is the third word from the end: the last modal the pattern considers.
    results, _ = analyse(["Funds shall be given", "Funds shall be"], use_parser=False)
    assert results == [True, False]


def test_patterns_skip_relative_clauses() -> None:
    results, _ = analyse(["A focal point who can be reached at all times."], use_parser=False)
    assert results == [False]


def test_parser_agrees_when_installed() -> None:
    if load_parser() is None:
        pytest.skip("no trained English pipeline installed")
    results, ran = analyse(PASSIVE[:1] + ASSIGNED[:2], use_parser=True)
    assert ran.startswith("en_core_web_sm")
    assert results == [True, False, False]
