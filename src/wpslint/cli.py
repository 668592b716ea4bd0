"""The ``wpslint`` command line: check documents, list and explain rules, test rule packs.

Commands only wire options to ``wpslint.api`` and the report formats. ``wpslint.api`` (and
with it spaCy) is imported inside the commands, so ``wpslint --version`` and ``--help`` answer
at once. Every user error ends as one ``wpslint: error: ...`` line on stderr and exit status
2, never a traceback.
"""

from __future__ import annotations

import difflib
import gc
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from wpslint import __version__
from wpslint.errors import WpslintError
from wpslint.findings import DOC_TYPES, RunResult, Severity
from wpslint.report import FORMATS, catalog, explain, render
from wpslint.rules.model import RuleSet

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
#: The conventional status for a run stopped with Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130

FAIL_ON = ("error", "warning", "info", "never")


class WpslintGroup(click.Group):
    """A command group that reports user errors as one line and exit status 2."""

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            error.show()
            code = EXIT_ERROR
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            _print_error(error.format_message().rstrip(".") + hint)
            code = EXIT_ERROR
        except click.ClickException as error:
            _print_error(error.format_message())
            code = EXIT_ERROR
        except WpslintError as error:
            _print_error(str(error))
            code = EXIT_ERROR
        except click.Abort:
            click.echo("wpslint: interrupted", err=True)
            code = EXIT_INTERRUPTED
        sys.exit(code or EXIT_OK)


def _print_error(message: str) -> None:
    """One line on stderr, whatever line breaks the message had."""
    click.echo(f"wpslint: error: {' '.join(message.split())}", err=True)


rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="Use the rule packs in DIR instead of the ones shipped with wpslint.",
)


