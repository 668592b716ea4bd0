"""The files a run checks: named files, and documents found in named folders.

A folder is searched recursively in sorted order, skipping hidden files and folders and what
.gitignore ignores, and keeping files that match ``include`` (default: the supported
suffixes). ``exclude`` applies to named files too, so that a pre-commit hook, which names the
changed files, skips what a folder run skips. A named file is otherwise read whatever its
suffix, since the content decides the format; one that does not exist is kept so that it is
reported as unreadable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wpslint.ingest import SUPPORTED_SUFFIXES
from wpslint.paths import relative_path
from wpslint.run.gitignore import GitIgnore, repository_top
from wpslint.run.globs import Globs


@dataclass(slots=True)
class FileList:
    """The files to check, in order, and how many ``exclude`` left out."""

    files: list[Path] = field(default_factory=list)
    excluded: int = 0


def collect(
    paths: Sequence[str | os.PathLike[str]], root: Path, include: Globs, exclude: Globs
) -> FileList:
    """The files to check for the ``paths`` given, each once."""
    result = FileList()
    seen: set[Path] = set()

    def keep(path: Path) -> None:
        key = Path(os.path.abspath(path))
        if key in seen:
            return
        seen.add(key)
        if exclude.match(relative_path(path, root)):
            result.excluded += 1
        else:
            result.files.append(path)

    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in walk(path, lambda p: _included(p, root, include)):
                keep(found)
        else:
            keep(path)
    return result


def walk(folder: Path, accept: Callable[[Path], bool]) -> Iterator[Path]:
    """Files below ``folder`` that ``accept`` takes, sorted, without hidden or git-ignored ones."""
    gitignore = GitIgnore(repository_top(folder))
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            name
            for name in dirs
            if not name.startswith(".") and not gitignore.ignored(Path(top, name), is_dir=True)
        )
        for name in sorted(files):
            path = Path(top, name)
            if not name.startswith(".") and accept(path) and not gitignore.ignored(path):
                yield path


def _included(path: Path, root: Path, include: Globs) -> bool:
    if include:
        return include.match(relative_path(path, root))
    return path.suffix.lower() in SUPPORTED_SUFFIXES
