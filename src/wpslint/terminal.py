"""Text from documents, made safe to show on a reader's terminal or CI log.

A document's text and its file name may hold control characters. ESC starts the terminal's
escape sequences (C1's CSI, U+009B, is a one-character "ESC ["), so a crafted draft, or a file
named with one, could recolour, hide, move or erase lines of the report a reader sees, or
retitle the window. Such characters are shown as U+FFFD.
"""

from __future__ import annotations

#: C0, DEL and C1: every control character.
_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], "\ufffd")
_IN_LINES = {code: mark for code, mark in _CONTROLS.items() if code not in (0x09, 0x0A)}


def one_line(text: str) -> str:
    """``text`` (a path, a message) with every control character shown as U+FFFD."""
    return text.translate(_CONTROLS)


def printable(text: str) -> str:
    """``text`` (the lines of a report) with control characters shown as U+FFFD, but for tabs
    and line breaks; CRLF line ends (CSV's) become line breaks."""
    return text.replace("\r\n", "\n").translate(_IN_LINES)
