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
        start-up; they are analysed as the lines of one Doc instead. The tokenizer splits
        text at whitespace before anything else, and a line break is a token of its own, so
        a line's tokens do not depend on the lines around it; norms depend on the word
        alone. (A space would not do: the tokenizer looks for its special cases across
        tokens, and "):" found across "women:) :)women" undoes the ":)" of the second word.)
        A phrase that holds a line break, or starts or ends with whitespace (which would run
        into the line breaks between phrases), is analysed on its own. Sentence boundaries
        are not looked for.
        """
        alone = [i for i, phrase in enumerate(phrases) if not _fits_on_a_line(phrase)]
        lines = [phrase for phrase in phrases if _fits_on_a_line(phrase)]
        self._fill_tokenizer_cache(lines)
        norms = self._line_norms(lines) if lines else []
        if alone:
            docs = self.nlp.pipe([phrases[i] for i in alone], disable=["wpslint_sentences"])
            for index, doc in zip(alone, docs, strict=True):
                norms.insert(index, tuple(doc.to_array(NORM).tolist()))
        return norms

    def _fill_tokenizer_cache(self, lines: list[str]) -> None:
        """Tokenize each distinct word of ``lines`` on its own, to fill the tokenizer's cache.

        The tokenizer stops adding to its cache, for the rest of a text, once a piece of it
        is a special case, as the first line break is: in the lines of seven thousand terms,
        17,000 words were worked out afresh (0.14 s). Their three thousand distinct words
        alone take 0.06 s, and the lines then 0.016 s, from the cache.
        """
        tokenizer = self.nlp.tokenizer
        for word in dict.fromkeys(word for line in lines for word in line.split(" ")):
            if word:
                tokenizer(word)

    def _line_norms(self, lines: list[str]) -> list[tuple[int, ...]]:
        """The norms of the tokens of each of ``lines``, analysed as one Doc."""
        text = "\n".join(lines)
        doc = next(self.nlp.pipe([text], disable=["wpslint_sentences"]))
        columns = doc.to_array([IDX, NORM]).reshape(-1, 2)
        lengths = numpy.fromiter(map(len, lines), dtype=numpy.int64, count=len(lines))
        starts = numpy.cumsum(lengths + 1) - lengths - 1  # each line's first character
        offsets = columns[:, 0].astype(numpy.int64)
        line_of = numpy.searchsorted(starts, offsets, side="right") - 1
        # The line breaks between lines are tokens of their own, starting where a line ends.
        kept = offsets < starts[line_of] + lengths[line_of]
        cuts = numpy.searchsorted(line_of[kept], numpy.arange(len(lines) + 1)).tolist()
        kept_norms = columns[kept, 1].tolist()
        return [tuple(kept_norms[cuts[i] : cuts[i + 1]]) for i in range(len(lines))]


def _fits_on_a_line(phrase: str) -> bool:
    """Whether ``phrase`` can be analysed as a line among others (see ``phrase_norms``)."""
    return "\n" not in phrase and phrase == phrase.strip()


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
