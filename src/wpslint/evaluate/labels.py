"""Load and validate the ground-truth label files of a corpus (``labels/<document>.yaml``).

The labels are the accuracy benchmark. A mistake in them (an id no check has, a check left
unlabelled, a document that is not there, ``weak`` on a harmful provision) would silently
skew every score computed from them, so each one stops the evaluation with the file and line.
All problems of all files are collected first, so one run lists everything to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from wpslint.errors import ConfigError, WpslintError
from wpslint.findings import DOC_TYPES, Kind
from wpslint.rules.model import RuleSet
from wpslint.rules.yamlsource import SourceMap, load_yaml

#: Where the label files sit, below the corpus folder.
LABEL_DIR = "labels"
FILE_KEYS = ("document", "doc_type", "evidence_source", "labels")
REQUIRED_FILE_KEYS = ("document", "doc_type", "labels")
ENTRY_KEYS = ("present", "weak", "applicable", "evidence", "note")
#: A checklist id: section prefix and number (LEG01); the prefix must be a known section.
CHECK_ID = re.compile(r"^([A-Z]{2,6})\d{2,3}$")


@dataclass(frozen=True, slots=True)
class CheckLabel:
    """What a careful reader found for one check in one document."""

    present: bool
    weak: bool = False
    applicable: bool = True
    evidence: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentLabels:
    """The labels of one document: its expected type and one label per checklist id."""

    source: Path
    document: Path
    doc_type: str
    checks: dict[str, CheckLabel]

    @property
    def name(self) -> str:
        return self.document.name


class LabelError(WpslintError):
    """Invalid label files; ``problems`` holds one ``file:line: message`` per mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def load_labels(corpus_dir: Path, ruleset: RuleSet) -> list[DocumentLabels]:
    """Every label file of ``corpus_dir``, validated; raises ``LabelError`` listing all problems.

    A file must label every check a rule implements and every id the other label files
    label (they all cover the same checklist), so an id left out anywhere is reported.
    """
    files = sorted((corpus_dir / LABEL_DIR).glob("*.yaml"))
    if not files:
        raise LabelError([f"{corpus_dir / LABEL_DIR}: no label files (*.yaml) found"])
    problems: list[str] = []
    loaded = [_load_file(path, corpus_dir, ruleset, problems) for path in files]
    valid = [labels for labels in loaded if labels is not None]
    expected = {rule.id for rule in ruleset.rules}.union(*(labels.checks for labels in valid))
    for labels in valid:
        missing = sorted(expected - set(labels.checks))
        if missing:
            problems.append(
                f"{labels.source}: no label for {', '.join(missing)} (every label file labels "
                "every check that a rule or another label file names)"
            )
    if problems:
        raise LabelError(problems)
    return valid


def _load_file(
    path: Path, corpus_dir: Path, ruleset: RuleSet, problems: list[str]
) -> DocumentLabels | None:
    """One label file, or None after adding its problems to ``problems``."""
    try:
        data = load_yaml(path)
    except ConfigError as error:
        problems.append(str(error))
        return None
    if not isinstance(data, SourceMap):
        problems.append(f"{path}: a label file must be a mapping with {', '.join(FILE_KEYS)}")
        return None
    found = len(problems)
    _check_keys(data, FILE_KEYS, REQUIRED_FILE_KEYS, "label file", problems)
    _check_header(data, path, corpus_dir, problems)
    entries = data.get("labels")
    if not isinstance(entries, SourceMap):
        _problem(data, "labels", "'labels' must map each check id to its label", problems)
        return None
    checks: dict[str, CheckLabel] = {}
    for check in entries:
        label = _entry(entries, check, ruleset, problems)
        if _known_id(entries, check, ruleset, problems) and label is not None:
            checks[check] = label
    if len(problems) > found:
        return None
    return DocumentLabels(
        source=path, document=corpus_dir / path.stem, doc_type=str(data["doc_type"]), checks=checks
    )


