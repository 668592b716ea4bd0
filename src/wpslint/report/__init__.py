"""Report formats for a run, chosen by name (``--format``).

Every format is a function with the same signature, registered in ``FORMATS``; the CLI
offers exactly these names, so adding a format is one module and one line here.
"""

from __future__ import annotations

from typing import Protocol

from wpslint.findings import RunResult
from wpslint.report import csv_report, github, html, json_report, junit, markdown, sarif, text
from wpslint.rules.model import RuleSet


class Renderer(Protocol):
    def __call__(self, result: RunResult, *, rules: RuleSet, color: bool = False) -> str: ...


FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
    "html": html.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "csv": csv_report.render,
}


def render(result: RunResult, fmt: str, *, rules: RuleSet, color: bool = False) -> str:
    """The report of ``result`` in format ``fmt`` (a key of ``FORMATS``), without final newline."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown report format {fmt!r} (expected one of {known})") from None
    return renderer(result, rules=rules, color=color)
