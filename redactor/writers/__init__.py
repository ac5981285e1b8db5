"""One writer per format: ``write(doc, edits, dest)`` and ``published_texts(path)``.

``write`` applies the edits through the document's offset map to a copy of the source
and sanitises what the format hides (metadata, comments, revisions). ``published_texts``
returns every string any extractor can get out of a published file (body text per
extractor, metadata values, raw stream text) so verify can look for masked values.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from redactor.document import DocumentFormat


def writer_for(fmt: DocumentFormat) -> ModuleType:
    return import_module(f"redactor.writers.{DocumentFormat(fmt).value}")
