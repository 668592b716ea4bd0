"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Every rule of the set is described in ``tool.driver.rules`` (rationale as the full
description, the clause to adapt as help, security categories and sources as properties);
every listed finding is a result with the rule's id and index, a level (error, warning, note),
the finding's message with a quote of its passage, and its fingerprint under
``partialFingerprints["wpslint/v1"]``, the value a waiver names, so dashboards follow a
finding across re-flowed PDFs just as waivers do.

Locations: artifact URIs are relative to the folder wpslint ran in, as the paths given on
the command line are. A text file's finding has a ``region.startLine``. A PDF has no lines
in the file, only lines on a page, and a DOCX has paragraphs: their results carry no region
(a wrong line is worse than none) but name the page and line (``properties.page``,
``properties.line``) or paragraph (``properties.paragraph``) and repeat it in the message.
Waived findings listed with ``--show-waived`` carry a SARIF ``suppressions`` entry.
Documents that could not be read are tool execution notifications with level error.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath
from urllib.parse import quote

from wpslint.findings import CheckResult, DocumentReport, RunResult, Severity, Status
from wpslint.report.jsontext import indented_utf8
from wpslint.report.locate import position, primary
from wpslint.report.text import excerpt
from wpslint.rules.model import Rule, RuleSet
from wpslint.waivers.fingerprint import fingerprint

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "wpslint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: RunResult, *, rules: RuleSet, color: bool = False) -> str:
    """``result`` as a SARIF log with one run; ``color`` is unused (shared signature)."""
    return render_utf8(result, rules=rules, color=color).decode()


def render_utf8(result: RunResult, *, rules: RuleSet, color: bool = False) -> bytes:
    """``render`` as the UTF-8 bytes written to a file or stdout."""
    index = {rule.id: number for number, rule in enumerate(rules.rules)}
    results = [
        _result(document, check, index)
        for document in result.documents
        for check in document.findings
    ]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "wpslint",
                        "version": result.version,
                        "semanticVersion": result.version,
                        "rules": [_rule(rule) for rule in rules.rules],
                        "properties": {"rulesSha256": result.rules_sha256},
                    }
                },
                "invocations": [_invocation(result)],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return indented_utf8(log)


def _rule(rule: Rule) -> dict[str, object]:
    levels = Counter(rule.severity_for(doc_type) for doc_type in rule.applies_to)
    usual = levels.most_common(1)[0][0]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _one_line(rule.message)},
        "fullDescription": {"text": _one_line(rule.rationale)},
        "help": {"text": rule.remedy.strip()},
        "defaultConfiguration": {"level": LEVELS[usual]},
        "properties": {
            "kind": rule.kind.value,
            "section": rule.section,
            "appliesTo": list(rule.applies_to),
            "security": list(rule.security),
            "sources": list(rule.sources),
            "tags": [rule.section, rule.kind.value, *rule.security],
        },
    }


def _result(document: DocumentReport, check: CheckResult, index: dict[str, int]) -> dict:
    place = position(document, primary(check))
    text = _one_line(check.message)
    if place.line is None and place.label:
        text += f" ({place.label})"
    if check.evidence and check.status is not Status.MISSING:
        text += f" Passage: {excerpt(check.evidence[0].text)}"
    physical: dict[str, object] = {"artifactLocation": {"uri": _uri(place.file)}}
    if place.line is not None:
        physical["region"] = {"startLine": place.line}
    location: dict[str, object] = {"physicalLocation": physical}
    if place.properties:
        location["properties"] = place.properties
    sarif: dict[str, object] = {
        "ruleId": check.rule.id,
        "level": LEVELS[check.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(check)},
        "properties": {
            "status": check.status.value,
            "document": document.path,
            "documentType": document.doc_type,
        },
    }
    if check.rule.id in index:
        sarif["ruleIndex"] = index[check.rule.id]
    if check.waived is not None:
        sarif["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": check.waived}
        ]
    return sarif


def _invocation(result: RunResult) -> dict[str, object]:
    return {
        "executionSuccessful": not result.errors,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": failure.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": _uri(failure.path)}}}
                ],
                "properties": {"error": failure.error},
            }
            for failure in result.errors
        ],
    }


def _uri(path: str) -> str:
    """A relative URI for a relative path (as code scanning expects), a file URI otherwise."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/")


def _one_line(text: str) -> str:
    return " ".join(text.split())
