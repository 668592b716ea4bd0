"""The ``wpslint eval`` output: a per-check table and summary for people, or JSON for tools.

The verbose text lists every pair where the linter and the labels disagree, with the labelled
quote next to the passages the linter found: that is what a rule author tunes from.
"""

from __future__ import annotations

import textwrap

from wpslint.evaluate.result import EvalResult, PairResult
from wpslint.findings import Evidence
from wpslint.report.jsontext import indented

#: Characters of a quote or evidence passage shown in verbose output.
EXCERPT_LENGTH = 160
#: Evidence passages shown per disagreement; the rest are counted.
EVIDENCE_SHOWN = 3
WIDTH = 100

COLUMNS = ("ID", "KIND", "N", "TP", "FP", "FN", "PREC", "REC", "F1", "BASE F1")


def render_json(result: EvalResult) -> str:
    return indented(result.to_dict())


def render_text(result: EvalResult, *, verbose: bool = False) -> str:
    """The table and summary; with ``verbose``, every disagreement and label problem too."""
    blocks = [_table(result), _summary(result)]
    if verbose:
        blocks.extend(_details(result))
    return "\n\n".join(blocks)


def _table(result: EvalResult) -> str:
    rows = [COLUMNS]
    for score in result.checks:
        counts = score.rules
        rows.append(
            (
                score.id,
                score.kind.value,
                str(counts.n),
                str(counts.tp),
                str(counts.fp),
                str(counts.fn),
                _number(counts.precision),
                _number(counts.recall),
                _number(counts.f1),
                _number(score.baseline.f1),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    title = (
        f"{result.corpus}: {len(result.documents)} documents, {len(result.pairs)} scored "
        f"(document, check) pairs, {len(result.checks)} checks"
    )
    legend = "BASE F1: the keyword baseline (any term of the rule's concepts anywhere fires)"
    return "\n".join([title, "", *lines, legend])


def _summary(result: EvalResult) -> str:
    micro, base = result.micro, result.baseline_micro
    overlap, weak = result.evidence_overlap, result.weak_accuracy
    doc_types = result.doc_type_accuracy
    defined = sum(score.rules.f1 is not None for score in result.checks)
    lines = [
        f"Micro:               P {_number(micro.precision)}  R {_number(micro.recall)}  "
        f"F1 {_number(micro.f1)}  ({micro.tp} TP, {micro.fp} FP, {micro.fn} FN, {micro.tn} TN)",
        f"Macro-F1:            {_number(result.macro_f1)}  (over {defined} checks with a "
        "defined F1)",
        f"Evidence overlap:    {_number(overlap.rate)}  ({overlap.part}/{overlap.whole} true "
        "positives with a located quote; "
        f"{result.true_positive_quotes_not_found} quotes not found)",
        f"Weak accuracy:       {_number(weak.rate)}  ({weak.part}/{weak.whole} requirements "
        "labelled present)",
        f"Doc-type detection:  {_number(doc_types.rate)}  ({doc_types.part}/{doc_types.whole} "
        "documents)",
        f"Keyword baseline:    P {_number(base.precision)}  R {_number(base.recall)}  "
        f"F1 {_number(base.f1)}  (gain of the rules: {_signed(result.gain)})",
    ]
    if result.conflicts:
        lines.append(
            f"Not scored:          {len(result.conflicts)} pairs where label and rule disagree "
            "on whether the check applies (see --verbose)"
        )
    if result.unscored:
        lines.append(
            textwrap.fill(
                f"{len(result.unscored)} labelled checks, not scored: " + " ".join(result.unscored),
                width=WIDTH,
                initial_indent="No rule yet:         ",
                subsequent_indent=" " * 21,
            )
        )
    return "\n".join(lines)


def _details(result: EvalResult) -> list[str]:
    """The verbose sections, each headed by its count."""
    return [
        _section(
            "Disagreements (doc ID expected X got Y)",
            [
                _pair(p, f"expected {p.expected.value} got {p.status.value}")
                for p in result.disagreements
            ],
        ),
        _section(
            "True positives whose evidence misses the labelled quote",
            [_pair(p, p.status.value) for p in result.evidence_misses],
        ),
        _section(
            "Labelled quotes not found in the document text (label or ingest problems)",
            [
                f"  {p.document} {p.check} {_quote(p.label.evidence or '')}"
                for p in result.quotes_not_found
            ],
        ),
        _section(
            "Document types detected wrongly",
            [
                f"  {d.name} labelled {d.doc_type} detected {d.detected}"
                for d in result.documents
                if d.detected != d.doc_type
            ],
        ),
        _section(
            "Label and rule disagree on whether the check applies (not scored)",
            [
                f"  {c.document} {c.check} label: "
                f"{'applies' if c.label_applicable else 'applicable: false'}; rule: "
                f"{'applies' if c.rule_applies else 'does not apply'} to this type"
                for c in result.conflicts
            ],
        ),
    ]


def _section(title: str, lines: list[str]) -> str:
    return "\n".join([f"{title}: {len(lines) or 'none'}", *lines])


def _pair(pair: PairResult, verdict: str) -> str:
    """A pair as ``doc ID verdict``, the label's quote (or note) and the evidence found."""
    lines = [f"  {pair.document} {pair.check} {verdict}"]
    if pair.label.evidence:
        lines.append(f"      label: {_quote(pair.label.evidence)}")
    elif pair.label.note:
        lines.append(f"      label note: {pair.label.note}")
    for item in pair.evidence[:EVIDENCE_SHOWN]:
        lines.append(f"      found: {_where(item)} {_quote(item.text)}")
    if len(pair.evidence) > EVIDENCE_SHOWN:
        lines.append(f"      ... and {len(pair.evidence) - EVIDENCE_SHOWN} more passages")
    return "\n".join(lines)


def _where(item: Evidence) -> str:
    where = f"line {item.line}" if item.page is None else f"page {item.page} line {item.line}"
    return f"{where} ({item.strength.value})" if item.strength else where


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > EXCERPT_LENGTH:
        flat = flat[: EXCERPT_LENGTH - 1].rstrip() + "…"
    return f'"{flat}"'


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.3f}"
