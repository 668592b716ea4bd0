"""``wpslint check``: check documents and report what they lack, hedge or must not contain."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from wpslint.cli.app import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    FAIL_ON,
    emit_report,
    main,
    print_error,
    print_warning,
    write_atomic,
)
from wpslint.cli.options import build_request, report_waivers, run_options
from wpslint.errors import WpslintError
from wpslint.findings import RunResult, Severity
from wpslint.report import FORMATS, render_utf8


@main.command(short_help="Check documents for missing, weak and harmful provisions.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="Report format: 'text' for people, 'json' for tools (see the report contract), "
    "'html' for a page to open, share and print, 'markdown' for a pull-request comment, "
    "'sarif' for code scanning, 'github' for workflow annotations, 'junit' for CI test "
    "reports, 'csv' for spreadsheets (a row per document and check).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Lowest severity that makes the exit status 1; 'never' exits 0 whatever is found. "
    "Default: 'fail-on' in the configuration, else error.",
)
@click.option(
    "--show",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity listed in the report (default: 'show' in the configuration, else "
    "info). Independent of --fail-on: a warning not shown still fails a run that fails on "
    "warnings.",
)
@click.option(
    "--show-waived",
    is_flag=True,
    help="Also list waived findings, marked with their waiver's reason.",
)
@run_options
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report. Default: only when writing to a terminal and NO_COLOR is unset.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    metavar="FILE",
    help="Write the report to FILE (replaced in one step, never left half-written). With "
    "--format html and several documents, FILE is an index page and each document's report "
    "is written beside it, numbered: report.html, report-1-<name>.html, report-2-<name>.html...",
)
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    fail_on: str | None,
    show: str | None,
    show_waived: bool,
    color: bool | None,
    output: Path | None,
    **options: Any,
) -> None:
    """Check documents (files or folders) against the protection checklist.

    Each finding names the place in the document, the check's ID, its severity and what is
    wrong. A requirement is "missing" when nothing in the document provides it and "weak"
    when only hedged wording ("should consider", "where possible") does; harmful provisions
    and drafting problems are "flagged" where they occur. A coverage summary per checklist
    section and security category ends each document.

    \b
    Severity:
      error     a core protection is missing, or a harmful provision is present
      warning   a lesser protection is missing, or a core one is only weakly worded
      info      a drafting-quality note, or a lesser protection only weakly worded

    \b
    Settings come from wpslint.yaml, .wpslint.yaml or [tool.wpslint] in pyproject.toml,
    found in the checked folder or above (see the README). Waived findings (in
    wpslint-waivers.yaml) are not listed and never fail the run. Results of unchanged
    documents are reused from .wpslint_cache/, which prunes itself of results unused for 30
    days; 'wpslint clean' removes it.

    \b
    Exit status:
      0  nothing at or above the --fail-on severity (waived findings do not count)
      1  findings at or above it
      2  usage error, a document that could not be read (the others are still
         reported), or invalid rules, configuration or waivers

    \b
    Examples:
      wpslint check draft_bill.docx
      wpslint check --type protocol briefing.md
      wpslint check --fail-on warning --format json -o report.json plans/
      wpslint check --format sarif -o wpslint.sarif --jobs 4 .
      wpslint check --select LEG,EMR --ignore LEG15 plans/
      wpslint check --format html -o report.html draft.pdf
    """
    from wpslint.ingest import SUPPORTED_SUFFIXES
    from wpslint.run.checker import check as run_check

    request = build_request(paths, show=show, show_waived=show_waived, **options)
    outcome = run_check(request)
    result, rules = outcome.result, outcome.rules
    if not result.documents and not result.errors:
        if outcome.excluded:
            # A pre-commit hook may name only excluded files: nothing to do is a success.
            click.echo(f"wpslint: nothing to check ({outcome.excluded} excluded)", err=True)
            ctx.exit(EXIT_OK)
        # A CI job pointed at the wrong folder must not pass by checking nothing.
        raise WpslintError(
            f"no documents to check in {', '.join(paths)} (supported: "
            f"{', '.join(sorted(SUPPORTED_SUFFIXES))})"
        )
    if color is None:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if output is not None and fmt == "html":
        from wpslint.report.html import pages

        for path, page in pages(result, rules=rules, index=output).items():
            write_atomic(path, page + "\n")
    else:
        report = render_utf8(result, fmt, rules=rules, color=color)
        emit_report(report, output, color=color and fmt == "text")  # only text is coloured
    if output is not None or fmt != "text":
        # The text report on stdout already lists them; elsewhere they would go unseen.
        for document in result.documents:
            for warning in document.warnings:
                print_warning(f"{document.path}: {warning}")
        for failure in result.errors:
            print_error(f"{failure.path}: {failure.message}")
    report_waivers(outcome, options["quiet"])
    ctx.exit(_exit_status(result, fail_on or request.config.fail_on))


def _exit_status(result: RunResult, fail_on: str) -> int:
    """2 when any document was unreadable (it must never pass), else 1 at the threshold."""
    if result.errors:
        return EXIT_ERROR
    worst = result.max_severity()
    if fail_on == "never" or worst is None:
        return EXIT_OK
    return EXIT_FINDINGS if worst.rank >= Severity(fail_on).rank else EXIT_OK
