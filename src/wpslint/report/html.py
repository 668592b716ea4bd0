"""The HTML report: one self-contained page per document that staff can open, share and print.

The page leads with what needs action: missing protections (grouped by checklist section,
each with why it matters, its guidance and a clause to copy), then weakly worded ones with
the hedge highlighted in the quoted passage, then harmful provisions and drafting notes;
protections already present come last, collapsed. A run over several documents adds an index
with one row per document; ``pages`` writes it beside one page per document.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wpslint.findings import CheckResult, DocumentReport, Kind, RunResult, Status, Summary
from wpslint.report.html_page import (
    card,
    display_name,
    esc,
    facts,
    folded,
    guidance,
    location,
    page,
    quotes,
    report_date,
    short_title,
    slug,
    tool_facts,
)
from wpslint.report.svg import Bar, coverage_chart, meter
from wpslint.report.text import DOC_TYPE_NAMES, LANGUAGE_NAMES
from wpslint.rules.model import SECURITY_CATEGORIES, Rule, RuleSet

TYPE_SOURCES = {
    "detected": "detected from the text",
    "option": "set with --type",
    "config": "set in the configuration",
}
ADVISORY = (
    "Results are advisory: they point to passages worth a second look, not to a verdict on "
    "the document."
)


def render(result: RunResult, *, rules: RuleSet, color: bool = False) -> str:
    """One page: a document's report, or for several documents an index and every report.

    ``color`` is unused (shared signature). With several documents the index links to the
    reports further down the page; ``pages`` writes them as separate files instead.
    """
    report = _Report(result, rules)
    if _single(result):
        return page(report.title(result.documents[0]), report.document(result.documents[0]))
    hrefs = [f"#doc-{number}" for number in range(1, len(result.documents) + 1)]
    articles = "".join(
        f'<article class="document" id="doc-{number}">{report.document(document, f"d{number}-")}'
        "</article>"
        for number, document in enumerate(result.documents, start=1)
    )
    return page(report.index_title(), report.index(hrefs) + articles + report.footer())


def pages(result: RunResult, *, rules: RuleSet, index: Path) -> dict[Path, str]:
    """The files of the report, by path: ``index`` alone for one document, otherwise
    ``index`` as an index page and ``<index stem>-<n>-<document name>.html`` beside it
    for each document (numbered, so two drafts with one name never collide)."""
    report = _Report(result, rules)
    if _single(result):
        return {index: render(result, rules=rules)}
    paths = [
        index.with_name(f"{index.stem}-{number}-{slug(Path(document.path).stem)}.html")
        for number, document in enumerate(result.documents, start=1)
    ]
    listing = report.index([path.name for path in paths]) + report.footer()
    files = {index: page(report.index_title(), listing)}
    back = f'<p class="no-print"><a href="{esc(index.name)}">← All documents</a></p>'
    for path, document in zip(paths, result.documents, strict=True):
        files[path] = page(report.title(document), back + report.document(document))
    return files


def _single(result: RunResult) -> bool:
    return len(result.documents) == 1 and not result.errors


class _Report:
    """Builds the parts of the pages of one run (the rules are looked up once)."""

    def __init__(self, result: RunResult, rules: RuleSet) -> None:
        self.result = result
        self.rules = rules
        self.by_id: dict[str, Rule] = {rule.id: rule for rule in rules.rules}

    # -- pages ----------------------------------------------------------------------------

    def title(self, document: DocumentReport) -> str:
        return f"wpslint report: {Path(document.path).name}"

    def index_title(self) -> str:
        return f"wpslint report: {len(self.result.documents)} documents"

    def document(self, document: DocumentReport, prefix: str = "") -> str:
        """Everything about one document; ``prefix`` keeps ids unique on a combined page.

        The lists hold the findings the run reports (not those hidden by a waiver or a
        ``show`` level) and the protections present; the coverage counts every check.
        """
        checks = [c for c in document.checks if c.reported or c.status is Status.PRESENT]
        parts = [
            self._masthead(document, checks, prefix),
            self._summary(document, prefix),
            self._missing(checks, prefix),
            self._weak(checks, prefix),
            self._flagged(checks, prefix, Kind.ANTIPATTERN),
            self._flagged(checks, prefix, Kind.QUALITY),
            self._present(checks, prefix),
        ]
        if not prefix:
            parts.append(self.footer())
        return "\n".join(parts)

    def index(self, hrefs: list[str]) -> str:
        """A row per document with its coverage, linking to its report; then unreadable files."""
        rows = []
        for href, document in zip(hrefs, self.result.documents, strict=True):
            summary = document.summary
            harmful = sum(
                c.rule.kind is Kind.ANTIPATTERN and c.status is Status.FLAGGED
                for c in document.checks
            )
            rows.append(
                f'<tr><td><a href="{esc(href)}">{esc(document.path)}</a></td>'
                f"<td>{esc(document.doc_type)}</td>"
                f"<td>{meter(summary.present, summary.weak, summary.missing)}"
                f"{_percent(summary)}</td>"
                f'<td class="num">{summary.missing}</td><td class="num">{summary.weak}</td>'
                f'<td class="num">{harmful}</td></tr>'
            )
        count = len(self.result.documents)
        table = (
            '<table class="index"><thead><tr><th>Document</th><th>Type</th><th>Coverage</th>'
            '<th class="num">Missing</th><th class="num">Weak</th><th class="num">Harmful</th>'
            "</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            if rows
            else '<p class="none">No document could be checked.</p>'
        )
        head = (
            '<header class="masthead"><p class="eyebrow">wpslint report · advisory</p>'
            f"<h1>{count} document{'s' if count != 1 else ''} checked</h1>"
            f"{facts(tool_facts(self.result.rules_sha256))}"
            f'<p class="advisory">{esc(ADVISORY)}</p></header>'
        )
        body = [head, '<h2 id="documents">Documents</h2>', table]
        if self.result.errors:
            items = "".join(
                f"<li><strong>{esc(f.path)}</strong>: {esc(f.message)}</li>"
                for f in self.result.errors
            )
            body.append('<h2 id="unreadable">Could not be read</h2>')
            body.append(f'<ul class="errors">{items}</ul>')
        return "\n".join(body)

    def footer(self) -> str:
        return (
            '<footer class="site-foot"><p>Generated by wpslint '
            f"{esc(self.result.version)} on {esc(report_date())} with rules sha256 "
            f"<code>{esc(self.result.rules_sha256)}</code>.</p></footer>"
        )

    # -- top ------------------------------------------------------------------------------

    def _masthead(self, document: DocumentReport, checks: list[CheckResult], prefix: str) -> str:
        kind = DOC_TYPE_NAMES.get(document.doc_type, document.doc_type)
        source = TYPE_SOURCES.get(document.doc_type_source, document.doc_type_source)
        language = LANGUAGE_NAMES.get(document.language, document.language)
        items = [
            ("Document", esc(document.path)),
            ("Type", f"{esc(document.doc_type)} ({esc(kind)})<br><small>{esc(source)}</small>"),
            ("Language", esc(language)),
        ]
        if document.pages is not None:
            items.append(("Pages", esc(document.pages)))
        items += tool_facts(self.result.rules_sha256)
        warning = "".join(
            f'<p class="warning-note">Warning: {esc(text)}</p>' for text in document.warnings
        )
        counts = self._counts(checks)
        links = "".join(
            f'<li><a href="#{prefix}{key}">{esc(label)} <span class="count">{counts[key]}</span>'
            "</a></li>"
            for key, label in _SECTIONS
        )
        return (
            '<header class="masthead"><p class="eyebrow">wpslint report · advisory</p>'
            f"<h1>{esc(Path(document.path).name)}</h1>{facts(items)}{warning}"
            f'<p class="advisory">{esc(ADVISORY)}</p></header>'
            f'<nav aria-label="Sections"><ul class="toc">{links}</ul></nav>'
        )

    def _summary(self, document: DocumentReport, prefix: str) -> str:
        summary = document.summary
        counts = self._counts(document.checks)
        not_applicable = sum(c.status is Status.NOT_APPLICABLE for c in document.checks)
        tally = [
            ("Present", summary.present),
            ("Weak (hedged)", summary.weak),
            ("Missing", summary.missing),
            ("Harmful provisions", counts["harmful"]),
            ("Drafting notes", counts["drafting"]),
            ("Checks not applicable", not_applicable),
        ]
        items = "".join(f"<li><span>{label}</span><strong>{n}</strong></li>" for label, n in tally)
        covered = summary.present + summary.weak
        score = (
            '<div class="card score-card"><div><h5>Coverage</h5>'
            f'<p class="score">{_percent(summary)}</p>'
            f"<p>{covered} of {summary.applicable} applicable protections present or weak</p>"
            f'</div><ul class="tally">{items}</ul></div>'
        )
        charts = (
            '<div class="card charts">'
            f"<div><h3>By checklist section</h3>{self._section_chart(document.checks)}</div>"
            f"<div><h3>By security category</h3>{_category_chart(document.checks)}</div></div>"
        )
        return (
            f'<section id="{prefix}summary" aria-label="Coverage" class="summary">'
            f"{score}{charts}</section>"
        )

    def _section_chart(self, checks: list[CheckResult]) -> str:
        requirements = [c for c in checks if c.rule.kind is Kind.REQUIREMENT]
        bars = [
            _bar(f"{section} · {short_title(self.rules.sections.get(section, ''))}", group)
            for section, group in self._by_section(requirements)
        ]
        return coverage_chart(bars, title="Coverage by checklist section")

    # -- sections -------------------------------------------------------------------------

    def _missing(self, checks: list[CheckResult], prefix: str) -> str:
        missing = [c for c in checks if c.status is Status.MISSING]
        groups = []
        for section, group in self._by_section(missing):
            title = self.rules.sections.get(section, "")
            cards = "".join(self._missing_card(c, prefix) for c in sorted(group, key=_severity))
            groups.append(
                f'<section class="group"><h3>{esc(section)} · {esc(short_title(title))}</h3>'
                f"{cards}</section>"
            )
        return _section(
            prefix + "missing",
            "Missing protections",
            len(missing),
            "Protections the checklist asks for that no passage of the document provides, "
            "grouped by checklist section, each with why it matters and a clause to adapt.",
            "".join(groups),
            "No protection is missing.",
        )

    def _missing_card(self, check: CheckResult, prefix: str) -> str:
        anchor = check.anchor
        if anchor is not None and anchor.text.strip():
            heading = esc(" ".join(anchor.text.split()))
            where = f"Would belong under “{heading}” ({location(anchor, section=False)})"
        else:
            where = "No section of the document is on this topic yet."
        return self._card(
            check,
            prefix,
            f'<p class="where">{where}</p>'
            + self._guidance(check, prefix, clause_label="Suggested clause"),
        )

    def _weak(self, checks: list[CheckResult], prefix: str) -> str:
        weak = sorted((c for c in checks if c.status is Status.WEAK), key=_severity)
        cards = "".join(
            self._card(
                c,
                prefix,
                quotes(c.evidence, marks=True)
                + self._more(c, prefix, "Why it matters and a binding clause", "Binding clause"),
            )
            for c in weak
        )
        return _section(
            prefix + "weak",
            "Weakly worded protections",
            len(weak),
            "Protections found only in hedged wording (should, may, where possible, subject to "
            "resources). The hedging words are highlighted.",
            cards,
            "No protection is only weakly worded.",
        )

    def _flagged(self, checks: list[CheckResult], prefix: str, kind: Kind) -> str:
        flagged = [c for c in checks if c.rule.kind is kind and c.status is Status.FLAGGED]
        harmful = kind is Kind.ANTIPATTERN
        cards = []
        for check in flagged:
            if check.evidence:
                body = quotes(check.evidence, marks=not harmful)
            else:
                body = '<p class="where">Concerns the document as a whole.</p>'
            summary = (
                "Why it is harmful and what to write instead"
                if harmful
                else "Why it matters and how to fix it"
            )
            body += self._more(check, prefix, summary, "What to write instead")
            cards.append(self._card(check, prefix, body))
        if harmful:
            return _section(
                prefix + "harmful",
                "Harmful provisions",
                len(flagged),
                "Provisions that ICAN's guidance warns against, where they occur.",
                "".join(cards),
                "No harmful provision found.",
            )
        return _section(
            prefix + "drafting",
            "Drafting notes",
            len(flagged),
            "Drafting that makes commitments hard to enforce: hedges, no time frame, no amounts, "
            "no one responsible.",
            "".join(cards),
            "No drafting note.",
        )

    def _present(self, checks: list[CheckResult], prefix: str) -> str:
        present = [c for c in checks if c.status is Status.PRESENT]
        items = []
        for section, group in self._by_section(present):
            title = short_title(self.rules.sections.get(section, ""))
            items.append(f"<h3>{esc(section)} · {esc(title)}</h3>")
            for check in group:
                count = len(check.evidence)
                items.append(
                    f'<details class="present" id="{prefix}{slug(check.rule.id)}"><summary>'
                    f'<span class="rid">{esc(check.rule.id)}</span>'
                    f"<strong>{esc(display_name(check.rule.name))}</strong>"
                    f'<span class="where">{count} passage{"s" if count != 1 else ""}</span>'
                    f'</summary><div class="body">{quotes(check.evidence)}</div></details>'
                )
        return _section(
            prefix + "present",
            "Present protections",
            len(present),
            "Protections stated in binding wording. Open one to see the passages found.",
            "".join(items),
            "No protection is stated in binding wording.",
        )

    # -- parts ----------------------------------------------------------------------------

    def _card(self, check: CheckResult, prefix: str, body: str) -> str:
        message = f'<p class="msg">{esc(check.message)}</p>'
        element_id = prefix + slug(check.rule.id)
        return card(check.rule, check.severity.value, element_id, message + body)

    def _more(self, check: CheckResult, prefix: str, summary: str, clause_label: str) -> str:
        """The guidance folded away, for findings whose passage is what matters first."""
        return folded(summary, self._guidance(check, prefix, clause_label=clause_label))

    def _guidance(self, check: CheckResult, prefix: str, *, clause_label: str) -> str:
        clause_id = f"{prefix}clause-{slug(check.rule.id)}"
        rule = self.by_id.get(check.rule.id)
        return guidance(rule, check.rule, clause_id, clause_label=clause_label)

    def _counts(self, checks: list[CheckResult]) -> dict[str, int]:
        def flagged(kind: Kind) -> int:
            return sum(c.rule.kind is kind and c.status is Status.FLAGGED for c in checks)

        return {
            "missing": sum(c.status is Status.MISSING for c in checks),
            "weak": sum(c.status is Status.WEAK for c in checks),
            "harmful": flagged(Kind.ANTIPATTERN),
            "drafting": flagged(Kind.QUALITY),
            "present": sum(c.status is Status.PRESENT for c in checks),
        }

    def _by_section(self, checks: Iterable[CheckResult]) -> list[tuple[str, list[CheckResult]]]:
        """Checks grouped by checklist section, in the rule set's order of sections."""
        groups: dict[str, list[CheckResult]] = {}
        for check in checks:
            groups.setdefault(check.rule.section, []).append(check)
        order = list(self.rules.sections)
        return sorted(
            groups.items(),
            key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
        )


