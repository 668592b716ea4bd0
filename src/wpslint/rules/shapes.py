"""Shape patterns (amounts of money, dates, phrasings with optional words) matched only
where they can match.

spaCy's Matcher starts every pattern at every token, which cost over 100 ms on a 100-page
plan although most positions hold none of the words a pattern needs. So each shape pattern
has a Matcher of its own, shown only the windows of the document around the occurrences of
a word the pattern cannot match without; numpy finds them among the document's distinct
words (see ``Shape``). A window reaches as far as a match holding that occurrence can, and
spaCy reports every match of a pattern (each length its optional tokens allow), so the
windows yield exactly the matches the whole document would. A pattern whose words numpy can
decide exactly needs no Matcher at all (see ``Shape``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import IDS, LOWER, NORM, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from wpslint.errors import ConfigError
from wpslint.rules.model import Concept

#: Pattern keys a word condition can come from, as spaCy spells them (``TEXT`` is ``ORTH``).
_WORD_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM}
#: Lexeme flag attributes (``IS_TITLE``, ``LIKE_NUM``, ...): attribute ids below 64.
_FLAG_ATTRS = {name: attr for name, attr in IDS.items() if 0 < attr < 64}


@dataclass(frozen=True, slots=True, eq=False)
class _Test:
    """What a token must be to match a spec, in the terms numpy checks: meet the word
    conditions ``columns`` (see ``WordConditions``) and have its NORM in each of ``norms``
    (hashes; a token's NORM need not be its word's).

    Only flags and exact words are taken from the spec; its other tests (lengths,
    expressions left without a flag, negations) are not, so a token passing may still fail
    the spec, but one failing cannot match it. ``exact`` tells that the spec has no other
    test (its ``OP`` aside): then a token passes if and only if it matches the spec.
    """

    columns: tuple[int, ...]
    norms: tuple[numpy.ndarray, ...]
    exact: bool

    @classmethod
    def of(cls, token: dict, conditions: WordConditions) -> _Test:
        """The test of the spec ``token``, its word conditions numbered by ``conditions``."""
        columns, norms = [], []
        exact = True
        for key, value in token.items():
            attr = key if isinstance(key, int) else _attr_id(key)
            if attr is not None and 0 < attr < 64 and value is True:
                columns.append(conditions.column(attr))
            elif attr in (ORTH, LOWER, NORM) and (words := _word_list(value)) is not None:
                hashes = frozenset(map(get_string_id, words))
                if attr == NORM:
                    norms.append(numpy.array(sorted(hashes), dtype=numpy.uint64))
                else:
                    columns.append(conditions.column(attr, hashes))
            else:
                exact = exact and key == "OP"
        return cls(tuple(columns), tuple(norms), exact)


def _attr_id(key: str) -> int | None:
    """The attribute a pattern key names, if a test can be made of it."""
    return _FLAG_ATTRS.get(key.upper(), _WORD_ATTRS.get(key.upper()))


def _word_list(value: object) -> list[str] | None:
    """The words a spec value names (a word, or ``{"IN": [...]}`` of words), or None."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        words = value["IN"]
        return words if all(isinstance(word, str) for word in words) else None
    return None


class WordConditions:
    """The conditions on words that shape patterns test (a lexeme flag, an ORTH or LOWER
    among some), numbered, and which of them words meet.

    What a word meets is worked out once per distinct word and remembered: its lexeme's flags
    (read as the bits of one integer) and the numbers of the word lists holding its ORTH or
    LOWER.
    """

    def __init__(self, vocab: Vocab) -> None:
        self._vocab = vocab
        self._columns: dict[tuple[int, frozenset[int]], int] = {}
        self._flag_columns: list[int] = []
        self._flags: list[int] = []
        self._lists: dict[int, dict[int, list[int]]] = {ORTH: {}, LOWER: {}}
        self._known: dict[int, tuple[int, tuple[int, ...]]] = {}

    def column(self, attr: int, words: frozenset[int] = frozenset()) -> int:
        """The number of the condition: flag ``attr`` set, or ``attr`` (ORTH or LOWER) one of
        ``words`` (hashes). Numbers are given on first sight, before any ``table``."""
        column = self._columns.get((attr, words))
        if column is None:
            column = self._columns[(attr, words)] = len(self._columns)
            if attr < 64:
                self._flag_columns.append(column)
                self._flags.append(attr)
            for word in words:
                self._lists[attr].setdefault(word, []).append(column)
        return column

    def table(self, orths: numpy.ndarray) -> numpy.ndarray:
        """Which condition (column) each word (row) of ``orths`` meets, and a last row for no
        word, which meets none."""
        known = [self._word(orth) for orth in orths.tolist()]
        flags = numpy.array([flags for flags, _ in known], dtype="<u8").view(numpy.uint8)
        bits = numpy.unpackbits(flags.reshape(-1, 8), axis=1, bitorder="little")
        meets = numpy.zeros((len(known) + 1, len(self._columns)), dtype=bool)
        meets[:-1, self._flag_columns] = bits[:, self._flags]
        rows = numpy.repeat(numpy.arange(len(known)), [len(columns) for _, columns in known])
        meets[rows, list(itertools.chain.from_iterable(columns for _, columns in known))] = True
        return meets

    def _word(self, orth: int) -> tuple[int, tuple[int, ...]]:
        known = self._known.get(orth)
        if known is None:
            lexeme = self._vocab[orth]
            lists = (*self._lists[ORTH].get(orth, ()), *self._lists[LOWER].get(lexeme.lower, ()))
            known = self._known[orth] = (lexeme.flags, lists)
        return known


