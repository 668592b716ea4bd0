"""Every example embedded in the shipped rule packs, one pytest case each.

``wpslint test-rules`` runs the same examples; here a failing example shows up by rule id.
"""

from __future__ import annotations

import pytest

from wpslint.api import default_linter
from wpslint.rules.selftest import rule_test_cases, run_rule_test

CASES = [
    pytest.param(rule, doc_type, expected, text, id=f"{rule.id}-{expected}-{index}")
    for rule in default_linter().ruleset.rules
    for index, (doc_type, expected, text) in enumerate(rule_test_cases(rule))
]


@pytest.mark.parametrize(("rule", "doc_type", "expected", "text"), CASES)
def test_rule_example(rule, doc_type: str, expected: str, text: str) -> None:
    assert run_rule_test(default_linter(), rule, doc_type, expected, text) == expected
