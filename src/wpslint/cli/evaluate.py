"""``wpslint eval``: the rules' accuracy on a labelled corpus."""

from __future__ import annotations

from pathlib import Path

import click

from wpslint.cli.app import EXIT_ERROR, EXIT_FINDINGS, main, print_error, rules_option


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
            print_error(problem)
        ctx.exit(EXIT_ERROR)
    click.echo(render_json(result) if fmt == "json" else render_text(result, verbose=verbose))
    f1 = result.micro.f1 or 0.0
    if min_f1 is not None and f1 < min_f1:
        click.echo(f"wpslint: micro-F1 {f1:.3f} is below --min-f1 {min_f1:.3f}", err=True)
        ctx.exit(EXIT_FINDINGS)
