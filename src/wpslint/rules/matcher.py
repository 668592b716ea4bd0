"""Find every concept's terms in a document, once, with spaCy's PhraseMatcher.

All concepts share one PhraseMatcher on the NORM attribute (lower-cased lemma, American
spelling; see ``wpslint.nlp.pipeline``): term lists never go into token Matcher patterns,
which were three orders of magnitude slower on long lists. Only the few shape patterns a
concept declares (amounts of money, dates) use the token Matcher.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import ClassVar

from spacy.attrs import IDX
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from wpslint.errors import ConfigError
from wpslint.nlp.pipeline import Pipeline
from wpslint.rules.definitions import Definition, find_definitions
from wpslint.rules.model import Concept
from wpslint.rules.regexcheck import MAX_REGEX_TEXT

#: A match as a token range [start, end) of the analysed document.
Hit = tuple[int, int]

_EXCLUDE = "\x00exclude:"
#: Tokens in the longest exclusion phrase worth looking back over.
_LONGEST_PHRASE = 64


#: Most phrases one token pattern may turn into (see ``pattern_phrases``).
MAX_PHRASES = 2_000
_LITERAL = ("LOWER", "ORTH")


def pattern_phrases(pattern: list[dict]) -> tuple[str, list[list[str]]] | None:
    """The attribute and word sequences a literal token pattern matches, or None.

    A pattern whose tokens all name words through one attribute (``LOWER``, or the
    case-sensitive ``ORTH``: a value or an ``IN`` list, optionally ``OP: "?"``) is a phrase
    list in disguise. spaCy's Matcher evaluates ``IN`` with a Python callback on every token
    (16 ms per pattern on a 100-page plan); the same phrases cost almost nothing in a
    PhraseMatcher on that attribute.
    """
    attrs = {key for token in pattern for key in token if key != "OP"}
    if len(attrs) != 1 or not attrs <= set(_LITERAL):
        return None
    attr = attrs.pop()
    choices: list[list[str | None]] = []  # None: an optional token left out
    count = 1
    for token in pattern:
        value = token.get(attr)
        if len(token) != (2 if "OP" in token else 1) or token.get("OP", "?") != "?":
            return None
        if isinstance(value, dict) and set(value) == {"IN"}:
            words = [str(word) for word in value["IN"]]
        elif isinstance(value, str):
            words = [value]
        else:
            return None
        if attr == "LOWER":
            words = [word.lower() for word in words]
        options: list[str | None] = [*words, None] if token.get("OP") == "?" else [*words]
        count *= len(options)
        if count > MAX_PHRASES:
            return None
        choices.append(options)
    phrases = [
        [word for word in chosen if word is not None] for chosen in itertools.product(*choices)
    ]
    return attr, [phrase for phrase in phrases if phrase]


def term_variants(term: str) -> list[str]:
    """The forms of a term that should match: as written, and hyphens closed or opened."""
    variants = [term]
    if "-" in term:
        variants.append(term.replace("-", ""))
        variants.append(term.replace("-", " "))
    return variants


class ConceptMatcher:
    """Compiled term lists of a rule set; ``find`` returns each concept's hits in a doc."""

    def __init__(self, concepts: dict[str, Concept], pipeline: Pipeline) -> None:
        self._concepts = concepts
        vocab = pipeline.nlp.vocab
        self._phrases = PhraseMatcher(vocab, attr="NORM")
        self._words = {attr: PhraseMatcher(vocab, attr=attr) for attr in _LITERAL}
        self._shapes = Matcher(vocab, validate=False)  # lexeme flags are integer keys
        shapes: dict[str, list[list[dict]]] = {}
        for concept in concepts.values():
            self._add_terms(pipeline, concept.name, concept.terms)
            self._add_terms(pipeline, _EXCLUDE + concept.name, concept.exclude)
            for pattern in concept.patterns:
                literal = pattern_phrases(list(pattern))
                if literal is None:
                    shapes.setdefault(concept.name, []).append(list(pattern))
                else:
                    attr, phrases = literal
                    self._words[attr].add(concept.name, [Doc(vocab, words=p) for p in phrases])
        self._flags = _LexemeFlags.of(vocab, pipeline.norm_of)
        for name, patterns in self._flags.rewrite_all(shapes).items():
            try:
                self._shapes.add(name, patterns)
            except (ValueError, KeyError, TypeError) as error:
                raise ConfigError(
                    f"invalid token pattern in concept '{name}': {error}",
                    path=concepts[name].source.rsplit(":", 1)[0],
                ) from None
        self._order = _include_order(concepts)
        self._pipeline = pipeline
        self._strings = vocab.strings
        self._keys: dict[int, tuple[str, bool]] = {}

    def _add_terms(self, pipeline: Pipeline, key: str, terms: Iterable[str]) -> None:
        forms = [form for term in terms for form in term_variants(term)]
        if forms:
            self._phrases.add(key, pipeline.pattern_docs(forms))

    def find(self, doc: Doc, text: str | None = None) -> dict[str, list[Hit]]:
        """Hits per concept name (sorted, deduplicated); concepts without hits are absent.

        ``text`` is the document's text when the caller has it (``Doc.text`` joins every
        token again); definitions are looked for in it.
        """
        own: dict[str, list[Hit]] = defaultdict(list)
        excluded: dict[str, list[Hit]] = defaultdict(list)
        key_of = self._key_of
        for match_id, start, end in self._phrases(doc):
            name, exclusion = key_of(match_id)
            (excluded if exclusion else own)[name].append((start, end))
        for words in self._words.values():
            for match_id, start, end in words(doc) if len(words) else ():
                own[key_of(match_id)[0]].append((start, end))
        for match_id, start, end in self._shapes(doc) if len(self._shapes) else ():
            own[key_of(match_id)[0]].append((start, end))
        hits: dict[str, list[Hit]] = {}
        definitions: list[Definition] | None = None
        occurrences: dict[str, list[Hit]] = {}
        for name in self._order:
            concept = self._concepts[name]
            found = own.get(name, [])
            for included in concept.include:
                found = found + hits.get(included, [])
            if name in excluded:
                spans = sorted(excluded[name])
                found = [hit for hit in found if not _inside_any(hit, spans)]
            if concept.context is not None and concept.context not in hits:
                found = []
            if concept.defined_terms and found:
                if definitions is None:
                    definitions = find_definitions(doc.text if text is None else text)
                    occurrences = self._occurrences(doc, {d.term for d in definitions})
                found = found + _defined_term_hits(doc, definitions, occurrences, found)
            if found:
                hits[name] = sorted(set(found))
        return hits

    def _occurrences(self, doc: Doc, terms: set[str]) -> dict[str, list[Hit]]:
        """Where each of ``terms`` occurs in ``doc`` (one phrase matcher for all of them)."""
        if not terms:
            return {}
        matcher = PhraseMatcher(doc.vocab, attr="NORM")
        for term in terms:
            matcher.add(term, self._pipeline.pattern_docs(term_variants(term)))
        found: dict[str, list[Hit]] = defaultdict(list)
        for match_id, start, end in matcher(doc):
            found[self._strings[match_id]].append((start, end))
        return found

    def _key_of(self, match_id: int) -> tuple[str, bool]:
        """The concept a match id stands for, and whether it is one of its exclusions."""
        key = self._keys.get(match_id)
        if key is None:
            text = self._strings[match_id]
            exclusion = text.startswith(_EXCLUDE)
            key = self._keys[match_id] = (text.removeprefix(_EXCLUDE), exclusion)
        return key


