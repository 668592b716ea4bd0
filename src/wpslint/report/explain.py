"""``wpslint explain``: one rule as a drafter needs it, from why it matters to a clause to adapt.

"What satisfies it" is derived from the rule's own condition and concepts, so the explanation
can never drift from what the check actually does.
"""

from __future__ import annotations

import textwrap

from wpslint.findings import Kind
from wpslint.report.text import DOC_TYPE_NAMES
from wpslint.rules.model import (
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
    Syntax,
    Where,
)

WIDTH = 88
#: Terms quoted per concept; the full lists live in rules/concepts/.
TERMS_SHOWN = 5

UNITS = {
    "sentence": "Each sentence",
    "block": "Each paragraph, list item or table cell",
    "row": "Each table row (all its cells together), or paragraph outside tables",
    "section": "Each section (everything under one heading)",
    "document": "The whole document",
}
KIND_LABELS = {
    Kind.REQUIREMENT: "requirement (reported when missing, or when only hedged wording covers it)",
    Kind.ANTIPATTERN: "harmful provision (reported wherever it appears)",
    Kind.QUALITY: "drafting quality",
}
OUTCOMES = {
    Kind.REQUIREMENT: (
        "Present when a matching passage is binding (shall, must, will); weak when every "
        "matching passage is hedged (should, may, where possible); missing when none matches."
    ),
    Kind.ANTIPATTERN: "Flagged at every matching passage.",
}
QUALITY_OUTCOMES = {
    "matched": "Flagged at every matching passage.",
    "absent": "Flagged once for the document when no passage matches.",
}


def render(rule: Rule, rules: RuleSet) -> str:
    """The explanation page for ``rule``, plain text wrapped for a terminal."""
    title = rules.sections.get(rule.section, rule.section)
    severity = rule.severity_for(rule.applies_to[0]).value
    levels = {rule.severity_for(doc_type).value for doc_type in rule.applies_to}
    if len(levels) > 1:
        severity = ", ".join(f"{t}: {rule.severity_for(t).value}" for t in rule.applies_to)
    if rule.kind is Kind.REQUIREMENT:
        severity += " (one step lower when only weakly worded)"
    kind = KIND_LABELS[rule.kind]
    if rule.kind is Kind.QUALITY:
        kind += f" ({QUALITY_OUTCOMES[rule.flag].lower().rstrip('.')})"
    facts = [
        ("Kind", kind),
        ("Applies to", ", ".join(DOC_TYPE_NAMES.get(t, t) for t in rule.applies_to)),
        ("Severity", severity),
        ("Security", ", ".join(rule.security) or "-"),
        ("Sources", ", ".join(rule.sources)),
    ]
    lines = [f"{rule.id} {rule.name}", f"  {title}", ""]
    lines += [f"{label + ':':<12}{value}" for label, value in facts]
    lines += ["", "Why it matters", _wrap(rule.rationale)]
    lines += ["", "What wpslint reports", _wrap(rule.message)]
    lines += ["", "What satisfies it", f"  {UNITS[rule.scope]} is checked for:"]
    lines += _condition(rule.match, "    ")
    outcome = QUALITY_OUTCOMES[rule.flag] if rule.kind is Kind.QUALITY else OUTCOMES[rule.kind]
    lines.append(_wrap(outcome))
    lines += ["", "  Concepts (any form of a term matches: 'organisation' also 'organizations'):"]
    for name in sorted(rule.concepts_used()):
        lines.append(_wrap(_concept(rules.concepts[name]), indent="    ", hang="      "))
    lines += ["", "Suggested clause to adapt", _wrap(rule.remedy)]
    return "\n".join(lines)


def _condition(condition: Condition, indent: str) -> list[str]:
    """The condition tree as an indented outline; lists of plain concepts stay on one line."""
    if isinstance(condition, ConceptRef):
        return [f"{indent}{condition.concept}"]
    if isinstance(condition, Syntax):
        return [f"{indent}grammar: {SYNTAX_ANALYSES[condition.analysis]}"]
    if isinstance(condition, Heading):
        return [f"{indent}under a heading that names {', '.join(condition.concepts)}"]
    if isinstance(condition, Not | Where):
        prefix = "not" if isinstance(condition, Not) else "in a passage that also has"
        lines = _condition(condition.condition, indent)
        lines[0] = f"{indent}{prefix} {lines[0].strip()}"
        return lines
    head = _head(condition)
    if all(isinstance(child, ConceptRef) for child in condition.conditions):
        names = ", ".join(child.concept for child in condition.conditions)
        return [f"{indent}{head}: {names}"]
    lines = [f"{indent}{head}:"]
    for child in condition.conditions:
        child_lines = _condition(child, indent + "    ")
        child_lines[0] = f"{indent}  - {child_lines[0].strip()}"
        lines += child_lines
    return lines


def _head(condition: AllOf | AnyOf | Near | AtLeast) -> str:
    if isinstance(condition, AllOf):
        return "all of"
    if isinstance(condition, AnyOf):
        return "any of"
    if isinstance(condition, Near):
        return f"all within {condition.within} words of each other"
    return f"at least {condition.count} of"


def _concept(concept: Concept) -> str:
    """E.g. 'funding: Money set aside. Terms: "budget", "fund", … (24 in all)'."""
    text = f"{concept.name}: {concept.description.strip()}"
    if concept.terms:
        shown = ", ".join(f'"{term}"' for term in concept.terms[:TERMS_SHOWN])
        extra = f", … ({len(concept.terms)} in all)" if len(concept.terms) > TERMS_SHOWN else ""
        text += f" Terms: {shown}{extra}."
    if concept.include:
        text += f" Also counts: {', '.join(concept.include)}."
    if concept.patterns:
        text += f" Plus {len(concept.patterns)} word-shape pattern(s)."
    return text


def _wrap(text: str, indent: str = "  ", hang: str | None = None) -> str:
    """Wrap each line of ``text`` for the terminal, keeping the author's line breaks.

    Folded YAML (``>``) gives one line per paragraph and literal YAML (``|``) keeps a clause's
    numbered sub-clauses on their own lines; wrapping line by line respects both.
    """
    return "\n".join(
        textwrap.fill(
            line,
            width=WIDTH,
            initial_indent=indent,
            subsequent_indent=hang if hang is not None else indent,
        )
        if line.strip()
        else ""
        for line in text.strip().splitlines()
    )
