"""Turning the bytes of a text or HTML file into text, whatever the encoding.

Drafts reach the linter from many editors and systems: UTF-8 with or without a byte order
mark, UTF-16 from Windows tools (with or without the mark), legacy Windows-1252 or Latin-1
exports. Decoding must never fail on a byte: a wrong guess costs a few odd characters, a
crash costs the whole report. Only text encodings are used: an HTML page declaring
``charset=base64`` or ``rot13`` names a codec that Python has but that does not decode bytes.
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
#: Bytes that text never holds (C0 controls other than tab, line ends, form feed and escape,
#: and DEL); their share tells a binary file from text in a legacy encoding.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\v\f\r\x1b") + b"\x7f"
#: Share of control bytes above which data is binary rather than text.
MAX_CONTROL_SHARE = 0.02
_HIGH_BYTES = bytes(range(0x80, 0x100))
#: Most share of bytes above 127 in text taken for Windows-1252 without a guess.
MAX_WESTERN_HIGH_SHARE = 0.3
#: UTF-16 without a mark: ASCII-range text puts a zero byte in every other position.
_UTF16_ZERO_SHARE = 0.3


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding announced by a byte order mark at the start of ``data``, and its length."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def unicode_encoding(data: bytes) -> tuple[str, int] | None:
    """The UTF encoding of ``data`` from its byte order mark or, failing that, from the zero
    bytes UTF-16 puts in every other position; and how many bytes of mark to skip."""
    bom = bom_encoding(data)
    if bom:
        return bom
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= _UTF16_ZERO_SHARE * pairs and even <= 0.05 * pairs:
        return "utf-16-le", 0
    if even >= _UTF16_ZERO_SHARE * pairs and odd <= 0.05 * pairs:
        return "utf-16-be", 0
    return None


def looks_binary(head: bytes) -> bool:
    """True when ``head`` (not UTF-16 or UTF-32) holds a zero byte, or more control bytes
    than text in any 8-bit encoding has."""
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(4, MAX_CONTROL_SHARE * len(head))


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` and normalise line ends to ``\\n`` so that line numbers match editors.

    The order is: a byte order mark (or the zero bytes of UTF-16), strict UTF-8, the encoding
    the file declares (HTML ``<meta charset>``), Windows-1252 for mostly-ASCII text, a guess
    by ``charset_normalizer`` when it is installed, and finally Windows-1252 with replacement
    characters, which accepts any byte.
    """
    found = unicode_encoding(data)
    if found:
        encoding, skip = found
        text = data[skip:].decode(encoding, errors="replace")
    else:
        text = _decode_without_bom(data, declared)
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def _decode_without_bom(data: bytes, declared: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in (declared, _western(data), _guess(data)):
        if encoding and _known(encoding):
            try:
                return data.decode(encoding, errors="replace")
            except ValueError:  # a UnicodeError: codecs such as idna refuse "replace"
                continue
    return data.decode("cp1252", errors="replace")


def _western(data: bytes) -> str | None:
    """Windows-1252 for text that is mostly ASCII and uses only bytes that encoding defines.

    That is what a legacy English or Western European draft looks like, and a statistical
    guess on a few accented words goes wrong ("Égalité" read as Korean); text in Cyrillic,
    Greek or Asian legacy encodings is mostly bytes above 127 and goes to the guess.
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high > MAX_WESTERN_HIGH_SHARE * len(data):
        return None
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "cp1252"


def _known(encoding: str) -> bool:
    """Whether ``encoding`` names a codec that turns bytes into text."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):  # ValueError: a name with a NUL in it
        return False
    return getattr(info, "_is_text_encoding", True)


def _guess(data: bytes) -> str | None:
    """The encoding ``charset_normalizer`` finds most likely, if that optional package exists."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data).best()
    return best.encoding if best else None
