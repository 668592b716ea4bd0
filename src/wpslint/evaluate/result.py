"""What an evaluation found: one record per scored (document, check) pair, and the scores.

Pairs are the single source of truth; every count and rate is derived from them, so the
table, the summary and the list of disagreements can never tell different stories.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from wpslint.evaluate.labels import CheckLabel
from wpslint.evaluate.metrics import Counts, macro_f1, ratio, total
from wpslint.evaluate.quotes import Span, overlaps
from wpslint.findings import Evidence, Kind, Status

#: Statuses that count as a positive prediction: the protection or the problem was found.
POSITIVE = frozenset({Status.PRESENT, Status.WEAK, Status.FLAGGED})


@dataclass(frozen=True, slots=True)
class PairResult:
    """The linter's and the baseline's verdicts on one applicable check of one document."""

    document: str
    check: str
    kind: Kind
    label: CheckLabel
    status: Status
    evidence: tuple[Evidence, ...]
    baseline: bool
    #: Where the label's evidence quote occurs in the text; None when the label has no quote.
    quote: tuple[Span, ...] | None

    @property
    def predicted(self) -> bool:
        return self.status in POSITIVE

    @property
    def expected(self) -> Status:
        """The status the label calls for (the mapping of corpus/README.md)."""
        if self.kind is not Kind.REQUIREMENT:
            return Status.FLAGGED if self.label.present else Status.CLEAR
        if not self.label.present:
            return Status.MISSING
        return Status.WEAK if self.label.weak else Status.PRESENT

    @property
    def quote_found(self) -> bool:
        return bool(self.quote)

    @property
    def evidence_overlaps(self) -> bool:
        """Whether an evidence passage of the linter covers part of the labelled quote."""
        spans = list(self.quote or ())
        return any(overlaps(item.start, item.end, spans) for item in self.evidence)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """A labelled document: the type it is labelled with and the type detection gave."""

    name: str
    doc_type: str
    detected: str


@dataclass(frozen=True, slots=True)
class Conflict:
    """A check the label and the rule disagree on applying to a document (not scored)."""

    document: str
    check: str
    label_applicable: bool
    rule_applies: bool


@dataclass(frozen=True, slots=True)
class Share:
    """``part`` of ``whole`` items meet a condition."""

    part: int
    whole: int

    @property
    def rate(self) -> float | None:
        return ratio(self.part, self.whole)

    def to_dict(self) -> dict[str, int | float | None]:
        return {"part": self.part, "whole": self.whole, "rate": self.rate}


@dataclass(frozen=True, slots=True)
class CheckScore:
    """The counts of one check over the corpus, for the rules and for the baseline."""

    id: str
    kind: Kind
    rules: Counts
    baseline: Counts


@dataclass
class EvalResult:
    """The evaluation of a rule set on a labelled corpus."""

    corpus: str
    #: Every rule of the rule set (id -> kind), in table order; a rule may have no pair.
    kinds: dict[str, Kind]
    documents: list[DocumentResult]
    pairs: list[PairResult]
    conflicts: list[Conflict]
    #: Labelled check ids that no rule implements yet, so nothing scores them.
    unscored: list[str]

    @cached_property
    def checks(self) -> list[CheckScore]:
        """One score per rule, in table order (counts stay 0 for a rule with no pair)."""
        scores = {check: (Counts(), Counts()) for check in self.kinds}
        for pair in self.pairs:
            rules, baseline = scores[pair.check]
            rules.add(pair.predicted, pair.label.present)
            baseline.add(pair.baseline, pair.label.present)
        return [CheckScore(c, self.kinds[c], *counts) for c, counts in scores.items()]

    @property
    def micro(self) -> Counts:
        return total(score.rules for score in self.checks)

    @property
    def baseline_micro(self) -> Counts:
        return total(score.baseline for score in self.checks)

    @property
    def macro_f1(self) -> float | None:
        return macro_f1(score.rules for score in self.checks)

    @property
    def gain(self) -> float | None:
        """Micro-F1 of the rules minus that of the keyword baseline."""
        rules, baseline = self.micro.f1, self.baseline_micro.f1
        return None if rules is None or baseline is None else rules - baseline

    @property
    def evidence_overlap(self) -> Share:
        """Of the true positives whose labelled quote was found in the text, those where an
        evidence passage overlaps it."""
        located = [p for p in self._true_positives_with_quote if p.quote_found]
        return Share(sum(p.evidence_overlaps for p in located), len(located))

    @property
    def true_positive_quotes_not_found(self) -> int:
        """True positives whose quote is nowhere in the text: a label or ingest problem."""
        return sum(not p.quote_found for p in self._true_positives_with_quote)

    @property
    def weak_accuracy(self) -> Share:
        """Of the requirements labelled present, those where "weak" agrees with the label.

        A pair predicted missing agrees when the label is not weak: the measure is whether
        the linter calls hedged what the labels call hedged, whatever it found otherwise.
        """
        present = [p for p in self.pairs if p.kind is Kind.REQUIREMENT and p.label.present]
        return Share(sum((p.status is Status.WEAK) == p.label.weak for p in present), len(present))

    @property
    def doc_type_accuracy(self) -> Share:
        return Share(sum(d.detected == d.doc_type for d in self.documents), len(self.documents))

    @property
    def disagreements(self) -> list[PairResult]:
        """Pairs whose status differs from the labelled one (weak versus present included)."""
        return [pair for pair in self.pairs if pair.status is not pair.expected]

    @property
    def quotes_not_found(self) -> list[PairResult]:
        """Every scored pair whose labelled quote could not be located."""
        return [p for p in self.pairs if p.quote is not None and not p.quote_found]

    @property
    def evidence_misses(self) -> list[PairResult]:
        """True positives whose evidence does not overlap the located quote."""
        return [
            p for p in self._true_positives_with_quote if p.quote_found and not p.evidence_overlaps
        ]

    @property
    def _true_positives_with_quote(self) -> list[PairResult]:
        return [p for p in self.pairs if p.predicted and p.label.present and p.quote is not None]

    def to_dict(self) -> dict[str, object]:
        """The JSON form: summary, per-check scores and everything worth a second look."""
        return {
            "corpus": self.corpus,
            "summary": {
                "documents": len(self.documents),
                "pairs": len(self.pairs),
                "micro": self.micro.to_dict(),
                "macro_f1": self.macro_f1,
                "baseline_micro": self.baseline_micro.to_dict(),
                "gain": self.gain,
                "evidence_overlap": {
                    **self.evidence_overlap.to_dict(),
                    "quotes_not_found": self.true_positive_quotes_not_found,
                },
                "weak_accuracy": self.weak_accuracy.to_dict(),
                "doc_type_accuracy": self.doc_type_accuracy.to_dict(),
            },
            "checks": [
                {
                    "id": s.id,
                    "kind": s.kind.value,
                    **s.rules.to_dict(),
                    "baseline": s.baseline.to_dict(),
                }
                for s in self.checks
            ],
            "documents": [
                {"document": d.name, "doc_type": d.doc_type, "detected": d.detected}
                for d in self.documents
            ],
            "disagreements": [_pair_dict(pair) for pair in self.disagreements],
            "evidence_misses": [_pair_dict(pair) for pair in self.evidence_misses],
            "quotes_not_found": [
                {"document": p.document, "id": p.check, "quote": p.label.evidence}
                for p in self.quotes_not_found
            ],
            "applicability_conflicts": [
                {
                    "document": c.document,
                    "id": c.check,
                    "label_applicable": c.label_applicable,
                    "rule_applies": c.rule_applies,
                }
                for c in self.conflicts
            ],
            "unscored": self.unscored,
        }


def _pair_dict(pair: PairResult) -> dict[str, object]:
    return {
        "document": pair.document,
        "id": pair.check,
        "expected": pair.expected.value,
        "got": pair.status.value,
        "label_evidence": pair.label.evidence,
        "label_note": pair.label.note,
        "evidence": [item.to_dict() for item in pair.evidence],
    }
