"""Check tasks in this process or in worker processes, with results in task order.

Parallelism is across documents: spaCy's own ``n_process`` was ten times slower here, since
it starts processes and pickles documents for every batch. On Linux the workers are forked
from this process after it has built the linter (rules compiled, spaCy pipeline and parser
loaded), so they start at once and share that memory; elsewhere fork is unsafe and each
spawned worker builds its own linter once, in its initializer. Tasks are handed out largest
first; results (dataclasses) come back pickled, and are put back in task order whatever
order they finish in. With ``--jobs 2`` or more, documents read ahead during start-up
(``wpslint.run.prefetch``) are loaded by the workers instead of read again.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from wpslint import collector
from wpslint.api import Linter, load_rules
from wpslint.errors import WpslintError
from wpslint.findings import DocumentReport, ReadFailure
from wpslint.limits import Limits
from wpslint.rules.model import RuleSet
from wpslint.run.plan import Task, largest_first
from wpslint.run.prefetch import FORKS, Prefetch
from wpslint.run.worker import check_task

Result = DocumentReport | ReadFailure


@dataclass(frozen=True, slots=True)
class Context:
    """What a worker needs besides the task (picklable, for spawned workers)."""

    rules_dir: Path | None = None
    password: str | None = None
    limits: Limits = field(default_factory=Limits)
    #: Check documents whatever their language (``--assume-english``).
    assume_english: bool = False


# One per process: built by the parent (and inherited by forked workers) or by a spawned
# worker's initializer.
_linter: Linter | None = None
_context = Context()


def run_tasks(
    tasks: Sequence[Task],
    context: Context,
    rules: RuleSet,
    jobs: int,
    done: Callable[[], None] = lambda: None,
    prefetch: Prefetch | None = None,
) -> list[Result]:
    """The result of every task, in order; ``done`` is called as each one finishes.
    ``prefetch`` is reading ``tasks`` ahead; it is stopped once the linter is ready."""
    if not tasks:
        return []
    workers = min(jobs, len(tasks))
    if workers <= 1:
        linter = _setup(context, rules)
        _load_parser()  # now, not within the first document's time limit
        results = []
        with collector.running():  # between documents (see wpslint.collector)
            for task in tasks:
                results.append(_check_in(linter, task, context))
                done()
        return results
    method = "fork" if FORKS else "spawn"
    if method == "fork":
        _setup(context, rules)
        _load_parser()  # once here, rather than once in every worker
        gc.freeze()  # keep the shared objects' pages out of the collector's writes
    read = prefetch.stop() if prefetch else {}
    with collector.running():  # forked workers inherit it
        return _in_pool(tasks, read, context, workers, method, done)


def _in_pool(
    tasks: Sequence[Task],
    read: dict[int, Path],
    context: Context,
    workers: int,
    method: str,
    done: Callable[[], None],
) -> list[Result]:
    """``read``: where the entries of the tasks read ahead are, by task index."""
    results: list[Result | None] = [None] * len(tasks)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_initialise,
        initargs=(context,),
    )
    try:
        futures: dict[Future[Result], int] = {
            pool.submit(_check, tasks[index], read.get(index)): index
            for index in largest_first(tasks)
        }
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            done()
    except BrokenProcessPool as error:
        raise WpslintError(
            "a worker process stopped unexpectedly (out of memory?); try --jobs 1"
        ) from error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [result for result in results if result is not None]


def _setup(context: Context, rules: RuleSet | None = None) -> Linter:
    """This process's linter, built on first use and again only for other rules."""
    global _linter, _context
    if _linter is None or (rules is not None and _linter.ruleset.sha256 != rules.sha256):
        _linter = Linter(rules or load_rules(context.rules_dir))
    _context = context
    return _linter


def _initialise(context: Context) -> None:
    _setup(context)
    _load_parser()


def _load_parser() -> None:
    """Load the optional parser, if installed, before any document's time limit starts:
    loading it takes longer than checking a typical document."""
    from wpslint.nlp.syntax import load_parser

    load_parser()


def _check(task: Task, read: Path | None = None) -> Result:
    assert _linter is not None
    return _check_in(_linter, task, _context, read)


def _check_in(linter: Linter, task: Task, context: Context, read: Path | None = None) -> Result:
    return check_task(
        linter,
        task,
        context.password,
        limits=context.limits,
        assume_english=context.assume_english,
        prefetched=read,
    )
