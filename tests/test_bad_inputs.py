"""Bad inputs through the command line: each is reported by name in one line, the run exits 2,
no traceback is printed, and a good document in the same run is still checked and listed.

A linter that says "all clear" about a document it could not read is worse than none, so
every kind of unreadable input ends in ``errors``, never among the passing documents.
"""

from __future__ import annotations

import json
import os
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

import bad_files
from fixtures import make_docx, make_pdf, make_textless_pdf
from wpslint.cli import main
from wpslint.errors import DocumentError
from wpslint.ingest import read_document
from wpslint.limits import can_interrupt

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PLAN_LINES = [
    "National Action Plan on Women, Peace and Security",
    "The Ministry shall protect women peacebuilders and women human rights defenders.",
    "The Government shall allocate a dedicated budget to the protection of defenders.",
]


def distinct_pages(count: int) -> list[list[str]]:
    """Pages of plan text that differ, so that none is taken for a running header."""
    regions = ["Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Highland"]
    return [[f"{regions[n]} region: {line}" for line in PLAN_LINES] for n in range(count)]


def wpslint(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["check", "--no-cache", *(str(arg) for arg in args)])


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good_bill.txt"
    shutil.copy(CORPUS / "bill_weak.txt", path)
    return path


def refused(bad: Path, good: Path, *options: str, code: str, says: str = "") -> str:
    """Check ``good`` and ``bad`` in one run and return the one error line about ``bad``."""
    result = wpslint("--format", "json", "--jobs", "1", *options, good, bad)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert [document["path"] for document in report["documents"]] == [str(good)]
    assert [(error["path"], error["error"]) for error in report["errors"]] == [(str(bad), code)]
    lines = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"wpslint: error: {bad}: ")
    assert says in lines[0]
    return lines[0]


def test_text_report_names_the_file_once_and_still_reports_the_good_one(
    tmp_path: Path, good: Path
) -> None:
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    result = wpslint("--jobs", "1", good, bad)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert [line for line in result.stdout.splitlines() if str(bad) in line] == [
        f"{bad}: error: the PDF is damaged or truncated and cannot be opened"
    ]
    assert result.stdout.startswith(f"{good}\n")
    assert "1 document checked" in result.stdout
    assert "1 document could not be read" in result.stdout


