"""Refusing token regexes that could backtrack catastrophically, when the rules load.

Python's ``re`` backtracks: ``(a+)+$`` takes exponential time on "aaaa…b", and a rule pack is
data that anyone may edit, so one careless pattern could hang every check. The matcher only
shows a regex a single token, cut to ``MAX_REGEX_TEXT`` characters, which bounds the damage;
this check refuses the usual culprits before they run. It reads the parsed pattern and
rejects:

- a repetition without an upper bound inside another repetition: ``(a+)+``, ``(a*)*``,
  ``(\\w+\\s?)*``, ``(.*a){12}``;
- inside a repetition without an upper bound, alternatives that can start with the same
  character: ``(\\w|a\\d)+``;
- an optional or variable-length part at the end of a repetition without an upper bound that
  can start like the repetition itself, so that one string splits into rounds in many ways:
  ``(a|aa)+``, ``(aa?)+``, ``(?:\\d{1,3})+``.

It is a static approximation: it may refuse a harmless pattern, which can always be written
another way, and it does not prove a pattern fast. Possessive repeats and atomic groups do not
backtrack and are accepted.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

try:  # Python 3.11 and later
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

#: Characters of a token a regex sees at most (tokens are words; longer ones are noise).
MAX_REGEX_TEXT = 200

_MAXREPEAT = sre_parse.MAXREPEAT
_BACKTRACKING = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT}
_ZERO_WIDTH = {sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT}
_NO_BACKTRACKING = {
    getattr(sre_parse, "ATOMIC_GROUP", None),
    getattr(sre_parse, "POSSESSIVE_REPEAT", None),
} - {None}
#: Largest character range expanded into a set when first characters are compared.
_RANGE_LIMIT = 256


class _Any:
    """Any character: what a category (``\\w``), ``.`` or a negated set may start with."""


ANY = _Any()
First = frozenset[int] | _Any  # the characters a match may start with


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` is refused (invalid, or could backtrack catastrophically), or None."""
    try:
        with warnings.catch_warnings():  # "possible nested set": about future syntax
            warnings.simplefilter("ignore", FutureWarning)
            re.compile(pattern)  # some errors (variable-width look-behind) only show here
            parsed = sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError) as error:
        return f"invalid regular expression: {error}"
    try:
        return _problem(list(parsed), repeated=False, inside=False)
    except RecursionError:
        return "groups nested too deeply"


def _problem(items: list[tuple[Any, Any]], *, repeated: bool, inside: bool) -> str | None:
    """The first problem in ``items``; ``repeated``: within a repetition (of two rounds or
    more), ``inside``: within one without an upper bound."""
    for op, av in items:
        if problem := _item_problem(op, av, repeated=repeated, inside=inside):
            return problem
    return None


def _item_problem(op: Any, av: Any, *, repeated: bool, inside: bool) -> str | None:
    if op in _BACKTRACKING:
        _, high, body = av
        body = list(body)
        unbounded = high == _MAXREPEAT
        if repeated and unbounded:
            return "a repetition inside a repetition, such as (a+)+"
        problem = _problem(body, repeated=repeated or high > 1, inside=inside or unbounded)
        return problem or (_ambiguous_end(body) if unbounded else None)
    if op == sre_parse.BRANCH:
        alternatives = [list(alternative) for alternative in av[1]]
        if inside and _overlapping([_first(alternative) for alternative in alternatives]):
            return "alternatives that can start alike inside a repetition, such as (\\w|a\\d)+"
        return _any_problem(alternatives, repeated=repeated, inside=inside)
    if op in _NO_BACKTRACKING:  # never backtracks into what it holds
        repeated = inside = False
    children = [list(child) for child in _children(op, av)]
    return _any_problem(children, repeated=repeated, inside=inside)


def _any_problem(patterns: list[list[Any]], *, repeated: bool, inside: bool) -> str | None:
    for pattern in patterns:
        if problem := _problem(pattern, repeated=repeated, inside=inside):
            return problem
    return None


def _children(op: Any, av: Any) -> list[Any]:
    """The nested patterns of a group, lookaround, conditional, atomic group or possessive
    repeat."""
    if op == sre_parse.SUBPATTERN:
        return [av[-1]]
    if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        return [av[1]]
    if op == getattr(sre_parse, "ATOMIC_GROUP", None):
        return [av]
    if op == getattr(sre_parse, "POSSESSIVE_REPEAT", None):
        return [av[2]]
    if op == sre_parse.GROUPREF_EXISTS:
        return [branch for branch in av[1:] if branch is not None]
    return []


def _ambiguous_end(body: list[tuple[Any, Any]]) -> str | None:
    """An optional or variable-length last part of a repeated ``body`` that can start like
    the body: where one iteration ends and the next begins is then ambiguous."""
    last = _last_part(body)
    if last is None:
        return None
    op, av = last
    if op in _BACKTRACKING:
        variable = av[0] != av[1]
    elif op == sre_parse.BRANCH:
        variable = any(not list(alternative) for alternative in av[1])
    else:
        return None
    if variable and _overlapping([_first([last]), _first(body)]):
        return "a repetition whose optional end can start the next round, such as (aa?)+"
    return None


def _last_part(items: list[tuple[Any, Any]]) -> tuple[Any, Any] | None:
    """The last element that consumes text, looking inside plain groups."""
    for op, av in reversed(items):
        if op in _ZERO_WIDTH:
            continue
        if op == sre_parse.SUBPATTERN:
            return _last_part(list(av[-1]))
        return op, av
    return None


def _first(items: list[tuple[Any, Any]]) -> First:
    """The characters a match of ``items`` may start with (empty: it may match nothing)."""
    found: set[int] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op == sre_parse.LITERAL:
            return frozenset(found | {av})
        if op == sre_parse.IN:
            return _union(found, _charset(av))
        if op == sre_parse.SUBPATTERN:
            head = _first(list(av[-1]))
        elif op in _BACKTRACKING or op == getattr(sre_parse, "POSSESSIVE_REPEAT", None):
            head = _first(list(av[2]))
            if av[0] > 0:
                return _union(found, head)
        elif op == sre_parse.BRANCH:
            heads = [_first(list(alternative)) for alternative in av[1]]
            head = ANY if any(h is ANY for h in heads) else frozenset().union(*heads)
            if all(list(alternative) for alternative in av[1]):
                return _union(found, head)
        else:
            return ANY
        if head is ANY:
            return ANY
        found |= head
    return frozenset(found)


def _charset(members: list[tuple[Any, Any]]) -> First:
    chars: set[int] = set()
    for op, av in members:
        if op == sre_parse.LITERAL:
            chars.add(av)
        elif op == sre_parse.RANGE and av[1] - av[0] <= _RANGE_LIMIT:
            chars.update(range(av[0], av[1] + 1))
        else:  # a category, a negation, a wide range
            return ANY
    return frozenset(chars)


def _union(found: set[int], head: First) -> First:
    return ANY if head is ANY else frozenset(found | head)


def _overlapping(firsts: list[First]) -> bool:
    """Whether two of ``firsts`` share a character (anything overlaps ANY but nothing)."""
    seen: set[int] = set()
    wild = False
    for first in firsts:
        if first is ANY:
            if wild or seen:
                return True
            wild = True
            continue
        if (wild and first) or seen & first:
            return True
        seen |= first
    return False
