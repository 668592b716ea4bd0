"""The rule catalogue (``wpslint rules``): what the active rule set checks, as a table or JSON.

Severity is shown per document type only where it differs from the rule's usual level, so a
reader sees "warning (bill: error)" instead of four repeated words.
"""

from __future__ import annotations

from collections import Counter

from wpslint.findings import DOC_TYPES
from wpslint.report.jsontext import indented
from wpslint.rules.model import Rule, RuleSet

COLUMNS = ("ID", "NAME", "KIND", "APPLIES TO", "SEVERITY")


def render_text(rules: RuleSet) -> str:
    """An aligned table of every rule, then a count and where to read more."""
    rows = [COLUMNS] + [
        (rule.id, rule.name, rule.kind.value, _applies_to(rule), _severity(rule))
        for rule in rules.rules
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.append("")
    lines.append(f"{len(rules.rules)} rules. Run 'wpslint explain ID' for what a rule checks.")
    return "\n".join(lines)


def render_json(rules: RuleSet) -> str:
    """Every rule's descriptive fields (no matching logic), for tools and documentation."""
    data = [
        {
            "id": rule.id,
            "name": rule.name,
            "kind": rule.kind.value,
            "section": rule.section,
            "applies_to": list(rule.applies_to),
            "severity": {t: rule.severity_for(t).value for t in rule.applies_to},
            "security": list(rule.security),
            "sources": list(rule.sources),
            "message": rule.message,
        }
        for rule in rules.rules
    ]
    return indented({"rules_sha256": rules.sha256, "rules": data})


def _applies_to(rule: Rule) -> str:
    if set(rule.applies_to) == set(DOC_TYPES):
        return "all"
    return ", ".join(rule.applies_to)


def _severity(rule: Rule) -> str:
    """The usual severity, with the document types that differ in brackets."""
    levels = {doc_type: rule.severity_for(doc_type).value for doc_type in rule.applies_to}
    usual = Counter(levels.values()).most_common(1)[0][0]
    others = [f"{doc_type}: {level}" for doc_type, level in levels.items() if level != usual]
    return f"{usual} ({', '.join(others)})" if others else usual
