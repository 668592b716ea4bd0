"""The two ways wpslint writes a path: for matching, and for people.

Globs, waivers and fingerprints match paths relative to the project root, so they do not
depend on the folder wpslint was started from; messages show paths relative to that folder,
so a user can copy them into the next command.
"""

from __future__ import annotations

import os
from pathlib import Path


def relative_path(path: str | os.PathLike[str], root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators; absolute when outside the root."""
    absolute = Path(os.path.abspath(path))
    for candidate in (absolute, absolute.resolve()):
        if candidate.is_relative_to(root):
            return candidate.relative_to(root).as_posix()
    return absolute.as_posix()


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working directory when below it, else as it is."""
    absolute = Path(os.path.abspath(path))
    cwd = Path.cwd()
    return str(absolute.relative_to(cwd)) if absolute.is_relative_to(cwd) else str(path)