class DocWords:
    """A document's distinct words: which conditions each meets, and where it occurs.

    Positions up to ``margin`` tokens outside the document are a word that meets nothing, so
    that tokens near an occurrence are looked up without bounds checks.
    """

    def __init__(self, doc: Doc, conditions: WordConditions, margin: int) -> None:
        self.doc = doc
        self.size = len(doc)
        self._margin = margin
        orths = doc.to_array(ORTH)
        #: Token positions grouped by word: word ``w`` is at ``_by_word[_first[w]:]``, for
        #: ``_tokens[w]`` positions.
        self._by_word = numpy.argsort(orths)
        grouped = orths[self._by_word]
        self._first = numpy.flatnonzero(numpy.append(True, grouped[1:] != grouped[:-1]))
        self._tokens = numpy.diff(numpy.append(self._first, self.size))
        self._meets = conditions.table(grouped[self._first])  # and a last row: no word
        self._counts: list[int] = (self._tokens @ self._meets[:-1]).tolist()
        self._word_at = numpy.full(self.size + 2 * margin, len(self._first), dtype=numpy.intp)
        self._word_at[margin + self._by_word] = numpy.repeat(
            numpy.arange(len(self._first)), self._tokens
        )
        self._norms: numpy.ndarray | None = None

    def count(self, test: _Test) -> int:
        """At most how many tokens pass ``test``: the fewest that meet one of its columns."""
        return min(self._counts[column] for column in test.columns)

    def where(self, test: _Test) -> numpy.ndarray:
        """The positions of the tokens that pass ``test`` (which has a column at least)."""
        words = numpy.flatnonzero(self._meets[:, test.columns].all(axis=1))
        if not len(words):
            return words
        tokens = self._tokens[words]
        ends = numpy.cumsum(tokens)
        starts = numpy.repeat(self._first[words] - ends + tokens, tokens)
        found = numpy.sort(self._by_word[starts + numpy.arange(ends[-1])])
        return found[self._norms_in(test.norms, found)] if test.norms else found

    def passes(self, test: _Test, positions: numpy.ndarray) -> numpy.ndarray:
        """Whether the tokens at ``positions`` (an array of any shape) pass ``test``."""
        words = self._word_at[positions + self._margin]
        passed = self._meets[words[..., None], test.columns].all(axis=-1)
        return passed & self._norms_in(test.norms, positions) if test.norms else passed

    def near(self, test: _Test, positions: numpy.ndarray, offsets: numpy.ndarray) -> numpy.ndarray:
        """Whether a token passing ``test`` lies at one of ``offsets`` (at most ``margin``
        away) from each of ``positions``."""
        return self.passes(test, positions[:, None] + offsets).any(axis=1)

    def outside(self, tests: tuple[_Test, ...]) -> numpy.ndarray:
        """The positions of the tokens that pass none of ``tests``."""
        every = numpy.arange(self.size)
        return numpy.flatnonzero(~numpy.any([self.passes(test, every) for test in tests], axis=0))

    def _norms_in(
        self, norms: tuple[numpy.ndarray, ...], positions: numpy.ndarray
    ) -> numpy.ndarray:
        """Whether the NORMs of the tokens at ``positions`` are in each of ``norms``."""
        if self._norms is None:
            blank = numpy.zeros(self._margin, dtype=numpy.uint64)
            self._norms = numpy.concatenate((blank, self.doc.to_array(NORM), blank))
        at = self._norms[positions + self._margin]
        return numpy.logical_and.reduce([numpy.isin(at, values) for values in norms])


