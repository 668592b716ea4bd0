"""Configuration files: discovery, precedence, strict validation with file:line errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wpslint.cli import main
from wpslint.config import find_config, load_config
from wpslint.config.tomlsource import key_lines
from wpslint.errors import ConfigError

DRAFT = "# Act\n\nThe Ministry should consider protecting women peacebuilders where possible.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def wpslint(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_no_configuration_gives_the_defaults_rooted_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config([tmp_path])
    assert config.source is None
    assert config.root == tmp_path.resolve()
    assert (config.fail_on, config.show, config.select) == ("error", "info", None)
    assert config.waivers_path == tmp_path.resolve() / "wpslint-waivers.yaml"


def test_found_upward_from_the_checked_path(tmp_path: Path) -> None:
    write(tmp_path / "wpslint.yaml", "fail-on: warning\n")
    draft = write(tmp_path / "plans" / "2025" / "draft.md", DRAFT)
    config = load_config([draft])
    assert config.source == tmp_path / "wpslint.yaml"
    assert config.root == tmp_path.resolve()
    assert config.fail_on == "warning"


def test_the_search_starts_where_all_checked_paths_meet(tmp_path: Path) -> None:
    write(tmp_path / "wpslint.yaml", "show: error\n")
    write(tmp_path / "a" / "wpslint.yaml", "show: warning\n")
    first = write(tmp_path / "a" / "x.md", DRAFT)
    second = write(tmp_path / "b" / "y.md", DRAFT)
    assert load_config([first]).show == "warning"
    assert load_config([first, second]).show == "error"


def test_precedence_within_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.wpslint]\nshow = 'info'\n")
    write(tmp_path / ".wpslint.yaml", "show: warning\n")
    assert find_config(tmp_path)[0].name == ".wpslint.yaml"
    write(tmp_path / "wpslint.yaml", "show: error\n")
    assert find_config(tmp_path)[0].name == "wpslint.yaml"


def test_a_pyproject_without_a_wpslint_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "wpslint.yaml", "show: error\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tmp_path / "sub")[0] == tmp_path / "wpslint.yaml"


def test_pyproject_table(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """\
        [project]
        name = "plans"

        [tool.wpslint]
        select = ["LEG", "emergency-relocation"]
        fail-on = "warning"
        jobs = 3
        cache = false

        [[tool.wpslint.per-path]]
        glob = "bills/**"
        type = "bill"

        [tool.wpslint.per-path.severity]
        LEG15 = "info"

        [tool.wpslint.document-sets]
        nap-2025 = ["nap/plan.pdf", "nap/annex-*.pdf"]
        """,
    )
    config = load_config([tmp_path])
    assert [s.text for s in config.select] == ["LEG", "emergency-relocation"]
    assert (config.fail_on, config.jobs, config.cache) == ("warning", 3, False)
    (entry,) = config.per_path
    assert (entry.glob, entry.doc_type) == ("bills/**", "bill")
    assert [(s.text, level) for s, level in entry.severity] == [("LEG15", "info")]
    assert config.document_sets[0].globs == ("nap/plan.pdf", "nap/annex-*.pdf")
    assert config.select[0].line == 5


def test_toml_key_lines_follow_tables_and_arrays_of_tables() -> None:
    lines = key_lines(
        "[tool.wpslint]\nshow = 'x'\n\n[[tool.wpslint.per-path]]\nglob = 'a'\n"
        "[[tool.wpslint.per-path]]\nglob = 'b'\n[tool.wpslint.per-path.severity]\nLEG = 'info'\n"
    )
    assert lines[("tool", "wpslint", "show")] == 2
    assert lines[("tool", "wpslint", "per-path", 0, "glob")] == 5
    assert lines[("tool", "wpslint", "per-path", 1, "glob")] == 7
    assert lines[("tool", "wpslint", "per-path", 1, "severity", "LEG")] == 9


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("selct: [LEG]\n", ":1", ["unknown setting 'selct'", "did you mean 'select'"]),
        ("show: warning\nextend_select: [LEG]\n", ":2", ["did you mean 'extend-select'"]),
        ("fail-on: sometimes\n", ":1", ["'fail-on' must be one of error, warning, info, never"]),
        ("jobs: 0\n", ":1", ["'jobs'"]),
        ("cache: maybe\n", ":1", ["'cache' must be true or false"]),
        ("select: LEG\n", ":1", ["'select' must be a list"]),
        ("per-path:\n  - type: bill\n", ":2", ["needs a 'glob'"]),
        ("per-path:\n  - glob: x\n    typ: bill\n", ":3", ["did you mean 'type'"]),
        ("per-path:\n  - glob: x\n    type: treaty\n", ":3", ["'type' must be one of"]),
        ("per-path:\n  - glob: x\n    severity: {LEG15: loud}\n", ":3", ["severity must be"]),
        ("document-sets:\n  nap: []\n", ":2", ["needs at least one glob"]),
        ("show: [\n", ":", ["invalid YAML"]),
        ("- just\n- a list\n", "", ["must be a mapping"]),
    ],
)
def test_invalid_configuration_is_one_error_line_with_file_and_line(
    tmp_path: Path, text: str, where: str, words: list[str]
) -> None:
    write(tmp_path / "wpslint.yaml", text)
    draft = write(tmp_path / "draft.md", DRAFT)
    result = wpslint("check", draft)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("wpslint: error: ")
    assert f"wpslint.yaml{where}" in line
    for word in words:
        assert word in line


def test_unknown_rule_selector_is_reported_where_it_was_written(tmp_path: Path) -> None:
    write(tmp_path / "wpslint.yaml", "show: info\nignore: [LEG155]\n")
    result = wpslint("check", write(tmp_path / "draft.md", DRAFT))
    assert result.exit_code == 2
    assert "wpslint.yaml:2: 'LEG155' matches no rule; did you mean LEG15" in result.stderr


def test_invalid_pyproject_table_is_located(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.wpslint]\nshw = 'x'\n")
    result = wpslint("check", write(tmp_path / "draft.md", DRAFT))
    assert result.exit_code == 2
    assert "pyproject.toml:5: unknown setting 'shw'; did you mean 'show'?" in result.stderr


def test_config_option_names_the_file(tmp_path: Path) -> None:
    write(tmp_path / "wpslint.yaml", "fail-on: never\n")
    strict = write(tmp_path / "ci" / "strict.yaml", "fail-on: info\n")
    draft = write(tmp_path / "draft.md", DRAFT)
    assert wpslint("check", draft).exit_code == 0
    assert wpslint("check", "--config", strict, draft).exit_code == 1


def test_config_option_with_a_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    toml = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool\.wpslint\] table"):
        load_config([tmp_path], toml)


def test_command_line_fail_on_overrides_the_configuration(tmp_path: Path) -> None:
    write(tmp_path / "wpslint.yaml", "fail-on: never\n")
    draft = write(tmp_path / "draft.md", DRAFT)
    assert wpslint("check", draft).exit_code == 0
    assert wpslint("check", "--fail-on", "warning", draft).exit_code == 1
