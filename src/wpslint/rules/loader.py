"""Load and strictly validate the YAML rule packs into a ``RuleSet``.

Every file under the rules directory may hold these top-level keys: ``concepts``, ``rules``,
``strength``, ``sections`` and ``doctypes`` (see docs/writing-rules.md). Anything unknown,
misspelt or dangling (a rule naming a concept nobody defined) stops the run with the file and
line, because a silently ignored key would mean a check that silently never fires.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wpslint.errors import ConfigError
from wpslint.findings import DOC_TYPES, Kind, Severity
from wpslint.rules.model import (
    SCOPES,
    SECURITY_CATEGORIES,
    SYNTAX_ANALYSES,
    AllOf,
    AnyOf,
    AtLeast,
    Concept,
    ConceptRef,
    Condition,
    Heading,
    Near,
    Not,
    Rule,
    RuleSet,
    RuleTests,
    StrengthMarkers,
    Syntax,
    Where,
)
from wpslint.rules.regexcheck import regex_problem
from wpslint.rules.yamlsource import SourceMap, load_yaml

TOP_LEVEL_KEYS = {"concepts", "rules", "strength", "sections", "doctypes"}
CONCEPT_KEYS = {
    "description",
    "terms",
    "include",
    "exclude",
    "patterns",
    "context",
    "defined_terms",
}
RULE_REQUIRED = {
    "id",
    "name",
    "kind",
    "applies_to",
    "severity",
    "message",
    "rationale",
    "sources",
    "security",
    "remedy",
    "scope",
    "match",
    "tests",
}
RULE_OPTIONAL = {"flag", "weak_message", "anchor"}
STRENGTH_KEYS = {"binding", "hedge", "qualifier"}
DOCTYPE_KEYS = {"title", "body"}
TEST_STATUSES = {
    Kind.REQUIREMENT: ("present", "weak", "missing"),
    Kind.ANTIPATTERN: ("flagged", "clear"),
    Kind.QUALITY: ("flagged", "clear"),
}
FLAGS = ("matched", "absent")
OPERATORS = ("concept", "all", "any", "not", "where", "heading", "near", "at_least", "syntax")
RULE_ID = re.compile(r"^[A-Z]{2,6}\d{2,3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CONCEPT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def default_rules_dir() -> Path:
    """The rule packs shipped with wpslint (inside the wheel, or rules/ in a checkout)."""
    packaged = Path(__file__).resolve().parent.parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


def load_ruleset(rules_dir: Path | None = None) -> RuleSet:
    """Read every ``*.yaml`` file below ``rules_dir`` and build a validated rule set."""
    root = Path(rules_dir) if rules_dir else default_rules_dir()
    if not root.is_dir():
        raise ConfigError("rules directory not found", path=str(root))
    files = sorted(p for p in root.rglob("*.y*ml") if p.suffix in {".yaml", ".yml"})
    if not files:
        raise ConfigError("no rule files (*.yaml) found", path=str(root))
    digest = hashlib.sha256()
    collected = _Collected()
    for path in files:
        relative = path.relative_to(root).as_posix()
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
        data = load_yaml(path, display=_display(path))
        if data is None:
            continue
        if not isinstance(data, SourceMap):
            raise ConfigError(
                "a rule file must be a mapping of top-level keys", path=_display(path)
            )
        collected.add_file(data)
    ruleset = collected.build()
    ruleset.sha256 = digest.hexdigest()
    return ruleset


def _display(path: Path) -> str:
    """A path as users should see it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _Collected:
    """Definitions gathered from all files, validated once everything is known."""

    def __init__(self) -> None:
        self.concepts: dict[str, tuple[SourceMap, str]] = {}
        self.rules: list[SourceMap] = []
        self.strength: SourceMap | None = None
        self.sections: dict[str, str] = {}
        self.doctypes: dict[str, dict[str, tuple[str, ...]]] = {}

    def add_file(self, data: SourceMap) -> None:
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                raise data.error(
                    f"unknown top-level key '{key}' (expected one of "
                    f"{', '.join(sorted(TOP_LEVEL_KEYS))})",
                    key,
                )
        if "concepts" in data:
            concepts = _mapping(data, "concepts")
            for name, body in concepts.items():
                if name in self.concepts:
                    first = self.concepts[name][0]
                    raise concepts.error(
                        f"concept '{name}' is already defined at {first.path}:{first.line}", name
                    )
                if not isinstance(body, SourceMap):
                    raise concepts.error(f"concept '{name}' must be a mapping", name)
                self.concepts[name] = (body, name)
        if "rules" in data:
            rules = data["rules"]
            if not isinstance(rules, list) or not all(isinstance(r, SourceMap) for r in rules):
                raise data.error("'rules' must be a list of mappings", "rules")
            self.rules.extend(rules)
        if "strength" in data:
            if self.strength is not None:
                raise data.error("'strength' is defined twice", "strength")
            self.strength = _mapping(data, "strength")
        if "sections" in data:
            for code, title in _mapping(data, "sections").items():
                self.sections[code] = str(title)
        if "doctypes" in data:
            self._add_doctypes(_mapping(data, "doctypes"))

    def _add_doctypes(self, doctypes: SourceMap) -> None:
        for doc_type, cues in doctypes.items():
            if doc_type not in DOC_TYPES:
                raise doctypes.error(f"unknown document type '{doc_type}'", doc_type)
            if not isinstance(cues, SourceMap):
                raise doctypes.error("document type cues must be a mapping", doc_type)
            _check_keys(cues, set(), DOCTYPE_KEYS, f"cues for '{doc_type}'")
            self.doctypes[doc_type] = {
                key: tuple(_strings(cues, key)) for key in DOCTYPE_KEYS if key in cues
            }

    def build(self) -> RuleSet:
        concepts = {name: _concept(name, body) for name, (body, _) in self.concepts.items()}
        for concept in concepts.values():
            body = self.concepts[concept.name][0]
            for included in concept.include:
                if included not in concepts:
                    raise body.error(f"includes unknown concept '{included}'", "include")
            if concept.context is not None and concept.context not in concepts:
                raise body.error(f"unknown context concept '{concept.context}'", "context")
        _check_include_cycles(concepts, self.concepts)
        if self.strength is None:
            raise ConfigError("no 'strength' definition found in the rule files")
        strength = self._strength(concepts)
        rules = [_rule(body, concepts, set(self.sections)) for body in self.rules]
        _check_unique(rules)
        return RuleSet(
            concepts=concepts,
            rules=rules,
            strength=strength,
            doctype_cues=self.doctypes,
            sections=self.sections,
        )

    def _strength(self, concepts: dict[str, Concept]) -> StrengthMarkers:
        assert self.strength is not None
        data = self.strength
        _check_keys(data, STRENGTH_KEYS, STRENGTH_KEYS, "strength")
        for key in STRENGTH_KEYS:
            if data[key] not in concepts:
                raise data.error(f"unknown concept '{data[key]}'", key)
        return StrengthMarkers(
            binding=data["binding"], hedge=data["hedge"], qualifier=data["qualifier"]
        )


