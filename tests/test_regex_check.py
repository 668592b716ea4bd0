"""The static check that keeps catastrophically backtracking regexes out of rule packs."""

from __future__ import annotations

import pytest

from wpslint.rules.regexcheck import regex_problem


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        (r"(a+)+$", "repetition inside a repetition"),
        (r"(a*)*", "repetition inside a repetition"),
        (r"^(\w+\s?)*$", "repetition inside a repetition"),
        (r"(.*a){12}", "repetition inside a repetition"),
        (r"(?=(a+)+)b", "repetition inside a repetition"),
        (r"^(a|aa)+$", "can start the next round"),
        (r"^(aa?)+$", "can start the next round"),
        (r"^(?:\d{1,3})+$", "can start the next round"),
        (r"^(\w|a\d)+$", "start alike"),
        (r"(a", "invalid regular expression"),
        (r"a{99999999999999999}", "invalid regular expression"),
        (r"(?<=a+)b", "invalid regular expression"),
        ("(" * 2000 + ")" * 2000, "invalid regular expression"),
    ],
)
def test_refused(pattern: str, says: str) -> None:
    problem = regex_problem(pattern)
    assert problem is not None and says in problem


@pytest.mark.parametrize(
    "pattern",
    [
        r"^[a-z]{2,}ing$",
        r"^(19|20)[0-9][0-9]$",
        r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$",
        r"^[$€£¥₱][0-9][0-9.,]*[mkb]?n?$",
        r"(ab?)+",
        r"(shall|should)+",
        r"(a|ab)+",
        r"(?:\d{1,3},)+",
        r"(?>a+)+",
        r"a++",
        r"(?P<x>a)(?(x)b|c)",
    ],
)
def test_accepted(pattern: str) -> None:
    assert regex_problem(pattern) is None


def test_a_token_regex_sees_at_most_the_first_characters_of_a_token() -> None:
    import re

    from wpslint.rules.flags import _matches
    from wpslint.rules.regexcheck import MAX_REGEX_TEXT

    long_token = "a" * 10_000
    assert _matches(re.compile(f"^a{{{MAX_REGEX_TEXT}}}$"), False, long_token)
    assert not _matches(re.compile(f"a{{{MAX_REGEX_TEXT + 1}}}"), False, long_token)
