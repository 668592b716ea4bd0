"""The spaCy pipeline wpslint runs on every document.

The default pipeline uses official packages only and is fast: blank English tokenization,
sentence boundaries as spaCy's Sentencizer sets them, block boundaries included
(``wpslint_sentences``, see ``wpslint.nlp.sentences``), and a ``wpslint_norm`` component
that writes each token's matching key into ``Token.norm``.

The matching key is the lower-cased lemma from spaCy's English lookup table
(spacy-lookups-data), with British spellings mapped to American ones from the same package's
``lexeme_norm`` table. Concept terms go through the same pipeline, so "Organisations",
"organization" and "organizations" all meet on ``organization``. Lemmas copied into NORM
matched far more than the LEMMA attribute alone, and the PhraseMatcher needs one attribute.

Why not spaCy's own lemmatizer component: it adds a second pass over every token and still
needs the norm copy; one component with a per-word cache does both in one pass.
"""

# No "from __future__ import annotations": spaCy resolves factory signatures at run time.

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
import spacy
from spacy.attrs import IDX, NORM, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.util import load_language_data, registry

from wpslint.document import BLOCK_SEPARATOR
from wpslint.limits import MAX_TEXT_CHARS
from wpslint.nlp.sentences import SentenceStarts

#: The longest document text accepted (characters); spaCy's default of 1M is too low for
#: 500-page plans. Readers refuse longer texts as too large before they get here.
MAX_TEXT_LENGTH = MAX_TEXT_CHARS

#: Endings that never mark an English plural, so the fallback below leaves them alone.
_NOT_PLURAL = ("ss", "us", "is", "ous")

#: Where the lookup table, which knows no part of speech, picks the wrong lemma for a word
#: that matters in policy text: "as" is not the plural of "a", "does" not of "doe", and
#: "could", "might", "more" or "these" carry meaning a rule may need ("as appropriate",
#: "these guidelines"). The clitic "'s" is left alone: possessive, "is" and "has" look alike.
_LEMMA_OVERRIDES = {
    "as": "as",
    "does": "do",
    "could": "could",
    "might": "might",
    "well": "well",
    "further": "further",
    "more": "more",
    "most": "most",
    "less": "less",
    "least": "least",
    "these": "these",
    "those": "those",
    "'s": "'s",
}

#: Below this many tokens (concept terms, headings) a plain loop beats numpy's set-up costs.
_FEW_TOKENS = 64

#: Words (no whitespace of any kind) separated by single spaces.
_SINGLE_SPACED = re.compile(r"\S+(?: \S+)*")

#: Typographic apostrophes meet the plain one (U+2019 "women's" is "women's").
_PLAIN_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


class NormWriter:
    """Writes the matching key (lemma, lower case, American spelling) into ``Token.norm``."""

    def __init__(self, nlp: Language) -> None:
        # Plain dicts, not spaCy's lookup Tables: filling a Table hashes every key, 80 ms of
        # every start-up for the lemma table, and ours are only ever read by word.
        tables = registry.lookups.get("en")
        self._lemmas: dict[str, str] = load_language_data(tables["lemma_lookup"])
        self._spelling: dict[str, str] = load_language_data(tables["lexeme_norm"])
        self._strings = nlp.vocab.strings
        self._cache: dict[int, int] = {}
        self._norms: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        orths = doc.to_array([ORTH])
        if len(orths) <= _FEW_TOKENS:
            hashes = [self._norm_hash(orth) for orth in orths.ravel().tolist()]
            norms = numpy.array(hashes, dtype="uint64")
        else:
            # Work on distinct words, not tokens: a 50,000-word plan has a few thousand.
            distinct, positions = numpy.unique(orths, return_inverse=True)
            hashes = [self._norm_hash(int(orth)) for orth in distinct]
            norms = numpy.array(hashes, dtype="uint64")[positions]
        doc.from_array([NORM], norms.reshape(-1, 1))
        return doc

    def _norm_hash(self, orth: int) -> int:
        key = self._cache.get(orth)
        if key is None:
            key = self._cache[orth] = self._strings.add(self._compute_norm(self._strings[orth]))
        return key

    def norm_of(self, word: str) -> str:
        """The matching key of one word, remembered: compiling the rules asks for every word
        of the vocabulary once per lexeme flag."""
        norm = self._norms.get(word)
        if norm is None:
            norm = self._norms[word] = self._compute_norm(word)
        return norm

    def _compute_norm(self, word: str) -> str:
        """Lower-cased lemma in American spelling (see the module docstring)."""
        lower = word.lower().translate(_PLAIN_QUOTES)
        if lower in _LEMMA_OVERRIDES:
            return _LEMMA_OVERRIDES[lower]
        lemma = (self._lemmas.get(lower) or self._lemmas.get(word) or lower).lower()
        if not lemma.isalpha() and lower.isalpha():
            lemma = lower  # the table turns ordinals into digits ("second" -> "2")
        if lemma == lower and _looks_plural(lower):
            # Words missing from the lookup table ("peacebuilders", "WHRDs") keep their
            # plural; strip it so they meet their singular form.
            lemma = lower[:-1]
        return _spelling_variant(lemma, self._spelling.get(lemma))


