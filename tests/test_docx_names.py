"""DOCX: masked names outside the body text (style names and ids, authors, properties) and
text boxes stored twice (mc:AlternateContent) go through the whole pipeline and publish.

Each test builds a real judgment with python-docx, adds raw OOXML the way Word writes it,
runs ``redact_document`` and searches every member of the published zip.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from redactor.formats.docx import ooxml as dx
from redactor.apply import apply_edits, edits_from_decisions
from redactor.audit import HmacKey
from redactor.errors import VerificationFailed
from redactor.pipeline import RunConfig, analyze, redact_document
from redactor.policy import load_policy
from redactor.formats import read_document
from redactor.verify import verify_written
from redactor.formats.docx import writer as docx_writer
from tests.helpers.docx_packages import CT_BASE, NSDECL, REL_BASE, add_override, add_rel

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WV = f"{{{W}}}val"
PARTY = "原告：张伟，男，1985年3月12日出生，汉族，住北京市海淀区中关村大街1号院3号楼502室。"
LINES = [
    "北京市海淀区人民法院",
    "民事判决书",
    "（2023）京0108民初1234号",
    PARTY,
    "委托诉讼代理人：王芳，北京市君合律师事务所律师。",
    "被告：北京星光科技有限公司，住所地北京市朝阳区建国路1号。",
    "原告张伟与被告北京星光科技有限公司民间借贷纠纷一案，本院依法公开开庭进行了审理。",
    "判决如下：被告北京星光科技有限公司于本判决生效之日起十日内偿还原告张伟借款100000元。",
    "审 判 长　钱多多",
    "二〇二三年五月六日",
    "书 记 员　孙丽",
]
KEPT = ("王芳", "北京市君合律师事务所", "北京星光科技有限公司", "钱多多", "（2023）京0108民初1234号")


@pytest.fixture(scope="module")
def cfg():
    return RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"test", "test"))


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _save(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _everything(path: Path) -> str:
    """Every member of the zip as text (XML parts are all UTF-8 here)."""
    return "\n".join(data.decode("utf-8", "replace") for data in _members(path).values())


def _publish(src: Path, tmp_path: Path, cfg) -> Path:
    res = redact_document(src, src.name, tmp_path / "out", cfg)
    assert res.status == "published", (res.status, res.reason_code)
    return tmp_path / "out" / src.name


# --- style names and ids ----------------------------------------------------------------------


def _styled_judgment(path: Path) -> None:
    d = docx.Document()
    # python-docx (like LibreOffice and WPS) derives the id from the name: id "张伟批注".
    party = d.styles.add_style("张伟批注", WD_STYLE_TYPE.PARAGRAPH)
    emphasis = d.styles.add_style("张伟强调", WD_STYLE_TYPE.CHARACTER)
    table_style = d.styles.add_style("张伟表格", WD_STYLE_TYPE.TABLE)
    child = d.styles.add_style("下级样式", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = party
    child.next_paragraph_style = party
    # The id and the name the replacement gives are taken already: the renamed style must not merge into it.
    d.styles.add_style("张某批注", WD_STYLE_TYPE.PARAGRAPH)
    for line in LINES:
        p = d.add_paragraph(line)
        if line == PARTY:
            p.style = party
            p.add_run("（当庭陈述）").style = emphasis
        elif line.startswith("判决如下"):
            p.style = child
    table = d.add_table(rows=1, cols=1)
    table.style = table_style
    table.cell(0, 0).text = "证据目录"
    d.save(str(path))

    members = _members(path)
    styles = etree.fromstring(members["word/styles.xml"])
    by_id = {s.get(f"{{{W}}}styleId"): s for s in styles.iter(f"{{{W}}}style")}
    # Alternative names, and a style as Word itself writes one: a neutral id, the name
    # in w:name, linked to the character style both ways.
    aliases = etree.SubElement(by_id["张伟批注"], f"{{{W}}}aliases")
    aliases.set(WV, "张伟,当事人样式")
    by_id["张伟批注"].find(f"{{{W}}}name").addnext(aliases)
    word_style = etree.fromstring(f'<w:style {NSDECL} w:type="paragraph" w:customStyle="1" w:styleId="a5">'
                                  '<w:name w:val="张伟备注"/><w:link w:val="张伟强调"/></w:style>')
    styles.append(word_style)
    link = etree.SubElement(by_id["张伟强调"], f"{{{W}}}link")
    link.set(WV, "a5")
    members["word/styles.xml"] = _xml(styles)
    # Word 2010 keeps a second copy of the styles.
    effects = etree.fromstring(members["word/stylesWithEffects.xml"])
    effects.append(etree.fromstring(etree.tostring(by_id["张伟批注"])))
    members["word/stylesWithEffects.xml"] = _xml(effects)
    # A named numbering definition whose level uses the party's style.
    numbering = etree.fromstring(members["word/numbering.xml"])
    abstract = numbering.find(f"{{{W}}}abstractNum")
    name = etree.Element(f"{{{W}}}name")
    name.set(WV, "张伟列表")
    abstract.find(f"{{{W}}}tmpl").addnext(name)
    level = abstract.find(f"{{{W}}}lvl")
    p_style = etree.Element(f"{{{W}}}pStyle")
    p_style.set(WV, "张伟批注")
    level.find(f"{{{W}}}numFmt").addnext(p_style)
    members["word/numbering.xml"] = _xml(numbering)
    _save(path, members)


def _style_refs(root) -> list[str]:
    tags = dx.w_tags("pStyle", "rStyle", "tblStyle", "basedOn", "next", "link")
    return [el.get(WV) for el in root.iter(*tags)]


def test_masked_value_in_style_names_and_ids_is_replaced_consistently(tmp_path: Path, cfg):
    src = tmp_path / "styled.docx"
    _styled_judgment(src)
    out = _publish(src, tmp_path, cfg)

    assert "张伟" not in _everything(out)
    members = _members(out)
    for part in ("word/styles.xml", "word/stylesWithEffects.xml"):
        styles = etree.fromstring(members[part])
        ids = [s.get(f"{{{W}}}styleId") for s in styles.iter(f"{{{W}}}style")]
        names = [s.find(f"{{{W}}}name").get(WV) for s in styles.iter(f"{{{W}}}style")]
        assert len(ids) == len(set(ids)) and len(names) == len(set(names)), part
        # Every reference inside the styles part names a style that is there.
        assert set(_style_refs(styles)) <= set(ids), part
    styles = etree.fromstring(members["word/styles.xml"])
    ids = {s.get(f"{{{W}}}styleId") for s in styles.iter(f"{{{W}}}style")}
    for part in ("word/document.xml", "word/numbering.xml"):
        refs = _style_refs(etree.fromstring(members[part]))
        assert refs and set(refs) <= ids, part
    assert "张某批注" in ids and "张某批注2" in ids and "a5" in ids
    assert 'w:val="张某,当事人样式"' in members["word/styles.xml"].decode()
    assert 'w:val="张某列表"' in members["word/numbering.xml"].decode()

    # Word's view: the party's paragraph, run, table and the derived style keep their styles.
    published = docx.Document(str(out))
    party = next(p for p in published.paragraphs if p.text.startswith("原告："))
    assert party.text.startswith("原告：张某，")
    assert party.style.name == "张某批注 2" and party.style.style_id == "张某批注2"
    assert party.runs[-1].style.name == "张某强调"
    derived = next(p for p in published.paragraphs if p.text.startswith("判决如下"))
    assert derived.style.name == "下级样式"
    assert derived.style.base_style.style_id == "张某批注2"
    assert derived.style.next_paragraph_style.style_id == "张某批注2"
    assert published.tables[0].style.name == "张某表格"
    assert published.styles["张某批注"].style_id == "张某批注"  # the style that had the name already
    assert published.styles["张某备注"].style_id == "a5"
    text = read_document(out).text
    for kept in KEPT:
        assert kept in text, kept


# --- authors and properties -----------------------------------------------------------------

COMMENTS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments {NSDECL}><w:comment w:id="0" w:author="张伟" w:initials="张伟" w:date="2024-01-01T00:00:00Z">
<w:p><w:r><w:annotationRef/></w:r><w:r><w:t>请核对</w:t></w:r></w:p></w:comment></w:comments>"""
PEOPLE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">
<w15:person w15:author="张伟"><w15:presenceInfo w15:providerId="None" w15:userId="张伟"/></w15:person></w15:people>"""
CUSTOM = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="张伟"><vt:lpwstr>张伟</vt:lpwstr></property>
</Properties>"""
BODY_WITH_COMMENT_AND_REVISION = f"""<w:body {NSDECL}>
<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>本院认为</w:t></w:r><w:commentRangeEnd w:id="0"/>
<w:r><w:commentReference w:id="0"/></w:r><w:ins w:id="1" w:author="张伟" w:date="2024-01-01T00:00:00Z">
<w:r><w:t>，事实清楚。</w:t></w:r></w:ins></w:p></w:body>"""


