"""Formats of ``wpslint diff``: the changes between two drafts, chosen by name (``--format``).

The same registry pattern as ``wpslint.report.FORMATS``: every renderer takes the
``DocumentDiff`` and the rule set (for why a check matters and its clause).
"""

from __future__ import annotations

from typing import Protocol

from wpslint.diff import DocumentDiff
from wpslint.report.diff import html, json_report, markdown, text
from wpslint.rules.model import RuleSet


class DiffRenderer(Protocol):
    def __call__(self, diff: DocumentDiff, *, rules: RuleSet, color: bool = False) -> str: ...


DIFF_FORMATS: dict[str, DiffRenderer] = {
    "text": text.render,
    "json": json_report.render,
    "markdown": markdown.render,
    "html": html.render,
}


def render_diff(diff: DocumentDiff, fmt: str, *, rules: RuleSet, color: bool = False) -> str:
    """The diff in format ``fmt`` (a key of ``DIFF_FORMATS``), without final newline."""
    try:
        renderer = DIFF_FORMATS[fmt]
    except KeyError:
        known = ", ".join(DIFF_FORMATS)
        raise ValueError(f"unknown diff format {fmt!r} (expected one of {known})") from None
    return renderer(diff, rules=rules, color=color)
