"""The Python API: check files, folders or text against the WPS protection checklist.

    >>> from wpslint.api import Linter
    >>> linter = Linter()                       # loads rules and the spaCy pipeline once
    >>> result = linter.check_paths(["plans/"]) # a RunResult, as the JSON report shows it
    >>> [c.rule.id for c in result.documents[0].findings]

``check_paths`` and ``check_text`` are shortcuts that share one default ``Linter``.
Researchers checking hundreds of plans should hold a ``Linter`` and reuse it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from wpslint import __version__
from wpslint.doctype import DocTypeDetector
from wpslint.document import Document
from wpslint.errors import DocumentError
from wpslint.findings import DOC_TYPES, DocumentReport, ReadFailure, RunResult
from wpslint.ingest import discover, read_document
from wpslint.ingest.text import parse_text
from wpslint.nlp.analysis import analyse
from wpslint.nlp.language import detect_language
from wpslint.nlp.pipeline import Pipeline, load_pipeline
from wpslint.rules.engine import Engine
from wpslint.rules.loader import load_ruleset
from wpslint.rules.model import Rule, RuleSet


def load_rules(rules_dir: str | Path | None = None) -> RuleSet:
    """The validated rule set from ``rules_dir`` (default: the packs shipped with wpslint)."""
    return load_ruleset(Path(rules_dir) if rules_dir else None)


class Linter:
    """Rules, pipeline and compiled matchers, ready to check any number of documents."""

    def __init__(
        self,
        ruleset: RuleSet | None = None,
        pipeline: Pipeline | None = None,
        *,
        use_parser: bool = True,
    ) -> None:
        self.ruleset = ruleset or load_rules()
        self.pipeline = pipeline or load_pipeline()
        self.engine = Engine(self.ruleset, self.pipeline, use_parser=use_parser)
        self.detector = DocTypeDetector(self.ruleset.doctype_cues, self.pipeline)

    def check_document(
        self,
        document: Document,
        *,
        doc_type: str | None = None,
        rules: Iterable[Rule] | None = None,
    ) -> DocumentReport:
        """Check a document already read; ``doc_type`` overrides detection."""
        if doc_type is not None and doc_type not in DOC_TYPES:
            raise ValueError(f"unknown document type {doc_type!r}; use one of {DOC_TYPES}")
        analysis = analyse(document, self.pipeline)
        detected = doc_type or self.detector.detect(analysis.doc).doc_type
        evaluation = self.engine.evaluate(analysis, detected, rules)
        pipeline = self.pipeline.name
        if evaluation.grammar:
            pipeline += f"; grammar: {evaluation.grammar}"
        return DocumentReport(
            path=document.path,
            doc_type=detected,
            doc_type_source="option" if doc_type else "detected",
            language=detect_language(document.text),
            pages=document.pages,
            pipeline=pipeline,
            checks=evaluation.checks,
        )

    def check_file(
        self, path: str | Path, *, doc_type: str | None = None, password: str | None = None
    ) -> DocumentReport:
        """Read and check one file; raises ``DocumentError`` when it cannot be read."""
        return self.check_document(read_document(path, password=password), doc_type=doc_type)

    def check_text(
        self,
        text: str,
        *,
        doc_type: str | None = None,
        rules: Iterable[Rule] | None = None,
        path: str = "<text>",
    ) -> DocumentReport:
        """Check text given as a string (plain text or Markdown)."""
        return self.check_document(parse_text(text, path), doc_type=doc_type, rules=rules)

    def check_paths(
        self,
        paths: Sequence[str | Path],
        *,
        doc_type: str | None = None,
        password: str | None = None,
    ) -> RunResult:
        """Check files and folders (recursively); unreadable files go to ``errors``."""
        reports: list[DocumentReport] = []
        failures: list[ReadFailure] = []
        for path in discover(paths):
            try:
                reports.append(self.check_file(path, doc_type=doc_type, password=password))
            except DocumentError as error:
                failures.append(ReadFailure(error.path, error.code, error.message))
        return RunResult(
            documents=reports,
            errors=failures,
            version=__version__,
            pipeline=self.pipeline.name,
            rules_sha256=self.ruleset.sha256,
        )


def default_linter() -> Linter:
    """The shared linter with the shipped rules, built on first use."""
    return _linter(None)


@functools.lru_cache(maxsize=8)
def _linter(rules: RuleSet | None) -> Linter:
    """One compiled linter per rule set, so repeated calls do not recompile the matchers."""
    return Linter(rules)


def check_paths(
    paths: Sequence[str | Path],
    *,
    doc_type: str | None = None,
    rules: RuleSet | None = None,
    password: str | None = None,
) -> RunResult:
    """Check files and folders with the shipped rules (or ``rules``)."""
    return _linter(rules).check_paths(paths, doc_type=doc_type, password=password)


def check_text(
    text: str,
    *,
    doc_type: str | None = None,
    rules: RuleSet | None = None,
    path: str = "<text>",
) -> DocumentReport:
    """Check a text given as a string with the shipped rules (or ``rules``)."""
    return _linter(rules).check_text(text, doc_type=doc_type, path=path)
