"""Builders of hostile and broken inputs, shared by the hostile-input, security, fuzz and
fault tests. Every file is generated here from real libraries (reportlab, pypdf,
python-docx, zipfile): nothing is checked in.

``build_corpus(root)`` writes the whole bad-input corpus and returns, per relative path,
the outcome the batch must reach: a status and the reason codes accepted for it.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

CID = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CID))

# Values that must never appear in clear outside the review folder.
ID = "110101198503121236"
PHONE = "13812345678"
NAME = "曹兰"
STREET = "中关村大街27号院3号楼502室"
SECRETS = (ID, PHONE, STREET)

JUDGMENT = [
    "北京市海淀区人民法院",
    "民事判决书",
    "（2023）京0108民初1234号",
    f"原告：{NAME}，女，1985年3月12日出生，汉族，住北京市海淀区{STREET}，公民身份号码{ID}。",
    "被告：李强，男，1979年1月2日出生，汉族，住北京市朝阳区。",
    f"原告{NAME}与被告李强民间借贷纠纷一案，本院于2023年1月5日立案后，依法公开开庭进行了审理。",
    f"经审理查明：李强向{NAME}借款10万元，{NAME}的联系电话为{PHONE}。",
    "判决如下：被告李强于本判决生效之日起十日内偿还原告借款100000元。",
    "审 判 长　钱多多",
    "二〇二三年五月六日",
    "书 记 员　孙丽",
]
JUDGMENT_TEXT = "\n".join(JUDGMENT) + "\n"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@dataclass(frozen=True)
class Expect:
    status: str  # published | failed | withheld | review
    reasons: tuple[str, ...] = ()  # accepted reason codes for a failure ("" = any non-empty)


# --- PDF -------------------------------------------------------------------------------------


def pdf_bytes(lines=JUDGMENT, pages: int = 1, encrypt=None, draw=None, font: str = CID) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, encrypt=encrypt)
    for p in range(pages):
        y = A4[1] - 72
        c.setFont(font, 12)
        for line in lines:
            c.drawString(72, y, line)
            y -= 20
        if draw:
            draw(c, p)
        c.showPage()
    c.save()
    return buf.getvalue()


def _image(width=400, height=560):
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(img)
    for y in range(40, height - 40, 24):
        d.rectangle([30, y, width - 30, y + 10], fill="black")  # lines of "scanned" text
    return ImageReader(img)


def scanned_pdf(with_stamp: bool = False) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.drawImage(_image(), 30, 60, A4[0] - 60, A4[1] - 100)
    if with_stamp:
        c.setFont(CID, 10)
        c.drawCentredString(A4[0] / 2, 30, "第1页")
    c.showPage()
    c.save()
    return buf.getvalue()


def outlined_text_pdf() -> bytes:
    """Text drawn as vector outlines: looks like text, has no text layer."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    for i in range(30):
        p = c.beginPath()
        p.moveTo(72 + i * 10, 700)
        p.curveTo(75 + i * 10, 720, 78 + i * 10, 690, 80 + i * 10, 700)
        c.drawPath(p, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def _pypdf_writer(data: bytes):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    w.append(PdfReader(io.BytesIO(data)))
    return w


def _written(w) -> bytes:
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


JS_MARKER = "JSMARKERxq7"  # JavaScript source is ASCII in practice
HIDDEN_MARKERS = {
    "annotation": "批注隐藏内容甲乙丙",
    "attachment": "附件隐藏内容丁戊己",
    "info": "属性隐藏内容癸子丑",
    "xmp": "XMP隐藏内容寅卯辰",
    "form": "表单隐藏内容巳午未",
    "older_revision": "旧版本隐藏内容申酉戌",
}


def pdf_with_annotation(data: bytes) -> bytes:
    from pypdf.annotations import FreeText, Text

    w = _pypdf_writer(data)
    w.add_annotation(0, Text(text=HIDDEN_MARKERS["annotation"] + PHONE, rect=(50, 550, 200, 650)))
    w.add_annotation(0, FreeText(text=HIDDEN_MARKERS["annotation"], rect=(300, 50, 500, 100)))
    return _written(w)


def pdf_with_attachment(data: bytes) -> bytes:
    w = _pypdf_writer(data)
    w.add_attachment("证据.txt", (HIDDEN_MARKERS["attachment"] + ID).encode("utf-8"))
    return _written(w)


def pdf_with_javascript(data: bytes) -> bytes:
    """Document-level JavaScript (the /Names tree) and an /OpenAction running it."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    w = _pypdf_writer(data)
    js = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                           NameObject("/JS"): TextStringObject(f"app.alert('{JS_MARKER} {PHONE}');")})
    ref = w._add_object(js)
    w._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("init"), ref])})})
    w._root_object[NameObject("/OpenAction")] = ref
    return _written(w)


def pdf_with_metadata(data: bytes) -> bytes:
    from pypdf.generic import DecodedStreamObject, NameObject

    w = _pypdf_writer(data)
    w.add_metadata({"/Author": HIDDEN_MARKERS["info"], "/Subject": NAME + ID, "/Keywords": PHONE})
    xmp = DecodedStreamObject()
    xmp.set_data(('<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
                  'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                  f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{HIDDEN_MARKERS["xmp"]}</dc:creator>'
                  '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode("utf-8"))
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    w._root_object[NameObject("/Metadata")] = w._add_object(xmp)
    return _written(w)


def pdf_with_form_field(data: bytes) -> bytes:
    """An AcroForm text field whose value is a hidden string."""
    from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject,
                               TextStringObject)

    w = _pypdf_writer(data)
    field = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("party"),
        NameObject("/V"): TextStringObject(HIDDEN_MARKERS["form"] + ID),
        NameObject("/Rect"): ArrayObject([FloatObject(x) for x in (300, 100, 500, 120)]),
        NameObject("/F"): NumberObject(2),  # hidden
    })
    ref = w._add_object(field)
    page = w.pages[0]
    page[NameObject("/Annots")] = ArrayObject([ref])
    w._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([ref])})
    return _written(w)


def pdf_with_form_xobject() -> bytes:
    """The party line drawn through a form XObject (reportlab's beginForm/doForm)."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.beginForm("party")
    c.setFont(CID, 12)
    c.drawString(72, 600, JUDGMENT[3])
    c.endForm()
    y = A4[1] - 72
    c.setFont(CID, 12)
    for line in JUDGMENT[:3] + JUDGMENT[4:]:
        c.drawString(72, y, line)
        y -= 20
    c.doForm("party")
    c.showPage()
    c.save()
    return buf.getvalue()


def pdf_incremental_update(data_with_secret: bytes) -> bytes:
    """Revision 1 holds a line with hidden text; revision 2 (an incremental update appended
    to the same file) replaces the page content. A viewer shows revision 2; the bytes still
    carry revision 1."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    w = PdfWriter(io.BytesIO(data_with_secret), incremental=True)
    clean = PdfReader(io.BytesIO(pdf_bytes())).pages[0].get_contents().get_data()
    stream = DecodedStreamObject()
    stream.set_data(clean)
    w.pages[0][NameObject("/Contents")] = w._add_object(stream)
    out = _written(w)
    assert out.startswith(data_with_secret[:64]) and out.count(b"%%EOF") >= 2
    return out


def pdf_hidden_layer() -> bytes:
    """Text inside an optional-content group that is OFF: invisible in a viewer, in the bytes."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject, DecodedStreamObject

    base = pdf_bytes()
    w = _pypdf_writer(base)
    ocg = w._add_object(DictionaryObject({NameObject("/Type"): NameObject("/OCG"),
                                          NameObject("/Name"): TextStringObject("hidden")}))
    w._root_object[NameObject("/OCProperties")] = DictionaryObject({
        NameObject("/OCGs"): ArrayObject([ocg]),
        NameObject("/D"): DictionaryObject({NameObject("/OFF"): ArrayObject([ocg])}),
    })
    page = w.pages[0]
    res = page["/Resources"].get_object()
    res[NameObject("/Properties")] = DictionaryObject({NameObject("/OC1"): ocg})
    fonts = res["/Font"].get_object()
    font_name = next(k for k, v in fonts.items() if "STSong" in str(v.get_object().get("/BaseFont")))
    hidden_text = "隐藏层当事人" + NAME  # UniGB-UCS2-H: two bytes per character
    hidden = f"/OC /OC1 BDC BT {font_name} 12 Tf 72 100 Td <{hidden_text.encode('utf-16-be').hex()}> Tj ET EMC\n".encode()
    content = page.get_contents().get_data() + b"\n" + hidden
    s = DecodedStreamObject()
    s.set_data(content)
    page[NameObject("/Contents")] = w._add_object(s)
    return _written(w)


def pdf_corrupt_xref(data: bytes) -> bytes:
    """Every xref offset wrong: pdfium rebuilds the table by scanning the file."""
    i = data.rfind(b"xref")
    head, tail = data[:i], data[i:]
    import re

    tail = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), tail)
    return head + tail


