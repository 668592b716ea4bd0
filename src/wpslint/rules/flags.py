"""Lexeme flags for the word-set and expression tests of shape patterns.

A test that depends only on the word is worked out once per distinct word and kept in one
bit of the word's lexeme, which spaCy's Matcher tests in C (see ``LexemeFlags``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from spacy.vocab import Vocab

from wpslint.rules.regexcheck import MAX_REGEX_TEXT


class LexemeFlags:
    """Turns word-set and regex token specs into lexeme flags.

    spaCy's Matcher calls a Python predicate for ``IN`` and ``REGEX`` on every token it
    considers. They depend only on the word (``NORM`` too: wpslint's norm is a function of the
    word), so a lexeme flag (``Vocab.add_flag``) computes them once per distinct word and the
    Matcher tests a bit in C. spaCy has a few dozen free flag slots. Expressions get them
    first: they are the dearer tests, and only as flags can ``shapes.Shape`` find windows by them
    (a word list needs no flag for that). When the slots run out, a spec stays as written.
    """

    #: Flags belong to the vocabulary, so every matcher on one vocabulary shares them.
    _registries: ClassVar[dict[int, LexemeFlags]] = {}

    def __init__(self, vocab: Vocab, norm_of: Callable[[str], str]) -> None:
        self._vocab = vocab
        self._norm_of = norm_of
        self._flags: dict[tuple[str, str, object], int] = {}

    @classmethod
    def of(cls, vocab: Vocab, norm_of: Callable[[str], str]) -> LexemeFlags:
        """The registry of ``vocab``'s flags (created on first use)."""
        registry = cls._registries.get(id(vocab))
        if registry is None or registry._vocab is not vocab:
            registry = cls._registries[id(vocab)] = cls(vocab, norm_of)
        return registry

    def rewrite_all(self, patterns: dict[str, list[list[dict]]]) -> dict[str, list[list[dict]]]:
        """Every pattern with flags substituted for the specs that have one."""
        keys = {
            key
            for found in patterns.values()
            for pattern in found
            for token in pattern
            if (key := _spec_key(token)) is not None
        }
        self._add(sorted(keys - self._flags.keys(), key=_flag_priority))
        return {
            name: [self._rewrite(pattern) for pattern in found] for name, found in patterns.items()
        }

    def _rewrite(self, pattern: list[dict]) -> list[dict]:
        """``pattern`` with a flag test in place of each spec that has a flag."""
        rewritten = []
        for token in pattern:
            key = _spec_key(token)
            flag = self._flags.get(key) if key is not None else None
            if key is not None and flag is not None:
                token = {k: v for k, v in token.items() if k != key[0]} | {flag: True}
            rewritten.append(token)
        return rewritten

    def _add(self, keys: list[tuple[str, str, object]]) -> None:
        """Flags for ``keys``, in order, while spaCy has free slots.

        ``Vocab.add_flag`` sets one flag on every word of the vocabulary (thousands after the
        terms are analysed), a pass per flag. This registers the flags as it does, so that new
        words get them, and sets all of them on the present words in one pass.
        """
        getters = self._vocab.lex_attr_getters
        free = (bit for bit in range(1, 64) if bit not in getters)
        added: list[tuple[int, Callable[[str], bool]]] = []
        for bit, key in zip(free, keys, strict=False):
            test = getters[bit] = _lexeme_test(*key, self._norm_of)
            self._flags[key] = bit
            added.append((bit, test))
        if added:
            self._set_on_vocabulary(added)

    def _set_on_vocabulary(self, added: list[tuple[int, Callable[[str], bool]]]) -> None:
        """Sets the ``added`` flags on every word of the vocabulary.

        Word lists are looked up by form (a word's text, lower case or norm is worked out
        once, whatever the number of lists): the bits of the lists holding each form.
        """
        by_form: dict[Callable[[str], str], dict[str, int]] = {}
        others = []
        for bit, test in added:
            if isinstance(test, _FormIn):
                bits = by_form.setdefault(test.form, {})
                for word in test.words:
                    bits[word] = bits.get(word, 0) | 1 << bit
            else:
                others.append((bit, test))
        cleared = ~sum(1 << bit for bit, _ in added)
        for lexeme in self._vocab:
            text = lexeme.orth_
            flags = sum(1 << bit for bit, test in others if test(text))
            for form, bits in by_form.items():
                flags |= bits.get(form(text), 0)
            lexeme.flags = lexeme.flags & cleared | flags


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


def _flag_priority(key: tuple[str, str, object]) -> tuple[int, int, str]:
    """Expressions first, then word lists, the longest first."""
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
    if operator == "IN":
        assert isinstance(key, frozenset)
        if attr == "NORM":
            return _FormIn(norm_of, key)
        if attr == "LOWER":
            return _FormIn(str.lower, frozenset(word.lower() for word in key))
        return _FormIn(_as_written, key)
    assert isinstance(key, str)
    return functools.partial(_matches, re.compile(key), attr == "LOWER")


@dataclass(frozen=True, slots=True)
class _FormIn:
    """A flag function: is a form of the word (``form(text)``) one of ``words``."""

    form: Callable[[str], str]
    words: frozenset[str]

    def __call__(self, text: str) -> bool:
        return self.form(text) in self.words


def _as_written(text: str) -> str:
    return text


def _matches(expression: re.Pattern[str], lower: bool, text: str) -> bool:
    # Tokens are words; a "word" of thousands of characters (a base64 blob) is cut, so that
    # no expression spends long on it (the loader refuses the catastrophic ones).
    text = text[:MAX_REGEX_TEXT]
    return expression.search(text.lower() if lower else text) is not None
