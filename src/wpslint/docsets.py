"""Document sets: several files (a plan and its annexes) checked as one document.

A protection promised in an annex satisfies the plan, so the members are joined into one
``Document`` in reading order, each member's blocks, pages and lines kept as they were. After
the check every passage is given back the file it came from (``Evidence.path``), so a
finding still points into the right file.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from wpslint.document import BLOCK_SEPARATOR, Document
from wpslint.findings import DocumentReport, Evidence

#: ``Document.format`` of a joined set.
SET_FORMAT = "set"


@dataclasses.dataclass(frozen=True, slots=True)
class Members:
    """Where each member starts in the joined text, to give passages back their file."""

    starts: tuple[int, ...]
    paths: tuple[str, ...]

    def path_at(self, offset: int) -> str:
        return self.paths[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


def join(name: str, documents: Sequence[Document]) -> tuple[Document, Members]:
    """One document holding ``documents`` one after the other, named ``name``."""
    texts: list[str] = []
    blocks = []
    line_offsets: list[int] = []
    line_locations = []
    starts: list[int] = []
    offset = 0
    for document in documents:
        if texts:
            texts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        starts.append(offset)
        texts.append(document.text)
        blocks += [
            dataclasses.replace(block, start=block.start + offset, end=block.end + offset)
            for block in document.blocks
        ]
        line_offsets += [start + offset for start in document._line_offsets]
        line_locations += document._line_locations
        offset += len(document.text)
    pages = [document.pages for document in documents]
    joined = Document(
        path=name,
        format=SET_FORMAT,
        text="".join(texts),
        blocks=blocks,
        pages=None if None in pages else sum(p for p in pages if p is not None),
        title=documents[0].title if documents else None,
        warnings=[
            f"{document.path}: {text}" for document in documents for text in document.warnings
        ],
        _line_offsets=line_offsets,
        _line_locations=line_locations,
    )
    return joined, Members(tuple(starts), tuple(document.path for document in documents))


def attribute(report: DocumentReport, members: Members) -> None:
    """Set ``path`` on every passage and anchor of ``report`` to the member it lies in."""

    def placed(evidence: Evidence) -> Evidence:
        return dataclasses.replace(evidence, path=members.path_at(evidence.start))

    for check in report.checks:
        check.evidence = [placed(item) for item in check.evidence]
        if check.anchor is not None:
            check.anchor = placed(check.anchor)
    report.members = members.paths
