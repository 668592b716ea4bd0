"""Format detection, user errors and file discovery."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures import make_pdf
from wpslint.errors import (
    CORRUPT,
    EMPTY,
    NOT_FOUND,
    UNREADABLE,
    UNSUPPORTED_FORMAT,
    DocumentError,
)
from wpslint.ingest import SUPPORTED_SUFFIXES, discover, read_document
from wpslint.ingest.sniff import DOCX, HTML, MARKDOWN, PDF, TEXT, sniff

CORPUS_DEV = Path("/work/shared/corpus-dev")


def error_of(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert str(path) in str(error.value)
    return error.value


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"%PDF-1.7\n...", PDF),
        ("a.pdf", b"\xef\xbb\xbf%PDF-1.4", PDF),  # junk before the header is tolerated
        ("a.txt", b"<!DOCTYPE html><html><body>x", HTML),
        ("a.doc", b"<?xml version='1.0'?>\n<html xmlns:o='urn:office'>", HTML),  # Word web page
        ("a.txt", b"<p>One</p><div>Two</div><table><tr><td>3</td></tr></table>", HTML),
        ("a.html", b"Just text", HTML),
        ("a.md", b"Plain words", MARKDOWN),
        ("a.txt", b"Intro\n\n## Funding\n\nText", MARKDOWN),
        ("a.txt", b"Use <br> between lines", TEXT),
        ("a", b"Plain words", TEXT),
        ("a.txt", "Égalité".encode("utf-16"), TEXT),
    ],
)
def test_sniff(name: str, head: bytes, expected: str) -> None:
    assert sniff(Path(name), head) == expected


def test_sniff_docx_by_its_word_part(tmp_path: Path) -> None:
    path = tmp_path / "draft.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert sniff(path, path.read_bytes()) == DOCX


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "legacy"),
        ("notes.rtf", b"{\\rtf1\\ansi text}", "RTF"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "PNG"),
        ("data.bin", b"\x00\x01\x02binary", "binary"),
    ],
)
def test_unsupported_formats(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    error = error_of(path)
    assert error.code == UNSUPPORTED_FORMAT
    assert says in error.message
    assert "PDF, DOCX, plain text, Markdown and HTML" in error.message


def test_zip_archives_that_are_not_word(tmp_path: Path) -> None:
    for name, part, says in [
        ("sheet.xlsx", "xl/workbook.xml", "Excel"),
        ("text.odt", "content.xml", "OpenDocument"),
        ("bundle.zip", "readme.txt", "ZIP archive"),
    ]:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(part, "x")
        error = error_of(path)
        assert error.code == UNSUPPORTED_FORMAT
        assert says in error.message


def test_damaged_zip_without_docx_name_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    assert error_of(path).code == UNSUPPORTED_FORMAT


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_binary_file_named_pdf_or_docx_is_corrupt(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / ("plan" + suffix)
    path.write_bytes(b"\x00\x17garbage\x00" * 10)
    error = error_of(path)
    assert error.code == CORRUPT
    assert suffix[1:].upper() in error.message


def test_missing_file(tmp_path: Path) -> None:
    error = error_of(tmp_path / "nowhere.pdf")
    assert error.code == NOT_FOUND


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert error_of(path).code == EMPTY


def test_blank_text_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text("\n   \n\t\n")
    error = error_of(path)
    assert error.code == EMPTY
    assert "no text" in error.message


def test_directory_is_not_a_document(tmp_path: Path) -> None:
    assert error_of(tmp_path).code == UNREADABLE


def test_pdf_with_a_text_name_is_read_as_pdf(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "download.txt", [["Article 5", "Women shall take part."]])
    document = read_document(path)
    assert document.format == "pdf"
    assert document.pages == 1


def test_reader_failures_are_wrapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path) -> None:
        raise ValueError("unexpected markup")

    monkeypatch.setattr("wpslint.ingest.html.read_html", broken)
    path = tmp_path / "page.html"
    path.write_text("<p>Text</p>")
    error = error_of(path)
    assert error.code == UNREADABLE
    assert "ValueError: unexpected markup" in error.message


@settings(max_examples=150, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(lambda tail: b"%PDF-1.4\n" + tail),
        st.binary(max_size=300).map(lambda tail: b"PK\x03\x04" + tail),
        st.text(max_size=300).map(lambda text: ("<html>" + text).encode("utf-8", "replace")),
    ),
    suffix=st.sampled_from([*sorted(SUPPORTED_SUFFIXES), ".bin", ""]),
)
def test_any_bytes_give_a_document_or_a_document_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "input" + suffix)
        path.write_bytes(data)
        try:
            document = read_document(path)
        except DocumentError as error:
            assert error.code
        else:
            assert document.text.strip()


@pytest.mark.skipif(not CORPUS_DEV.is_dir(), reason="development corpus not available")
def test_every_file_of_the_development_corpus_reads() -> None:
    expected = {".pdf": {PDF}, ".txt": {TEXT, MARKDOWN}}
    paths = discover([CORPUS_DEV])
    assert paths
    for path in paths:
        document = read_document(path)
        assert document.format in expected[path.suffix]
        assert document.word_count > 500
        assert document.blocks[0].start == 0


def test_discover(tmp_path: Path) -> None:
    for name in [
        "b.pdf",
        "a.md",
        "notes.TXT",
        "image.png",
        ".hidden.txt",
        "sub/c.docx",
        "sub/d.html",
        ".git/e.txt",
        "sub/.cache/f.md",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    given = tmp_path / "image.png"
    missing = tmp_path / "missing.pdf"
    found = discover([tmp_path, given, missing, tmp_path / "sub"])
    assert found == [
        tmp_path / "a.md",
        tmp_path / "b.pdf",
        tmp_path / "notes.TXT",
        tmp_path / "sub" / "c.docx",
        tmp_path / "sub" / "d.html",
        given,
        missing,
    ]


@pytest.mark.parametrize(
    "head", [b"<p>%PDF-</p>", b"<p>%PDF-1.4</p>", b"Save it as %PDF-1.7 please\n"]
)
def test_text_that_mentions_a_pdf_header_is_not_a_pdf(tmp_path: Path, head: bytes) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(head)
    assert sniff(path, head) != PDF
