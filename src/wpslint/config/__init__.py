"""Find and read the project configuration: ``wpslint.yaml``, ``.wpslint.yaml`` or the
``[tool.wpslint]`` table of ``pyproject.toml``.

The search starts at the folder of the checked paths and goes up, as ruff and pytest do, so
``wpslint check plans/draft.pdf`` run from anywhere in a repository uses that repository's
settings. In one folder the first of ``CONFIG_FILES`` wins; a pyproject.toml without a
``[tool.wpslint]`` table is passed over.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wpslint.config.model import Config, DocumentSet, PathSettings, Selector
from wpslint.config.tomlsource import load_pyproject_table
from wpslint.config.validate import build_config
from wpslint.errors import ConfigError
from wpslint.paths import display_path
from wpslint.rules.yamlsource import load_yaml

__all__ = [
    "CONFIG_FILES",
    "Config",
    "DocumentSet",
    "PathSettings",
    "Selector",
    "find_config",
    "load_config",
]

CONFIG_FILES = ("wpslint.yaml", ".wpslint.yaml", "pyproject.toml")


def load_config(paths: Sequence[str | os.PathLike[str]], explicit: Path | None = None) -> Config:
    """The configuration for checking ``paths``: the file ``explicit`` (``--config``), else
    the nearest one above the paths, else the defaults with the working directory as root."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("configuration file not found", path=str(explicit))
        data = _read(explicit)
        if data is None and explicit.suffix == ".toml":
            raise ConfigError("no [tool.wpslint] table in this file", path=display_path(explicit))
        return build_config(data, explicit, explicit.resolve().parent, display_path(explicit))
    found = find_config(_start(paths))
    if found is None:
        return Config(root=Path.cwd())
    source, data = found
    return build_config(data, source, source.resolve().parent, display_path(source))


def find_config(start: Path) -> tuple[Path, Any] | None:
    """The nearest configuration file at or above ``start``, with its parsed content."""
    folder = start.resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            data = _read(candidate)
            if data is None and name == "pyproject.toml":
                continue
            return candidate, data
    return None


def _read(path: Path) -> Any:
    """The settings mapping of a config file (None when empty or without a wpslint table)."""
    if path.suffix == ".toml":
        return load_pyproject_table(path, display_path(path))
    return load_yaml(path, display=display_path(path))


def _start(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """The folder the search starts from: the deepest folder holding every checked path."""
    if not paths:
        return Path.cwd()
    common = Path(os.path.commonpath([os.path.abspath(p) for p in paths]))
    return common if common.is_dir() else common.parent
