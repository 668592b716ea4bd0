"""The shipped rule packs against the checklist they implement, and their own completeness."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from wpslint.findings import Kind
from wpslint.report import explain
from wpslint.rules.loader import load_ruleset

CHECKLIST = Path(__file__).resolve().parents[2] / "shared" / "spec" / "checklist.yaml"
RULES = load_ruleset()
POSITIVE = {Kind.REQUIREMENT: {"present", "weak"}, Kind.ANTIPATTERN: {"flagged"}}
NEGATIVE = {Kind.REQUIREMENT: {"missing"}, Kind.ANTIPATTERN: {"clear"}}


def checklist() -> list[dict]:
    if not CHECKLIST.is_file():
        pytest.skip("the checklist (../shared/spec/checklist.yaml) is not beside this checkout")
    return yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))["checks"]


def test_every_checklist_check_is_a_rule_with_the_same_identity() -> None:
    for check in checklist():
        rule = RULES.get(check["id"])
        assert rule is not None, f"{check['id']} has no rule"
        assert rule.name == check["name"], check["id"]
        assert rule.kind.value == check["kind"], check["id"]
        assert sorted(rule.applies_to) == sorted(check["applies_to"]), check["id"]
        assert set(rule.security) == set(check["security"]), check["id"]
        assert set(check["sources"]) <= set(rule.sources), check["id"]


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda rule: rule.id)
def test_rule_has_two_positive_and_two_negative_examples(rule) -> None:
    positive = POSITIVE.get(rule.kind, {"flagged"})
    negative = NEGATIVE.get(rule.kind, {"clear"})
    statuses = [status for status, _ in rule.tests.cases]
    assert sum(status in positive for status in statuses) >= 2
    assert sum(status in negative for status in statuses) >= 2


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda rule: rule.id)
def test_rule_documentation_is_substantial(rule) -> None:
    assert len(rule.rationale.split()) >= 20, "rationale: say why the protection matters"
    assert len(rule.remedy.split()) >= 12, "remedy: a clause a drafter can adapt"
    assert rule.sources and rule.security


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda rule: rule.id)
def test_every_rule_can_be_explained(rule) -> None:
    page = explain.render(rule, RULES)
    assert page.startswith(f"{rule.id} {rule.name}")
    assert "What satisfies it" in page
