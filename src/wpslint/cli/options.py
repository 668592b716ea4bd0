"""Options shared by the commands that check documents (``check`` and ``waive``), and the
``Request`` they describe.

The command line takes precedence over the configuration file: ``--select`` replaces its
``select``, ``--extend-select`` and ``--ignore`` add to its lists, ``--type`` sets every
document's type, ``--jobs`` and ``--no-cache`` override ``jobs`` and ``cache``, and
``--max-pages``, ``--max-bytes``, ``--timeout`` and ``--(no-)assume-english`` override the
settings of the same names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from wpslint.cli.app import print_error, print_warning, rules_option
from wpslint.cli.limit_options import LIMIT_OPTIONS, limits_from
from wpslint.findings import DOC_TYPES

if TYPE_CHECKING:
    from wpslint.config import Selector
    from wpslint.run.checker import Outcome, Request

F = TypeVar("F", bound=Callable[..., Any])

_SELECTORS = "ids, names or prefixes, comma-separated or repeated"


def config_option(help: str) -> Callable[[F], F]:
    """``--config FILE``, shared by the commands that find a project's configuration."""
    return click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        metavar="FILE",
        help=help,
    )


def cache_dir_option(help: str) -> Callable[[F], F]:
    """``--cache-dir DIR`` (or ``WPSLINT_CACHE_DIR``), shared by ``check`` and ``clean``."""
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="WPSLINT_CACHE_DIR",
        show_envvar=True,
        metavar="DIR",
        help=help,
    )


OPTIONS = (
    config_option(
        "Use this configuration file instead of looking for wpslint.yaml, .wpslint.yaml "
        "or a pyproject.toml with [tool.wpslint] in the checked folder and above."
    ),
    click.option(
        "--type",
        "doc_type",
        type=click.Choice(DOC_TYPES),
        help="Check every document as this type instead of detecting it: nap (national action "
        "plan or strategy), bill (bill, act, regulation), protocol (event or engagement "
        "protocol), guideline (an institution's guidelines).",
    ),
    click.option(
        "--select",
        multiple=True,
        metavar="RULES",
        help=f"Run only these rules ({_SELECTORS}; replaces 'select' in the configuration).",
    ),
    click.option(
        "--extend-select",
        multiple=True,
        metavar="RULES",
        help=f"Also run these rules ({_SELECTORS}).",
    ),
    click.option(
        "--ignore",
        multiple=True,
        metavar="RULES",
        help=f"Do not run these rules ({_SELECTORS}); the more specific selector wins, so "
        "'--select LEG15 --ignore LEG' runs LEG15 alone of its section.",
    ),
    rules_option,
    click.option(
        "--password",
        envvar="WPSLINT_PASSWORD",
        show_envvar=True,
        metavar="PW",
        help="Password for encrypted PDFs (the environment variable keeps it out of shell "
        "history).",
    ),
    *LIMIT_OPTIONS,
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        metavar="N",
        help="Check N documents at a time, in worker processes (default: 'jobs' in the "
        "configuration, else one per core). The report's order does not depend on it.",
    ),
    click.option(
        "--no-cache",
        is_flag=True,
        help="Check every document again instead of reusing results stored in "
        ".wpslint_cache/ for unchanged files.",
    ),
    cache_dir_option(
        "Keep the cache in DIR instead of .wpslint_cache/ in the project root (for a CI "
        "cache step)."
    ),
    click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="No progress bar and no warnings about unused waivers (errors are still shown).",
    ),
)


def run_options(command: F) -> F:
    """Add the shared options to a command, in the order --help lists them."""
    for option in reversed(OPTIONS):
        command = option(command)
    return command


def build_request(
    paths: tuple[str, ...],
    *,
    config_file: Path | None,
    doc_type: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    rules_dir: Path | None,
    password: str | None,
    max_pages: int | None,
    max_bytes: int | None,
    timeout: float | None,
    assume_english: bool | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    quiet: bool,
    show: str | None = None,
    show_waived: bool = False,
    draft_waivers: bool = False,
) -> Request:
    """The run the options describe, with the configuration found for ``paths``."""
    from wpslint.config import load_config
    from wpslint.run.checker import Request
    from wpslint.run.plan import Overrides

    config = load_config(paths, config_file)
    return Request(
        paths=paths,
        config=config,
        overrides=Overrides(
            doc_type=doc_type,
            select=parse_selectors(select, "--select") or None,
            extend_select=parse_selectors(extend_select, "--extend-select"),
            ignore=parse_selectors(ignore, "--ignore"),
        ),
        rules_dir=rules_dir,
        password=password,
        limits=limits_from(config.limits, max_pages, max_bytes, timeout),
        assume_english=config.assume_english if assume_english is None else assume_english,
        jobs=jobs,
        cache=not no_cache,
        cache_dir=cache_dir,
        show=show,
        show_waived=show_waived,
        quiet=quiet,
        draft_waivers=draft_waivers,
    )


def report_waivers(outcome: Outcome, quiet: bool) -> None:
    """Expired waivers as errors (their findings are back), unused ones as warnings."""
    for waiver in outcome.waiver_report.expired:
        expires = waiver.expires.isoformat() if waiver.expires else ""
        print_error(
            f"{waiver.where}: waiver for {waiver.rule} in {waiver.path} expired on {expires}; "
            "the finding is reported again"
        )
    if quiet:
        return
    for waiver in outcome.waiver_report.unused:
        print_warning(
            f"{waiver.where}: unused waiver for {waiver.rule} in {waiver.path}: no finding "
            "matches it any more; remove it"
        )


def parse_selectors(values: tuple[str, ...], option: str) -> tuple[Selector, ...]:
    """Selectors from a repeatable option whose values may also be comma-separated."""
    from wpslint.config import Selector

    texts = [text.strip() for value in values for text in value.split(",")]
    return tuple(Selector(text, path=option) for text in texts if text)
