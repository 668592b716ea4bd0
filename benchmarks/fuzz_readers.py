"""Fuzz the PDF, DOCX and HTML readers for a bounded time and report what breaks them.

    python benchmarks/fuzz_readers.py --seconds 60              # each reader, 60 s
    python benchmarks/fuzz_readers.py --reader docx --seconds 300 --engine atheris
    python benchmarks/fuzz_readers.py --findings fuzz-findings/  # keep failing inputs

A reader may refuse an input only with a ``DocumentError``; anything else it raises is a
finding, and so is an input that takes longer than ``--input-timeout`` seconds, a document
whose blocks do not lie in its text, or a crash of the process (PDFium is C). Each reader
runs in a child process, so a crash ends only that reader's run and is reported.

Engines: ``atheris`` (coverage-guided libFuzzer, ``pip install atheris``; DOCX inputs are
mutated inside their XML parts by a custom mutator) or ``mutate`` (random mutations of the
seeds from ``fuzz_inputs.py``, no extra package). ``auto`` takes atheris when it imports.
The script prints iterations and findings per reader and exits 1 when anything was found.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
READERS = ("pdf", "docx", "html")
_LIBFUZZER_RUNS = re.compile(r"stat::number_of_executed_units:\s*(\d+)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reader", choices=[*READERS, "all"], default="all")
    parser.add_argument("--seconds", type=float, default=60.0, help="per reader (default 60)")
    parser.add_argument("--engine", choices=["auto", "atheris", "mutate"], default="auto")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the mutate engine")
    parser.add_argument("--input-timeout", type=float, default=10.0, metavar="SECONDS")
    parser.add_argument("--findings", type=Path, help="write failing inputs to this folder")
    parser.add_argument("--worker", choices=READERS, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return _work(args)
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") else "mutate"
    readers = READERS if args.reader == "all" else (args.reader,)
    total = 0
    print(f"engine: {engine}; {args.seconds:g} s per reader")
    for reader in readers:
        runs, findings = _run_child(reader, engine, args)
        total += len(findings)
        print(f"{reader:5} {runs:>9,} inputs  {len(findings)} finding(s)")
        for finding in findings:
            print(f"      {finding['kind']}: {finding['summary']}")
            if finding.get("input"):
                print(f"        input: {finding['input']}")
    return 1 if total else 0


def _run_child(reader: str, engine: str, args: argparse.Namespace) -> tuple[int, list[dict]]:
    """Fuzz ``reader`` in a child process; its iterations and findings."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        command = [
            sys.executable, str(Path(__file__)), "--worker", reader, "--engine", engine,
            "--seconds", str(args.seconds), "--seed", str(args.seed), "--out", str(out),
            "--input-timeout", str(args.input_timeout),
        ]  # fmt: skip
        if args.findings:
            command += ["--findings", str(args.findings.resolve())]
        child = subprocess.run(command, capture_output=True, text=True, check=False)
        findings = _read_findings(out / "findings.jsonl")
        runs = _read_runs(out / "stats.json", child.stderr)
        if child.returncode not in (0, 1) or "==ERROR" in child.stderr:
            tail = " | ".join(child.stderr.strip().splitlines()[-3:])
            findings.append({"kind": "crash", "summary": f"exit {child.returncode}: {tail}"})
    return runs, findings


