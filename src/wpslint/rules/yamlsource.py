"""YAML loading that remembers where every mapping came from.

Rule packs and configuration are written by people; a mistake must be reported as
``rules/LEG.yaml:42: unknown key 'scop'``, so every mapping loaded here knows its file and
line. Duplicate keys, which PyYAML silently overwrites, are errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from wpslint.errors import ConfigError


class SourceMap(dict):
    """A mapping loaded from YAML, with the file and line of itself and of each key."""

    path: str
    line: int
    key_lines: dict[str, int]

    def where(self, key: str | None = None) -> tuple[str, int]:
        """File and line of ``key`` (or of the mapping itself)."""
        return self.path, self.key_lines.get(key, self.line) if key else self.line

    def error(self, message: str, key: str | None = None) -> ConfigError:
        path, line = self.where(key)
        return ConfigError(message, path=path, line=line)


#: libyaml's parser when PyYAML was built with it: it loads the rule packs about seven times
#: faster, which every command pays at start-up (a warm-cache run pays little else).
_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _loader_for(path: str) -> type[yaml.SafeLoader]:
    class Loader(_BASE_LOADER):  # type: ignore[valid-type,misc]
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> SourceMap:
        loader.flatten_mapping(node)
        mapping = SourceMap()
        mapping.path = path
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise ConfigError(f"keys must be text, not {key!r}", path=path, line=line)
            if key in mapping:
                raise ConfigError(f"duplicate key '{key}'", path=path, line=line)
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.key_lines[key] = line
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Parse one YAML file; syntax errors become a ``ConfigError`` with file and line."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read: {error}", path=shown) from None
    try:
        return yaml.load(text, Loader=_loader_for(shown))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise ConfigError(f"invalid YAML: {problem}", path=shown, line=line) from None
    except yaml.YAMLError as error:
        raise ConfigError(f"invalid YAML: {error}", path=shown) from None
