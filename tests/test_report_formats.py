"""SARIF, GitHub annotations, JUnit XML and CSV: each parses as its consumers expect."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures import make_pdf
from wpslint.api import default_linter, load_rules
from wpslint.cli import main
from wpslint.report import FORMATS, render, render_utf8
from wpslint.report.github import _escape_data, _escape_property
from wpslint.waivers.fingerprint import LENGTH

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "spec" / "sarif-schema-2.1.0.json"

DRAFT = """\
# Protection of Women Peacebuilders Act

## Section 1. Purpose

The Government shall protect women peacebuilders and women human rights defenders.

## Section 2. Funding

The Ministry should consider allocating resources where possible, 100% "as appropriate".
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats")
    (root / "docs").mkdir()
    (root / "docs" / "act.md").write_text(DRAFT, encoding="utf-8")
    (root / "docs" / "annex one.md").write_text(DRAFT.replace("Act", "Annex"), encoding="utf-8")
    lines = [line for line in DRAFT.splitlines() if line and not line.startswith("#")]
    make_pdf(root / "docs" / "plan.pdf", [["National Action Plan"], lines])
    (root / "docs" / "empty.txt").write_text("", encoding="utf-8")
    return root


def run(project: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, *args: str) -> str:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", "--format", fmt, *args, "docs"])
    assert result.exit_code == 2, result.output  # the empty file is unreadable
    return result.stdout


def test_every_format_is_registered() -> None:
    assert {"text", "json", "sarif", "github", "junit", "csv"} <= set(FORMATS)
    assert next(iter(FORMATS)) == "text"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_gives_the_same_report_as_text_and_as_utf8(fmt: str, tmp_path: Path) -> None:
    """What is printed on a terminal (``render``) and what goes to a file or a pipe
    (``render_utf8``, written by orjson for the JSON formats) never drift apart."""
    (tmp_path / "défense.md").write_text(DRAFT, encoding="utf-8")
    result = default_linter().check_paths([tmp_path])
    rules = load_rules()
    text = render(result, fmt, rules=rules)
    assert "défense" in text
    assert render_utf8(result, fmt, rules=rules) == text.encode("utf-8")


def test_sarif_is_valid_against_the_official_schema(project: Path, monkeypatch) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA}")
    log = json.loads(run(project, monkeypatch, "sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_content(project: Path, monkeypatch) -> None:
    (run_,) = json.loads(run(project, monkeypatch, "sarif"))["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in load_rules().rules]
    leg15 = next(r for r in rules if r["id"] == "LEG15")
    assert leg15["fullDescription"]["text"] and leg15["properties"]["sources"]
    results = run_["results"]
    assert results and {r["level"] for r in results} <= {"error", "warning", "note"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert re.fullmatch(rf"[0-9a-f]{{{LENGTH}}}", result["partialFingerprints"]["wpslint/v1"])
    by_file = {}
    for result in results:
        location = result["locations"][0]
        by_file.setdefault(location["physicalLocation"]["artifactLocation"]["uri"], []).append(
            location
        )
    assert set(by_file) == {"docs/act.md", "docs/annex%20one.md", "docs/plan.pdf"}
    assert all(
        loc["physicalLocation"]["region"]["startLine"] >= 1 for loc in by_file["docs/act.md"]
    )
    for location in by_file["docs/plan.pdf"]:
        assert "region" not in location["physicalLocation"]
        assert location["properties"]["page"] >= 1 and location["properties"]["line"] >= 1
    pdf_messages = [
        r["message"]["text"]
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/plan.pdf"
    ]
    assert all(re.search(r"\(page \d+, line \d+\)", text) for text in pdf_messages)
    (notification,) = run_["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert run_["invocations"][0]["executionSuccessful"] is False


def test_github_annotations(project: Path, monkeypatch) -> None:
    lines = run(project, monkeypatch, "github").splitlines()
    pattern = re.compile(r"^::(error|warning|notice) ([^:]+)::(.+)$")
    assert lines and all(pattern.match(line) for line in lines)
    text_file = [line for line in lines if "file=docs/act.md," in line]
    located = re.compile(r",line=\d+,title=wpslint [A-Z]+\d+ ")
    assert text_file and all(located.search(line) for line in text_file)
    pdf = [line for line in lines if "file=docs/plan.pdf," in line]
    assert pdf and not any(",line=" in line for line in pdf)
    assert any("(page 2, line" in line for line in pdf)
    assert any(
        line.startswith("::error file=docs/empty.txt,title=wpslint%3A unreadable") for line in lines
    )


def test_github_escaping() -> None:
    assert _escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert _escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_junit_parses_with_a_suite_per_document(project: Path, monkeypatch) -> None:
    root = ET.fromstring(run(project, monkeypatch, "junit"))
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {"docs/act.md", "docs/annex one.md", "docs/plan.pdf", "docs/empty.txt"}
    act = suites["docs/act.md"]
    cases = act.findall("testcase")
    assert len(cases) == len(load_rules().rules) == int(act.get("tests"))
    failures = [case for case in cases if case.find("failure") is not None]
    assert failures and int(act.get("failures")) == len(failures)
    assert {f.find("failure").get("type") for f in failures} <= {"error", "warning", "info"}
    assert int(act.get("skipped")) == sum(case.find("skipped") is not None for case in cases)
    assert suites["docs/empty.txt"].find("testcase/error").get("type") == "empty"
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())


def test_csv_has_one_row_per_document_and_check(project: Path, monkeypatch) -> None:
    rows = list(csv.DictReader(io.StringIO(run(project, monkeypatch, "csv"), newline="")))
    count = len(load_rules().rules)
    assert len(rows) == 3 * count
    assert {row["document"] for row in rows} == {
        "docs/act.md",
        "docs/annex one.md",
        "docs/plan.pdf",
    }
    statuses = {"present", "weak", "missing", "not_applicable", "flagged", "clear"}
    assert {row["status"] for row in rows} <= statuses
    cited = [
        row for row in rows if row["document"] == "docs/act.md" and row["evidence_count"] != "0"
    ]
    assert cited and all(row["passage"] and row["line"] for row in cited)
    assert any('"as appropriate"' in row["passage"] for row in cited)
    pdf = [row for row in rows if row["document"] == "docs/plan.pdf" and row["page"]]
    assert pdf


def test_csv_cells_from_documents_never_start_a_formula(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "=plan.md").write_text(
        '# @Annex\n\n=HYPERLINK("https://example.org") The Ministry should consider, where '
        "possible, protecting women peacebuilders.\n\n-1 The Government shall protect "
        "women human rights defenders.\n\nThe Ministry shall fund emergency relocation of "
        "women peacebuilders at risk.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "csv", "=plan.md"])
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    cells = [row[column] for row in rows for column in ("document", "file", "section", "passage")]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert {row["document"] for row in rows} == {"'=plan.md"}
    assert "'@Annex" in {row["section"] for row in rows}
    passages = {row["passage"] for row in rows}
    assert any(passage.startswith("'=HYPERLINK(") for passage in passages)
    assert any(passage.startswith("The ") for passage in passages)  # plain text as it is


def test_show_level_applies_to_machine_formats(project: Path, monkeypatch) -> None:
    all_levels = run(project, monkeypatch, "github").splitlines()
    errors_only = run(project, monkeypatch, "github", "--show", "error").splitlines()
    assert len(errors_only) < len(all_levels)
    assert all(line.startswith("::error ") for line in errors_only)