def pdf_corrupt_stream(data: bytes) -> bytes:
    """The first compressed content stream's bytes scrambled (the deflate stream is broken)."""
    i = data.find(b"stream\n")
    j = data.find(b"endstream", i)
    body = bytearray(data[i + 7:j])
    rnd = random.Random(7)
    for k in range(2, len(body) - 2):
        body[k] = rnd.randrange(256)
    return data[:i + 7] + bytes(body) + data[j:]


# --- DOCX ------------------------------------------------------------------------------------


def docx_bytes(paragraphs=JUDGMENT, build=None) -> bytes:
    import docx

    d = docx.Document()
    for line in paragraphs:
        d.add_paragraph(line)
    if build:
        build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def docx_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def docx_replace(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """A copy of the package with members replaced (None deletes the member)."""
    members = docx_members(data)
    for name, value in changes.items():
        if value is None:
            members.pop(name, None)
        else:
            members[name] = value
    return zip_bytes(members)


def document_xml(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>').encode("utf-8")


def para(text: str, rpr: str = "") -> str:
    return f'<w:p><w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


XXE_DOC = (b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
           b"</w:body></w:document>")
XXE_PARAMETER = (b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/x.dtd"> %ext;]>\n'
                 b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body/></w:document>')
LAUGHS_DOC = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                         for i in range(1, 10))
              + b']>\n<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r>'
              b"</w:p></w:body></w:document>")
UTF16_DTD_DOC = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
                 f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>'
                 ).encode("utf-16")


