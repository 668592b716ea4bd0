"""The diff as a pull-request comment: a table of what changed, regressions first.

Check ids link to the collapsed explanations under the table, as in the check report's
Markdown; the explanations cover the regressions, which are what a reviewer acts on.
"""

from __future__ import annotations

from wpslint import __version__
from wpslint.diff import REGRESSIONS, Change, CheckChange, DocumentDiff
from wpslint.report.diff.sections import SECTIONS, coverage, severity, tally
from wpslint.report.html_page import display_name
from wpslint.report.markdown import (
    check_link,
    escape,
    explanations_block,
    footer,
    hedge_words,
    where,
)
from wpslint.rules.model import RuleSet


def render(diff: DocumentDiff, *, rules: RuleSet, color: bool = False) -> str:
    """Heading, coverage, one table row per changed check, explanations; ``color`` unused."""
    regressions = sum(len(diff.of(change)) for change in REGRESSIONS)
    verdict = (
        f"**{regressions} change{'s' if regressions != 1 else ''} to review**"
        if regressions
        else "**no protection lost or weakened, no harmful provision introduced**"
    )
    lines = [
        f"### wpslint diff: {escape(diff.old.path)} → {escape(diff.new.path)}",
        "",
        f"**{escape(diff.new.doc_type)}** · coverage {coverage(diff, arrow='→')} · {verdict}",
    ]
    lines += ["", *(f"> {escape(note)}" for note in diff.notes)] if diff.notes else []
    rows = [_row(item) for change, _, _ in SECTIONS for item in diff.of(change)]
    if rows:
        lines += [
            "",
            "| Change | Severity | Check | Protection | Old → new | Where |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    lines += ["", f"Changes: {tally(diff)}."]
    blocks = ["\n".join(lines)]
    explained = [item.new or item.old for change in REGRESSIONS for item in diff.of(change)]
    explanations = explanations_block([c for c in explained if c is not None], rules)
    if explanations:
        blocks.append(explanations)
    blocks.append(footer(__version__, rules.sha256))
    return "\n\n".join(blocks)


def _row(item: CheckChange) -> str:
    change = item.change.value
    if item.change in REGRESSIONS:
        change = f"**{change}**"
    statuses = f"{item.old_status.value} → {item.new_status.value}"
    if item.change is Change.WEAKENED and (words := hedge_words(item.evidence)):
        statuses += f": {words}"
    located = item.evidence[0] if item.evidence else None
    draft = " (old)" if located and item.change in (Change.LOST, Change.REMOVED) else ""
    cells = [
        change,
        severity(item).value,
        check_link(item.rule.id),
        escape(display_name(item.rule.name)),
        statuses,
        where(located) + draft,
    ]
    return "| " + " | ".join(cells) + " |"
