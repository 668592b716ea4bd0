"""When Python's cyclic garbage collector runs in wpslint, and why.

Reference counting frees almost everything wpslint allocates. The cyclic collector, set off by
allocation counts, then walks objects that are alive and finds next to nothing, which is what
it did in the three phases of a run that allocate the most:

- Start-up (importing spaCy, loading the rules, building the linter) makes a few hundred
  thousand objects that live as long as the process. The collector ran seven times during it,
  three of them full sweeps: 0.1 s, a tenth of a one-document ``wpslint check``. Held off, it
  leaves 8,000 objects of start-up garbage (about 2 MB of a 240 MB run) uncollected.
- Checking a document allocates a few hundred thousand short-lived containers (hits,
  sentences, evidence): over a hundred collections on a 100-page plan, a sixteenth of the check.
- A report of 200 plans is millions of dicts and lists, none of them in a cycle.

So the command line runs with the collector paused (``paused``), and turns it back on where
documents are read and checked (``running``: the checking loop, the worker processes, the
helper that reads ahead), since readers do leave cycles: reading a French PDF left 2,600
objects for the collector, which a run over a thousand plans must not keep. Each document is
still checked with it paused (``wpslint.api.Linter.check_document``): it runs between
documents, on what the last one left.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Hold the collector off within the block (unless it is off already)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def running() -> Iterator[None]:
    """Let the collector run within the block, and leave it as it was after."""
    if gc.isenabled():
        yield
        return
    gc.enable()
    try:
        yield
    finally:
        gc.disable()
