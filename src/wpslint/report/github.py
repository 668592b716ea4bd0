"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per
finding, which GitHub shows as an annotation on the file (and, for a text file changed in a
pull request, on the line) of the passage.

A PDF or DOCX has no file lines to annotate, so its annotations name the file only and say
the page and line (or paragraph) in the message. Values are escaped as the Actions toolkit
does: ``%``, CR and LF everywhere, and ``:`` and ``,`` in properties.
"""

from __future__ import annotations

from wpslint.findings import CheckResult, DocumentReport, RunResult, Severity, Status
from wpslint.report.locate import position, primary
from wpslint.report.text import excerpt
from wpslint.rules.model import RuleSet

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: RunResult, *, rules: RuleSet, color: bool = False) -> str:
    """One workflow command per listed finding and per unreadable document."""
    lines = [
        _annotation(document, check) for document in result.documents for check in document.findings
    ]
    lines += [
        _command("error", {"file": f.path, "title": "wpslint: unreadable document"}, f.message)
        for f in result.errors
    ]
    return "\n".join(lines)


def _annotation(document: DocumentReport, check: CheckResult) -> str:
    place = position(document, primary(check))
    properties: dict[str, object] = {"file": place.file}
    if place.line is not None:
        properties["line"] = place.line
    properties["title"] = f"wpslint {check.rule.id} {check.rule.name}"
    message = " ".join(check.message.split())
    if place.line is None and place.label:
        message += f" ({place.label})"
    if check.evidence and check.status is not Status.MISSING:
        message += f" Passage: {excerpt(check.evidence[0].text)}"
    return _command(COMMANDS[check.severity], properties, message)


def _command(name: str, properties: dict[str, object], message: str) -> str:
    listed = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {listed}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
