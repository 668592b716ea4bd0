"""Turning the bytes of a text or HTML file into text, whatever the encoding.

Drafts reach the linter from many editors and systems: UTF-8 with or without a byte order
mark, UTF-16 from Windows tools, legacy Windows-1252 or Latin-1 exports. Decoding must never
fail on a byte: a wrong guess costs a few odd characters, a crash costs the whole report.
"""

from __future__ import annotations

import codecs
import re

# Longest marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_NEWLINES = re.compile(r"\r\n?")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding announced by a byte order mark at the start of ``data``, and its length."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` and normalise line ends to ``\\n`` so that line numbers match editors.

    The order is: a byte order mark, strict UTF-8, the encoding the file declares (HTML
    ``<meta charset>``), a guess by ``charset_normalizer`` when it is installed, and finally
    Windows-1252 with replacement characters, which accepts any byte.
    """
    bom = bom_encoding(data)
    if bom:
        encoding, skip = bom
        text = data[skip:].decode(encoding, errors="replace")
    else:
        text = _decode_without_bom(data, declared)
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def _decode_without_bom(data: bytes, declared: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in (declared, _guess(data)):
        if encoding and _known(encoding):
            return data.decode(encoding, errors="replace")
    return data.decode("cp1252", errors="replace")


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def _guess(data: bytes) -> str | None:
    """The encoding ``charset_normalizer`` finds most likely, if that optional package exists."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data).best()
    return best.encoding if best else None
