"""OFD writer: lives in ``redactor/formats/ofd`` (issue 20's format packages)."""

from redactor.formats.ofd import extract, published_texts, write  # noqa: F401
