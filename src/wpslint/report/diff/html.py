"""The diff as a page: what an amended draft lost, weakened or introduced, then what improved.

Built from the same fragments as the check report (``wpslint.report.html_page``), so it is
just as self-contained, escaped and printable. Each change shows the passages behind it,
from the new draft and, where wording changed or went away, from the old one.
"""

from __future__ import annotations

from pathlib import Path

from wpslint import __version__
from wpslint.diff import REGRESSIONS, Change, CheckChange, DocumentDiff
from wpslint.findings import Evidence, Kind, Summary
from wpslint.report.diff.sections import SECTIONS, severity, tally
from wpslint.report.html_page import (
    card,
    esc,
    facts,
    folded,
    guidance,
    page,
    quotes,
    report_date,
    slug,
    tool_facts,
)
from wpslint.report.svg import Bar, coverage_chart
from wpslint.report.text import DOC_TYPE_NAMES
from wpslint.rules.model import Rule, RuleSet

#: Folded guidance for the regressions (a lost protection shows it open, like a missing one).
FOLDS = {
    Change.WEAKENED: ("Why it matters and a binding clause", "Binding clause"),
    Change.INTRODUCED: ("Why it is harmful and what to write instead", "What to write instead"),
}


def render(diff: DocumentDiff, *, rules: RuleSet, color: bool = False) -> str:
    """The whole diff page; ``color`` is unused (shared signature)."""
    old, new = Path(diff.old.path).name, Path(diff.new.path).name
    by_id = {rule.id: rule for rule in rules.rules}
    sections = []
    for change, heading, meaning in SECTIONS:
        items = diff.of(change)
        cards = "".join(_card(item, by_id.get(item.rule.id)) for item in items)
        body = cards or '<p class="none">None.</p>'
        sections.append(
            f'<section id="{change.value}"><h2>{esc(heading)} <span class="count">'
            f'{len(items)}</span></h2><p class="lead">{esc(meaning)}</p>{body}</section>'
        )
    body = "\n".join(
        [_masthead(diff, rules, old, new), _summary(diff, rules), *sections, _footer(rules)]
    )
    return page(f"wpslint diff: {old} → {new}", body)


def _masthead(diff: DocumentDiff, rules: RuleSet, old: str, new: str) -> str:
    kind = DOC_TYPE_NAMES.get(diff.new.doc_type, diff.new.doc_type)
    items = [
        ("Old draft", esc(diff.old.path)),
        ("New draft", esc(diff.new.path)),
        ("Compared as", f"{esc(diff.new.doc_type)} ({esc(kind)})"),
        *tool_facts(rules.sha256),
    ]
    notes = "".join(f'<p class="warning-note">{esc(note)}</p>' for note in diff.notes)
    counts = diff.counts()
    links = "".join(
        f'<li><a href="#{change.value}">{esc(change.value.capitalize())} '
        f'<span class="count">{counts[change]}</span></a></li>'
        for change, _, _ in SECTIONS
    )
    return (
        '<header class="masthead"><p class="eyebrow">wpslint diff · advisory</p>'
        f"<h1>{esc(old)} → {esc(new)}</h1>{facts(items)}{notes}</header>"
        f'<nav aria-label="Changes"><ul class="toc">{links}</ul></nav>'
    )


def _summary(diff: DocumentDiff, rules: RuleSet) -> str:
    before, after = diff.old.summary, diff.new.summary
    regressions = sum(len(diff.of(change)) for change in REGRESSIONS)
    verdict = (
        f"{regressions} change{'s' if regressions != 1 else ''} to review"
        if regressions
        else "No protection lost or weakened, no harmful provision introduced"
    )
    score = (
        '<div class="card score-card"><div><h5>Coverage, old → new</h5>'
        f'<p class="score compare">{_percent(before)} → {_percent(after)}</p>'
        f"<p>{esc(verdict)}</p></div>"
        f'<p class="tally-line">{esc(tally(diff))}</p></div>'
    )
    chart = coverage_chart(
        _section_bars(diff, rules), title="Coverage by checklist section, old and new draft"
    )
    return (
        '<section id="summary" aria-label="Coverage" class="summary">'
        f'{score}<div class="card"><h3>By checklist section</h3>{chart}</div></section>'
    )


def _section_bars(diff: DocumentDiff, rules: RuleSet) -> list[Bar]:
    """Two bars per checklist section with requirements: the old draft's, then the new's."""
    bars = []
    sections = list(rules.sections) or sorted({c.rule.section for c in diff.new.checks})
    for section in sections:
        for draft, document in (("old", diff.old), ("new", diff.new)):
            checks = [
                c
                for c in document.checks
                if c.rule.section == section and c.rule.kind is Kind.REQUIREMENT
            ]
            if checks:
                summary = Summary.of(checks)
                bars.append(
                    Bar(
                        f"{section} · {draft} draft", summary.present, summary.weak, summary.missing
                    )
                )
    return bars


def _card(item: CheckChange, rule: Rule | None) -> str:
    statuses = f"{item.old_status.value} → {item.new_status.value}"
    tag = f'<span class="badge change">{esc(statuses)}</span>'
    body = ""
    # The message describes the problem, so only regressions have one to show.
    if item.change in REGRESSIONS and item.new is not None:
        body += f'<p class="msg">{esc(item.new.message)}</p>'
    if item.change in (Change.LOST, Change.REMOVED):
        body += _passages("In the old draft", item.evidence, css="evidence was")
    else:
        body += _passages("In the new draft", item.evidence)
        body += _passages("In the old draft", item.previous_evidence, css="evidence was")
    clause_id = f"clause-{slug(item.rule.id)}"
    if item.change is Change.LOST:
        body += guidance(rule, item.rule, clause_id, clause_label="Suggested clause")
    elif item.change in FOLDS:
        summary, label = FOLDS[item.change]
        body += folded(summary, guidance(rule, item.rule, clause_id, clause_label=label))
    return card(item.rule, severity(item).value, slug(item.rule.id), body, tag=tag)


def _passages(label: str, evidence: list[Evidence], *, css: str = "evidence") -> str:
    if not evidence:
        return ""
    return f"<h5>{esc(label)}</h5>{quotes(evidence, css=css, marks=True)}"


def _footer(rules: RuleSet) -> str:
    return (
        f'<footer class="site-foot"><p>Generated by wpslint {esc(__version__)} on '
        f"{esc(report_date())} with rules sha256 <code>{esc(rules.sha256)}</code>. Results are "
        "advisory: they point to passages worth a second look, not to a verdict.</p></footer>"
    )


def _percent(summary: Summary) -> str:
    return f"{summary.coverage:.0%}" if summary.applicable else "n/a"
