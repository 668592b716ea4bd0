"""The report cache: hits for unchanged documents, misses for anything that changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wpslint.config import load_config
from wpslint.run import cache as cache_module
from wpslint.run.checker import Outcome, Request, check
from wpslint.run.plan import Overrides

RULES = Path(__file__).resolve().parents[1] / "rules"
DRAFT = "# Plan\n\nThe Ministry should consider protecting women peacebuilders where possible.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WPSLINT_CACHE_DIR", raising=False)
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(DRAFT, encoding="utf-8")
    (tmp_path / "wpslint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    return tmp_path


def run(project: Path, **options) -> Outcome:
    paths = options.pop("paths", (str(project),))
    return check(Request(paths=paths, config=load_config(paths), **options))


def entries(project: Path) -> list[Path]:
    return sorted((project / ".wpslint_cache").glob("*/*.json"))


def test_second_run_is_answered_from_the_cache(project: Path) -> None:
    first = run(project)
    assert first.cached == 0 and len(entries(project)) == 2
    second = run(project)
    assert second.cached == 2
    assert second.result.to_dict() == first.result.to_dict()
    assert (project / ".wpslint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_changed_file_is_checked_again(project: Path) -> None:
    run(project)
    (project / "b.md").write_text(DRAFT + "\nThe Ministry shall fund defenders.\n", "utf-8")
    assert run(project).cached == 1


def test_other_settings_or_rules_or_version_miss(project: Path, monkeypatch) -> None:
    run(project)
    assert run(project, overrides=Overrides(doc_type="bill")).cached == 0
    rules = project / "rules"
    shutil.copytree(RULES, rules)
    assert run(project, rules_dir=rules).cached == 2  # the same rules, wherever they are
    with (rules / "sections.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    assert run(project, rules_dir=rules).cached == 0
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    assert run(project).cached == 0


def test_waivers_and_show_do_not_invalidate(project: Path) -> None:
    run(project)
    (project / "wpslint.yaml").write_text("fail-on: warning\nshow: error\n", encoding="utf-8")
    assert run(project, show="error").cached == 2


def test_a_corrupt_entry_is_ignored_and_rewritten(project: Path) -> None:
    run(project)
    for entry in entries(project):
        entry.write_text('{"path": 1', encoding="utf-8")
    outcome = run(project)
    assert outcome.cached == 0 and outcome.result.documents
    assert all(json.loads(entry.read_text())["path"] for entry in entries(project))


def test_no_cache_and_configured_off(project: Path) -> None:
    run(project, cache=False)
    assert not (project / ".wpslint_cache").exists()
    (project / "wpslint.yaml").write_text("cache: false\n", encoding="utf-8")
    run(project)
    assert not (project / ".wpslint_cache").exists()


def test_cache_dir_option(project: Path) -> None:
    run(project, cache_dir=project / "elsewhere")
    assert len(list((project / "elsewhere").glob("*/*.json"))) == 2
    assert not (project / ".wpslint_cache").exists()


def test_unreadable_documents_are_not_cached(project: Path) -> None:
    (project / "empty.md").write_text("", encoding="utf-8")
    outcome = run(project)
    assert len(outcome.result.errors) == 1 and len(entries(project)) == 2


def test_a_warm_run_does_not_load_spacy(project: Path) -> None:
    run(project)
    code = textwrap.dedent(
        f"""
        import sys
        from wpslint.config import load_config
        from wpslint.run.checker import Request, check
        paths = ({str(project)!r},)
        outcome = check(Request(paths=paths, config=load_config(paths)))
        print(outcome.cached, "spacy" in sys.modules)
        """
    )
    source = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True
    )
    assert completed.stdout.split() == ["2", "False"], completed.stderr
