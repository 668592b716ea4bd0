"""Document type detection from title and body cues (rules/doctypes.yaml)."""

from __future__ import annotations

import pytest

from wpslint.api import default_linter


def detect(text: str) -> str:
    linter = default_linter()
    return linter.check_text(text).doc_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "AN ACT establishing protection for peacebuilders\n\n"
            "Be it enacted by the Parliament in session assembled:\n\n"
            "Section 1. Short title. This Act may be cited as the Peacebuilders Act.",
            "bill",
        ),
        (
            "Second National Action Plan on Women, Peace and Security 2025-2029\n\n"
            "Pillar 1: Participation. Outcome 1.1. Indicator: number of women mediators. "
            "Baseline: 3. Target: 12.",
            "nap",
        ),
        (
            "Protocol for the Regional Briefing on Peace Processes\n\n"
            "Agenda. Participants will be registered by the convener. The venue and the "
            "session moderator are confirmed one week ahead.",
            "protocol",
        ),
        (
            "Guidelines for Embassies on Supporting Human Rights Defenders\n\n"
            "Heads of mission and embassy staff designate a focal point. Good practice is "
            "shared across missions.",
            "guideline",
        ),
    ],
)
def test_detects_each_type(text: str, expected: str) -> None:
    assert detect(text) == expected


def test_option_overrides_detection() -> None:
    report = default_linter().check_text("Be it enacted. Section 1. Short title.", doc_type="nap")
    assert (report.doc_type, report.doc_type_source) == ("nap", "option")


def test_no_cue_falls_back_to_nap() -> None:
    report = default_linter().check_text("Nothing here says what kind of text this is.")
    assert (report.doc_type, report.doc_type_source) == ("nap", "detected")
