"""Fixtures shared by several test files. Shared constants and builders are modules of
``tests/helpers/`` (test files import from there, never from each other)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import docx_packages


@pytest.fixture()
def full_docx(tmp_path: Path) -> Path:
    """A DOCX judgment with text in every place a DOCX can hide it (tests/helpers/docx_packages.py)."""
    return docx_packages.full_docx(tmp_path)


@pytest.fixture()
def plain_docx(tmp_path: Path) -> Path:
    """The same judgment without comments and revisions: its published text is apply_edits() exactly."""
    return docx_packages.plain_docx(tmp_path)
