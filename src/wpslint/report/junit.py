"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure Pipelines).

Each document is a test suite and each check a test case named ``ID name``: a listed
finding is a failure (its type the severity), a check that does not apply, or a finding
waived or below the ``show`` level, is skipped with the reason, and everything else passes.
A document that could not be read is a suite with one errored case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from wpslint.findings import REPORTED, CheckResult, DocumentReport, RunResult, Status
from wpslint.report.locate import position, primary
from wpslint.report.text import excerpt
from wpslint.rules.model import RuleSet


def render(result: RunResult, *, rules: RuleSet, color: bool = False) -> str:
    """``result`` as a ``<testsuites>`` document; ``rules`` and ``color`` are unused."""
    root = ET.Element("testsuites", name="wpslint")
    for document in result.documents:
        root.append(_suite(document))
    for failure in result.errors:
        suite = ET.SubElement(root, "testsuite", name=failure.path, tests="1", errors="1")
        case = ET.SubElement(suite, "testcase", name="read document", classname=failure.path)
        ET.SubElement(case, "error", type=failure.error, message=failure.message)
    _count(root, root.findall("testsuite"))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _NOT_XML.sub("\ufffd", body)


#: Characters XML 1.0 cannot hold even escaped (control characters a PDF's text may carry).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _suite(document: DocumentReport) -> ET.Element:
    suite = ET.Element("testsuite", name=document.path)
    properties = ET.SubElement(suite, "properties")
    for name, value in (("doc_type", document.doc_type), ("language", document.language)):
        ET.SubElement(properties, "property", name=name, value=value)
    for check in document.checks:
        case = ET.SubElement(
            suite, "testcase", name=f"{check.rule.id} {check.rule.name}", classname=document.path
        )
        if check.reported:
            failure = ET.SubElement(
                case, "failure", type=check.severity.value, message=check.message
            )
            failure.text = _details(document, check)
        elif (reason := _skipped(check)) is not None:
            ET.SubElement(case, "skipped", message=reason)
    _count(suite, suite.findall("testcase"))
    return suite


def _skipped(check: CheckResult) -> str | None:
    if check.status is Status.NOT_APPLICABLE:
        return check.message
    if check.waived is not None:
        return f"waived: {check.waived}"
    if check.hidden and check.status in REPORTED:
        return f"{check.severity.value} below the level shown"
    return None


def _details(document: DocumentReport, check: CheckResult) -> str:
    place = position(document, primary(check))
    lines = [f"{check.status.value} at {place.file}" + (f", {place.label}" if place.label else "")]
    if check.evidence and check.status is not Status.MISSING:
        lines.append(excerpt(check.evidence[0].text))
    return "\n".join(lines)


def _count(element: ET.Element, children: list[ET.Element]) -> None:
    """Set tests/failures/errors/skipped on ``element`` from its cases or suites."""
    if element.tag == "testsuites":
        totals = {
            key: sum(int(child.get(key, "0")) for child in children)
            for key in ("tests", "failures", "errors", "skipped")
        }
    else:
        totals = {
            "tests": len(children),
            "failures": sum(c.find("failure") is not None for c in children),
            "errors": sum(c.find("error") is not None for c in children),
            "skipped": sum(c.find("skipped") is not None for c in children),
        }
    for key, value in totals.items():
        element.set(key, str(value))
