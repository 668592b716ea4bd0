"""The ``wpslint`` command group and what its commands share.

Commands only wire options to ``wpslint.api`` and the report formats. ``wpslint.api`` (and
with it spaCy) is imported inside the commands, so ``wpslint --version`` and ``--help`` answer
at once. Every user error ends as one ``wpslint: error: ...`` line on stderr and exit status
2, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from wpslint import __version__, collector
from wpslint.errors import WpslintError
from wpslint.terminal import one_line, printable

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
        with collector.paused():  # until documents are checked: see wpslint.collector
            code = self._run(*args, **kwargs)
        sys.exit(code or EXIT_OK)

    def _run(self, *args: Any, **kwargs: Any) -> int | None:
        """The command's exit status, user errors printed as one line."""
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            error.show()
            code = EXIT_ERROR
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            print_error(error.format_message().rstrip(".") + hint)
            code = EXIT_ERROR
        except click.ClickException as error:
            print_error(error.format_message())
            code = EXIT_ERROR
        except WpslintError as error:
            print_error(str(error))
            code = EXIT_ERROR
        except click.Abort:
            click.echo("wpslint: interrupted", err=True)
            code = EXIT_INTERRUPTED
        return code


def print_error(message: str) -> None:
    """One line on stderr, whatever line breaks the message had."""
    click.echo(f"wpslint: error: {one_line(' '.join(message.split()))}", err=True)


def print_warning(message: str) -> None:
    """One warning line on stderr, like ``print_error``."""
    click.echo(f"wpslint: warning: {one_line(' '.join(message.split()))}", err=True)


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
      wpslint check --format html plan.pdf      a page to open, share and print
      wpslint diff bill_v1.pdf bill_v2.docx     what an amendment lost, weakened or gained
      wpslint explain LEG15                     why a check matters, with a clause to adapt
      wpslint rules                             every check wpslint runs
    """


def emit_report(report: bytes, output: Path | None, *, color: bool) -> None:
    """Write ``report`` (UTF-8, no final newline) to ``output``, or to stdout when it is None;
    ``color``: the report holds colour codes of wpslint's own (the text formats).

    Reports are UTF-8 wherever they go, ``--output``, a pipe or a redirected stdout, byte for
    byte: JSON and SARIF must be, the XML and HTML say they are, and GitHub reads workflow
    commands and job summaries so. Printed as text, Windows would write them in its ANSI code
    page (cp1252), or stop with an error at the first character outside it. Only on a terminal
    is a report printed as text, which click shows right in the Windows console too, with the
    control characters of documents and file names shown as U+FFFD (``wpslint.terminal``).
    """
    if output is not None:
        write_atomic(output, report + b"\n")
    elif sys.stdout.isatty():
        # A coloured report is the text one, whose renderer shows documents' control
        # characters as U+FFFD itself; any other is made printable here. What the terminal's
        # encoding cannot show becomes "?" rather than an error.
        text = report.decode("utf-8") if color else printable(report.decode("utf-8"))
        encoding = sys.stdout.encoding or "utf-8"
        click.echo(text.encode(encoding, errors="replace").decode(encoding), color=color)
    else:
        # Bytes go to stdout's binary buffer as they are; the line break is written apart,
        # rather than copying a 16 MB report to add it.
        click.echo(report, nl=False)
        click.echo(b"\n", nl=False)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same folder and
    ``os.replace``, so a reader (or a CI step) never sees a half-written report. Text is
    written as UTF-8 (see ``emit_report``; a character that cannot be encoded, such as half of
    a file name that is not UTF-8, is replaced), its line endings as they are on every system:
    Windows would turn CSV's CRLF into CR CR LF."""
    data = content.encode("utf-8", errors="replace") if isinstance(content, str) else content
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise WpslintError(f"cannot write {path}: {error.strerror or error}") from error
