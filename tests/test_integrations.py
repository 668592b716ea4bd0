"""The pre-commit hook and the GitHub Action, run as far as they can be without GitHub."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from wpslint.ingest import SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parents[1]
DRAFT = "# Act\n\nThe Ministry should consider protecting women peacebuilders where possible.\n"


def test_pre_commit_hook_runs_check_on_supported_files() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "wpslint" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["wpslint", "check"]
    files = re.compile(hook["files"])
    assert all(files.search(f"plans/draft{suffix}") for suffix in SUPPORTED_SUFFIXES)
    assert all(files.search(f"plans/DRAFT{suffix.upper()}") for suffix in SUPPORTED_SUFFIXES)
    assert not files.search("setup.py") and not files.search("data.csv")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_action_check_step_writes_sarif_summary_annotations_and_status(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "act.md").write_text(DRAFT, encoding="utf-8")
    shim = tmp_path / "bin" / "wpslint"  # what 'pip install' puts on PATH
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m wpslint "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    env = {
        **os.environ,
        "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        "WPSLINT_PATHS": "plans",
        "WPSLINT_ARGS": "--fail-on warning",
        "WPSLINT_SARIF": "wpslint.sarif",
        "WPSLINT_CACHE_DIR": str(tmp_path / ".wpslint_cache"),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
    }
    completed = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr
    assert (
        json.loads((tmp_path / "wpslint.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    )
    assert summary.read_text(encoding="utf-8").strip()
    assert output.read_text(encoding="utf-8").strip() == "exit-code=1"
    assert re.search(r"^::(error|warning) file=plans/act\.md,line=\d+", completed.stdout, re.M)
