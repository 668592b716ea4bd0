"""YAML loading gives what PyYAML's SafeLoader gives, with the file and line of each mapping."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from wpslint.errors import ConfigError
from wpslint.rules.yamlsource import _BASE_LOADER, SourceMap, load_yaml

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    [
        *ROOT.joinpath("rules").rglob("*.yaml"),
        *ROOT.joinpath("corpus", "labels").glob("*.yaml"),
        *ROOT.glob("*.yaml"),
        *ROOT.joinpath("tests").rglob("*.yaml"),
        *ROOT.joinpath("docs").rglob("*.yaml"),
    ]
)

TRICKY = """\
words: [yes, no, on, off, True, NULL, ~, "yes", 'off', plain text, '']
numbers: [1, -2, 0x1F, 0o17, 017, 1_000, 190:20:30, 1.5e3, .inf, -.Inf, .nan]
dates: [2002-12-14, 2001-12-14t21:59:43.10-05:00]
tagged: [!!str 12, !!float 3, !!binary aGVsbG8=]
empty:
quoted keys: {"1": one, 'true': two}
base: &base {x: 1, y: [a, b]}
merged:
  <<: *base
  z: 3
merged from list:
  <<: [*base, {w: 4}]
shared: &shared [s, {t: u}]
again: *shared
set: !!set {p, q}
omap: !!omap [{k: v}, {l: [m]}]
pairs: !!pairs [{k: v}]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sample.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def mappings(value: Any) -> list[dict[Any, Any]]:
    """Every mapping inside ``value`` (sets, tuples and scalars hold none here)."""
    if isinstance(value, dict):
        return [value, *(found for item in value.values() for found in mappings(item))]
    if isinstance(value, list):
        return [found for item in value for found in mappings(item)]
    return []


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_repository_yaml_loads_as_safe_loader_does(path: Path) -> None:
    expected = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    loaded = load_yaml(path, display="shown.yaml")
    assert loaded == expected
    assert all(
        isinstance(found, SourceMap) and found.path == "shown.yaml" for found in mappings(loaded)
    )


def test_rule_packs_are_among_the_compared_files() -> None:
    assert sum(path.parent.name == "rules" for path in YAML_FILES) >= 5


def test_yaml_1_1_scalars_tags_merges_and_aliases_are_unchanged(tmp_path: Path) -> None:
    loaded = load_yaml(write(tmp_path, TRICKY))
    assert loaded == yaml.load(TRICKY, Loader=yaml.SafeLoader)
    assert loaded["words"][:6] == [True, False, True, False, True, None]
    assert loaded["merged"] == {"x": 1, "y": ["a", "b"], "z": 3}
    assert loaded["again"] is loaded["shared"]
    assert loaded["merged"]["y"] is loaded["base"]["y"]


def test_lines_of_mappings_and_keys(tmp_path: Path) -> None:
    loaded = load_yaml(
        write(
            tmp_path,
            """\
            # comment
            top: 1
            items:
              - name: a
                value: {inner: 2}
              - name: b
            base: &base {x: 1}
            merged:
              <<: *base
              y: 2
            """,
        ),
        display="rules/X.yaml",
    )
    assert (loaded.path, loaded.line) == ("rules/X.yaml", 2)
    assert loaded.key_lines == {"top": 2, "items": 3, "base": 7, "merged": 8}
    first, second = loaded["items"]
    assert (first.line, first.key_lines) == (4, {"name": 4, "value": 5})
    assert (first["value"].line, first["value"].key_lines) == (5, {"inner": 5})
    assert second.where("name") == ("rules/X.yaml", 6)
    assert loaded["merged"].key_lines == {"x": 7, "y": 10}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: 1\nb:\n  - c: 2\n    c: 3\n", "duplicate key 'c'", 4),
        ("base: &b {x: 1}\nuse:\n  <<: *b\n  x: 2\n", "duplicate key 'x'", 4),
        ("a:\n  1: x\n", "keys must be text, not 1", 2),
        ("yes: x\n", "keys must be text, not True", 1),
        ("a:\n  ? [1, 2]\n  : x\n", "keys must be text, not [1, 2]", 2),
        ("a: &r {b: *r}\n", "invalid YAML: found unconstructable recursive node", 1),
        ("a: &r [*r]\n", "invalid YAML: found unconstructable recursive node", 1),
        ("a: !foo bar\n", "invalid YAML: could not determine a constructor for the tag '!foo'", 1),
        ("a: !!str {b: c}\n", "invalid YAML: expected a scalar node, but found mapping", 1),
    ],
)
def test_mistakes_are_config_errors_with_file_and_line(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_yaml(write(tmp_path, text), display="bad.yaml")
    assert str(caught.value) == f"bad.yaml:{line}: {message}"
    assert (caught.value.path, caught.value.line) == ("bad.yaml", line)


@pytest.mark.parametrize(
    "text", ["a: [\n", "a: b\n c: d\n", "a:\n\t- b\n", "a: 1\n---\nb: 2\n", "a: 'open\n"]
)
def test_syntax_errors_keep_pyyaml_problem_and_line(tmp_path: Path, text: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as parsed:
        yaml.load(text, Loader=_BASE_LOADER)
    mark = parsed.value.problem_mark or parsed.value.context_mark
    assert mark is not None
    with pytest.raises(ConfigError) as caught:
        load_yaml(write(tmp_path, text), display="bad.yaml")
    problem = parsed.value.problem or parsed.value.context
    assert str(caught.value) == f"bad.yaml:{mark.line + 1}: invalid YAML: {problem}"