def _concept(name: str, body: SourceMap) -> Concept:
    if not CONCEPT_NAME.match(name):
        raise body.error(f"concept name '{name}' must be snake_case")
    _check_keys(body, {"description"}, CONCEPT_KEYS, f"concept '{name}'")
    if not any(key in body for key in ("terms", "include", "patterns")):
        raise body.error(f"concept '{name}' needs 'terms', 'include' or 'patterns'")
    patterns = body.get("patterns", [])
    if not isinstance(patterns, list) or not all(
        isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in patterns
    ):
        raise body.error(
            "'patterns' must be a list of token patterns (lists of mappings)", "patterns"
        )
    context = body.get("context")
    if context is not None and not isinstance(context, str):
        raise body.error("'context' must be the name of a concept", "context")
    defined_terms = body.get("defined_terms", False)
    if not isinstance(defined_terms, bool):
        raise body.error("'defined_terms' must be true or false", "defined_terms")
    for token in (token for pattern in patterns for token in pattern):
        _check_regexes(token, name)
        _check_words(token, name)
    path, line = body.where()
    return Concept(
        name=name,
        description=_text(body, "description"),
        terms=tuple(_strings(body, "terms")),
        include=tuple(_strings(body, "include")),
        exclude=tuple(_strings(body, "exclude")),
        patterns=tuple(tuple(_plain(token) for token in p) for p in patterns),
        context=context,
        defined_terms=defined_terms,
        source=f"{path}:{line}",
    )


