"""Which files a run checks: include and exclude globs, .gitignore, named files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wpslint.cli import main
from wpslint.run.files import collect
from wpslint.run.gitignore import GitIgnore
from wpslint.run.globs import Globs

DRAFT = "# Plan\n\nThe Ministry shall protect women peacebuilders.\n"


def tree(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DRAFT, encoding="utf-8")


def names(root: Path, paths: list[Path]) -> list[str]:
    return [path.resolve().relative_to(root.resolve()).as_posix() for path in paths]


def found(root: Path, include=(), exclude=(), paths=None) -> list[str]:
    result = collect(paths or [root], root.resolve(), Globs(include), Globs(exclude))
    return names(root, result.files)


def test_folders_give_supported_documents_in_sorted_order(tmp_path: Path) -> None:
    tree(tmp_path, "b.md", "a.txt", "sub/c.pdf", "notes.csv", ".hidden.md", ".git/x.md")
    assert found(tmp_path) == ["a.txt", "b.md", "sub/c.pdf"]


def test_include_and_exclude_use_gitignore_syntax(tmp_path: Path) -> None:
    tree(tmp_path, "plans/a.md", "plans/old/b.md", "bills/c.md", "bills/c.txt", "README.md")
    assert found(tmp_path, include=["plans/**", "*.txt"]) == [
        "bills/c.txt",
        "plans/a.md",
        "plans/old/b.md",
    ]
    assert found(tmp_path, exclude=["old/", "README.md"]) == [
        "bills/c.md",
        "bills/c.txt",
        "plans/a.md",
    ]
    assert found(tmp_path, exclude=["*.md", "!bills/*.md"]) == ["bills/c.md", "bills/c.txt"]


def test_gitignore_is_respected_with_nesting_and_exceptions(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(tmp_path, "keep.md", "build/out.md", "drafts/a.md", "drafts/final.md", "x.tmp.md")
    (tmp_path / ".gitignore").write_text("build/\n*.tmp.md\ndrafts/*.md\n", encoding="utf-8")
    (tmp_path / "drafts" / ".gitignore").write_text("!final.md\n", encoding="utf-8")
    assert found(tmp_path) == ["keep.md", "drafts/final.md"]
    # A .gitignore above the folder checked still applies, from the repository's top.
    assert found(tmp_path, paths=[tmp_path / "drafts"]) == ["drafts/final.md"]


def test_gitignore_answers_for_folders(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("generated/\n", encoding="utf-8")
    ignore = GitIgnore(tmp_path)
    assert ignore.ignored(tmp_path / "generated", is_dir=True)
    assert not ignore.ignored(tmp_path / "generated")  # a file of that name is not
    assert not ignore.ignored(Path("/elsewhere/x.md"))


def test_named_files_are_kept_unless_excluded(tmp_path: Path) -> None:
    tree(tmp_path, "a.md", "data.csv", "old/b.md")
    (tmp_path / ".gitignore").write_text("a.md\n", encoding="utf-8")
    named = [tmp_path / "a.md", tmp_path / "data.csv", tmp_path / "old/b.md", tmp_path / "a.md"]
    result = collect(named, tmp_path.resolve(), Globs(()), Globs(["old/"]))
    assert names(tmp_path, result.files) == ["a.md", "data.csv"]
    assert result.excluded == 1


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    tree(tmp_path, "plans/a.md", "plans/archive/b.md")
    (tmp_path / "wpslint.yaml").write_text("exclude: [archive/]\n", encoding="utf-8")
    return tmp_path


def test_cli_excludes_in_folders(project: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", "plans"])
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == ["plans/a.md"]


def test_cli_only_excluded_files_named_is_not_a_failure(project: Path) -> None:
    result = CliRunner().invoke(main, ["check", "plans/archive/b.md"])
    assert result.exit_code == 0
    assert "nothing to check (1 excluded)" in result.stderr


def test_cli_nothing_found_is_still_an_error(project: Path) -> None:
    (project / "empty").mkdir()
    result = CliRunner().invoke(main, ["check", "empty"])
    assert result.exit_code == 2
    assert "no documents to check" in result.stderr
