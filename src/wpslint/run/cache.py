"""A cache of document reports in ``.wpslint_cache/``, so an unchanged document costs only a
hash and a small JSON read on the next run.

The key covers everything a report depends on: the bytes and paths of the document's files,
its settings (type, rules, severity changes), the rules' digest, the wpslint version, the
report schema, and the NLP packages and whether a trained parser may run. Waivers and the
``show`` level are applied after the cache, so changing them never invalidates it. An entry
that cannot be read or decoded is treated as missing and written again; entries are written
to a temporary file and renamed, so a crash or a parallel run never leaves half an entry.

Keys change with every edit of a document and every rules or version change, so old entries
are pruned (see ``ReportCache.prune``): after a run, at most once a day, entries not read or
written for ``MAX_AGE`` are removed, then the least recently used ones until the cache is under
``MAX_BYTES``. Reading an entry refreshes its modification time, which is how "used" is
recorded (``tar``, and so ``actions/cache``, keeps modification times). ``clear`` removes the
whole cache (``wpslint clean``).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson

from wpslint import __version__
from wpslint.findings import DocumentReport
from wpslint.nlp.packages import PARSER_PACKAGES
from wpslint.run.codec import SCHEMA, decode
from wpslint.run.plan import Task

DIRECTORY = ".wpslint_cache"

#: Entries not read or written for this long (seconds) are pruned: a month covers a draft
#: left alone over a holiday, while the entries of every earlier edit go.
MAX_AGE = 30 * 24 * 3600
#: The size (bytes) the least recently used entries are pruned down to. An entry is 20-40 KB
#: for a short document and a few hundred KB for a long PDF, so 256 MiB holds several thousand
#: documents: several times the working set of a large repository (the entries a run used are
#: never pruned by that run anyway), small enough to restore from a CI cache in seconds, and
#: far below the 10 GB ``actions/cache`` allows a repository.
MAX_BYTES = 256 * 1024 * 1024
#: How often the folder is scanned (seconds): a warm run costs one ``stat`` of the stamp file.
PRUNE_INTERVAL = 24 * 3600
#: A temporary file older than this (seconds) was left by a run that was killed mid-write.
TEMP_AGE = 3600
#: The file whose modification time records the last prune.
STAMP = ".last-prune"

_GITIGNORE = "# Created by wpslint: the cache is never committed.\n*\n"
_SHARD = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_TEMP = re.compile(r"\..*\.tmp")


def cache_directory(root: Path, cache_dir: Path | None = None) -> Path:
    """The cache folder: ``cache_dir`` (``--cache-dir``) else ``.wpslint_cache`` in ``root``."""
    return cache_dir or root / DIRECTORY


@dataclass(frozen=True, slots=True)
class Removed:
    """What a prune or a clear removed: entries (and leftover temporary files) and bytes."""

    files: int = 0
    bytes: int = 0


class ReportCache:
    """Reports by key in ``directory``; ``salt`` is what all keys of a run share."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.salt = salt
        self.hits = 0
        self.misses = 0
        #: Names of the entries this run read or wrote: its own prune never removes them.
        self.used: set[str] = set()

    def key(self, task: Task) -> str | None:
        """The key of ``task``'s report; None when a file cannot be read (never cached)."""
        digest = hashlib.sha256(self.salt.encode())
        digest.update(repr((task.name, task.is_set, task.settings)).encode())
        for path in task.files:
            try:
                content = Path(path).read_bytes()
            except OSError:
                return None
            digest.update(f"\0{path}\0{len(content)}\0".encode())
            digest.update(hashlib.sha256(content).digest())
        return digest.hexdigest()

    def get(self, key: str) -> DocumentReport | None:
        entry = self._entry(key)
        try:
            data = orjson.loads(entry.read_bytes())
            report = decode(DocumentReport, data)
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(entry.name)
        with contextlib.suppress(OSError):
            os.utime(entry)  # used now: pruning goes by modification time
        return report

    def put(self, key: str, report: DocumentReport) -> None:
        """Store ``report``; a cache that cannot be written (read-only checkout) is skipped."""
        entry = self._entry(key)
        with contextlib.suppress(OSError):
            self._prepare(entry.parent)
            handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(orjson.dumps(report))
                os.replace(temp, entry)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
            self.used.add(entry.name)

    def prune(
        self,
        *,
        now: float | None = None,
        force: bool = False,
        max_age: float = MAX_AGE,
        max_bytes: int = MAX_BYTES,
    ) -> Removed | None:
        """Remove entries unused for ``max_age`` seconds, then the least recently used ones
        until the entries take at most ``max_bytes``; None when it is not time to (the last
        prune was less than ``PRUNE_INTERVAL`` ago, unless ``force``) or the cache cannot be
        written.

        Never fails and never removes an entry this run used: a file that cannot be read or
        removed (permissions, a parallel run that removed it first) is skipped. The stamp file
        is touched before the scan, so parallel runs rarely scan together.
        """
        now = time.time() if now is None else now
        try:
            if not force and not self._due(now):
                return None
            return self._prune(now, max_age, max_bytes)
        except OSError:
            return None

    def _due(self, now: float) -> bool:
        """Whether the last prune is ``PRUNE_INTERVAL`` old (or in the future: a clock was
        wrong); if so, stamp this one. False when the cache is missing or read-only."""
        stamp = self.directory / STAMP
        try:
            if abs(now - stamp.stat().st_mtime) < PRUNE_INTERVAL:
                return False
        except FileNotFoundError:
            if not self.directory.is_dir():
                return False
        stamp.touch()  # an OSError (read-only cache) means no prune, caught by the caller
        return True

    def _prune(self, now: float, max_age: float, max_bytes: int) -> Removed:
        files = removed = 0
        total = 0
        candidates: list[tuple[float, int, str]] = []
        for path, info, is_entry in _cache_files(self.directory):
            name = os.path.basename(path)
            if not is_entry:
                if now - info.st_mtime > TEMP_AGE and _unlink(path):
                    files, removed = files + 1, removed + info.st_size
            elif name in self.used:
                total += info.st_size
            elif now - info.st_mtime > max_age:
                if _unlink(path):
                    files, removed = files + 1, removed + info.st_size
            else:
                total += info.st_size
                candidates.append((info.st_mtime, info.st_size, path))
        candidates.sort()  # the least recently used first
        for _, size, path in candidates:
            if total <= max_bytes:
                break
            total -= size  # even when a parallel run removed it first
            if _unlink(path):
                files, removed = files + 1, removed + size
        return Removed(files, removed)

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _prepare(self, folder: Path) -> None:
        """Create ``folder``, and with the cache a .gitignore so it is never committed."""
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_GITIGNORE)


