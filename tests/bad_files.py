"""Builders of hostile and broken inputs for the bad-input tests and the fuzzing seeds.

Each writes one kind of file a linter meets in the wild or from an attacker: DOCX packages
that are zip bombs (honest or lying about their size) or carry XML entity declarations,
Word's encrypted container, PDFs with scanned (image-only) pages, text in legacy encodings,
and documents in other languages. ZIP archives are written byte by byte where ``zipfile``
would refuse to write a lie.
"""

from __future__ import annotations

import itertools
import struct
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from PIL import Image

from fixtures import make_docx

BODY_PART = "word/document.xml"

FRENCH = (
    "Le ministère des Affaires étrangères est chargé de la protection des femmes artisanes "
    "de paix. Les organisations de la société civile sont consultées chaque année sur la mise "
    "en oeuvre du plan, et le gouvernement publie un rapport au Parlement. "
)
ENGLISH = (
    "The Ministry of Foreign Affairs shall protect women peacebuilders and women human "
    "rights defenders. The Government shall allocate a dedicated budget to the plan and "
    "consult women's organisations every year. "
)


def docx_parts(body: bytes, tmp: Path) -> dict[str, bytes]:
    """The parts of a minimal Word document made by python-docx, with ``body`` as its
    ``word/document.xml``."""
    base = make_docx(tmp / "_base.docx", [("p", "placeholder")])
    with zipfile.ZipFile(base) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    base.unlink()
    parts[BODY_PART] = body
    return parts


def body_xml(text: str, *, prolog: bytes = b"") -> bytes:
    """A Word body of one paragraph holding ``text`` (which may hold entity references)."""
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog + b"<w:document "
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        b"<w:p><w:r><w:t>" + text.encode() + b"</w:t></w:r></w:p></w:body></w:document>"
    )


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def raw_zip(path: Path, entries: Sequence[tuple[str, bytes, int, int]]) -> Path:
    """A ZIP of ``(name, deflated data, declared size, crc)`` entries, written as given, so
    that the directory may lie about what the data inflates to."""
    local, central = bytearray(), bytearray()
    for name, data, size, crc in entries:
        encoded = name.encode()
        offset = len(local)
        fields = (20, 0, zipfile.ZIP_DEFLATED, 0, 0, crc, len(data), size, len(encoded))
        local += struct.pack("<4s5HIIIHH", b"PK\x03\x04", *fields, 0) + encoded + data
        central += (
            struct.pack("<4s6HIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset)
            + encoded
        )
    end = struct.pack(
        "<4s4HIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0
    )
    path.write_bytes(bytes(local + central + end))
    return path


def deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def deflated_zeros(size: int) -> bytes:
    """``size`` zero bytes, deflated without ever holding them all in memory."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    data = bytearray()
    for start in range(0, size, len(chunk)):
        data += compressor.compress(chunk[: size - start])
    return bytes(data + compressor.flush())


def bomb_docx(path: Path, tmp: Path, *, inflated: int, declared: int) -> Path:
    """A DOCX whose body is ``inflated`` bytes (a valid start, then zeros) while the archive
    declares ``declared``: a zip bomb, honest when the two are equal."""
    parts = docx_parts(body_xml("The Ministry shall protect women peacebuilders."), tmp)
    entries = []
    for name, data in parts.items():
        if name == BODY_PART:
            entries.append((name, deflated_zeros(inflated), declared, 0))
        else:
            entries.append((name, deflate(data), len(data), zlib.crc32(data)))
    return raw_zip(path, entries)


def xxe_docx(path: Path, tmp: Path, secret: Path) -> Path:
    """A DOCX whose body declares an external entity reading ``secret`` and uses it."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()
    body = body_xml("The Ministry shall protect women peacebuilders. &xxe;", prolog=prolog)
    return write_zip(path, docx_parts(body, tmp))


def billion_laughs_docx(path: Path, tmp: Path, levels: int = 9) -> Path:
    """A DOCX whose body defines entities that expand tenfold at each of ``levels`` levels."""
    names = [f"lol{level}" for level in range(levels + 1)]
    declarations = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY {name} "{("&" + previous + ";") * 10}">'
        for previous, name in itertools.pairwise(names)
    ]
    prolog = f"<!DOCTYPE w:document [{''.join(declarations)}]>".encode()
    body = body_xml(f"Peacebuilders &{names[-1]};", prolog=prolog)
    return write_zip(path, docx_parts(body, tmp))


def utf16_dtd_docx(path: Path, tmp: Path) -> Path:
    """A DOCX whose body is UTF-16 with a DTD, which a byte search for "<!DOCTYPE" misses."""
    text = body_xml("Women &x;", prolog=b'<!DOCTYPE w:document [<!ENTITY x "peacebuilders">]>')
    text = text.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode()
    return write_zip(path, docx_parts(text.encode("utf-16"), tmp))


def utf7_docx(path: Path, tmp: Path) -> Path:
    """A DOCX whose body declares UTF-7, in which "<!DOCTYPE" can be spelt "+ADw-!DOCTYPE"."""
    body = body_xml("Women peacebuilders").replace(b'encoding="UTF-8"', b'encoding="UTF-7"')
    return write_zip(path, docx_parts(body, tmp))


def deep_docx(path: Path, tmp: Path, depth: int = 5_000) -> Path:
    """A DOCX whose paragraph nests ``depth`` elements: a parser stack bomb."""
    body = body_xml("Women peacebuilders").replace(
        b"</w:r>", b"</w:r>" + b"<w:ins>" * depth + b"</w:ins>" * depth
    )
    return write_zip(path, docx_parts(body, tmp))


def encrypted_word(path: Path) -> Path:
    """The start of the OLE container Word writes for a password-protected DOCX: the OLE
    signature and, in the directory, the EncryptedPackage stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptionInfo".encode("utf-16-le").ljust(128, b"\0")
    directory += "EncryptedPackage".encode("utf-16-le").ljust(128, b"\0")
    path.write_bytes(header + directory + bytes(1024))
    return path


def pdf_with_scans(path: Path, pages: Sequence[Sequence[str] | None]) -> Path:
    """A PDF whose page ``i`` shows the lines ``pages[i]``, or, for None, only an image the
    size of the page, as a scanner makes."""
    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=10)
    scan = Image.new("L", (120, 170), 200)
    for lines in pages:
        pdf.add_page()
        if lines is None:
            pdf.image(scan, x=0, y=0, w=pdf.w, h=pdf.h)
            continue
        for index, line in enumerate(lines):
            pdf.set_xy(15.0, 20.0 + 6.0 * index)
            pdf.cell(0, 6.0, line)
    pdf.output(str(path))
    return path
