"""One reader per format: ``read(path) -> Document``; raise UnreadableDocument to fail closed."""

from __future__ import annotations

from pathlib import Path

from redactor.document import Document
from redactor.errors import UnsupportedFormat

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")


def read_document(path: Path) -> Document:
    suffix = Path(path).suffix.lower()
    if suffix == ".txt":
        from redactor.readers import txt as mod
    elif suffix == ".docx":
        from redactor.readers import docx as mod
    elif suffix == ".pdf":
        from redactor.readers import pdf as mod
    else:
        raise UnsupportedFormat(f"unsupported file type {suffix or '(none)'}")
    return mod.read(Path(path))
