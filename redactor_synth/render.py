"""Write a SyntheticJudgment as .txt, .docx or .pdf, plus its ground truth as JSON.

Every writer is byte-deterministic: the same judgment gives the same file (fixed DOCX core
properties and zip timestamps; reportlab's ``invariant`` mode for PDF).

Ground-truth offsets refer to ``SyntheticJudgment.text``. The TXT file is exactly that text.
In DOCX each line is one paragraph, except the evidence list (``table_*`` lines, cells
separated by a tab in the text) which becomes one table. In PDF the lines are wrapped to A4
width, so some values break across lines, as they do in real scanned-to-PDF judgments.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from redactor_synth.judgments import SyntheticJudgment

_FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def write_txt(j: SyntheticJudgment, path: str | Path, encoding: str = "utf-8") -> Path:
    """Plain text; ``encoding`` may be "utf-8" or "gb18030" (both round-trip every character)."""
    path = Path(path)
    path.write_bytes(j.text.encode(encoding))
    return path


def write_truth(j: SyntheticJudgment, path: str | Path, *, file_name: str | None = None,
                encoding: str = "utf-8") -> Path:
    path = Path(path)
    data = j.truth()
    if file_name:
        data = {"file": file_name, "encoding": encoding, **data}
    path.write_text(dump_truth(data), encoding="utf-8")
    return path


def dump_truth(data: dict) -> str:
    """JSON with one list element per line: readable, diffable, and a third of indent=1's size."""
    lines = ["{"]
    keys = list(data)
    for n, key in enumerate(keys):
        value = data[key]
        comma = "," if n < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f" {json.dumps(key)}: [")
            for i, el in enumerate(value):
                lines.append("  " + json.dumps(el, ensure_ascii=False) + ("," if i < len(value) - 1 else ""))
            lines.append(" ]" + comma)
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_meta(j: SyntheticJudgment, path: str | Path) -> Path:
    """A NAME.meta.json sidecar (contract.md: per-document hints)."""
    path = Path(path)
    path.write_text(json.dumps(j.hints(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- DOCX


def write_docx(j: SyntheticJudgment, path: str | Path, *, author: str | None = None) -> Path:
    """DOCX with the title centred and bold, header lines as paragraphs, the evidence list as a
    table and a right-aligned signature block. ``author`` (default: ``j.docx_author``) goes into
    the core properties, the way word processors leak the drafter's or a party's name."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), "宋体")

    table = None
    for style, line in j.lines():
        if style in ("table_header", "table_row"):
            cells = line.split("\t")
            if table is None:
                table = doc.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            row = table.add_row()
            for cell, value in zip(row.cells, cells):
                cell.text = value
                if style == "table_header":
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            continue
        table = None
        para = doc.add_paragraph()
        if style in ("court", "title"):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(line)
            run.bold = True
            run.font.size = Pt(18 if style == "title" else 16)
        elif style == "case_number":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.add_run(line)
        elif style in ("signature", "date", "note"):
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.add_run(line)
        else:
            para.paragraph_format.first_line_indent = Pt(24)
            _add_runs(para, line)

    cp = doc.core_properties
    fixed = datetime(j.judgment_date.year, j.judgment_date.month, j.judgment_date.day, 9, 0, 0)
    cp.author = author if author is not None else (j.docx_author or "")
    cp.last_modified_by = cp.author
    cp.title = j.doc_type
    cp.subject = ""
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    cp.created = fixed
    cp.modified = fixed
    cp.last_printed = fixed

    buf = io.BytesIO()
    doc.save(buf)
    Path(path).write_bytes(_normalise_zip(buf.getvalue()))
    return Path(path)


def _add_runs(para, line: str) -> None:
    """Split a long paragraph into a few runs (as word processors do), at sentence ends, so that
    readers and writers see values that sit inside one run and values at run boundaries."""
    start = 0
    for i, ch in enumerate(line):
        if ch in "。；" and i - start > 40:
            para.add_run(line[start:i + 1])
            start = i + 1
    if start < len(line):
        para.add_run(line[start:])


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and member order so output bytes are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------------------- PDF

_FONT = "STSong-Light"


def write_pdf(j: SyntheticJudgment, path: str | Path) -> Path:
    """A4 PDF in reportlab's built-in CID font STSong-Light; paragraphs wrap CJK-style."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))

    base = dict(fontName=_FONT, fontSize=12, leading=20, wordWrap="CJK")
    styles = {
        "court": ParagraphStyle("court", **{**base, "fontSize": 16, "leading": 26}, alignment=TA_CENTER),
        "title": ParagraphStyle("title", **{**base, "fontSize": 20, "leading": 30}, alignment=TA_CENTER),
        "case_number": ParagraphStyle("case_number", **base, alignment=TA_RIGHT),
        "body": ParagraphStyle("body", **base, alignment=TA_JUSTIFY, firstLineIndent=24),
        "right": ParagraphStyle("right", **base, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", **{**base, "fontSize": 10.5, "leading": 15}),
    }

    story: list = []
    rows: list[list] = []

    def flush_table() -> None:
        if rows:
            t = Table(rows, colWidths=[14 * mm, 55 * mm, 96 * mm], repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(t)
            story.append(Spacer(1, 6))
            rows.clear()

    for style, line in j.lines():
        if style in ("table_header", "table_row"):
            cells = line.split("\t")
            rows.append([Paragraph(escape(c), styles["cell"]) for c in cells])
            continue
        flush_table()
        st = styles.get(style) or (styles["right"] if style in ("signature", "date", "note") else styles["body"])
        story.append(Paragraph(escape(line), st))
    flush_table()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=30 * mm,
                            bottomMargin=25 * mm, title=j.doc_type, author="", subject="", creator="",
                            invariant=1)
    doc.build(story)
    Path(path).write_bytes(buf.getvalue())
    return Path(path)


def render(j: SyntheticJudgment, path: str | Path, **kw) -> Path:
    """Write by suffix: .txt (kw ``encoding``), .docx (kw ``author``), .pdf."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return write_txt(j, path, **kw)
    if suffix == ".docx":
        return write_docx(j, path, **kw)
    if suffix == ".pdf":
        return write_pdf(j, path)
    raise ValueError(f"unsupported suffix {suffix!r}")
