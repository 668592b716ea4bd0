"""Glob patterns in .gitignore syntax, matched against paths relative to the project root.

``include``, ``exclude``, ``per-path`` and ``document-sets`` all use this one syntax, the same
as .gitignore (``*.pdf`` anywhere, ``plans/*.pdf`` one level, ``plans/**`` everything below,
``drafts/`` a folder, ``!keep.pdf`` an exception), so a team learns one set of rules.
pathspec implements it exactly; it is the library hatchling and black use for .gitignore.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec


class Globs:
    """A list of patterns; ``match`` takes a path relative to the root, with ``/``."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self._spec = compile_patterns(self.patterns) if self.patterns else None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, relative: str) -> bool:
        return self._spec is not None and self._spec.match_file(relative)


def compile_patterns(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    """``patterns`` (lines in .gitignore syntax), ready to match paths.

    pathspec is imported here, when first needed: it takes some 25 ms to import (it loads
    asyncio), which a run with no ``include`` or ``exclude`` patterns and no .gitignore to
    read, such as a pre-commit hook naming its files, never pays.
    """
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)
