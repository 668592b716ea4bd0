"""Command-line options that bound what one document may cost, and the language check.

A document over a limit is reported as unreadable (exit 2), never as a pass; the limits exist
so that a 10,000-page compilation or a crafted file cannot hold a CI job for hours or take
all its memory. 0 turns a limit off.
"""

from __future__ import annotations

import re

import click

from wpslint.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT, Limits

_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)(?:I?B)?\s*$", re.IGNORECASE)


class ByteSize(click.ParamType):
    """A number of bytes written as people write it: 5000000, 500K, 200M, 1.5G, 200MB."""

    name = "size"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        if isinstance(value, int):
            return value
        match = _SIZE.match(str(value))
        if match is None:
            self.fail(f"{value!r} is not a size such as 5000000, 500K, 200M or 1G", param, ctx)
        return int(float(match[1]) * _UNITS[match[2].upper()])


LIMIT_OPTIONS = (
    click.option(
        "--max-pages",
        type=click.IntRange(min=0),
        default=DEFAULT_MAX_PAGES,
        show_default=True,
        metavar="N",
        help="Refuse PDFs of more than N pages (reported as too large, exit 2); 0: no limit.",
    ),
    click.option(
        "--max-bytes",
        type=ByteSize(),
        default=f"{DEFAULT_MAX_BYTES // 2**20}M",
        show_default=True,
        metavar="SIZE",
        help="Refuse files larger than SIZE (e.g. 50M) before reading them; 0: no limit.",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=DEFAULT_TIMEOUT,
        show_default=True,
        metavar="SECONDS",
        help="Give up on a document not read and checked within SECONDS (reported as a "
        "timeout, exit 2); 0: no limit. Needs a POSIX system.",
    ),
    click.option(
        "--assume-english",
        is_flag=True,
        help="Check documents whatever their language. By default a document with little "
        "English is not checked (the rules are written for English) and a warning says so.",
    ),
)


def limits_from(max_pages: int, max_bytes: int, timeout: float) -> Limits:
    """The limits the options describe (0 is no limit)."""
    return Limits(max_pages=max_pages or None, max_bytes=max_bytes or None, timeout=timeout or None)
