"""DOCX reader and writer on real packages built with python-docx plus raw OOXML parts."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from redactor.formats.docx import ooxml as dx
from redactor.apply import apply_edits
from redactor.document import DocumentFormat
from redactor.errors import UnreadableDocument, WriteFailed
from redactor.formats.docx import reader as docx_reader
from redactor.formats import docx as docx_format
from redactor.formats.docx import writer as docx_writer
from tests.helpers.docx_packages import NSDECL, TEXTBOX_XML, base_docx, patch_package, edits_for

# full_docx and plain_docx, the packages most tests start from, are fixtures (tests/conftest.py).


def _all_member_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())


# --- reader ------------------------------------------------------------------------------


def test_read_finds_every_text_source_in_order(full_docx: Path):
    doc = docx_reader.read(full_docx)
    assert doc.format is DocumentFormat.DOCX
    assert doc.sha256 == hashlib.sha256(full_docx.read_bytes()).hexdigest()
    text = doc.text
    order = ["张三", "王小明", "赵六", "13800138000", "文本框吴十", "删除陈三", "页眉承办人钱七", "页脚孙八", "脚注周九", "批注郑一一"]
    positions = [text.find(v) for v in order]
    assert all(p >= 0 for p in positions), dict(zip(order, positions))
    assert positions == sorted(positions)
    # The text box is stored twice (Choice + Fallback) but read once; the runs around it stay apart.
    assert text.count("吴十") == 1
    assert "文本框前\n文本框吴十\n之后\n" in text
    # Each table cell paragraph is its own line.
    assert "\n证人赵六\n" in text and "\n电话13800138000\n" in text
    assert doc.metadata["core:creator"] == "作者卫四"
    assert doc.metadata["core:lastModifiedBy"] == "修改者卫五"
    assert doc.metadata["core:title"] == "张三盗窃案"
    assert doc.metadata["app:Company"] == "某某科技公司"
    assert doc.metadata["app:Manager"] == "经理韩七"
    assert doc.metadata["custom:当事人"] == "蒋五"
    assert "审阅人郑一" in doc.metadata["docx:authors"] and "修订人褚六" in doc.metadata["docx:authors"]


def test_offsets_point_at_the_text_nodes(full_docx: Path):
    doc = docx_reader.read(full_docx)
    with zipfile.ZipFile(full_docx) as zf:
        nodes = {name: dx.text_nodes(etree.fromstring(zf.read(name))) for name in doc.source_info["docx_text_parts"]}
    assert doc.offset_map.segments
    for seg in doc.offset_map.segments:
        part, index = seg.anchor
        node_text = nodes[part][index].text
        assert doc.text[seg.start : seg.end] == node_text[seg.offset : seg.offset + seg.length]
    # Every character outside the segments is synthetic: a line break, tab or nothing else.
    covered = set()
    for seg in doc.offset_map.segments:
        covered.update(range(seg.start, seg.end))
    assert {doc.text[i] for i in range(len(doc.text)) if i not in covered} <= {"\n", "\t"}
    start = doc.text.index("王小明")
    slices = doc.offset_map.locate(start, start + 3)
    assert [nodes[s.anchor[0]][s.anchor[1]].text for s in slices] == ["王", "小", "明"]
    assert {s.anchor[0] for s in slices} == {"word/document.xml"}
    footer_start = doc.text.index("孙八")
    (footer_slice,) = doc.offset_map.locate(footer_start, footer_start + 2)
    assert footer_slice.anchor[0].startswith("word/footer")
    assert nodes[footer_slice.anchor[0]][footer_slice.anchor[1]].text[footer_slice.start : footer_slice.end] == "孙八"


def test_fallback_with_different_text_is_read_too(tmp_path: Path):
    path = tmp_path / "hidden.docx"
    base_docx(path)
    hidden = TEXTBOX_XML.replace("<w:t>文本框吴十</w:t>", "<w:t>藏在备用分支的杨八</w:t>")
    patch_package(path, hidden, footnotes=True, comments=False, custom=False, company=False)
    doc = docx_reader.read(path)
    assert "文本框吴十" in doc.text and "藏在备用分支的杨八" in doc.text
    assert doc.source_info["docx_mirrors"] == []


# --- writer ------------------------------------------------------------------------------


def test_replacement_spanning_three_runs_keeps_formatting(plain_docx: Path, tmp_path: Path):
    doc = docx_reader.read(plain_docx)
    edits = edits_for(doc.text, {"王小明": "王某某"})
    out = tmp_path / "out.docx"
    docx_writer.write(doc, edits, out)
    para = next(p for p in docx.Document(str(out)).paragraphs if p.text.startswith("被告人"))
    assert para.text == "被告人王某某，住北京市。"
    runs = [(r.text, bool(r.bold), bool(r.italic), bool(r.underline)) for r in para.runs]
    assert runs == [
        ("被告人", False, False, False),
        ("王某某", True, False, False),
        ("", False, True, False),
        ("", False, False, True),
        ("，住北京市。", False, False, False),
    ]
    assert para.runs[3].font.size == Pt(14)


def test_written_text_equals_applied_edits(plain_docx: Path, tmp_path: Path):
    doc = docx_reader.read(plain_docx)
    edits = edits_for(
        doc.text,
        {"张三": "张某", "王小明": "王某某", "13800138000": "", "钱七": "钱某", "孙八": "孙某", "周九": "周某", "吴十": "吴某", "赵": "×"},
    )
    out = tmp_path / "out.docx"
    docx_writer.write(doc, edits, out)
    published = docx_reader.read(out)
    assert published.text == apply_edits(doc.text, edits)
    # The VML fallback copy of the text box got the same edit as the DrawingML copy.
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    fallbacks = root.findall(f".//{{{dx.MC_NS}}}Fallback")
    assert len(fallbacks) == 1
    assert "".join(t.text or "" for t in dx.text_nodes(fallbacks[0])) == "文本框吴某"
    # Leading space of the footnote text survived the edit.
    assert " 脚注周某" in published.text


def test_masked_values_and_hidden_data_are_gone(full_docx: Path, tmp_path: Path):
    src_bytes = full_docx.read_bytes()
    doc = docx_reader.read(full_docx)
    masked = {
        "张三": "张某",
        "王小明": "王某某",
        "赵六": "赵某",
        "13800138000": "",
        "钱七": "钱某",
        "孙八": "孙某",
        "周九": "周某",
        "吴十": "吴某",
        "冯二": "冯某",
        "陈三": "陈某",
        "郑一一": "郑某",
    }
    edits = edits_for(doc.text, masked)
    out = tmp_path / "out.docx"
    docx_writer.write(doc, edits, out)
    assert full_docx.read_bytes() == src_bytes

    texts = docx_format.extract(out)
    raw = _all_member_text(out)
    hidden = ["作者卫四", "修改者卫五", "某某科技公司", "经理韩七", "蒋五", "审阅人郑一", "修订人褚六", "批注郑", "删除"]
    for value in list(masked) + hidden:
        assert not any(value in t for t in texts), value
        assert value not in raw, value
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        content_types = zf.read("[Content_Types].xml").decode()
        rels = zf.read("word/_rels/document.xml.rels").decode() + zf.read("_rels/.rels").decode()
        body = zf.read("word/document.xml").decode()
    assert not {"word/comments.xml", "docProps/custom.xml", "docProps/thumbnail.jpeg"} & names
    assert not any(n.startswith("customXml/") for n in names)
    assert "comments" not in content_types and "custom-properties" not in content_types
    assert "comments" not in rels and "thumbnail" not in rels and "customXml" not in rels
    for tag in ("w:ins", "w:del ", "w:delText", "w:commentRangeStart", "w:commentReference"):
        assert f"<{tag}" not in body, tag
    published = docx_reader.read(out)
    # Accepting the revision keeps the insertion and drops the deletion.
    assert "修订：新增冯某。" in published.text
    assert not {k for k in published.metadata if k.startswith(("core:creator", "core:title", "app:", "custom:"))}
    # Body, headers, footers and footnotes read back exactly as the edits say; the
    # comment and the tracked deletion are gone.
    expected = apply_edits(doc.text, edits)
    assert expected.count("删除陈某") == 1 and expected.endswith("\n批注郑某\n")
    expected = expected.replace("删除陈某", "").removesuffix("批注郑某\n")
    assert published.text == expected


def test_masked_value_in_alt_text_is_scrubbed(plain_docx: Path, tmp_path: Path):
    doc = docx_reader.read(plain_docx)
    assert "张三" not in doc.text.split("\n", 1)[1]  # only the body mention is in the text
    out = tmp_path / "out.docx"
    docx_writer.write(doc, edits_for(doc.text, {"张三": "张某"}), out)
    raw = _all_member_text(out)
    assert "张三" not in raw
    assert 'descr="张某的照片"' in raw


REVISIONS_XML = """
<w:p><w:pPr><w:rPr><w:del w:id="11" w:author="甲" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>
<w:r><w:t>前半句</w:t></w:r></w:p>
<w:p><w:r><w:t>后半句</w:t></w:r><w:moveFrom w:id="12" w:author="甲"><w:r><w:t>搬走的褚六</w:t></w:r></w:moveFrom></w:p>
<w:p><w:moveTo w:id="13" w:author="甲"><w:r><w:t>搬来的褚六</w:t></w:r></w:moveTo>
<w:r><w:rPr><w:b/><w:rPrChange w:id="14" w:author="甲"><w:rPr/></w:rPrChange></w:rPr><w:t>格式修订</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>保留行</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:trPr><w:del w:id="15" w:author="甲"/></w:trPr><w:tc><w:p><w:r><w:t>删除行魏七</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>原文</w:t></w:r><w:del w:id="16" w:author="甲"><w:r><w:delText>删去的沈</w:delText></w:r></w:del><w:r><w:t>九说</w:t></w:r></w:p>
"""


def test_tracked_changes_are_accepted(tmp_path: Path):
    path = tmp_path / "revisions.docx"
    base_docx(path)
    patch_package(path, REVISIONS_XML, footnotes=False, comments=False, custom=False, company=False)
    doc = docx_reader.read(path)
    # Deleted and moved-away text is readable in the file, so the detectors see it.
    assert "搬走的褚六" in doc.text and "删除行魏七" in doc.text and "删去的沈九说" in doc.text
    # A value that starts in deleted text and ends in kept text: the replacement lands on the kept part.
    edits = edits_for(doc.text, {"沈九": "沈某", "褚六": "褚某"})
    out = tmp_path / "out.docx"
    docx_writer.write(doc, edits, out)
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "前半句后半句" in paragraphs  # the deleted paragraph mark joined the two paragraphs
    assert "搬来的褚某格式修订" in paragraphs
    assert "原文沈某说" in paragraphs
    raw = _all_member_text(out)
    for gone in ("搬走", "删除行魏七", "删去", "rPrChange", "w:author", "沈九", "褚六"):
        assert gone not in raw, gone
    assert "保留行" in raw


def test_writer_refuses_to_touch_the_input(plain_docx: Path, tmp_path: Path):
    doc = docx_reader.read(plain_docx)
    before = plain_docx.read_bytes()
    with pytest.raises(WriteFailed):
        docx_writer.write(doc, [], plain_docx)
    assert plain_docx.read_bytes() == before
    plain_docx.write_bytes(before + b"\0")  # changed after reading
    with pytest.raises(WriteFailed) as err:
        docx_writer.write(doc, [], tmp_path / "x.docx")
    assert err.value.reason == "source_changed"
    assert not (tmp_path / "x.docx").exists()


def test_published_texts_join_runs_of_a_paragraph(tmp_path: Path):
    path = tmp_path / "split.docx"
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("李")
    p.add_run("四").bold = True
    d.core_properties.author = "作者某"
    d.save(str(path))
    texts = docx_format.extract(path)
    assert any("李四" in t for t in texts)
    assert any("作者某" in t for t in texts)


# --- unreadable ----------------------------------------------------------------------------


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _minimal_members(document_xml: bytes) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": document_xml,
    }


def _declared_size_bomb() -> bytes:
    data = bytearray(_zip_bytes(_minimal_members(f'<w:document {NSDECL}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>'.encode())))
    # Patch every central-directory entry to declare ~4 GB uncompressed.
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        struct.pack_into("<I", data, pos + 24, 0xFFFFFFF0)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def _ratio_bomb() -> bytes:
    body = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 400_000  # ~14 MB, compresses > 500:1
    return _zip_bytes(_minimal_members(f"<w:document {NSDECL}><w:body>".encode() + body + b"</w:body></w:document>"))


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""

ALTCHUNK_RELS = (
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1"'
    b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk.html"/>'
    b"</Relationships>"
)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty_file"),
        (b"PK\x03\x04 this is not really a zip", "docx_corrupt_zip"),
        (dx.OLE_MAGIC + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64, "encrypted"),
        (dx.OLE_MAGIC + b"\0" * 512, "docx_legacy_ole"),
        (_zip_bytes({"[Content_Types].xml": b"<Types/>", "word/other.xml": b"<x/>"}), "docx_no_document"),
        (_zip_bytes(_minimal_members(XXE)), "docx_xml_dtd"),
        (_zip_bytes(_minimal_members(LAUGHS)), "docx_xml_dtd"),
        (_zip_bytes(_minimal_members(b"<w:document><unclosed>")), "docx_bad_xml"),
        (_declared_size_bomb(), "docx_zip_bomb"),
        (_ratio_bomb(), "docx_zip_bomb"),
        (_zip_bytes(_minimal_members(f"<w:document {NSDECL}><w:body><w:p/></w:body></w:document>".encode())), "empty"),
        (_zip_bytes(_minimal_members(b"") | {"word/_rels/document.xml.rels": ALTCHUNK_RELS}), "docx_altchunk"),
        (_zip_bytes(_minimal_members(b"<workbook><t>x</t></workbook>")), "docx_not_wordprocessing"),
    ],
    ids=["empty", "corrupt", "encrypted", "legacy-doc", "no-document", "xxe", "billion-laughs", "bad-xml",
         "declared-size-bomb", "ratio-bomb", "no-text", "altchunk", "not-word"],
)
def test_unreadable_packages_fail_closed(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as err:
        docx_reader.read(path)
    assert err.value.reason == reason
    assert "root:" not in str(err.value)  # nothing of /etc/passwd, nothing of the document


def test_lying_declared_size_is_caught_while_reading(tmp_path: Path):
    """A member that inflates past its declared size is stopped at the read limit."""
    members = _minimal_members(f'<w:document {NSDECL}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>'.encode())
    pkg = dx.open_package(_zip_bytes(members))
    with pytest.raises(UnreadableDocument) as err:
        pkg.read_member("word/document.xml", limit=10)
    assert err.value.reason == "docx_zip_bomb"
