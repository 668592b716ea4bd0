"""Run the example texts embedded in every rule (``wpslint test-rules``; pytest runs them too).

Each example is checked as a small document of the rule's test type, exactly as a user's
document would be, so a passing example proves the whole path from text to status.
"""

from __future__ import annotations

from dataclasses import dataclass

from wpslint.api import Linter
from wpslint.rules.model import Rule


@dataclass(frozen=True, slots=True)
class RuleTestFailure:
    rule_id: str
    expected: str
    got: str
    text: str
    source: str

    def __str__(self) -> str:
        excerpt = " ".join(self.text.split())
        if len(excerpt) > 100:
            excerpt = excerpt[:97] + "..."
        return (
            f'{self.source}: {self.rule_id} expected {self.expected}, got {self.got}: "{excerpt}"'
        )


def rule_test_cases(rule: Rule) -> list[tuple[str, str, str]]:
    """(document type, expected status, text) for every example of ``rule``."""
    doc_type = rule.tests.doc_type or rule.applies_to[0]
    return [(doc_type, expected, text) for expected, text in rule.tests.cases]


def run_rule_test(linter: Linter, rule: Rule, doc_type: str, expected: str, text: str) -> str:
    """The status ``rule`` gives ``text``; equal to ``expected`` when the example passes."""
    report = linter.check_text(text, doc_type=doc_type, rules=[rule], path=f"<{rule.id} example>")
    return report.checks[0].status.value


def run_rule_tests(linter: Linter) -> tuple[int, list[RuleTestFailure]]:
    """Run every example of every rule; returns (number run, failures)."""
    failures = []
    count = 0
    for rule in linter.ruleset.rules:
        for doc_type, expected, text in rule_test_cases(rule):
            count += 1
            got = run_rule_test(linter, rule, doc_type, expected, text)
            if got != expected:
                failures.append(RuleTestFailure(rule.id, expected, got, text, rule.source))
    return count, failures
