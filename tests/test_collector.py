"""When the cyclic garbage collector runs: off for start-up and the report, on between the
documents a command checks (``wpslint.collector``)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import wpslint.cli.check
import wpslint.run.checker
import wpslint.run.pool
import wpslint.run.prefetch
from wpslint import collector
from wpslint.cli import main
from wpslint.limits import Limits
from wpslint.run.plan import Settings, Task

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    """Every test starts with the collector on, as a process does, and leaves it so."""
    gc.enable()
    yield
    gc.enable()


def test_paused_holds_it_off_and_turns_it_back_on() -> None:
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block found it off and left it off
    assert gc.isenabled()


def test_running_turns_it_on_within_a_pause_only() -> None:
    with collector.paused():
        with collector.running():
            assert gc.isenabled()
        assert not gc.isenabled()
    with collector.running():
        assert gc.isenabled()
    assert gc.isenabled()


def test_both_restore_it_when_the_block_raises() -> None:
    with pytest.raises(KeyError), collector.paused():
        raise KeyError
    assert gc.isenabled()
    gc.disable()
    with pytest.raises(KeyError), collector.running():
        raise KeyError
    assert not gc.isenabled()


def test_check_runs_it_between_documents_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Off while the rules load and the report is written, on while documents are checked
    (each check pauses it again, see test_engine), and as it was after the command."""
    seen: dict[str, list[bool]] = {"rules": [], "checks": [], "report": []}

    def watch(module: object, name: str, phase: str) -> None:
        original = getattr(module, name)

        def watched(*args, **kwargs):
            seen[phase].append(gc.isenabled())
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, watched)

    watch(wpslint.run.checker, "load_ruleset", "rules")
    watch(wpslint.run.pool, "_check_in", "checks")
    watch(wpslint.cli.check, "render_utf8", "report")
    for name in ("nap_strong.md", "bill_weak.txt"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    result = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert seen == {"rules": [False], "checks": [True, True], "report": [False]}
    assert gc.isenabled()


def test_forked_workers_run_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not wpslint.run.pool.FORKS:
        pytest.skip("workers are forked on Linux only")
    log = tmp_path / "collector.log"
    check_task = wpslint.run.pool.check_task

    def watched(*args, **kwargs):
        with log.open("a", encoding="utf-8") as handle:  # in the worker process
            handle.write(f"{gc.isenabled()}\n")
        return check_task(*args, **kwargs)

    monkeypatch.setattr(wpslint.run.pool, "check_task", watched)
    documents = tmp_path / "plans"
    documents.mkdir()
    for name in ("nap_strong.md", "bill_weak.txt", "protocol_event.md"):
        (documents / name).write_bytes((CORPUS / name).read_bytes())
    result = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "2", str(documents)])
    assert result.exit_code == 1, result.output
    assert log.read_text(encoding="utf-8").split() == ["True"] * 3


def test_the_helper_reads_ahead_with_it_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper is forked during start-up, with the collector paused; readers leave cycles."""
    seen = []
    read_task = wpslint.run.prefetch.read_task

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return read_task(*args, **kwargs)

    monkeypatch.setattr(wpslint.run.prefetch, "read_task", watched)
    path = str(CORPUS / "bill_weak.txt")
    task = Task(path, (path,), Settings(None, "detected", ()))
    with collector.paused():
        wpslint.run.prefetch.read_ahead(tmp_path, [task], Limits(), os.getppid())
        assert not gc.isenabled()
    assert seen == [True]
    assert [entry.name for entry in tmp_path.iterdir()] == ["0.pickle"]
