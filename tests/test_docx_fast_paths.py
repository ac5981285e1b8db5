"""The DOCX byte-level shortcuts (skip parsing parts the bytes prove text-free) and the
published-text pass that replaced python-docx: they must see at least what the slow ways saw."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from redactor.formats.docx import ooxml as dx
from redactor.errors import UnreadableDocument
from redactor.formats.docx import reader as docx_reader
from redactor.formats import docx as docx_format
from redactor.formats.docx import scrub as docx_scrub
from redactor.formats.docx import writer as docx_writer
from tests.helpers.docx_packages import NSDECL, edits_for


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _replace_members(src: Path, dest: Path, members: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in members:
                continue
            zout.writestr(info.filename, zin.read(info.filename))
        for name, data in members.items():
            if data is not None:
                zout.writestr(name, data)
    return dest


def _python_docx_texts(path: Path) -> list[str]:
    """What the old verify read through python-docx (the oracle for the XML pass)."""
    d = docx.Document(str(path))
    out: list[str] = []

    def block_texts(container) -> None:
        for p in container.paragraphs:
            out.append(p.text)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    block_texts(cell)

    block_texts(d)
    for section in d.sections:
        for hf in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                   section.even_page_header, section.even_page_footer):
            if not hf.is_linked_to_previous:
                block_texts(hf)
    cp = d.core_properties
    for attr in ("author", "last_modified_by", "title", "subject", "keywords", "comments", "category",
                 "content_status"):
        if getattr(cp, attr, ""):
            out.append(str(getattr(cp, attr)))
    return [t for t in out if t]


# Paragraph shapes where python-docx reads differently from "text nodes joined": a content
# control and a field between runs (python-docx skips them, joining what is around them),
# a hyperlink, a non-breaking hyphen (python-docx reads "-"), a smart tag.
ODD_PARAGRAPHS = """
<w:p><w:r><w:t>当事人张</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>（控件）</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>三丰</w:t></w:r></w:p>
<w:p><w:r><w:t>电话010</w:t></w:r><w:r><w:noBreakHyphen/><w:t>12345678</w:t></w:r></w:p>
<w:p><w:hyperlink r:id="rIdNone"><w:r><w:t>链接李</w:t></w:r></w:hyperlink><w:r><w:t>四</w:t></w:r></w:p>
<w:p><w:r><w:t>字段</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> AUTHOR </w:instrText></w:r><w:r><w:t>王</w:t></w:r><w:smartTag w:uri="u" w:element="e"><w:r><w:t>五</w:t></w:r></w:smartTag></w:p>
"""


def _odd_docx(full_docx: Path, tmp_path: Path) -> Path:
    with zipfile.ZipFile(full_docx) as zf:
        body = zf.read("word/document.xml").decode()
    body = body.replace("<w:body>", "<w:body>" + ODD_PARAGRAPHS, 1)
    return _replace_members(full_docx, tmp_path / "odd.docx", {"word/document.xml": body.encode()})


def test_xml_pass_sees_everything_python_docx_sees(full_docx: Path, plain_docx: Path, tmp_path: Path):
    odd = _odd_docx(full_docx, tmp_path)
    written = tmp_path / "written.docx"
    doc = docx_reader.read(plain_docx)
    docx_writer.write(doc, edits_for(doc.text, {"张三": "张某", "钱七": "钱某"}), written)
    for path in (full_docx, plain_docx, odd, written):
        ours = [squash(t) for t in docx_format.extract(path)]
        theirs = [squash(t) for t in _python_docx_texts(path)]
        assert theirs
        for t in theirs:
            # Every python-docx string lies inside one of ours, so no value occurs more
            # often in a python-docx string than in one of ours (verify compares counts).
            assert any(t in o for o in ours), (path.name, t)
    ours = [squash(t) for t in docx_format.extract(odd)]
    assert any("当事人张三丰" in t for t in ours)  # python-docx's view, across the skipped control
    assert any("010-12345678" in t for t in ours) and any("01012345678" in t for t in ours)


def test_corpus_like_documents_match_python_docx(tmp_path: Path):
    d = docx.Document()
    d.add_heading("民事判决书", 0)
    for i in range(5):
        p = d.add_paragraph(f"第{i}段，原告")
        p.add_run("刘").bold = True
        p.add_run("备").italic = True
    d.sections[0].first_page_header.paragraphs[0].text = "首页页眉关羽"
    d.sections[0].different_first_page_header_footer = True
    path = tmp_path / "c.docx"
    d.save(str(path))
    ours = [squash(t) for t in docx_format.extract(path)]
    for t in (squash(x) for x in _python_docx_texts(path)):
        assert any(t in o for o in ours), t


def test_published_texts_fail_where_python_docx_fails(full_docx: Path, tmp_path: Path):
    for i, members in enumerate(({"[Content_Types].xml": None}, {"_rels/.rels": None}, {"word/styles.xml": None})):
        broken = _replace_members(full_docx, tmp_path / f"b{i}.docx", members)
        with pytest.raises(Exception):
            docx.Document(str(broken))
        with pytest.raises(UnreadableDocument) as exc:
            docx_format.extract(broken)
        assert exc.value.reason == "docx_python_docx_failed"


def test_plain_xml_element_names():
    assert dx.plain_xml_element_names(b'<?xml version="1.0" encoding="UTF-8"?><w:a xmlns:w="u"><w:t>x</w:t><b c="1"/></w:a>') \
        == frozenset({"a", "t", "b"})
    assert dx.plain_xml_element_names(b"<a><t>x</t></a>") == frozenset({"a", "t"})
    not_plain = [
        '<?xml version="1.0" encoding="UTF-16"?><a/>'.encode("utf-16"),
        b'<?xml version="1.0" encoding="GB18030"?><a/>',
        b"<a>&#24352;</a>",  # a character reference hides the text from a byte search
        b"<a><![CDATA[x]]></a>",
        b"<a><!-- x --></a>",
        b"<a><?pi x?></a>",
        b"<!DOCTYPE a><a/>",
        b"  <a/>",
        b"<a>\xff</a>",  # not UTF-8
    ]
    for data in not_plain:
        assert dx.plain_xml_element_names(data) is None, data


def test_plain_xml_has_element_agrees_with_the_full_name_scan():
    names = frozenset({"del", "delText", "ins", "moveTo", "moveToRangeEnd", "docVars"})
    samples = [
        b"<a><t>x</t></a>",
        b'<?xml version="1.0"?><w:a xmlns:w="u"><w:del w:id="1"/></w:a>',
        b"<a><w:delText>x</w:delText></a>",
        b"<a><w:deleted/><w:moveToRange/><w:insX/></a>",  # a listed name's prefix or extension only
        b"<a><x:y:ins/></a>",  # the local name follows the last colon
        b"<a><ins:x/><w:b w:del='1'/></a>",  # a prefix or an attribute named like one: no element
        b"<a>w:del <w:ins\n/></a>",
        b"<a><moveToRangeEnd>",
        b"<a><docVars",  # end of the bytes ends the name
        b"<a>\xe5\xbc\xa0<w:moveTo>x</w:moveTo></a>",
    ]
    for data in samples:
        full = dx.plain_xml_element_names(data)
        assert dx.plain_xml_has_element(data, names) == (not full.isdisjoint(names)), data
        assert dx.plain_xml_has_element(data, frozenset()) is False
    assert dx.plain_xml_has_element(b"<a><!-- x --><del/></a>", names) is None


def test_byte_probe_finds_exactly_what_a_text_search_finds():
    """may_occur_in_plain narrows the search with the part's digits and non-ASCII bytes
    taken alone: a value is still found wherever it is, and a part without it is passed."""
    masked = {"张伟": "张某", "13812345678": "***", "粤B12345": "粤B*****", "ZHANG WEI": "Z", "李 四五": "李某"}
    scrubber = docx_scrub.Scrubber(masked)
    probes = ["张伟", "13812345678", "粤B12345", "ZHANG", "四五"]
    samples = [
        "<a x='1'>无关</a>",
        "<a x='13812345678'/>",
        "<a>138<b/>12345678</a>",  # the digits are all there, not together
        "<a>张<b/>伟</a>",
        "<a val='张伟批注'/>",
        "<a>粤B 12345 粤B12345</a>",
        "<a>粤C12345</a>",
        "<a>ZHANG</a>",
        "<a>四五</a>",
        "<a>" + "1" * 5000 + "</a>",
    ]
    for sample in samples:
        expected = any(p in sample for p in probes)
        assert scrubber.may_occur_in_plain(sample.encode("utf-8")) == expected, sample


def _with_styles(path: Path, dest: Path, styles: bytes) -> Path:
    return _replace_members(path, dest, {"word/styles.xml": styles})


STYLES_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {NSDECL}>'


@pytest.mark.parametrize(
    "styles, value",
    [
        # a masked value in a style alias (an attribute the writer scrubs)
        (STYLES_HEAD + '<w:style w:styleId="x"><w:alias w:val="张三专用"/></w:style></w:styles>', "张三"),
        # the same, hidden from a byte search by a character reference
        (STYLES_HEAD + '<w:style w:styleId="x"><w:alias w:val="&#24352;三专用"/></w:style></w:styles>', "张三"),
        # a formatting revision by a named author inside the styles part
        (STYLES_HEAD + '<w:style w:styleId="x"><w:rPr><w:b/><w:rPrChange w:id="1" w:author="修订人褚六">'
         "<w:rPr/></w:rPrChange></w:rPr></w:style></w:styles>", "修订人褚六"),
    ],
)
def test_non_text_part_is_still_sanitised(plain_docx: Path, tmp_path: Path, styles: str, value: str):
    src = _with_styles(plain_docx, tmp_path / "s.docx", styles.encode())
    doc = docx_reader.read(src)
    out = tmp_path / "out.docx"
    docx_writer.write(doc, edits_for(doc.text, {"张三": "张某"}), out)
    assert not any(value in squash(t) for t in docx_format.extract(out))


def test_untouched_plain_part_is_published_as_is(plain_docx: Path, tmp_path: Path):
    doc = docx_reader.read(plain_docx)
    out = tmp_path / "out.docx"
    docx_writer.write(doc, edits_for(doc.text, {"张三": "张某"}), out)
    with zipfile.ZipFile(plain_docx) as a, zipfile.ZipFile(out) as b:
        assert a.read("word/styles.xml") == b.read("word/styles.xml")
        assert a.read("word/document.xml") != b.read("word/document.xml")


def test_verify_reads_xml_comments_and_unknown_parts(plain_docx: Path, tmp_path: Path):
    styles = STYLES_HEAD + "<!-- 备注张三 --><w:style w:styleId='x'/></w:styles>"
    src = _replace_members(plain_docx, tmp_path / "c.docx", {
        "word/styles.xml": styles.encode(),
        "word/notes.dat": "附注：李四".encode("utf-8"),
        "word/media/image1.png": b"\x89PNG\r\n\x1a\n" + "王五".encode("utf-8"),
    })
    texts = [squash(t) for t in docx_format.extract(src)]
    assert any("备注张三" in t for t in texts)
    assert any("李四" in t for t in texts)
    # An image part (by content type) is not read; a .png without a content type would be.
    with zipfile.ZipFile(src) as zf:
        has_png_type = "png" in zf.read("[Content_Types].xml").decode().lower()
    assert any("王五" in t for t in texts) != has_png_type
    # The writer removes the value from the comment.
    doc = docx_reader.read(src)
    out = tmp_path / "out.docx"
    docx_writer.write(doc, edits_for(doc.text, {"张三": "张某"}), out)
    assert not any("张三" in squash(t) for t in docx_format.extract(out))


def test_value_with_spaces_found_whatever_whitespace_the_part_uses(tmp_path: Path):
    """A parser turns a newline inside an attribute into a space: the byte probe must not miss it."""
    base = tmp_path / "base.docx"
    d = docx.Document()
    d.add_paragraph("银行卡号6222 0212 3456，户名不详。")
    d.save(str(base))
    styles = STYLES_HEAD + '<w:style w:styleId="x"><w:alias w:val="卡6222\n0212 3456"/></w:style></w:styles>'
    src = _with_styles(base, tmp_path / "s.docx", styles.encode())
    doc = docx_reader.read(src)
    out = tmp_path / "out.docx"
    docx_writer.write(doc, edits_for(doc.text, {"6222 0212 3456": "[银行卡号]"}), out)
    texts = [squash(t) for t in docx_format.extract(out)]
    assert not any("622202123456" in t for t in texts)
    assert any("卡[银行卡号]" in t for t in texts)  # scrubbed in the styles part, not just dropped


def _large_styles(alias: str) -> bytes:
    """A styles part over the memo's size floor, as a template's styles part is."""
    filler = "".join(f'<w:style w:styleId="s{i}"><w:name w:val="Style {i}"/></w:style>' for i in range(2000))
    styles = STYLES_HEAD + filler + f'<w:style w:styleId="x"><w:alias w:val="{alias}"/></w:style></w:styles>'
    data = styles.encode("utf-8")
    assert len(data) >= dx.PART_MEMO.min_part_bytes
    return data


def test_a_recurring_part_is_read_from_its_bytes_not_its_name(plain_docx: Path, tmp_path: Path):
    """Views of a large part are reused across documents only for the same bytes: a styles
    part one character apart from one seen before is read anew, and a leak in it is found."""
    clean = _with_styles(plain_docx, tmp_path / "clean.docx", _large_styles("正文样式"))
    leaky = _with_styles(plain_docx, tmp_path / "leaky.docx", _large_styles("张三专用"))
    first = [squash(t) for t in docx_format.extract(clean)]
    again = [squash(t) for t in docx_format.extract(clean)]
    assert first == again and any("正文样式" in t for t in first)
    texts = [squash(t) for t in docx_format.extract(leaky)]
    assert any("张三专用" in t for t in texts) and not any("正文样式" in t for t in texts)
    # A part that no longer parses fails closed even after its well-formed twin was seen.
    broken = _with_styles(plain_docx, tmp_path / "broken.docx", _large_styles("正文样式")[:-3])
    with pytest.raises(UnreadableDocument):
        docx_format.extract(broken)
    # The writer's byte shortcut answers from the bytes too: the leaky twin is scrubbed.
    for src in (clean, leaky):
        doc = docx_reader.read(src)
        out = tmp_path / f"out-{src.name}"
        docx_writer.write(doc, edits_for(doc.text, {"张三": "张某"}), out)
        assert not any("张三" in squash(t) for t in docx_format.extract(out))


def test_part_memo_is_bounded():
    memo = dx.PartMemo(min_part_bytes=4, max_part_bytes=15, max_entries=3, max_bytes=20)
    assert memo.get("k", b"abc") is None
    memo.put("k", b"abc", "small")  # under the floor: not kept
    assert memo.get("k", b"abc") is None
    for i in range(5):
        memo.put("k", b"part%d" % i, i)
    assert [memo.get("k", b"part%d" % i) for i in range(5)] == [None, None, 2, 3, 4]
    memo.put("k", b"x" * 16, "big")  # over the part size bound: not kept
    assert memo.get("k", b"x" * 16) is None
    memo.put("k", b"y" * 12, "y")  # 12 + the newest ones must stay within 20 bytes
    assert memo.get("k", b"y" * 12) == "y" and memo.get("k", b"part2") is None
