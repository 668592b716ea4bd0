"""Reading ahead during start-up: what the helper writes is what a worker would read."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from wpslint.api import default_linter, load_rules
from wpslint.errors import DocumentError
from wpslint.findings import DocumentReport, ReadFailure
from wpslint.limits import Limits
from wpslint.nlp.language import LanguageProfile, profile
from wpslint.run.plan import Settings, Task
from wpslint.run.pool import Context, run_tasks
from wpslint.run.prefetch import (
    FORKS,
    SUFFIX,
    Prefetched,
    read_ahead,
    reading_ahead,
    take,
)
from wpslint.run.reading import TaskDocument, read_task
from wpslint.run.worker import check_task

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
needs_fork = pytest.mark.skipif(not FORKS, reason="documents are read ahead only where fork is")


@pytest.fixture
def tasks(tmp_path: Path) -> list[Task]:
    """A plan, a document set of two files, an empty file and a missing one."""
    settings = Settings(None, "detected", tuple(rule.id for rule in load_rules().rules))
    for name in ("nap_strong.md", "bill_weak.txt", "protocol_event.md"):
        shutil.copy(CORPUS / name, tmp_path / name)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    plan, bill, protocol = (
        str(tmp_path / name) for name in ("nap_strong.md", "bill_weak.txt", "protocol_event.md")
    )
    return [
        Task(plan, (plan,), settings),
        Task("bill and protocol", (bill, protocol), settings, is_set=True),
        Task(str(tmp_path / "empty.txt"), (str(tmp_path / "empty.txt"),), settings),
        Task(str(tmp_path / "gone.md"), (str(tmp_path / "gone.md"),), settings),
    ]


def entries(folder: Path) -> dict[int, Prefetched]:
    found = {int(path.stem): take(path) for path in folder.glob(f"*{SUFFIX}")}
    assert None not in found.values()
    return found  # type: ignore[return-value]


def test_the_helper_writes_each_task_as_a_worker_reads_it(
    tasks: list[Task], tmp_path: Path
) -> None:
    folder = tmp_path / "ahead"
    folder.mkdir()
    read_ahead(folder, tasks, Limits(), os.getppid())
    written = entries(folder)
    assert sorted(written) == [0, 1, 2, 3]
    for index in (0, 1):
        outcome = written[index].outcome
        assert isinstance(outcome, TaskDocument)
        expected = read_task(tasks[index], None, Limits())
        assert outcome.document == expected.document
        assert outcome.members == expected.members
        assert outcome.language == profile(expected.document.text)
    assert written[1].outcome.members is not None  # the set was joined
    for index in (2, 3):  # empty, missing
        error = written[index].outcome
        assert isinstance(error, DocumentError)
        with pytest.raises(DocumentError) as raised:
            read_task(tasks[index], None, Limits())
        expected_error = raised.value
        assert (error.path, error.code, error.message) == (
            expected_error.path,
            expected_error.code,
            expected_error.message,
        )
    assert not list(folder.glob("*.partial"))


def test_failures_other_than_unreadable_files_are_left_to_the_worker(
    tasks: list[Task], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wpslint.run import prefetch

    def read(task: Task, password: str | None, limits: Limits) -> TaskDocument:
        if task.is_set:
            raise MemoryError  # the helper runs beside start-up: the worker may do better
        return read_task(task, password, limits)

    monkeypatch.setattr(prefetch, "read_task", read)
    folder = tmp_path / "ahead"
    folder.mkdir()
    read_ahead(folder, tasks, Limits(), os.getppid())
    assert sorted(entries(folder)) == [0, 2, 3]


def test_the_helper_reads_the_smallest_documents_first(
    tasks: list[Task], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wpslint.run import prefetch

    order = []

    def read(task: Task, password: str | None, limits: Limits) -> TaskDocument:
        order.append(task.name)
        return read_task(task, password, limits)

    monkeypatch.setattr(prefetch, "read_task", read)
    folder = tmp_path / "ahead"
    folder.mkdir()
    read_ahead(folder, tasks, Limits(), os.getppid())

    def size(task: Task) -> int:
        return sum(os.stat(path).st_size for path in task.files if os.path.exists(path))

    sizes = {task.name: size(task) for task in tasks}
    assert [sizes[name] for name in order] == sorted(sizes.values())
    assert sorted(order) == sorted(task.name for task in tasks)


def test_an_orphaned_helper_removes_its_folder(tasks: list[Task], tmp_path: Path) -> None:
    folder = tmp_path / "ahead"
    folder.mkdir()
    read_ahead(folder, tasks, Limits(), parent=-1)  # not this process's parent
    assert not folder.exists()


def test_a_worker_uses_the_entry_and_counts_the_time_spent_reading(
    tasks: list[Task], tmp_path: Path
) -> None:
    linter = default_linter()
    plan = read_task(tasks[0], None, Limits())
    entry = tmp_path / f"0{SUFFIX}"
    entry.write_bytes(pickle.dumps(Prefetched(plan, seconds=0.5)))
    Path(tasks[0].files[0]).unlink()  # only the entry is left to check
    read_ahead_report = check_task(linter, tasks[0], prefetched=entry)
    assert isinstance(read_ahead_report, DocumentReport)
    assert not entry.exists()  # taken: no copy of the text is left behind
    shutil.copy(CORPUS / "nap_strong.md", tasks[0].files[0])
    assert read_ahead_report == check_task(linter, tasks[0])

    entry.write_bytes(pickle.dumps(Prefetched(plan, seconds=2.0)))
    failure = check_task(linter, tasks[0], limits=Limits(timeout=2.0), prefetched=entry)
    assert isinstance(failure, ReadFailure)
    assert failure.error == "timeout"


def test_a_worker_takes_the_language_measured_while_reading(
    tasks: list[Task], tmp_path: Path
) -> None:
    plan = read_task(tasks[0], None, Limits())
    plan.language = LanguageProfile("fr", english=0.0, other="fr")  # not measured again
    entry = tmp_path / f"0{SUFFIX}"
    entry.write_bytes(pickle.dumps(Prefetched(plan, seconds=0.1)))
    report = check_task(default_linter(), tasks[0], prefetched=entry)
    assert isinstance(report, DocumentReport)
    assert report.language == "fr"
    assert not report.checked


def test_an_unreadable_entry_is_read_from_the_files_instead(
    tasks: list[Task], tmp_path: Path
) -> None:
    entry = tmp_path / f"0{SUFFIX}"
    entry.write_bytes(b"not a pickle")
    linter = default_linter()
    assert check_task(linter, tasks[0], prefetched=entry) == check_task(linter, tasks[0])


def test_document_errors_cross_processes_whole() -> None:
    error = pickle.loads(pickle.dumps(DocumentError("plan.pdf", "corrupt", "page 3 is damaged")))
    assert (error.path, error.code, error.message) == ("plan.pdf", "corrupt", "page 3 is damaged")
    assert str(error) == "plan.pdf: page 3 is damaged"


def test_nothing_is_read_ahead_for_one_process(tasks: list[Task]) -> None:
    with reading_ahead(tasks, 1, None, Limits()) as prefetch:
        assert prefetch is None
    with reading_ahead(tasks[:1], 4, None, Limits()) as prefetch:
        assert prefetch is None


def test_decrypted_text_is_never_read_ahead_to_disk(tasks: list[Task]) -> None:
    with reading_ahead(tasks, 2, "the plan's password", Limits()) as prefetch:
        assert prefetch is None


@needs_fork
def test_workers_check_the_documents_read_ahead(tasks: list[Task]) -> None:
    expected = run_tasks(tasks, Context(), load_rules(), jobs=1)
    with reading_ahead(tasks, 2, None, Limits()) as prefetch:
        assert prefetch is not None
        folder = prefetch.folder
        deadline = time.monotonic() + 60
        while len(list(folder.glob(f"*{SUFFIX}"))) < len(tasks):
            assert time.monotonic() < deadline, "the helper did not read the tasks"
            time.sleep(0.01)
        for task in tasks[:2]:  # the workers can only have the entries now
            for path in task.files:
                Path(path).unlink()
        results = run_tasks(tasks, Context(), load_rules(), jobs=2, prefetch=prefetch)
        assert sorted(prefetch.stop()) == [0, 1, 2, 3]
    assert results == expected
    assert not folder.exists()


@needs_fork
@pytest.mark.parametrize("interrupted", [False, True])
def test_the_helper_is_stopped_and_its_folder_removed(tasks: list[Task], interrupted: bool) -> None:
    expected = pytest.raises(KeyboardInterrupt) if interrupted else contextlib.nullcontext()
    with expected, reading_ahead(tasks, 2, None, Limits()) as prefetch:
        assert prefetch is not None
        folder = prefetch.folder
        pid = prefetch._pid
        assert pid is not None
        if interrupted:  # Ctrl-C while spaCy loads
            raise KeyboardInterrupt
    assert not folder.exists()
    with pytest.raises(ChildProcessError):  # stopped and reaped: no process left behind
        os.waitpid(pid, os.WNOHANG)