def test_masked_value_in_authors_and_properties_is_gone(tmp_path: Path, cfg):
    src = tmp_path / "authored.docx"
    d = docx.Document()
    for line in LINES:
        d.add_paragraph(line)
    d.core_properties.author = "张伟"
    d.core_properties.last_modified_by = "张伟"
    d.save(str(src))
    members = _members(src)
    document = etree.fromstring(members["word/document.xml"])
    sect = document.find(f"{{{W}}}body/{{{W}}}sectPr")
    for el in etree.fromstring(BODY_WITH_COMMENT_AND_REVISION):
        sect.addprevious(el)
    members["word/document.xml"] = _xml(document)
    rels, types = "word/_rels/document.xml.rels", "[Content_Types].xml"
    members["word/comments.xml"] = COMMENTS.encode()
    members[rels] = add_rel(members[rels], "rId901", REL_BASE + "comments", "comments.xml")
    members[types] = add_override(members[types], "/word/comments.xml", CT_BASE + "wordprocessingml.comments+xml")
    members["word/people.xml"] = PEOPLE.encode()
    members[rels] = add_rel(members[rels], "rId902", "http://schemas.microsoft.com/office/2011/relationships/people",
                             "people.xml")
    members[types] = add_override(members[types], "/word/people.xml", CT_BASE + "wordprocessingml.people+xml")
    members["docProps/custom.xml"] = CUSTOM.encode()
    members["_rels/.rels"] = add_rel(members["_rels/.rels"], "rId903", REL_BASE + "custom-properties",
                                      "docProps/custom.xml")
    members[types] = add_override(members[types], "/docProps/custom.xml", CT_BASE + "custom-properties+xml")
    members["docProps/app.xml"] = members["docProps/app.xml"].replace(b"<Company/>", "<Company>张伟</Company>".encode())
    _save(src, members)
    doc = read_document(src)
    assert "张伟" in doc.metadata["docx:authors"] and doc.metadata["core:creator"] == "张伟"

    out = _publish(src, tmp_path, cfg)
    assert "张伟" not in _everything(out)
    text = read_document(out).text
    assert "本院认为，事实清楚。" in text and "原告：张某，" in text
    for kept in KEPT:
        assert kept in text, kept


