"""The readings verify searches in a published PDF, and the string form the in-place writer
writes: pypdf's reading (shown strings decoded through pypdf's font maps, without
extract_text's layout pass) must see everything ``page.extract_text()`` sees, form
XObjects included; pdfminer's must still see the text; a literal string the writer
writes must read back byte for byte."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ByteStringObject, ContentStream, DecodedStreamObject, NameObject
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from redactor.formats import pdf as pdf_writer
from redactor.formats.pdf import editor as pdf_editor

CID = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CID))


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def two_page_pdf() -> bytes:
    """Page 1: CID text on the page and inside a form XObject drawn twice; page 2: a
    standard-14 font and text set at 45 degrees (which extract_text leaves out)."""
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.beginForm("stamp")
    c.setFont(CID, 12)
    c.drawString(0, 0, "印章曹兰")
    c.endForm()
    c.setFont(CID, 12)
    c.drawString(72, 700, "原告张伟与被告李四民间借贷纠纷一案")
    c.doForm("stamp")
    c.saveState()
    c.translate(300, 300)
    c.doForm("stamp")
    c.restoreState()
    c.showPage()
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Phone 13812345678 (call)")
    c.saveState()
    c.translate(200, 200)
    c.rotate(45)
    c.drawString(0, 0, "Tilted 9876")
    c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


def test_pypdf_reading_sees_what_extract_text_sees_and_forms_each_time_drawn():
    reader = PdfReader(io.BytesIO(two_page_pdf()))
    for page in reader.pages:
        ours = squash(pdf_writer._qpdf_page_text(page, reader))
        theirs = squash(page.extract_text())
        it = iter(ours)
        assert all(ch in it for ch in theirs), (theirs, ours)  # extract_text's characters, in order
    first = pdf_writer._qpdf_page_text(reader.pages[0], reader)
    assert "张伟" in first and first.count("曹兰") == 2  # a form drawn twice is read twice
    assert "Tilted9876" in squash(pdf_writer._qpdf_page_text(reader.pages[1], reader))


def test_published_texts_has_every_reader_of_the_form_text(tmp_path):
    path = tmp_path / "forms.pdf"
    path.write_bytes(two_page_pdf())
    texts = [squash(t) for t in pdf_writer.extract(path)]
    # pdfium, pypdf and pdfminer each read the value drawn only inside the form (the raw
    # file holds it CID-encoded, so no byte search can stand in for them)
    assert sum("曹兰" in t for t in texts) >= 3
    assert pdf_writer._pdfminer_texts(path.read_bytes())[0].count("曹兰") == 2


def test_literal_strings_round_trip_through_pypdf_and_pdfminer():
    awkward = bytes(range(256)) + b"(unbalanced \\ ) \r\n \r ("
    ops = [([], b"BT"), ([NameObject("/F1"), pdf_editor._num(12)], b"Tf"),
           ([ByteStringObject(awkward)], b"Tj"),
           ([ArrayObject([ByteStringObject(b")("), pdf_editor._num(-250), ByteStringObject(b"\\")])], b"TJ"),
           ([], b"ET")]
    data = pdf_editor._serialize(ops, None)
    assert b"<" not in data.split(b"Tj")[0][:3]  # written as a literal, not hex
    parsed = ContentStream(DecodedStreamObject(), None, "bytes")
    parsed.set_data(data)
    shown = [operands for operands, op in parsed.operations if op in (b"Tj", b"TJ")]
    assert bytes(shown[0][0]) == awkward
    assert [bytes(x) for x in shown[1][0] if isinstance(x, bytes)] == [b")(", b"\\"]

    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psexceptions import PSEOF

    tokens = []
    parser = PDFContentParser([PDFStream({}, data)])
    while True:
        try:
            tokens.append(parser.nextobject()[1])
        except PSEOF:
            break
    assert awkward in tokens and [b")(", -250, b"\\"] in tokens
