"""The report cache: hits for unchanged documents, misses for anything that changed, pruning
of entries no run uses, and ``wpslint clean``."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wpslint.cli import main
from wpslint.config import load_config
from wpslint.limits import Limits
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


def test_lower_limits_are_not_answered_from_the_cache(project: Path) -> None:
    run(project)
    refused = run(project, limits=Limits(max_bytes=10))
    assert refused.cached == 0
    assert [failure.error for failure in refused.result.errors] == ["too-large"] * 2


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


# Pruning: entries unused for a month go, then the least recently used beyond the size cap.

DAY = 24 * 3600


def age(path: Path, days: float) -> None:
    """Set ``path``'s modification time ``days`` ago."""
    when = time.time() - days * DAY
    os.utime(path, (when, when))


def fake_entry(directory: Path, name: str, days: float, size: int = 1000) -> Path:
    """An entry ``days`` old of ``size`` bytes, where a real key ``name`` would put it."""
    key = hashlib.sha256(name.encode()).hexdigest()
    path = directory / key[:2] / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{" + b" " * (size - 2) + b"}")
    age(path, days)
    return path


def test_reading_an_entry_marks_it_used(project: Path) -> None:
    run(project)
    for entry in entries(project):
        age(entry, 40)
    assert run(project).cached == 2
    assert all(time.time() - entry.stat().st_mtime < 60 for entry in entries(project))


def test_a_run_prunes_old_entries_and_keeps_recent_ones(project: Path) -> None:
    run(project)
    used = entries(project)
    cache = project / ".wpslint_cache"
    old = fake_entry(cache, "edited long ago", days=31)
    recent = fake_entry(cache, "edited last week", days=7)
    crashed = cache / old.parent.name / ".tmpabc.tmp"  # left by a run killed mid-write
    crashed.write_text("{")
    age(crashed, 1)
    mine = cache / "notes.txt"  # not wpslint's: never removed
    mine.write_text("keep me")
    age(mine, 400)
    age(cache / ".last-prune", 2)  # the last prune was two days ago
    assert run(project).cached == 2
    assert not old.exists() and not crashed.exists()
    assert recent.exists() and mine.exists()
    assert all(entry.exists() for entry in used)
    assert time.time() - (cache / ".last-prune").stat().st_mtime < 60


def test_pruning_happens_at_most_once_a_day(project: Path) -> None:
    run(project)  # the first run with a cache prunes and stamps it
    cache = project / ".wpslint_cache"
    old = fake_entry(cache, "edited long ago", days=90)
    age(cache / ".last-prune", 0.5)
    run(project)
    assert old.exists()  # a warm run only looked at the stamp
    age(cache / ".last-prune", 1.1)
    run(project)
    assert not old.exists()


def test_the_size_cap_keeps_the_most_recently_used(tmp_path: Path) -> None:
    cache = cache_module.ReportCache(tmp_path, "salt")
    by_age = {days: fake_entry(tmp_path, f"entry {days}", days, size=1000) for days in range(10)}
    used = fake_entry(tmp_path, "read by this run", days=20, size=1000)
    cache.used.add(used.name)  # as get() and put() record it
    removed = cache.prune(force=True, max_bytes=4500)
    assert removed == cache_module.Removed(files=7, bytes=7000)
    assert [days for days, path in by_age.items() if path.exists()] == [0, 1, 2]
    assert used.exists()  # older than all of them, but this run's own: never pruned by it


def test_pruning_errors_are_ignored(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(project)
    cache = project / ".wpslint_cache"
    old = [fake_entry(cache, f"old {n}", days=60) for n in range(3)]
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs) -> None:
        if str(path) == str(old[0]):  # another run was faster
            real_unlink(path)
            raise FileNotFoundError(2, "No such file or directory", str(path))
        if str(path) == str(old[1]):
            raise PermissionError(13, "Permission denied", str(path))
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    age(cache / ".last-prune", 2)
    assert run(project).cached == 2
    assert [path.exists() for path in old] == [False, True, False]
    monkeypatch.undo()

    def read_only(self: Path, *args, **kwargs) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    # A stamp that cannot be written (a read-only cache), or a cache that is not a folder or
    # does not exist: no prune, no error, nothing created.
    age(cache / ".last-prune", 2)
    monkeypatch.setattr(Path, "touch", read_only)
    assert cache_module.ReportCache(cache, "salt").prune() is None
    assert old[1].exists()
    assert run(project).cached == 2
    monkeypatch.undo()
    assert cache_module.ReportCache(project / "a.md", "salt").prune() is None
    assert cache_module.ReportCache(project / "missing", "salt").prune() is None
    assert not (project / "missing").exists()
    assert cache_module.ReportCache(cache, "salt").prune() == cache_module.Removed(1, 1000)


# wpslint clean


def clean(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["clean", *(str(arg) for arg in args)])


def test_clean_removes_the_cache_and_says_so(project: Path) -> None:
    run(project)
    result = clean()
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Removed .wpslint_cache (2 entries, ")
    assert not (project / ".wpslint_cache").exists()
    again = clean()
    assert again.exit_code == 0
    assert again.stdout == "No cache to remove: .wpslint_cache does not exist.\n"


def test_clean_finds_the_project_like_check(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(project)
    (project / "plans").mkdir()
    monkeypatch.chdir(project / "plans")  # wpslint.yaml is in the folder above
    assert clean().exit_code == 0
    assert not (project / ".wpslint_cache").exists()


def test_clean_respects_the_cache_dir(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(project, cache_dir=project / "elsewhere")
    run(project)
    assert clean("--cache-dir", project / "elsewhere").exit_code == 0
    assert not (project / "elsewhere").exists()
    assert entries(project)  # the default cache is another one
    monkeypatch.setenv("WPSLINT_CACHE_DIR", str(project / "elsewhere"))
    assert "No cache to remove" in clean().stdout
    assert entries(project)


def test_clean_keeps_what_wpslint_did_not_write(project: Path) -> None:
    run(project, cache_dir=project)  # a --cache-dir pointed at the project itself
    result = clean("--cache-dir", project)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Removed 2 entries (")
    assert "kept" in result.stderr and "a.md" in result.stderr
    assert sorted(path.name for path in project.iterdir()) == ["a.md", "b.md", "wpslint.yaml"]
