"""The command line, end to end with the real engine and the shipped rules."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wpslint import __version__
from wpslint.cli import main
from wpslint.cli.app import emit_report, print_error

DRAFT = """\
# Protection of Women Peacebuilders Act

## Section 1. Purpose

The Government shall protect women peacebuilders and women human rights defenders.

## Section 2. Funding

The Ministry should consider allocating resources where possible.
"""


def wpslint(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft_bill.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def assert_one_error_line(result: Result, *words: str) -> None:
    """The user error is exactly one stderr line, with no traceback."""
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("wpslint: error: ")
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.output


def test_version() -> None:
    result = wpslint("--version")
    assert result.exit_code == 0
    assert result.stdout == f"wpslint {__version__}\n"


def test_help_teaches_commands_and_examples() -> None:
    result = wpslint("--help")
    assert result.exit_code == 0
    for text in ("check", "explain", "rules", "test-rules", "Examples:", "advisory"):
        assert text in result.stdout


def test_check_help_documents_exit_status_and_options() -> None:
    result = wpslint("check", "--help")
    assert result.exit_code == 0
    for text in ("Exit status:", "--fail-on", "--type", "--format", "--output", "NO_COLOR"):
        assert text in result.stdout


def test_check_reports_findings_and_fails_on_errors(draft: Path) -> None:
    result = wpslint("check", draft)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == str(draft)
    assert re.search(rf"^{re.escape(str(draft))}:\d+: [A-Z]+\d+ error ", result.stdout, re.M)
    assert "Coverage" in result.stdout
    assert lines[-2].startswith("1 document checked: ")
    assert lines[-1].startswith("Run 'wpslint explain ID'")
    assert "\x1b[" not in result.stdout


def test_fail_on_never_exits_zero(draft: Path) -> None:
    assert wpslint("check", "--fail-on", "never", draft).exit_code == 0


def test_color_can_be_forced(draft: Path) -> None:
    assert "\x1b[" in wpslint("check", "--color", draft).stdout


def test_type_option_is_reported_as_given(draft: Path) -> None:
    result = wpslint("check", "--type", "protocol", draft)
    assert "Type: protocol (protocol), set with --type" in result.stdout


def test_json_format_parses(draft: Path) -> None:
    result = wpslint("check", "--format", "json", draft)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["tool"]["name"] == "wpslint"
    assert report["tool"]["version"] == __version__
    assert [d["path"] for d in report["documents"]] == [str(draft)]
    assert report["errors"] == []
    assert report["documents"][0]["checks"]


def test_missing_file_exits_2_and_still_reports_the_others(draft: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = wpslint("check", draft, missing)
    assert result.exit_code == 2
    mentions = [line for line in result.output.splitlines() if "missing.txt" in line]
    assert len(mentions) == 1
    assert mentions[0].startswith(f"{missing}: error: ")
    assert f"{draft}:" in result.stdout
    assert "1 document checked" in result.stdout
    assert "1 document could not be read" in result.stdout


def test_empty_file_exits_2_and_still_reports_the_others(draft: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = wpslint("check", "--fail-on", "never", empty, draft)
    assert result.exit_code == 2
    mentions = [line for line in result.output.splitlines() if "empty.txt" in line]
    assert len(mentions) == 1
    assert mentions[0].startswith(f"{empty}: error: ")
    assert f"{draft}:" in result.stdout


def test_unreadable_file_in_json_goes_to_errors_and_stderr(draft: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = wpslint("check", "--format", "json", draft, missing)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == [str(draft)]
    assert [e["path"] for e in report["errors"]] == [str(missing)]
    assert_one_error_line(result, str(missing))


def test_unknown_type_is_a_usage_error(draft: Path) -> None:
    result = wpslint("check", "--type", "treaty", draft)
    assert_one_error_line(result, "--type", "treaty")


def test_no_path_is_a_usage_error() -> None:
    assert_one_error_line(wpslint("check"), "PATH")


def test_invalid_rules_dir_is_a_config_error(draft: Path, tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bad.yaml").write_text("rules: [\n", encoding="utf-8")
    assert_one_error_line(wpslint("check", "--rules", tmp_path / "rules", draft), "bad.yaml:")


def test_output_is_written_to_the_file(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = wpslint("check", "--format", "json", "--output", out, draft)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["path"] == str(draft)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft_bill.txt", "report.json"]


def test_output_replaces_an_existing_file(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    out.write_text("old report\n", encoding="utf-8")
    wpslint("check", "-o", out, draft)
    text = out.read_text(encoding="utf-8")
    assert text.startswith(str(draft)) and "old report" not in text
    assert "\x1b[" not in text


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "csv", "markdown", "github", "text"])
def test_stdout_gets_the_utf8_bytes_output_writes_whatever_the_locale(
    fmt: str, tmp_path: Path
) -> None:
    """Windows writes a redirected stdout in its ANSI code page (cp1252): JSON and SARIF must
    be UTF-8, and a character outside cp1252 would stop the report with a traceback."""
    draft = tmp_path / "défense-Ж.md"
    draft.write_text(DRAFT, encoding="utf-8")
    written = tmp_path / f"report.{fmt}"
    runner = CliRunner(charset="cp1252")
    printed = runner.invoke(main, ["check", "--no-cache", "--format", fmt, str(draft)])
    assert printed.exit_code == 1, printed.output
    assert printed.exception is None or isinstance(printed.exception, SystemExit)
    runner.invoke(main, ["check", "--no-cache", "--format", fmt, "-o", str(written), str(draft)])
    assert printed.stdout_bytes == written.read_bytes()
    assert draft.name in printed.stdout_bytes.decode("utf-8")


def test_a_file_name_cannot_send_escape_sequences_to_the_terminal(tmp_path: Path) -> None:
    """A file named with ESC [ 8 m would hide what the coloured report prints after it."""
    draft = tmp_path / "plan\x1b[8mhidden.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = wpslint("check", "--no-cache", "--color", draft)
    assert result.exit_code == 1, result.output
    assert "\x1b[1m" in result.stdout  # wpslint's own colours are kept
    assert "\x1b[8m" not in result.stdout
    assert f"{tmp_path}/plan\ufffd[8mhidden.md" in result.stdout


def test_a_report_on_a_terminal_shows_control_characters_as_replacements(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """CSV, Markdown and the other formats quote documents and file names as they are."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    emit_report("name,\x1b]0;title\x07quote\r\n\x9b2J\tend".encode(), None, color=False)
    assert capsys.readouterr().out == "name,\ufffd]0;title\ufffdquote\n\ufffd2J\tend\n"
    print_error("cannot read plan\x1b[2J.pdf")
    assert capsys.readouterr().err == "wpslint: error: cannot read plan\ufffd[2J.pdf\n"


