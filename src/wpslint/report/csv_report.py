"""CSV: one row per document and check, for researchers comparing many plans in a
spreadsheet or a data frame.

Every check of every document is a row, whatever its status, so that counts, coverage and
cross-tabulations can be computed without knowing wpslint's statuses in advance. A row gives
where its first passage is (the member file in a document set) and that passage flattened to
one line. Unreadable documents are not rows: they are reported on stderr and in the exit
status.

Text that comes from the documents, their file names or the waivers file is written with an
apostrophe before it when it starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``),
as OWASP advises against CSV injection: a crafted draft whose passage began
``=HYPERLINK(...)`` would otherwise become a live formula in the spreadsheet of the
researcher who opens the report.
"""

from __future__ import annotations

import csv
import io

from wpslint.findings import CheckResult, DocumentReport, RunResult
from wpslint.report.locate import position, primary
from wpslint.rules.model import RuleSet

COLUMNS = (
    "document",
    "doc_type",
    "doc_type_source",
    "language",
    "rule_id",
    "rule_name",
    "kind",
    "checklist_section",
    "status",
    "severity",
    "listed",
    "waived",
    "evidence_count",
    "file",
    "page",
    "line",
    "section",
    "passage",
)


#: How a cell starts when a spreadsheet would read it as a formula (tab and carriage return
#: too: some spreadsheets skip them before looking).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(result: RunResult, *, rules: RuleSet, color: bool = False) -> str:
    """A header row, then a row per document and check (RFC 4180: CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for document in result.documents:
        writer.writerows(_row(document, check) for check in document.checks)
    return buffer.getvalue().removesuffix("\r\n")


def _row(document: DocumentReport, check: CheckResult) -> list[object]:
    where = primary(check)
    place = position(document, where)
    return [
        _text(document.path),
        document.doc_type,
        document.doc_type_source,
        document.language,
        check.rule.id,
        check.rule.name,
        check.rule.kind.value,
        check.rule.section,
        check.status.value,
        check.severity.value,
        "yes" if check.reported else "no",
        _text(check.waived or ""),
        len(check.evidence),
        _text(place.file) if where is not None else "",
        where.page if where is not None and where.page is not None else "",
        where.line if where is not None else "",
        _text(where.section) if where is not None else "",
        _text(" ".join(check.evidence[0].text.split())) if check.evidence else "",
    ]


def _text(value: str) -> str:
    """Text from a document, a file name or a waiver as a cell no spreadsheet runs."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
