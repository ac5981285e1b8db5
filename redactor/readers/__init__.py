"""One reader per format: ``read(path) -> Document``; raise UnreadableDocument to fail closed."""

from __future__ import annotations

from pathlib import Path

from redactor.document import Document
from redactor.errors import UnreadableDocument, UnsupportedFormat

from redactor.readers.convert import CONVERTED_SUFFIXES, published_rel  # noqa: F401  (published_rel: for callers)

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".ofd", *CONVERTED_SUFFIXES)


# What a file really is, from its first bytes: a clerk's renamed file gets a clear reason.
_MAGIC = ((b"%PDF-", "pdf", "a PDF"), (b"PK\x03\x04", "zip", "a zip package (DOCX, XLSX, OFD...)"),
          (b"{\\rtf", "rtf", "an RTF document"))
_EXPECTED = {".pdf": "pdf", ".docx": "zip", ".ofd": "zip"}


def _sniff_wrong_extension(path: Path, suffix: str) -> None:
    """Fail closed with ``wrong_extension`` when a .pdf/.docx file is another known format.
    (.txt checks its own bytes; OLE containers get their own reasons in the DOCX reader.)"""
    if suffix not in _EXPECTED:
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return  # the reader reports the I/O error itself
    for magic, kind, words in _MAGIC:
        found = head.startswith(magic) or (kind == "pdf" and magic in head)
        if found and kind != _EXPECTED[suffix]:
            raise UnreadableDocument(f"the file is {words}, not a {suffix} file (wrong extension)", "wrong_extension")


def read_document(path: Path) -> Document:
    suffix = Path(path).suffix.lower()
    _sniff_wrong_extension(Path(path), suffix)
    if suffix == ".txt":
        from redactor.readers import txt as mod
    elif suffix == ".docx":
        from redactor.readers import docx as mod
    elif suffix == ".pdf":
        from redactor.readers import pdf as mod
    elif suffix == ".ofd":
        from redactor.readers import ofd as mod
    elif suffix in CONVERTED_SUFFIXES:
        from redactor.readers import convert as mod
    else:
        raise UnsupportedFormat(f"unsupported file type {suffix or '(none)'}")
    return mod.read(Path(path))
