"""The default report: linter-style lines an editor can jump to and a drafter can read.

Each finding is one ``path:page:line: ID severity message`` line, so terminals and editors
link it to the passage, followed (for weak and flagged checks) by a short quote of that
passage. A coverage summary per checklist section and per holistic security category tells
a reader how much of the checklist a draft already covers, which a list of gaps alone hides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import click

from wpslint.findings import (
    REPORTED,
    CheckResult,
    DocumentReport,
    Evidence,
    Kind,
    RunResult,
    Severity,
    Status,
    Summary,
)
from wpslint.nlp.language import LANGUAGE_NAMES
from wpslint.rules.model import SECURITY_CATEGORIES, RuleSet
from wpslint.terminal import one_line

#: Characters of evidence quoted under a finding; enough to recognise the passage.
EXCERPT_LENGTH = 80

HINT = "Run 'wpslint explain ID' for why a check matters and a clause to adapt."

DOC_TYPE_NAMES = {
    "nap": "national action plan",
    "bill": "bill or act",
    "protocol": "protocol",
    "guideline": "guidelines",
}
DOC_TYPE_SOURCES = {
    "detected": "detected from the text (use --type to change it)",
    "option": "set with --type",
    "config": "set in the configuration",
}
SEVERITY_STYLES = {
    Severity.ERROR: {"fg": "red", "bold": True},
    Severity.WARNING: {"fg": "yellow", "bold": True},
    Severity.INFO: {"fg": "cyan"},
}
SEVERITY_PLURALS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}

Paint = Callable[..., str]


def render(result: RunResult, *, rules: RuleSet, color: bool = False) -> str:
    """The whole report: each document, then unreadable files, then the run total."""
    paint = _painter(color)
    blocks = [_document(document, rules, paint) for document in result.documents]
    if result.errors:
        red = paint("error", fg="red", bold=True)
        blocks.append(
            "\n".join(f"{one_line(f.path)}: {red}: {one_line(f.message)}" for f in result.errors)
        )
    closing = [_total(result)]
    if any(document.findings for document in result.documents):
        closing.append(HINT)
    blocks.append("\n".join(closing))
    return "\n\n".join(blocks)


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary near ``length``, in double quotes, with
    any control character shown as U+FFFD."""
    flat = one_line(" ".join(text.split()))
    if len(flat) > length:
        flat = flat[:length].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f'"{flat}"'


def _painter(color: bool) -> Paint:
    """``click.style`` when colour is wanted, otherwise a function returning text unchanged."""
    if color:
        return click.style
    return lambda text, **_: text


def _document(document: DocumentReport, rules: RuleSet, paint: Paint) -> str:
    # Paths and warnings name files, whose names may hold control characters too.
    lines = [paint(one_line(document.path), bold=True), *_details(document, paint), ""]
    findings = sorted(document.findings, key=_sort_key)
    for check in findings:
        lines.extend(_finding(one_line(document.path), check, paint))
    if not document.checked:
        why = "see the warning above" if document.warnings else "no selected check applies to it"
        lines.append(f"  Not checked: {why}.")
    elif not findings:
        lines.append("  No missing, weak or harmful provisions found.")
    lines.append("")
    lines.extend(_coverage(document.checks, rules, paint))
    return "\n".join(lines)


def _details(document: DocumentReport, paint: Paint) -> list[str]:
    """Type (and how it was decided), language, pages and pipeline: what the results rest on;
    then the document's warnings (text not in English, pages without text), which say what
    the results do not cover."""
    kind = DOC_TYPE_NAMES.get(document.doc_type, document.doc_type)
    source = DOC_TYPE_SOURCES.get(document.doc_type_source, document.doc_type_source)
    language = LANGUAGE_NAMES.get(document.language, document.language)
    facts = [f"Language: {language}"]
    if document.pages is not None:
        facts.append(f"Pages: {document.pages}")
    facts.append(f"Pipeline: {document.pipeline}")
    lines = [f"  Type: {document.doc_type} ({kind}), {source}", f"  {' · '.join(facts)}"]
    if document.members:
        members = one_line(", ".join(document.members))
        lines.append(f"  Document set of {len(document.members)}: {members}")
    warning = paint("Warning", fg="yellow", bold=True)
    lines.extend(f"  {warning}: {one_line(text)}" for text in document.warnings)
    return lines


def _where(check: CheckResult) -> Evidence | None:
    """The passage a finding points to: where a missing protection belongs, else the evidence."""
    if check.status is Status.MISSING or not check.evidence:
        return check.anchor
    return check.evidence[0]


