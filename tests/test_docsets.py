"""Document sets: a plan and its annexes checked as one document."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from wpslint.api import default_linter
from wpslint.cli import main
from wpslint.docsets import attribute, join
from wpslint.findings import Status
from wpslint.ingest.text import parse_text

PLAN = """\
# National Action Plan on Women, Peace and Security

## 1. Introduction

This National Action Plan sets out how the Government will implement resolution 1325.
"""

ANNEX = """\
# Annex 1: Protection measures

## Funding

The Ministry of Finance shall allocate a dedicated annual budget line of 2,000,000 to the
protection of women peacebuilders and women human rights defenders.

## Emergencies

The Ministry of Foreign Affairs shall establish a rapid response fund for women
peacebuilders at risk, and shall provide temporary relocation within 72 hours.
"""


def present_only_in_annex() -> list[str]:
    """Checks the annex satisfies and the plan alone does not (the rules decide which)."""
    linter = default_linter()
    plan = linter.check_text(PLAN, doc_type="nap").checks
    annex = linter.check_text(ANNEX, doc_type="nap").checks
    return [
        a.rule.id
        for p, a in zip(plan, annex, strict=True)
        if p.status is Status.MISSING and a.status is Status.PRESENT
    ]


def test_joined_document_keeps_each_members_lines() -> None:
    plan, annex = parse_text(PLAN, "plan.md"), parse_text(ANNEX, "annex.md")
    joined, members = join("nap", [plan, annex])
    assert joined.path == "nap" and joined.format == "set"
    assert joined.text.startswith(plan.text) and joined.text.endswith(annex.text)
    offset = joined.text.index("The Ministry of Finance")
    assert joined.location(offset) == annex.location(annex.text.index("The Ministry of Finance"))
    assert members.path_at(offset) == "annex.md"
    assert members.path_at(0) == "plan.md"
    assert len(joined.blocks) == len(plan.blocks) + len(annex.blocks)


def test_a_protection_in_the_annex_satisfies_the_plan() -> None:
    gained = present_only_in_annex()
    assert gained, "the annex should provide a protection the plan lacks"
    joined, members = join("nap", [parse_text(PLAN, "plan.md"), parse_text(ANNEX, "annex.md")])
    report = default_linter().check_document(joined, doc_type="nap")
    attribute(report, members)
    checks = {check.rule.id: check for check in report.checks}
    for rule_id in gained:
        assert checks[rule_id].status is Status.PRESENT
        assert {item.path for item in checks[rule_id].evidence} == {"annex.md"}
    assert report.members == ("plan.md", "annex.md")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nap").mkdir()
    (tmp_path / "nap" / "plan.md").write_text(PLAN, encoding="utf-8")
    (tmp_path / "nap" / "annex-1.md").write_text(ANNEX, encoding="utf-8")
    (tmp_path / "other.md").write_text(PLAN, encoding="utf-8")
    (tmp_path / "wpslint.yaml").write_text(
        textwrap.dedent(
            """\
            document-sets:
              nap-2025: [nap/plan.md, nap/annex-*.md]
            per-path:
              - glob: nap/plan.md
                type: nap
            """
        ),
        encoding="utf-8",
    )
    return tmp_path


def test_cli_reports_the_set_under_its_name(project: Path) -> None:
    gained = present_only_in_annex()
    result = CliRunner().invoke(main, ["check", "--format", "json", "."])
    documents = json.loads(result.stdout)["documents"]
    assert [d["path"] for d in documents] == ["other.md", "nap-2025"]
    document = documents[1]
    assert document["members"] == ["nap/plan.md", "nap/annex-1.md"]
    assert document["doc_type_source"] == "config"  # the plan's per-path settings
    checks = {check["id"]: check for check in document["checks"]}
    for rule_id in gained:
        assert checks[rule_id]["status"] == "present"
        assert checks[rule_id]["evidence"][0]["path"] == "nap/annex-1.md"


def test_changing_an_annex_checks_the_whole_set(project: Path) -> None:
    """A pre-commit hook names only the changed file; its set is checked whole."""
    result = CliRunner().invoke(main, ["check", "nap/annex-1.md"])
    assert result.stdout.startswith("nap-2025\n")
    assert "Document set of 2: nap/plan.md, nap/annex-1.md" in result.stdout
    findings = [line for line in result.stdout.splitlines() if line.startswith("nap/")]
    assert findings and all(
        line.split(":")[0] in {"nap/plan.md", "nap/annex-1.md"} for line in findings
    )


def test_a_file_in_two_sets_is_a_configuration_error(project: Path) -> None:
    (project / "wpslint.yaml").write_text(
        "document-sets:\n  a: [nap/*.md]\n  b: [nap/annex-*.md]\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 2
    assert "nap/annex-1.md is in two document sets, 'a' and 'b'" in result.stderr
