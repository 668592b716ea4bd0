"""The page shell and fragments shared by the HTML check report and the HTML diff.

Every string that comes from a document or a rule pack passes through ``esc`` before it
reaches the page: a draft can contain anything, including ``<script>`` or ``onerror=``, and
must render as text. Markup is only ever written here and in the report modules, from
constants. The page allows no request at all (``default-src 'none'``) and only its own
stylesheet and script, by hash.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import os
import re
from collections.abc import Iterable, Sequence

from wpslint import __version__
from wpslint.findings import Evidence, RuleInfo, Strength
from wpslint.report.html_assets import CSS, JS
from wpslint.report.sources import describe_sources
from wpslint.rules.model import Rule

#: Passages quoted per check; long plans can hold dozens for one protection.
MAX_QUOTES = 5
#: Words of rule names that are acronyms, written as such in titles.
ACRONYMS = {"whrd": "WHRD", "whrds": "WHRDs", "nhri": "NHRI", "wps": "WPS", "un": "UN"}


def esc(text: object) -> str:
    """``text`` safe for HTML element content and quoted attribute values."""
    return html.escape(str(text), quote=True)


def page(title: str, body: str) -> str:
    """A complete, self-contained HTML document around ``body`` (already escaped markup)."""
    policy = (
        f"default-src 'none'; style-src '{_digest(CSS)}'; script-src '{_digest(JS)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="wpslint {esc(__version__)}">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<div class="page">\n{body}\n</div>\n<script>{JS}</script>\n</body>\n</html>'
    )


def report_date() -> str:
    """Today's date, or the date of ``SOURCE_DATE_EPOCH`` for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def slug(text: str) -> str:
    """``text`` reduced to characters safe in an id or a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "x"


def facts(items: Iterable[tuple[str, str]]) -> str:
    """A definition list of label/value pairs; the values must already be escaped markup."""
    rows = "".join(f"<div><dt>{esc(label)}</dt><dd>{value}</dd></div>" for label, value in items)
    return f'<dl class="facts">{rows}</dl>'


def tool_facts(rules_sha256: str) -> list[tuple[str, str]]:
    """Date, version and rules hash: what a reader needs to reproduce or compare a report."""
    short = esc(rules_sha256[:12]) if rules_sha256 else "-"
    return [
        ("Report date", esc(report_date())),
        ("wpslint", esc(__version__)),
        ("Rules", f'<code title="sha256 {esc(rules_sha256)}">{short}</code>'),
    ]


def highlight(text: str, hedges: Sequence[tuple[int, int]]) -> str:
    """``text`` escaped, with each hedge span marked; spans out of range are ignored."""
    parts = []
    position = 0
    for start, end in sorted(hedges):
        if start < position or end > len(text) or start >= end:
            continue
        parts.append(esc(text[position:start]))
        parts.append(f'<mark class="hedge">{esc(text[start:end])}</mark>')
        position = end
    parts.append(esc(text[position:]))
    return "".join(parts)


def location(evidence: Evidence, *, section: bool = True) -> str:
    """E.g. 'page 3, line 12 · 4.2 Funding' (escaped); no page for formats without pages."""
    where = f"line {evidence.line}"
    if evidence.page is not None:
        where = f"page {evidence.page}, {where}"
    if section and evidence.section:
        where += f" · {evidence.section}"
    return esc(where)


def quotes(evidence: Sequence[Evidence], *, css: str = "evidence", marks: bool = False) -> str:
    """The first ``MAX_QUOTES`` passages as block quotes with their location.

    With ``marks``, the hedging words of each passage are highlighted; a hedged passage
    without any (a list item) says where its hedge is.
    """
    blocks = []
    for item in evidence[:MAX_QUOTES]:
        text = highlight(item.text, item.hedges) if marks else esc(item.text)
        note = ""
        if marks and not item.hedges and item.strength is Strength.HEDGED:
            note = '<p class="more-note">Hedged by the sentence that introduces this list.</p>'
        blocks.append(
            f'<blockquote class="{css}"><p>{text}</p>'
            f"<footer>{location(item)}</footer>{note}</blockquote>"
        )
    extra = len(evidence) - MAX_QUOTES
    if extra > 0:
        more = "passage" if extra == 1 else "passages"
        blocks.append(f'<p class="more-note">… and {extra} more {more}.</p>')
    return "".join(blocks)


def display_name(name: str) -> str:
    """A rule name as a title: 'whrd-coverage' -> 'WHRD coverage'."""
    title = " ".join(ACRONYMS.get(word, word) for word in re.split(r"[-_]", name))
    return title[:1].upper() + title[1:]


def short_title(title: str) -> str:
    """A section title without its trailing bracket: '... net (ICAN recommendations 1-6)'."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", title)


def card(rule: RuleInfo, severity: str, element_id: str, body: str, *, tag: str = "") -> str:
    """A finding: id, severity, title (and ``tag`` markup, e.g. a change), then ``body``."""
    return (
        f'<article class="finding sev-{esc(severity)}" id="{esc(element_id)}">'
        f'<div class="finding-head"><span class="rid">{esc(rule.id)}</span>'
        f'<span class="badge {esc(severity)}">{esc(severity)}</span>{tag}'
        f"<h4>{esc(display_name(rule.name))}</h4></div>{body}</article>"
    )


def guidance(rule: Rule | None, info: RuleInfo, clause_id: str, *, clause_label: str) -> str:
    """Why a check matters, its sources and a clause to adapt with a copy button.

    ``rule`` is None when the rule set at hand does not hold the check (a report built
    elsewhere); the sources, which travel with the result, are still shown.
    """
    parts = []
    if rule is not None and rule.rationale.strip():
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in _paragraphs(rule.rationale))
        parts.append(f'<div class="why"><h5>Why it matters</h5>{paragraphs}</div>')
    if info.sources:
        lines = "<br>".join(esc(line) for line in describe_sources(info.sources))
        parts.append(f'<p class="sources"><strong>Guidance:</strong> {lines}</p>')
    if rule is not None and rule.remedy.strip():
        target = esc(clause_id)
        parts.append(
            f'<div class="clause"><div class="clause-head"><h5>{esc(clause_label)}</h5>'
            f'<button type="button" class="copy" data-copy="{target}">Copy</button></div>'
            f'<p class="clause-text" id="{target}">{esc(rule.remedy.strip())}</p></div>'
        )
    return "".join(parts)


def folded(summary: str, content: str) -> str:
    """``content`` in a collapsed block (opened for printing); nothing when it is empty."""
    if not content:
        return ""
    return f'<details class="more"><summary>{esc(summary)}</summary>{content}</details>'


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a folded YAML text (one per line) without empty ones."""
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


def _digest(source: str) -> str:
    """The CSP source expression allowing exactly the inline block ``source``."""
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return f"sha256-{digest}"
