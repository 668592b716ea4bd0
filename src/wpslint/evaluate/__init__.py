"""Measure how well the rules agree with the labelled corpus (``wpslint eval``).

Each labelled document is checked with the type its label gives, so a wrong type detection
does not blur the accuracy of the rules; detection is scored on its own. A (document, check)
pair is scored only when both the label and the rule say the check applies. The keyword
baseline is scored on the same pairs, so the gain over it is a like-for-like comparison.
"""

from __future__ import annotations

from pathlib import Path

from wpslint.api import Linter
from wpslint.evaluate.baseline import baseline_positive
from wpslint.evaluate.labels import DocumentLabels, LabelError, load_labels
from wpslint.evaluate.quotes import locate
from wpslint.evaluate.result import Conflict, DocumentResult, EvalResult, PairResult
from wpslint.ingest import read_document
from wpslint.nlp.analysis import analyse


def evaluate_corpus(corpus_dir: str | Path, linter: Linter) -> EvalResult:
    """Score ``linter`` on every labelled document of ``corpus_dir``.

    Raises ``LabelError`` when a label file is invalid and ``DocumentError`` when a labelled
    document cannot be read: a benchmark that silently skipped either would score a
    different corpus than the one it names.
    """
    corpus = Path(corpus_dir)
    labelled = load_labels(corpus, linter.ruleset)
    result = EvalResult(
        corpus=str(corpus),
        kinds={rule.id: rule.kind for rule in sorted(linter.ruleset.rules, key=lambda r: r.id)},
        documents=[],
        pairs=[],
        conflicts=[],
        unscored=sorted(set(labelled[0].checks).difference(r.id for r in linter.ruleset.rules)),
    )
    for labels in labelled:
        _evaluate_document(labels, linter, result)
    return result


def _evaluate_document(labels: DocumentLabels, linter: Linter, result: EvalResult) -> None:
    """Add one document's pairs, conflicts and detected type to ``result``."""
    document = read_document(labels.document)
    report = linter.check_document(document, doc_type=labels.doc_type)
    detected = linter.check_document(document).doc_type
    hits = linter.engine.matcher.find(analyse(document, linter.pipeline).doc)
    result.documents.append(DocumentResult(labels.name, labels.doc_type, detected))
    rules = {rule.id: rule for rule in linter.ruleset.rules}
    for check in report.checks:
        rule = rules[check.rule.id]
        label = labels.checks[rule.id]
        applies = labels.doc_type in rule.applies_to
        if applies != label.applicable:
            result.conflicts.append(Conflict(labels.name, rule.id, label.applicable, applies))
        if not (applies and label.applicable):
            continue
        result.pairs.append(
            PairResult(
                document=labels.name,
                check=rule.id,
                kind=rule.kind,
                label=label,
                status=check.status,
                evidence=tuple(check.evidence),
                baseline=baseline_positive(rule, hits),
                quote=tuple(locate(label.evidence, document.text)) if label.evidence else None,
            )
        )


__all__ = ["EvalResult", "LabelError", "evaluate_corpus"]
