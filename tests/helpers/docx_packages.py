"""DOCX packages for the reader, writer and name tests: built with python-docx, then raw OOXML
parts python-docx cannot write (text box, footnote, comment, revisions, properties) added to
the zip. The fixtures ``full_docx`` and ``plain_docx`` (tests/conftest.py) build them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.shared import Pt
from lxml import etree

from redactor.formats.docx import ooxml as dx
from redactor.document import Edit

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_BASE = "application/vnd.openxmlformats-officedocument."

TEXTBOX_XML = """
<w:p><w:r><w:t>文本框前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor><wp:docPr id="1" name="文本框 1" descr="张三的照片"/><a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>
<w:p><w:r><w:t>文本框</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>吴十</w:t></w:r></w:p>
</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
<w:p><w:r><w:t>文本框吴十</w:t></w:r></w:p>
</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>
<w:r><w:t>之后</w:t></w:r></w:p>
<w:p><w:r><w:t>见脚注</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
"""

COMMENT_AND_REVISION_XML = """
<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>有批注的文字</w:t></w:r><w:commentRangeEnd w:id="0"/>
<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r></w:p>
<w:p><w:r><w:t>修订：</w:t></w:r><w:ins w:id="5" w:author="修订人褚六" w:date="2024-01-01T00:00:00Z"><w:r><w:t>新增冯二</w:t></w:r></w:ins>
<w:del w:id="6" w:author="修订人褚六" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删除陈三</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>
"""

FOOTNOTES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {NSDECL}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 脚注周九</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""

COMMENTS_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments {NSDECL}>
<w:comment w:id="0" w:author="审阅人郑一" w:initials="ZY"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>批注郑一一</w:t></w:r></w:p></w:comment>
</w:comments>"""

CUSTOM_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="当事人"><vt:lpwstr>蒋五</vt:lpwstr></property>
</Properties>"""


def add_rel(xml: bytes, rel_id: str, rel_type: str, target: str) -> bytes:
    """A .rels part with one more relationship."""
    root = etree.fromstring(xml)
    el = etree.SubElement(root, f"{{{dx.RELS_NS}}}Relationship")
    el.set("Id", rel_id)
    el.set("Type", rel_type)
    el.set("Target", target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_override(xml: bytes, part: str, content_type: str) -> bytes:
    """[Content_Types].xml with one more Override."""
    root = etree.fromstring(xml)
    el = etree.SubElement(root, f"{{{dx.CT_NS}}}Override")
    el.set("PartName", part)
    el.set("ContentType", content_type)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def patch_package(path: Path, body_xml: str, *, footnotes: bool, comments: bool, custom: bool, company: bool) -> None:
    """Add raw XML that python-docx cannot write: text box, footnote, comment, revisions, properties."""
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    document = etree.fromstring(members["word/document.xml"])
    body = document.find(f"{{{W}}}body")
    fragment = etree.fromstring(f"<w:body {NSDECL}>{body_xml}</w:body>")
    sect = body.find(f"{{{W}}}sectPr")
    for child in list(fragment):
        sect.addprevious(child)
    members["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    doc_rels = "word/_rels/document.xml.rels"
    if footnotes:
        members["word/footnotes.xml"] = FOOTNOTES_XML.encode()
        members[doc_rels] = add_rel(members[doc_rels], "rId901", REL_BASE + "footnotes", "footnotes.xml")
        members["[Content_Types].xml"] = add_override(
            members["[Content_Types].xml"], "/word/footnotes.xml", CT_BASE + "wordprocessingml.footnotes+xml"
        )
    if comments:
        members["word/comments.xml"] = COMMENTS_XML.encode()
        members[doc_rels] = add_rel(members[doc_rels], "rId902", REL_BASE + "comments", "comments.xml")
        members["[Content_Types].xml"] = add_override(
            members["[Content_Types].xml"], "/word/comments.xml", CT_BASE + "wordprocessingml.comments+xml"
        )
    if custom:
        members["docProps/custom.xml"] = CUSTOM_XML.encode()
        members["_rels/.rels"] = add_rel(members["_rels/.rels"], "rId903", REL_BASE + "custom-properties", "docProps/custom.xml")
        members["[Content_Types].xml"] = add_override(
            members["[Content_Types].xml"], "/docProps/custom.xml", CT_BASE + "custom-properties+xml"
        )
    if company:
        app = members["docProps/app.xml"].replace(b"<Company/>", "<Company>某某科技公司</Company>".encode())
        members["docProps/app.xml"] = app.replace(b"<Manager/>", "<Manager>经理韩七</Manager>".encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def base_docx(path: Path) -> None:
    d = docx.Document()
    d.core_properties.author = "作者卫四"
    d.core_properties.last_modified_by = "修改者卫五"
    d.core_properties.title = "张三盗窃案"
    d.add_paragraph("原告张三，男，1980年1月1日出生。")
    p = d.add_paragraph()
    p.add_run("被告人")
    p.add_run("王").bold = True
    p.add_run("小").italic = True
    run = p.add_run("明")
    run.underline = True
    run.font.size = Pt(14)
    p.add_run("，住北京市。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "证人赵六"
    inner = table.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "电话13800138000"
    d.sections[0].header.paragraphs[0].text = "页眉承办人钱七"
    d.sections[0].footer.paragraphs[0].text = "页脚孙八"
    d.save(str(path))


def full_docx(folder: Path) -> Path:
    """A judgment with everything a DOCX can hide text in: a text box (with its VML fallback),
    a footnote, a comment, tracked insertions and deletions, custom and company properties."""
    path = folder / "judgment.docx"
    base_docx(path)
    patch_package(
        path, TEXTBOX_XML + COMMENT_AND_REVISION_XML, footnotes=True, comments=True, custom=True, company=True
    )
    return path


def plain_docx(folder: Path) -> Path:
    """No comments and no revisions: the published text must equal apply_edits() exactly."""
    path = folder / "plain.docx"
    base_docx(path)
    patch_package(path, TEXTBOX_XML, footnotes=True, comments=False, custom=False, company=False)
    return path


def edits_for(text: str, values: dict[str, str]) -> list[Edit]:
    """An edit for every occurrence of each value in ``text``, sorted."""
    edits = []
    for value, repl in values.items():
        start = text.find(value)
        assert start >= 0, value
        while start >= 0:
            edits.append(Edit(start, start + len(value), repl))
            start = text.find(value, start + len(value))
    return sorted(edits, key=lambda e: e.start)
