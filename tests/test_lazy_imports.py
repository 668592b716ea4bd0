"""Start-up time: a run imports a format's reader or report only when it is used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wpslint.ingest import read_document

#: Libraries and modules a check of Markdown files reported as JSON does not need.
UNUSED = {
    "docx",
    "pathspec",
    "pypdfium2",
    "wpslint.ingest.docx",
    "wpslint.ingest.pdf",
    "wpslint.report.diff.html",
    "wpslint.report.html",
    "wpslint.report.junit",
}


def loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded once it has run ``code``."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_the_command_line_and_the_run_import_no_reader_or_report_format() -> None:
    assert not loaded_after("import wpslint.cli, wpslint.run.checker") & UNUSED


def test_reading_and_reporting_markdown_imports_no_other_format(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("# Plan\n\nThe ministry shall protect women peacebuilders.\n")
    code = (
        "from wpslint.ingest import read_document\n"
        f"read_document({str(path)!r})\n"
        "import wpslint.report.json_report"
    )
    assert not loaded_after(code) & UNUSED


def test_a_missing_reader_is_an_import_error_not_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "wpslint.ingest.html", None)  # as if not installed
    path = tmp_path / "page.html"
    path.write_text("<p>Text</p>")
    with pytest.raises(ImportError):
        read_document(path)
