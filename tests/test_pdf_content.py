"""The content-stream tokenizer and splice writer (``pdf_content``) the in-place PDF writer
edits pages with: operation by operation it must read what pypdf reads (strings with
escapes, nesting and octal codes, hex strings, arrays, names with #xx, dictionaries),
hand anything it is not sure of to pypdf, and write back unchanged operations byte for
byte and never a comment. Real streams from reportlab and LibreOffice are compared with
pypdf's parse, and pages are redacted end to end."""

from __future__ import annotations

import base64
import io
import math
import random
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, DecodedStreamObject, NameObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from redactor.formats.pdf.reader import read
from redactor.formats.pdf import content as pdf_content
from redactor.formats.pdf.content import Unsure, parse, splice
from tests.helpers.pdf_judgments import CID, FILLER, assert_published, judgment, libreoffice_pdf, redact, squash


def pypdf_ops(data: bytes) -> list:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return [(operands if op == b"INLINE IMAGE" else [pdf_content.plain(v) for v in operands], op)
            for operands, op in ContentStream(stream, None, "bytes").operations]


def ours(data: bytes) -> list:
    return [(operands, op) for operands, op, _, _ in parse(data)]


def assert_reads_as_pypdf(data: bytes) -> None:
    ops = parse(data)
    assert [(operands, op) for operands, op, _, _ in ops] == pypdf_ops(data)
    for operands, op, start, end in ops:
        if start is not None:  # the span holds exactly this operation
            assert ours(data[start:end]) == [(operands, op)]


# --- tokens --------------------------------------------------------------------------


def test_literal_strings_with_escapes_nesting_and_octal_codes():
    data = (rb"BT (plain) Tj (a\(b\)c) Tj (nested (paren (deep)) ok) Tj (\n\r\t\b\f\\) Tj "
            rb"(\0\12\101\0053\377) Tj (sp\ ace\/\%\<\>\[\]) Tj (line \
continued) Tj (\\(\\)) Tj (50% off) Tj ET")
    assert_reads_as_pypdf(data)
    shown = [operands[0] for operands, op in ours(data) if op == b"Tj"]
    assert shown == [b"plain", b"a(b)c", b"nested (paren (deep)) ok", b"\n\r\t\b\f\\",
                     b"\x00\nA\x053\xff", b"sp ace/%<>[]", b"line continued", b"\\(\\)", b"50% off"]


def test_hex_strings_arrays_and_numbers():
    data = (b"BT [<48 65 6C\n6C 6F> -250 (w) 12.5 <414>] TJ <> Tj [] TJ "
            b"1 0 0 1 -.5 +3 Tm 4. 0.25 -0 7 re ET")
    assert_reads_as_pypdf(data)
    ops = ours(data)
    assert ops[1] == ([[b"Hello", -250, b"w", 12.5, b"A@"]], b"TJ")
    assert ops[5] == ([4, 0.25, 0, 7], b"re")


def test_names_with_hash_codes_and_dictionaries_in_marked_content():
    data = (b"/Sp#20ace BMC EMC /F#231 12 Tf /P <</MCID 0 /ActualText (secret) "
            b"/Nested <</A [1 2 /N true null]>> /Hex <AB>>> BDC EMC /Tag /Props DP")
    assert_reads_as_pypdf(data)
    ops = ours(data)
    assert ops[0][0] == ["/Sp ace"] and ops[2][0] == ["/F#1", 12]
    assert ops[3][0] == ["/P", {"/MCID": 0, "/ActualText": b"secret",
                                "/Nested": {"/A": [1, 2, "/N", True, None]}, "/Hex": b"\xab"}]
    # a name is written back with its #xx codes, as pypdf writes it
    assert pdf_content.serialize_op(["/Sp ace"], b"BMC") == b"/Sp#20ace BMC"
    assert pdf_content.serialize_op([NameObject("/Sp ace")], b"BMC") == b"/Sp#20ace BMC"


