"""Format detection from the first bytes of a file.

Drafts are often misnamed: a PDF saved as ``.txt`` by a download manager, a Word "web page"
saved as ``.doc``, a Markdown file called ``.txt``. The content decides which reader runs;
the suffix only breaks ties (Markdown or plain text) and names the error for a damaged file
that claims to be a PDF or DOCX.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from wpslint.errors import CORRUPT, ENCRYPTED, UNSUPPORTED_FORMAT, DocumentError
from wpslint.ingest.encoding import looks_binary, unicode_encoding
from wpslint.ingest.package import ZIP_ERRORS

PDF = "pdf"
DOCX = "docx"
HTML = "html"
MARKDOWN = "markdown"
TEXT = "text"

#: How many leading bytes ``sniff`` needs.
HEAD_SIZE = 8192

SUPPORTED_FORMATS = "PDF, DOCX, plain text, Markdown and HTML"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Word saves a password-protected DOCX as an OLE container holding this stream (its name is
#: stored in UTF-16); it is looked for in the first bytes, where the directory usually is.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_OLE_SEARCH_BYTES = 4 * 1024 * 1024
# Signatures of common formats wpslint does not read, with advice for the user.
_FOREIGN = (
    (_OLE_MAGIC, "a legacy Microsoft Office file (.doc); save it as DOCX"),
    (b"{\\rtf", "an RTF file; save it as DOCX or PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"GIF8", "a GIF image"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_DOCX_PART = "word/document.xml"

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAG = re.compile(
    r"<(head|body|title|meta|p|div|span|h[1-6]|table|tr|td|ul|ol|li|br|a)\b[^>]*>", re.I
)
_MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_MIN_HTML_TAGS = 3

#: A PDF header ("%PDF-1.7") within the first 1,024 bytes, where PDF readers look for it.
#: Some writers put junk before it (a byte-order mark, binary bytes), never words or markup:
#: an HTML or text file that mentions "%PDF-1.4" in its text is not a PDF.
_PDF_HEADER = re.compile(rb"(?:^|[\r\n])[^\r\na-zA-Z<>]{0,64}%PDF-[0-9]\.[0-9]")


def sniff(path: Path, head: bytes) -> str:
    """The format of the file at ``path`` whose first bytes are ``head``.

    Raises ``DocumentError`` for formats no reader handles (UNSUPPORTED_FORMAT), for a
    password-protected Word file (ENCRYPTED) and for a binary file named ``.pdf`` or
    ``.docx`` that is not one (CORRUPT).
    """
    suffix = path.suffix.lower()
    if _PDF_HEADER.search(head[:1024]):
        return PDF
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(path, suffix)
    if head.startswith(_OLE_MAGIC) and _is_encrypted_office(path):
        raise DocumentError(
            str(path),
            ENCRYPTED,
            "the Word document is password-protected; remove the password in Word "
            "(File > Info > Protect Document) and save it again as DOCX",
        )
    for magic, description in _FOREIGN:
        if head.startswith(magic):
            raise _unsupported(path, description)
    encoding = unicode_encoding(head)
    if encoding is None and looks_binary(head):
        if suffix in (".pdf", ".docx"):
            raise DocumentError(
                str(path), CORRUPT, f"is not a valid {suffix[1:].upper()} file (damaged?)"
            )
        raise _unsupported(path, "a binary file")
    return _sniff_text(head, suffix, encoding)


def _is_encrypted_office(path: Path) -> bool:
    """Whether the OLE container at ``path`` holds an encrypted Office Open XML package."""
    try:
        with path.open("rb") as file:
            return _ENCRYPTED_PACKAGE in file.read(_OLE_SEARCH_BYTES)
    except OSError:
        return False


def _sniff_zip(path: Path, suffix: str) -> str:
    """DOCX if the archive holds a Word body; a damaged ``.docx`` still goes to its reader."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except ZIP_ERRORS:
        if suffix == ".docx":
            return DOCX
        raise _unsupported(path, "a damaged ZIP archive") from None
    if _DOCX_PART in names or suffix == ".docx":
        return DOCX
    if "content.xml" in names:
        raise _unsupported(path, "an OpenDocument file; save it as DOCX")
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise _unsupported(path, "an Excel or PowerPoint file")
    raise _unsupported(path, "a ZIP archive")


def _sniff_text(head: bytes, suffix: str, found: tuple[str, int] | None) -> str:
    encoding, skip = found or ("utf-8", 0)
    # The head may end inside a multi-byte character: ignore what does not decode.
    text = head[skip:].decode(encoding, errors="ignore")
    if _HTML_START.match(text) or suffix in (".htm", ".html"):
        return HTML
    if suffix in (".md", ".markdown"):
        return MARKDOWN
    if len({tag.lower() for tag in _HTML_TAG.findall(text)}) >= _MIN_HTML_TAGS:
        return HTML
    if _MARKDOWN_HEADING.search(text):
        return MARKDOWN
    return TEXT


def _unsupported(path: Path, description: str) -> DocumentError:
    return DocumentError(
        str(path),
        UNSUPPORTED_FORMAT,
        f"unsupported format ({description}); wpslint reads {SUPPORTED_FORMATS}",
    )
