"""The configuration a run reads from ``wpslint.yaml`` or ``[tool.wpslint]``, once validated.

Every value that names rules keeps the file and line it came from (``Selector``), because a
rule name can only be checked against the rule set, which is loaded after the configuration;
an unknown name must still be reported where the user wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wpslint.errors import ConfigError
from wpslint.limits import Limits

#: Thresholds of ``fail-on`` ("never": the run fails only on unreadable documents).
FAIL_ON = ("error", "warning", "info", "never")
#: Levels of ``show`` (the lowest severity listed).
SHOW = ("error", "warning", "info")
#: The waivers file looked for in the project root when ``waivers`` is not set.
DEFAULT_WAIVERS = "wpslint-waivers.yaml"


@dataclass(frozen=True, slots=True)
class Selector:
    """A rule id, rule name, id prefix (``LEG``, ``EMR0``) or ``ALL``, where it was written."""

    text: str
    path: str | None = None
    line: int | None = None

    def error(self, message: str) -> ConfigError:
        return ConfigError(message, path=self.path, line=self.line)


@dataclass(frozen=True, slots=True)
class PathSettings:
    """One ``per-path`` entry: settings for the files its glob matches."""

    glob: str
    doc_type: str | None = None
    select: tuple[Selector, ...] = ()
    ignore: tuple[Selector, ...] = ()
    #: Severity overrides: (rule selector, level), the most specific selector winning.
    severity: tuple[tuple[Selector, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentSet:
    """Files checked as one document (a plan and its annexes), in the order of ``globs``."""

    name: str
    globs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Config:
    """The validated configuration; ``Config()`` is what a project without one gets.

    ``root`` is the folder the configuration file is in (the working directory without one):
    globs, waiver paths and the cache are relative to it.
    """

    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    #: None means every rule (``select`` not given).
    select: tuple[Selector, ...] | None = None
    extend_select: tuple[Selector, ...] = ()
    ignore: tuple[Selector, ...] = ()
    fail_on: str = "error"
    show: str = "info"
    #: Globs of files to pick up in folders; empty means every supported document type.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    jobs: int | None = None
    cache: bool = True
    per_path: tuple[PathSettings, ...] = ()
    document_sets: tuple[DocumentSet, ...] = ()
    waivers: Path | None = None
    #: The built-in limits with the file's ``max-pages``, ``max-bytes`` and ``timeout`` in
    #: their place (0 in the file is None here: no limit); options given override each one.
    limits: Limits = field(default_factory=Limits)
    assume_english: bool = False

    @property
    def waivers_path(self) -> Path:
        """The waivers file: as configured, else ``wpslint-waivers.yaml`` in the root."""
        return self.waivers if self.waivers is not None else self.root / DEFAULT_WAIVERS
