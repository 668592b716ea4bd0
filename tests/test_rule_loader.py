"""Strict validation of rule packs: every mistake names its file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from wpslint.errors import ConfigError
from wpslint.findings import Kind, Severity
from wpslint.rules.loader import default_rules_dir, load_ruleset
from wpslint.rules.model import AllOf, ConceptRef, Not, Where, positive_concepts

BASE = """\
strength: {binding: binding, hedge: hedge, qualifier: hedge}
concepts:
  binding: {description: b, terms: [shall]}
  hedge: {description: h, terms: [should]}
  fund: {description: f, terms: [fund]}
"""

RULE = """\
rules:
  - id: ABC01
    name: some-rule
    kind: requirement
    applies_to: [nap]
    severity: error
    message: m
    rationale: r
    sources: [ICAN-R1]
    security: [economic]
    remedy: c
    scope: sentence
    match:
      all:
        - concept: fund
        - not: {concept: hedge}
    tests:
      present: ["A fund shall exist."]
"""


def write_pack(tmp_path: Path, rules: str, base: str = BASE) -> Path:
    (tmp_path / "base.yaml").write_text(base)
    (tmp_path / "pack.yaml").write_text(textwrap.dedent(rules))
    return tmp_path


def load_error(tmp_path: Path, rules: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_ruleset(write_pack(tmp_path, rules))
    return caught.value


def test_valid_pack_builds_model(tmp_path: Path) -> None:
    ruleset = load_ruleset(write_pack(tmp_path, RULE))
    rule = ruleset.rules[0]
    assert rule.kind is Kind.REQUIREMENT
    assert rule.severity["nap"] is Severity.ERROR
    assert rule.match == AllOf((ConceptRef("fund"), Not(ConceptRef("hedge"))))
    assert rule.source.endswith("pack.yaml:2")
    assert len(ruleset.sha256) == 64
    assert ruleset.get("some-rule") is rule and ruleset.get("abc01") is rule


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("scope: sentence", "scop: sentence"), 12, "unknown key 'scop'"),
        (("scope: sentence", "scope: page"), 12, "'scope' must be one of"),
        (("kind: requirement", "kind: requirment"), 4, "'kind' must be one of"),
        (("concept: fund", "concept: funds"), 15, "unknown concept 'funds'"),
        (("applies_to: [nap]", "applies_to: [plan]"), 5, "unknown document type 'plan'"),
        (("security: [economic]", "security: [money]"), 10, "unknown security category"),
        (("present: [", "presnt: ["), 18, "unknown key 'presnt'"),
        (("severity: error", "severity: fatal"), 6, "severity must be one of"),
        (("id: ABC01", "id: abc-1"), 2, "rule id 'abc-1'"),
    ],
)
def test_errors_name_file_and_line(
    tmp_path: Path, change: tuple[str, str], line: int, message: str
) -> None:
    error = load_error(tmp_path, RULE.replace(*change))
    assert error.path is not None and error.path.endswith("pack.yaml")
    assert error.line == line
    assert message in str(error)


def test_missing_key_is_reported(tmp_path: Path) -> None:
    error = load_error(tmp_path, RULE.replace("    remedy: c\n", ""))
    assert "missing 'remedy'" in str(error)


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    error = load_error(
        tmp_path, RULE.replace("    message: m\n", "    message: m\n    message: n\n")
    )
    assert "duplicate key 'message'" in str(error) and error.line == 8


def test_duplicate_rule_id(tmp_path: Path) -> None:
    twice = RULE + RULE.split("rules:\n", 1)[1].replace("some-rule", "other-rule")
    assert "already used" in str(load_error(tmp_path, twice))


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    error = load_error(tmp_path, RULE.replace("match:", "match: [unclosed"))
    assert "invalid YAML" in str(error) and error.line is not None


def test_include_cycle(tmp_path: Path) -> None:
    base = BASE + "  a: {description: a, include: [b]}\n  b: {description: b, include: [a]}\n"
    with pytest.raises(ConfigError, match="include each other"):
        load_ruleset(write_pack(tmp_path, RULE, base))


@pytest.mark.parametrize(
    ("concept", "message"),
    [
        ("  a: {description: a, terms: [x], context: nowhere}\n", "unknown context concept"),
        ("  a: {description: a, terms: [x], context: [fund]}\n", "'context' must be the name"),
        ("  a: {description: a, terms: [x], defined_terms: yes please}\n", "true or false"),
        (
            "  a: {description: a, terms: [x], context: b}\n  b: {description: b, include: [a]}\n",
            "a -> b -> a",
        ),
    ],
)
def test_invalid_context_or_defined_terms(tmp_path: Path, concept: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_ruleset(write_pack(tmp_path, RULE, BASE + concept))
    assert caught.value.path is not None and caught.value.path.endswith("base.yaml")


def test_heading_takes_concept_names(tmp_path: Path) -> None:
    rules = load_ruleset(
        write_pack(tmp_path, RULE.replace("- not: {concept: hedge}", "- heading: [fund, hedge]"))
    )
    assert "hedge" in rules.get("ABC01").concepts_used()
    error = load_error(tmp_path, RULE.replace("- not: {concept: hedge}", "- heading: nowhere"))
    assert "unknown concept 'nowhere'" in str(error) and error.line == 16


@pytest.mark.parametrize("holds_without_hits", ["where: {concept: hedge}", "heading: [hedge]"])
def test_near_refuses_conditions_without_hits(tmp_path: Path, holds_without_hits: str) -> None:
    near = f"- near: [{{concept: fund}}, {{{holds_without_hits}}}]\n          within: 5"
    error = load_error(tmp_path, RULE.replace("- not: {concept: hedge}", near))
    assert "'near' measures distances between hits" in str(error)


def test_shipped_rules_load() -> None:
    ruleset = load_ruleset(default_rules_dir())
    ids = {rule.id for rule in ruleset.rules}
    assert {f"LEG{n:02d}" for n in range(1, 19)} <= ids


def test_syntax_only_inside_all(tmp_path: Path) -> None:
    error = load_error(
        tmp_path,
        RULE.replace("    match:\n      all:", "    match:\n      any:").replace(
            "- not: {concept: hedge}", "- syntax: passive_without_agent"
        ),
    )
    assert "'syntax' belongs inside 'all'" in str(error)


def test_positive_concepts_skip_negations_and_keep_context() -> None:
    condition = AllOf(
        (ConceptRef("fund"), Where(ConceptRef("peacebuilders")), Not(ConceptRef("hedge")))
    )
    assert positive_concepts(condition) == {"fund", "peacebuilders"}
