"""What one document may cost: its size before it is read, its pages, its text, and the time
to read and check it.

A linter must never pass a document it did not finish, so a document over a limit becomes a
``DocumentError`` (``too-large`` or ``timeout``): it is listed under ``errors`` and the run
exits 2. Memory is bounded by refusing inputs before they are loaded (file size, PDF pages,
the expanded size of a DOCX package, the length of the extracted text) rather than by a
process-wide address-space limit: PDFium aborts the process when an allocation fails, which
would end the whole run instead of reporting one document. A ``MemoryError`` that still
happens is reported against the document being checked.

Time is bounded with ``SIGALRM``, which only exists on POSIX and only reaches the main thread;
elsewhere (Windows, a checker running in a thread) only the size limits apply. The alarm
interrupts Python code, so a single call into a C library (PDFium on one page, lxml on one
part) finishes before the document is abandoned; the size limits keep those calls short.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from wpslint.errors import TIMEOUT, TOO_LARGE, DocumentError

#: A national action plan runs to a few hundred pages; thousands of pages are a compilation
#: or a mistake, and would take minutes and gigabytes to check.
DEFAULT_MAX_PAGES = 2_000
#: The largest file read; HTML and text are read whole, so this bounds their memory.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
#: Seconds to read and check one document; a 100-page plan takes about half a second.
DEFAULT_TIMEOUT = 300.0
#: Characters of extracted text analysed at most: spaCy holds about 110 bytes per character,
#: so this keeps one document under about 2 GB (and is the pipeline's ``max_length``).
MAX_TEXT_CHARS = 20_000_000
#: Once the time is up, the alarm repeats at this interval in case library code swallowed it.
_REPEAT_SECONDS = 1.0

_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)(?:I?B)?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Limits:
    """Limits for each document of a run; None switches a limit off."""

    max_pages: int | None = DEFAULT_MAX_PAGES
    max_bytes: int | None = DEFAULT_MAX_BYTES
    timeout: float | None = DEFAULT_TIMEOUT


def parse_size(text: str) -> int | None:
    """A number of bytes written as people write it (5000000, 500K, 200M, 1.5G, 200MB), or
    None when ``text`` is not one; shared by ``--max-bytes`` and the ``max-bytes`` setting so
    that both accept the same values."""
    match = _SIZE.match(text)
    if match is None:
        return None
    return int(float(match[1]) * _UNITS[match[2].upper()])


def check_size(path: str, size: int, limit: int | None, what: str = "the file") -> None:
    """Raise ``too-large`` when ``size`` bytes exceed ``limit`` (the --max-bytes option)."""
    if limit is not None and size > limit:
        raise DocumentError(
            path,
            TOO_LARGE,
            f"{what} is {human_size(size)} (limit {human_size(limit)}; raise it with --max-bytes)",
        )


def check_text_length(path: str, length: int) -> None:
    """Raise ``too-large`` for extracted text beyond ``MAX_TEXT_CHARS``."""
    if length > MAX_TEXT_CHARS:
        raise DocumentError(
            path,
            TOO_LARGE,
            f"the extracted text has {length:,} characters (limit {MAX_TEXT_CHARS:,}); "
            "split the document into parts",
        )


def human_size(size: int) -> str:
    """A byte count as people read it: "512 bytes", "40.0 KB", "3.2 MB"."""
    if size < 2**10:
        return f"{size} bytes"
    if size < 2**20:
        return f"{size / 2**10:.1f} KB"
    return f"{size / 2**20:.1f} MB"


class _Expired(BaseException):
    """The time is up. A BaseException, so that ``except Exception`` in a reader that wraps
    library failures does not turn it into an "unreadable" error."""


@contextmanager
def budget(path: str, timeout: float | None, spent: float = 0.0) -> Iterator[None]:
    """Read and check ``path`` inside this block: running out of time (after ``timeout``
    seconds, of which ``spent`` went on it before the block) or out of memory becomes a
    ``DocumentError`` for that document."""
    try:
        if timeout and spent >= timeout:
            raise _Expired
        with _alarm(timeout - spent if timeout else None):
            yield
    except _Expired:
        raise DocumentError(
            path,
            TIMEOUT,
            f"not read and checked within {timeout:g} s (raise the limit with --timeout)",
        ) from None
    except MemoryError:
        raise DocumentError(
            path, TOO_LARGE, "ran out of memory while reading or checking it"
        ) from None


def can_interrupt() -> bool:
    """Whether ``budget`` can stop work that overruns here (POSIX, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Raise ``_Expired`` in this block after ``seconds``; any timer already set (by an
    embedding program) is put back afterwards with the time it had left."""
    previous_handler = signal.getsignal(signal.SIGALRM) if can_interrupt() else None
    if not seconds or previous_handler is None:  # None: a handler Python cannot put back
        yield
        return
    started = time.monotonic()
    deadline = started + seconds

    def expire(signum: int, frame: FrameType | None) -> None:
        # Python runs the handler installed when it gets round to the signal, so an alarm
        # of the embedding program that went off just before this block may land here.
        if time.monotonic() >= deadline:
            raise _Expired
        if callable(previous_handler):
            previous_handler(signum, frame)

    signal.signal(signal.SIGALRM, expire)
    previous_delay, previous_interval = signal.setitimer(
        signal.ITIMER_REAL, seconds, _REPEAT_SECONDS
    )
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            left = max(previous_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, previous_interval)
