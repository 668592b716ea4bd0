"""What every diff format says about each kind of change, in the order they are listed.

Regressions come first (lost, weakened, introduced): they are what a reviewer of an amended
draft must act on, and what makes ``wpslint diff`` fail.
"""

from __future__ import annotations

from wpslint.diff import Change, CheckChange, DocumentDiff
from wpslint.findings import Severity, Summary

#: (change, heading, what it means), in report order; unchanged checks are only counted.
SECTIONS: tuple[tuple[Change, str, str], ...] = (
    (
        Change.LOST,
        "Protections lost",
        "Present or weak in the old draft, missing from the new one.",
    ),
    (
        Change.WEAKENED,
        "Protections weakened",
        "Binding in the old draft, only in hedged wording in the new one.",
    ),
    (
        Change.INTRODUCED,
        "Harmful provisions introduced",
        "Absent from the old draft, present in the new one.",
    ),
    (
        Change.GAINED,
        "Protections gained",
        "Missing from the old draft, present or weak in the new one.",
    ),
    (
        Change.STRENGTHENED,
        "Protections strengthened",
        "Only in hedged wording in the old draft, binding in the new one.",
    ),
    (
        Change.REMOVED,
        "Harmful provisions removed",
        "Present in the old draft, gone from the new one.",
    ),
)


def severity(item: CheckChange) -> Severity:
    """The severity the check has in the new draft (in the old one for a removed provision)."""
    check = item.old if item.change is Change.REMOVED or item.new is None else item.new
    return check.severity if check else Severity.INFO


def tally(diff: DocumentDiff) -> str:
    """E.g. '1 lost, 1 weakened, 0 introduced; 2 gained, 0 strengthened, 0 removed; 40
    unchanged'."""
    counts = diff.counts()
    groups = [
        [Change.LOST, Change.WEAKENED, Change.INTRODUCED],
        [Change.GAINED, Change.STRENGTHENED, Change.REMOVED],
        [Change.UNCHANGED],
    ]
    return "; ".join(
        ", ".join(f"{counts[change]} {change.value}" for change in group) for group in groups
    )


def coverage(diff: DocumentDiff, arrow: str = "->") -> str:
    """E.g. '42% -> 31% (11 -> 8 of 26 protections present or weak)'."""
    old, new = diff.old.summary, diff.new.summary
    return (
        f"{_percent(old)} {arrow} {_percent(new)} ({old.present + old.weak} {arrow} "
        f"{new.present + new.weak} of {new.applicable} protections present or weak)"
    )


def _percent(summary: Summary) -> str:
    return f"{summary.coverage:.0%}" if summary.applicable else "n/a"
