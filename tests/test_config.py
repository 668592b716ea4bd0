"""Configuration files: discovery, precedence, strict validation with file:line errors."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import bad_files
from fixtures import make_pdf
from wpslint.cli import main
from wpslint.cli.limit_options import limits_from
from wpslint.config import find_config, load_config
from wpslint.config.tomlsource import key_lines
from wpslint.errors import ConfigError
from wpslint.limits import Limits

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
        ("show: info\nmax-pages: -1\n", ":2", ["'max-pages' must be a whole number of pages"]),
        ("max-pages: 1.5\n", ":1", ["'max-pages' must be a whole number"]),
        ("max-pages: true\n", ":1", ["'max-pages' must be a whole number"]),
        ("max-bytes: lots\n", ":1", ["'max-bytes' must be a size such as 5000000, 500K"]),
        ("max-bytes: -5\n", ":1", ["'max-bytes' must be a size"]),
        ("max-bytes: [50M]\n", ":1", ["'max-bytes' must be a size"]),
        ("show: info\n\ntimeout: soon\n", ":3", ["'timeout' must be a number of seconds"]),
        ("timeout: -0.5\n", ":1", ["'timeout' must be a number of seconds (0: no limit)"]),
        ("timeout: .inf\n", ":1", ["'timeout' must be a number of seconds"]),
        ("assume-english: 1\n", ":1", ["'assume-english' must be true or false"]),
        ("max_pages: 5\n", ":1", ["did you mean 'max-pages'"]),
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


# -- per-document limits and the language switch -----------------------------------------


def test_limits_and_language_from_the_configuration(tmp_path: Path) -> None:
    assert load_config([tmp_path]).limits == Limits()
    write(
        tmp_path / "wpslint.yaml",
        "max-pages: 10\nmax-bytes: 50M\ntimeout: 2.5\nassume-english: true\n",
    )
    config = load_config([tmp_path])
    assert config.limits == Limits(max_pages=10, max_bytes=50 * 2**20, timeout=2.5)
    assert config.assume_english is True
    write(tmp_path / "wpslint.yaml", "max-pages: 0\nmax-bytes: 0\ntimeout: 0\n")
    assert load_config([tmp_path]).limits == Limits(None, None, None)  # 0: no limit
    write(tmp_path / "wpslint.yaml", "max-bytes: 5000000\ntimeout: 60\n")
    config = load_config([tmp_path])
    assert (config.limits.max_pages, config.limits.max_bytes) == (2000, 5_000_000)
    assert (config.limits.timeout, config.assume_english) == (60, False)


def test_limits_in_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        "[tool.wpslint]\nmax-pages = 300\nmax-bytes = '1.5G'\nassume-english = true\n",
    )
    config = load_config([tmp_path])
    assert config.limits == Limits(max_pages=300, max_bytes=3 * 2**29, timeout=300)
    assert config.assume_english is True
    write(tmp_path / "pyproject.toml", "[tool.wpslint]\nshow = 'info'\ntimeout = '5s'\n")
    result = wpslint("check", write(tmp_path / "draft.md", DRAFT))
    assert result.exit_code == 2
    assert "pyproject.toml:3: 'timeout' must be a number of seconds" in result.stderr


def test_command_line_limits_override_the_configured_ones() -> None:
    configured = Limits(max_pages=10, max_bytes=None, timeout=60)
    assert limits_from(configured, None, None, None) == configured
    assert limits_from(configured, 0, 2**20, None) == Limits(None, 2**20, 60)
    assert limits_from(configured, 5, None, 0) == Limits(5, None, None)


def test_max_pages_in_the_configuration_refuses_a_longer_pdf(tmp_path: Path) -> None:
    lines = ["National Action Plan on Women, Peace and Security", DRAFT.splitlines()[-1]]
    pdf = make_pdf(tmp_path / "plan.pdf", [lines, [f"Annex: {lines[1]}"]])
    write(tmp_path / "wpslint.yaml", "max-pages: 1\nfail-on: never\n")
    result = wpslint("check", pdf)
    assert result.exit_code == 2
    assert f"{pdf}: error: the PDF has 2 pages (limit 1;" in result.stdout
    assert wpslint("waive", "--all", pdf).exit_code == 2  # every command with the options
    assert wpslint("check", "--max-pages", "0", pdf).exit_code == 0  # the option wins
    assert wpslint("check", "--no-cache", "--max-pages", "2", pdf).exit_code == 0


def test_max_bytes_in_the_configuration(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.md", DRAFT * 40)
    write(tmp_path / "wpslint.yaml", "max-bytes: 1K\nfail-on: never\n")
    result = wpslint("check", draft)
    assert result.exit_code == 2
    assert "(limit 1.0 KB;" in result.stdout
    assert wpslint("check", "--max-bytes", "1M", draft).exit_code == 0


def test_assume_english_from_the_configuration(tmp_path: Path) -> None:
    plan = write(tmp_path / "plan_fr.txt", bad_files.FRENCH * 20)
    write(tmp_path / "wpslint.yaml", "assume-english: true\nfail-on: never\n")

    def summary(*options: str) -> dict:
        result = wpslint("check", "--format", "json", *options, plan)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)["documents"][0]["summary"]

    assert summary()["missing"] > 0
    assert summary("--no-assume-english")["coverage"] is None
    write(tmp_path / "wpslint.yaml", "fail-on: never\n")
    assert summary()["coverage"] is None
    assert summary("--assume-english")["missing"] > 0


@pytest.mark.parametrize("command", ["check", "waive"])
def test_help_gives_the_built_in_limits(command: str) -> None:
    text = " ".join(wpslint(command, "--help").stdout.split())
    assert "Default: 'max-pages' in the configuration, else 2000." in text
    assert "Default: 'max-bytes' in the configuration, else 200M." in text
    assert "Default: 'timeout' in the configuration, else 300." in text
