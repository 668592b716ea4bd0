"""The .gitignore files of a repository, asked file by file while a folder is walked.

Git reads a .gitignore in every folder, and a deeper file's patterns override a shallower
one's (including ``!`` exceptions); a file in an ignored folder stays ignored. The walk in
``wpslint.run.files`` skips ignored folders, so only the first two points need answering here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wpslint.run.globs import compile_patterns

if TYPE_CHECKING:
    import pathspec


class GitIgnore:
    """The .gitignore rules from ``top`` (the repository's top folder) downwards."""

    def __init__(self, top: Path) -> None:
        self.top = top.resolve()
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        """Whether git would ignore ``path`` (a file, or a folder with ``is_dir``)."""
        path = path.resolve()
        try:
            parts = path.relative_to(self.top).parts
        except ValueError:
            return False
        decision = False
        folder = self.top
        for depth in range(len(parts)):
            spec = self._spec(folder)
            if spec is not None:
                relative = "/".join(parts[depth:]) + ("/" if is_dir else "")
                result = spec.check_file(relative)
                if result.include is not None:
                    decision = result.include
            folder = folder / parts[depth]
        return decision

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            ignore_file = folder / ".gitignore"
            try:
                lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = None
            self._specs[folder] = compile_patterns(lines) if lines else None
        return self._specs[folder]


def repository_top(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``.git``; ``start`` when none does."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start
