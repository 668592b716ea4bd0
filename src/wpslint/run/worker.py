"""Check one task: read its file(s), run the selected rules, apply the task's settings.

This is what a worker process runs, so it takes and returns only picklable values, and the
result depends on nothing but the task, the rules and the files: the cache relies on that.
A task that cannot be read, or not within the limits (size, pages, time), is a failure. A
task read ahead during start-up (``wpslint.run.prefetch``) is loaded instead of read, and
the time spent reading it counts against its time limit.
"""

from __future__ import annotations

from pathlib import Path

from wpslint.api import Linter
from wpslint.docsets import attribute
from wpslint.errors import DocumentError
from wpslint.findings import CheckResult, DocumentReport, ReadFailure, Severity, Status
from wpslint.limits import Limits, budget
from wpslint.run.plan import Task
from wpslint.run.prefetch import take
from wpslint.run.reading import TaskDocument, read_task

DESELECTED = "Not selected in the configuration."


def check_task(
    linter: Linter,
    task: Task,
    password: str | None = None,
    *,
    limits: Limits | None = None,
    assume_english: bool = False,
    prefetched: Path | None = None,
) -> DocumentReport | ReadFailure:
    """The report for ``task``, or why it could not be read and checked within ``limits``;
    ``prefetched`` is the entry of the task read ahead, if it was."""
    limits = limits or Limits()
    entry = take(prefetched) if prefetched else None
    try:
        with budget(task.name, limits.timeout, spent=entry.seconds if entry else 0.0):
            read = entry.outcome if entry else read_task(task, password, limits)
            if isinstance(read, DocumentError):
                raise read
            return _check(linter, task, read, assume_english)
    except DocumentError as error:
        return ReadFailure(error.path, error.code, error.message)


def _check(linter: Linter, task: Task, read: TaskDocument, assume_english: bool) -> DocumentReport:
    settings = task.settings
    selected = set(settings.rules)
    report = linter.check_document(
        read.document,
        doc_type=settings.doc_type,
        rules=[rule for rule in linter.ruleset.rules if rule.id in selected],
        assume_english=assume_english,
        language=read.language,
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
    if read.members is not None:
        attribute(report, read.members)
    return report
