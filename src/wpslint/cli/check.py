"""``wpslint check``: check documents and report what they lack, hedge or must not contain."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click

from wpslint.cli.app import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    FAIL_ON,
    main,
    print_error,
    rules_option,
    write_atomic,
)
from wpslint.errors import WpslintError
from wpslint.findings import DOC_TYPES, RunResult, Severity
from wpslint.report import FORMATS, render


@main.command(short_help="Check documents for missing, weak and harmful provisions.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="Report format: 'text' for people, 'json' for tools (see the report contract).",
)
@click.option(
    "--type",
    "doc_type",
    type=click.Choice(DOC_TYPES),
    help="Check every document as this type instead of detecting it: nap (national action "
    "plan or strategy), bill (bill, act, regulation), protocol (event or engagement "
    "protocol), guideline (an institution's guidelines).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit status 1; 'never' exits 0 whatever is found.",
)
@rules_option
@click.option(
    "--password",
    envvar="WPSLINT_PASSWORD",
    show_envvar=True,
    metavar="PW",
    help="Password for encrypted PDFs (the environment variable keeps it out of shell history).",
)
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
    help="Write the report to FILE (replaced in one step, never left half-written).",
)
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    doc_type: str | None,
    fail_on: str,
    rules_dir: Path | None,
    password: str | None,
    color: bool | None,
    output: Path | None,
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
    Exit status:
      0  nothing at or above the --fail-on severity
      1  findings at or above it
      2  usage error, a document that could not be read (the others are still
         reported), or invalid rules

    \b
    Examples:
      wpslint check draft_bill.docx
      wpslint check --type protocol briefing.md
      wpslint check --fail-on warning --format json -o report.json plans/
    """
    from wpslint import api
    from wpslint.ingest import SUPPORTED_SUFFIXES

    rules = api.load_rules(rules_dir)
    linter = api.Linter(rules)
    # What is loaded now (spaCy's vocabulary, tables, compiled rules) lives until exit: keep it
    # out of the garbage collector's sweeps, which otherwise cost about a tenth of a check.
    gc.freeze()
    result = linter.check_paths(paths, doc_type=doc_type, password=password)
    if not result.documents and not result.errors:
        # A CI job pointed at the wrong folder must not pass by checking nothing.
        raise WpslintError(
            f"no documents to check in {', '.join(paths)} (supported: "
            f"{', '.join(sorted(SUPPORTED_SUFFIXES))})"
        )
    if color is None:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    report = render(result, fmt, rules=rules, color=color)
    if output is None:
        click.echo(report, color=color)
    else:
        write_atomic(output, report + "\n")
    if output is not None or fmt != "text":
        # The text report on stdout already lists them; elsewhere they would go unseen.
        for failure in result.errors:
            print_error(f"{failure.path}: {failure.message}")
    ctx.exit(_exit_status(result, fail_on))


def _exit_status(result: RunResult, fail_on: str) -> int:
    """2 when any document was unreadable (it must never pass), else 1 at the threshold."""
    if result.errors:
        return EXIT_ERROR
    worst = result.max_severity()
    if fail_on == "never" or worst is None:
        return EXIT_OK
    return EXIT_FINDINGS if worst.rank >= Severity(fail_on).rank else EXIT_OK
