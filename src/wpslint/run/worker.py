"""Check one task: read its file(s), run the selected rules, apply the task's settings.

This is what a worker process runs, so it takes and returns only picklable values, and the
result depends on nothing but the task, the rules and the files: the cache relies on that.
A task that cannot be read, or not within the limits (size, pages, time), is a failure.
"""

from __future__ import annotations

from wpslint.api import Linter
from wpslint.docsets import attribute, join
from wpslint.errors import DocumentError
from wpslint.findings import CheckResult, DocumentReport, ReadFailure, Severity, Status
from wpslint.ingest import read_document
from wpslint.limits import Limits, budget
from wpslint.run.plan import Task

DESELECTED = "Not selected in the configuration."


def check_task(
    linter: Linter,
    task: Task,
    password: str | None = None,
    *,
    limits: Limits | None = None,
    assume_english: bool = False,
) -> DocumentReport | ReadFailure:
    """The report for ``task``, or why it could not be read and checked within ``limits``."""
    limits = limits or Limits()
    try:
        with budget(task.name, limits.timeout):
            return _check(linter, task, password, limits, assume_english)
    except DocumentError as error:
        return ReadFailure(error.path, error.code, error.message)


def _check(
    linter: Linter, task: Task, password: str | None, limits: Limits, assume_english: bool
) -> DocumentReport:
    documents = [
        read_document(
            path, password=password, max_pages=limits.max_pages, max_bytes=limits.max_bytes
        )
        for path in task.files
    ]
    members = None
    if task.is_set:
        document, members = join(task.name, documents)
    else:
        document = documents[0]
    settings = task.settings
    selected = set(settings.rules)
    report = linter.check_document(
        document,
        doc_type=settings.doc_type,
        rules=[rule for rule in linter.ruleset.rules if rule.id in selected],
        assume_english=assume_english,
    )
    if settings.doc_type is not None:
        report.doc_type_source = settings.doc_type_source
    found = {check.rule.id: check for check in report.checks}
    report.checks = [
        found.get(rule.id)
        or CheckResult(
            rule.info, Status.NOT_APPLICABLE, rule.severity_for(report.doc_type), DESELECTED
        )
        for rule in linter.ruleset.rules
    ]
    for rule_id, level in settings.severity:
        check = found.get(rule_id)
        if check is not None:
            base = Severity(level)
            check.severity = base.lowered() if check.status is Status.WEAK else base
    if members is not None:
        attribute(report, members)
    return report
