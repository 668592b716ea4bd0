"""Strict validation of a configuration mapping into a ``Config``.

A misspelt key would otherwise be a setting silently not applied (a check a team believes is
off, still failing the build), so every unknown key stops the run with its file and line and
the closest known key.
"""

from __future__ import annotations

import difflib
import math
from pathlib import Path
from typing import Any

from wpslint.config.model import FAIL_ON, SHOW, Config, DocumentSet, PathSettings, Selector
from wpslint.errors import ConfigError
from wpslint.findings import DOC_TYPES, Severity
from wpslint.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_TIMEOUT,
    Limits,
    parse_size,
)
from wpslint.rules.yamlsource import SourceMap

KEYS = (
    "select",
    "extend-select",
    "ignore",
    "fail-on",
    "show",
    "include",
    "exclude",
    "jobs",
    "cache",
    "per-path",
    "document-sets",
    "waivers",
    "max-pages",
    "max-bytes",
    "timeout",
    "assume-english",
)
PER_PATH_KEYS = ("glob", "type", "select", "ignore", "severity")
LEVELS = tuple(level.value for level in Severity)


def build_config(data: Any, source: Path, root: Path, display: str) -> Config:
    """Validate ``data`` (the file's mapping, or None for an empty file) into a ``Config``."""
    if data is None:
        return Config(root=root, source=source)
    if not isinstance(data, SourceMap):
        raise ConfigError("the configuration must be a mapping of settings", path=display)
    check_keys(data, KEYS, "setting")
    return Config(
        root=root,
        source=source,
        select=_selectors(data, "select") if "select" in data else None,
        extend_select=_selectors(data, "extend-select"),
        ignore=_selectors(data, "ignore"),
        fail_on=_choice(data, "fail-on", FAIL_ON, "error"),
        show=_choice(data, "show", SHOW, "info"),
        include=_strings(data, "include"),
        exclude=_strings(data, "exclude"),
        jobs=_jobs(data),
        cache=_flag(data, "cache", True),
        per_path=_per_path(data),
        document_sets=_document_sets(data),
        waivers=root / _text(data, "waivers") if "waivers" in data else None,
        limits=_limits(data),
        assume_english=_flag(data, "assume-english", False),
    )


def check_keys(data: SourceMap, known: tuple[str, ...], what: str) -> None:
    """Reject any key of ``data`` not in ``known``, suggesting the closest one."""
    for key in data:
        if key in known:
            continue
        close = difflib.get_close_matches(key.replace("_", "-").lower(), known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
        raise data.error(f"unknown {what} '{key}'{hint}", key)


def _selectors(data: SourceMap, key: str) -> tuple[Selector, ...]:
    path, line = data.where(key)
    return tuple(Selector(text, path, line) for text in _strings(data, key))


def _strings(data: SourceMap, key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise data.error(f"'{key}' must be a list of non-empty strings", key)
    return tuple(v.strip() for v in value)


def _text(data: SourceMap, key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise data.error(f"'{key}' must be a non-empty string", key)
    return value.strip()


def _choice(data: SourceMap, key: str, choices: tuple[str, ...], default: str) -> str:
    value = data.get(key, default)
    if value not in choices:
        raise data.error(f"'{key}' must be one of {', '.join(choices)}, not {value!r}", key)
    return str(value)


def _flag(data: SourceMap, key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise data.error(f"'{key}' must be true or false", key)
    return value


def _jobs(data: SourceMap) -> int | None:
    value = data.get("jobs")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise data.error("'jobs' must be a whole number of processes, at least 1", "jobs")
    return value


def _limits(data: SourceMap) -> Limits:
    """The built-in limits, with those the file sets in their place."""
    pages = data.get("max-pages", DEFAULT_MAX_PAGES)
    size = data.get("max-bytes", DEFAULT_MAX_BYTES)
    seconds = data.get("timeout", DEFAULT_TIMEOUT)
    return Limits(
        max_pages=_limit(data, "max-pages", pages, int, "a whole number of pages"),
        max_bytes=_limit(
            data,
            "max-bytes",
            parse_size(size) if isinstance(size, str) else size,
            int,
            "a size such as 5000000, 500K, 200M or 1G",
        ),
        timeout=_limit(data, "timeout", seconds, (int, float), "a number of seconds"),
    )


def _limit(data: SourceMap, key: str, value: Any, kinds: type | tuple[type, ...], what: str) -> Any:
    """``value`` as the limit ``key``, None for 0 as on the command line; a negative or
    non-numeric value is an error, not a limit silently switched off."""
    if (
        isinstance(value, bool)
        or not isinstance(value, kinds)
        or (isinstance(value, float) and not math.isfinite(value))
        or value < 0
    ):
        raise data.error(f"'{key}' must be {what} (0: no limit)", key)
    return value or None


def _per_path(data: SourceMap) -> tuple[PathSettings, ...]:
    entries = data.get("per-path", [])
    if not isinstance(entries, list) or not all(isinstance(e, SourceMap) for e in entries):
        raise data.error("'per-path' must be a list of mappings, each with a 'glob'", "per-path")
    settings = []
    for entry in entries:
        check_keys(entry, PER_PATH_KEYS, "per-path setting")
        if "glob" not in entry:
            raise entry.error("a per-path entry needs a 'glob'")
        doc_type = entry.get("type")
        if doc_type is not None and doc_type not in DOC_TYPES:
            raise entry.error(f"'type' must be one of {', '.join(DOC_TYPES)}", "type")
        settings.append(
            PathSettings(
                glob=_text(entry, "glob"),
                doc_type=doc_type,
                select=_selectors(entry, "select"),
                ignore=_selectors(entry, "ignore"),
                severity=_severities(entry),
            )
        )
    return tuple(settings)


def _severities(entry: SourceMap) -> tuple[tuple[Selector, str], ...]:
    if "severity" not in entry:
        return ()
    levels = entry["severity"]
    if not isinstance(levels, SourceMap):
        raise entry.error("'severity' must map rule ids, names or prefixes to a level", "severity")
    overrides = []
    for key, level in levels.items():
        if level not in LEVELS:
            raise levels.error(f"severity must be one of {', '.join(LEVELS)}", key)
        path, line = levels.where(key)
        overrides.append((Selector(key, path, line), level))
    return tuple(overrides)


def _document_sets(data: SourceMap) -> tuple[DocumentSet, ...]:
    if "document-sets" not in data:
        return ()
    sets = data["document-sets"]
    if not isinstance(sets, SourceMap):
        raise data.error("'document-sets' must map a set name to a list of globs", "document-sets")
    result = []
    for name in sets:
        globs = _strings(sets, name)
        if not globs:
            raise sets.error(f"document set '{name}' needs at least one glob", name)
        result.append(DocumentSet(name=name.strip(), globs=globs))
    return tuple(result)