def _spelling_variant(lemma: str, variant: str | None) -> str:
    """The American spelling of ``lemma`` from ``lexeme_norm``, and nothing else.

    The table also maps numbers ("second" -> "2") and slang ("cos" -> "because"); only a
    variant with the same opening letters is a spelling ("organise" -> "organize").
    """
    if variant and variant.isalpha() and lemma.isalpha() and variant[:2] == lemma[:2]:
        return variant
    return lemma


def _looks_plural(word: str) -> bool:
    return (
        len(word) > 3 and word.endswith("s") and not word.endswith(_NOT_PLURAL) and word.isalpha()
    )


@Language.factory("wpslint_sentences", default_config={"punct_chars": []})
def _make_sentence_starts(nlp: Language, name: str, punct_chars: list[str]) -> SentenceStarts:
    return SentenceStarts(punct_chars)


@Language.factory("wpslint_norm")
def _make_norm_writer(nlp: Language, name: str) -> NormWriter:
    return NormWriter(nlp)


@dataclass(frozen=True)
class Pipeline:
    """A loaded spaCy pipeline and the name reports give it."""

    nlp: Language
    name: str

    def analyse_text(self, text: str) -> Doc:
        return self.nlp(text)

    def norm_of(self, word: str) -> str:
        """The matching key the pipeline gives ``word`` (see ``NormWriter``)."""
        return self.nlp.get_pipe("wpslint_norm").norm_of(word)

    def phrase_norms(self, phrases: Sequence[str]) -> list[tuple[int, ...]]:
        """The NORM of each phrase's tokens, as a Doc of the phrase alone holds them (what a
        PhraseMatcher on NORM compares).

        Seven thousand concept terms made into seven thousand Docs took 0.15 s of every
        start-up, and as the lines of one Doc 0.18 s, most of it tokenizing twenty thousand
        words. The tokenizer splits text at whitespace before anything else and tokenizes each
        piece between spaces on its own (its cache relies on that), and norms depend on the
        word alone. So the distinct pieces of all phrases, three thousand, are analysed once,
        as one Doc (0.06 s), and a phrase's norms are those of its pieces. A phrase with other
        whitespace than single spaces between pieces is analysed on its own. Sentence
        boundaries are not looked for.
        """
        split = [phrase.split(" ") if _single_spaced(phrase) else None for phrase in phrases]
        known = self._piece_norms(
            list(dict.fromkeys(p for pieces in split if pieces for p in pieces))
        )
        norms = [tuple(n for p in pieces for n in known[p]) if pieces else () for pieces in split]
        alone = [index for index, pieces in enumerate(split) if pieces is None]
        if alone:  # analysed one by one, in place of the () above
            docs = self.nlp.pipe([phrases[i] for i in alone], disable=["wpslint_sentences"])
            for index, doc in zip(alone, docs, strict=True):
                norms[index] = tuple(doc.to_array(NORM).tolist())
        return norms

    def _piece_norms(self, pieces: list[str]) -> dict[str, tuple[int, ...]]:
        """The norms of the tokens of each of ``pieces`` (no whitespace in any), analysed as
        one Doc of the pieces separated by spaces."""
        if not pieces:
            return {}
        doc = next(self.nlp.pipe([" ".join(pieces)], disable=["wpslint_sentences"]))
        columns = doc.to_array([IDX, NORM]).reshape(-1, 2)
        lengths = numpy.fromiter(map(len, pieces), dtype=numpy.int64, count=len(pieces))
        starts = numpy.cumsum(lengths + 1) - lengths - 1  # each piece's first character
        offsets = columns[:, 0].astype(numpy.int64)
        piece_of = numpy.searchsorted(starts, offsets, side="right") - 1
        cuts = numpy.searchsorted(piece_of, numpy.arange(len(pieces) + 1)).tolist()
        piece_norms = columns[:, 1].tolist()
        return {piece: tuple(piece_norms[cuts[i] : cuts[i + 1]]) for i, piece in enumerate(pieces)}


def _single_spaced(phrase: str) -> bool:
    """Whether ``phrase`` is pieces without whitespace separated by single spaces: what
    ``phrase_norms`` may analyse piece by piece. Whitespace is what the tokenizer takes it
    to be, ``str.isspace``, which is what ``\\s`` matches."""
    return _SINGLE_SPACED.fullmatch(phrase) is not None


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Pipeline:
    """The default pipeline, built once per process."""
    nlp = spacy.blank("en")
    nlp.max_length = MAX_TEXT_LENGTH
    # Readers separate blocks with a blank line ("\n\n"), so a block boundary ends a
    # sentence just as a full stop does: headings, list items and table cells never merge.
    punct_chars = [*Sentencizer.default_punct_chars, BLOCK_SEPARATOR]
    nlp.add_pipe("wpslint_sentences", config={"punct_chars": punct_chars})
    nlp.add_pipe("wpslint_norm")
    return Pipeline(nlp=nlp, name=f"blank:en + lookup lemmas (spaCy {spacy.__version__})")
