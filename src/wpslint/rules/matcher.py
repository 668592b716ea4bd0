"""Find every concept's terms in a document, once, with spaCy's PhraseMatcher.

All concepts share one PhraseMatcher on the NORM attribute (lower-cased lemma, American
spelling; see ``wpslint.nlp.pipeline``): term lists never go into token Matcher patterns,
which were three orders of magnitude slower on long lists. Only the few shape patterns a
concept declares (amounts of money, dates) use the token Matcher, in the windows of the
document where they can match (see ``wpslint.rules.shapes``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import IDX, IS_TITLE, IS_UPPER
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


class ConceptHits(dict[str, list[Hit]]):
    """Hits per concept name, and the first tokens of each concept's hits as an array.

    The rule engine groups hits by unit with numpy; reading the first tokens back out of
    a hundred thousand hit tuples cost more than the grouping.
    """

    def __init__(self, hits: dict[str, list[Hit]], starts: dict[str, numpy.ndarray]) -> None:
        super().__init__(hits)
        self._starts = starts

    def starts(self, concept: str) -> numpy.ndarray:
        """The first token of each hit of ``concept``, in order (empty if it has none)."""
        found = self._starts.get(concept)
        return numpy.zeros(0, dtype=numpy.int64) if found is None else found


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

    def find(self, doc: Doc, text: str | None = None) -> ConceptHits:
        """Hits per concept name (sorted, deduplicated); concepts without hits are absent.

        ``text`` is the document's text when the caller has it (``Doc.text`` joins every
        token again); definitions are looked for in it.

        A long plan has tens of thousands of matches, most of them going to several
        concepts, so hits are handled as numpy arrays of codes (see ``_Codes``) until the
        end: sorting, merging and excluding them per hit in Python cost more than spaCy's
        matching.
        """
        codes = _Codes(len(doc))
        matched, every = self._matches(doc, codes)
        defined = _DefinedTerms(doc, text, self._pipeline, codes)
        hits: dict[str, numpy.ndarray] = {}
        for name in self._order:
            concept = self._concepts[name]
            runs = [hits[included] for included in concept.include if included in hits]
            if name in matched:
                runs.append(matched[name])
            if (excluded := matched.get(_EXCLUDE + name)) is not None:
                runs = [run[~codes.inside(run, excluded)] for run in runs]
            if concept.context is not None and concept.context not in hits:
                runs = []
            runs = [run for run in runs if len(run)]
            if concept.defined_terms and runs:
                runs.append(defined.hits(numpy.concatenate(runs)))
            if runs:
                hits[name] = runs[0] if len(runs) == 1 else _distinct(numpy.concatenate(runs))
        return _concept_hits(
            hits, _distinct(numpy.concatenate((every, defined.occurring()))), codes
        )

    def _matches(self, doc: Doc, codes: _Codes) -> tuple[dict[str, numpy.ndarray], numpy.ndarray]:
        """The matches of each concept's terms and patterns (under its name) and of its
        exclusions (under ``_EXCLUDE`` + its name), as sorted unique codes (keys without
        matches are absent); and every code matched, sorted, each once.

        Every match is copied to each key its phrase stands for, and all of them are
        sorted once, by key and then by code.
        """
        found = [
            match
            for matcher in (self._phrases, *self._words.values())
            if len(matcher)
            for match in matcher(doc)
        ]
        columns = numpy.fromiter(
            itertools.chain.from_iterable(found), dtype=numpy.uint64, count=3 * len(found)
        ).reshape(-1, 3)
        match_ids, phrase_of = numpy.unique(columns[:, 0], return_inverse=True)
        keys: dict[str, int] = {}
        receivers = [
            [keys.setdefault(key, len(keys)) for key in self._receivers[match_id]]
            for match_id in match_ids.tolist()
        ]
        # Match i goes to the keys of its phrase: copies[i] of them, listed from firsts[i].
        counts = numpy.array([len(keyed) for keyed in receivers], dtype=numpy.int64)
        firsts = numpy.cumsum(counts) - counts
        copies = counts[phrase_of]
        copy_of = numpy.repeat(numpy.arange(len(found)), copies)
        nth = numpy.arange(len(copy_of)) - numpy.repeat(numpy.cumsum(copies) - copies, copies)
        key_list = numpy.array(list(itertools.chain.from_iterable(receivers)), dtype=numpy.int64)
        key_of = [key_list[firsts[phrase_of[copy_of]] + nth]]
        spans = columns[:, 1:].astype(numpy.int64)
        every = [codes.of(spans[:, 0], spans[:, 1])]
        code_of = [every[0][copy_of]]
        if self._shapes and len(doc):
            words = DocWords(doc, self._conditions, self._margin)
            for shape in self._shapes:
                starts, ends = shape.matches(words)
                if len(starts):
                    every.append(codes.of(starts, ends))
                    code_of.append(every[-1])
                    key = keys.setdefault(shape.concept, len(keys))
                    key_of.append(numpy.full(len(starts), key, dtype=numpy.int64))
        keyed = _distinct(numpy.concatenate(key_of) * codes.limit + numpy.concatenate(code_of))
        cuts = numpy.searchsorted(keyed, numpy.arange(len(keys) + 1) * codes.limit).tolist()
        matched = {
            key: keyed[cuts[number] : cuts[number + 1]] - number * codes.limit
            for key, number in keys.items()
        }
        return matched, _distinct(numpy.concatenate(every))


class _Codes:
    """Hits of a document as integers: ``start * (size + 1) + end``.

    Codes order as hits do, so numpy sorts, merges and deduplicates them in one array.
    """

    def __init__(self, size: int) -> None:
        self._base = size + 1
        #: More than any code: codes of different keys are set apart by multiples of it
        #: (int64 holds a thousand keys' codes for documents of ten million tokens).
        self.limit = self._base * self._base

    def of(self, starts: numpy.ndarray, ends: numpy.ndarray) -> numpy.ndarray:
        """The codes of the hits [``starts[i]``, ``ends[i]``)."""
        return starts * self._base + ends

    def starts(self, codes: numpy.ndarray) -> numpy.ndarray:
        """The first token of each hit of ``codes``."""
        return codes // self._base

    def ends(self, codes: numpy.ndarray) -> numpy.ndarray:
        """The token after each hit of ``codes``."""
        return codes % self._base

    def hits(self, codes: numpy.ndarray) -> Iterator[Hit]:
        """``codes`` as hits, in the same order."""
        return zip(self.starts(codes).tolist(), self.ends(codes).tolist(), strict=True)

    def positions(self, every: numpy.ndarray, codes: numpy.ndarray) -> numpy.ndarray:
        """Where each of ``codes`` is in ``every`` (sorted codes, each once, holding them).

        Few hits start at one token, so each is looked for from the first hit starting at
        its token, one step at a time: ``every.searchsorted(codes)`` took 4.7 ms for the
        114,000 hits of a 100-page plan, this 0.9 ms.
        """
        counts = numpy.bincount(self.starts(every), minlength=self._base)
        at = (numpy.cumsum(counts) - counts)[self.starts(codes)]
        behind = numpy.flatnonzero(every[at] != codes)
        while len(behind):
            at[behind] += 1
            behind = behind[every[at[behind]] != codes[behind]]
        return at

    def inside(self, codes: numpy.ndarray, spans: numpy.ndarray) -> numpy.ndarray:
        """Whether each hit of ``codes`` lies within one of ``spans`` (sorted codes).

        A hit lies within a span when the span starts at or before it and reaches at least
        to its end: the furthest end of the spans starting at or before it tells.
        """
        span_starts = self.starts(spans)
        reach = numpy.maximum.accumulate(self.ends(spans))
        last = numpy.searchsorted(span_starts, self.starts(codes), "right") - 1
        return (last >= 0) & (reach[numpy.maximum(last, 0)] >= self.ends(codes))


def _norm_sequences(pipeline: Pipeline, forms: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """The norms of each form's words, as a PhraseMatcher on NORM compares a Doc of it; each
    distinct form is analysed once."""
    distinct = list(dict.fromkeys(forms))
    return dict(zip(distinct, pipeline.phrase_norms(distinct), strict=True))


def _phrase_keys(vocab: Vocab, attr: str, phrases: list[list[str]]) -> list[list[int]]:
    """``phrases`` as a PhraseMatcher on ``attr`` (LOWER or ORTH) compares them: the words'
    lexeme attributes, what a ``Doc`` of the words would hold, without ten thousand Docs."""
    keys: dict[str, int] = {}
    for word in {word for phrase in phrases for word in phrase}:
        lexeme = vocab[word]
        keys[word] = lexeme.lower if attr == "LOWER" else lexeme.orth
    return [[keys[word] for word in phrase] for phrase in phrases]


def _concept_hits(
    hits: dict[str, numpy.ndarray], every: numpy.ndarray, codes: _Codes
) -> ConceptHits:
    """``hits`` (codes per concept) as ``ConceptHits``; ``every`` holds each of their codes,
    sorted, once.

    One tuple per distinct hit is shared by every concept holding it: most hits are in
    several concepts, and making a tuple costs more than copying a reference. The hits of
    all concepts are looked up in ``every`` in one go and cut apart after.
    """
    found = numpy.concatenate([numpy.zeros(0, dtype=numpy.int64), *hits.values()])
    cuts = numpy.cumsum([0, *map(len, hits.values())]).tolist()
    shared = numpy.fromiter(codes.hits(every), dtype=object, count=len(every))
    listed = shared[codes.positions(every, found)].tolist()
    starts = codes.starts(found)
    ranges = [(name, cuts[number], cuts[number + 1]) for number, name in enumerate(hits)]
    return ConceptHits(
        {name: listed[first:last] for name, first, last in ranges},
        {name: starts[first:last] for name, first, last in ranges},
    )


def _distinct(codes: numpy.ndarray) -> numpy.ndarray:
    """``codes`` sorted, each once (``numpy.unique`` takes twenty times longer)."""
    ordered = numpy.sort(codes)
    rest = ordered[1:]
    return numpy.concatenate((ordered[:1], rest[rest != ordered[:-1]]))


class _DefinedTerms:
    """The terms a document defines and where they occur, worked out when first needed:
    most documents have no hit of a concept that takes defined terms."""

    def __init__(self, doc: Doc, text: str | None, pipeline: Pipeline, codes: _Codes) -> None:
        self._doc = doc
        self._text = text
        self._pipeline = pipeline
        self._codes = codes
        self._definitions: list[Definition] = []
        self._occurrences: dict[str, numpy.ndarray] = {}
        self._offsets = numpy.zeros(0, dtype=numpy.int64)
        #: Per token, and for the end of the document (false), whether it is capitalised.
        self._capitalised = numpy.zeros(1, dtype=bool)
        self._loaded = False

    def hits(self, found: numpy.ndarray) -> numpy.ndarray:
        """Where the terms the document defines by one of ``found`` (codes) occur in it, as
        codes, unsorted.

        A hit inside a name does not define: '"Council" means the Defenders Protection
        Council' names a body, not the defenders, so a hit followed by a capitalised word is
        passed over.
        """
        if not self._loaded:
            self._load()
        codes = self._codes
        kept = ~self._capitalised[codes.ends(found)]
        starts = numpy.sort(self._offsets[codes.starts(found)[kept]])
        chosen = [
            self._occurrences[definition.term]
            for definition in self._definitions
            if definition.term in self._occurrences
            and numpy.searchsorted(starts, definition.start)
            < numpy.searchsorted(starts, definition.end)
        ]
        return numpy.concatenate(chosen) if chosen else numpy.zeros(0, dtype=numpy.int64)

    def occurring(self) -> numpy.ndarray:
        """The codes of every occurrence found of a defined term (none before ``hits``)."""
        return numpy.concatenate([numpy.zeros(0, dtype=numpy.int64), *self._occurrences.values()])

    def _load(self) -> None:
        doc = self._doc
        self._definitions = find_definitions(doc.text if self._text is None else self._text)
        self._occurrences = self._find({definition.term for definition in self._definitions})
        columns = doc.to_array([IDX, IS_TITLE, IS_UPPER]).astype(numpy.int64).reshape(-1, 3)
        self._offsets = columns[:, 0]
        self._capitalised = numpy.append((columns[:, 1] | columns[:, 2]) != 0, False)
        self._loaded = True

    def _find(self, terms: set[str]) -> dict[str, numpy.ndarray]:
        """Where each of ``terms`` occurs in the document, as codes (one phrase matcher for
        all)."""
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
        return {
            term: self._codes.of(*numpy.array(hits, dtype=numpy.int64).T)
            for term, hits in found.items()
        }


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
