"""One run of ``wpslint check``: from paths and configuration to a marked-up ``RunResult``.

Order matters: settings are resolved before the cache lookup (they are part of the key), and
waivers and the ``show`` level are applied after it (so editing them never costs a re-check).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from wpslint import __version__
from wpslint.config import Config
from wpslint.errors import UNREADABLE
from wpslint.findings import DocumentReport, ReadFailure, RunResult, Severity
from wpslint.limits import Limits
from wpslint.paths import display_path
from wpslint.rules.loader import load_ruleset
from wpslint.rules.model import RuleSet
from wpslint.run.cache import ReportCache, cache_directory, salt
from wpslint.run.files import collect
from wpslint.run.globs import Globs
from wpslint.run.plan import Overrides, Planner, Task
from wpslint.run.progress import progress, wanted
from wpslint.waivers.apply import WaiverReport, apply_waivers
from wpslint.waivers.model import Waiver, load_waivers


@dataclass(frozen=True, slots=True)
class Request:
    """Everything a run depends on, from the command line and the configuration."""

    paths: tuple[str, ...]
    config: Config = field(default_factory=Config)
    overrides: Overrides = field(default_factory=Overrides)
    rules_dir: Path | None = None
    password: str | None = None
    #: Size, page and time limits for each document (see ``wpslint.limits``).
    limits: Limits = field(default_factory=Limits)
    #: Check documents whatever their language (``--assume-english``).
    assume_english: bool = False
    jobs: int | None = None
    cache: bool = True
    #: Where the cache lives (default: ``.wpslint_cache`` in the project root).
    cache_dir: Path | None = None
    show: str | None = None
    show_waived: bool = False
    quiet: bool = False
    #: Accept waivers whose reason is still the placeholder ('wpslint waive' adds to them).
    draft_waivers: bool = False
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(slots=True)
class Outcome:
    """The run's result, and what the command line reports besides it."""

    result: RunResult
    rules: RuleSet
    #: The waivers file's content, and what became of it in this run.
    waivers: list[Waiver]
    waiver_report: WaiverReport
    excluded: int = 0
    cached: int = 0


def check(request: Request) -> Outcome:
    """Check the request's documents, from the cache where possible."""
    config = request.config
    rules = load_ruleset(request.rules_dir)
    planner = Planner(config, rules, request.overrides)
    files = collect(request.paths, config.root, Globs(config.include), Globs(config.exclude))
    tasks = planner.tasks(files.files)
    results, checked = _results(tasks, request, rules)
    result = RunResult(
        documents=[r for r in results if isinstance(r, DocumentReport)],
        errors=[r for r in results if isinstance(r, ReadFailure)],
        version=__version__,
        pipeline=_pipeline(results),
        rules_sha256=rules.sha256,
    )
    waivers = load_waivers(
        config.waivers_path, rules, display_path(config.waivers_path), drafts=request.draft_waivers
    )
    report = apply_waivers(result, waivers, config.root, request.today)
    _hide(result, Severity(request.show or config.show), request.show_waived)
    return Outcome(result, rules, waivers, report, files.excluded, len(tasks) - checked)


def _results(tasks: list[Task], request: Request, rules: RuleSet) -> tuple[list, int]:
    """Each task's report or failure, in order (cached ones read, the others checked), and
    how many were checked."""
    config = request.config
    cache = None
    if request.cache and config.cache:
        directory = cache_directory(config.root, request.cache_dir)
        limits = request.limits
        key = salt(
            rules.sha256,
            use_parser=True,
            settings=(
                f"assume-english={request.assume_english}",
                f"max-pages={limits.max_pages}",
                f"max-bytes={limits.max_bytes}",
                f"timeout={limits.timeout}",
            ),
        )
        cache = ReportCache(directory, key)
    results: list[DocumentReport | ReadFailure | None] = [None] * len(tasks)
    misses: list[tuple[int, str | None]] = []
    for index, task in enumerate(tasks):
        if (failure := _misnamed(task)) is not None:
            results[index] = failure
            continue
        key = cache.key(task) if cache else None
        hit = cache.get(key) if cache and key else None
        if hit is None:
            misses.append((index, key))
        else:
            results[index] = hit
    if misses:
        from wpslint.run.prefetch import reading_ahead  # a warm run never reads documents

        jobs = request.jobs or config.jobs or _cores()
        checking = [tasks[index] for index, _ in misses]
        # Read ahead from before spaCy is imported: start-up leaves the other cores idle.
        with reading_ahead(checking, jobs, request.password, request.limits) as prefetch:
            from wpslint.run.pool import Context, run_tasks  # imports spaCy

            show = wanted(len(misses), request.quiet)
            with progress(len(misses), show) as done:
                fresh = run_tasks(
                    checking,
                    Context(
                        request.rules_dir, request.password, request.limits, request.assume_english
                    ),
                    rules,
                    jobs,
                    done,
                    prefetch,
                )
        for (index, key), outcome in zip(misses, fresh, strict=True):
            results[index] = outcome
            if cache and key and isinstance(outcome, DocumentReport):
                cache.put(key, outcome)
    if cache and tasks:
        cache.prune()  # at most once a day; never fails the run
    return results, len(misses)


def _misnamed(task: Task) -> ReadFailure | None:
    """Why ``task`` cannot be reported on when a file name of it is not valid UTF-8 (bytes
    that Linux allows in a name, decoded by Python as lone surrogates), else None.

    Reports are UTF-8 text, and so are cache keys and waiver paths: such a name stopped the
    run with a traceback. It is named with U+FFFD for the bytes, and the other documents are
    checked.
    """
    for name in task.files:
        if not _is_text(name):
            named = "its name" if name == task.name else f"the name of {_shown(name)}"
            message = f"{named} is not valid UTF-8; rename the file to check it"
            return ReadFailure(_shown(task.name), UNREADABLE, message)
    return None


def _is_text(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(name: str) -> str:
    """``name`` with each byte that is not UTF-8 shown as U+FFFD."""
    return os.fsencode(name).decode("utf-8", errors="replace")


def _hide(result: RunResult, show: Severity, show_waived: bool) -> None:
    """Leave out of the listing what is below ``show``, and waived findings unless asked."""
    below = {severity for severity in Severity if severity.rank < show.rank}
    for document in result.documents:
        for check in document.checks:
            check.hidden = check.severity in below or (check.waived is not None and not show_waived)


def _pipeline(results: list) -> str:
    """The NLP pipeline's name, as the reports give it (with no report, nothing was analysed)."""
    from_reports = [r.pipeline.split(";")[0] for r in results if isinstance(r, DocumentReport)]
    return from_reports[0] if from_reports else ""


def _cores() -> int:
    """The cores this process may use (fewer than the machine's in a limited container)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1
