"""A cache of document reports in ``.wpslint_cache/``, so an unchanged document costs only a
hash and a small JSON read on the next run.

The key covers everything a report depends on: the bytes and paths of the document's files,
its settings (type, rules, severity changes), the rules' digest, the wpslint version, the
report schema, and the NLP packages and whether a trained parser may run. Waivers and the
``show`` level are applied after the cache, so changing them never invalidates it. An entry
that cannot be read or decoded is treated as missing and written again; entries are written
to a temporary file and renamed, so a crash or a parallel run never leaves half an entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import tempfile
from pathlib import Path

from wpslint import __version__
from wpslint.findings import DocumentReport
from wpslint.nlp.packages import PARSER_PACKAGES
from wpslint.run.codec import SCHEMA, decode, encode
from wpslint.run.plan import Task

DIRECTORY = ".wpslint_cache"


class ReportCache:
    """Reports by key in ``directory``; ``salt`` is what all keys of a run share."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.salt = salt
        self.hits = 0
        self.misses = 0

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
        try:
            data = json.loads(self._entry(key).read_bytes())
            report = decode(DocumentReport, data)
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return report

    def put(self, key: str, report: DocumentReport) -> None:
        """Store ``report``; a cache that cannot be written (read-only checkout) is skipped."""
        entry = self._entry(key)
        with contextlib.suppress(OSError):
            self._prepare(entry.parent)
            handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    json.dump(encode(report), file, ensure_ascii=False, separators=(",", ":"))
                os.replace(temp, entry)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _prepare(self, folder: Path) -> None:
        """Create ``folder``, and with the cache a .gitignore so it is never committed."""
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by wpslint: the cache is never committed.\n*\n")


def salt(rules_sha256: str, use_parser: bool) -> str:
    """What every key of a run shares: versions of wpslint, its report schema, the NLP
    packages and the rules, and which trained parser (if any) may analyse grammar.

    Package versions come from their metadata, so computing this imports none of them: a run
    where every document hits the cache never loads spaCy.
    """
    parts = [__version__, SCHEMA, rules_sha256, f"parser={use_parser}"]
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