def test_output_into_missing_folder_is_one_error(draft: Path, tmp_path: Path) -> None:
    assert_one_error_line(wpslint("check", "-o", tmp_path / "no" / "r.txt", draft), "r.txt")


def test_rules_lists_every_check() -> None:
    result = wpslint("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "KIND", "APPLIES", "TO", "SEVERITY"]
    assert any(line.startswith("LEG15 ") for line in lines)
    assert re.search(r"^\d+ rules\.", result.stdout, re.M)


def test_rules_json() -> None:
    rules = json.loads(wpslint("rules", "--format", "json").stdout)["rules"]
    leg15 = next(rule for rule in rules if rule["id"] == "LEG15")
    assert leg15["kind"] == "requirement"
    assert set(leg15["severity"]) == set(leg15["applies_to"])


def test_explain_by_id_and_by_name() -> None:
    result = wpslint("explain", "LEG15")
    assert result.exit_code == 0
    for heading in ("Why it matters", "What satisfies it", "Suggested clause to adapt"):
        assert heading in result.stdout
    assert result.stdout.startswith("LEG15 ")
    name = result.stdout.split()[1]
    assert wpslint("explain", name).stdout == result.stdout
    assert wpslint("explain", "leg15").stdout == result.stdout


def test_explain_unknown_id_suggests_close_matches() -> None:
    result = wpslint("explain", "LEG155")
    assert_one_error_line(result, "LEG155", "did you mean", "LEG15")


def test_test_rules_on_the_shipped_rules_ends_with_a_summary() -> None:
    """Whether every shipped example passes is the rule packs' business; the exit status
    must agree with the summary either way."""
    result = wpslint("test-rules")
    summary = re.fullmatch(r"(\d+) passed, (\d+) failed", result.stdout.splitlines()[-1])
    assert summary and int(summary[1]) > 0
    assert result.exit_code == (1 if int(summary[2]) else 0)


def test_test_rules_reports_a_failing_example(tmp_path: Path) -> None:
    pack = tmp_path / "rules"
    pack.mkdir()
    shipped = Path(__file__).resolve().parents[1] / "rules"
    for name in ("strength.yaml", "doctypes.yaml"):
        (pack / name).write_text((shipped / name).read_text(encoding="utf-8"), encoding="utf-8")
    (pack / "concepts").mkdir()
    for path in (shipped / "concepts").glob("*.yaml"):
        (pack / "concepts" / path.name).write_text(path.read_text(encoding="utf-8"))
    (pack / "TST.yaml").write_text(
        """\
sections:
  TST: Test section
rules:
  - id: TST01
    name: test-rule
    kind: antipattern
    applies_to: [bill]
    severity: error
    message: m
    rationale: r
    sources: [ICAN-R1]
    security: [physical]
    remedy: c
    scope: sentence
    match: {concept: peacebuilders}
    tests:
      flagged: ["The peacebuilders meet.", "Nothing relevant is said here."]
      clear: ["The weather is fine.", "Cats sleep."]
""",
        encoding="utf-8",
    )
    result = wpslint("test-rules", "--rules", pack)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f"{pack / 'TST.yaml'}:4: TST01 expected flagged, got clear: "
        '"Nothing relevant is said here."',
        "3 passed, 1 failed",
    ]
