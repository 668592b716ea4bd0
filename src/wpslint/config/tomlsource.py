"""``[tool.wpslint]`` from pyproject.toml, as the same located mappings YAML gives.

``tomllib`` returns plain dicts without positions. The lines of keys and table headers are
found by scanning the file, so a mistake in pyproject.toml is reported as
``pyproject.toml:14: unknown key 'selct'`` just like one in wpslint.yaml, and the validation
code is shared.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from wpslint.errors import ConfigError
from wpslint.rules.yamlsource import SourceMap

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 installs tomli (see pyproject.toml)
    import tomli as tomllib

TABLE = ("tool", "wpslint")

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_BARE = r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'"""
_KEY = re.compile(rf"^\s*((?:{_BARE})(?:\s*\.\s*(?:{_BARE}))*)\s*=")

KeyPath = tuple[str | int, ...]


def load_pyproject_table(path: Path, display: str | None = None) -> SourceMap | None:
    """The ``[tool.wpslint]`` table of a pyproject.toml, or None when it has none."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read: {error}", path=shown) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None) or _line_from_message(str(error))
        raise ConfigError(f"invalid TOML: {str(error).split(' (at')[0]}", shown, line) from None
    table = data.get("tool", {}).get("wpslint")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError("[tool.wpslint] must be a table", path=shown)
    return _located(table, TABLE, key_lines(text), shown, 1)


def key_lines(text: str) -> dict[KeyPath, int]:
    """The first line of each table header and key, by its full key path.

    Arrays of tables get an index in the path: the second ``[[tool.wpslint.per-path]]``
    entry's ``glob`` is ``("tool", "wpslint", "per-path", 1, "glob")``.
    """
    lines: dict[KeyPath, int] = {}
    table: KeyPath = ()
    arrays: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _HEADER.match(line):
            parts = _split(header[2])
            table = _resolve(parts, arrays)
            if header[1] == "[[":
                arrays[parts] = arrays.get(parts, -1) + 1
                table = (*table, arrays[parts])
            lines.setdefault(table, number)
        elif key := _KEY.match(line):
            lines.setdefault((*table, *_split(key[1])), number)
    return lines


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(_BARE, dotted))


def _resolve(parts: tuple[str, ...], arrays: dict[tuple[str, ...], int]) -> KeyPath:
    """A header's path, with the current index after every array-of-tables prefix."""
    resolved: list[str | int] = []
    for end in range(1, len(parts) + 1):
        resolved.append(parts[end - 1])
        if end < len(parts) and parts[:end] in arrays:
            resolved.append(arrays[parts[:end]])
    return tuple(resolved)


def _located(value: Any, at: KeyPath, lines: dict[KeyPath, int], path: str, line: int) -> Any:
    """``value`` with every mapping turned into a ``SourceMap`` that knows its lines."""
    line = lines.get(at, line)
    if isinstance(value, dict):
        mapping = SourceMap()
        mapping.path = path
        mapping.line = line
        mapping.key_lines = {}
        for key, item in value.items():
            key_line = lines.get((*at, key), line)
            mapping.key_lines[key] = key_line
            mapping[key] = _located(item, (*at, key), lines, path, key_line)
        return mapping
    if isinstance(value, list):
        return [_located(item, (*at, index), lines, path, line) for index, item in enumerate(value)]
    return value


def _line_from_message(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found[1]) if found else None