# -- empty, misnamed and foreign files ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.md", b"\n  \t\n\n", "no text found"),
        ("empty.pdf", b"", "the file is empty"),
    ],
)
def test_empty_files(tmp_path: Path, good: Path, name: str, data: bytes, says: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    refused(bad, good, code="empty", says=says)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), "a PNG image"),
        ("notes.docx", b"{\\rtf1\\ansi Women peacebuilders}", "an RTF file"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "legacy Microsoft Office"),
        ("data.txt", bytes(range(1, 256)) * 8, "a binary file"),
    ],
)
def test_unsupported_formats_name_the_supported_ones(
    tmp_path: Path, good: Path, name: str, data: bytes, says: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    line = refused(bad, good, code="unsupported-format", says=says)
    assert "wpslint reads PDF, DOCX, plain text, Markdown and HTML" in line


def test_opendocument_is_unsupported(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "plan.odt"
    bad_files.write_zip(bad, {"mimetype": b"application/vnd.oasis", "content.xml": b"<x/>"})
    refused(bad, good, code="unsupported-format", says="OpenDocument")


def test_misnamed_files_are_read_by_their_content(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "plan.txt", [PLAN_LINES])
    word = make_docx(tmp_path / "plan.pdf", [("p", line) for line in PLAN_LINES])
    page = tmp_path / "plan.docx"
    page.write_text(f"<html><body><p>{PLAN_LINES[1]}</p></body></html>")
    result = wpslint("--format", "json", "--jobs", "1", pdf, word, page)
    assert result.exit_code == 1, result.stderr
    formats = {d["path"]: d["pipeline"] for d in json.loads(result.stdout)["documents"]}
    assert set(formats) == {str(pdf), str(word), str(page)}
    assert [read_document(path).format for path in (pdf, word, page)] == ["pdf", "docx", "html"]


def test_a_file_name_that_is_not_utf8_is_refused_by_name(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linux allows any bytes in a file name, and Python decodes those that are not UTF-8 as
    lone surrogates; reports, cache keys and waiver paths are UTF-8 text. Such a name
    stopped the run with a traceback (in the cache key, or writing the JSON)."""
    bad = Path(os.fsdecode(os.fsencode(tmp_path) + b"/plan_\xff.txt"))
    try:
        bad.write_text(PLAN_LINES[1], encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    monkeypatch.chdir(tmp_path)  # the cache is on, as by default, and goes here
    shown = str(tmp_path / "plan_\ufffd.txt")
    for fmt in ("json", "sarif", "text"):
        result = CliRunner().invoke(main, ["check", "--format", fmt, str(good), str(bad)])
        assert result.exception is None or isinstance(result.exception, SystemExit), fmt
        assert result.exit_code == 2, result.output
        assert result.stderr.count(shown) == (0 if fmt == "text" else 1)
        if fmt == "json":
            report = json.loads(result.stdout)
            assert [document["path"] for document in report["documents"]] == [str(good)]
            (error,) = report["errors"]
            assert (error["path"], error["error"]) == (shown, "unreadable")
            assert "not valid UTF-8; rename the file" in error["message"]
        if fmt == "text":
            assert f"{shown}: error: its name is not valid UTF-8" in result.stdout


def test_a_device_or_pipe_is_refused(tmp_path: Path, good: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    refused(pipe, good, code="unreadable", says="not a regular file")


# -- PDF ----------------------------------------------------------------------------------


def test_encrypted_pdf_asks_for_the_password(tmp_path: Path, good: Path) -> None:
    bad = make_pdf(tmp_path / "locked.pdf", [PLAN_LINES], password="s3cret")
    refused(bad, good, code="encrypted", says="--password")
    refused(bad, good, "--password", "wrong", code="encrypted", says="does not open")
    opened = wpslint("--format", "json", "--password", "s3cret", bad)
    assert opened.exit_code in (0, 1), opened.stderr
    assert json.loads(opened.stdout)["documents"][0]["pages"] == 1


def test_scanned_pdf_says_how_to_ocr_it(tmp_path: Path, good: Path) -> None:
    bad = make_textless_pdf(tmp_path / "scan.pdf", pages=3)
    line = refused(bad, good, code="no-text-layer", says="looks scanned")
    assert "ocrmypdf" in line and "OCRmyPDF" in line


def test_scan_with_only_a_running_header_is_still_a_scan(tmp_path: Path, good: Path) -> None:
    pages = [[]] * 4
    bad = make_pdf(tmp_path / "stamped.pdf", pages, header="Ministry of Foreign Affairs - Draft")
    refused(bad, good, code="no-text-layer", says="4 of 4 pages")


def test_some_scanned_pages_are_a_warning_naming_them(tmp_path: Path) -> None:
    pages = [[line] for line in PLAN_LINES]
    path = bad_files.pdf_with_scans(
        tmp_path / "mixed.pdf", [pages[0], None, pages[1], None, pages[2]]
    )
    result = wpslint("--format", "json", path)
    assert result.exit_code in (0, 1)
    document = json.loads(result.stdout)["documents"][0]
    assert document["warnings"] == [
        "pages 2 and 4 have no text layer (scanned?) and were not checked; run OCR first, "
        "e.g. `ocrmypdf in.pdf out.pdf` (OCRmyPDF)"
    ]
    assert f"wpslint: warning: {path}: pages 2 and 4 have no text layer" in result.stderr
    text_report = wpslint(path).stdout
    assert "  Warning: pages 2 and 4 have no text layer" in text_report


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data[:200],
        lambda data: data.replace(b"/Pages", b"/Pagez"),
        lambda data: b"%PDF-1.4\n" + bytes(range(256)) * 4,
    ],
)
def test_corrupt_or_truncated_pdf(tmp_path: Path, good: Path, damage) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", [PLAN_LINES, PLAN_LINES]).read_bytes()
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(damage(whole))
    result = wpslint("--format", "json", "--jobs", "1", good, bad)
    assert "Traceback" not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    if report["errors"]:  # PDFium repairs some damage; what it cannot repair is an error
        assert result.exit_code == 2
        assert report["errors"][0]["error"] in ("corrupt", "no-text-layer", "empty")
    else:
        assert len(report["documents"]) == 2


def test_page_limit(tmp_path: Path, good: Path) -> None:
    bad = make_pdf(tmp_path / "compilation.pdf", distinct_pages(5))
    line = refused(bad, good, "--max-pages", "4", code="too-large", says="5 pages (limit 4")
    assert "--max-pages" in line
    assert wpslint("--max-pages", "5", "--fail-on", "never", bad).exit_code == 0
    assert wpslint("--max-pages", "0", "--fail-on", "never", bad).exit_code == 0


def test_page_limit_in_the_api(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "long.pdf", distinct_pages(3))
    with pytest.raises(DocumentError) as error:
        read_document(path, max_pages=2)
    assert error.value.code == "too-large"
    assert read_document(path, max_pages=3).pages == 3


# -- size limits --------------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path, good: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:  # sparse: 300 MB on paper, nothing on disk
        file.truncate(300 * 2**20)
    refused(huge, good, code="too-large", says="300.0 MB (limit 200.0 MB")
    page = tmp_path / "page.html"
    page.write_text("<p>" + "Women peacebuilders. " * 2000 + "</p>")
    refused(page, good, "--max-bytes", "20K", code="too-large", says="41.0 KB (limit 20.0 KB")


def test_max_bytes_option_reads_sizes() -> None:
    result = wpslint("--max-bytes", "lots", "x.txt")
    assert result.exit_code == 2
    assert "is not a size such as" in result.stderr


# -- DOCX ---------------------------------------------------------------------------------


def test_docx_that_is_not_a_zip(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "draft.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really an archive")
    refused(bad, good, code="corrupt", says="not a valid DOCX file")


@pytest.mark.parametrize("name", ["future.docx", "future.zip"])
def test_zip_of_a_version_zipfile_cannot_read(tmp_path: Path, good: Path, name: str) -> None:
    """Found by fuzzing: zipfile raises NotImplementedError, not BadZipFile, for this."""
    data = bytearray(make_docx(tmp_path / "plan.docx", [("p", PLAN_LINES[1])]).read_bytes())
    at = data.find(b"PK\x01\x02")
    data[at + 6 : at + 8] = (84).to_bytes(2, "little")  # "version needed to extract: 8.4"
    bad = tmp_path / name
    bad.write_bytes(bytes(data))
    if name.endswith(".docx"):
        refused(bad, good, code="corrupt", says="zip file version 8.4")
    else:
        refused(bad, good, code="unsupported-format", says="a damaged ZIP archive")


def test_encrypted_word_document(tmp_path: Path, good: Path) -> None:
    bad = bad_files.encrypted_word(tmp_path / "locked.docx")
    refused(bad, good, code="encrypted", says="password-protected")


def test_zip_bomb_is_refused_before_it_expands(tmp_path: Path, good: Path) -> None:
    bad = bad_files.bomb_docx(tmp_path / "bomb.docx", tmp_path, inflated=1000, declared=2**30)
    refused(bad, good, code="too-large", says="would expand to 1024.0 MB")


def test_zip_bomb_lying_about_its_size_is_refused_with_little_memory(
    tmp_path: Path, good: Path
) -> None:
    size = 250 * 2**20
    bad = bad_files.bomb_docx(tmp_path / "liar.docx", tmp_path, inflated=size, declared=4000)
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError) as error:
            read_document(bad)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.value.code == "unsafe"
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MB while refusing a 250 MB bomb"
    refused(bad, good, code="unsafe", says="inflates beyond the size")


def test_external_entity_never_reads_the_file(tmp_path: Path, good: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    bad = bad_files.xxe_docx(tmp_path / "xxe.docx", tmp_path, secret)
    refused(bad, good, code="unsafe", says="document type declaration")
    # Without the check, python-docx's own parser still neither reads the file nor expands.
    text = "".join(paragraph.text for paragraph in docx.Document(str(bad)).paragraphs)
    assert "TOP-SECRET" not in text


@pytest.mark.parametrize(
    ("build", "says"),
    [
        (bad_files.billion_laughs_docx, "document type declaration"),
        (bad_files.utf16_dtd_docx, "document type declaration"),
        (bad_files.utf7_docx, "'UTF-7'"),
    ],
)
def test_entity_expansion_is_never_parsed(tmp_path: Path, good: Path, build, says: str) -> None:
    bad = build(tmp_path / "entities.docx", tmp_path)
    refused(bad, good, code="unsafe", says=says)


def test_deeply_nested_xml(tmp_path: Path, good: Path) -> None:
    bad = bad_files.deep_docx(tmp_path / "deep.docx", tmp_path)
    refused(bad, good, code="corrupt", says="Excessive depth")


def test_word_archive_without_a_body(tmp_path: Path, good: Path) -> None:
    bad = bad_files.write_zip(tmp_path / "parts.docx", {"[Content_Types].xml": b"<Types/>"})
    refused(bad, good, code="corrupt", says="no word/document.xml")


# -- text and HTML ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("cp1252", b""), ("latin-1", b""), ("utf-16-le", b""), ("utf-16", b""), ("utf-8-sig", b"")],
)
def test_text_in_other_encodings_is_decoded(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "Égalité: the Ministry shall protect women peacebuilders. " * 5
    path = tmp_path / "draft.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert read_document(path).text.startswith("Égalité: the Ministry")
    result = wpslint("--fail-on", "never", path)
    assert result.exit_code == 0, result.stdout + result.stderr


def test_every_byte_value_decodes(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Women peacebuilders " + bytes(range(0x80, 0x100)) * 3)
    assert read_document(path).text.startswith("Women peacebuilders")


@pytest.mark.parametrize("charset", ["rot13", "base64", "idna", "no-such-charset"])
def test_html_declaring_a_charset_that_does_not_decode(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        f'<html><head><meta charset="{charset}"></head><body><p>Women '.encode()
        + b"peacebuilders \xff\xfe\x81</p></body></html>"
    )
    assert read_document(path).text.startswith("Women peacebuilders")


def test_html_scripts_and_styles_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><style>p { content: 'a dedicated budget'; }</style>"
        "<script>var plan = 'The Ministry shall allocate a dedicated budget';</script></head>"
        "<body><p>Women peacebuilders are consulted.</p>"
        "<script type='module'>document.write('shall allocate funds')</script>"
        "<noscript>shall allocate</noscript></body></html>"
    )
    assert read_document(path).text == "Women peacebuilders are consulted."
    result = wpslint("--format", "json", path)
    evidence = [e["text"] for c in json.loads(result.stdout)["documents"][0]["checks"]
                for e in c["evidence"]]  # fmt: skip
    assert not any("budget" in text or "allocate" in text for text in evidence)


# -- language -----------------------------------------------------------------------------


def test_french_document_is_not_scored_as_missing_everything(tmp_path: Path) -> None:
    path = tmp_path / "plan_fr.txt"
    path.write_text(bad_files.FRENCH * 20)
    result = wpslint("--format", "json", path)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    assert document["language"] == "fr"
    assert {check["status"] for check in document["checks"]} == {"not_applicable"}
    assert document["summary"]["coverage"] is None
    assert document["summary"]["missing"] == 0
    assert len(document["warnings"]) == 1
    assert "written for English" in document["warnings"][0]
    assert "--assume-english" in document["warnings"][0]
    assert f"wpslint: warning: {path}: the text is in French" in result.stderr

    text = wpslint(path).stdout
    assert "  Warning: the text is in French" in text
    assert "  Not checked: see the warning above." in text
    assert "No missing, weak or harmful provisions found." not in text
    assert "1 of them not checked" in text

    markdown = wpslint("--format", "markdown", path).stdout
    assert "> **Warning:** the text is in French" in markdown
    assert "Not checked." in markdown and "No missing" not in markdown

    forced = wpslint("--format", "json", "--assume-english", path)
    document = json.loads(forced.stdout)["documents"][0]
    assert document["summary"]["missing"] > 0
    assert "checked as English as asked" in document["warnings"][0]


def test_english_plan_with_a_french_annex_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Plan\n\n" + bad_files.ENGLISH * 12 + "\n\n# Annexe\n\n" + bad_files.FRENCH * 6
    )
    document = json.loads(wpslint("--format", "json", path).stdout)["documents"][0]
    assert document["language"] == "en"
    assert document["summary"]["present"] > 0
    assert document["summary"]["coverage"] is not None


def test_bilingual_plan_is_checked_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(bad_files.FRENCH * 10 + "\n\n" + bad_files.ENGLISH * 8)
    document = json.loads(wpslint("--format", "json", path).stdout)["documents"][0]
    assert document["summary"]["present"] > 0
    assert document["warnings"] and "rest mostly French" in document["warnings"][0]


# -- rules and configuration --------------------------------------------------------------


def rules_with_edit(
    tmp_path: Path, concept_file: str, marker: str, old: str, new: str
) -> tuple[Path, int]:
    """A copy of the shipped rules with ``old`` replaced by ``new`` on the line of
    ``concept_file`` holding ``marker``; returns the copy and that line's number."""
    shipped = Path(__file__).resolve().parents[1] / "rules"
    rules = shutil.copytree(shipped, tmp_path / "rules")
    edited = rules / "concepts" / concept_file
    lines = edited.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if marker in line)
    lines[number - 1] = lines[number - 1].replace(old, new)
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rules, number


@pytest.mark.parametrize(
    ("regex", "says"),
    [
        ("^([a-z]+)+ing$", "a repetition inside a repetition"),
        ("^(a|aa)+$", "can start the next round"),
        ("^([a-z]+ing$", "invalid regular expression: missing )"),
    ],
)
def test_rule_regex_that_could_backtrack_is_refused_with_file_and_line(
    tmp_path: Path, good: Path, regex: str, says: str
) -> None:
    rules, number = rules_with_edit(
        tmp_path, "drafting.yaml", '{REGEX: "^[a-z]{2,}ing$"}', "^[a-z]{2,}ing$", regex
    )
    result = wpslint("--rules", rules, good)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("wpslint: error: ")
    assert f"drafting.yaml:{number}: regex " in line
    assert says in line


@pytest.mark.parametrize("word", ["on", "no", "yes", "off", "12"])
def test_rule_word_yaml_reads_as_a_boolean_or_number_is_refused_with_file_and_line(
    tmp_path: Path, good: Path, word: str
) -> None:
    rules, number = rules_with_edit(
        tmp_path, "legal_net.yaml", '{LOWER: {IN: ["no", not]}}', '["no", not]', f"[{word}, not]"
    )
    result = wpslint("--rules", rules, good)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert f"legal_net.yaml:{number}: LOWER word " in line
    assert "is not text: quote it" in line


def test_invalid_configuration_names_file_and_line(tmp_path: Path, good: Path) -> None:
    config = tmp_path / "wpslint.yaml"
    config.write_text("fail-on: error\nselect: [LEG\n")
    result = wpslint("--config", config, good)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"wpslint: error: {config}:3: invalid YAML")


# -- time and memory ----------------------------------------------------------------------


@pytest.mark.skipif(not can_interrupt(), reason="needs SIGALRM (POSIX)")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_document_over_the_time_limit_is_an_error(tmp_path: Path, good: Path, jobs: str) -> None:
    slow = tmp_path / "a_long_plan.txt"
    # 2.5 million characters: over a second to check, with or without the parser.
    slow.write_text((CORPUS / "bill_weak.txt").read_text() * 400)
    result = wpslint("--format", "json", "--jobs", jobs, "--timeout", "0.4", slow, good)
    assert result.exit_code == 2, result.stderr
    report = json.loads(result.stdout)
    assert [(e["path"], e["error"]) for e in report["errors"]] == [(str(slow), "timeout")]
    assert "within 0.4 s" in report["errors"][0]["message"]
    assert [document["path"] for document in report["documents"]] == [str(good)]


def test_running_out_of_memory_is_an_error_not_a_crash(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wpslint.ingest.text as text_reader

    def exhausted(path: Path, fmt: str) -> None:
        if path.name == "big.txt":
            raise MemoryError
        return original(path, fmt)

    original = text_reader.read_text
    monkeypatch.setattr(text_reader, "read_text", exhausted)
    bad = tmp_path / "big.txt"
    bad.write_text("Women peacebuilders.")
    refused(bad, good, code="too-large", says="ran out of memory")


def test_zip_archives_with_too_many_parts(tmp_path: Path, good: Path, monkeypatch) -> None:
    from wpslint.ingest import package

    monkeypatch.setattr(package, "MAX_ENTRIES", 5)
    parts = bad_files.docx_parts(bad_files.body_xml("Women peacebuilders"), tmp_path)
    parts.update({f"word/media/image{n}.png": b"x" for n in range(10)})
    bad = bad_files.write_zip(tmp_path / "many.docx", parts)
    refused(bad, good, code="too-large", says="parts (limit 5)")
    assert zipfile.is_zipfile(bad)
