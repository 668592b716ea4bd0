"""Indented JSON text for the reports that are JSON (json, sarif, diff, rules catalog).

orjson writes what ``json.dumps(data, indent=2, ensure_ascii=False)`` writes (only numbers
below 0.0001 or from 1e16 up are spelt differently, "1e-5" for "1e-05"), about five times
faster: the standard library falls back to its pure-Python encoder as soon as output is
indented. A run over a repository of 200 plans writes 16 MB of JSON; that took half a second,
serially, after the parallel checks were done.
"""

from __future__ import annotations

from typing import Any

import orjson


def indented(data: Any) -> str:
    """``data`` (dicts with text keys, lists, text, numbers, booleans, None) as JSON indented
    by two spaces, non-ASCII characters kept as they are."""
    return indented_utf8(data).decode()


def indented_utf8(data: Any) -> bytes:
    """``indented(data)`` encoded as UTF-8, as orjson writes it: what a file or a pipe gets,
    without decoding 16 MB to text only to encode it again."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)
