"""Measure how well the rules agree with the labelled corpus (``wpslint eval``).

Each labelled document is checked with the type its label gives, so a wrong type detection
does not blur the accuracy of the rules; detection is scored on its own. A (document, check)
pair is scored only when both the label and the rule say the check applies. The keyword
baseline is scored on the same pairs, so the gain over it is a like-for-like comparison.
"""

from __future__ import annotations

from pathlib import Path

from wpslint import collector
from wpslint.api import Linter
from wpslint.evaluate.baseline import baseline_positive
from wpslint.evaluate.labels import CheckLabel, DocumentLabels, LabelError, load_labels
from wpslint.evaluate.quotes import locate
from wpslint.evaluate.result import Conflict, DocumentResult, EvalResult, PairResult
from wpslint.ingest import read_document
from wpslint.nlp.analysis import analyse
from wpslint.rules.model import Rule


def evaluate_corpus(corpus_dir: str | Path, linter: Linter) -> EvalResult:
    """Score ``linter`` on every labelled document of ``corpus_dir``.

    Raises ``LabelError`` when a label file is invalid and ``DocumentError`` when a labelled
    document cannot be read: a benchmark that silently skipped either would score a
    different corpus than the one it names.
    """
    corpus = Path(corpus_dir)
    rules = {rule.id: rule for rule in sorted(linter.ruleset.rules, key=lambda r: r.id)}
    labelled = load_labels(corpus, linter.ruleset)
    documents: list[DocumentResult] = []
    pairs: list[PairResult] = []
    conflicts: list[Conflict] = []
    with collector.running():  # between documents (see wpslint.collector)
        for labels in labelled:
            document, scored = _evaluate_document(labels, rules, linter, conflicts)
            documents.append(document)
            pairs.extend(scored)
    return EvalResult(
        corpus=str(corpus),
        kinds={rule_id: rule.kind for rule_id, rule in rules.items()},
        documents=documents,
        pairs=pairs,
        conflicts=conflicts,
        # Every label file labels the same ids (load_labels checks it).
        unscored=sorted(set(labelled[0].checks) - set(rules)),
    )


def _evaluate_document(
    labels: DocumentLabels, rules: dict[str, Rule], linter: Linter, conflicts: list[Conflict]
) -> tuple[DocumentResult, list[PairResult]]:
    """The detected type and the scored pairs of one document."""
    document = read_document(labels.document)
    detected = linter.check_document(document).doc_type
    report = linter.check_document(document, doc_type=labels.doc_type)
    checks = {check.rule.id: check for check in report.checks}
    hits = linter.engine.matcher.find(analyse(document, linter.pipeline).doc)
    pairs = [
        PairResult(
            document=labels.name,
            check=rule.id,
            kind=rule.kind,
            label=label,
            status=checks[rule.id].status,
            evidence=tuple(checks[rule.id].evidence),
            baseline=baseline_positive(rule, hits),
            quote=tuple(locate(label.evidence, document.text)) if label.evidence else None,
        )
        for rule, label in _applicable(labels, rules, conflicts)
    ]
    return DocumentResult(labels.name, labels.doc_type, detected), pairs


def _applicable(
    labels: DocumentLabels, rules: dict[str, Rule], conflicts: list[Conflict]
) -> list[tuple[Rule, CheckLabel]]:
    """The rules to score on a document: those that apply by both the label and the rule.

    Where the two disagree, the pair is left out and recorded in ``conflicts``: the label or
    the rule's ``applies_to`` departs from the checklist, and scoring either way would
    charge the rule or the label with the other's mistake.
    """
    applicable = []
    for rule_id, rule in rules.items():
        label = labels.checks[rule_id]
        applies = labels.doc_type in rule.applies_to
        if applies != label.applicable:
            conflicts.append(Conflict(labels.name, rule_id, label.applicable, applies))
        if applies and label.applicable:
            applicable.append((rule, label))
    return applicable


__all__ = ["EvalResult", "LabelError", "evaluate_corpus"]