def ratio_bomb_docx() -> bytes:
    """document.xml inflating from ~60 KB to ~60 MB."""
    body = para("原告") + "<w:p/>" * 8_500_000
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": document_xml(body)})


def declared_size_bomb_docx(data: bytes) -> bytes:
    buf = bytearray(data)
    pos = buf.find(b"PK\x01\x02")
    while pos >= 0:
        struct.pack_into("<I", buf, pos + 24, 0xFFFFFFF0)
        pos = buf.find(b"PK\x01\x02", pos + 4)
    return bytes(buf)


def many_members_docx(data: bytes) -> bytes:
    members = docx_members(data)
    for i in range(6000):
        members[f"word/media/x{i}.bin"] = b""
    return zip_bytes(members, zipfile.ZIP_STORED)


def nested_zip_docx(data: bytes) -> bytes:
    """A 42.zip-style member: a zip inside the package (an embedded "object") of zips."""
    inner = zip_bytes({"a.txt": b"\0" * 5_000_000})
    inner2 = zip_bytes({f"i{i}.zip": inner for i in range(10)})
    members = docx_members(data)
    members["word/embeddings/oleObject1.bin"] = inner2
    return zip_bytes(members)


def encrypted_member_docx(data: bytes) -> bytes:
    buf = bytearray(data)
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = buf.find(sig)
        while pos >= 0:
            struct.pack_into("<H", buf, pos + off, struct.unpack_from("<H", buf, pos + off)[0] | 1)
            pos = buf.find(sig, pos + 4)
    return bytes(buf)


def duplicate_member_docx(data: bytes) -> bytes:
    buf = io.BytesIO()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, content in docx_members(data).items():
                zf.writestr(name, content)
            zf.writestr("word/document.xml", document_xml(para("另一个版本")))
    return buf.getvalue()