def _defined_term_hits(
    doc: Doc, definitions: list[Definition], occurrences: dict[str, list[Hit]], found: list[Hit]
) -> list[Hit]:
    """Where the terms the document defines by one of ``found`` occur in it.

    A hit inside a name does not define: '"Council" means the Defenders Protection Council'
    names a body, not the defenders, so a hit followed by a capitalised word is passed over.
    """
    offsets = doc.to_array(IDX)
    starts = sorted(
        int(offsets[start])
        for start, end in found
        if end >= len(doc) or not (doc[end].is_title or doc[end].is_upper)
    )
    return [
        hit
        for definition in definitions
        if bisect.bisect_left(starts, definition.start) < bisect.bisect_left(starts, definition.end)
        for hit in occurrences.get(definition.term, ())
    ]


class _LexemeFlags:
    """Turns word-set and regex token specs into lexeme flags.

    spaCy's Matcher calls a Python predicate for ``IN`` and ``REGEX`` on every token it
    considers (630k calls on a 100-page plan, most of the matching time). They depend only on
    the word (``NORM`` too: wpslint's norm is a function of the word), so a lexeme flag
    (``Vocab.add_flag``) computes them once per distinct word and the Matcher tests a bit in
    C. spaCy has a few dozen free flag slots: first tokens, tested at every position of the
    document, get them first; when they run out, a spec stays as written and is slower.
    """

    #: Flags belong to the vocabulary, so every matcher on one vocabulary shares them.
    _registries: ClassVar[dict[int, _LexemeFlags]] = {}

    def __init__(self, vocab: Vocab, norm_of: Callable[[str], str]) -> None:
        self._vocab = vocab
        self._norm_of = norm_of
        self._flags: dict[tuple[str, str, object], int] = {}
        self._full = False

    @classmethod
    def of(cls, vocab: Vocab, norm_of: Callable[[str], str]) -> _LexemeFlags:
        """The registry of ``vocab``'s flags (created on first use)."""
        registry = cls._registries.get(id(vocab))
        if registry is None or registry._vocab is not vocab:
            registry = cls._registries[id(vocab)] = cls(vocab, norm_of)
        return registry

    def rewrite_all(self, patterns: dict[str, list[list[dict]]]) -> dict[str, list[list[dict]]]:
        """Every pattern with flags substituted, leading tokens before the others.

        A leading token (the first, or one after optional tokens) is tested at every position
        of the document, so its spec gets a flag first: expressions, then word lists, the
        longest first. A short leading word list left without a flag becomes one pattern per
        word: an exact word is tested in C. Other specs get the flags left over; they are
        tested only where a match has begun.
        """
        leading = {
            key
            for found in patterns.values()
            for pattern in found
            for index in _leading_positions(pattern)
            if (key := _spec_key(pattern[index])) is not None
        }
        for key in sorted(leading, key=_flag_priority):
            self._flag(*key)
        for found in patterns.values():
            for pattern in found:
                for token in pattern:
                    key = _spec_key(token)
                    if key is not None and key not in leading:
                        self._flag(*key)
        return {
            name: [split for pattern in found for split in self._rewrite(pattern)]
            for name, found in patterns.items()
        }

    def _rewrite(self, pattern: list[dict]) -> list[list[dict]]:
        """``pattern`` with its flags, split per word at its first short unflagged list."""
        rewritten = []
        for token in pattern:
            key = _spec_key(token)
            flag = self._flags.get(key) if key is not None else None
            if flag is not None:
                token = {k: v for k, v in token.items() if k != key[0]} | {flag: True}
            rewritten.append(token)
        for index in _leading_positions(rewritten):
            key = _spec_key(rewritten[index])
            if key is not None and key[1] == "IN" and len(key[2]) <= _MAX_SPLIT:
                attr, _, words = key
                return [
                    [*rewritten[:index], rewritten[index] | {attr: word}, *rewritten[index + 1 :]]
                    for word in sorted(words)
                ]
        return [rewritten]

    def _flag(self, attr: str, operator: str, key: object) -> int | None:
        if (attr, operator, key) not in self._flags:
            if self._full:
                return None
            test = _lexeme_test(attr, operator, key, self._norm_of)
            try:
                self._flags[(attr, operator, key)] = self._vocab.add_flag(test)
            except ValueError:  # no free flag slot left
                self._full = True
                return None
        return self._flags[(attr, operator, key)]


