"""The JSON report: exactly the contract in report-contract.md, for CI and research tools.

Keys keep the contract's order (not sorted) so a diff of two runs reads like the contract;
non-ASCII text stays readable (not escaped) because drafts quote names and places.
"""

from __future__ import annotations

from wpslint.findings import RunResult
from wpslint.report.jsontext import indented_utf8
from wpslint.rules.model import RuleSet


def render(result: RunResult, *, rules: RuleSet, color: bool = False) -> str:
    """``result`` as indented JSON; ``rules`` and ``color`` are unused (shared signature)."""
    return render_utf8(result, rules=rules, color=color).decode()


def render_utf8(result: RunResult, *, rules: RuleSet, color: bool = False) -> bytes:
    """``render`` as the UTF-8 bytes written to a file or stdout."""
    return indented_utf8(result.to_dict())
