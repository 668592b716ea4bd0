"""Checking a DOCX package before python-docx opens it: sizes, compression and XML prologs.

python-docx reads whole parts with ``ZipFile.read``, which inflates a part in one call before
cutting it to the size the archive's directory declares. So a part whose directory entry
lies ("1 KB") while its data inflates to gigabytes would take that memory for a moment. Every
part is therefore inflated here first, a megabyte at a time, and the package is refused when
a part inflates beyond its declared size or the sizes beyond the limits.

Office Open XML forbids document type declarations (ECMA-376 part 2: XML parts are UTF-8 or
UTF-16 and carry no DTD), and a DTD is what entity expansion ("billion laughs") and external
entities (reading a local file into the text) need. python-docx's parser already neither
resolves entities nor loads DTDs nor uses the network; refusing any part whose prolog holds a
DTD, or an encoding in which a DTD could hide from this check (UTF-7...), makes that
independent of the parser's settings.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from wpslint.errors import CORRUPT, ENCRYPTED, TOO_LARGE, UNSAFE, DocumentError
from wpslint.limits import human_size

#: Refuse a body that would expand beyond this: a zip bomb, not a policy document.
MAX_BODY_BYTES = 200 * 1024 * 1024
#: python-docx loads every part of the package (images too), so the whole is limited as well.
MAX_PACKAGE_BYTES = 512 * 1024 * 1024
#: A long report with many images has a few hundred parts.
MAX_ENTRIES = 10_000
BODY_PART = "word/document.xml"
#: An XML prolog (declaration, comments) longer than this is refused rather than searched.
MAX_PROLOG_BYTES = 64 * 1024
#: What ``zipfile`` raises on a damaged or foreign archive: besides BadZipFile, a version or
#: compression it does not implement, garbled directory fields, data cut short.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    zlib.error,
)

_CHUNK = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_LOCAL_MAGIC = b"PK\x03\x04"
_ENCRYPTED_FLAG = 0x1
_XML_ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be"})
# Byte patterns that start XML in an encoding other than UTF-8 or UTF-16 (UCS-4, EBCDIC).
_OTHER_XML_STARTS = (b"\x00\x00\x00<", b"<\x00\x00\x00", b"\x00\x00<\x00", b"\x00<\x00\x00")
_EBCDIC_XML_START = b"\x4c\x6f\xa7\x94"
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_DECLARED_ENCODING = re.compile(r"""\A<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")


def check_package(path: Path) -> None:
    """Refuse a damaged archive, a ZIP that is not Word, a possible zip bomb and XML with a DTD.

    Raises ``DocumentError`` with code ``corrupt``, ``too-large``, ``unsafe`` or ``encrypted``.
    """
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive, path.open("rb") as file:
            infos = archive.infolist()
            _check_directory(name, archive, infos)
            for info in infos:
                _check_part(name, file, info)
    except ZIP_ERRORS as exc:
        raise _corrupt(name, f"damaged ZIP archive: {exc or type(exc).__name__}") from exc


def _check_directory(name: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """What the central directory alone shows: a Word body, entry count, declared sizes."""
    try:
        body = archive.getinfo(BODY_PART)
    except KeyError:
        raise DocumentError(
            name, CORRUPT, f"is not a Word document: the archive has no {BODY_PART}"
        ) from None
    if len(infos) > MAX_ENTRIES:
        raise DocumentError(
            name, TOO_LARGE, f"the archive has {len(infos):,} parts (limit {MAX_ENTRIES:,})"
        )
    _check_expansion(name, "body", body.file_size, MAX_BODY_BYTES)
    _check_expansion(name, "package", sum(info.file_size for info in infos), MAX_PACKAGE_BYTES)


def _check_expansion(name: str, what: str, size: int, limit: int) -> None:
    if size > limit:
        raise DocumentError(
            name,
            TOO_LARGE,
            f"the document {what} would expand to {human_size(size)} "
            f"(limit {human_size(limit)}); refusing a possible zip bomb",
        )


def _check_part(name: str, file: BinaryIO, info: zipfile.ZipInfo) -> None:
    """Inflate one part, checking its size against the directory and its XML prolog."""
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise DocumentError(
            name, ENCRYPTED, f"part {info.filename} of the DOCX archive is encrypted"
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _corrupt(name, f"part {info.filename} uses compression method {info.compress_type}")
    head = bytearray()
    produced = 0
    for chunk in _inflate(file, info):
        produced += len(chunk)
        if produced > info.file_size:
            raise DocumentError(
                name,
                UNSAFE,
                f"part {info.filename} inflates beyond the size its archive entry declares "
                f"({human_size(info.file_size)}); refusing a possible zip bomb",
            )
        if len(head) < MAX_PROLOG_BYTES:
            head += chunk[: MAX_PROLOG_BYTES - len(head)]
    if produced != info.file_size:
        raise _corrupt(name, f"part {info.filename} is shorter than its archive entry declares")
    problem = xml_prolog_problem(bytes(head))
    if problem:
        raise DocumentError(name, UNSAFE, f"part {info.filename} {problem}")


def _inflate(file: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The data of one part, a chunk of at most ``_CHUNK`` bytes at a time."""
    file.seek(info.header_offset)
    magic, name_length, extra_length = _LOCAL_HEADER.unpack(file.read(_LOCAL_HEADER.size))
    if magic != _LOCAL_MAGIC:
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    file.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    stored = info.compress_type == zipfile.ZIP_STORED
    left = info.compress_size
    while left > 0:
        data = file.read(min(_CHUNK, left))
        if not data:
            raise EOFError(f"the data of {info.filename} is cut short")
        left -= len(data)
        if stored:
            yield data
            continue
        while data:
            yield inflater.decompress(data, _CHUNK)
            data = inflater.unconsumed_tail


def xml_prolog_problem(head: bytes) -> str | None:
    """Why the XML document starting with ``head`` must not be parsed, or None.

    Refused: a DOCTYPE, an encoding other than UTF-8 or UTF-16, and a prolog that does not
    reach the root element within ``head`` (a DTD could follow it). Data that is not XML (an
    image) passes.
    """
    if head.startswith(_OTHER_XML_STARTS) or head.startswith(_EBCDIC_XML_START):
        return "is XML in an encoding other than UTF-8 or UTF-16"
    text = _decode_head(head).lstrip()
    if not text.startswith("<"):
        return None
    declared = _DECLARED_ENCODING.match(text)
    if declared and declared[1].strip().lower() not in _XML_ENCODINGS:
        return f"declares the XML encoding {declared[1]!r}; Word writes only UTF-8 or UTF-16"
    position = 0
    while match := _PROLOG_ITEM.match(text, position):
        position = match.end()
    rest = text[position:]
    if rest[:9].upper() == "<!DOCTYPE":
        return "has a document type declaration (DTD), which Word never writes; not parsed"
    if rest[1:2] and rest[1] not in "!?":
        return None  # the root element
    return f"has no root element within its first {MAX_PROLOG_BYTES // 1024} KB; not parsed"


def _decode_head(head: bytes) -> str:
    """``head`` as text, in the UTF-8 or UTF-16 its byte order mark or first bytes show."""
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return head.decode("utf-16-le", errors="replace").lstrip("\ufeff")
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return head.decode("utf-16-be", errors="replace").lstrip("\ufeff")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _corrupt(name: str, reason: str) -> DocumentError:
    return DocumentError(name, CORRUPT, f"is not a valid DOCX file ({reason})")
