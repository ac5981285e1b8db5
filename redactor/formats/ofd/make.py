"""A minimal, standard-conformant OFD writer for TEST FIXTURES, samples and benchmarks only.

The tool never writes an OFD from scratch; it edits the court's. This lays plain text out
the way an OFD exporter does: A4 pages (millimetres), one TextObject per line with a
TextCode ``X Y DeltaX`` (every glyph placed, unless ``deltax=False``), the font declared
in PublicRes. Options add what real files carry and the writer must strip: DocInfo metadata with custom data, a
template page (a header line), an annotation, an attachment, custom tags, a signature
part and a version.

Why not easyofd's own writer (``OFD().pdf2ofd``): its output uses its own namespace and a
lowercase ``size`` attribute that easyofd's reader itself cannot read (KeyError '@Size'),
so it serves as the independent *reader* only.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 25.0, 30.0, 25.0
EM = 4.2  # 12 pt in millimetres
LEADING = 7.0


def _advance(ch: str) -> float:
    return EM * (0.5 if ord(ch) < 0x2E80 else 1.0)


def layout(paragraphs: list[str], width: float = PAGE_W - 2 * MARGIN_X) -> list[list[tuple[float, str]]]:
    """Pages of lines ``(x, text)``: a paragraph's first line indented two characters."""
    lines: list[tuple[float, str]] = []
    for para in paragraphs:
        if not para.strip():
            continue
        x = MARGIN_X + 2 * EM
        cur, used = "", 2 * EM
        for ch in para:
            if used + _advance(ch) > width + 0.01:
                lines.append((x, cur))
                x, cur, used = MARGIN_X, "", 0.0
            cur += ch
            used += _advance(ch)
        if cur:
            lines.append((x, cur))
    per_page = int((PAGE_H - MARGIN_TOP - MARGIN_BOTTOM) // LEADING)
    return [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]


def _text_object(oid: int, x: float, y: float, text: str, font: str = "2", deltax: bool = True) -> str:
    deltas = [_advance(ch) for ch in text[:-1]]
    width = sum(deltas) + (_advance(text[-1]) if text else 0)
    dx = ' DeltaX="' + " ".join(f"{d:g}" for d in deltas) + '"' if deltax else ""
    return (f'<ofd:TextObject ID="{oid}" Boundary="{x:g} {y - EM:g} {width:g} {EM * 1.4:g}" Font="{font}" '
            f'Size="{EM:g}"><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{EM:g}"{dx}>{escape(text)}</ofd:TextCode></ofd:TextObject>')


def make_ofd(paragraphs: list[str], *, title: str = "", author: str = "", custom: dict[str, str] | None = None,
             header: str = "", annotation: str = "", attachment: bytes = b"", custom_tag: str = "",
             signature: bool = False, version: bool = False, deltax: bool = True) -> bytes:
    """``deltax=False``: no TextCode says where its glyphs after the first go (a viewer
    places them by the font's advances), as some exporters write."""
    pages = layout(paragraphs)
    oid = 10
    files: dict[str, str | bytes] = {}
    info = ['<ofd:DocID>6f2c0a1e9b8d4c7f8e1a2b3c4d5e6f70</ofd:DocID>']
    if title:
        info.append(f"<ofd:Title>{escape(title)}</ofd:Title>")
    if author:
        info.append(f"<ofd:Author>{escape(author)}</ofd:Author>")
    info.append("<ofd:CreationDate>2024-05-06</ofd:CreationDate><ofd:Creator>redactor-fixture</ofd:Creator>")
    if custom:
        info.append("<ofd:CustomDatas>" + "".join(
            f"<ofd:CustomData Name={quoteattr(k)}>{escape(v)}</ofd:CustomData>" for k, v in custom.items())
            + "</ofd:CustomDatas>")
    body_extra = ""
    if signature:
        body_extra += "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"
        files["Doc_0/Signs/Signatures.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures xmlns:ofd="{NS}"><ofd:MaxSignId>1</ofd:MaxSignId>'
            '<ofd:Signature ID="1" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>')
        files["Doc_0/Signs/Sign_0/Signature.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Signature xmlns:ofd="{NS}"><ofd:SignedInfo>'
            '<ofd:Provider ProviderName="fixture"/></ofd:SignedInfo>'
            '<ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>')
        files["Doc_0/Signs/Sign_0/SignedValue.dat"] = b"\x30\x82fixture-signature"
    if version:
        body_extra += ('<ofd:Versions><ofd:Version ID="1" Index="1" Current="true" '
                       'BaseLoc="Versions/Version_0.xml"/></ofd:Versions>')
        files["Doc_0/Versions/Version_0.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:DocVersion xmlns:ofd="{NS}" ID="1" Name="draft">'
            '<ofd:FileList><ofd:File ID="1">Pages/Page_0/Content.xml</ofd:File></ofd:FileList>'
            '<ofd:DocRoot>Document.xml</ofd:DocRoot></ofd:DocVersion>')
    files["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
        f'<ofd:DocBody><ofd:DocInfo>{"".join(info)}</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
        f'{body_extra}</ofd:DocBody></ofd:OFD>')
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体" Charset="GB18030"/></ofd:Fonts></ofd:Res>')
    template_decl, template_use = "", ""
    if header:
        oid += 1
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
            f'<ofd:Layer ID="{oid}" Type="Background">{_text_object(oid + 1, MARGIN_X, 15.0, header, deltax=deltax)}</ofd:Layer>'
            '</ofd:Content></ofd:Page>')
        oid += 2
        template_decl = f'<ofd:TemplatePage ID="{oid}" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
        template_use = f'<ofd:Template TemplateID="{oid}" ZOrder="Background"/>'
        oid += 1
    page_refs = []
    for pno, lines in enumerate(pages):
        objs = []
        layer = oid = oid + 1
        for i, (x, text) in enumerate(lines):
            oid += 1
            objs.append(_text_object(oid, x, MARGIN_TOP + i * LEADING + EM, text, deltax=deltax))
        oid += 1
        page_refs.append(f'<ofd:Page ID="{oid}" BaseLoc="Pages/Page_{pno}/Content.xml"/>')
        files[f"Doc_0/Pages/Page_{pno}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{template_use}<ofd:Content>'
            f'<ofd:Layer ID="{layer}">{"".join(objs)}</ofd:Layer></ofd:Content></ofd:Page>')
    extra = ""
    if annotation:
        extra += "<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>"
        files["Doc_0/Annots/Annotations.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Annotations xmlns:ofd="{NS}">'
            '<ofd:Page PageID="1"><ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>')
        files["Doc_0/Annots/Page_0/Annotation.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:PageAnnot xmlns:ofd="{NS}"><ofd:Annot ID="900" Type="Stamp">'
            f'<ofd:Remark>{escape(annotation)}</ofd:Remark><ofd:Appearance Boundary="20 20 60 10">'
            f'{_text_object(901, 0, EM, annotation)}</ofd:Appearance></ofd:Annot></ofd:PageAnnot>')
    if attachment:
        extra += "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>"
        files["Doc_0/Attachs/Attachments.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Attachments xmlns:ofd="{NS}">'
            '<ofd:Attachment ID="950" Name="evidence" Format="txt"><ofd:FileLoc>evidence.txt</ofd:FileLoc>'
            '</ofd:Attachment></ofd:Attachments>')
        files["Doc_0/Attachs/evidence.txt"] = attachment
    if custom_tag:
        extra += "<ofd:CustomTags>Tags/CustomTag.xml</ofd:CustomTags>"
        files["Doc_0/Tags/CustomTag.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:CustomTags xmlns:ofd="{NS}"><ofd:CustomTag '
            'NameSpace="urn:court:case"><ofd:FileLoc>Tag_0.xml</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>')
        files["Doc_0/Tags/Tag_0.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><case xmlns="urn:court:case"><party>{escape(custom_tag)}'
            '</party></case>')
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f'<ofd:MaxUnitID>{oid + 1}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W:g} {PAGE_H:g}'
        f'</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{template_decl}'
        f'</ofd:CommonData><ofd:Pages>{"".join(page_refs)}</ofd:Pages>{extra}</ofd:Document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in files.items():
            zi = zipfile.ZipInfo(name, date_time=(2024, 5, 6, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, body.encode("utf-8") if isinstance(body, str) else body)
    return buf.getvalue()


def paragraphs_of(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if p.strip()]
