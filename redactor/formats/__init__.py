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
thread-local; the pipeline closes it (``WriteResult.close``) once verify is done.

A format may also say how verify runs ``extract`` on one written document:

    verify_options(doc, written: WriteResult, mode) -> (extract options, report notes)

(PDF: the handed-off pages, and whether pdfminer.six reads this document).

The registry at the end of this module is the one place a format is named: its
``DocumentFormat`` value, the suffixes it reads and its package. A package is imported
the first time a document of its format is met (the PDF stack is heavy), so the suffixes
are listed here and not read from the package (``tests/test_formats.py`` checks they
agree). A format that only reads (``legacy``: .doc/.wps/.rtf/.odt converted to DOCX)
produces documents of another format, whose package writes and extracts them.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from redactor.document import Document, DocumentFormat
from redactor.errors import UnreadableDocument, UnsupportedFormat


@dataclass
class WriteResult:
    """What a format's writer reports: notes for the run report, and data verify may reuse."""

    notes: dict[str, Any] = field(default_factory=dict)
    handoff: Any = None

    def close(self) -> None:
        """Release what the writer handed on (the PDF writer's loaded pages), if anything."""
        handoff, self.handoff = self.handoff, None
        if handoff is not None and hasattr(handoff, "close"):
            handoff.close()


class Format(Protocol):
    name: str                  # DocumentFormat value: "txt", "docx", "pdf", "ofd"
    suffixes: tuple[str, ...]  # file suffixes read by this format (".txt", ...)

    def read(self, path: Path) -> Document: ...

    def write(self, doc: Document, edits: list, dest: Path) -> WriteResult: ...

    def extract(self, path: Path, **options: Any) -> list[str]: ...


@dataclass(frozen=True)
class _Registered:
    name: str
    suffixes: tuple[str, ...]
    package: str

    def load(self) -> ModuleType:
        return import_module(self.package)


_BY_NAME: dict[str, _Registered] = {}
_BY_SUFFIX: dict[str, _Registered] = {}


def register(name: str, suffixes: tuple[str, ...], package: str) -> None:
    """Make ``package`` the format called ``name`` that reads files ending in ``suffixes``."""
    entry = _Registered(name, tuple(suffixes), package)
    taken = [s for s in entry.suffixes if s in _BY_SUFFIX]
    if name in _BY_NAME or taken:
        raise ValueError(f"format {name!r} registered twice (or its suffixes {taken} are another's)")
    _BY_NAME[name] = entry
    for suffix in entry.suffixes:
        _BY_SUFFIX[suffix] = entry


def format_for(fmt: DocumentFormat | str) -> ModuleType:
    """The package that writes and extracts documents of ``fmt``."""
    return _BY_NAME[DocumentFormat(fmt).value].load()


def format_for_suffix(suffix: str) -> ModuleType:
    """The package that reads files ending in ``suffix``; UnsupportedFormat if none does."""
    entry = _BY_SUFFIX.get(suffix.lower())
    if entry is None:
        raise UnsupportedFormat(f"unsupported file type {suffix or '(none)'}")
    return entry.load()


def supported_suffixes() -> tuple[str, ...]:
    return tuple(_BY_SUFFIX)


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
    return format_for_suffix(suffix).read(Path(path))


def write_bytes_atomically(dest: Path, data: bytes) -> None:
    """Write ``data`` to ``dest`` through a temporary file in the same folder and a rename,
    so a failure never leaves a half-written file. Readable by all, like the DOCX writer's
    output: a published file is for reading."""
    dest = Path(dest)
    fd, tmp = tempfile.mkstemp(prefix=".redactor-", suffix=dest.suffix + ".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# The formats: one line each (name = DocumentFormat value, suffixes read, package).
register("txt", (".txt",), "redactor.formats.txt")
register("docx", (".docx",), "redactor.formats.docx")
register("pdf", (".pdf",), "redactor.formats.pdf")
register("ofd", (".ofd",), "redactor.formats.ofd")
register("legacy", (".doc", ".wps", ".rtf", ".odt"), "redactor.formats.legacy")  # read into DOCX

SUPPORTED_SUFFIXES = supported_suffixes()
