"""The parser's borrowed tokenizer gives what the package's own tokenizer would."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from wpslint.nlp.parser_tokenizer import BorrowedTokenizer
from wpslint.nlp.pipeline import load_pipeline
from wpslint.nlp.syntax import load_parser

TEXTS = [
    "The Ministry shall be responsible; it won't delay, and we'll report at 10am.",
    "Women human rights defenders (WHRDs) can't be detained for their work.",
    "See https://example.org/plan?id=3 or e-mail focal.point@example.org, Dec. 3rd.",
    "Funds  are  set\n\naside for 'em, y'all, by Jan. 2026 -- i.e. before the review.",
    "L'Organisation\u2019s plan doesn\u2019t name a budget line.",
]


@pytest.fixture
def package() -> Language:
    """A pipeline with English tokenizer settings and a vocabulary of its own, as a parser
    package has."""
    return spacy.blank("en")


def borrowed_into(package: Language) -> BorrowedTokenizer:
    return BorrowedTokenizer(load_pipeline().nlp.tokenizer, package.vocab)


def tokens(doc: spacy.tokens.Doc) -> list[tuple[str, str, str]]:
    return [(token.text, token.whitespace_, token.norm_) for token in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_and_norms_are_the_packages(package: Language, text: str) -> None:
    doc = borrowed_into(package)(text)
    assert doc.vocab is package.vocab
    assert tokens(doc) == tokens(package.tokenizer(text))


def test_special_case_norms_are_kept(package: Language) -> None:
    doc = borrowed_into(package)("They won't go.")
    assert [token.norm_ for token in doc][:3] == ["they", "will", "not"]


def test_same_settings_borrow(package: Language, tmp_path: Path) -> None:
    package.tokenizer.to_disk(tmp_path / "tokenizer", exclude=["vocab"])
    tokenizer = borrowed_into(package).from_disk(tmp_path / "tokenizer", exclude=["vocab"])
    assert tokenizer.borrowing


def test_other_settings_build_the_packages_own(package: Language, tmp_path: Path) -> None:
    package.tokenizer.add_special_case("WPS-NAP", [{"ORTH": "WPS"}, {"ORTH": "-NAP"}])
    package.tokenizer.to_disk(tmp_path / "tokenizer", exclude=["vocab"])
    tokenizer = borrowed_into(package).from_disk(tmp_path / "tokenizer", exclude=["vocab"])
    assert not tokenizer.borrowing
    assert [token.text for token in tokenizer("the WPS-NAP")] == ["the", "WPS", "-NAP"]


def test_installed_parser_borrows() -> None:
    parser = load_parser()
    if parser is None:
        pytest.skip("no trained English pipeline installed")
    assert isinstance(parser.tokenizer, BorrowedTokenizer)
    assert parser.tokenizer.borrowing
    assert parser("Defenders can't be protected.").vocab is parser.vocab