def _sort_key(check: CheckResult) -> tuple[int, int, str]:
    where = _where(check)
    if where is None:
        return (0, 0, check.rule.id)
    return (where.page or 0, where.line, check.rule.id)


def _location(path: str, where: Evidence | None) -> str:
    if where is None:
        return path
    path = one_line(where.path) if where.path else path  # a member file of a document set
    if where.page is None:
        return f"{path}:{where.line}"
    return f"{path}:{where.page}:{where.line}"


def _finding(path: str, check: CheckResult, paint: Paint) -> list[str]:
    rule_id = paint(check.rule.id, bold=True)
    severity = paint(check.severity.value, **SEVERITY_STYLES[check.severity])
    lines = [f"{_location(path, _where(check))}: {rule_id} {severity} {check.message}"]
    if check.status is not Status.MISSING and check.evidence:
        label = "only hedged wording: " if check.status is Status.WEAK else ""
        more = len(check.evidence) - 1
        tail = f" (and {_plural(more, 'more passage')})" if more else ""
        lines.append(f"    {label}{excerpt(check.evidence[0].text)}{tail}")
    if check.waived is not None:
        lines.append(f"    waived: {check.waived}")
    return lines


def _coverage(checks: list[CheckResult], rules: RuleSet, paint: Paint) -> list[str]:
    """Counts per checklist section and per security category, skipping groups that don't apply."""
    overall = _counts(checks)
    lines = [f"  {paint('Coverage', bold=True)}: {overall}"] if overall else []

    section_lines: list[str] = []
    sections = list(rules.sections) + sorted({c.rule.section for c in checks} - set(rules.sections))
    for section in sections:
        counts = _counts([c for c in checks if c.rule.section == section])
        if counts:
            title = rules.sections.get(section, "")
            section_lines.extend([f"    {section}  {title}".rstrip(), f"         {counts}"])
    if section_lines:
        lines.append(f"  {paint('By checklist section', bold=True)}:")
        lines.extend(section_lines)

    width = max(len(category) for category in SECURITY_CATEGORIES)
    category_lines = []
    for category in SECURITY_CATEGORIES:
        counts = _counts([c for c in checks if category in c.rule.security])
        if counts:
            category_lines.append(f"    {category:<{width}}  {counts}")
    if category_lines:
        heading = paint("By security category", bold=True)
        lines.append(f"  {heading} (a protection counts toward every category it serves):")
        lines.extend(category_lines)
    return lines


def _counts(checks: Iterable[CheckResult]) -> str | None:
    """E.g. "7/12 present or weak (58%): 5 present, 2 weak, 5 missing; 1 flagged".

    None when nothing in the group applies to the document, so the summary stays short.
    """
    checks = list(checks)
    summary = Summary.of(checks)
    parts = []
    if summary.applicable:
        covered = summary.present + summary.weak
        parts.append(
            f"{covered}/{summary.applicable} present or weak ({summary.coverage:.0%}): "
            f"{summary.present} present, {summary.weak} weak, {summary.missing} missing"
        )
    others = [c for c in checks if c.rule.kind is not Kind.REQUIREMENT]
    if any(c.status is not Status.NOT_APPLICABLE for c in others):
        parts.append(f"{summary.flagged} flagged")
    return "; ".join(parts) or None


def _total(result: RunResult) -> str:
    """E.g. "3 documents checked: 41 findings (12 errors, 29 warnings); 1 document could not
    be read"."""
    findings = [check for document in result.documents for check in document.findings]
    if result.documents:
        text = f"{_plural(len(result.documents), 'document')} checked: "
        if findings:
            by_severity = [
                f"{count} {SEVERITY_PLURALS[severity] if count > 1 else severity.value}"
                for severity in Severity
                if (count := sum(check.severity is severity for check in findings))
            ]
            text += f"{_plural(len(findings), 'finding')} ({', '.join(by_severity)})"
        else:
            text += "no findings"
    else:
        text = "No document checked"
    found = [c for d in result.documents for c in d.checks if c.status in REPORTED]
    if waived := sum(c.waived is not None for c in found):
        text += f"; {waived} waived"
    if hidden := sum(c.hidden and c.waived is None for c in found):
        text += f"; {hidden} below the severity shown"
    if unchecked := sum(not document.checked for document in result.documents):
        text += f"; {unchecked} of them not checked"
    if result.errors:
        text += f"; {_plural(len(result.errors), 'document')} could not be read"
    return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
