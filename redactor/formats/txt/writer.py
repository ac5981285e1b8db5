"""TXT writer: the redacted text in the source's own encoding and line endings."""

from __future__ import annotations

from pathlib import Path

from redactor.apply import apply_edits
from redactor.document import Document, Edit
from redactor.formats import WriteResult


def write(doc: Document, edits: list[Edit], dest: Path) -> WriteResult:
    text = apply_edits(doc.text, edits)
    if doc.source_info.get("newline") == "\r\n":
        text = text.replace("\n", "\r\n")
    encoding = doc.source_info.get("encoding", "utf-8")
    with open(dest, "wb") as fh:
        fh.write(text.encode(encoding))
    return WriteResult()


def extract(path: Path, **options) -> list[str]:
    """Every string an extractor can read from the published file (verify searches them)."""
    from redactor.formats.txt.reader import decode_bytes

    text, _ = decode_bytes(Path(path).read_bytes())
    return [text.replace("\r\n", "\n")]
