"""Command-line options that bound what one document may cost, and the language check.

A document over a limit is reported as unreadable (exit 2), never as a pass; the limits exist
so that a 10,000-page compilation or a crafted file cannot hold a CI job for hours or take
all its memory. 0 turns a limit off.

The options default to None, not to the built-in values, so that an option not given leaves
the configuration's ``max-pages``, ``max-bytes``, ``timeout`` and ``assume-english`` in force;
the built-in values are what ``Config`` holds when the configuration does not set them.
"""

from __future__ import annotations

import dataclasses

import click

from wpslint.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT, Limits, parse_size


class ByteSize(click.ParamType):
    """A number of bytes written as people write it: 5000000, 500K, 200M, 1.5G, 200MB."""

    name = "size"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        if isinstance(value, int):
            return value
        size = parse_size(str(value))
        if size is None:
            self.fail(f"{value!r} is not a size such as 5000000, 500K, 200M or 1G", param, ctx)
        return size


def _default(key: str, value: object) -> str:
    return f"Default: '{key}' in the configuration, else {value}."


LIMIT_OPTIONS = (
    click.option(
        "--max-pages",
        type=click.IntRange(min=0),
        metavar="N",
        help="Refuse PDFs of more than N pages (reported as too large, exit 2); 0: no limit. "
        + _default("max-pages", DEFAULT_MAX_PAGES),
    ),
    click.option(
        "--max-bytes",
        type=ByteSize(),
        metavar="SIZE",
        help="Refuse files larger than SIZE (e.g. 50M) before reading them; 0: no limit. "
        + _default("max-bytes", f"{DEFAULT_MAX_BYTES // 2**20}M"),
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        metavar="SECONDS",
        help="Give up on a document not read and checked within SECONDS (reported as a "
        "timeout, exit 2); 0: no limit. Needs a POSIX system. "
        + _default("timeout", f"{DEFAULT_TIMEOUT:g}"),
    ),
    click.option(
        "--assume-english/--no-assume-english",
        default=None,
        help="Check documents whatever their language; with --no-assume-english a document "
        "with little English is not checked (the rules are written for English) and a "
        "warning says so. " + _default("assume-english", "--no-assume-english"),
    ),
)


def limits_from(
    configured: Limits, max_pages: int | None, max_bytes: int | None, timeout: float | None
) -> Limits:
    """The configuration's limits with each option given on the command line in place of
    its setting (0 is no limit)."""
    given = {"max_pages": max_pages, "max_bytes": max_bytes, "timeout": timeout}
    return dataclasses.replace(
        configured, **{name: value or None for name, value in given.items() if value is not None}
    )
