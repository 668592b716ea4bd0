"""A progress bar on stderr while many documents are checked, for a person at a terminal.

It stays silent when stderr is not a terminal (a pipe, a file, a CI log), when the ``CI``
variable is set (CI services set it, and some give jobs a terminal), with ``--quiet``, and
for fewer than ``MINIMUM`` documents to check, where it would only flicker.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

import click

MINIMUM = 2


def wanted(count: int, quiet: bool, stream: TextIO | None = None) -> bool:
    """Whether checking ``count`` documents should show a bar on ``stream`` (stderr)."""
    stream = stream or sys.stderr
    return (
        count >= MINIMUM
        and not quiet
        and not os.environ.get("CI")
        and hasattr(stream, "isatty")
        and stream.isatty()
    )


@contextmanager
def progress(
    count: int, enabled: bool, stream: TextIO | None = None
) -> Iterator[Callable[[], None]]:
    """A function to call once per document checked; draws a bar when ``enabled``."""
    if not enabled:
        yield lambda: None
        return
    with click.progressbar(
        length=count,
        label="Checking",
        file=stream or sys.stderr,
        show_pos=True,
        item_show_func=None,
    ) as bar:
        yield lambda: bar.update(1)