def _check_regexes(node: Any, concept: str) -> None:
    """Refuse an invalid or catastrophically backtracking ``REGEX`` anywhere in a token spec,
    at the line that holds it."""
    if isinstance(node, list):
        for item in node:
            _check_regexes(item, concept)
    if not isinstance(node, SourceMap):
        return
    for key, value in node.items():
        if key == "REGEX" and isinstance(value, str):
            problem = regex_problem(value)
            if problem:
                raise node.error(f"regex {value!r} in concept '{concept}': {problem}", key)
        else:
            _check_regexes(value, concept)


#: Token attributes whose values are words: a value YAML read as something else is a mistake.
_WORD_KEYS = ("ORTH", "TEXT", "LOWER", "NORM", "LEMMA")
_LIST_OPERATORS = ("IN", "NOT_IN")


def _check_words(token: SourceMap, concept: str) -> None:
    """Refuse a word that YAML did not read as text: unquoted ``on``, ``no``, ``yes`` or
    ``off`` are booleans and numbers are numbers, and a pattern holding them silently never
    matches."""
    for key in _WORD_KEYS:
        value = token.get(key)
        if isinstance(value, SourceMap):
            words = [w for op in _LIST_OPERATORS if isinstance(w := value.get(op), list)]
            values = [word for found in words for word in found]
        else:
            values = [] if value is None else [value]
        for word in values:
            if not isinstance(word, str):
                raise token.error(
                    f"{key} word {word!r} in concept '{concept}' is not text: quote it "
                    '("on", "no", "1"); YAML reads on/off/yes/no as true/false',
                    key,
                )


def _check_include_cycles(
    concepts: dict[str, Concept], bodies: dict[str, tuple[SourceMap, str]]
) -> None:
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "active":
            cycle = " -> ".join([*trail[trail.index(name) :], name])
            raise bodies[name][0].error(f"concepts include each other: {cycle}", "include")
        state[name] = "active"
        for included in concepts[name].depends_on:
            visit(included, [*trail, name])
        state[name] = "done"

    for name in concepts:
        visit(name, [])


def _rule(body: SourceMap, concepts: dict[str, Concept], sections: set[str]) -> Rule:
    label = f"rule '{body.get('id', '?')}'"
    _check_keys(body, RULE_REQUIRED, RULE_REQUIRED | RULE_OPTIONAL, label)
    rule_id = _text(body, "id")
    if not RULE_ID.match(rule_id):
        raise body.error(f"rule id '{rule_id}' must be letters then digits, like LEG15", "id")
    name = _text(body, "name")
    if not RULE_NAME.match(name):
        raise body.error(f"rule name '{name}' must be kebab-case", "name")
    kind = _choice(body, "kind", [k.value for k in Kind])
    applies_to = _strings(body, "applies_to")
    if not applies_to:
        raise body.error("'applies_to' must name at least one document type", "applies_to")
    for doc_type in applies_to:
        if doc_type not in DOC_TYPES:
            raise body.error(
                f"unknown document type '{doc_type}' (expected one of {', '.join(DOC_TYPES)})",
                "applies_to",
            )
    for category in _strings(body, "security"):
        if category not in SECURITY_CATEGORIES:
            raise body.error(
                f"unknown security category '{category}' (expected one of "
                f"{', '.join(SECURITY_CATEGORIES)})",
                "security",
            )
    scope = _choice(body, "scope", SCOPES)
    flag = body.get("flag", "matched")
    if "flag" in body and kind != Kind.QUALITY.value:
        raise body.error("'flag' applies to quality rules only", "flag")
    if flag not in FLAGS:
        raise body.error(f"'flag' must be one of {', '.join(FLAGS)}", "flag")
    anchor = body.get("anchor")
    if anchor is not None and anchor not in concepts:
        raise body.error(f"unknown concept '{anchor}'", "anchor")
    if sections and rule_id.rstrip("0123456789") not in sections:
        raise body.error(f"rule id '{rule_id}' has no section in 'sections'", "id")
    return Rule(
        id=rule_id,
        name=name,
        kind=Kind(kind),
        applies_to=tuple(applies_to),
        severity=_severity(body),
        message=_text(body, "message"),
        rationale=_text(body, "rationale"),
        sources=tuple(_strings(body, "sources")),
        security=tuple(_strings(body, "security")),
        remedy=_text(body, "remedy"),
        scope=scope,
        match=_condition(
            body["match"], body, "match", concepts, sentence_scope=scope == "sentence"
        ),
        tests=_tests(body, Kind(kind), applies_to),
        flag=flag,
        weak_message=_text(body, "weak_message") if "weak_message" in body else None,
        anchor=anchor,
        source="{}:{}".format(*body.where()),
    )