# --- text boxes stored twice ------------------------------------------------------------------


def _text_box(text: str, shape_id: int) -> str:
    """A text box as Word writes it: DrawingML in mc:Choice, the same text in VML in mc:Fallback."""
    return f"""<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{shape_id}" behindDoc="0"
 locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="2743200" cy="457200"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>
<wp:docPr id="{shape_id}" name="文本框 {shape_id}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="457200"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>
<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square"/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape id="文本框 {shape_id}" o:spid="_x0000_s{1025 + shape_id}" type="#_x0000_t202"
 style="position:absolute;width:3in;height:36pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>
</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"""


FIRM = "张伟律师事务所"


def _judgment_with_text_boxes(path: Path) -> None:
    d = docx.Document()
    lines = list(LINES)
    # The firm shares the party's name: 张伟 is masked as the party and kept inside the firm.
    lines.insert(5, f"委托诉讼代理人：李娜，{FIRM}律师。")
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))
    members = _members(path)
    document = etree.fromstring(members["word/document.xml"])
    ns = NSDECL + ' xmlns:o="urn:schemas-microsoft-com:office:office"'
    boxes = etree.fromstring(f"<w:body {ns}>{_text_box(FIRM + '出具的代理意见', 1)}{_text_box('原告张伟的陈述', 2)}</w:body>")
    sect = document.find(f"{{{W}}}body/{{{W}}}sectPr")
    for el in boxes:
        sect.addprevious(el)
    members["word/document.xml"] = _xml(document)
    _save(path, members)


def _branch_texts(document_xml: bytes) -> list[tuple[str, str]]:
    root = etree.fromstring(document_xml)
    out = []
    for ac in root.iter(dx.AC_TAG):
        choice, fallback = ac.find(dx.CHOICE_TAG), ac.find(dx.FALLBACK_TAG)
        out.append(tuple("".join(n.text or "" for n in dx.text_nodes(b)) for b in (choice, fallback)))
    return out