def _check_header(data: SourceMap, path: Path, corpus_dir: Path, problems: list[str]) -> None:
    """Check the keys naming the document, its type and the file the quotes come from."""
    document = data.get("document")
    if "document" in data and document != path.stem:
        _problem(
            data,
            "document",
            f"'document' must be {path.stem!r}, the label file's name without .yaml",
            problems,
        )
    elif document is not None and not (corpus_dir / document).is_file():
        _problem(
            data,
            "document",
            f"labels a document that is not there: {corpus_dir / document}",
            problems,
        )
    if "doc_type" in data and data["doc_type"] not in DOC_TYPES:
        _problem(
            data,
            "doc_type",
            f"unknown doc_type {data['doc_type']!r}; use one of {', '.join(DOC_TYPES)}",
            problems,
        )
    source = data.get("evidence_source")
    if "evidence_source" in data and not (
        isinstance(source, str) and (corpus_dir / source).is_file()
    ):
        _problem(
            data,
            "evidence_source",
            f"evidence_source is not a file in {corpus_dir}: {source!r}",
            problems,
        )


def _known_id(entries: SourceMap, check: str, ruleset: RuleSet, problems: list[str]) -> bool:
    """Whether ``check`` has the form of a checklist id in one of the rule set's sections."""
    match = CHECK_ID.match(check)
    if match and (not ruleset.sections or match.group(1) in ruleset.sections):
        return True
    _problem(entries, check, f"unknown check id {check!r}", problems)
    return False


def _entry(
    entries: SourceMap, check: str, ruleset: RuleSet, problems: list[str]
) -> CheckLabel | None:
    """The label of one check, or None after reporting why it is invalid."""
    entry = entries[check]
    if not isinstance(entry, SourceMap):
        _problem(
            entries,
            check,
            f'{check}: the label must be a mapping such as {{present: true, evidence: "..."}}',
            problems,
        )
        return None
    found = len(problems)
    _check_keys(entry, ENTRY_KEYS, ("present",), check, problems)
    flags = {
        key: entry.get(key, default)
        for key, default in (("present", False), ("weak", False), ("applicable", True))
    }
    texts = {key: entry.get(key) for key in ("evidence", "note")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            _problem(entry, key, f"{check}: '{key}' must be true or false", problems)
    for key, value in texts.items():
        if value is not None and not (isinstance(value, str) and value.strip()):
            _problem(entry, key, f"{check}: '{key}' must be non-empty text", problems)
    rule = ruleset.get(check)
    if flags["weak"] is True and flags["present"] is not True:
        _problem(entry, "weak", f"{check}: 'weak: true' needs 'present: true'", problems)
    if flags["weak"] is True and rule is not None and rule.kind is not Kind.REQUIREMENT:
        _problem(
            entry,
            "weak",
            f"{check}: only requirements can be weak, not {rule.kind.value} checks",
            problems,
        )
    if flags["applicable"] is False and flags["present"] is not False:
        _problem(
            entry, "present", f"{check}: a check that does not apply cannot be present", problems
        )
    if len(problems) > found:
        return None
    return CheckLabel(
        present=flags["present"],
        weak=flags["weak"],
        applicable=flags["applicable"],
        evidence=texts["evidence"],
        note=texts["note"],
    )


def _check_keys(
    data: SourceMap,
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    what: str,
    problems: list[str],
) -> None:
    for key in data:
        if key not in allowed:
            _problem(
                data,
                key,
                f"{what}: unknown key {key!r} (expected one of {', '.join(allowed)})",
                problems,
            )
    missing = [key for key in required if key not in data]
    if missing:
        _problem(data, None, f"{what}: missing {', '.join(missing)}", problems)


def _problem(data: SourceMap, key: str | None, message: str, problems: list[str]) -> None:
    """Record ``message`` located at ``key`` of ``data`` (or at ``data`` itself)."""
    path, line = data.where(key)
    problems.append(f"{path}:{line}: {message}")
