"""Find every concept's terms in a document, once, with spaCy's PhraseMatcher.

All concepts share one PhraseMatcher on the NORM attribute (lower-cased lemma, American
spelling; see ``wpslint.nlp.pipeline``): term lists never go into token Matcher patterns,
which were three orders of magnitude slower on long lists. Only the few shape patterns a
concept declares (amounts of money, dates) use the token Matcher, in the windows of the
document where they can match (see ``wpslint.rules.shapes``).
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable

from spacy.attrs import IDX, IS_TITLE, IS_UPPER, NORM
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from wpslint.nlp.pipeline import Pipeline
from wpslint.rules.definitions import Definition, find_definitions
from wpslint.rules.flags import LexemeFlags
from wpslint.rules.model import Concept
from wpslint.rules.shapes import DocWords, Shape, WordConditions

#: A match as a token range [start, end) of the analysed document.
Hit = tuple[int, int]

_EXCLUDE = "\x00exclude:"
#: Prefix of the phrase matcher keys, each standing for the concepts that share some terms.
_SHARED = "\x00terms:"
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
        #: Who gets a match: the keys (concept names, ``_EXCLUDE`` + name) per match id.
        self._receivers = {vocab.strings.add(name): (name,) for name in concepts}
        self._phrases = PhraseMatcher(vocab, attr="NORM")
        self._add_terms(pipeline, concepts.values())
        self._words = {attr: PhraseMatcher(vocab, attr=attr) for attr in _LITERAL}
        shapes: dict[str, list[list[dict]]] = {}
        for concept in concepts.values():
            for pattern in concept.patterns:
                literal = pattern_phrases(list(pattern))
                if literal is None:
                    shapes.setdefault(concept.name, []).append(list(pattern))
                else:
                    attr, phrases = literal
                    self._words[attr].add(concept.name, _phrase_keys(vocab, attr, phrases))
        self._flags = LexemeFlags.of(vocab, pipeline.norm_of)
        self._conditions = WordConditions(vocab)
        self._shapes = [
            Shape.compile(concepts[name], pattern, vocab, self._conditions)
            for name, patterns in self._flags.rewrite_all(shapes).items()
            for pattern in patterns
        ]
        self._margin = max((shape.length for shape in self._shapes), default=0)
        self._order = _include_order(concepts)
        self._pipeline = pipeline

    def _add_terms(self, pipeline: Pipeline, concepts: Iterable[Concept]) -> None:
        """Every concept's terms and exclusions, as the norms of their words.

        Concepts share many terms (half the matches on a long plan are repeats), so each
        sequence of norms goes into the matcher once, under a key that stands for all the
        concepts using it.
        """
        keyed = [
            (key, [form for term in terms for form in term_variants(term)])
            for concept in concepts
            for key, terms in (
                (concept.name, concept.terms),
                (_EXCLUDE + concept.name, concept.exclude),
            )
        ]
        norms = _norm_sequences(pipeline, (form for _, key_forms in keyed for form in key_forms))
        users: dict[tuple[int, ...], set[str]] = {}
        for key, key_forms in keyed:
            for form in key_forms:
                users.setdefault(norms[form], set()).add(key)
        shared: dict[tuple[str, ...], list[tuple[int, ...]]] = {}
        for sequence, keys in users.items():
            if sequence:  # a form of no tokens matches nothing
                shared.setdefault(tuple(sorted(keys)), []).append(sequence)
        strings = pipeline.nlp.vocab.strings
        for number, (keys, sequences) in enumerate(shared.items()):
            self._phrases.add(f"{_SHARED}{number}", sequences)
            self._receivers[strings.add(f"{_SHARED}{number}")] = keys

    def find(self, doc: Doc, text: str | None = None) -> dict[str, list[Hit]]:
        """Hits per concept name (sorted, deduplicated); concepts without hits are absent.

        ``text`` is the document's text when the caller has it (``Doc.text`` joins every
        token again); definitions are looked for in it.
        """
        matched = self._matches(doc)
        defined = _DefinedTerms(doc, text, self._pipeline)
        hits: dict[str, list[Hit]] = {}
        for name in self._order:
            concept = self._concepts[name]
            runs = [hits[included] for included in concept.include if included in hits]
            if name in matched:
                runs.append(_sorted_unique(matched[name]))
            if (excluded := matched.get(_EXCLUDE + name)) is not None:
                spans = sorted(excluded)
                runs = [[hit for hit in run if not _inside_any(hit, spans)] for run in runs]
            if concept.context is not None and concept.context not in hits:
                runs = []
            runs = [run for run in runs if run]
            if concept.defined_terms and runs:
                runs.append(_sorted_unique(defined.hits(itertools.chain.from_iterable(runs))))
            if runs:
                hits[name] = _union(runs)
        return hits

    def _matches(self, doc: Doc) -> dict[str, list[Hit]]:
        """The matches of each concept's terms and patterns (under its name) and of its
        exclusions (under ``_EXCLUDE`` + its name); keys without matches are absent."""
        found: defaultdict[int, list[Hit]] = defaultdict(list)
        for matcher in (self._phrases, *self._words.values()):
            for match_id, start, end in matcher(doc) if len(matcher) else ():
                found[match_id].append((start, end))
        matched: defaultdict[str, list[Hit]] = defaultdict(list)
        for match_id, hits in found.items():
            for key in self._receivers[match_id]:
                matched[key].extend(hits)
        if self._shapes and len(doc):
            words = DocWords(doc, self._conditions, self._margin)
            for shape in self._shapes:
                if shape_hits := list(shape.matches(words)):
                    matched[shape.concept].extend(shape_hits)
        return matched


def _norm_sequences(pipeline: Pipeline, forms: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """The norms of each form's words, as a PhraseMatcher on NORM compares a Doc of it; each
    distinct form is analysed once."""
    distinct = list(dict.fromkeys(forms))
    docs = pipeline.pattern_docs(distinct)
    return {
        form: tuple(doc.to_array(NORM).tolist()) for form, doc in zip(distinct, docs, strict=True)
    }


def _phrase_keys(vocab: Vocab, attr: str, phrases: list[list[str]]) -> list[list[int]]:
    """``phrases`` as a PhraseMatcher on ``attr`` (LOWER or ORTH) compares them: the words'
    lexeme attributes, what a ``Doc`` of the words would hold, without ten thousand Docs."""
    keys: dict[str, int] = {}
    for word in {word for phrase in phrases for word in phrase}:
        lexeme = vocab[word]
        keys[word] = lexeme.lower if attr == "LOWER" else lexeme.orth
    return [[keys[word] for word in phrase] for phrase in phrases]


def _sorted_unique(hits: Iterable[Hit]) -> list[Hit]:
    """``hits`` sorted, each once (sorting a set is slower than skipping neighbours)."""
    ordered = sorted(hits)
    return ordered[:1] + [hit for previous, hit in itertools.pairwise(ordered) if hit != previous]


def _union(runs: list[list[Hit]]) -> list[Hit]:
    """The hits of sorted, duplicate-free ``runs``, sorted and each once, in a new list.

    Python's sort merges a few sorted runs in linear time; one run (a concept found only
    through one it includes) is just copied.
    """
    if len(runs) == 1:
        return list(runs[0])
    return _sorted_unique(itertools.chain.from_iterable(runs))


class _DefinedTerms:
    """The terms a document defines and where they occur, worked out when first needed:
    most documents have no hit of a concept that takes defined terms."""

    def __init__(self, doc: Doc, text: str | None, pipeline: Pipeline) -> None:
        self._doc = doc
        self._text = text
        self._pipeline = pipeline
        self._definitions: list[Definition] = []
        self._occurrences: dict[str, list[Hit]] = {}
        self._offsets: list[int] = []
        self._capitalised: list[int] = []
        self._loaded = False

    def hits(self, found: Iterable[Hit]) -> list[Hit]:
        """Where the terms the document defines by one of ``found`` occur in it.

        A hit inside a name does not define: '"Council" means the Defenders Protection
        Council' names a body, not the defenders, so a hit followed by a capitalised word is
        passed over.
        """
        if not self._loaded:
            self._load()
        size, offsets, capitalised = len(self._doc), self._offsets, self._capitalised
        starts = sorted(
            offsets[start] for start, end in found if end >= size or not capitalised[end]
        )
        return [
            hit
            for definition in self._definitions
            if bisect.bisect_left(starts, definition.start)
            < bisect.bisect_left(starts, definition.end)
            for hit in self._occurrences.get(definition.term, ())
        ]

    def _load(self) -> None:
        doc = self._doc
        self._definitions = find_definitions(doc.text if self._text is None else self._text)
        self._occurrences = self._find({definition.term for definition in self._definitions})
        columns = doc.to_array([IDX, IS_TITLE, IS_UPPER])
        self._offsets = columns[:, 0].tolist()
        self._capitalised = (columns[:, 1] | columns[:, 2]).tolist()
        self._loaded = True

    def _find(self, terms: set[str]) -> dict[str, list[Hit]]:
        """Where each of ``terms`` occurs in the document (one phrase matcher for all)."""
        if not terms:
            return {}
        doc = self._doc
        norms = _norm_sequences(self._pipeline, (v for term in terms for v in term_variants(term)))
        matcher = PhraseMatcher(doc.vocab, attr="NORM")
        for term in terms:
            matcher.add(term, [norms[variant] for variant in term_variants(term)])
        found: dict[str, list[Hit]] = {}
        for match_id, start, end in matcher(doc):
            found.setdefault(doc.vocab.strings[match_id], []).append((start, end))
        return found


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
