"""PDF reader and writer on real PDFs made with reportlab (CID font STSong-Light and, where
the machine has one, an embedded TrueType CJK font)."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from redactor.document import DocumentFormat, Edit
from redactor.errors import UnreadableDocument
from redactor.formats.pdf.reader import is_page_number_line, read
from redactor.formats import pdf as pdf_writer

CID = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CID))
TTF = pdf_writer.EMBEDDED_FONT_NAME if pdf_writer.font_is_embedded() else None
FONTS = [CID] + ([TTF] if TTF else [])
SIZE = 12.0
LEFT = 72.0
WIDTH = A4[0] - 2 * LEFT
RIGHT = LEFT + WIDTH
FILLER = "本院经审理查明原告与被告之间存在民间借贷关系双方约定借款期限及利息"


def fill_line(font: str, ending: str, start: str = "") -> str:
    """A line that fills the text width exactly as far as a character wrap would, ending in ``ending``."""
    line = start
    k = 0
    while pdfmetrics.stringWidth(line + FILLER[k % len(FILLER)] + ending, font, SIZE) <= WIDTH:
        line += FILLER[k % len(FILLER)]
        k += 1
    return line + ending


class PdfBuilder:
    """Draws lines at given positions, page by page: a stand-in for a court's word processor."""

    def __init__(self, font: str = CID, **canvas_kw):
        self.buf = io.BytesIO()
        self.font = font
        self.c = Canvas(self.buf, pagesize=A4, **canvas_kw)
        self.y = A4[1] - 72

    def line(self, text: str, x: float = LEFT, right_align: bool = False, centre: bool = False):
        self.c.setFont(self.font, SIZE)
        if right_align:
            self.c.drawRightString(RIGHT, self.y, text)
        elif centre:
            self.c.drawCentredString(A4[0] / 2, self.y, text)
        else:
            self.c.drawString(x, self.y, text)
        self.y -= 20
        return self

    def footer(self, text: str):
        self.c.setFont(self.font, 10)
        self.c.drawCentredString(A4[0] / 2, 40, text)
        return self

    def page(self):
        self.c.showPage()
        self.y = A4[1] - 72
        return self

    def save(self, path: Path) -> Path:
        self.c.showPage()
        self.c.save()
        path.write_bytes(self.buf.getvalue())
        return path