@dataclass(frozen=True, slots=True, eq=False)
class _Anchor:
    """A plain token of a pattern (the ``index``-th) as the word its windows are found around.

    ``checks`` are the other plain tokens within fixed reach: (offsets from the anchor where
    the token can be, its test). ``before`` and ``after`` count the tokens that take one word
    at most on each side; ``repeated_before`` and ``repeated_after`` are the tests of the
    ``*`` and ``+`` tokens there, which take any number of words that pass them.
    """

    index: int
    test: _Test
    checks: tuple[tuple[numpy.ndarray, _Test], ...]
    before: int
    after: int
    repeated_before: tuple[_Test, ...]
    repeated_after: tuple[_Test, ...]


#: A token of a pattern as ``Shape`` spells matches out: its test, and whether it is optional.
_Step = tuple[_Test, bool]


class Shape:
    """A shape pattern, with a Matcher of its own, matched in windows around its anchor.

    Every match holds one word per plain token (no ``OP``), passing that token's test. Per
    document, the anchor is the plain token whose test the fewest words pass; its
    occurrences are kept where the other plain tokens within fixed reach pass theirs, and the
    window around each spans every token a match holding it could cover. A pattern whose
    reach has no bound (a ``*`` token any word passes, another operator) sees the whole
    document.

    A pattern of plain and optional (``?``) tokens whose tests are all exact (``steps``) has
    its matches spelled out around the anchor's occurrences by numpy instead: most shape
    patterns are such, and the Matcher calls on their windows cost 12 ms of the 17 ms the
    shapes took on a 100-page plan (a Span and a Token object per window token).
    """

    def __init__(
        self,
        concept: str,
        matcher: Matcher,
        length: int,
        anchors: list[_Anchor] | None,
        steps: tuple[_Step, ...] | None,
    ) -> None:
        self.concept = concept
        self.length = length
        self._matcher = matcher
        self._anchors = anchors
        self._steps = steps

    @classmethod
    def compile(
        cls, concept: Concept, pattern: list[dict], vocab: Vocab, conditions: WordConditions
    ) -> Shape:
        matcher = Matcher(vocab, validate=False)  # lexeme flags are integer keys
        try:
            matcher.add(concept.name, [pattern])
        except (ValueError, KeyError, TypeError) as error:
            raise ConfigError(
                f"invalid token pattern in concept '{concept.name}': {error}",
                path=concept.source.rsplit(":", 1)[0],
            ) from None
        tests = [_Test.of(token, conditions) for token in pattern]
        operators = [token.get("OP") for token in pattern]
        steps = None
        if all(op in (None, "?") for op in operators) and all(test.exact for test in tests):
            steps = tuple((test, op == "?") for test, op in zip(tests, operators, strict=True))
        return cls(concept.name, matcher, len(pattern), _anchors(operators, tests), steps)

    def matches(self, words: DocWords) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The first tokens and the ends of the pattern's matches in ``words``' document: every
        match, some possibly twice."""
        if self._anchors is None:
            return self._matched(words, [(0, words.size)])
        anchor, found = self._occurrences(words)
        if self._steps is not None:
            return _spelled_out(words, found, self._steps, anchor.index)
        return self._matched(words, _windows(words, found, anchor))

    def _occurrences(self, words: DocWords) -> tuple[_Anchor, numpy.ndarray]:
        """The anchor for ``words``, and its occurrences where the plain tokens within its
        fixed reach pass their tests."""
        count, anchor = min(
            ((words.count(anchor.test), anchor) for anchor in self._anchors or ()),
            key=lambda counted: counted[0],
        )
        if count == 0:
            return anchor, numpy.zeros(0, dtype=numpy.intp)
        found = words.where(anchor.test)
        for offsets, test in anchor.checks:
            if not len(found):
                break
            found = found[words.near(test, found, offsets)]
        return anchor, found

    def _matched(
        self, words: DocWords, windows: list[tuple[int, int]]
    ) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The matches the Matcher finds in ``windows`` (see ``matches``)."""
        doc = words.doc
        found = [
            (start + match_start, start + match_end)
            for start, end in windows
            for _, match_start, match_end in self._matcher(
                doc[start:end] if end - start < words.size else doc
            )
        ]
        spans = numpy.array(found, dtype=numpy.int64).reshape(-1, 2)
        return spans[:, 0], spans[:, 1]


def _windows(words: DocWords, found: numpy.ndarray, anchor: _Anchor) -> list[tuple[int, int]]:
    """The stretches of the document that hold every match holding an occurrence in ``found``
    of ``anchor``, overlaps merged."""
    if not len(found):
        return []
    starts = _reach_before(words, found, anchor.before, anchor.repeated_before)
    ends = _reach_after(words, found, anchor.after, anchor.repeated_after)
    breaks = numpy.flatnonzero(starts[1:] > ends[:-1])  # both ascend: merge overlaps
    first, last = numpy.append(0, breaks + 1), numpy.append(breaks, len(ends) - 1)
    return list(zip(starts[first].tolist(), ends[last].tolist(), strict=True))


