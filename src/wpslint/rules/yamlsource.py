"""YAML loading that remembers where every mapping came from.

Rule packs and configuration are written by people; a mistake must be reported as
``rules/LEG.yaml:42: unknown key 'scop'``, so every mapping loaded here knows its file and
line. Duplicate keys, which PyYAML silently overwrites, are errors.
"""

from __future__ import annotations

from collections.abc import Callable
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
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class _Loader(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader, making every mapping a ``SourceMap`` that knows where it came from.

    libyaml composes the nodes, but PyYAML builds the objects in pure Python: for the rule
    packs (~26,000 nodes, four in five plain text) its ``construct_object`` dispatch took
    ~29 of the ~76 ms that loading them cost. Below a mapping, ``construct_deep`` builds
    text, lists and mappings directly and leaves every other tag (bool, int, null,
    timestamp, ``!!set``, ...) and every alias to that machinery, so values, shared objects
    and errors are exactly as before. Construction now takes ~10 ms and ``load_ruleset``
    ~73 ms instead of ~92; most of what is left is libyaml composing (~48 ms).
    """

    path: str

    def construct_deep(self, node: yaml.Node) -> Any:
        """``construct_object(node, deep=True)``, with its dispatch inlined for the common tags."""
        tag = node.tag
        if tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
            return node.value
        if tag == _SEQ_TAG and isinstance(node, yaml.SequenceNode):
            build: Callable[[Any], Any] = self.construct_list
        elif tag == _MAP_TAG and isinstance(node, yaml.MappingNode):
            build = self.construct_source_map
        else:
            return self.construct_object(node, deep=True)
        if node in self.constructed_objects or node in self.recursive_objects:
            # An alias: the value built already, or PyYAML's error for a recursive one.
            return self.construct_object(node, deep=True)
        self.recursive_objects[node] = None
        data = self.constructed_objects[node] = build(node)
        del self.recursive_objects[node]
        return data

    def construct_list(self, node: yaml.SequenceNode) -> list[Any]:
        return [self.construct_deep(child) for child in node.value]

    def construct_source_map(self, node: yaml.MappingNode) -> SourceMap:
        self.flatten_mapping(node)
        mapping = SourceMap()
        mapping.path = self.path
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_deep(key_node)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise ConfigError(f"keys must be text, not {key!r}", path=self.path, line=line)
            if key in mapping:
                raise ConfigError(f"duplicate key '{key}'", path=self.path, line=line)
            mapping[key] = self.construct_deep(value_node)
            mapping.key_lines[key] = line
        return mapping


_Loader.add_constructor(_MAP_TAG, _Loader.construct_source_map)


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Parse one YAML file; syntax errors become a ``ConfigError`` with file and line."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read: {error}", path=shown) from None
    try:
        return _parse(text, shown)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise ConfigError(f"invalid YAML: {problem}", path=shown, line=line) from None
    except yaml.YAMLError as error:
        raise ConfigError(f"invalid YAML: {error}", path=shown) from None


def _parse(text: str, path: str) -> Any:
    loader = _Loader(text)
    loader.path = path
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
