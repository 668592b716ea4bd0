"""``wpslint diff``: compare two drafts, as staff do when reviewing an amended bill."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from wpslint.cli.app import EXIT_FINDINGS, EXIT_OK, emit_report, main, rules_option
from wpslint.diff import REGRESSIONS, Change
from wpslint.findings import DOC_TYPES
from wpslint.report.diff import DIFF_FORMATS, render_diff

DEFAULT_FAIL_ON = ",".join(change.value for change in REGRESSIONS)


def _fail_on(ctx: click.Context, param: click.Parameter, value: str) -> frozenset[Change]:
    """'lost,weakened' -> those changes; 'never' -> none."""
    names = [name.strip().lower() for name in value.split(",") if name.strip()]
    if names == ["never"]:
        return frozenset()
    allowed = {change.value: change for change in REGRESSIONS}
    unknown = [name for name in names if name not in allowed]
    if unknown or not names:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'nothing'} is not one of {', '.join(allowed)} or 'never'",
            ctx=ctx,
            param=param,
        )
    return frozenset(allowed[name] for name in names)


@main.command("diff", short_help="Compare two drafts: protections gained, lost or weakened.")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(DIFF_FORMATS)),
    default="text",
    show_default=True,
    help="'text' for people, 'json' for tools, 'markdown' for a pull-request comment, 'html' "
    "for a page to open, share and print.",
)
@click.option(
    "--type",
    "doc_type",
    type=click.Choice(DOC_TYPES),
    help="Check both drafts as this type. Default: the type detected in NEW, for both.",
)
@click.option(
    "--fail-on-change",
    "fail_on",
    default=DEFAULT_FAIL_ON,
    show_default=True,
    callback=_fail_on,
    metavar="CHANGES",
    help="Comma-separated changes that make the exit status 1: lost, weakened (protections), "
    "introduced (harmful provisions); 'never' exits 0 whatever changed.",
)
@rules_option
@click.option(
    "--password",
    envvar="WPSLINT_PASSWORD",
    show_envvar=True,
    metavar="PW",
    help="Password for encrypted PDFs (the same for both drafts).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output. Default: only when writing to a terminal and NO_COLOR is unset.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    metavar="FILE",
    help="Write the comparison to FILE (replaced in one step, never left half-written).",
)
@click.pass_context
def diff(
    ctx: click.Context,
    old: Path,
    new: Path,
    fmt: str,
    doc_type: str | None,
    fail_on: frozenset[Change],
    rules_dir: Path | None,
    password: str | None,
    color: bool | None,
    output: Path | None,
) -> None:
    """Compare an OLD and a NEW draft of a document, check by check.

    Both drafts are checked as one document type, and every protection and harmful
    provision is classified: a protection is lost (present or weak -> missing), weakened
    (binding -> only hedged wording), gained or strengthened; a harmful provision is
    introduced or removed. Drafting-quality notes are not compared. Each change comes with
    the passages behind it, from the new draft and, where wording went away or changed, from
    the old one.

    \b
    Exit status:
      0  no change listed in --fail-on-change
      1  a protection was lost or weakened, or a harmful provision introduced
         (by default; see --fail-on-change)
      2  usage error, a draft that could not be read, or invalid rules

    \b
    Examples:
      wpslint diff bill_v1.pdf bill_v2.docx
      wpslint diff --format html -o changes.html old.pdf new.pdf
      wpslint diff --format markdown --fail-on-change lost old.md new.md
    """
    from wpslint import api
    from wpslint.diff import compare
    from wpslint.ingest import read_document
    from wpslint.report.text import DOC_TYPE_NAMES

    rules = api.load_rules(rules_dir)
    linter = api.Linter(rules)
    new_report = linter.check_document(read_document(new, password=password), doc_type=doc_type)
    old_document = read_document(old, password=password)
    old_report = linter.check_document(old_document, doc_type=doc_type)
    notes = []
    if old_report.doc_type != new_report.doc_type:
        # Compared as different types, every check outside one type would look changed.
        names = {t: DOC_TYPE_NAMES.get(t, t) for t in (old_report.doc_type, new_report.doc_type)}
        notes.append(
            f"The old draft reads as a {names[old_report.doc_type]} and the new one as a "
            f"{names[new_report.doc_type]}; both were checked as a {names[new_report.doc_type]} "
            "(use --type to choose)."
        )
        old_report = linter.check_document(old_document, doc_type=new_report.doc_type)
    result = compare(old_report, new_report, notes=notes)
    if color is None:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    report = render_diff(result, fmt, rules=rules, color=color)
    emit_report(report.encode("utf-8", errors="replace"), output, color=color and fmt == "text")
    ctx.exit(EXIT_FINDINGS if result.has(fail_on) else EXIT_OK)
