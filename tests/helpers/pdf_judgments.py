"""PDF judgments made the way courts make them, and the in-place writer's checks, shared by the
PDF layout and content-stream tests: reportlab with the STSong-Light CID font or the bundled
TrueType font, LibreOffice's export of a DOCX (skipped where soffice cannot convert)."""

from __future__ import annotations

import ctypes
import re
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from redactor.document import Edit
from redactor.formats.pdf.reader import read
from redactor.formats import pdf as pdf_writer

CID = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CID))
TTF = pdf_writer.EMBEDDED_FONT_NAME if pdf_writer.font_is_embedded() else None
FONTS = [CID, pytest.param(TTF, marks=pytest.mark.skipif(TTF is None, reason="no TrueType CJK font"))]
SIZE = 12.0
LEFT = 72.0
WIDTH = A4[0] - 2 * LEFT
FILLER = "本院经审理查明原告与被告之间存在民间借贷关系双方约定借款期限及利息"
MASKS = {"曹兰": "曹某", "张伟": "张某", "花园路8号": "", "13812345678": "×××", "李四": "李某"}


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def fill_line(font: str, ending: str, start: str = "") -> str:
    line, k = start, 0
    while pdfmetrics.stringWidth(line + FILLER[k % len(FILLER)] + ending, font, SIZE) <= WIDTH:
        line += FILLER[k % len(FILLER)]
        k += 1
    return line + ending


def edits_for(text: str, masks: dict[str, str]) -> list[Edit]:
    """Every occurrence of each value (whitespace the layout put inside it allowed)."""
    edits = []
    for value, repl in masks.items():
        for m in re.finditer(r"\s*".join(map(re.escape, value)), text):
            edits.append(Edit(m.start(), m.end(), repl))
    return sorted(edits, key=lambda e: e.start)


def redact(src: Path, masks: dict[str, str] = MASKS):
    doc = read(src)
    edits = edits_for(doc.text, masks)
    assert edits
    out = src.with_name("out-" + src.name)
    written = pdf_writer.write(doc, edits, out)
    written.close()
    return doc, edits, out, written.notes


def assert_published(doc, edits, out: Path, notes: dict, masks: dict[str, str] = MASKS, fallback=()):
    """Every page passes the text and pixel checks; no extractor finds a masked value.
    ``notes``: the writer's (``WriteResult.notes``)."""
    assert notes["pdf_writer"] == "inplace"
    assert notes["pdf_fallback_pages"] == list(fallback)
    report = pdf_writer.verify_layout(doc, edits, out, notes["pdf_fallback_pages"])
    assert report.pages == doc.source_info["page_count"]
    texts = [squash(t) for t in pdf_writer.extract(out)]
    for value in masks:
        assert not any(value in t for t in texts), "a masked value is still extractable"
    from redactor.apply import apply_edits

    assert squash(read(out).text) == squash(apply_edits(doc.text, edits))


def origins(path: Path, page: int) -> dict[int, tuple[str, float, float]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        tp = pdf[page].get_textpage()
        x, y = ctypes.c_double(), ctypes.c_double()
        out = {}
        for i in range(tp.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(tp.raw, i) == 1:
                continue
            pdfium_c.FPDFText_GetCharOrigin(tp.raw, i, x, y)
            out[i] = (chr(pdfium_c.FPDFText_GetUnicode(tp.raw, i)), round(x.value, 2), round(y.value, 2))
        return out
    finally:
        pdf.close()


def judgment(path: Path, font: str) -> Path:
    """Two pages; 曹兰 broken across a line, 张伟 across the page break; a seal-like ring."""
    c = Canvas(str(path), pagesize=A4)
    c.setAuthor("曹兰")
    y = A4[1] - 72

    def line(text, x=LEFT):
        nonlocal y
        c.setFont(font, SIZE)
        c.drawString(x, y, text)
        y -= 20

    c.setFont(font, 16)
    c.drawCentredString(A4[0] / 2, y, "民事判决书")
    y -= 30
    line("原告：曹兰，女，1985年3月12日出生，住郑州市金水区花园路8号。")
    line("被告：张伟，男，联系电话13812345678。")
    line(fill_line(font, "曹", start="  本院认为"))
    line("兰与张伟之间的借贷关系合法有效，证人李四出庭作证。")
    while y > 100:
        line("双方均无异议，本院予以确认。")
    line(fill_line(font, "张", start="  被告"))
    c.setStrokeColorRGB(0.8, 0, 0)
    c.circle(A4[0] - 150, 150, 50)  # a seal
    c.showPage()
    y = A4[1] - 72
    line("伟应于判决生效之日起十日内归还借款。")
    line("审判长　王五")
    c.showPage()
    c.save()
    return path


def libreoffice_pdf(docx: Path) -> Path:
    """``docx`` converted to PDF by LibreOffice headless, as a court's office suite exports
    it (the test is skipped where soffice cannot convert)."""
    run = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                         env={"HOME": str(docx.parent), "PATH": "/usr/bin:/bin"}, capture_output=True, timeout=120)
    pdf = docx.with_suffix(".pdf")
    if run.returncode != 0 or not pdf.exists():
        pytest.skip("soffice could not convert")
    return pdf
