"""Formats of ``wpslint diff``: the changes between two drafts, chosen by name (``--format``).

The same registry pattern as ``wpslint.report.FORMATS``: every format is a module whose
``render`` takes the ``DocumentDiff`` and the rule set (for why a check matters and its
clause), imported only when that format is asked for, so that registering the ``diff``
command does not slow down every other command.
"""

from __future__ import annotations

from typing import Protocol

from wpslint.diff import DocumentDiff
from wpslint.report import format_renderer
from wpslint.rules.model import RuleSet


class DiffRenderer(Protocol):
    def __call__(self, diff: DocumentDiff, *, rules: RuleSet, color: bool = False) -> str: ...


#: Each format's module, which defines ``render`` (a ``DiffRenderer``).
DIFF_FORMATS: dict[str, str] = {
    "text": "wpslint.report.diff.text",
    "json": "wpslint.report.diff.json_report",
    "markdown": "wpslint.report.diff.markdown",
    "html": "wpslint.report.diff.html",
}


def render_diff(diff: DocumentDiff, fmt: str, *, rules: RuleSet, color: bool = False) -> str:
    """The diff in format ``fmt`` (a key of ``DIFF_FORMATS``), without final newline."""
    renderer: DiffRenderer = format_renderer(DIFF_FORMATS, fmt, "diff")
    return renderer(diff, rules=rules, color=color)