def _spelled_out(
    words: DocWords, found: numpy.ndarray, steps: tuple[_Step, ...], anchor: int
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The matches holding an occurrence in ``found`` of the anchor ``steps[anchor]`` (see
    ``Shape.matches``), from the tests of the tokens alone, all exact.

    The anchor is a plain token, so with its place fixed the tokens before it and the tokens
    after it match independently: every length one side can take goes with every length the
    other can (a match may come from two occurrences when optional tokens allow).
    """
    before = _lengths(words, found, steps[:anchor][::-1], -1)
    after = _lengths(words, found, steps[anchor + 1 :], 1)
    rows, back, ahead = numpy.nonzero(before[:, :, None] & after[:, None, :])
    return found[rows] - back, found[rows] + ahead + 1


def _lengths(
    words: DocWords, found: numpy.ndarray, steps: tuple[_Step, ...], direction: int
) -> numpy.ndarray:
    """Whether the tokens ``steps``, in order away from each position of ``found`` towards
    ``direction`` (1 or -1), can take exactly the ``n`` words next to it: column ``n`` of the
    position's row.

    Each token takes the next word if it passes its test, and an optional one may also take
    none.
    """
    positions = found[:, None] + direction * numpy.arange(1, len(steps) + 1)
    inside = (positions >= 0) & (positions < words.size)
    taken = numpy.zeros((len(found), len(steps) + 1), dtype=bool)
    taken[:, 0] = True
    for test, optional in steps:
        longer = numpy.zeros_like(taken)
        longer[:, 1:] = taken[:, :-1] & inside & words.passes(test, positions)
        taken = longer | taken if optional else longer
    return taken


def _anchors(operators: list[str | None], tests: list[_Test]) -> list[_Anchor] | None:
    """Each plain token with a column to find it by as an anchor, given the tokens'
    operators and tests; None if the reach of a match cannot be bounded."""
    repeated = [op in ("*", "+") for op in operators]
    if any(op not in (None, "?", "*", "+") for op in operators) or not all(
        tests[index].columns or tests[index].norms
        for index in range(len(operators))
        if repeated[index]
    ):
        return None

    def repeats(indices: range) -> tuple[_Test, ...]:
        return tuple(tests[index] for index in indices if repeated[index])

    anchors = [
        _Anchor(
            index=index,
            test=tests[index],
            checks=tuple(_checks(operators, tests, index)),
            before=repeated[:index].count(False),
            after=repeated[index + 1 :].count(False),
            repeated_before=repeats(range(index)),
            repeated_after=repeats(range(index + 1, len(operators))),
        )
        for index, op in enumerate(operators)
        if op is None and tests[index].columns
    ]
    return anchors or None


def _checks(
    operators: list[str | None], tests: list[_Test], anchor: int
) -> Iterator[tuple[numpy.ndarray, _Test]]:
    """The plain tokens with a test on either side of ``anchor`` up to a repeated token,
    with the offsets from the anchor where each can be."""
    for step in (1, -1):
        plain = optional = 0
        index = anchor + step
        while 0 <= index < len(operators) and operators[index] in (None, "?"):
            if operators[index] is None:
                plain += 1
                if tests[index].columns or tests[index].norms:
                    yield step * numpy.arange(plain, plain + optional + 1), tests[index]
            else:
                optional += 1
            index += step


def _reach_before(
    words: DocWords, found: numpy.ndarray, fixed: int, repeated: tuple[_Test, ...]
) -> numpy.ndarray:
    """Where a match holding each anchor occurrence in ``found`` can start at the earliest.

    ``fixed`` tokens take a word each; the ``repeated`` ones take only words that pass their
    tests, so at most ``fixed`` of the words before the anchor pass none of them.
    """
    if not repeated:
        return numpy.maximum(found - fixed, 0)
    free = numpy.append(-1, words.outside(repeated))
    return free[numpy.maximum(numpy.searchsorted(free, found) - 1 - fixed, 0)] + 1


def _reach_after(
    words: DocWords, found: numpy.ndarray, fixed: int, repeated: tuple[_Test, ...]
) -> numpy.ndarray:
    """Where a match holding each anchor occurrence in ``found`` can end at the latest (see
    ``_reach_before``)."""
    if not repeated:
        return numpy.minimum(found + fixed + 1, words.size)
    free = numpy.append(words.outside(repeated), words.size)
    return free[numpy.minimum(numpy.searchsorted(free, found, "right") + fixed, len(free) - 1)]