def corrupt_member_docx(data: bytes) -> bytes:
    """document.xml's deflate stream damaged in the middle (its CRC no longer matches)."""
    buf = bytearray(data)
    zf = zipfile.ZipFile(io.BytesIO(data))
    info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + info.compress_size // 3, start + info.compress_size // 3 + 40):
        buf[k] ^= 0x5A
    return bytes(buf)


def hidden_text_docx() -> bytes:
    """A run formatted as hidden (w:vanish) and one as web-hidden carry personal data."""
    body = "".join(para(t) for t in JUDGMENT[:3])
    body += ('<w:p><w:r><w:t xml:space="preserve">原告：</w:t></w:r>'
             f'<w:r><w:rPr><w:vanish/></w:rPr><w:t>{NAME}，公民身份号码{ID}，</w:t></w:r>'
             f'<w:r><w:rPr><w:webHidden/></w:rPr><w:t>电话{PHONE}</w:t></w:r>'
             '<w:r><w:t>女，汉族。</w:t></w:r></w:p>')
    body += "".join(para(t) for t in JUDGMENT[4:])
    return docx_replace(docx_bytes(), {"word/document.xml": document_xml(body)})


def huge_paragraph_docx(chars: int = 200_000) -> bytes:
    filler = "本院经审理查明原告与被告之间存在民间借贷关系双方约定借款期限及利息，"
    text = (filler * (chars // len(filler) + 1))[:chars]
    body = "".join(para(t) for t in JUDGMENT[:3]) + para(text) + "".join(para(t) for t in JUDGMENT[3:])
    return docx_replace(docx_bytes(), {"word/document.xml": document_xml(body)})


# --- the corpus --------------------------------------------------------------------------------


def build_corpus(root: Path, large: bool = True) -> dict[str, Expect]:
    """Write the bad-input corpus under ``root``; returns {relative path: expected outcome}."""
    rnd = random.Random(20240601)
    root.mkdir(parents=True, exist_ok=True)
    good_pdf = pdf_bytes()
    good_docx = docx_bytes()
    files: dict[str, tuple[bytes, Expect]] = {}

    def add(rel: str, data: bytes, status: str, *reasons: str) -> None:
        files[rel] = (data, Expect(status, reasons))

    junk = bytes(rnd.randrange(256) for _ in range(20_000))
    junk_no_nul = bytes(rnd.randrange(0x80, 256) for _ in range(20_000))

    # empty and junk
    add("empty/empty.txt", b"", "failed", "empty")
    add("empty/empty.docx", b"", "failed", "empty_file")
    add("empty/empty.pdf", b"", "failed", "not_pdf")
    add("empty/whitespace.txt", b" \r\n\t\n\xe3\x80\x80\n", "failed", "empty")
    add("junk/junk.txt", junk, "failed", "binary_content", "bad_encoding")
    add("junk/high_bytes.txt", junk_no_nul, "failed", "bad_encoding")
    add("junk/junk.docx", junk, "failed", "docx_corrupt_zip")
    add("junk/junk.pdf", junk, "failed", "not_pdf")
    add("junk/zip_header_only.docx", b"PK\x03\x04" + junk[:100], "failed", "docx_corrupt_zip")
    add("junk/pdf_header_only.pdf", b"%PDF-1.7\n", "failed", "truncated")
    add("junk/pdf_header_and_eof.pdf", b"%PDF-1.4\n" + junk[:3000] + b"\n%%EOF\n", "failed", "corrupt")
    # wrong extensions
    add("ext/pdf_named.docx", good_pdf, "failed", "wrong_extension")
    add("ext/docx_named.pdf", good_docx, "failed", "wrong_extension")
    add("ext/docx_named.txt", good_docx, "failed", "wrong_extension")
    add("ext/pdf_named.txt", good_pdf, "failed", "wrong_extension")
    add("ext/html_named.docx", ("<html><body>" + JUDGMENT_TEXT + "</body></html>").encode(), "failed",
        "docx_corrupt_zip")
    add("ext/wps_renamed.docx", bytes.fromhex("d0cf11e0a1b11ae1") + junk[:4000], "failed", "docx_legacy_ole")
    add("ext/encrypted_office.docx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 100
        + "EncryptedPackage".encode("utf-16-le") + junk[:2000], "failed", "encrypted")
    # .doc/.wps are read through LibreOffice (formats/legacy): these fail before any conversion
    add("ext/legacy.doc", bytes.fromhex("d0cf11e0a1b11ae1") + junk[:4000], "failed", "corrupt")
    add("ext/legacy.wps", junk[:4000], "failed", "wrong_extension")
    add("ext/scan.ofd", zip_bytes({"OFD.xml": b"<ofd:OFD/>"}), "failed", "corrupt")
    # truncated / corrupt PDF
    add("pdf/truncated_half.pdf", good_pdf[: len(good_pdf) // 2], "failed", "truncated")
    add("pdf/truncated_before_eof.pdf", good_pdf[:-8], "failed", "truncated", "corrupt")
    add("pdf/corrupt_xref.pdf", pdf_corrupt_xref(good_pdf), "published")
    add("pdf/corrupt_stream.pdf", pdf_corrupt_stream(good_pdf), "failed", "no_text_layer", "empty", "corrupt")
    add("pdf/no_pages.pdf", _written(__import__("pypdf").PdfWriter()), "failed", "no_pages")
    # encryption
    from reportlab.lib.pdfencrypt import StandardEncryption

    add("pdf/user_password.pdf", pdf_bytes(encrypt=StandardEncryption("user", "owner")), "failed", "encrypted")
    add("pdf/user_password_strong.pdf",
        pdf_bytes(encrypt=StandardEncryption("user", "owner", strength=128)), "failed", "encrypted")
    from pypdf import PdfWriter as _W

    aes = _pypdf_writer(good_pdf)
    aes.encrypt("user-pw", "owner-pw", algorithm="AES-256")
    add("pdf/user_password_aes256.pdf", _written(aes), "failed", "encrypted")
    add("pdf/owner_password_only.pdf", pdf_bytes(encrypt=StandardEncryption("", "owner", canCopy=0)),
        "published")
    # image-only and outline-only
    add("pdf/scanned.pdf", scanned_pdf(), "failed", "no_text_layer")
    add("pdf/scanned_with_page_number.pdf", scanned_pdf(with_stamp=True), "failed", "scanned_page")
    add("pdf/outlined_text.pdf", outlined_text_pdf(), "failed", "no_text_layer")
    # PDFs with things behind the text: published, sanitised (test_security reads the bytes)
    add("pdf/annotations.pdf", pdf_with_annotation(good_pdf), "published")
    add("pdf/attachment.pdf", pdf_with_attachment(good_pdf), "published")
    add("pdf/javascript.pdf", pdf_with_javascript(good_pdf), "published")
    add("pdf/metadata_xmp.pdf", pdf_with_metadata(good_pdf), "published")
    add("pdf/form_field.pdf", pdf_with_form_field(good_pdf), "published")
    add("pdf/form_xobject.pdf", pdf_with_form_xobject(), "published")
    add("pdf/hidden_layer.pdf", pdf_hidden_layer(), "published")
    older = pdf_bytes(JUDGMENT + [HIDDEN_MARKERS["older_revision"] + ID])
    add("pdf/incremental_update.pdf", pdf_incremental_update(older), "published")
    _ = _W
    # broken DOCX packages
    add("docx/truncated.docx", good_docx[: len(good_docx) // 2], "failed", "docx_corrupt_zip")
    add("docx/corrupt_member.docx", corrupt_member_docx(good_docx), "failed", "docx_corrupt_zip", "docx_bad_xml")
    add("docx/missing_document_part.docx", docx_replace(good_docx, {"word/document.xml": None}), "failed",
        "docx_no_document")
    add("docx/missing_content_types.docx", docx_replace(good_docx, {"[Content_Types].xml": None}), "failed",
        "docx_python_docx_failed")
    add("docx/missing_package_rels.docx", docx_replace(good_docx, {"_rels/.rels": None}), "failed",
        "docx_python_docx_failed")
    add("docx/bad_xml.docx", docx_replace(good_docx, {"word/document.xml": b"<w:document><w:body><w:p>"}),
        "failed", "docx_bad_xml")
    add("docx/xxe.docx", docx_replace(good_docx, {"word/document.xml": XXE_DOC}), "failed", "docx_xml_dtd")
    add("docx/xxe_parameter_entity.docx", docx_replace(good_docx, {"word/document.xml": XXE_PARAMETER}), "failed",
        "docx_xml_dtd")
    add("docx/xxe_utf16.docx", docx_replace(good_docx, {"word/document.xml": UTF16_DTD_DOC}), "failed",
        "docx_xml_dtd")
    add("docx/xxe_in_properties.docx", docx_replace(good_docx, {"docProps/core.xml": XXE_DOC}), "failed",
        "docx_xml_dtd")
    add("docx/billion_laughs.docx", docx_replace(good_docx, {"word/document.xml": LAUGHS_DOC}), "failed",
        "docx_xml_dtd")
    add("docx/zip_bomb_ratio.docx", ratio_bomb_docx(), "failed", "docx_zip_bomb")
    add("docx/zip_bomb_declared_size.docx", declared_size_bomb_docx(good_docx), "failed", "docx_zip_bomb")
    add("docx/zip_bomb_many_members.docx", many_members_docx(good_docx), "failed", "docx_zip_bomb")
    add("docx/nested_zip_embedding.docx", nested_zip_docx(good_docx), "failed", "docx_embedded_object")
    add("docx/encrypted_members.docx", encrypted_member_docx(good_docx), "failed", "encrypted")
    add("docx/duplicate_members.docx", duplicate_member_docx(good_docx), "failed", "docx_corrupt_zip")
    add("docx/no_text.docx", docx_bytes([]), "failed", "empty")
    add("docx/hidden_text.docx", hidden_text_docx(), "published")
    # text encodings
    add("txt/gbk.txt", JUDGMENT_TEXT.encode("gbk"), "published")
    add("txt/utf16_bom.txt", JUDGMENT_TEXT.encode("utf-16"), "published")
    add("txt/utf8_bom_crlf.txt", b"\xef\xbb\xbf" + JUDGMENT_TEXT.replace("\n", "\r\n").encode(), "published")
    add("txt/utf16_no_bom.txt", JUDGMENT_TEXT.encode("utf-16-le"), "failed", "binary_content")
    add("txt/bad_bom.txt", b"\xef\xbb\xbf" + JUDGMENT_TEXT.encode("gbk"), "failed", "bad_encoding")
    half = len(JUDGMENT) // 2
    mixed = ("\n".join(JUDGMENT[:half]) + "\n").encode("utf-8") + ("\n".join(JUDGMENT[half:]) + "\n").encode("gbk")
    add("txt/mixed_utf8_gbk.txt", mixed, "failed", "mixed_encoding", "bad_encoding")
    # a GBK template filled with a UTF-8 name: valid GB18030 bytes, the name would be mojibake
    add("txt/gbk_with_utf8_name.txt", JUDGMENT_TEXT.replace(NAME, "@@").encode("gbk").replace(
        b"@@", NAME.encode("utf-8")), "failed", "mixed_encoding")
    add("ext/rtf_named.docx", ("{\\rtf1\\ansi " + JUDGMENT_TEXT + "}").encode("gbk"), "failed", "wrong_extension")
    add("txt/big5.txt", "臺灣高等法院民事判決\n".encode("big5") * 40 + JUDGMENT_TEXT.encode("big5", "replace"),
        "failed", "bad_encoding")
    add("txt/control_chars.txt", ("\x01\x02\x03\x04" * 200 + JUDGMENT_TEXT).encode("utf-8"), "failed",
        "bad_encoding")
    # large but valid
    if large:
        add("large/big.txt", (JUDGMENT_TEXT * 1).encode() + ("本院认为，原告的诉讼请求于法有据，予以支持。\n" * 12_000).encode(),
            "published")
        add("large/huge_paragraph.docx", huge_paragraph_docx(), "published")
        add("large/many_pages.pdf", pdf_bytes(pages=25), "published")
    for rel, (data, _) in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return {rel: exp for rel, (_, exp) in files.items()}


def tree_digest(root: Path) -> dict[str, tuple[str, int, int]]:
    """sha256, size and mtime_ns of every file under ``root``: 'the input is untouched'."""
    import hashlib

    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            st = p.stat()
            out[p.relative_to(root).as_posix()] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_size,
                                                   st.st_mtime_ns)
    return out


def os_environ_with(**kw: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(kw)
    return env


# --- a DOCX with everything a word processor hides --------------------------------------------

DOCX_HIDDEN_MARKERS = {
    "comment": "批注内容壹贰叁",
    "deleted": "删除的修订肆伍陆",
    "custom_xml": "自定义XML柒捌玖",
    "custom_property": "自定义属性拾佰仟",
    "core_author": "作者属性甲子乙丑",
    "app_company": "公司属性丙寅丁卯",
}
_CT = "application/vnd.openxmlformats-officedocument."


def _with_rel(xml: bytes, rel_id: str, rel_type: str, target: str) -> bytes:
    tag = (f'<Relationship Id="{rel_id}" Type="{REL_BASE}{rel_type}" Target="{target}"/>').encode()
    return xml.replace(b"</Relationships>", tag + b"</Relationships>")


def _with_override(xml: bytes, part: str, content_type: str) -> bytes:
    tag = f'<Override PartName="{part}" ContentType="{content_type}"/>'.encode()
    return xml.replace(b"</Types>", tag + b"</Types>")


def hidden_data_docx() -> bytes:
    """The judgment plus: a comment, tracked insertion and deletion (the deletion holds the ID),
    hidden (w:vanish) and web-hidden runs with values, a customXml data part, custom and
    core/app properties with personal data."""
    import docx

    d = docx.Document()
    d.core_properties.author = DOCX_HIDDEN_MARKERS["core_author"]
    d.core_properties.last_modified_by = NAME
    d.core_properties.title = f"{NAME}民间借贷纠纷"
    for line in JUDGMENT:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    m = docx_members(buf.getvalue())
    W = f'xmlns:w="{W_NS}"'
    extra = (
        '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>本院认为</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
        '<w:p><w:r><w:t>修订：</w:t></w:r><w:ins w:id="5" w:author="修订人" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:t>新增内容</w:t></w:r></w:ins><w:del w:id="6" w:author="修订人" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:delText>{DOCX_HIDDEN_MARKERS["deleted"]}身份证{ID}</w:delText></w:r></w:del></w:p>'
        f'<w:p><w:r><w:t xml:space="preserve">隐藏：</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>'
        f'<w:t>公民身份号码{ID}</w:t></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:t>电话{PHONE}</w:t></w:r></w:p>'
    )
    m["word/document.xml"] = m["word/document.xml"].replace(b"<w:sectPr", extra.encode() + b"<w:sectPr", 1)
    m["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {W}><w:comment w:id="0" '
        f'w:author="{NAME}" w:initials="CL"><w:p><w:r><w:t>{DOCX_HIDDEN_MARKERS["comment"]}{PHONE}</w:t></w:r></w:p>'
        "</w:comment></w:comments>").encode()
    rels = "word/_rels/document.xml.rels"
    m[rels] = _with_rel(m[rels], "rId901", "comments", "comments.xml")
    m["[Content_Types].xml"] = _with_override(m["[Content_Types].xml"], "/word/comments.xml",
                                              _CT + "wordprocessingml.comments+xml")
    m["customXml/item1.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><case><party>'
                                f'{DOCX_HIDDEN_MARKERS["custom_xml"]}{ID}</party></case>').encode()
    m[rels] = _with_rel(m[rels], "rId902", "customXml", "../customXml/item1.xml")
    m["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties '
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="party">'
        f'<vt:lpwstr>{DOCX_HIDDEN_MARKERS["custom_property"]}{PHONE}</vt:lpwstr></property></Properties>').encode()
    m["_rels/.rels"] = _with_rel(m["_rels/.rels"], "rId903", "custom-properties", "docProps/custom.xml")
    m["[Content_Types].xml"] = _with_override(m["[Content_Types].xml"], "/docProps/custom.xml",
                                              _CT + "custom-properties+xml")
    m["docProps/app.xml"] = m["docProps/app.xml"].replace(
        b"<Company/>", f"<Company>{DOCX_HIDDEN_MARKERS['app_company']}</Company>".encode())
    return zip_bytes(m)
