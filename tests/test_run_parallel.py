"""--jobs: documents checked in worker processes give the same report, in the same order."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from wpslint.api import default_linter, load_rules
from wpslint.cli import main
from wpslint.findings import DocumentReport, ReadFailure
from wpslint.run.plan import Settings, Task, largest_first
from wpslint.run.pool import Context, run_tasks

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    for path in sorted(CORPUS.glob("*.md")) + sorted(CORPUS.glob("*.txt"))[:3]:
        (root / path.name).write_bytes(path.read_bytes())
    (root / "broken.txt").write_text("", encoding="utf-8")
    return root


def test_reports_pickle_whole() -> None:
    report = default_linter().check_file(CORPUS / "nap_strong.md")
    report.checks[0].waived = "Covered by the annex."  # set after checking, sent back too
    copy = pickle.loads(pickle.dumps(report))
    assert copy == report
    assert copy.to_dict() == report.to_dict()
    failure = ReadFailure("plan.pdf", "corrupt", "page 3 of the PDF cannot be read")
    assert pickle.loads(pickle.dumps(failure)) == failure


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_jobs_2_gives_the_same_report_as_jobs_1(folder: Path, fmt: str) -> None:
    def report(jobs: str) -> str:
        result = CliRunner().invoke(
            main, ["check", "--no-cache", "--jobs", jobs, "--format", fmt, str(folder)]
        )
        assert result.exit_code == 2, result.output  # broken.txt
        return result.stdout

    assert report("2") == report("1")


def test_pool_keeps_task_order_and_returns_failures(folder: Path) -> None:
    rules = load_rules()
    settings = Settings(None, "detected", tuple(rule.id for rule in rules.rules))
    paths = sorted(str(path) for path in folder.iterdir())
    tasks = [Task(path, (path,), settings) for path in paths]
    done = []
    results = run_tasks(tasks, Context(), rules, jobs=2, done=lambda: done.append(1))
    assert len(done) == len(tasks)
    assert [r.path for r in results] == paths
    assert [type(r) for r in results].count(ReadFailure) == 1
    assert all(isinstance(r, DocumentReport) for r in results if not r.path.endswith("broken.txt"))


def test_largest_documents_are_handed_out_first(tmp_path: Path) -> None:
    settings = Settings(None, "detected", ())
    for name, size in [("small.md", 10), ("large.md", 3000), ("middle.md", 200)]:
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
    names = ["small.md", "large.md", "middle.md", "missing.md"]
    tasks = [Task(name, (str(tmp_path / name),), settings) for name in names]
    assert [names[index] for index in largest_first(tasks)] == [
        "large.md",
        "middle.md",
        "small.md",
        "missing.md",
    ]
