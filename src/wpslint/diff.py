"""Compare the reports of two drafts of one document: what an amendment gained or lost.

Staff reviewing an amended bill need the change, not two full reports: which protections
the new draft lost, which it weakened (binding wording turned into "should" or "where
possible"), which harmful provisions it introduced, and what improved. Each check is
classified by its status in the old and the new draft. Drafting-quality notes are not
compared: they restate, at the level of wording, what weakened protections already show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from wpslint.findings import CheckResult, DocumentReport, Evidence, Kind, RuleInfo, Status


class Change(str, Enum):
    """How one check moved between two drafts. The first three are the ones to review."""

    LOST = "lost"  # requirement: present or weak -> missing
    WEAKENED = "weakened"  # requirement: present -> weak
    INTRODUCED = "introduced"  # antipattern: clear -> flagged
    GAINED = "gained"  # requirement: missing -> present or weak
    STRENGTHENED = "strengthened"  # requirement: weak -> present
    REMOVED = "removed"  # antipattern: flagged -> clear
    UNCHANGED = "unchanged"


#: The changes that make ``wpslint diff`` exit 1 by default.
REGRESSIONS = (Change.LOST, Change.WEAKENED, Change.INTRODUCED)
_REQUIREMENT_CHANGES = {
    (Status.MISSING, Status.PRESENT): Change.GAINED,
    (Status.MISSING, Status.WEAK): Change.GAINED,
    (Status.PRESENT, Status.MISSING): Change.LOST,
    (Status.WEAK, Status.MISSING): Change.LOST,
    (Status.PRESENT, Status.WEAK): Change.WEAKENED,
    (Status.WEAK, Status.PRESENT): Change.STRENGTHENED,
}
_ANTIPATTERN_CHANGES = {
    (Status.CLEAR, Status.FLAGGED): Change.INTRODUCED,
    (Status.FLAGGED, Status.CLEAR): Change.REMOVED,
}


@dataclass(frozen=True, slots=True)
class CheckChange:
    """One check in both drafts (``None`` where a draft's report lacks the check)."""

    rule: RuleInfo
    change: Change
    old: CheckResult | None
    new: CheckResult | None

    @property
    def old_status(self) -> Status:
        return self.old.status if self.old else Status.NOT_APPLICABLE

    @property
    def new_status(self) -> Status:
        return self.new.status if self.new else Status.NOT_APPLICABLE

    @property
    def evidence(self) -> list[Evidence]:
        """The passages that show the change: the new draft's, or the old one's when the
        change is something that went away (a lost protection, a removed provision)."""
        if self.change in (Change.LOST, Change.REMOVED):
            return self.old.evidence if self.old else []
        return self.new.evidence if self.new else []

    @property
    def previous_evidence(self) -> list[Evidence]:
        """What the old draft said, for a protection that the new draft reworded."""
        if self.change in (Change.WEAKENED, Change.STRENGTHENED) and self.old:
            return self.old.evidence
        return []

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.rule.id,
            "name": self.rule.name,
            "kind": self.rule.kind.value,
            "change": self.change.value,
            "old_status": self.old_status.value,
            "new_status": self.new_status.value,
            "old_evidence": [item.to_dict() for item in self.old.evidence] if self.old else [],
            "new_evidence": [item.to_dict() for item in self.new.evidence] if self.new else [],
        }


@dataclass(slots=True)
class DocumentDiff:
    """Two drafts' reports and every compared check, in the order of the rule set."""

    old: DocumentReport
    new: DocumentReport
    changes: list[CheckChange]
    #: Said to the reader when the drafts were detected as different document types.
    notes: list[str] = field(default_factory=list)

    def of(self, change: Change) -> list[CheckChange]:
        return [item for item in self.changes if item.change is change]

    def counts(self) -> dict[Change, int]:
        return {change: len(self.of(change)) for change in Change}

    def has(self, changes: tuple[Change, ...] | set[Change]) -> bool:
        """Whether any check changed in one of ``changes`` (for the exit status)."""
        return any(item.change in changes for item in self.changes)

    def to_dict(self) -> dict[str, object]:
        return {
            "old": _document_dict(self.old),
            "new": _document_dict(self.new),
            "doc_type": self.new.doc_type,
            "notes": list(self.notes),
            "counts": {change.value: count for change, count in self.counts().items()},
            "changes": [
                item.to_dict() for item in self.changes if item.change is not Change.UNCHANGED
            ],
        }


def compare(old: DocumentReport, new: DocumentReport, *, notes: Sequence[str] = ()) -> DocumentDiff:
    """Classify every requirement and antipattern checked in either report.

    A check that does not apply to one of the drafts (or is absent from its report) is
    unchanged: the drafts are compared as one document type, so this only happens with
    reports built by other means. ``notes`` are told to the reader with the result.
    """
    old_checks = {check.rule.id: check for check in old.checks}
    new_checks = {check.rule.id: check for check in new.checks}
    ids = list(new_checks) + [rule_id for rule_id in old_checks if rule_id not in new_checks]
    changes = []
    for rule_id in ids:
        before, after = old_checks.get(rule_id), new_checks.get(rule_id)
        rule = (after if after is not None else old_checks[rule_id]).rule
        if rule.kind is Kind.QUALITY:
            continue
        changes.append(CheckChange(rule, _classify(rule.kind, before, after), before, after))
    return DocumentDiff(old=old, new=new, changes=changes, notes=list(notes))


def _classify(kind: Kind, old: CheckResult | None, new: CheckResult | None) -> Change:
    if old is None or new is None:
        return Change.UNCHANGED
    table = _REQUIREMENT_CHANGES if kind is Kind.REQUIREMENT else _ANTIPATTERN_CHANGES
    return table.get((old.status, new.status), Change.UNCHANGED)


def _document_dict(document: DocumentReport) -> dict[str, object]:
    return {
        "path": document.path,
        "doc_type": document.doc_type,
        "doc_type_source": document.doc_type_source,
        "pages": document.pages,
        "summary": document.summary.to_dict(),
    }
