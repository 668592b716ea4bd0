"""What a check found in a document, independent of how it is reported.

The rule engine produces one ``CheckResult`` per rule and document; reporters only read
these objects. Field names follow the JSON report contract.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import TypeVar

_Class = TypeVar("_Class", bound=type)


def _pickled_by_fields(cls: _Class) -> _Class:
    """Pickle instances of the dataclass ``cls`` as a call with its fields' values.

    Reports cross from worker processes to the parent pickled. The ``__setstate__`` that
    dataclasses give slotted classes lists the fields again for every object, which was
    four fifths of unpickling a report; a call to the class is a third of the time.
    """
    values = operator.attrgetter(*(item.name for item in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))
    return cls


class Kind(str, Enum):
    REQUIREMENT = "requirement"
    ANTIPATTERN = "antipattern"
    QUALITY = "quality"


class Status(str, Enum):
    PRESENT = "present"
    WEAK = "weak"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"
    FLAGGED = "flagged"
    CLEAR = "clear"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe; used for thresholds such as ``--fail-on``."""
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    def lowered(self) -> Severity:
        """One step less severe (a weakly worded protection is less urgent than a missing one)."""
        return {"error": Severity.WARNING, "warning": Severity.INFO}.get(self.value, Severity.INFO)


class Strength(str, Enum):
    """How firmly an evidence sentence commits anyone to act."""

    BINDING = "binding"
    HEDGED = "hedged"


DOC_TYPES = ("nap", "bill", "protocol", "guideline")

#: Statuses that a report lists as findings (the others are shown only in coverage).
REPORTED = {Status.MISSING, Status.WEAK, Status.FLAGGED}


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage of the document supporting a status, located in text and file."""

    start: int
    end: int
    text: str
    page: int | None
    line: int
    section: str
    strength: Strength | None = None
    #: The hedging words of a hedged passage, as [start, end) offsets into ``text``, so a
    #: report can highlight what makes the commitment weak. Empty when not hedged, or when
    #: the hedge is in the sentence that introduces the list holding this passage.
    hedges: tuple[tuple[int, int], ...] = ()
    #: The member file a passage comes from, in a document set (several files checked as one
    #: document); None for a single file, whose path is the document's.
    path: str | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "page": self.page,
            "line": self.line,
            "section": self.section,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.strength is not None:
            data["strength"] = self.strength.value
        if self.hedges:
            data["hedges"] = [list(span) for span in self.hedges]
        if self.path is not None:
            data["path"] = self.path
        return data


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class RuleInfo:
    """The descriptive part of a rule that reports need (no matching logic)."""

    id: str
    name: str
    kind: Kind
    section: str
    security: tuple[str, ...]
    sources: tuple[str, ...]


@_pickled_by_fields
@dataclass(slots=True)
class CheckResult:
    """The outcome of one rule on one document."""

    rule: RuleInfo
    status: Status
    severity: Severity
    message: str
    evidence: list[Evidence] = field(default_factory=list)
    #: Where a missing protection would belong (page/line of the document or section).
    anchor: Evidence | None = None
    #: The reason of the waiver that covers this finding; a waived finding never fails a run.
    waived: str | None = None
    #: Left out of the listing (below the ``show`` level, or waived), though it may still
    #: fail the run: what is printed and what fails are decided separately.
    hidden: bool = False

    @property
    def reported(self) -> bool:
        """Listed as a finding: missing, weak or flagged, and not hidden."""
        return self.status in REPORTED and not self.hidden

    @property
    def counted(self) -> bool:
        """Counts toward the exit status: missing, weak or flagged, and not waived."""
        return self.status in REPORTED and self.waived is None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.rule.id,
            "name": self.rule.name,
            "kind": self.rule.kind.value,
            "status": self.status.value,
            "severity": self.severity.value,
            "message": self.message,
            "evidence": [item.to_dict() for item in self.evidence],
        }
        if self.waived is not None:
            data["waived"] = self.waived
        return data


@dataclass(frozen=True, slots=True)
class Summary:
    applicable: int
    present: int
    weak: int
    missing: int
    flagged: int

    @property
    def coverage(self) -> float | None:
        """(present + weak) / applicable requirements; None when nothing applies (a document
        that was not checked must not read as fully covered)."""
        if not self.applicable:
            return None
        return round((self.present + self.weak) / self.applicable, 4)

    @classmethod
    def of(cls, checks: list[CheckResult]) -> Summary:
        requirements = [c for c in checks if c.rule.kind is Kind.REQUIREMENT]
        applicable = [c for c in requirements if c.status is not Status.NOT_APPLICABLE]
        return cls(
            applicable=len(applicable),
            present=sum(c.status is Status.PRESENT for c in applicable),
            weak=sum(c.status is Status.WEAK for c in applicable),
            missing=sum(c.status is Status.MISSING for c in applicable),
            flagged=sum(c.status is Status.FLAGGED for c in checks),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "applicable": self.applicable,
            "present": self.present,
            "weak": self.weak,
            "missing": self.missing,
            "flagged": self.flagged,
            "coverage": self.coverage,
        }


@_pickled_by_fields
@dataclass(slots=True)
class DocumentReport:
    """Everything wpslint says about one document."""

    path: str
    doc_type: str
    doc_type_source: str
    language: str
    pages: int | None
    pipeline: str
    checks: list[CheckResult]
    #: The files of a document set, in reading order; empty for a single file.
    members: tuple[str, ...] = ()
    #: What a reader should know before trusting the results: pages without text, text not
    #: in English... One sentence each, without the path.
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> Summary:
        return Summary.of(self.checks)

    @property
    def findings(self) -> list[CheckResult]:
        """The checks a report lists: missing or weak requirements, flagged passages."""
        return [check for check in self.checks if check.reported]

    @property
    def checked(self) -> bool:
        """Whether any check applied: not when the document was not in English, or when no
        selected check applies to its type. Reports must not present it as all clear."""
        return any(check.status is not Status.NOT_APPLICABLE for check in self.checks)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "doc_type": self.doc_type,
            "doc_type_source": self.doc_type_source,
            "language": self.language,
            "pages": self.pages,
            "pipeline": self.pipeline,
            "warnings": list(self.warnings),
            "checks": [check.to_dict() for check in self.checks],
            "summary": self.summary.to_dict(),
            **({"members": list(self.members)} if self.members else {}),
        }


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A document that could not be read (listed under ``errors`` in JSON)."""

    path: str
    error: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error, "message": self.message}


@dataclass(slots=True)
class RunResult:
    """The result of checking a set of paths: reports, failures and the tool's identity."""

    documents: list[DocumentReport]
    errors: list[ReadFailure]
    version: str
    pipeline: str
    rules_sha256: str

    def max_severity(self) -> Severity | None:
        """The worst finding that counts (waived ones do not; hidden ones still do)."""
        severities = [c.severity for d in self.documents for c in d.checks if c.counted]
        return max(severities, key=lambda s: s.rank) if severities else None

    def to_dict(self) -> dict[str, object]:
        return {
            "tool": {
                "name": "wpslint",
                "version": self.version,
                "spacy_pipeline": self.pipeline,
                "rules_sha256": self.rules_sha256,
            },
            "documents": [document.to_dict() for document in self.documents],
            "errors": [failure.to_dict() for failure in self.errors],
        }
