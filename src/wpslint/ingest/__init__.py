"""Reading drafts into the document model: PDF, DOCX, plain text, Markdown and HTML.

``read_document`` sniffs the format from the content, runs the matching reader and returns a
``Document``. Every failure a user can cause or meet (a missing, empty, encrypted, scanned,
damaged, foreign or oversized file) becomes a ``DocumentError`` with a stable code and a
one-line reason, so that a run over a folder reports the file and goes on with the others.
Sizes are checked before anything is loaded (see ``wpslint.limits``). ``discover`` turns the
paths given on the command line into the list of files to read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from wpslint.document import Document
from wpslint.errors import EMPTY, NOT_FOUND, UNREADABLE, DocumentError
from wpslint.ingest.sniff import DOCX, HEAD_SIZE, HTML, PDF, sniff
from wpslint.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, check_size, check_text_length

__all__ = ["SUPPORTED_SUFFIXES", "discover", "read_document"]

#: Suffixes picked up when a folder is searched; files named directly are read whatever
#: their suffix, since the content decides the format.
SUPPORTED_SUFFIXES = frozenset(
    {".pdf", ".docx", ".txt", ".text", ".md", ".markdown", ".htm", ".html"}
)


def read_document(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    max_pages: int | None = DEFAULT_MAX_PAGES,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Document:
    """Read the document at ``path``; ``password`` opens an encrypted PDF.

    A file over ``max_bytes`` or a PDF over ``max_pages`` is refused before it is loaded
    (None: no limit), and so is extracted text over ``wpslint.limits.MAX_TEXT_CHARS``.
    Raises ``DocumentError`` (never a library exception) when the file cannot be read, and
    ``ImportError`` when the library for its format is not installed.
    """
    path = Path(path)
    name = str(path)
    head = _head(path, max_bytes)
    with _unforeseen_failures(name, "document"):  # "document": not sniffed yet
        fmt = sniff(path, head)
    # Outside the guard: a reader whose library is missing raises ImportError, which is an
    # installation problem, not an unreadable file.
    read = _reader(path, fmt, password=password, max_pages=max_pages)
    with _unforeseen_failures(name, fmt):
        document = read()
    if not document.text.strip():
        raise DocumentError(name, EMPTY, f"no text found in this {fmt} document")
    check_text_length(name, len(document.text))
    return document


def _reader(
    path: Path, fmt: str, *, password: str | None, max_pages: int | None
) -> Callable[[], Document]:
    """The call that reads ``path`` as ``fmt``.

    Each reader is imported when first needed: a folder of Markdown files never pays for the
    PDF and DOCX libraries (pypdfium2 and python-docx take some 75 ms to import).
    """
    if fmt == PDF:
        from wpslint.ingest.pdf import read_pdf

        return partial(read_pdf, path, password=password, max_pages=max_pages)
    if fmt == DOCX:
        from wpslint.ingest.docx import read_docx

        return partial(read_docx, path)
    if fmt == HTML:
        from wpslint.ingest.html import read_html

        return partial(read_html, path)
    from wpslint.ingest.text import read_text

    return partial(read_text, path, fmt)


@contextmanager
def _unforeseen_failures(name: str, fmt: str) -> Iterator[None]:
    """Turn a reader library failing in a way not foreseen into an UNREADABLE
    ``DocumentError``, so that the run reports the file and goes on with the others."""
    try:
        yield
    except (DocumentError, MemoryError):  # MemoryError: see wpslint.limits.budget
        raise
    except Exception as exc:
        lines = str(exc).strip().splitlines()
        reason = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
        raise DocumentError(name, UNREADABLE, f"cannot be read as {fmt} ({reason})") from exc


def _head(path: Path, max_bytes: int | None) -> bytes:
    """The first bytes of the file, after checking that it is a readable, non-empty regular
    file no larger than ``max_bytes`` (a pipe or a device such as /dev/zero would block or
    never end)."""
    name = str(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise DocumentError(name, UNREADABLE, "is a directory, not a document")
        if not stat.S_ISREG(status.st_mode):
            raise DocumentError(name, UNREADABLE, "is not a regular file (a device or a pipe?)")
        check_size(name, status.st_size, max_bytes)
        with path.open("rb") as file:
            head = file.read(HEAD_SIZE)
    except FileNotFoundError:
        raise DocumentError(name, NOT_FOUND, "no such file") from None
    except OSError as exc:
        raise DocumentError(name, UNREADABLE, f"cannot be read ({exc.strerror})") from exc
    if not head:
        raise DocumentError(name, EMPTY, "the file is empty")
    return head


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read for the ``paths`` given by the user, in a stable order.

    A file is kept as given, whatever its suffix. A folder is searched recursively, in sorted
    order, for files with a supported suffix, skipping hidden files and folders. A path that
    does not exist is kept too, so that ``read_document`` reports it and the run goes on.
    Each file appears once.
    """
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.update(dict.fromkeys(_walk(path)))
        else:
            found[path] = None
    return list(found)


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(root, name)