#: The sections of a document's report, in page order (anchor suffix, navigation label).
_SECTIONS = (
    ("missing", "Missing"),
    ("weak", "Weak"),
    ("harmful", "Harmful"),
    ("drafting", "Drafting"),
    ("present", "Present"),
)


def _section(anchor: str, title: str, count: int, lead: str, body: str, empty: str) -> str:
    content = body or f'<p class="none">{esc(empty)}</p>'
    return (
        f'<section id="{anchor}"><h2>{esc(title)} <span class="count">{count}</span></h2>'
        f'<p class="lead">{esc(lead)}</p>{content}</section>'
    )


def _bar(label: str, checks: list[CheckResult]) -> Bar:
    summary = Summary.of(checks)
    return Bar(label, summary.present, summary.weak, summary.missing)


def _category_chart(checks: list[CheckResult]) -> str:
    requirements = [c for c in checks if c.rule.kind is Kind.REQUIREMENT]
    bars = [
        _bar(category, [c for c in requirements if category in c.rule.security])
        for category in SECURITY_CATEGORIES
    ]
    return coverage_chart(bars, title="Coverage by holistic security category")


def _percent(summary: Summary) -> str:
    if not summary.applicable:
        return "n/a"
    return f"{summary.coverage:.0%}"


def _severity(check: CheckResult) -> tuple[int, str]:
    """Most severe first, then by id."""
    return (-check.severity.rank, check.rule.id)
