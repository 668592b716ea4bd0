"""Which rules run, and at what severity, resolved per file as ruff does.

A selector is ``ALL``, a rule id (``LEG15``), a rule name (``dedicated-resources``) or an id
prefix (``LEG``, ``EMR0``). Within one layer of settings, the most specific selector that
matches a rule decides whether it runs (``ALL`` < ``LEG`` < ``LEG1`` < ``LEG15`` = its name),
and ``ignore`` wins a tie. So ``select: [LEG]`` with ``ignore: [LEG15]`` runs every LEG rule
but LEG15, and ``select: [LEG15]`` with ``ignore: [LEG]`` runs LEG15 alone of the section.
The top-level settings are the first layer; each matching ``per-path`` entry is a further
layer that changes only the rules its own selectors match.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from wpslint.config.model import Selector
from wpslint.rules.model import Rule, RuleSet

ALL = "ALL"


def specificity(selector: Selector, rule: Rule) -> int | None:
    """How specifically ``selector`` names ``rule`` (higher is more), or None if it does not."""
    text = selector.text
    if text.upper() == ALL:
        return 0
    if text == rule.name:
        return len(rule.id)
    if rule.id.startswith(text.upper()):
        return len(text)
    return None


def validate(selectors: Iterable[Selector], rules: RuleSet) -> None:
    """Raise, at the selector's file and line, for one that matches no rule."""
    for selector in selectors:
        if not any(specificity(selector, rule) is not None for rule in rules.rules):
            raise selector.error(_unknown(selector.text, rules))


def apply_layer(
    enabled: frozenset[str],
    rules: Sequence[Rule],
    select: Sequence[Selector],
    ignore: Sequence[Selector],
) -> frozenset[str]:
    """``enabled`` (rule ids) after one layer of ``select`` and ``ignore``."""
    result = set(enabled)
    for rule in rules:
        best: tuple[int, bool] | None = None  # (specificity, selected)
        for selector in select:
            level = specificity(selector, rule)
            if level is not None and (best is None or level > best[0]):
                best = (level, True)
        for selector in ignore:
            level = specificity(selector, rule)
            if level is not None and (best is None or level >= best[0]):
                best = (level, False)
        if best is not None:
            (result.add if best[1] else result.discard)(rule.id)
    return frozenset(result)


def severity_overrides(
    rules: Sequence[Rule], layers: Iterable[Sequence[tuple[Selector, str]]]
) -> dict[str, str]:
    """Rule id -> level from severity overrides; within a layer the most specific selector
    wins, and a later layer overrides an earlier one."""
    levels: dict[str, str] = {}
    for overrides in layers:
        for rule in rules:
            best: tuple[int, str] | None = None
            for selector, level in overrides:
                found = specificity(selector, rule)
                if found is not None and (best is None or found >= best[0]):
                    best = (found, level)
            if best is not None:
                levels[rule.id] = best[1]
    return levels


def _unknown(text: str, rules: RuleSet) -> str:
    candidates = [rule.id for rule in rules.rules] + [rule.name for rule in rules.rules]
    candidates += sorted({rule.section for rule in rules.rules})
    close = difflib.get_close_matches(text, candidates, n=3) or difflib.get_close_matches(
        text.upper(), candidates, n=3
    )
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"'{text}' matches no rule{hint} ('wpslint rules' lists them)"