def clear(directory: Path) -> tuple[Removed, list[str]]:
    """Remove the cache in ``directory``: what was removed, and the names of what was left
    because wpslint did not write it (then the folder stays). Only wpslint's own files are
    removed, so a ``--cache-dir`` pointed at the wrong folder loses nothing else.

    Raises OSError when a file of the cache cannot be removed.
    """
    files = removed = 0
    for path, info, _ in _cache_files(directory):
        with contextlib.suppress(FileNotFoundError):  # a parallel run removed it first
            os.unlink(path)
            files, removed = files + 1, removed + info.st_size
    for item in _scandir(directory):
        if _SHARD.fullmatch(item.name) and item.is_dir(follow_symlinks=False):
            with contextlib.suppress(OSError):  # not empty: it holds files of someone else's
                os.rmdir(item.path)
    ignore = directory / ".gitignore"
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if ignore.read_text(encoding="utf-8") == _GITIGNORE:
            ignore.unlink()
    (directory / STAMP).unlink(missing_ok=True)
    left = sorted(item.name for item in _scandir(directory))
    if not left:
        directory.unlink() if directory.is_symlink() else directory.rmdir()
    return Removed(files, removed), left


def _cache_files(directory: Path) -> list[tuple[str, os.stat_result, bool]]:
    """The entries and temporary files in ``directory``'s shard folders, each with its
    ``stat`` and whether it is an entry; files that vanish or cannot be read are left out."""
    found = []
    for shard in _scandir(directory):
        if not _SHARD.fullmatch(shard.name) or not shard.is_dir(follow_symlinks=False):
            continue
        for item in _scandir(shard.path):
            is_entry = _ENTRY.fullmatch(item.name) is not None
            if not is_entry and not _TEMP.fullmatch(item.name):
                continue
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                found.append((item.path, info, is_entry))
    return found


def _scandir(directory: Path | str) -> list[os.DirEntry[str]]:
    """The folder's items; none when it is missing or cannot be read."""
    try:
        with os.scandir(directory) as items:
            return list(items)
    except OSError:
        return []


def _unlink(path: str) -> bool:
    """Remove ``path``; False when that fails (removed by a parallel run, permissions)."""
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def salt(rules_sha256: str, use_parser: bool, settings: Iterable[str] = ()) -> str:
    """What every key of a run shares: versions of wpslint, its report schema, the NLP
    packages and the rules, which trained parser (if any) may analyse grammar, and the run's
    ``settings`` that change a result (the language switch, the limits: a document that
    passed within generous limits must be refused again when they are lowered).

    Package versions come from their metadata, so computing this imports none of them: a run
    where every document hits the cache never loads spaCy.
    """
    parts = [__version__, SCHEMA, rules_sha256, f"parser={use_parser}", *settings]
    for package in ("spacy", "spacy-lookups-data"):
        parts.append(f"{package}={_version(package)}")
    if use_parser:
        installed = [p for p in PARSER_PACKAGES if importlib.util.find_spec(p) is not None]
        parts += [f"{package}={_version(package)}" for package in installed[:1]]
    return "|".join(parts)


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "none"
