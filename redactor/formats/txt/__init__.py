"""Plain-text judgments: read in the encoding their bytes prove (reader.py), written back
in the same encoding and line endings (writer.py); verify reads the published bytes the
way the reader does."""

from __future__ import annotations

from redactor.formats.txt.reader import read
from redactor.formats.txt.writer import extract, write

name = "txt"
suffixes = (".txt",)

__all__ = ["name", "suffixes", "read", "write", "extract"]
