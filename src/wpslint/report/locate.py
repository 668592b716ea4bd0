"""Where a finding points, in the terms each machine-readable format needs.

Only in text formats (plain text, Markdown, HTML) is a finding's line a line of the file,
which annotations and SARIF regions can point at. In a PDF it is a line within a page, and
in a DOCX the ordinal of a paragraph: those are given as a label ("page 12, line 4",
"paragraph 31") and in the formats' properties, never as a file line that would be wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from wpslint.findings import CheckResult, DocumentReport, Evidence, Status

#: Formats without lines, where a block's "line" is the ordinal of its paragraph.
_PARAGRAPHS = {".docx"}


@dataclass(frozen=True, slots=True)
class Position:
    """A finding's file, its line in that file (text formats only), and a label for people."""

    file: str
    line: int | None
    label: str
    #: For formats without file lines: ``page`` and ``line`` (within the page), or
    #: ``paragraph``.
    properties: dict[str, int] = field(default_factory=dict)


def primary(check: CheckResult) -> Evidence | None:
    """The passage a finding points to: where a missing protection belongs, else the first
    evidence."""
    if check.status is Status.MISSING or not check.evidence:
        return check.anchor
    return check.evidence[0]


def position(document: DocumentReport, evidence: Evidence | None) -> Position:
    """Where ``evidence`` lies; the top of the document's (first) file when there is none."""
    file = _file(document, evidence)
    if evidence is None:
        return Position(file, None, "")
    if evidence.page is not None:
        label = f"page {evidence.page}, line {evidence.line}"
        return Position(file, None, label, {"page": evidence.page, "line": evidence.line})
    if PurePath(file).suffix.lower() in _PARAGRAPHS:
        label = f"paragraph {evidence.line}"
        return Position(file, None, label, {"paragraph": evidence.line})
    return Position(file, evidence.line, f"line {evidence.line}")


def _file(document: DocumentReport, evidence: Evidence | None) -> str:
    """The file of a passage: its member file in a document set, else the document."""
    if evidence is not None and evidence.path is not None:
        return evidence.path
    return document.members[0] if document.members else document.path
