"""Word 97-2003, WPS, RTF and ODT judgments, converted to DOCX by LibreOffice (convert.py).

A reading-only format: ``read`` gives a DOCX document (``DocumentFormat.DOCX``, the
converted file as its source), so the DOCX package writes and extracts it, and the
document is published as ``<name>.docx`` (``published_rel``).
"""

from __future__ import annotations

from redactor.formats.legacy.convert import CONVERTED_SUFFIXES, published_rel, read

name = "legacy"
suffixes = tuple(CONVERTED_SUFFIXES)

__all__ = ["name", "suffixes", "read", "published_rel"]