def test_an_operation_with_a_name_pypdf_writes_differently_is_written_anew():
    # pypdf reads the GBK name /你 and writes it (in the resource dictionaries too) as
    # UTF-8 #xx codes: the operation using it must be written the same way
    data = b"/\xc4\xe3 10 Tf /F1 12 Tf /F#231 9 Tf [(a) /X#41] TJ"
    assert_reads_as_pypdf(data)
    ops = parse(data)
    assert [start is None for _, _, start, _ in ops] == [True, False, True, True]
    out = splice(ops, data)
    assert out.split(b"\n")[0] == b"/#E4#BD#A0 10 Tf" == NameObject("/\u4f60").renumber() + b" 10 Tf"
    assert ours(out) == ours(data)


@pytest.mark.parametrize("data", [
    b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \xff EI Q",  # an inline image
    b"BT (\\q) Tj ET",  # an escape pypdf and the specification read differently
    b"BT (a\rb) Tj ET",  # a raw CR in a string: pypdf keeps it, the specification reads LF
    b"BT (\\777) Tj ET",  # an octal code over 255
    b"1.2.3 Tw",  # a malformed number
    b"true Tw",  # a bare keyword (pypdf reads an operator)
    b"[1 2 cm",  # an unterminated array
    b"/A <</B>> BDC",  # a dictionary without a value
    # found by the differential fuzz tests below, each once read otherwise than pypdf reads it:
    b"/F1\x00 12 Tf",  # a NUL after a name: pypdf reads it as part of the name
    b"BT ET\x00",  # ... and of an operator
    b"(a\\\n\nb) Tj",  # a backslash before two line ends: pypdf drops both
    b"/P <</A 1 /A 2>> BDC",  # a repeated key: pypdf keeps the first value
    b"9007199254740993 w",  # an integer a float holds only roughly: pypdf reads it exactly
    b"/P <</Length 3>> stream\nabc\nendstream",  # a dictionary then "stream": pypdf reads a stream
    b"/A\x0b Tj",  # a vertical tab: pypdf fails on it, the specification reads a regular byte
])
def test_what_the_tokenizer_is_not_sure_of_goes_to_pypdf(data):
    with pytest.raises(Unsure):
        parse(data)
    try:
        expected = [(operands, op, None, None) for operands, op in pypdf_ops(data)]
    except Exception:  # noqa: BLE001 - pypdf refuses it too: the page falls back
        with pytest.raises(Exception):
            pdf_content.operations(data)
        return
    ops = pdf_content.operations(data)
    assert [(o[1], o[2]) for o in ops] == [(o[1], o[2]) for o in expected]  # no spans: written anew


def test_an_inline_image_is_written_back_as_pypdf_reads_it():
    data = b"q 10 0 0 10 0 0 cm BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xff EI Q"
    ops = pdf_content.operations(data)
    assert [op for _, op, _, _ in ops] == [b"q", b"cm", b"INLINE IMAGE", b"Q"]
    out = splice(ops, data)
    image = [operands for operands, op in ContentStream(_stream(out), None).operations if op == b"INLINE IMAGE"]
    assert image[0]["data"] == b"\x00\xff"


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


# --- splicing ------------------------------------------------------------------------


def test_splice_copies_unchanged_operations_and_drops_every_comment():
    data = (b"%PDF-like header comment 13812345678\nq 1 0 0 1 72 700 cm % the matrix\n"
            b"BT /F1 12 Tf (50% off) Tj [(a) % inside an array: secret\n -250 (b)] TJ ET\nQ % end")
    ops = parse(data)
    assert [op for _, op, _, _ in ops] == [b"q", b"cm", b"BT", b"Tf", b"Tj", b"TJ", b"ET", b"Q"]
    tj_array = ops[5]
    assert tj_array[2] is None  # a comment among its operands: written anew
    out = splice(ops, data)
    assert b"secret" not in out and b"13812345678" not in out and b"matrix" not in out
    assert b"(50% off) Tj" in out  # a percent sign inside a string is no comment
    assert ours(out) == ours(data)