def _severity(body: SourceMap) -> dict[str, Severity]:
    value = body["severity"]
    levels = [s.value for s in Severity]
    if isinstance(value, str):
        if value not in levels:
            raise body.error(f"severity must be one of {', '.join(levels)}", "severity")
        return {doc_type: Severity(value) for doc_type in DOC_TYPES}
    if not isinstance(value, SourceMap):
        raise body.error(
            "severity must be a level or a mapping of document type to level", "severity"
        )
    for key, level in value.items():
        if key != "default" and key not in DOC_TYPES:
            raise value.error(f"unknown document type '{key}'", key)
        if level not in levels:
            raise value.error(f"severity must be one of {', '.join(levels)}", key)
    missing = [t for t in DOC_TYPES if t not in value and "default" not in value]
    if missing:
        raise value.error(f"no severity for {', '.join(missing)} (add 'default')")
    return {t: Severity(value.get(t, value.get("default"))) for t in DOC_TYPES}


def _condition(
    node: Any,
    parent: SourceMap,
    key: str,
    concepts: dict[str, Concept],
    *,
    sentence_scope: bool,
    in_all: bool = False,
) -> Condition:
    if not isinstance(node, SourceMap):
        raise parent.error("a condition must be a mapping such as {concept: NAME}", key)
    operators = [k for k in node if k in OPERATORS]
    if len(operators) != 1:
        raise node.error(f"a condition needs exactly one of: {', '.join(OPERATORS)}")
    operator = operators[0]
    extra = {"near": {"within"}, "at_least": {"of"}}.get(operator, set())
    _check_keys(node, {operator, *extra}, {operator, *extra}, f"'{operator}' condition")
    value = node[operator]
    if operator in ("concept", "heading"):
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise node.error(f"'{operator}' takes a concept name or a list of names", operator)
        for name in names:
            if name not in concepts:
                raise node.error(f"unknown concept '{name}'", operator)
        if operator == "heading":
            return Heading(tuple(names))
        refs = tuple(ConceptRef(name) for name in names)
        return refs[0] if len(refs) == 1 else AnyOf(refs)
    if operator == "syntax":
        if value not in SYNTAX_ANALYSES:
            raise node.error(
                f"unknown analysis '{value}' (expected one of {', '.join(SYNTAX_ANALYSES)})",
                operator,
            )
        if not (in_all and sentence_scope):
            # The parser is slow: it may only narrow down sentences a concept already found.
            raise node.error("'syntax' belongs inside 'all', next to a concept, in sentence scope")
        return Syntax(value)
    nested = functools.partial(_condition, concepts=concepts, sentence_scope=sentence_scope)
    if operator == "not":
        return Not(nested(value, node, operator))
    if operator == "where":
        return Where(nested(value, node, operator))
    if operator == "at_least":
        if not isinstance(value, int) or value < 1:
            raise node.error("'at_least' takes a positive whole number", operator)
        children = _children(node, "of", nested)
        if value > len(children):
            raise node.error(f"'at_least: {value}' but only {len(children)} conditions", "of")
        return AtLeast(count=value, conditions=children)
    if operator == "all":
        children = _children(node, operator, functools.partial(nested, in_all=True))
        if all(isinstance(child, Not | Syntax) for child in children):
            raise node.error("'all' needs at least one condition that is not 'not' or 'syntax'")
        return AllOf(children)
    children = _children(node, operator, nested)
    if operator == "any":
        return AnyOf(children)
    within = node["within"]
    if not isinstance(within, int) or within < 0:
        raise node.error("'within' takes a whole number of tokens", "within")
    if len(children) < 2 or any(isinstance(child, Not) for child in children):
        raise node.error("'near' needs two or more positive conditions", operator)
    if any(isinstance(child, Where | Heading) for child in children):
        # They hold without hits, so there is nothing to measure a distance from.
        raise node.error("'near' measures distances between hits: 'where' and 'heading' have none")
    return Near(conditions=children, within=within)


