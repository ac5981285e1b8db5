"""OFD reader: lives in ``redactor/formats/ofd`` (issue 20's format packages)."""

from redactor.formats.ofd import read  # noqa: F401
