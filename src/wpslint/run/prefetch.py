"""Read documents ahead while the linter is being built, on a core that would wait anyway.

Before the first document can be checked, a run spends about a second importing spaCy,
compiling the rules and loading the pipeline, and with ``--jobs 2`` or more the other cores
sit idle meanwhile. So a helper process, forked before spaCy is imported, reads the
documents, measures the language of each, and writes it to a private temporary folder. Once
the linter is ready the helper is stopped wherever it is, and each worker loads a document
read ahead instead of reading it. The helper reads the smallest documents first, the
reverse of the order the workers take them in: stopped in the middle of a document, it has
wasted the least, and the documents the workers meet last, when one of them may already be
idle, are ready. On the 200-document benchmark the helper read every document during
start-up, which took about 7% off a ``--jobs 2`` run; on the samples and public documents,
where one French plan takes 0.8 s to read, reading the largest first gained nothing and the
smallest first took 6% off.

Nothing is read ahead for a run given ``--password``: an entry holds a document's text, and
the decrypted text of an encrypted PDF must not reach the disk, where a run stopped without
cleaning up (a cancelled CI job gets SIGTERM) would leave it.

The helper records only what a worker would make of the same files: the document, or the
``DocumentError`` that says why it cannot be read. Anything else (running out of memory, a
bug) it leaves for the worker to meet again, within the document's limits; time it spent
reading counts against the document's time limit.

Entries are pickles. Unlike the report cache, which sits in a repository where anyone who
opens a pull request can add files, the folder is made by ``tempfile.mkdtemp`` (open to this
user only) and only the helper writes to it. An entry is written under a temporary name and
then renamed, so a helper stopped in the middle of writing leaves no half entry behind; a
worker removes the entry it takes, and the folder goes when the run ends.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from wpslint import collector
from wpslint.errors import DocumentError
from wpslint.limits import Limits
from wpslint.nlp.language import profile
from wpslint.run.plan import Task, largest_first
from wpslint.run.reading import TaskDocument, read_task

#: Where a process can be forked safely, and workers inherit the parent's linter (Linux).
#: Elsewhere fork is unsafe (macOS) or missing (Windows), workers are spawned, and nothing is
#: read ahead.
FORKS = sys.platform == "linux"
SUFFIX = ".pickle"


@dataclass(frozen=True, slots=True)
class Prefetched:
    """A task's document as the helper read it, or why it cannot be read."""

    outcome: TaskDocument | DocumentError
    #: Seconds the helper spent reading (and measuring the language).
    seconds: float


class Prefetch:
    """A helper process reading ``tasks`` ahead into a temporary folder, until stopped."""

    def __init__(self, tasks: Sequence[Task], limits: Limits) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="wpslint-read-"))
        parent = os.getpid()
        try:
            self._pid: int | None = _fork(lambda: read_ahead(self._folder, tasks, limits, parent))
        except OSError:
            shutil.rmtree(self._folder, ignore_errors=True)
            raise
        self._entries: dict[int, Path] | None = None

    @property
    def folder(self) -> Path:
        """Where the entries are written, one ``<task index>.pickle`` each."""
        return self._folder

    def stop(self) -> dict[int, Path]:
        """Stop the helper; the entries it finished, by the index of their task."""
        if self._entries is None:
            self._end_helper()
            self._entries = {int(path.stem): path for path in self._folder.glob(f"*{SUFFIX}")}
        return self._entries

    def close(self) -> None:
        """Stop the helper and remove the folder (once the workers are done with it)."""
        self._end_helper()
        shutil.rmtree(self._folder, ignore_errors=True)

    def _end_helper(self) -> None:
        if self._pid is None:
            return
        with contextlib.suppress(ProcessLookupError):  # it had finished
            os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        self._pid = None


@contextlib.contextmanager
def reading_ahead(
    tasks: Sequence[Task], jobs: int, password: str | None, limits: Limits
) -> Iterator[Prefetch | None]:
    """A ``Prefetch`` of ``tasks`` when two or more forked workers will check them, else None
    (one process has no idle core to read on); None as well when a ``password`` decrypts
    them (see the module's docstring)."""
    if not FORKS or min(jobs, len(tasks)) < 2 or password is not None:
        yield None
        return
    try:
        prefetch = Prefetch(tasks, limits)
    except OSError:  # no process or temporary folder to be had: the workers read everything
        yield None
        return
    try:
        yield prefetch
    finally:
        prefetch.close()


def take(path: Path) -> Prefetched | None:
    """The entry at ``path``, removed as it is taken so that no copy of a document's text
    outlives its use (a run killed before cleaning up leaves only entries not yet taken);
    None when it cannot be read (the worker reads the files)."""
    try:
        data = path.read_bytes()
        path.unlink()
        return pickle.loads(data)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None


def read_ahead(folder: Path, tasks: Sequence[Task], limits: Limits, parent: int) -> None:
    """The helper's work: an entry in ``folder`` for each task, smallest first, until done,
    stopped, or orphaned (``parent`` gone without stopping it, when it removes ``folder``).
    Readers leave cycles, so the collector runs (see ``wpslint.collector``)."""
    with collector.running():
        _read_ahead(folder, tasks, limits, parent)


def _read_ahead(folder: Path, tasks: Sequence[Task], limits: Limits, parent: int) -> None:
    for index in reversed(largest_first(tasks)):
        if os.getppid() != parent:
            shutil.rmtree(folder, ignore_errors=True)
            return
        started = time.monotonic()
        try:
            task_document = read_task(tasks[index], None, limits)
            task_document.language = profile(task_document.document.text)
            entry = Prefetched(task_document, time.monotonic() - started)
        except DocumentError as error:
            entry = Prefetched(error, time.monotonic() - started)
        except Exception:  # out of memory, or a bug: the worker meets it within its limits
            continue
        try:
            _write(folder / f"{index}{SUFFIX}", entry)
        except OSError:  # no room left (or no folder): the workers read the rest
            return


def _write(path: Path, entry: Prefetched) -> None:
    partial = path.with_suffix(".partial")
    partial.write_bytes(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
    partial.rename(path)


def _fork(work: Callable[[], None]) -> int:
    """Run ``work`` in a child process; its process id.

    The child leaves with ``os._exit``: it must not run the parent's exit handlers, flush
    the parent's buffered output a second time, or print a traceback when it is interrupted.
    """
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        work()
        code = 0
    except BaseException:  # interrupted (Ctrl-C reaches the whole process group) or failed
        pass
    finally:
        os._exit(code)