def _children(node: SourceMap, key: str, build: Callable[..., Condition]) -> tuple[Condition, ...]:
    value = node[key]
    if not isinstance(value, list) or not value:
        raise node.error(f"'{key}' takes a non-empty list of conditions", key)
    return tuple(build(child, node, key) for child in value)


def _tests(body: SourceMap, kind: Kind, applies_to: list[str]) -> RuleTests:
    tests = body["tests"]
    if not isinstance(tests, SourceMap):
        raise body.error("'tests' must map expected statuses to example texts", "tests")
    statuses = TEST_STATUSES[kind]
    _check_keys(tests, set(), {*statuses, "doc_type"}, "tests")
    doc_type = tests.get("doc_type")
    if doc_type is not None and doc_type not in applies_to:
        raise tests.error(f"test doc_type '{doc_type}' is not in applies_to", "doc_type")
    cases = tuple((status, text) for status in statuses for text in _strings(tests, status))
    if not cases:
        raise tests.error("a rule needs example texts under " + " / ".join(statuses))
    return RuleTests(doc_type=doc_type, cases=cases)


def _check_unique(rules: list[Rule]) -> None:
    seen: dict[str, Rule] = {}
    for rule in rules:
        for key in (rule.id, rule.name):
            if key in seen:
                raise ConfigError(
                    f"'{key}' is already used by the rule at {seen[key].source}",
                    path=rule.source.rsplit(":", 1)[0],
                    line=int(rule.source.rsplit(":", 1)[1]),
                )
            seen[key] = rule


def _check_keys(body: SourceMap, required: set[str], allowed: set[str], label: str) -> None:
    for key in body:
        if key not in allowed:
            hint = _closest(key, allowed)
            raise body.error(f"unknown key '{key}' in {label}{hint}", key)
    for key in sorted(required - set(body)):
        raise body.error(f"{label} is missing '{key}'")


def _closest(key: str, allowed: set[str]) -> str:
    match = difflib.get_close_matches(key, sorted(allowed), n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _mapping(body: SourceMap, key: str) -> SourceMap:
    value = body[key]
    if not isinstance(value, SourceMap):
        raise body.error(f"'{key}' must be a mapping", key)
    return value


def _text(body: SourceMap, key: str) -> str:
    value = body[key]
    if not isinstance(value, str) or not value.strip():
        raise body.error(f"'{key}' must be non-empty text", key)
    return " ".join(value.split()) if key != "remedy" else value.strip()


def _strings(body: SourceMap, key: str) -> list[str]:
    value = body.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise body.error(f"'{key}' must be a list of non-empty texts", key)
    return [v.strip() for v in value]


def _choice(body: SourceMap, key: str, choices: Any) -> str:
    value = body[key]
    if value not in choices:
        raise body.error(f"'{key}' must be one of {', '.join(choices)}, not {value!r}", key)
    return value


def _plain(value: Any) -> Any:
    """A SourceMap tree turned back into plain dicts (spaCy validates token patterns)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
