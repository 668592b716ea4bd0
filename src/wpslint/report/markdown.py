"""The Markdown report, sized for a pull-request comment on a draft.

Per document: one line of coverage, then one table row per missing, weak or harmful
provision, with the hedging words of a weak one quoted. Each check id links to its
explanation (why it matters, the clause to adapt, as ``wpslint explain`` gives them) in a
collapsed block under the tables, written once per check however many documents need it.
Drafting notes are counted, not listed, to keep the comment short.

Document text is escaped for Markdown and HTML: a comment must not turn a quoted passage
into links, emphasis, table columns or markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from wpslint.findings import CheckResult, DocumentReport, Evidence, Kind, RunResult, Status
from wpslint.report.html_page import display_name
from wpslint.rules.model import Rule, RuleSet

#: Markdown punctuation that could start emphasis, code, links, tables or strike-through.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ORDER = {Status.MISSING: 0, Status.WEAK: 1, Status.FLAGGED: 2}
STATUS_LABELS = {Status.MISSING: "missing", Status.WEAK: "weak", Status.FLAGGED: "harmful"}


def render(result: RunResult, *, rules: RuleSet, color: bool = False) -> str:
    """Every document's table, then the explanations they link to; ``color`` is unused."""
    blocks = [_document(document) for document in result.documents]
    for failure in result.errors:
        blocks.append(f"**Could not be read:** {escape(failure.path)}: {escape(failure.message)}")
    explained = [c for d in result.documents for c in d.checks if _listed(c)]
    explanations = explanations_block(explained, rules)
    if explanations:
        blocks.append(explanations)
    blocks.append(footer(result.version, result.rules_sha256))
    return "\n\n".join(blocks)


def escape(text: str) -> str:
    """``text`` on one line, shown literally by Markdown renderers (GitHub's included)."""
    flat = " ".join(text.split())
    return _SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def anchor(rule_id: str) -> str:
    """The id of a check's explanation, e.g. 'wpslint-leg15'."""
    return "wpslint-" + re.sub(r"[^a-z0-9]+", "-", rule_id.lower()).strip("-")


def check_link(rule_id: str) -> str:
    return f"[{escape(rule_id)}](#{anchor(rule_id)})"


def where(evidence: Evidence | None) -> str:
    """'p. 3, l. 12', 'l. 12', or '-' for no place in particular (the whole document)."""
    if evidence is None or (not evidence.text and evidence.start == evidence.end == 0):
        return "-"
    line = f"l. {evidence.line}"
    return f"p. {evidence.page}, {line}" if evidence.page is not None else line


def hedge_words(evidence: Iterable[Evidence]) -> str:
    """The distinct hedging words of some passages, quoted: '"may", "where possible"'."""
    words: list[str] = []
    for item in evidence:
        for start, end in item.hedges:
            word = " ".join(item.text[start:end].split()).lower()
            if word and word not in words:
                words.append(word)
    return ", ".join(f'"{escape(word)}"' for word in words)


def explanations_block(checks: Iterable[CheckResult], rules: RuleSet) -> str:
    """A collapsed block explaining each check once: why it matters and a clause to adapt."""
    by_id = {rule.id: rule for rule in rules.rules}
    seen: dict[str, Rule] = {}
    for check in checks:
        rule = by_id.get(check.rule.id)
        if rule is not None and rule.id not in seen:
            seen[rule.id] = rule
    if not seen:
        return ""
    entries = [_explanation(rule) for rule in sorted(seen.values(), key=lambda r: r.id)]
    summary = "Why these checks matter, and clauses to adapt (from <code>wpslint explain</code>)"
    return f"<details><summary>{summary}</summary>\n\n" + "\n\n".join(entries) + "\n\n</details>"


def footer(version: str, rules_sha256: str) -> str:
    return (
        f"<sub>wpslint {escape(version)} · rules {escape(rules_sha256[:12])} · results are "
        "advisory: passages worth a second look, not a verdict.</sub>"
    )


def _document(document: DocumentReport) -> str:
    summary = document.summary
    findings = sorted((c for c in document.checks if _listed(c)), key=_sort_key)
    notes = sum(c.rule.kind is Kind.QUALITY and c.status is Status.FLAGGED for c in document.checks)
    coverage = (
        f"coverage **{summary.coverage:.0%}** ({summary.present + summary.weak}/"
        f"{summary.applicable} present or weak: {summary.present} present, {summary.weak} weak, "
        f"{summary.missing} missing)"
        if summary.applicable
        else "no protection applies"
    )
    facts = [f"**{escape(document.doc_type)}** ({escape(document.doc_type_source)})", coverage]
    if notes:
        facts.append(f"{notes} drafting note{'s' if notes != 1 else ''} (see the full report)")
    lines = [f"### wpslint: {escape(document.path)}", "", " · ".join(facts), ""]
    lines += [f"> **Warning:** {escape(text)}" for text in document.warnings]
    if document.warnings:
        lines.append("")
    if not document.checked:
        lines.append("Not checked." if document.warnings else "No selected check applies.")
        return "\n".join(lines)
    if not findings:
        lines.append("No missing, weak or harmful provisions found.")
        return "\n".join(lines)
    lines += ["| Severity | Check | Protection | Status | Where |", "|---|---|---|---|---|"]
    lines += [_row(check) for check in findings]
    return "\n".join(lines)


def _row(check: CheckResult) -> str:
    status = STATUS_LABELS[check.status]
    if check.status is Status.WEAK and (words := hedge_words(check.evidence)):
        status += f": {words}"
    located = check.anchor if check.status is Status.MISSING else _first(check.evidence)
    cells = [
        check.severity.value,
        check_link(check.rule.id),
        escape(display_name(check.rule.name)),
        status,
        where(located),
    ]
    return "| " + " | ".join(cells) + " |"


def _explanation(rule: Rule) -> str:
    rationale = " ".join(escape(line) for line in rule.rationale.strip().splitlines())
    clause = "\n".join(f"> {escape(line)}" for line in rule.remedy.strip().splitlines())
    return (
        f'#### <a id="{anchor(rule.id)}"></a>{escape(rule.id)} {escape(rule.name)}\n\n'
        f"**Why it matters.** {rationale}\n\n**Clause to adapt.**\n\n{clause}\n\n"
        f"Full explanation: `wpslint explain {rule.id}`"
    )


def _listed(check: CheckResult) -> bool:
    """Reported missing and weak requirements and harmful provisions (not drafting notes)."""
    if not check.reported:
        return False
    if check.status is Status.FLAGGED:
        return check.rule.kind is Kind.ANTIPATTERN
    return check.status in (Status.MISSING, Status.WEAK)


def _sort_key(check: CheckResult) -> tuple[int, int, str]:
    return (_ORDER[check.status], -check.severity.rank, check.rule.id)


def _first(evidence: list[Evidence]) -> Evidence | None:
    return evidence[0] if evidence else None