def page_char(path: Path, page: int, index: int) -> tuple[str, tuple[float, float, float, float]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        tp = pdf[page].get_textpage()
        return chr(pdfium_c.FPDFText_GetUnicode(tp, index)), tp.get_charbox(index)
    finally:
        pdf.close()


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# --- reader ---------------------------------------------------------------------------


@pytest.mark.parametrize("font", FONTS)
def test_name_broken_across_a_line_is_joined_and_mapped_to_its_glyphs(tmp_path, font):
    line1 = fill_line(font, "曹", start="原告")
    path = (
        PdfBuilder(font)
        .line(line1)
        .line("兰于二〇二三年五月六日向本院提起诉讼。")
        .save(tmp_path / "wrap.pdf")
    )
    doc = read(path)
    assert doc.format is DocumentFormat.PDF
    assert doc.text == line1 + "兰于二〇二三年五月六日向本院提起诉讼。"
    start = doc.text.index("曹兰")
    slices = doc.offset_map.locate(start, start + 2)
    assert [s.anchor for s in slices] == [(0,), (0,)]  # the synthetic line break splits them
    (cao_ch, cao_box), (lan_ch, lan_box) = (page_char(path, 0, s.start) for s in slices)
    assert (cao_ch, lan_ch) == ("曹", "兰")
    # 曹 ends the first line at the right margin; 兰 opens the next line at the left one
    assert RIGHT - SIZE * 1.5 < cao_box[2] <= RIGHT + 1
    assert LEFT - 1 <= lan_box[0] < LEFT + SIZE
    assert cao_box[1] > lan_box[3]  # one line lower
    # every mapped character is the page character it points to
    for seg in doc.offset_map.segments[:3]:
        for k in range(seg.length):
            assert page_char(path, 0, seg.offset + k)[0] == doc.text[seg.start + k]


def test_full_line_ending_a_sentence_keeps_its_break(tmp_path):
    line1 = fill_line(CID, "。")
    path = PdfBuilder().line(line1).line("原告曹兰诉称。").save(tmp_path / "s.pdf")
    assert read(path).text == line1 + "\n原告曹兰诉称。"


def test_multi_page_order_short_lines_and_page_numbers(tmp_path):
    last_of_page1 = fill_line(CID, "张")
    b = PdfBuilder()
    b.line("河南省郑州市金水区人民法院", centre=True).line("民事判决书", centre=True)
    b.line("（2023）豫0105民初1234号", right_align=True)
    b.line("原告：曹兰，女，1985年3月12日出生，汉族，住郑州市金水区。")
    b.line(fill_line(CID, "原", start="  本院"))  # paragraph start: indented, runs full width
    b.line(last_of_page1)
    b.footer("- 1 -").page()
    b.line("伟于2022年借款。")
    b.line("判决如下：")
    b.footer("第2页").page()
    b.line("审判长　王五", right_align=True).line("二〇二三年五月六日", right_align=True)
    b.line("书记员　赵六", right_align=True)
    b.footer("- 3 -")
    path = b.save(tmp_path / "multi.pdf")

    doc = read(path)
    text = doc.text
    lines = text.split("\n")
    assert lines[:3] == ["河南省郑州市金水区人民法院", "民事判决书", "（2023）豫0105民初1234号"]
    assert lines[3] == "原告：曹兰，女，1985年3月12日出生，汉族，住郑州市金水区。"
    # the paragraph is joined across its wrap and across the page break, page number moved out
    assert last_of_page1 + "伟于2022年借款。" in lines[4]
    assert lines[4].startswith("本院")
    assert "- 1 -" in lines and "第2页" in lines and "- 3 -" in lines
    assert lines.index("- 1 -") > 4
    # short lines keep their breaks; order is reading order
    for a, b_ in [("判决如下：", "审判长　王五"), ("审判长　王五", "二〇二三年五月六日"), ("二〇二三年五月六日", "书记员　赵六")]:
        assert a in lines and b_ in lines and lines.index(a) < lines.index(b_)
    # page anchors follow the pages
    assert doc.offset_map.source_of(text.index("伟于")).anchor == (1,)
    assert doc.offset_map.source_of(text.index("书记员")).anchor == (2,)
    assert [p for p, _ in doc.source_info["page_starts"]] == [0, 1, 2]
    assert doc.source_info["page_count"] == 3
    assert doc.source_info["page_sizes"][0] == (round(A4[0], 2), round(A4[1], 2))


def test_wrap_before_an_unbreakable_number_is_joined(tmp_path):
    """A number does not fit at the end of the line and moves down whole: the gap is
    several ems, but the line was still wrapped."""
    number = "13812345678"
    gap = 3 * SIZE
    assert pdfmetrics.stringWidth(number, CID, SIZE) > gap + SIZE
    line1 = "被告联系电话"
    while pdfmetrics.stringWidth(line1 + "号", CID, SIZE) <= WIDTH - gap:
        line1 = "本" + line1
    path = (
        PdfBuilder()
        .line(line1)
        .line(number + "，住所地郑州市。")
        .line("审判长")  # short, and the next piece would have fitted after it
        .line("2023年5月6日")
        .save(tmp_path / "num.pdf")
    )
    assert read(path).text == line1 + number + "，住所地郑州市。\n审判长\n2023年5月6日"


@pytest.mark.parametrize(
    "line,expected",
    [("- 3 -", True), ("—12—", True), ("第3页", True), ("第 3 页 共 10 页", True), ("3/10", True),
     ("7", True), ("Page 2 of 9", True), ("第3条", False), ("判决如下：", False), ("2023年", False)],
)
def test_page_number_lines(line, expected):
    assert is_page_number_line(line) is expected


def test_non_bmp_character_is_one_text_character(tmp_path):
    path = PdfBuilder().line("被害人𠮷某某。").save(tmp_path / "ext.pdf")
    doc = read(path)
    assert doc.text == "被害人𠮷某某。"
    src = doc.offset_map.source_of(3)
    assert src.anchor == (0,)
    assert doc.offset_map.source_of(4).start == src.start + 2  # the surrogate pair is two page chars


def test_metadata_info_dict_and_xmp(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    b = PdfBuilder()
    b.c.setAuthor("曹兰")
    b.c.setTitle("曹兰借贷纠纷")
    b.c.setKeywords("借贷")
    src = b.line("正文。").save(tmp_path / "m.pdf")
    writer = PdfWriter(clone_from=str(src))
    xmp = StreamObject()
    xmp.set_data('<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>曹兰</dc:creator></x:xmpmeta>'.encode())
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    path = tmp_path / "mx.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    meta = read(path).metadata
    assert meta["Author"] == "曹兰" and meta["Title"] == "曹兰借贷纠纷" and meta["Keywords"] == "借贷"
    assert "<dc:creator>曹兰</dc:creator>" in meta["XMP"]


def test_blank_page_is_fine(tmp_path):
    path = PdfBuilder().line("第一页正文。").page().page().line("第三页正文。").save(tmp_path / "b.pdf")
    doc = read(path)
    assert doc.text == "第一页正文。\n第三页正文。"
    assert doc.source_info["blank_pages"] == [1]


def test_owner_password_only_is_read_and_flagged(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("", "owner-secret", canPrint=0, canCopy=0)
    path = PdfBuilder(encrypt=enc).line("原告曹兰。").save(tmp_path / "o.pdf")
    doc = read(path)
    assert doc.text == "原告曹兰。"
    assert doc.source_info["encrypted"] is True


# --- fail closed ----------------------------------------------------------------------


def _image(width=400, height=560):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(img).rectangle([20, 20, width - 20, 60], fill="black")
    return ImageReader(img)


def unreadable_reason(path: Path) -> str:
    with pytest.raises(UnreadableDocument) as exc:
        read(path)
    assert "曹兰" not in str(exc.value)
    return exc.value.reason


def test_unreadable_documents_fail_closed_with_distinct_reasons(tmp_path):
    from pypdf import PdfWriter
    from reportlab.lib.pdfencrypt import StandardEncryption

    good = PdfBuilder().line("原告曹兰。").line("被告张伟。").page().line("第二页。").save(tmp_path / "good.pdf")
    data = good.read_bytes()

    encrypted = PdfBuilder(encrypt=StandardEncryption("user-pw", "owner-pw")).line("原告曹兰。")
    encrypted = encrypted.save(tmp_path / "enc.pdf")
    truncated = tmp_path / "trunc.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(bytes(range(256)) * 40)
    damaged = tmp_path / "damaged.pdf"  # a PDF header and an end marker around garbage
    damaged.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    scanned = PdfBuilder()
    scanned.line("第一页有文字。").page()
    scanned.c.drawImage(_image(), 40, 40, A4[0] - 80, A4[1] - 80)
    scanned = scanned.save(tmp_path / "scan.pdf")
    stamped = PdfBuilder()  # a scan with only a page number as text
    stamped.c.drawImage(_image(), 40, 60, A4[0] - 80, A4[1] - 100)
    stamped = stamped.footer("第1页").save(tmp_path / "stamped.pdf")
    empty = tmp_path / "nopages.pdf"
    with open(empty, "wb") as fh:
        PdfWriter().write(fh)

    reasons = {
        name: unreadable_reason(p)
        for name, p in [("encrypted", encrypted), ("truncated", truncated), ("junk", junk),
                        ("damaged", damaged), ("scanned", scanned), ("stamped", stamped), ("empty", empty)]
    }
    assert reasons == {
        "encrypted": "encrypted",
        "truncated": "truncated",
        "junk": "not_pdf",
        "damaged": "corrupt",
        "scanned": "no_text_layer",
        "stamped": "scanned_page",
        "empty": "no_pages",
    }
    with pytest.raises(UnreadableDocument, match="page 2 has no text layer"):
        read(scanned)


def test_text_page_with_a_small_image_is_read(tmp_path):
    b = PdfBuilder()
    b.c.drawImage(_image(80, 80), 400, 700, 80, 80)  # a seal
    path = b.line("原告曹兰。").save(tmp_path / "seal.pdf")
    assert read(path).text == "原告曹兰。"


# --- writer ---------------------------------------------------------------------------


def judgment(tmp_path: Path, font: str = CID) -> Path:
    b = PdfBuilder(font)
    b.c.setAuthor("曹兰")
    b.c.setTitle("曹兰与张伟民间借贷纠纷")
    b.line("民事判决书", centre=True)
    b.line("原告：曹兰，女，1985年3月12日出生，住郑州市金水区花园路8号。")
    b.line("被告：张伟，男，联系电话13812345678。")
    b.line(fill_line(font, "曹", start="  本院认为"))
    b.line("兰与张伟之间的借贷关系合法有效。")
    for k in range(40):
        b.line(f"第{k + 1}项事实，双方均无异议，本院予以确认。")
        if b.y < 80:
            b.footer(f"- {k} -").page()
    b.line("审判长　王五", right_align=True)
    return b.save(tmp_path / f"judgment-{font}.pdf")


def mask_edits(text: str, values: dict[str, str]) -> list[Edit]:
    edits = []
    for value, repl in values.items():
        for m in re.finditer(re.escape(value), text):
            edits.append(Edit(m.start(), m.end(), repl))
    return sorted(edits, key=lambda e: e.start)


MASKS = {"曹兰": "曹某", "张伟": "张某", "花园路8号": "", "13812345678": "×××"}


@pytest.mark.parametrize("font", FONTS)
def test_write_republishes_only_the_redacted_text(tmp_path, font):
    from redactor.apply import apply_edits

    src = judgment(tmp_path, font)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    doc = read(src)
    assert "曹兰与张伟" in doc.text  # joined across the wrap
    edits = mask_edits(doc.text, MASKS)
    out1, out2 = tmp_path / "out1.pdf", tmp_path / "sub" / "other-name.pdf"
    out2.parent.mkdir()
    pdf_writer.write(doc, edits, out1)
    pdf_writer.write(read(src), edits, out2)

    assert out1.read_bytes() == out2.read_bytes()  # reruns are byte-identical
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before  # input unchanged
    redacted = apply_edits(doc.text, edits)
    again = read(out1)
    assert squash(again.text) == squash(redacted)
    assert "曹某与张某之间" in again.text
    texts = pdf_writer.extract(out1)
    # pdfium, pypdf and pdfminer all read the redacted text (the font maps to Unicode)
    assert sum("曹某与张某之间" in squash(t) for t in texts) >= 3
    for value in ["曹兰", "张伟", "花园路8号", "13812345678"]:
        assert not any(value in t for t in texts), value
    assert again.metadata.get("Author", "") == "" and again.metadata.get("Title", "") == ""
    assert again.metadata["Producer"] == pdf_writer.PRODUCER
    assert "XMP" not in again.metadata


def test_published_texts_sees_what_the_source_exposes(tmp_path):
    """The verifier's view is not vacuous: on the unredacted source it finds every value."""
    src = judgment(tmp_path)
    texts = pdf_writer.extract(src)
    for value in ["张伟", "花园路8号", "13812345678"]:
        assert sum(value in t for t in texts) >= 3, value  # pdfium, pypdf, pdfminer
    assert "曹兰与张伟民间借贷纠纷" in texts  # the info dict


def test_writer_falls_back_to_the_cid_font_for_characters_the_ttf_lacks(tmp_path):
    src = PdfBuilder().line("被害人𠮷某某，证人曹兰。").save(tmp_path / "ext.pdf")
    doc = read(src)
    assert pdf_writer.output_font(doc.text) == CID  # no embedded CJK font has this glyph
    out = tmp_path / "out.pdf"
    pdf_writer.write(doc, mask_edits(doc.text, {"曹兰": "曹某"}), out)
    assert read(out).text == "被害人𠮷某某，证人曹某。"


def test_long_paragraph_wraps_and_reads_back_as_one(tmp_path):
    src = PdfBuilder().line("正文。").save(tmp_path / "s.pdf")
    doc = read(src)
    long = "原告曹兰" + "诉称被告应当归还借款本金及利息" * 30 + "。"
    doc.text = long + "\n审判长　王五"
    out = tmp_path / "long.pdf"
    pdf_writer.write(doc, [], out)
    assert read(out).text == long + "\n审判长　王五"


def test_page_unicode_in_one_call_is_pdfium_s_character_by_index(tmp_path):
    """``page_unicode`` (one FPDFText_GetText call) gives what FPDFText_GetUnicode gives index
    by index: on every sample PDF, a non-BMP character (two indices) and a soft hyphen
    (which GetText alone would give as U+FFFE)."""
    from redactor.formats.pdf.pages import page_unicode

    paths = sorted((Path(__file__).resolve().parent.parent / "corpus_samples").rglob("*.pdf"))
    paths.append(PdfBuilder().line("被害人𠮷某某。").save(tmp_path / "ext.pdf"))
    seen = set()
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        try:
            for pno in range(len(pdf)):
                page = pdf[pno]
                textpage = page.get_textpage()
                tp = textpage.raw
                one_by_one = "".join(chr(pdfium_c.FPDFText_GetUnicode(tp, i))
                                     for i in range(pdfium_c.FPDFText_CountChars(tp)))
                assert page_unicode(tp) == one_by_one, (path.name, pno)
                seen.update(one_by_one)
                textpage.close()
                page.close()
        finally:
            pdf.close()
    assert "\x02" in seen and "\ud842" in seen  # both odd cases were met
