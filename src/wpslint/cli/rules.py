"""``wpslint rules``, ``explain`` and ``test-rules``: the checks, documented and tested."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from wpslint.cli.app import EXIT_FINDINGS, EXIT_OK, main, rules_option
from wpslint.errors import WpslintError
from wpslint.rules.model import RuleSet


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
    from wpslint.report import catalog

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
    from wpslint.report import explain

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