#: Longest leading word list split into one pattern per word when it has no flag.
_MAX_SPLIT = 8


def _spec_key(token: dict) -> tuple[str, str, object] | None:
    """What a flag for ``token``'s word-set or expression spec would test, if it has one."""
    for attr in ("LOWER", "ORTH", "TEXT", "NORM"):
        value = token.get(attr)
        if not isinstance(value, dict) or len(value) != 1:
            continue
        ((operator, argument),) = value.items()
        if operator == "IN" and isinstance(argument, list):
            return attr, operator, frozenset(str(word) for word in argument)
        if operator == "REGEX" and isinstance(argument, str) and attr != "NORM":
            return attr, operator, argument
    return None


def _leading_positions(pattern: list[dict]) -> list[int]:
    """The tokens a match can start with: the first, and each one after optional tokens."""
    positions = []
    for index, token in enumerate(pattern):
        positions.append(index)
        if token.get("OP") not in ("?", "*"):
            break
    return positions


def _flag_priority(key: tuple[str, str, object]) -> tuple[int, int, str]:
    """Expressions first (they cannot be split), then word lists, the longest first."""
    _, operator, argument = key
    size = len(argument) if isinstance(argument, frozenset) else 0
    return (
        0 if operator == "REGEX" else 1,
        -size,
        repr(sorted(map(str, argument))) if size else str(argument),
    )


def _lexeme_test(
    attr: str, operator: str, key: object, norm_of: Callable[[str], str]
) -> Callable[[str], bool]:
    """The flag function: is this word in the set / does it match the expression."""
    if attr == "NORM":
        assert isinstance(key, frozenset)
        return functools.partial(_norm_in, key, norm_of)
    lower = attr == "LOWER"
    if operator == "IN":
        assert isinstance(key, frozenset)
        words = frozenset(word.lower() for word in key) if lower else key
        return functools.partial(_in_set, words, lower)
    assert isinstance(key, str)
    return functools.partial(_matches, re.compile(key), lower)


def _norm_in(norms: frozenset[str], norm_of: Callable[[str], str], text: str) -> bool:
    return norm_of(text) in norms


def _in_set(words: frozenset[str], lower: bool, text: str) -> bool:
    return (text.lower() if lower else text) in words


def _matches(expression: re.Pattern[str], lower: bool, text: str) -> bool:
    # Tokens are words; a "word" of thousands of characters (a base64 blob) is cut, so that
    # no expression spends long on it (the loader refuses the catastrophic ones).
    text = text[:MAX_REGEX_TEXT]
    return expression.search(text.lower() if lower else text) is not None


def _inside_any(hit: Hit, spans: list[Hit]) -> bool:
    """Whether ``hit`` lies within one of ``spans`` (sorted excluded phrases)."""
    start, end = hit
    index = bisect.bisect_right(spans, (start, end + _LONGEST_PHRASE))
    for span_start, span_end in reversed(spans[:index]):
        if span_start < start - _LONGEST_PHRASE:
            return False
        if span_start <= start and end <= span_end:
            return True
    return False


def _include_order(concepts: dict[str, Concept]) -> list[str]:
    """Concept names ordered so that every concept comes after those it includes, and after
    its context."""
    order: list[str] = []
    placed: set[str] = set()

    def place(name: str) -> None:
        if name in placed:
            return
        placed.add(name)
        for needed in concepts[name].depends_on:
            place(needed)
        order.append(name)

    for name in concepts:
        place(name)
    return order
