"""Errors that reach the user as one clear line, never as a traceback.

``DocumentError`` means one input could not be read: the run goes on with the other files,
the document is listed under ``errors`` and the exit code becomes 2. ``ConfigError`` means a
rule pack or configuration file is invalid: nothing is checked and the exit code is 2.
"""

from __future__ import annotations


class WpslintError(Exception):
    """Base class for errors shown to the user without a traceback."""


class DocumentError(WpslintError):
    """A document that cannot be read. ``code`` is the stable identifier used in JSON."""

    def __init__(self, path: str, code: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str, str]]:
        # Pickled by its fields: the helper that reads documents ahead hands errors over.
        return (type(self), (self.path, self.code, self.message))


class ConfigError(WpslintError):
    """An invalid rule pack or configuration, located by file and line when known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        where = path or ""
        if path and line:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.message = message


# Stable codes for DocumentError.code (documented in the JSON report contract).
EMPTY = "empty"
ENCRYPTED = "encrypted"
NO_TEXT_LAYER = "no-text-layer"
CORRUPT = "corrupt"
UNSUPPORTED_FORMAT = "unsupported-format"
UNREADABLE = "unreadable"
NOT_FOUND = "not-found"
#: Over a size limit: bytes, pages, extracted text, or an archive that would expand too far.
TOO_LARGE = "too-large"
#: Not read and checked within the time budget for one document.
TIMEOUT = "timeout"
#: Holds what wpslint refuses to process, such as XML entity declarations in a DOCX.
UNSAFE = "unsafe"
