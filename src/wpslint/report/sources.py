"""Readable names for the guidance codes in a rule's ``sources`` (``ICAN-R5``, ``DEFEND-HER``).

Rules cite their guidance by short code so the rule packs stay terse; a report for
parliamentary staff names the guidance document and the parts cited instead, one line per
document ("ICAN ...: recommendations 3, 7 and 13"). Unknown codes (a custom rule pack may
cite anything) are shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ICAN = "ICAN, Operational Guidance on the Protection of Women Peacebuilders"
#: code pattern -> guidance document, and how its parts are named (one, several).
_PATTERNS: tuple[tuple[re.Pattern[str], str, tuple[str, str]], ...] = (
    (re.compile(r"ICAN-R(\d+)"), ICAN, ("recommendation", "recommendations")),
    (re.compile(r"ICAN-DONT-([A-Z])"), ICAN, ("what not to do", "what not to do")),
    (re.compile(r"DEFEND-HER()"), "Defend Her, recommendations for diplomatic missions", ("", "")),
    (re.compile(r"SHN-(\w+)"), "Secure, Here and Now, holistic security", ("", "")),
)


def describe_sources(codes: Iterable[str]) -> list[str]:
    """One line per guidance document, naming the parts cited, in order of first mention."""
    cited: dict[str, dict[tuple[str, str], list[str]]] = {}
    for code in codes:
        document, names, part = _parse(code)
        parts = cited.setdefault(document, {}).setdefault(names, [])
        if part and part not in parts:
            parts.append(part)
    lines = []
    for document, kinds in cited.items():
        named = "; ".join(_name(names, parts) for names, parts in kinds.items() if parts)
        lines.append(f"{document}: {named}" if named else document)
    return lines


def _parse(code: str) -> tuple[str, tuple[str, str], str]:
    for pattern, document, names in _PATTERNS:
        match = pattern.fullmatch(code)
        if match:
            return document, names, match.group(1)
    return code, ("", ""), ""


def _name(names: tuple[str, str], parts: list[str]) -> str:
    """('recommendation', 'recommendations'), ['3', '7'] -> 'recommendations 3 and 7'."""
    if len(parts) == 1:
        return f"{names[0]} {parts[0]}".strip()
    return f"{names[1]} {', '.join(parts[:-1])} and {parts[-1]}".strip()
