"""The HTML reports in a real browser: headless Chromium renders them with no console error and
no network request, document markup stays text, a real click on a copy button puts the clause
on the clipboard, and a screenshot is saved for a person to see.

Chromium runs with a fresh profile, no sandbox (CI runs as root) and every background service
it can turn off; host names resolve to nothing, and its network log records any request the
page tries anyway. `.ci/install-chromium` installs Debian's chromium in CI, where the test
fails without it; elsewhere it is skipped when chromium is missing.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from report_samples import hostile_report, run_of
from wpslint.api import default_linter
from wpslint.diff import compare
from wpslint.report import html, render
from wpslint.report.diff import render_diff

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
)
HEADINGS = {
    "report": ("Missing protections", "Weakly worded protections", "Harmful provisions",
               "Present protections", "By checklist section", "By security category"),
    "index": ("2 documents checked", "Documents", "Coverage"),
    "diff": ("Protections lost", "Protections weakened", "Harmful provisions introduced",
             "Protections gained"),
}  # fmt: skip


def _report(folder: Path) -> Path:
    path = folder / "report.html"
    path.write_text(render(run_of(hostile_report()), "html", rules=default_linter().ruleset))
    return path


def _index(folder: Path) -> Path:
    run = run_of(hostile_report("a/one.md"), hostile_report("b/two.md"))
    files = html.pages(run, rules=default_linter().ruleset, index=folder / "index.html")
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return folder / "index.html"


def _diff(folder: Path) -> Path:
    linter = default_linter()
    old = linter.check_text("The Ministry shall fund women peacebuilders.", doc_type="bill")
    path = folder / "diff.html"
    path.write_text(render_diff(compare(old, hostile_report()), "html", rules=linter.ruleset))
    return path


PAGES: dict[str, Callable[[Path], Path]] = {"report": _report, "index": _index, "diff": _diff}


@pytest.fixture(autouse=True)
def chromium() -> str:
    """Chromium's path; a skip where it is not installed, but a failure in CI, which must
    run this test (``.ci/run`` installs chromium first)."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/install-chromium should install it")
        pytest.skip("chromium is not installed (CI installs it with .ci/install-chromium)")
    return CHROMIUM


class Browser:
    """One headless Chromium run on a page: its DOM, console and network log."""

    def __init__(self, page: Path, workdir: Path, *extra: str) -> None:
        self.netlog = workdir / "netlog.json"
        profile = workdir / "profile"
        command = [
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--log-net-log={self.netlog}",
            *extra,
            page.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        self.dom = done.stdout
        self.console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]

    def page_requests(self) -> list[str]:
        """URLs the page (not the browser's own services) asked the network for."""
        text = self.netlog.read_text(encoding="utf-8")
        try:
            log = json.loads(text)
        except json.JSONDecodeError:  # a log cut short at exit lacks its closing brackets
            log = json.loads(text.rstrip().rstrip(",") + "]}")
        start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        return [
            event["params"]["url"]
            for event in log.get("events", [])
            if event["type"] == start_job
            and "file://" in event.get("params", {}).get("network_isolation_key", "")
            and not event["params"]["url"].startswith(("file:", "data:"))
        ]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_offline_without_console_errors(name: str, tmp_path: Path) -> None:
    page = PAGES[name](tmp_path)
    browser = Browser(page, tmp_path, "--dump-dom")
    for heading in HEADINGS[name]:
        assert heading in browser.dom, heading
    assert '<html lang="en" class="js">' in browser.dom  # the page's script ran
    assert browser.console == []
    assert browser.page_requests() == []


def test_document_markup_stays_text_in_the_dom(tmp_path: Path) -> None:
    browser = Browser(_report(tmp_path), tmp_path, "--dump-dom")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in browser.dom
    assert "&lt;img src=x onerror=alert(1)&gt;" in browser.dom
    assert "<img" not in browser.dom
    assert browser.dom.count("<script") == 1


def test_the_network_check_sees_a_request_when_there_is_one(tmp_path: Path) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><img src="http://example.invalid/x.png"><p>hi</p>')
    assert Browser(page, tmp_path, "--dump-dom").page_requests() == ["http://example.invalid/x.png"]


@pytest.mark.parametrize(("label", "size"), [("desktop", "1280,2200"), ("phone", "390,1800")])
def test_screenshot(label: str, size: str, tmp_path: Path) -> None:
    shot = tmp_path / f"report-{label}.png"
    Browser(_report(tmp_path), tmp_path, f"--screenshot={shot}", f"--window-size={size}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # a rendered page, not a blank one
    print(f"screenshot: {shot}")


class DevTools:
    """Chromium driven over its DevTools protocol on a pipe (``--remote-debugging-pipe``:
    commands on file descriptor 3, replies on 4, each a JSON message ending in a NUL byte),
    so a test can click like a person without any client library or network port."""

    def __init__(self, profile: Path) -> None:
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()

        def wire() -> None:  # in the child: the pipe ends onto 3 and 4, via high numbers
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self._process = subprocess.Popen(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            pass_fds=(3, 4),
            preexec_fn=wire,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._ids: Iterator[int] = itertools.count(1)
        self._buffer = b""
        self.session = ""

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Run one command (in the attached page, once there is one) and return its result."""
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            while b"\0" not in self._buffer:
                ready, _, _ = select.select([self._replies], [], [], deadline - time.monotonic())
                assert ready, f"no reply to {method}"
                chunk = os.read(self._replies, 1 << 16)
                assert chunk, "chromium closed the pipe"
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == number:
                assert "error" not in reply, reply["error"]
                return reply["result"]

    def open(self, page: Path) -> None:
        """Open ``page`` in a new tab and wait until it has loaded (not the blank page that
        a new tab shows first)."""
        uri = page.resolve().as_uri()
        target = self.send("Target.createTarget", url=uri)["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        loaded = f"location.href === {json.dumps(uri)} && document.readyState === 'complete'"
        deadline = time.monotonic() + 30
        while not self.evaluate(loaded):
            assert time.monotonic() < deadline, "the page did not load"
            time.sleep(0.05)

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def close(self) -> None:
        self._process.kill()
        self._process.wait(timeout=30)
        os.close(self._commands)
        os.close(self._replies)


def test_copy_button_puts_the_clause_on_the_clipboard(tmp_path: Path) -> None:
    browser = DevTools(tmp_path / "profile")
    try:
        browser.open(_report(tmp_path))
        button = "document.querySelector(\"button[data-copy='clause-LEG08']\")"
        x, y = browser.evaluate(
            f"(() => {{ const b = {button}; b.scrollIntoView({{block: 'center'}}); "
            "const r = b.getBoundingClientRect(); "
            "return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        browser.click(x, y)
        assert browser.evaluate(f"{button}.textContent") == "Copied"
        browser.send(
            "Browser.grantPermissions",
            permissions=["clipboardReadWrite", "clipboardSanitizedWrite"],
        )
        copied = browser.evaluate("navigator.clipboard.readText()")
        clause = browser.evaluate('document.getElementById("clause-LEG08").textContent')
    finally:
        browser.close()
    assert copied == clause.strip()
    assert copied.startswith("Before any protection measure is decided")
