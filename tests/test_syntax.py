"""Grammar analyses: the pattern fallback, and the parser when one is installed."""

from __future__ import annotations

import importlib.util

import pytest
import spacy

from wpslint.nlp.packages import PARSER_PACKAGES
from wpslint.nlp.pipeline import load_pipeline
from wpslint.nlp.syntax import _UNUSED_COMPONENTS, SyntaxAnalyser, load_parser

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


def test_parser_as_loaded_parses_like_the_whole_package() -> None:
    """Loaded without its tokenizer and string table, the parser gives the labels and heads
    the package gives when loaded in full."""
    parser = load_parser()
    if parser is None:
        pytest.skip("no trained English pipeline installed")
    whole = spacy.load(_installed_package(), exclude=_UNUSED_COMPONENTS)
    sentences = [
        *PASSIVE,
        *ASSIGNED,
        "Defenders can't be detained, and we'll report at 10am on the U.S.-funded plan.",
        "Women's organisations (WHRDs) won't be excluded from the peace talks' agenda.",
    ]
    for ours, theirs in zip(parser.pipe(sentences), whole.pipe(sentences), strict=True):
        assert [(t.text, t.norm_, t.dep_, t.head.i) for t in ours] == [
            (t.text, t.norm_, t.dep_, t.head.i) for t in theirs
        ]


def _installed_package() -> str:
    for package in PARSER_PACKAGES:
        if importlib.util.find_spec(package) is not None:
            return package
    raise AssertionError("a parser loaded but no package of it is installed")
