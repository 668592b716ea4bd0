"""What to check and how: one ``Task`` per document or document set, with its settings.

Settings are resolved here, in the parent process and before any cache lookup, because they
are part of the cache key: the same file checked with other rules or as another type is
another result.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wpslint.config import Config, DocumentSet, PathSettings, Selector
from wpslint.config.selection import ALL, apply_layer, severity_overrides, validate
from wpslint.errors import ConfigError
from wpslint.paths import display_path, relative_path
from wpslint.rules.model import RuleSet
from wpslint.run.files import walk
from wpslint.run.globs import Globs


@dataclass(frozen=True, slots=True)
class Settings:
    """How one document is checked: its type (None: detect), the rules, severity changes."""

    doc_type: str | None
    doc_type_source: str
    rules: tuple[str, ...]
    severity: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Task:
    """One document to check: a file, or the member files of a document set."""

    name: str
    files: tuple[str, ...]
    settings: Settings
    is_set: bool = False


@dataclass(frozen=True, slots=True)
class Overrides:
    """Command-line options, which take precedence over the configuration."""

    doc_type: str | None = None
    select: tuple[Selector, ...] | None = None
    extend_select: tuple[Selector, ...] = ()
    ignore: tuple[Selector, ...] = ()


class Planner:
    """Turns the collected files into tasks, resolving settings once per combination."""

    def __init__(self, config: Config, rules: RuleSet, overrides: Overrides) -> None:
        self.config = config
        self.rules = rules
        self.overrides = overrides
        self._globs = [Globs([entry.glob]) for entry in config.per_path]
        self._resolved: dict[tuple[int, ...], Settings] = {}
        select = next(
            (s for s in (overrides.select, config.select) if s is not None), (Selector(ALL),)
        )
        extend = config.extend_select + overrides.extend_select
        ignore = config.ignore + overrides.ignore
        validate([*select, *extend, *ignore, *_path_selectors(config.per_path)], rules)
        self._base = apply_layer(frozenset(), rules.rules, [*select, *extend], ignore)

    def tasks(self, files: Sequence[Path]) -> list[Task]:
        """Tasks in the order of ``files``; a set comes where its first collected member is."""
        sets = self._set_members()
        tasks: list[Task] = []
        added: set[str] = set()
        for path in files:
            owner = sets.get(path.resolve()) if sets else None
            if owner is None:
                tasks.append(Task(str(path), (str(path),), self.settings_for(path)))
            elif owner[0].name not in added:
                document_set, members = owner
                added.add(document_set.name)
                settings = self.settings_for(Path(members[0]))
                tasks.append(Task(document_set.name, members, settings, is_set=True))
        return tasks

    def settings_for(self, path: Path) -> Settings:
        """The settings of the per-path entries whose glob matches ``path``, in order."""
        relative = relative_path(path, self.config.root)
        matching = tuple(i for i, globs in enumerate(self._globs) if globs.match(relative))
        if matching not in self._resolved:
            self._resolved[matching] = self._resolve([self.config.per_path[i] for i in matching])
        return self._resolved[matching]

    def _resolve(self, entries: list[PathSettings]) -> Settings:
        enabled = self._base
        doc_type, source = None, "detected"
        for entry in entries:
            enabled = apply_layer(enabled, self.rules.rules, entry.select, entry.ignore)
            if entry.doc_type is not None:
                doc_type, source = entry.doc_type, "config"
        if self.overrides.doc_type is not None:
            doc_type, source = self.overrides.doc_type, "option"
        levels = severity_overrides(self.rules.rules, [entry.severity for entry in entries])
        return Settings(
            doc_type=doc_type,
            doc_type_source=source,
            rules=tuple(rule.id for rule in self.rules.rules if rule.id in enabled),
            severity=tuple(sorted(levels.items())),
        )

    def _set_members(self) -> dict[Path, tuple[DocumentSet, tuple[str, ...]]]:
        """Each member file of a document set (resolved) -> its set and all its members."""
        owners: dict[Path, tuple[DocumentSet, tuple[str, ...]]] = {}
        if not self.config.document_sets:
            return owners
        root = self.config.root
        everything = [(path, relative_path(path, root)) for path in walk(root, lambda _: True)]
        for document_set in self.config.document_sets:
            members: dict[Path, None] = {}
            for pattern in document_set.globs:
                globs = Globs([pattern])
                members.update((path, None) for path, rel in everything if globs.match(rel))
            shown = tuple(display_path(path) for path in members)
            for path in members:
                if path in owners:
                    raise ConfigError(
                        f"{display_path(path)} is in two document sets, '{owners[path][0].name}' "
                        f"and '{document_set.name}'",
                        path=str(self.config.source) if self.config.source else None,
                    )
                owners[path] = (document_set, shown)
        return owners


def largest_first(tasks: Sequence[Task]) -> list[int]:
    """The indexes of ``tasks``, largest files first: the order workers take them in (and
    the reverse of the order documents are read ahead in). A long plan handed out last would
    keep one worker busy while the others had nothing left to do."""
    sizes = [sum(_size(path) for path in task.files) for task in tasks]
    return sorted(range(len(tasks)), key=lambda index: -sizes[index])


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker reports what is wrong with the file


def _path_selectors(entries: Sequence[PathSettings]) -> list[Selector]:
    return [s for e in entries for s in (*e.select, *e.ignore, *(k for k, _ in e.severity))]
