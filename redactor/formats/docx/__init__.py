"""DOCX (Office Open XML) edited in place.

``ooxml.py`` opens the zip package safely (size limits, no DTDs) and knows WordprocessingML's
text elements; ``reader.py`` maps every character back to its ``w:t`` node; ``writer.py``
applies the edits to those nodes and strips what the package hides (comments, revisions,
personal properties, custom XML); ``extract`` (extractors.py) is every view of a
published file verify searches.
"""

from __future__ import annotations

from redactor.formats.docx.reader import read
from redactor.formats.docx.extractors import extract
from redactor.formats.docx.writer import write

name = "docx"
suffixes = (".docx",)

__all__ = ["name", "suffixes", "read", "write", "extract"]