@click.group(
    "wpslint",
    cls=WpslintGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(
    __version__, "-V", "--version", prog_name="wpslint", message="%(prog)s %(version)s"
)
def main() -> None:
    """Check Women, Peace and Security documents for missing, weak and harmful provisions.

    wpslint reads national action plans, bills, event protocols and guidelines (PDF, DOCX,
    TXT, Markdown, HTML) and checks them against a checklist of protections for women
    peacebuilders and women human rights defenders. It reports protections that are
    missing, protections that are only weakly worded ("should", "where possible"), and
    harmful provisions, each with the page and line it refers to.

    Results are advisory: they point to passages worth a second look, not to a verdict.

    \b
    Examples:
      wpslint check draft_bill.docx             report on one draft
      wpslint check --type nap plans/           every document in a folder, as action plans
      wpslint check --format json plan.pdf      machine-readable report
      wpslint explain LEG15                     why a check matters, with a clause to adapt
      wpslint rules                             every check wpslint runs
    """


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
        _write_atomic(output, report + "\n")
    if output is not None or fmt != "text":
        # The text report on stdout already lists them; elsewhere they would go unseen.
        for failure in result.errors:
            _print_error(f"{failure.path}: {failure.message}")
    ctx.exit(_exit_status(result, fail_on))


def _exit_status(result: RunResult, fail_on: str) -> int:
    """2 when any document was unreadable (it must never pass), else 1 at the threshold."""
    if result.errors:
        return EXIT_ERROR
    worst = result.max_severity()
    if fail_on == "never" or worst is None:
        return EXIT_OK
    return EXIT_FINDINGS if worst.rank >= Severity(fail_on).rank else EXIT_OK


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and ``os.replace``,
    so a reader (or a CI step) never sees a half-written report."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "x", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise WpslintError(f"cannot write {path}: {error.strerror or error}") from error


@main.command("rules", short_help="List every check.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table for people or JSON for tools.",
)
@rules_option
def list_rules(fmt: str, rules_dir: Path | None) -> None:
    """List every check: ID, name, kind, document types and severity.

    \b
    Kinds:
      requirement   a protection the document should contain
      antipattern   a harmful provision the document should not contain
      quality       drafting that makes commitments hard to enforce

    Use an ID or name with 'wpslint explain' for the full description.
    """
    from wpslint import api

    rules = api.load_rules(rules_dir)
    click.echo(catalog.render_json(rules) if fmt == "json" else catalog.render_text(rules))


@main.command("explain", short_help="Explain a check and suggest a clause to adapt.")
@click.argument("key", metavar="ID_OR_NAME")
@rules_option
def explain_rule(key: str, rules_dir: Path | None) -> None:
    """Explain one check: why it matters, what satisfies it and a clause to adapt.

    \b
    Examples:
      wpslint explain LEG15
      wpslint explain dedicated-resources
    """
    from wpslint import api

    rules = api.load_rules(rules_dir)
    rule = rules.get(key.strip())
    if rule is None:
        raise WpslintError(_unknown_rule(key, rules))
    click.echo(explain.render(rule, rules))


def _unknown_rule(key: str, rules: RuleSet) -> str:
    """The error for an unknown rule, suggesting ids and names that look alike."""
    ids = [rule.id for rule in rules.rules]
    names = [rule.name for rule in rules.rules]
    close = difflib.get_close_matches(key.upper(), ids, n=3)
    close += difflib.get_close_matches(key.lower(), names, n=3)
    suggestion = f"; did you mean {', '.join(close)}?" if close else "."
    return f"no rule '{key}'{suggestion} Run 'wpslint rules' to list them all."


@main.command("test-rules", short_help="Run the example texts embedded in the rules.")
@rules_option
@click.pass_context
def test_rules(ctx: click.Context, rules_dir: Path | None) -> None:
    """Run the examples embedded in every rule and report the ones that fail.

    Each rule carries example texts with the status they must get (see
    docs/writing-rules.md). Run this after editing a rule pack; the exit status is 1 when
    any example fails.

    \b
    Example:
      wpslint test-rules --rules my-rules/
    """
    from wpslint import api
    from wpslint.rules.selftest import run_rule_tests

    count, failures = run_rule_tests(api.Linter(api.load_rules(rules_dir)))
    for failure in failures:
        click.echo(str(failure))
    click.echo(f"{count - len(failures)} passed, {len(failures)} failed")
    ctx.exit(EXIT_FINDINGS if failures else EXIT_OK)


@main.command("eval", short_help="Measure the rules' accuracy on a labelled corpus.")
@click.argument(
    "corpus_dir",
    required=False,
    default="corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="[CORPUS_DIR]",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table and summary for people, or JSON for tools.",
)
@click.option(
    "--min-f1",
    type=click.FloatRange(0.0, 1.0),
    metavar="FLOAT",
    help="Exit 1 when the micro-averaged F1 is below FLOAT (a gate for CI).",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also list every disagreement ('doc ID expected X got Y' with the labelled quote and "
    "the evidence found), evidence that misses the quote, and label problems.",
)
@rules_option
@click.pass_context
def evaluate(
    ctx: click.Context,
    corpus_dir: Path,
    fmt: str,
    min_f1: float | None,
    verbose: bool,
    rules_dir: Path | None,
) -> None:
    """Score the rules against the labelled documents of CORPUS_DIR (default: corpus/).

    Every file in CORPUS_DIR with a label file CORPUS_DIR/labels/<file name>.yaml is checked
    as the type its label gives. For each check that applies, "present", "weak" and "flagged"
    count as positive, and are compared with the label's "present". The table gives each
    check's counts, precision, recall and F1, and the F1 of a keyword baseline (a check fires
    when any of its rule's terms occurs anywhere). The summary adds micro and macro F1, how
    often the evidence overlaps the labelled quote, whether "weak" agrees with the labels,
    how often the document type is detected right, and the gain over the baseline.

    \b
    Exit status:
      0  evaluated (and micro-F1 at least --min-f1)
      1  micro-F1 below --min-f1
      2  invalid label files (every problem is listed), an unreadable document or
         invalid rules

    \b
    Examples:
      wpslint eval
      wpslint eval --verbose corpus/ | less
      wpslint eval --min-f1 0.9 --format json > accuracy.json
    """
    from wpslint import api
    from wpslint.evaluate import LabelError, evaluate_corpus
    from wpslint.evaluate.report import render_json, render_text

    linter = api.Linter(api.load_rules(rules_dir))
    try:
        result = evaluate_corpus(corpus_dir, linter)
    except LabelError as error:
        for problem in error.problems:
            _print_error(problem)
        ctx.exit(EXIT_ERROR)
    click.echo(render_json(result) if fmt == "json" else render_text(result, verbose=verbose))
    f1 = result.micro.f1 or 0.0
    if min_f1 is not None and f1 < min_f1:
        click.echo(f"wpslint: micro-F1 {f1:.3f} is below --min-f1 {min_f1:.3f}", err=True)
        ctx.exit(EXIT_FINDINGS)
