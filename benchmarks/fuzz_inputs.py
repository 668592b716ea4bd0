"""Seed files and mutations for fuzzing the readers (see ``fuzz_readers.py``).

Seeds are the documents the tests build (PDFs with running headers, ruled tables, scans and
encryption; Word files with headings, lists, merged cells; HTML with scripts, tables and odd
markup) plus the sample corpus. Mutations are what damage looks like in the wild and what
an attacker tries: flipped bits, truncations, inserted or repeated chunks, "interesting"
bytes, and pieces of one file spliced into another. A DOCX is mostly mutated inside its
parts and zipped again: flipping bytes of the compressed archive would only ever reach the
CRC check of ``zipfile``, never the XML reader.
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import bad_files  # noqa: E402
from fixtures import make_docx, make_pdf, make_table_pdf, make_textless_pdf  # noqa: E402

SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "html": ".html"}
_INTERESTING = [b"\x00", b"\xff", b"\x7f", b"\x80", b"<", b">", b"&", b";", b"/", b"(", b")",
                b"[", b"]", b"\n", b"\r", b"%", b"obj", b"endobj", b"stream", b"<<", b">>",
                b"999999999", b"-1", b"<!--", b"<![CDATA[", b"<script>", b"</", b"&#0;",
                b"&#xD800;", b"\xef\xbb\xbf", b"\xc0\x80"]  # fmt: skip
_PLAN = [
    "National Action Plan on Women, Peace and Security",
    "1. Introduction",
    "The Ministry shall protect women peacebuilders and women human rights defenders.",
    "The Government should consider a dedicated budget where possible.",
    "- Civil society organisations are consulted every year.",
]


def seeds(reader: str, folder: Path) -> list[bytes]:
    """Seed inputs for ``reader`` (pdf, docx or html), built in ``folder``."""
    build = {"pdf": _pdf_seeds, "docx": _docx_seeds, "html": _html_seeds}[reader]
    folder.mkdir(parents=True, exist_ok=True)
    found = build(folder)
    suffix = SUFFIXES[reader]
    found += [path.read_bytes() for path in sorted((ROOT / "corpus").glob(f"*{suffix}"))]
    return [data for data in found if len(data) <= 2_000_000]


def _pdf_seeds(folder: Path) -> list[bytes]:
    header, footer = "Draft national action plan - for consultation", "Page {page} of {pages}"
    paths = [
        make_pdf(folder / "a.pdf", [_PLAN, _PLAN[2:], ["5. Monitoring", _PLAN[3]]], header, footer),
        make_pdf(folder / "b.pdf", [[(_PLAN[0], 18.0), *_PLAN[1:]]]),
        make_pdf(folder / "c.pdf", [_PLAN], password="pw"),
        make_table_pdf(folder / "d.pdf", _PLAN[:2], [["Action", "Lead"], [_PLAN[2], "MoFA"]], []),
        make_textless_pdf(folder / "e.pdf", pages=2),
        bad_files.pdf_with_scans(folder / "f.pdf", [_PLAN, None, _PLAN[1:]]),
    ]
    return [path.read_bytes() for path in paths]


def _docx_seeds(folder: Path) -> list[bytes]:
    content = [
        ("title", _PLAN[0]),
        ("h1", _PLAN[1]),
        ("p", _PLAN[2]),
        ("bullet", _PLAN[4]),
        ("number", _PLAN[3]),
        ("table", [["Action", "Lead"], [_PLAN[2], "MoFA"], ["", "MoJ"]], [((1, 1), (2, 1))]),
    ]
    paths = [
        make_docx(folder / "a.docx", content, header="Draft", footer="Page 1"),
        bad_files.write_zip(
            folder / "b.docx",
            bad_files.docx_parts(bad_files.body_xml("Women &amp; peacebuilders"), folder),
        ),
    ]
    return [path.read_bytes() for path in paths]


def _html_seeds(folder: Path) -> list[bytes]:
    del folder
    pages = [
        "<!DOCTYPE html><html><head><title>Plan</title><style>p{}</style></head><body>"
        "<h1>Plan</h1><p>The Ministry <b>shall</b> fund.</p><ul><li>One<li>Two</ul>"
        "<table><tr><td>Action<td>Lead<tr><th>Fund</th></table><script>x()</script></body>",
        '<meta charset="windows-1252"><h2>Section 4.2</h2><p>Caf\xe9 &amp; r\xe9sum\xe9<br>'
        "second line</p><dl><dt>Term<dd>Definition</dl><svg><title>t</title></svg>",
        "<html><body><div><p>Nested <span>inline <a href=x>link</a></span></div><pre>a\n b"
        "</pre><!-- comment --><noscript>n</noscript><template>t</template>",
    ]
    return [page.encode("latin-1") for page in pages]


Mutation = Callable[[random.Random, bytes, list[bytes]], bytes]


def _flip_bits(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _insert(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    at = rng.randrange(len(data) + 1)
    piece = rng.choice(_INTERESTING) if rng.random() < 0.7 else rng.randbytes(rng.randint(1, 64))
    return data[:at] + piece * rng.choice((1, 1, 1, 4, 100)) + data[at:]


def _overwrite(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    piece = rng.choice(_INTERESTING)
    return data[:at] + piece + data[at + len(piece) :]


def _delete(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 256) :]


def _duplicate(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 512)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + chunk * rng.randint(1, 20) + data[at:]


def _splice(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    other = rng.choice(pool)
    if not data or not other:
        return data + other
    return data[: rng.randrange(len(data))] + other[rng.randrange(len(other)) :]


BYTE_MUTATIONS: list[Mutation] = [
    _flip_bits, _truncate, _insert, _overwrite, _delete, _duplicate, _splice,
]  # fmt: skip


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """One to four mutations of ``data`` (``pool``: other inputs to splice from)."""
    for _ in range(rng.randint(1, 4)):
        data = rng.choice(BYTE_MUTATIONS)(rng, data, pool)
    return data


def mutate_docx(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """Mostly a mutation of one XML part of the package, zipped again; sometimes of the
    archive's bytes themselves."""
    if rng.random() < 0.2:
        return mutate(rng, data, pool)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:  # a mutated archive may fail in any way; mutate its bytes instead
        return mutate(rng, data, pool)
    names = [name for name in parts if name.endswith((".xml", ".rels"))] or list(parts)
    if not names:
        return mutate(rng, data, pool)
    name = "word/document.xml" if "word/document.xml" in names and rng.random() < 0.6 else None
    name = name or rng.choice(names)
    parts[name] = mutate(rng, parts[name], [parts[n] for n in names])
    return rezip(parts)


def rezip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def mutator_for(reader: str) -> Callable[[random.Random, bytes, list[bytes]], bytes]:
    return mutate_docx if reader == "docx" else mutate


def seed_folder(reader: str) -> tuple[Path, list[bytes]]:
    """A temporary folder holding ``reader``'s seeds as files (a libFuzzer corpus)."""
    folder = Path(tempfile.mkdtemp(prefix=f"wpslint-fuzz-{reader}-"))
    built = seeds(reader, folder / "build")
    corpus = folder / "corpus"
    corpus.mkdir()
    for index, data in enumerate(built):
        (corpus / f"seed{index}{SUFFIXES[reader]}").write_bytes(data)
    return corpus, built
