"""Confusion counts and the scores derived from them.

A score whose denominator is zero is undefined (``None``), not 0 or 1: a check that no
document of the corpus needs and that never fires has no recall to speak of, and counting it
as 0 or 1 would move the macro average for a reason that has nothing to do with the rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(slots=True)
class Counts:
    """True/false positives and negatives of binary predictions against labels."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        """Count one prediction against its label."""
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """2TP / (2TP + FP + FN): 0 when anything was missed or wrongly found and nothing
        right, undefined only when there was nothing to find and nothing was found."""
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, int | float | None]:
        return {
            "n": self.n,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or None when ``whole`` is 0."""
    return part / whole if whole else None


def total(counts: Iterable[Counts]) -> Counts:
    """The counts summed: micro-averaged scores come from this."""
    return sum(counts, Counts())


def macro_f1(counts: Iterable[Counts]) -> float | None:
    """The mean F1 over the counts whose F1 is defined (None when none is)."""
    scores = [f1 for f1 in (c.f1 for c in counts) if f1 is not None]
    return sum(scores) / len(scores) if scores else None
