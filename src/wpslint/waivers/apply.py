"""Apply waivers to a run's findings, and find the waivers that no longer do anything.

A waiver matches a finding with the same rule, document (path relative to the project root,
or a document set's name) and fingerprint. It marks the finding waived: not listed, and not
counted for the exit status. An expired waiver matches nothing, so its finding is back.
Waivers are judged only for the documents and rules this run evaluated, so checking one file
does not call every other file's waivers unused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wpslint.findings import DocumentReport, RunResult, Status
from wpslint.paths import relative_path
from wpslint.waivers.fingerprint import fingerprint
from wpslint.waivers.model import Waiver


@dataclass(slots=True)
class WaiverReport:
    """Waivers to tell the user about: expired (their findings are back), and unused."""

    expired: list[Waiver] = field(default_factory=list)
    unused: list[Waiver] = field(default_factory=list)
    applied: int = 0


def document_key(document: DocumentReport, root: Path) -> str:
    """How waivers name ``document``: a set by its name, a file relative to ``root``."""
    return document.path if document.members else relative_path(document.path, root)


def apply_waivers(
    result: RunResult, waivers: Sequence[Waiver], root: Path, today: dt.date
) -> WaiverReport:
    """Mark the waived findings of ``result`` and report expired and unused waivers."""
    report = WaiverReport()
    if not waivers:
        return report  # nothing to mark, and no document's path to work out
    by_key = {waiver.key: waiver for waiver in waivers}
    # A fingerprint hashes the cited passage: worth it only where a waiver could match.
    waived_somewhere = {(waiver.rule, waiver.path) for waiver in waivers}
    used: set[tuple[str, str, str]] = set()
    evaluated: set[tuple[str, str]] = set()
    for document in result.documents:
        path = document_key(document, root)
        for check in document.checks:
            if check.status is Status.NOT_APPLICABLE:
                continue
            evaluated.add((check.rule.id, path))
            if not check.counted or (check.rule.id, path) not in waived_somewhere:
                continue
            waiver = by_key.get((check.rule.id, path, fingerprint(check)))
            if waiver is not None and not waiver.expired(today):
                check.waived = waiver.reason
                used.add(waiver.key)
                report.applied += 1
    for waiver in waivers:
        if (waiver.rule, waiver.path) not in evaluated or waiver.key in used:
            continue
        (report.expired if waiver.expired(today) else report.unused).append(waiver)
    return report
