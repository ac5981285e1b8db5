"""The format registry and protocol (redactor/formats/__init__.py, issue 20 item 4): one
line registers a format; every writer reports through WriteResult and leaves the document
as the reader made it; the PDF writer hands its loaded pages to verify in the result."""

from __future__ import annotations

import copy
import hashlib
import sys
import types
from pathlib import Path

import pytest

from redactor import formats
from redactor.document import Document, DocumentFormat, OffsetMap
from redactor.errors import UnsupportedFormat
from redactor.formats import WriteResult, format_for, read_document, register

SAMPLES = Path(__file__).resolve().parents[1] / "corpus_samples"
PUBLISHED = {"civil_loan.txt": "txt", "criminal_fraud.docx": "docx", "traffic_accident.pdf": "pdf",
             "civil_loan_court.ofd": "ofd"}


def test_each_package_is_what_its_registry_line_says():
    for entry in formats._BY_NAME.values():
        package = entry.load()
        assert (package.name, tuple(package.suffixes)) == (entry.name, entry.suffixes)
        assert callable(package.read)
    for fmt in DocumentFormat:
        package = format_for(fmt)
        assert package.name == fmt.value
        assert callable(package.write) and callable(package.extract)
    assert set(formats.SUPPORTED_SUFFIXES) == {s for e in formats._BY_NAME.values() for s in e.suffixes}


def test_a_suffix_no_format_reads_is_unsupported(tmp_path):
    path = tmp_path / "judgment.xyz"
    path.write_text("原告张三", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        read_document(path)


@pytest.fixture
def toy_format(monkeypatch):
    """A format package of its own, ``.toy`` files read as plain text."""
    module = types.ModuleType("toy_format_for_test")
    module.name, module.suffixes = "toy", (".toy",)

    def read(path: Path) -> Document:
        text = Path(path).read_text(encoding="utf-8")
        omap = OffsetMap()
        omap.add(0, len(text), ("toy",), 0)
        return Document(path=Path(path), format=DocumentFormat.TXT, text=text, offset_map=omap,
                        sha256=hashlib.sha256(text.encode()).hexdigest())

    module.read = read
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(formats, "_BY_NAME", dict(formats._BY_NAME))
    monkeypatch.setattr(formats, "_BY_SUFFIX", dict(formats._BY_SUFFIX))
    return module


def test_registering_a_format_is_one_line(toy_format, tmp_path):
    path = tmp_path / "judgment.toy"
    path.write_text("原告张三", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        read_document(path)
    register("toy", (".toy",), toy_format.__name__)
    assert read_document(path).text == "原告张三"
    assert ".toy" in formats.supported_suffixes()


def test_a_name_or_suffix_is_registered_once(toy_format):
    with pytest.raises(ValueError):
        register("toy", (".pdf",), toy_format.__name__)
    with pytest.raises(ValueError):
        register("txt", (".toy",), toy_format.__name__)


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_writers_report_in_the_result_and_leave_the_document_alone(name, tmp_path):
    doc = read_document(SAMPLES / name)
    before = copy.deepcopy(doc.source_info)
    result = format_for(doc.format).write(doc, [], tmp_path / name)
    try:
        assert isinstance(result, WriteResult)
        assert doc.source_info == before
        if doc.format == DocumentFormat.PDF:
            assert result.notes["pdf_writer"] == "inplace"
            assert result.notes["pdf_fallback_pages"] == []
        assert format_for(doc.format).extract(tmp_path / name)
    finally:
        result.close()
        doc.release()


def test_the_pdf_writer_hands_the_written_pages_to_verify(tmp_path):
    doc = read_document(SAMPLES / "traffic_accident.pdf")
    out = tmp_path / "out.pdf"
    result = format_for(doc.format).write(doc, [], out)
    try:
        pages = result.handoff
        assert pages is not None
        assert pages.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
        assert len(pages) == doc.source_info["page_count"]
        # extract reads through the pages it is given and leaves them open for their owner
        assert format_for(doc.format).extract(out, pages=pages) == format_for(doc.format).extract(out)
        assert pages.text(0)
    finally:
        result.close()
        doc.release()
    assert result.handoff is None
