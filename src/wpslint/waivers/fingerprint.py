"""Fingerprints: a finding's identity that survives re-flowed PDFs and edits elsewhere.

A line number changes whenever anything above it does, and a PDF re-exported with other
margins breaks every line differently. A fingerprint is instead the first 16 hex digits of
the SHA-256 of the rule id, the heading the passage sits under and the passage itself, both
normalised: case folded, punctuation removed (so "decision-making" and a hyphen lost at a
line break agree), whitespace collapsed, and a heading's leading number dropped ("4.2
Funding" and "5.1 Funding" agree). A finding without a passage (a missing protection)
has only its rule id to go on; the waiver's path says which document it is about.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from wpslint.findings import CheckResult, Evidence, Status

LENGTH = 16

_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*[.)]?\s+")


def fingerprint(check: CheckResult) -> str:
    """The fingerprint of a finding: its rule, and the first passage it cites if any."""
    cited = passage(check)
    parts = [check.rule.id]
    if cited is not None:
        parts += [normalise(_NUMBERING.sub("", cited.section)), normalise(cited.text)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:LENGTH]


def passage(check: CheckResult) -> Evidence | None:
    """The passage a finding rests on: the first evidence of a weak or flagged check."""
    if check.status is Status.MISSING or not check.evidence:
        return None
    return check.evidence[0]


def normalise(text: str) -> str:
    """Case-folded, without punctuation, with single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(ch for ch in folded if not unicodedata.category(ch).startswith("P"))
    return " ".join(kept.split())
