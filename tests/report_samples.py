"""Drafts and runs shared by the tests of the HTML and Markdown reports and the browser test.

``HOSTILE`` is a small bill whose every kind of finding (present, weak, harmful, missing)
quotes a passage or a heading carrying markup that must render as text: a ``<script>``
element and an ``<img onerror=...>`` attribute.
"""

from __future__ import annotations

from wpslint import __version__
from wpslint.api import default_linter
from wpslint.findings import DocumentReport, RunResult

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

HOSTILE = f"""\
# Protection of Women Peacebuilders Act {SCRIPT}

## Section 1. Purpose

The Government shall protect women peacebuilders and women human rights defenders from \
reprisals {SCRIPT}.

## Section 2. Funding {IMG}

The Ministry should consider allocating a dedicated budget to the protection of women \
peacebuilders where possible {IMG}.

## Section 3. Cooperation

Women's organisations shall report suspicious individuals in their communities to the police \
as part of counter-terrorism efforts {SCRIPT}.
"""


def hostile_report(path: str = f"drafts/{SCRIPT}.md") -> DocumentReport:
    """``HOSTILE`` checked as a bill, under a file name that is markup too."""
    return default_linter().check_text(HOSTILE, doc_type="bill", path=path)


def run_of(*documents: DocumentReport) -> RunResult:
    """A run holding ``documents``, identified like a real one."""
    linter = default_linter()
    return RunResult(
        documents=list(documents),
        errors=[],
        version=__version__,
        pipeline=linter.pipeline.name,
        rules_sha256=linter.ruleset.sha256,
    )