def test_splice_keeps_unchanged_operations_byte_identical():
    data = b"q\n1 0 0 1 72.5 700 cm\nBT /F1 12 Tf 0 0 Td [(ab)-250(cd)]TJ ET\n0.5 g 10 10 50 50 re f\nQ"
    ops = parse(data)
    k = next(i for i, o in enumerate(ops) if o[1] == b"TJ")
    new = ops[:k] + [([[b"ab", -500.0]], b"TJ", None, None)] + ops[k + 1:]
    out = splice(new, data)
    start, end = ops[k][2], ops[k][3]
    assert out == data[:start].rstrip() + b"\n[(ab) -500] TJ\n" + data[end:].lstrip()
    assert splice(ops, data) == data  # nothing changed: the stream itself


def test_text_shows_with_escaped_or_hex_strings_are_written_compactly():
    data = b"BT /F1 12 Tf (\\000\\001A) Tj <00410042> Tj (plain) Tj ET"
    out = splice(parse(data), data)
    assert b"\\000" not in out and b"<0041" not in out and b"(plain) Tj" in out
    assert ours(out) == ours(data)


# --- real streams ---------------------------------------------------------------------


def _streams(pdf: bytes) -> list[bytes]:
    """Every page's content and every form XObject's, decoded."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        out.append(page.get_contents().get_data())
        xobjects = page.get("/Resources", {}).get("/XObject")
        for ref in (xobjects.get_object().values() if xobjects is not None else []):
            x = ref.get_object()
            if x.get("/Subtype") == "/Form":
                out.append(x.get_data())
    return out


def test_reportlab_streams_read_as_pypdf_reads_them(tmp_path):
    src = judgment(tmp_path / "j.pdf", CID)
    c = Canvas(str(tmp_path / "mixed.pdf"), pagesize=A4)
    c.beginForm("stamp")
    c.setFont(CID, 10)
    c.drawString(0, 0, "印章（曹兰）")
    c.endForm()
    c.doForm("stamp")
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "Parens (nested (deep)) and back\\slash, 100% sure")
    t = c.beginText(72, 700)
    t.setFont(CID, 12)
    t.setCharSpace(2)
    t.setWordSpace(3)
    t.setRise(4)
    t.textLine("原告曹兰（女）诉称：" + FILLER)
    c.drawText(t)
    c.setDash(3, 2)
    c.bezier(72, 600, 100, 650, 150, 550, 200, 600)
    c.showPage()
    c.save()
    streams = _streams(src.read_bytes()) + _streams((tmp_path / "mixed.pdf").read_bytes())
    assert len(streams) >= 4
    for data in streams:
        assert_reads_as_pypdf(data)
        assert ours(splice(parse(data), data)) == ours(data)  # written back, it reads the same


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_streams_read_as_pypdf_reads_them(tmp_path):
    from docx import Document as Docx

    d = Docx()
    d.add_paragraph("原告：曹兰，女，住郑州市金水区花园路8号（东院），联系电话13812345678。")
    d.add_paragraph("Plain (Latin) text with a back\\slash and 50% of it " + FILLER)
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "张伟"
    d.save(tmp_path / "lo.docx")
    streams = _streams(libreoffice_pdf(tmp_path / "lo.docx").read_bytes())
    assert streams
    for data in streams:
        assert_reads_as_pypdf(data)


def test_ascii85_and_flate_streams_decode_as_pypdf_decodes_them(tmp_path):
    rng = random.Random(7)
    for raw in [b"", b"a", bytes(4), bytes(9) + b"xyz", bytes(range(256)) * 3,
                bytes(rng.randrange(256) for _ in range(1001))]:
        for cut in range(5):
            data = raw[:len(raw) - cut]
            for wrap in (0, 7):
                encoded = base64.a85encode(data, adobe=True, wrapcol=wrap)
                assert pdf_content._a85(encoded) == base64.a85decode(encoded, adobe=True) == data
    assert pdf_content._a85(b"<~ab~>") == base64.a85decode(b"<~ab~>", adobe=True)
    assert pdf_content._a85(b"<~abcdea~>") is None  # a group of one character: pypdf decides
    assert pdf_content._a85(b"<~s8W-\"~>") is None  # a group over 2**32 - 1
    assert pdf_content._a85(b"<~abzcd~>") is None  # a zero group inside a group
    src = judgment(tmp_path / "j.pdf", CID)  # reportlab: ASCII85 then Flate
    for page in PdfReader(src).pages:
        stream = page["/Contents"].get_object()
        assert stream["/Filter"] == ["/ASCII85Decode", "/FlateDecode"]
        fast = pdf_content.stream_data(stream)
        assert fast == stream.get_data()


# --- pages edited end to end -----------------------------------------------------------


def test_an_edited_page_keeps_its_other_operations_and_loses_its_comments(tmp_path):
    src = judgment(tmp_path / "j.pdf", CID)
    # a comment on the page holding a value the redaction masks (as bytes a search finds)
    reader = PdfReader(src)
    writer = PdfWriter(clone_from=reader)
    page = writer.pages[0]
    original = page.get_contents().get_data()
    page.replace_contents(_stream(b"% note: 13812345678\n" + original))
    writer.write(tmp_path / "commented.pdf")
    doc, edits, out, notes = redact(tmp_path / "commented.pdf")
    assert_published(doc, edits, out, notes)
    written = PdfReader(out).pages[0].get_contents().get_data()
    assert b"%" not in written and b"13812345678" not in written
    # every operation other than a text show is in the output as it was in the source
    kept = [original[s:e] for _, op, s, e in parse(original) if op not in (b"Tj", b"TJ")]
    pieces = [written[s:e] for _, _, s, e in parse(written)]
    it = iter(pieces)
    assert all(piece in it for piece in kept)


def test_a_show_after_one_that_was_not_measured_is_placed_right(tmp_path):
    # the first show of the line is raised (Ts) far from the masked name, so it is not
    # measured; the name shown after it on the same line must still be found
    c = Canvas(str(tmp_path / "rise.pdf"), pagesize=A4)
    t = c.beginText(72, 700)
    t.setFont(CID, 12)
    t.setRise(30)
    t.textOut("上标文字")
    t.setRise(0)
    t.textOut("原告曹兰诉称被告张伟借款未还。")
    c.drawText(t)
    c.showPage()
    c.save()
    doc, edits, out, notes = redact(tmp_path / "rise.pdf")
    assert_published(doc, edits, out, notes)
    assert "原告曹某诉称被告张某借款未还" in squash(read(out).text)
    assert notes["pdf_glyphs_removed"] == 2  # 兰 and 伟 (曹某 keeps 曹)


def test_glyphs_are_matched_to_boxes_as_one_by_one_lookups_would():
    # Boxes that touch and overlap on one line, several slices: the editor's bisection
    # must pick, for every glyph centre, the same box _find does (the first in order),
    # whatever the text matrix (upright, shifted, rotated).
    from redactor.formats.pdf.checks import MaskSlice
    from redactor.formats.pdf.fonts import Font
    from redactor.formats.pdf.editor import _apply, _GState, _mul, _PageEditor, _translate

    rng = random.Random(3)
    widths = {c: rng.choice([250.0, 500.0, 1000.0]) for c in range(256)}
    font = Font("test", lambda data: [(data[i:i + 1], widths[data[i]]) for i in range(len(data))],
                800.0, -200.0)
    for trial in range(40):
        slices, x = [], 60.0
        for k in range(rng.randint(1, 6)):
            boxes = []
            for _ in range(rng.randint(1, 4)):
                if rng.random() < 0.5:  # per-character boxes, touching or overlapping a little
                    w = rng.choice([6.0, 12.0])
                    boxes.append((x, 695.0 + rng.random(), x + w + rng.choice([0.0, 0.0, 2.0]), 712.0))
                    x += w if rng.random() < 0.7 else w + rng.choice([0.0, 5.0, 30.0])
                else:  # anywhere on the line: overlapping other slices' boxes
                    left = rng.uniform(50.0, 250.0)
                    boxes.append((left, 690.0 + rng.random() * 8, left + rng.uniform(3.0, 40.0), 712.0))
            slices.append(MaskSlice(0, k, [k], "", boxes))
        text = bytes(rng.randrange(256) for _ in range(40))
        items = [text[:15], -rng.choice([0.0, 120.0, 500.0]), text[15:]]
        angle = rng.choice([0.0, 0.0, 0.3])
        cos, sin = math.cos(angle), math.sin(angle)
        tm = (cos, sin, -sin, cos, 50.0 + rng.random() * 20, 700.0)
        gs = _GState(size=12.0, tc=rng.choice([0.0, 0.5]), tw=rng.choice([0.0, 2.0]))

        editor = _PageEditor(None, slices, None)
        _, tm_after, changed = editor._show(items, font, gs, tm)

        reference = _PageEditor(None, slices, None)  # glyph by glyph, as the editor used to
        placed, removed, t = [], 0, tm
        mid_y = gs.ts + gs.size * (font.ascent + font.descent) / 2000.0
        for item in items:
            if isinstance(item, float):
                t = _translate(-item / 1000.0 * gs.size, 0.0, t)
                continue
            for code, w0 in font.split(item):
                spacing = gs.tc + (gs.tw if code == b" " else 0.0)
                cx, cy = _apply(_mul(t, gs.ctm), w0 / 2000.0 * gs.size, mid_y)
                target = reference._find(cx, cy)
                if target is not None:
                    removed += 1
                    if target not in placed:
                        placed.append(target)
                t = _translate((w0 / 1000.0 * gs.size + spacing), 0.0, t)
        assert editor.removed == removed and changed == (removed > 0)
        assert [s.edit for s in editor.boxes] == [s.edit for s in placed]
        if tm_after is not None:
            assert all(abs(a - b) < 1e-9 for a, b in zip(tm_after, t))



def test_a_page_with_an_inline_image_is_edited_through_pypdf_s_parse(tmp_path):
    from PIL import Image

    c = Canvas(str(tmp_path / "inline.pdf"), pagesize=A4)
    c.drawInlineImage(Image.new("RGB", (8, 8), (200, 30, 30)), 400, 700, 40, 40)  # BI ... ID ... EI
    c.setFont(CID, 12)
    c.drawString(72, 700, "原告曹兰诉称被告张伟借款未还。")
    c.showPage()
    c.save()
    data = PdfReader(tmp_path / "inline.pdf").pages[0].get_contents().get_data()
    with pytest.raises(Unsure):
        parse(data)
    doc, edits, out, notes = redact(tmp_path / "inline.pdf")
    assert_published(doc, edits, out, notes)  # the image is still there: the pixel check compares it
    assert "原告曹某诉称被告张某借款未还" in squash(read(out).text)


@pytest.mark.parametrize("data", [
    b" ".join(b"%d" % i for i in range(2000)),  # operands with no operator after them
    b"[" + b" ".join(b"%d.5" % i for i in range(2000)),  # an array never closed
    b" ".join(b"/N%d 12" % i for i in range(2000)),
    b"(a) 1.5 /X " * 2000,
    b"[" * 2000 + b"(" * 2000,
], ids=["numbers", "open-array", "names", "mixed", "brackets"])
def test_hostile_operand_runs_are_read_in_linear_time(data):
    """A long run of operands that no operator ends: a number pattern that could match one
    number two ways made the regex backtrack exponentially (100 numbers did not finish in
    a minute), and a search from every later byte made even a clean failure quadratic. A
    hostile file must cost the tokenizer no more than a normal one of its size."""
    import time

    t0 = time.process_time()
    try:
        parse(data)
    except Unsure:
        pass
    assert time.process_time() - t0 < 5.0  # linear: about 0.01 s here; exponential never ends


# --- differential fuzzing against pypdf -------------------------------------------------------

# A grammar of content-stream tokens. Operands are drawn beforehand (a fixed seed) from
# parts, common and odd, and hypothesis draws streams from them: drawing each token
# through nested strategies cost over ten times the test itself. Common forms are
# repeated so that most streams are ones the tokenizer reads itself (one odd token makes
# the whole stream Unsure).
# (common forms, odd forms) of each kind of token
_NUMBERS = ([b"0", b"1", b"10", b"-3", b"+3", b"12.25", b"-250", b"0.5", b"1.", b".5", b"-.5", b"+.5",
             b"-0", b"007", b"3.", b"123456789012345"],
            [b"9007199254740993", b"1234567890123456.5", b"1.2.3", b"--1", b"-", b".", b"1-2", b"1e5"])
_NAME_PARTS = ([b"F1", b"Span", b"a", b".", b"-", b"*", b"'", b"#20", b"#41", b"#2f", b"#e4#bd#a0",
                b"\xc4\xe3"],
               [b"#4", b"#", b"#zz", b"#00", b"\x80", b"\x0b", b"\x00"])
_STRING_PARTS = ([b"a", b"text", b" ", b"%", b"\\n", b"\\r", b"\\t", b"\\b", b"\\f", b"\\(",
                  b"\\)", b"\\\\", b"\\0", b"\\12", b"\\101", b"\\0053", b"\\377", b"\\\n",
                  b"\\\r\n", b"\n", b"\x00", b"\x0b", b"\xff", b"\\/", b"\\ "],
                 [b"\\400", b"\\777", b"\\1234", b"\\8", b"\\q", b"\\#", b"\\\r", b"\\\n\n",
                  b"\\\n\r", b"\r", b"\r\n", b"\\"])
_HEX_PARTS = ([b"4", b"1", b"a", b"F", b"00", b"41", b" ", b"\n", b"\x00"], [b"g", b"\x0b", b"<"])
_OPERATORS = [b"q", b"Q", b"cm", b"BT", b"ET", b"Tf", b"Td", b"Tm", b"Tj", b"TJ", b"'", b'"', b"re",
              b"f", b"W*", b"T*", b"Do", b"BDC", b"EMC", b"d0", b"sc#", b"a.b", b"x"] * 4 + [
              b"BI", b"ID", b"EI", b"true", b"false", b"null", b"R", b"stream\n", b"endstream",
              b"endobj", b"Tj\x00", b"Tj\x0b", b"A" * 130]
_SPACES = [b" "] * 30 + [b"\n"] * 4 + [b"\r\n", b"\r", b"\t", b"\x0c", b"\x00", b"  ", b"", b"\x0b"]
_ODD = [b"{", b"}", b")", b">", b"]", b">>", b"<", b"true", b"false", b"null", b"%comment\n",
        b"%] 1 Tj\r", b"1 0 R", b"/Long" + b"x" * 5000]


def _operands(rng: random.Random, odd: float) -> list[bytes]:
    def pick(forms: tuple[list[bytes], list[bytes]]) -> bytes:
        return rng.choice(forms[1] if rng.random() < odd else forms[0])

    def space() -> bytes:
        return b" " if rng.random() < 0.7 else rng.choice(_SPACES)

    def string(depth: int = 0) -> bytes:
        parts = [pick(_STRING_PARTS) if depth > 1 or rng.random() < 0.9 else string(depth + 1)
                 for _ in range(rng.randint(0, 5))]
        return b"(" + b"".join(parts) + (b")" if rng.random() > odd / 4 else b"")

    def simple() -> bytes:
        k = rng.random()
        if k < odd / 2:
            return rng.choice(_ODD)
        if k < 0.4:
            return pick(_NUMBERS) if rng.random() < 0.5 else b"%d" % rng.randint(-999, 9999)
        if k < 0.6:
            return b"/" + b"".join(pick(_NAME_PARTS) for _ in range(rng.randint(0, 3)))
        if k < 0.85:
            return string()
        return b"<" + b"".join(pick(_HEX_PARTS) for _ in range(rng.randint(0, 6))) + b">"

    def operand(depth: int = 0) -> bytes:
        k = rng.random()
        if depth > 2 or k < 0.7:
            return simple()
        if k < 0.88:
            items = b"".join(space() + operand(depth + 1) for _ in range(rng.randint(0, 4)))
            return b"[" + items + space() + (b"]" if rng.random() > odd else b"")
        pairs = b"".join(space() + simple() if rng.random() < odd else  # a key that is no name
                         space() + b"/" + pick(_NAME_PARTS) + space() + operand(depth + 1)
                         for _ in range(rng.randint(0, 3)))
        return b"<<" + pairs + space() + (b">>" if rng.random() > odd else b"")

    return [operand() for _ in range(1500)]


_OPERANDS = _operands(random.Random(1), 0.03) + _operands(random.Random(2), 0.3)
_space = st.sampled_from(_SPACES)
_operation = st.tuples(st.lists(st.tuples(st.sampled_from(_OPERANDS), _space).map(b"".join), max_size=4),
                       st.sampled_from(_OPERATORS), _space).map(lambda t: b"".join(t[0]) + t[1] + t[2])
_content_stream = st.lists(_operation, max_size=8).map(b"".join)

FUZZ = settings(max_examples=1000, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _assert_parse_agrees_with_pypdf(data: bytes) -> None:
    """``parse`` returns quickly, raises nothing but Unsure, and what it returns is what
    pypdf reads (where pypdf reads the stream at all: where pypdf fails, ``parse`` may read
    it as the specification does)."""
    import time

    t0 = time.process_time()
    try:
        parse(data)
    except Unsure:
        return
    finally:
        assert time.process_time() - t0 < 2.0
    try:
        pypdf_ops(data)
    except Exception:  # noqa: BLE001 - pypdf fails on it (e.g. "1 0 R", a vertical tab)
        return
    assert_reads_as_pypdf(data)


@FUZZ
@given(_content_stream)
def test_generated_streams_read_as_pypdf_reads_them_or_are_unsure(data):
    _assert_parse_agrees_with_pypdf(data)


_REPORTLAB_STREAM: list[bytes] = []


def _reportlab_stream() -> bytes:
    """One page of text, marked content and graphics from reportlab, decoded (built once)."""
    if not _REPORTLAB_STREAM:
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=A4)
        c.setFont("Helvetica", 11)
        c.drawString(72, 760, "Parens (nested (deep)) and back\\slash, 100% sure")
        t = c.beginText(72, 700)
        t.setCharSpace(2)
        t.setRise(4)
        t.textLine("Second line")
        c.drawText(t)
        c.setDash(3, 2)
        c.bezier(72, 600, 100, 650, 150, 550, 200, 600)
        c.rect(50, 50, 100, 20, fill=1)
        c.showPage()
        c.save()
        data = PdfReader(io.BytesIO(buf.getvalue())).pages[0].get_contents().get_data()
        data += b"\n/Span <</MCID 0 /ActualText (x\\051)>> BDC [<4142> -250 (c)] TJ EMC /F#231 9 Tf"
        _REPORTLAB_STREAM.append(data)
    return _REPORTLAB_STREAM[0]


_mutation = st.tuples(st.floats(0.0, 1.0, exclude_max=True), st.sampled_from(["flip", "insert", "delete"]),
                      st.sampled_from(b"\x00\x0b\n\r ()<>[]{}/%\\#.+-0159aTj\xff"))


@FUZZ
@given(st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_reportlab_streams_read_as_pypdf_reads_them_or_are_unsure(mutations):
    data = bytearray(_reportlab_stream())
    for where, how, byte in mutations:
        i = int(where * len(data))
        if how == "flip":
            data[i] = byte
        elif how == "insert":
            data.insert(i, byte)
        else:
            del data[i]
    _assert_parse_agrees_with_pypdf(bytes(data))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_OPERANDS), min_size=1, max_size=4),
       st.sampled_from([b"", b" ", b" Tj ", b"[", b"<<", b"(", b"%"]))
def test_generated_operands_repeated_to_20_kb_are_read_in_linear_time(operands, joint):
    """The tokens of the tests above, repeated into a stream of 20 KB (most never ended by
    an operator): a regex that can match a run of them more than one way backtracks
    exponentially, a scan that retries from every byte is quadratic."""
    import time

    unit = b" ".join(operands) + joint
    data = (unit * (20_000 // len(unit) + 1))[:20_000]
    t0 = time.process_time()
    try:
        parse(data)
    except Unsure:
        pass
    assert time.process_time() - t0 < 2.0  # about 0.01 s


# --- verify's second reading: qpdf's parse against the writer's ----------------------
# verify reads every published page's shown strings through qpdf (pikepdf) instead of
# pypdf's pure-Python parser (issue 15). Where the writer's tokenizer is sure of a stream
# (and pypdf reads it the same), qpdf must see the same strings shown by the same
# operators: a string the writer did not see as shown would not be masked, one qpdf did
# not see would not be searched.

_TEXT_OPS = {"Tj", "'", '"', "TJ"}


def _shown_by_writer(data: bytes) -> list:
    out = []
    for operands, op, _, _ in parse(data):
        op = op.decode("latin-1")
        if op in _TEXT_OPS:
            out.append((op, _strings_in(operands)))
    return out


def _strings_in(values) -> list:
    found = []
    for v in values:
        if isinstance(v, bytes):
            found.append(v)
        elif isinstance(v, list):
            found.extend(_strings_in(v))
    return found


def _shown_by_qpdf(data: bytes) -> list:
    import pikepdf

    from redactor.formats.pdf import _qpdf_operations

    def strings(values) -> list:
        found = []
        for v in values:
            if isinstance(v, pikepdf.String):
                found.append(bytes(v))
            elif isinstance(v, pikepdf.Array):
                found.extend(strings(list(v)))
        return found

    return [(str(op), strings(operands)) for operands, op in _qpdf_operations(data) if str(op) in _TEXT_OPS]


def _assert_qpdf_shows_what_the_writer_shows(data: bytes) -> None:
    try:
        parse(data)
        pypdf_ops(data)
        assert_reads_as_pypdf(data)
    except (Unsure, AssertionError, Exception):  # noqa: BLE001 - only streams both Python parsers agree on
        return
    assert _shown_by_qpdf(data) == _shown_by_writer(data)


@FUZZ
@given(_content_stream)
def test_generated_streams_show_the_same_strings_to_qpdf(data):
    _assert_qpdf_shows_what_the_writer_shows(data)


@FUZZ
@given(st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_reportlab_streams_show_the_same_strings_to_qpdf(mutations):
    data = bytearray(_reportlab_stream())
    for where, how, byte in mutations:
        i = int(where * len(data))
        if how == "flip":
            data[i] = byte
        elif how == "insert":
            data.insert(i, byte)
        else:
            del data[i]
    _assert_qpdf_shows_what_the_writer_shows(bytes(data))


def test_reportlab_and_sample_streams_show_the_same_strings_to_qpdf():
    from pathlib import Path

    streams = [_reportlab_stream()]
    for pdf in sorted((Path(__file__).resolve().parent.parent / "corpus_samples").rglob("*.pdf")):
        reader = PdfReader(pdf)
        streams.extend(page.get_contents().get_data() for page in reader.pages)
    checked = 0
    for data in streams:
        assert _shown_by_qpdf(data) == _shown_by_writer(data)
        checked += 1
    assert checked > 20


def test_two_byte_cmap_split_is_the_trie_walk():
    """The flat split of a two-byte CMap (UniGB-UCS2-H, STSong-Light's) gives what the
    CMap's trie walk gives: codes mapped and not, a last odd byte, CID 0's width."""
    from pdfminer.cmapdb import CMapDB

    from redactor.formats.pdf import fonts

    code2cid = CMapDB.get_cmap("UniGB-UCS2-H").code2cid
    flat = fonts._two_byte_codes(code2cid)
    assert flat is not None and len(flat) > 20000
    assert fonts._two_byte_codes({0x41: 7}) is None  # a one-byte code: the trie walk stays
    rng = random.Random(15)
    widths = {cid: float(rng.randrange(100, 1000)) for cid in rng.sample(range(30000), 5000)}
    widths[0] = 333.0
    trie = fonts._trie_split(code2cid, 2)
    split = fonts._two_byte_split(flat, widths, 1000.0)
    text = "中华人民共和国张某1×××被告人陈某犯故意伤害罪。Ab1"
    samples = [text.encode("utf-16-be"), text.encode("utf-16-be") + b"\x4e", b"", b"\x00",
               bytes([0xff, 0xff, 0xd8, 0x00])]
    samples += [bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40))) for _ in range(2000)]
    for data in samples:
        want = [(code, widths.get(cid, 1000.0)) for code, cid in trie(data)]
        assert split(data) == want
        assert split(data) == want  # the second time from the per-code widths
