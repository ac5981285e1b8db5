"""One package per file format, each behind the same small protocol (issue 20, item 4).

A format is what the pipeline needs to read a file, write its redacted copy and check
that copy afterwards:

    read(path) -> Document                       # raise UnreadableDocument to fail closed
    write(doc, edits, dest) -> WriteResult       # never mutates doc to report
    extract(path, **options) -> list[str]        # every string any extractor gets out of a
                                                 # published file (verify searches them)

``WriteResult.notes`` is what the run report shows about how the file was written
(``pdf_writer``, ``pdf_fallback_pages``...). ``WriteResult.handoff`` carries what the
writer already holds and verify can reuse (the PDF writer's rendered pages), instead of a
thread-local.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from redactor.document import Document


@dataclass
class WriteResult:
    """What a format's writer reports: notes for the run report, and data verify may reuse."""

    notes: dict[str, Any] = field(default_factory=dict)
    handoff: Any = None


class Format(Protocol):
    name: str                  # DocumentFormat value: "txt", "docx", "pdf", "ofd"
    suffixes: tuple[str, ...]  # file suffixes read by this format (".txt", ...)

    def read(self, path: Path) -> Document: ...

    def write(self, doc: Document, edits: list, dest: Path) -> WriteResult: ...

    def extract(self, path: Path, **options: Any) -> list[str]: ...
