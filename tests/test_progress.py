"""The progress bar: on a terminal's stderr only, never in CI or with --quiet."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from wpslint.cli import main
from wpslint.run.progress import progress, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wanted_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert wanted(10, quiet=False, stream=Terminal())
    assert not wanted(10, quiet=True, stream=Terminal())
    assert not wanted(1, quiet=False, stream=Terminal())
    assert not wanted(10, quiet=False, stream=io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wanted(10, quiet=False, stream=Terminal())


def test_bar_counts_documents() -> None:
    stream = Terminal()
    with progress(3, True, stream) as advance:
        for _ in range(3):
            advance()
    assert "Checking" in stream.getvalue() and "3/3" in stream.getvalue()
    silent = Terminal()
    with progress(3, False, silent) as advance:
        advance()
    assert silent.getvalue() == ""


def test_quiet_check_prints_nothing_on_stderr(tmp_path: Path) -> None:
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# Plan\n\nThe Ministry shall act.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--quiet", str(tmp_path)])
    assert result.exit_code in (0, 1) and result.stderr == ""
