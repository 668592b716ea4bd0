"""Read a task's file(s) into the one document that is checked.

Both the workers and the helper that reads ahead while the linter is being built
(``wpslint.run.prefetch``) read through here, so a document comes out the same whichever
process read it. The helper runs before spaCy is imported: nothing here may import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from wpslint.docsets import Members, join
from wpslint.document import Document
from wpslint.ingest import read_document
from wpslint.limits import Limits
from wpslint.nlp.language import LanguageProfile
from wpslint.run.plan import Task


@dataclass(slots=True)
class TaskDocument:
    """A task's document: one file, or the members of a document set joined."""

    document: Document
    #: Where each member starts in a document set's text; None for a single file.
    members: Members | None = None
    #: The document's language profile when it was measured while reading, else None (the
    #: linter measures it).
    language: LanguageProfile | None = None


def read_task(task: Task, password: str | None, limits: Limits) -> TaskDocument:
    """The document of ``task``; raises ``DocumentError`` when a file cannot be read within
    the size and page limits (time is the caller's to bound)."""
    documents = [
        read_document(
            path, password=password, max_pages=limits.max_pages, max_bytes=limits.max_bytes
        )
        for path in task.files
    ]
    if task.is_set:
        return TaskDocument(*join(task.name, documents))
    return TaskDocument(documents[0])
