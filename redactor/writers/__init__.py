"""One writer per format: ``write(doc, edits, dest)`` and ``published_texts(path)``.

``write`` applies the edits through the document's offset map to a copy of the source
and sanitises what the format hides (metadata, comments, revisions). ``published_texts``
returns every string any extractor can get out of a published file (body text per
extractor, metadata values, raw stream text) so verify can look for masked values.
"""

from __future__ import annotations

import os
import tempfile
from importlib import import_module
from pathlib import Path
from types import ModuleType

from redactor.document import DocumentFormat


def writer_for(fmt: DocumentFormat) -> ModuleType:
    return import_module(f"redactor.writers.{DocumentFormat(fmt).value}")


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
