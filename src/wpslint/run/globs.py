"""Glob patterns in .gitignore syntax, matched against paths relative to the project root.

``include``, ``exclude``, ``per-path`` and ``document-sets`` all use this one syntax, the same
as .gitignore (``*.pdf`` anywhere, ``plans/*.pdf`` one level, ``plans/**`` everything below,
``drafts/`` a folder, ``!keep.pdf`` an exception), so a team learns one set of rules.
pathspec implements it exactly; it is the library hatchling and black use for .gitignore.
"""

from __future__ import annotations

from collections.abc import Sequence

import pathspec


class Globs:
    """A list of patterns; ``match`` takes a path relative to the root, with ``/``."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self._spec = pathspec.GitIgnoreSpec.from_lines(self.patterns)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, relative: str) -> bool:
        return bool(self.patterns) and self._spec.match_file(relative)
