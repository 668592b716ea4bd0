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
import gc
from collections.abc import Iterable, Sequence
from pathlib import Path

from wpslint import __version__, collector
from wpslint.doctype import DocTypeDetector
from wpslint.document import Document
from wpslint.errors import EMPTY, DocumentError
from wpslint.findings import DOC_TYPES, CheckResult, DocumentReport, ReadFailure, RunResult, Status
from wpslint.ingest import discover, read_document
from wpslint.ingest.text import parse_text
from wpslint.limits import Limits, budget, check_text_length
from wpslint.nlp.analysis import analyse
from wpslint.nlp.language import NOT_CHECKED, LanguageProfile, assess, profile
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
        limits: Limits | None = None,
        assume_english: bool = False,
    ) -> None:
        """``limits`` bound each file's size, pages and time (see ``wpslint.limits``);
        ``assume_english`` checks documents whatever their language.

        The compiled rules are hundreds of thousands of objects that live as long as the
        linter. They are moved out of the garbage collector's sweeps (``gc.freeze``, which
        takes every object alive now): the full collections that a long plan's allocations
        set off walked them all, a tenth of the time of checking a 100-page plan.
        """
        self.limits = limits or Limits()
        self.assume_english = assume_english
        with collector.paused():  # it would only walk what is being built
            self.ruleset = ruleset or load_rules()
            self.pipeline = pipeline or load_pipeline()
            self.engine = Engine(self.ruleset, self.pipeline, use_parser=use_parser)
            self.detector = DocTypeDetector(self.ruleset.doctype_cues, self.pipeline)
        gc.freeze()

    def check_document(
        self,
        document: Document,
        *,
        doc_type: str | None = None,
        rules: Iterable[Rule] | None = None,
        assume_english: bool | None = None,
        language: LanguageProfile | None = None,
    ) -> DocumentReport:
        """Check a document already read; ``doc_type`` overrides detection, and ``language``
        is the text's profile when it was measured already (``wpslint.nlp.language.profile``).
        Raises ``DocumentError`` (``empty``) for a document without text.

        A document with too little English is not checked: English rules would report every
        protection missing. Its checks are ``not_applicable`` and a warning says why, unless
        ``assume_english`` (default: the linter's setting) asks for the check anyway.
        """
        if doc_type is not None and doc_type not in DOC_TYPES:
            raise ValueError(f"unknown document type {doc_type!r}; use one of {DOC_TYPES}")
        if not document.text.strip():
            raise DocumentError(document.path, EMPTY, "no text to check")
        with collector.paused():
            return self._check(document, doc_type, rules, assume_english, language)

    def _check(
        self,
        document: Document,
        doc_type: str | None,
        rules: Iterable[Rule] | None,
        assume_english: bool | None,
        language: LanguageProfile | None,
    ) -> DocumentReport:
        if assume_english is None:
            assume_english = self.assume_english
        language = language or profile(document.text)
        assessment = assess(language, assume_english=assume_english)
        analysis = analyse(document, self.pipeline)
        detected = doc_type or self.detector.detect(analysis.doc, document.text).doc_type
        chosen = self.ruleset.rules if rules is None else list(rules)
        pipeline = self.pipeline.name
        if assessment.check:
            evaluation = self.engine.evaluate(analysis, detected, chosen)
            checks = evaluation.checks
            if evaluation.grammar:
                pipeline += f"; grammar: {evaluation.grammar}"
        else:
            checks = [
                CheckResult(
                    rule.info, Status.NOT_APPLICABLE, rule.severity_for(detected), NOT_CHECKED
                )
                for rule in chosen
            ]
        return DocumentReport(
            path=document.path,
            doc_type=detected,
            doc_type_source="option" if doc_type else "detected",
            language=language.language,
            pages=document.pages,
            pipeline=pipeline,
            checks=checks,
            warnings=[*document.warnings, *assessment.warnings],
        )

    def check_file(
        self, path: str | Path, *, doc_type: str | None = None, password: str | None = None
    ) -> DocumentReport:
        """Read and check one file within the linter's limits; raises ``DocumentError`` when it
        cannot be read, or not within the limits."""
        limits = self.limits
        with budget(str(path), limits.timeout):
            document = read_document(
                path, password=password, max_pages=limits.max_pages, max_bytes=limits.max_bytes
            )
            return self.check_document(document, doc_type=doc_type)

    def check_text(
        self,
        text: str,
        *,
        doc_type: str | None = None,
        rules: Iterable[Rule] | None = None,
        path: str = "<text>",
    ) -> DocumentReport:
        """Check text given as a string (plain text or Markdown) within the linter's limits."""
        check_text_length(path, len(text))
        with budget(path, self.limits.timeout):
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