def test_value_kept_in_a_mirrored_text_box_publishes(tmp_path: Path, cfg):
    src = tmp_path / "boxes.docx"
    _judgment_with_text_boxes(src)
    doc = read_document(src)
    assert len(doc.source_info["docx_mirrors"]) == 2  # both boxes read once, mirrored
    assert doc.text.count(FIRM) == 2

    out = _publish(src, tmp_path, cfg)
    assert _branch_texts(_members(out)["word/document.xml"]) == [
        (FIRM + "出具的代理意见", FIRM + "出具的代理意见"),
        ("原告张某的陈述", "原告张某的陈述"),
    ]
    everything = _everything(out)
    assert everything.count(FIRM) == 3  # the body line and both copies of the box
    assert "张伟" not in everything.replace(FIRM, "")
    text = read_document(out).text
    assert f"委托诉讼代理人：李娜，{FIRM}律师。" in text and "原告：张某，" in text
    for kept in KEPT:
        assert kept in text, kept


@pytest.mark.parametrize(
    "stale_fallback",
    [
        "原告张伟的陈述",  # the copy kept the original text (a writer that forgot the mirror)
        "原告张某的陈述张伟",  # the copy differs from its first branch by a leaked value
    ],
)
def test_verify_still_fails_a_copy_that_leaks(tmp_path: Path, cfg, stale_fallback: str):
    """Separating an identical copy must not excuse a copy that differs from its first branch."""
    src = tmp_path / "boxes.docx"
    _judgment_with_text_boxes(src)
    doc = read_document(src)
    _, _, outcome = analyze(doc, cfg)
    edits = edits_from_decisions(outcome.decisions)
    redacted = apply_edits(doc.text, edits)
    written = tmp_path / "written.docx"
    docx_writer.write(doc, edits, written)
    verify_written(doc, outcome.decisions, redacted, written)  # the writer's own output passes

    members = _members(written)
    root = etree.fromstring(members["word/document.xml"])
    fallback = list(root.iter(dx.FALLBACK_TAG))[1]
    dx.text_nodes(fallback)[0].text = stale_fallback
    members["word/document.xml"] = _xml(root)
    tampered = tmp_path / "tampered.docx"
    _save(tampered, members)
    with pytest.raises(VerificationFailed):
        verify_written(doc, outcome.decisions, redacted, tampered)


def test_masked_value_in_a_list_name_alone_is_replaced(tmp_path: Path, cfg):
    """The styles part holds no masked value (so it is published as it is); numbering.xml does."""
    src = tmp_path / "list.docx"
    d = docx.Document()
    for line in LINES:
        d.add_paragraph(line)
    d.save(str(src))
    members = _members(src)
    numbering = etree.fromstring(members["word/numbering.xml"])
    name = etree.Element(f"{{{W}}}name")
    name.set(WV, "张伟列表")
    numbering.find(f"{{{W}}}abstractNum/{{{W}}}tmpl").addnext(name)
    members["word/numbering.xml"] = _xml(numbering)
    _save(src, members)
    out = _publish(src, tmp_path, cfg)
    assert "张伟" not in _everything(out)
    assert 'w:val="张某列表"' in _members(out)["word/numbering.xml"].decode()
    assert _members(out)["word/styles.xml"] == members["word/styles.xml"]


def test_text_box_inside_a_mirrored_text_box_publishes(tmp_path: Path, cfg):
    """Nested copies: the inner box is in the file four times (two branches inside each outer branch)."""
    src = tmp_path / "nested.docx"
    _judgment_with_text_boxes(src)
    members = _members(src)
    root = etree.fromstring(members["word/document.xml"])
    first_box = "<w:p><w:r><w:t>外框</w:t></w:r></w:p>"
    outer = _text_box("外框", 4).replace(first_box, first_box + _text_box(FIRM + "与原告张伟", 5))
    ns = NSDECL + ' xmlns:o="urn:schemas-microsoft-com:office:office"'
    for el in etree.fromstring(f"<w:body {ns}>{outer}</w:body>"):
        root.find(f"{{{W}}}body/{{{W}}}sectPr").addprevious(el)
    members["word/document.xml"] = _xml(root)
    _save(src, members)
    assert len(read_document(src).source_info["docx_mirrors"]) == 4

    out = _publish(src, tmp_path, cfg)
    everything = _everything(out)
    assert everything.count(FIRM + "与原告张某") == 4
    assert "张伟" not in everything.replace(FIRM, "")
