"""``wpslint waive``: waivers for current findings, written in one fixed layout.

New waivers get a placeholder reason that stops the next run until a person replaces it:
waiving is a decision someone must explain, not a way to make a build pass. The file is
rewritten whole (existing waivers first, as they were, then the new ones, each preceded by
a comment quoting its finding), so comments added by hand are not kept: the ``reason`` is
the place for explanations.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from wpslint.findings import CheckResult, RunResult
from wpslint.waivers.apply import document_key
from wpslint.waivers.fingerprint import fingerprint, passage
from wpslint.waivers.model import PLACEHOLDER, Waiver

HEADER = """\
# wpslint waivers: findings reviewed and accepted. Each needs a reason; 'expires' (optional)
# brings the finding back after that date. See the README, "Waivers".
"""


def new_waivers(
    result: RunResult,
    root: Path,
    accept: Iterable[CheckResult] | None = None,
    reason: str = PLACEHOLDER,
    expires: dt.date | None = None,
) -> list[tuple[Waiver, str]]:
    """A waiver for every finding of ``result`` that counts and is not waived yet (or for
    those in ``accept``), each with a one-line description of its finding."""
    wanted = None if accept is None else {id(check) for check in accept}
    created: list[tuple[Waiver, str]] = []
    for document in result.documents:
        path = document_key(document, root)
        for check in document.checks:
            if not check.counted or (wanted is not None and id(check) not in wanted):
                continue
            waiver = Waiver(check.rule.id, path, fingerprint(check), reason, expires)
            created.append((waiver, _describe(check)))
    return created


def render(existing: Sequence[Waiver], created: Sequence[tuple[Waiver, str]]) -> str:
    """The waivers file: ``existing`` waivers, then ``created`` ones with their comments."""
    lines = [HEADER, "waivers:"]
    entries = [(waiver, "") for waiver in existing] + list(created)
    if not entries:
        lines[-1] = "waivers: []"
    for waiver, comment in entries:
        if comment:
            lines.append(f"  # {comment}")
        lines.append(f"  - rule: {waiver.rule}")
        lines.append(f"    path: {_quoted(waiver.path)}")
        lines.append(f"    fingerprint: {_quoted(waiver.fingerprint)}")
        lines.append(f"    reason: {_quoted(waiver.reason)}")
        if waiver.expires is not None:
            lines.append(f"    expires: {waiver.expires.isoformat()}")
    return "\n".join(lines) + "\n"


def _describe(check: CheckResult) -> str:
    cited = passage(check)
    where = ""
    if cited is not None:
        where = (
            f" (page {cited.page}, line {cited.line})" if cited.page else f" (line {cited.line})"
        )
    text = " ".join(check.message.split())
    if len(text) > 90:
        text = text[:90].rsplit(" ", 1)[0] + "…"
    return f"{check.rule.id} {check.status.value}{where}: {text}"


def _quoted(text: str) -> str:
    """A YAML scalar for ``text``: JSON's double-quoted strings are valid YAML."""
    return json.dumps(text, ensure_ascii=False)
