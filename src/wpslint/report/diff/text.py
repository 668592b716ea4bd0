"""The diff for a terminal: each change on one line, with the passage that shows it."""

from __future__ import annotations

from collections.abc import Callable

import click

from wpslint.diff import Change, CheckChange, DocumentDiff
from wpslint.findings import Evidence
from wpslint.report.diff.sections import SECTIONS, coverage, severity, tally
from wpslint.report.text import DOC_TYPE_NAMES, SEVERITY_STYLES, excerpt
from wpslint.rules.model import RuleSet

#: Colours of the headings: regressions red, improvements green.
HEADING_COLORS = {
    Change.LOST: "red",
    Change.WEAKENED: "red",
    Change.INTRODUCED: "red",
    Change.GAINED: "green",
    Change.STRENGTHENED: "green",
    Change.REMOVED: "green",
}


def render(diff: DocumentDiff, *, rules: RuleSet, color: bool = False) -> str:
    """Header, one block per kind of change that occurred, and the counts of all of them."""
    paint: Callable[..., str] = click.style if color else (lambda text, **_: text)
    kind = DOC_TYPE_NAMES.get(diff.new.doc_type, diff.new.doc_type)
    lines = [
        paint(f"{diff.old.path} -> {diff.new.path}", bold=True),
        f"  Compared as: {diff.new.doc_type} ({kind})",
        f"  Coverage: {coverage(diff)}",
    ]
    lines += [f"  Note: {note}" for note in diff.notes]
    for change, heading, meaning in SECTIONS:
        items = diff.of(change)
        if items:
            title = paint(f"{heading} ({len(items)})", fg=HEADING_COLORS[change], bold=True)
            lines += ["", f"{title}: {meaning}"]
            for item in items:
                lines += _item(item, paint)
    lines += ["", f"Changes: {tally(diff)}."]
    return "\n".join(lines)


def _item(item: CheckChange, paint: Callable[..., str]) -> list[str]:
    level = severity(item)
    head = (
        f"  {paint(item.rule.id, bold=True)} {paint(level.value, **SEVERITY_STYLES[level])} "
        f"{item.rule.name}: {item.old_status.value} -> {item.new_status.value}"
    )
    lines = [head]
    label = "was" if item.change in (Change.LOST, Change.REMOVED) else "now"
    lines += _passage(label, item.evidence, "old" if label == "was" else "new")
    lines += _passage("was", item.previous_evidence, "old")
    return lines


def _passage(label: str, evidence: list[Evidence], draft: str) -> list[str]:
    """The first passage of ``evidence`` and where it is, in the old or the new draft."""
    if not evidence:
        return []
    first = evidence[0]
    where = f"line {first.line}" if first.page is None else f"page {first.page}, line {first.line}"
    more = f", and {len(evidence) - 1} more" if len(evidence) > 1 else ""
    return [f"      {label}: {excerpt(first.text)} ({draft} draft, {where}{more})"]
