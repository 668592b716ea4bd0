"""Report formats for a run, chosen by name (``--format``).

Every format is a module with a ``render`` function of the same signature, registered in
``FORMATS``; the CLI offers exactly these names, so adding a format is one module and one line
here. A format's module is imported only when that format is asked for: a JSON report never
pays for the HTML page's assets and charts, nor for the XML library JUnit uses.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType
from typing import Any, Protocol

from wpslint.findings import RunResult
from wpslint.rules.model import RuleSet


class Renderer(Protocol):
    def __call__(self, result: RunResult, *, rules: RuleSet, color: bool = False) -> str: ...


#: Each format's module, which defines ``render`` (a ``Renderer``), and may define
#: ``render_utf8`` (see there).
FORMATS: dict[str, str] = {
    "text": "wpslint.report.text",
    "json": "wpslint.report.json_report",
    "html": "wpslint.report.html",
    "markdown": "wpslint.report.markdown",
    "sarif": "wpslint.report.sarif",
    "github": "wpslint.report.github",
    "junit": "wpslint.report.junit",
    "csv": "wpslint.report.csv_report",
}


def render(result: RunResult, fmt: str, *, rules: RuleSet, color: bool = False) -> str:
    """The report of ``result`` in format ``fmt`` (a key of ``FORMATS``), without final newline."""
    renderer: Renderer = format_renderer(FORMATS, fmt, "report")
    return renderer(result, rules=rules, color=color)


def render_utf8(result: RunResult, fmt: str, *, rules: RuleSet, color: bool = False) -> bytes:
    """``render`` encoded as UTF-8, what a file or stdout gets (a character that cannot be
    encoded is replaced). A format's module may define ``render_utf8`` to write the bytes
    itself: the JSON formats take them from orjson, where decoding a 200-plan report of 16 MB
    and encoding it again took 0.08 s, serially, after the checks."""
    module = format_module(FORMATS, fmt, "report")
    direct = getattr(module, "render_utf8", None)
    if direct is not None:
        return direct(result, rules=rules, color=color)
    return module.render(result, rules=rules, color=color).encode("utf-8", errors="replace")


def format_renderer(formats: Mapping[str, str], fmt: str, kind: str) -> Any:
    """The ``render`` of format ``fmt`` of ``formats`` (see ``format_module``)."""
    return format_module(formats, fmt, kind).render


def format_module(formats: Mapping[str, str], fmt: str, kind: str) -> ModuleType:
    """The module of format ``fmt`` of ``formats`` (each format's module), imported now;
    ``kind`` names the formats in the error for an unknown one ("report", "diff")."""
    try:
        module = formats[fmt]
    except KeyError:
        known = ", ".join(formats)
        raise ValueError(f"unknown {kind} format {fmt!r} (expected one of {known})") from None
    return importlib.import_module(module)
