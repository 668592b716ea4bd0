"""The diff as JSON, for tools: both drafts' summaries and every check that changed.

Evidence items have the fields of the check report's evidence (docs/report-contract.md).
"""

from __future__ import annotations

from wpslint import __version__
from wpslint.diff import DocumentDiff
from wpslint.report.jsontext import indented
from wpslint.rules.model import RuleSet


def render(diff: DocumentDiff, *, rules: RuleSet, color: bool = False) -> str:
    """``diff`` as indented JSON with the tool's identity; ``color`` is unused."""
    data = {
        "tool": {"name": "wpslint", "version": __version__, "rules_sha256": rules.sha256},
        **diff.to_dict(),
    }
    return indented(data)