def _read_findings(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _read_runs(stats: Path, stderr: str) -> int:
    """libFuzzer's own count when it printed one, else the worker's."""
    counted = _LIBFUZZER_RUNS.findall(stderr)
    if counted:
        return int(counted[-1])
    return json.loads(stats.read_text())["runs"] if stats.exists() else 0


# -- the child process ----------------------------------------------------------------------


class Target:
    """Runs one input through ``read_document`` and records what must not happen."""

    def __init__(self, reader: str, args: argparse.Namespace) -> None:
        from wpslint.ingest import read_document
        from wpslint.limits import budget

        self.read_document, self.budget = read_document, budget
        self.reader = reader
        self.timeout = args.input_timeout
        self.out = args.out
        self.keep = args.findings
        self.input = Path(tempfile.mkdtemp(prefix="wpslint-fuzz-")) / f"input.{reader}"
        self.runs = 0
        self.seen: set[str] = set()
        self._saved = time.monotonic()

    def __call__(self, data: bytes) -> None:
        from wpslint.errors import TIMEOUT, DocumentError

        self.runs += 1
        self.input.write_bytes(data)
        started = time.monotonic()
        try:
            with self.budget(str(self.input), self.timeout):
                document = self.read_document(self.input)
            problem = _offset_problem(document)
            if problem:
                self._found("offsets", problem, data)
        except DocumentError as error:
            if error.code == TIMEOUT:
                self._found("slow", f"stopped after {self.timeout:g} s (input {self.runs})", data)
        except Exception as error:
            self._found("exception", _describe(error), data)
        elapsed = time.monotonic() - started
        if elapsed > self.timeout:  # a C call the alarm could not interrupt
            self._found("slow", f"{elapsed:.1f} s in one input", data)
        if time.monotonic() - self._saved > 1:
            self.save()

    def _found(self, kind: str, summary: str, data: bytes) -> None:
        key = f"{kind}:{summary}"
        if key in self.seen:
            return
        self.seen.add(key)
        finding = {"kind": kind, "summary": summary, "input": None}
        if self.keep:
            self.keep.mkdir(parents=True, exist_ok=True)
            name = f"{self.reader}-{hashlib.sha1(data).hexdigest()[:12]}.{self.reader}"
            (self.keep / name).write_bytes(data)
            (self.keep / f"{name}.txt").write_text(f"{kind}: {summary}\n")
            finding["input"] = str(self.keep / name)
        with (self.out / "findings.jsonl").open("a") as file:
            file.write(json.dumps(finding) + "\n")

    def save(self) -> None:
        (self.out / "stats.json").write_text(json.dumps({"runs": self.runs}))
        self._saved = time.monotonic()


def _offset_problem(document) -> str | None:
    """Why the document's blocks do not lie in its text, or None."""
    end = 0
    for block in document.blocks:
        if not end <= block.start <= block.end <= len(document.text):
            return f"block {block.start}-{block.end} outside the text or out of order"
        end = block.end
    return None


def _describe(error: BaseException) -> str:
    """The exception and the innermost frame it came from: one finding per kind of bug."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__name__}{where}: {str(error)[:120]}"


def _work(args: argparse.Namespace) -> int:
    if args.engine == "atheris":
        _atheris(args)  # never returns: libFuzzer exits the process
    from fuzz_inputs import mutator_for, seed_folder

    _, pool = seed_folder(args.worker)
    target = Target(args.worker, args)
    rng = random.Random(args.seed)
    mutate = mutator_for(args.worker)
    for data in pool:
        target(data)
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        data = mutate(rng, rng.choice(pool), pool)
        target(data)
        if rng.random() < 0.05 and len(data) < 1_000_000:
            pool.append(data)  # let damage accumulate, as in a file copied many times
    target.save()
    return 0


def _atheris(args: argparse.Namespace) -> None:
    import atheris

    # Coverage of the Python code guides libFuzzer; PDFium and lxml are C and go unseen.
    with atheris.instrument_imports(include=["wpslint", "docx", "html", "zipfile", "pdfplumber"]):
        import wpslint.ingest  # noqa: F401
        from fuzz_inputs import mutator_for, seed_folder

    corpus, pool = seed_folder(args.worker)
    target = Target(args.worker, args)
    mutate = mutator_for(args.worker)

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if args.worker == "docx" or rng.random() < 0.3:
            return mutate(rng, data, pool)[: max(max_size, 1)]
        return atheris.Mutate(data, max_size)

    libfuzzer = [
        sys.argv[0], str(corpus), f"-max_total_time={int(args.seconds)}", "-print_final_stats=1",
        f"-timeout={int(args.input_timeout * 3)}", "-rss_limit_mb=4096", "-max_len=2000000",
        f"-seed={args.seed or 1}", "-close_fd_mask=1",
    ]  # fmt: skip
    atheris.Setup(libfuzzer, target, custom_mutator=custom_mutator)
    os.chdir(corpus.parent)
    atheris.Fuzz()


if __name__ == "__main__":
    sys.exit(main())
