"""Waivers: findings a team has reviewed and accepts, each with a reason and maybe an expiry.

The file (``wpslint-waivers.yaml`` in the project root unless ``waivers`` says otherwise)::

    waivers:
      - rule: LEG15                      # id or name
        path: plans/nap.pdf              # relative to the project root; a set's name
        fingerprint: 3f9c0a7d2b1e4c58    # from 'wpslint waive' or the SARIF report
        reason: Funding is set each year in the budget law, not in the plan.
        expires: 2026-06-30              # optional: after this date the finding is back

Validation is as strict as for rules: unknown keys, a missing or placeholder reason, or an
unknown rule stop the run at the file and line, since a waiver silently not applied would
fail builds that the team believes fixed, and a waiver without a reason hides a finding
without anyone saying why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from wpslint.config.validate import check_keys
from wpslint.errors import ConfigError
from wpslint.rules.model import RuleSet
from wpslint.rules.yamlsource import SourceMap, load_yaml
from wpslint.waivers.fingerprint import LENGTH

#: The reason 'wpslint waive' writes; a run stops until someone replaces it.
PLACEHOLDER = "TODO: say why this finding is acceptable"
KEYS = ("rule", "path", "fingerprint", "reason", "expires")
REQUIRED = ("rule", "path", "fingerprint", "reason")
_FINGERPRINT = re.compile(rf"^[0-9a-f]{{{LENGTH}}}$")


@dataclass(frozen=True, slots=True)
class Waiver:
    rule: str
    path: str
    fingerprint: str
    reason: str
    expires: dt.date | None = None
    source: str = ""
    line: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.path, self.fingerprint)

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.source else ""

    def expired(self, today: dt.date) -> bool:
        """True after the expiry date (a waiver holds through the day it names)."""
        return self.expires is not None and today > self.expires


def load_waivers(
    path: Path, rules: RuleSet, display: str | None = None, *, drafts: bool = False
) -> list[Waiver]:
    """The waivers in ``path`` (none when the file does not exist). With ``drafts``, waivers
    whose reason is still the placeholder are accepted (for 'wpslint waive' itself)."""
    if not path.is_file():
        return []
    shown = display or str(path)
    data = load_yaml(path, display=shown)
    if data is None:
        return []
    if not isinstance(data, SourceMap):
        raise ConfigError("a waivers file must be a mapping with a 'waivers' list", path=shown)
    check_keys(data, ("waivers",), "key")
    items = data.get("waivers") or []
    if not isinstance(items, list) or not all(isinstance(item, SourceMap) for item in items):
        raise data.error("'waivers' must be a list of mappings", "waivers")
    waivers: list[Waiver] = []
    seen: dict[tuple[str, str, str], Waiver] = {}
    for item in items:
        waiver = _waiver(item, rules, drafts)
        if waiver.key in seen:
            raise item.error(f"the same waiver as at line {seen[waiver.key].line}")
        seen[waiver.key] = waiver
        waivers.append(waiver)
    return waivers


def _waiver(item: SourceMap, rules: RuleSet, drafts: bool) -> Waiver:
    check_keys(item, KEYS, "waiver key")
    for key in REQUIRED:
        if key not in item:
            raise item.error(f"a waiver needs '{key}'")
        if not isinstance(item[key], str) or not item[key].strip():
            raise item.error(f"'{key}' must be a non-empty string", key)
    rule = rules.get(item["rule"].strip())
    if rule is None:
        raise item.error(f"no rule '{item['rule']}' ('wpslint rules' lists them)", "rule")
    reason = " ".join(item["reason"].split())
    if reason.startswith("TODO") and not drafts:
        raise item.error(
            f"waiver for {rule.id} in {item['path']} has no reason yet: replace the "
            "placeholder with why the finding is acceptable",
            "reason",
        )
    fingerprint = item["fingerprint"].strip()
    if not _FINGERPRINT.match(fingerprint):
        raise item.error(f"'fingerprint' must be {LENGTH} hex digits", "fingerprint")
    return Waiver(
        rule=rule.id,
        path=item["path"].strip().removeprefix("./"),
        fingerprint=fingerprint,
        reason=reason,
        expires=_date(item),
        source=item.path,
        line=item.line,
    )


def _date(item: SourceMap) -> dt.date | None:
    value = item.get("expires")
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise item.error("'expires' must be a date such as 2026-06-30", "expires")
