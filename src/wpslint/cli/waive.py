"""``wpslint waive``: record current findings as waivers, to be explained by a person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from wpslint.cli.app import EXIT_ERROR, EXIT_OK, main, print_error, write_atomic
from wpslint.cli.options import build_request, parse_selectors, run_options
from wpslint.errors import WpslintError
from wpslint.paths import display_path


@main.command(short_help="Waive current findings (writes the waivers file).")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--all", "waive_all", is_flag=True, help="Waive every current finding.")
@click.option(
    "--rule",
    "rule_filter",
    multiple=True,
    metavar="RULES",
    help="Waive only the findings of these rules (ids, names or prefixes, comma-separated).",
)
@click.option(
    "--reason",
    metavar="TEXT",
    help="The reason to record. Without it each waiver gets a placeholder, and wpslint "
    "refuses to run until every placeholder is replaced by a real reason.",
)
@click.option(
    "--expires",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The last day the waivers hold; after it their findings are reported again.",
)
@run_options
@click.pass_context
def waive(
    ctx: click.Context,
    paths: tuple[str, ...],
    waive_all: bool,
    rule_filter: tuple[str, ...],
    reason: str | None,
    expires: dt.datetime | None,
    **options: Any,
) -> None:
    """Write a waiver for each current finding of PATH... to the waivers file.

    The file is wpslint-waivers.yaml in the project root (where the configuration file is,
    else the current folder) unless the configuration's 'waivers' names another. Findings
    already waived are left alone; existing waivers are kept. Each new waiver identifies
    its finding by rule, document and fingerprint (not by line), so it survives edits
    elsewhere in the document and a re-flowed PDF. Fill in every reason before the next
    run: a waiver says why a finding is acceptable.

    \b
    Examples:
      wpslint waive --all plans/
      wpslint waive --rule LEG15 --reason "Set by the budget law" --expires 2026-12-31 plans/
    """
    from wpslint.config.selection import specificity, validate
    from wpslint.run.checker import check as run_check
    from wpslint.waivers.model import PLACEHOLDER
    from wpslint.waivers.write import new_waivers, render

    if not waive_all and not rule_filter:
        raise click.UsageError("say which findings to waive: --all, or --rule RULES")
    if reason is not None and (not reason.strip() or reason.strip().startswith("TODO")):
        raise click.UsageError("--reason must say why the findings are acceptable")
    request = build_request(paths, draft_waivers=True, **options)
    outcome = run_check(request)
    result, rules, config = outcome.result, outcome.rules, request.config
    if not result.documents and not result.errors:
        raise WpslintError(f"no documents to check in {', '.join(paths)}")
    selectors = parse_selectors(rule_filter, "--rule")
    validate(selectors, rules)
    waived_rules = {
        rule.id
        for rule in rules.rules
        if waive_all or any(specificity(selector, rule) is not None for selector in selectors)
    }
    created = new_waivers(
        result,
        config.root,
        accept=[c for d in result.documents for c in d.checks if c.rule.id in waived_rules],
        reason=" ".join(reason.split()) if reason else PLACEHOLDER,
        expires=expires.date() if expires else None,
    )
    # An expired waiver's finding is back: its new waiver replaces it.
    replaced = {waiver.key for waiver, _ in created}
    kept = [waiver for waiver in outcome.waivers if waiver.key not in replaced]
    path = config.waivers_path
    write_atomic(path, render(kept, created))
    click.echo(
        f"{len(created)} new waiver(s) written to {display_path(path)} ({len(kept)} kept).",
        err=True,
    )
    if created and not reason:
        click.echo(f"Replace each '{PLACEHOLDER}' before the next run.", err=True)
    for failure in result.errors:
        print_error(f"{failure.path}: {failure.message}")
    ctx.exit(EXIT_ERROR if result.errors else EXIT_OK)
