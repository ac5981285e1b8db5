"""PDF writer, safe by construction: the redacted text re-typeset into a fresh PDF.

Not the default for PDF inputs any more (``formats.pdf`` edits the source in place and
keeps its layout); kept for callers that want a plain re-typeset copy.

Nothing of the source file is copied: no content stream, image, annotation, form
field, outline, attachment, metadata or XMP packet. The output holds exactly the
redacted text (``apply_edits``), laid out on A4 one paragraph per text line, wrapped
character by character, in one CJK font. Its info dictionary is neutral (empty
title/author/subject/keywords, a fixed Producer) and reportlab's invariant mode
removes timestamps and random IDs, so rewriting the same document gives
byte-identical output.

The font: an embedded (subset) TrueType CJK font, the one the tool carries
(``redactor.cjk_font``: WenQuanYi Micro Hei from a Python dependency, never a system
font, so the output is the same on every machine); for a character that font has no
glyph for, reportlab's built-in CID font STSong-Light (Adobe-GB1, not embedded).
``output_font()`` says which is used. Either way each glyph carries a Unicode mapping
(ToUnicode for the subset, the standard UniGB-UCS2-H CMap for STSong-Light), and
``write`` reads its own output back and fails if the text
differs from what was meant.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

from redactor.formats import write_bytes_atomically
from redactor.apply import apply_edits
from redactor.document import Document, Edit
from redactor.errors import WriteFailed

PAGE_MARGIN = 72.0  # 2.54 cm on every side
FONT_SIZE = 12.0
LEADING = 20.0
PRODUCER = "redactor"
CID_FONT = "STSong-Light"
EMBEDDED_FONT_NAME = "RedactorCJK"
# A line never starts with these: they hang at the end of the previous line.
_NO_LINE_START = set("，。、；：？！）》」』”’】〉,.;:?!)")
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _embedded_font():
    """The bundled TrueType CJK font, registered with reportlab."""
    from redactor.cjk_font import ttfont

    return ttfont(EMBEDDED_FONT_NAME)


@lru_cache(maxsize=1)
def _cid_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


def output_font(text: str = "") -> str:
    """The font ``text`` is set in: the embedded TTF when it has a glyph for every
    character (a missing glyph would lose its Unicode mapping too), else STSong-Light."""
    cmap = _embedded_font().face.charToGlyph
    if all(ord(c) in cmap for c in set(text) if not c.isspace()):
        return EMBEDDED_FONT_NAME
    return _cid_font()


def font_is_embedded(text: str = "") -> bool:
    return output_font(text) != CID_FONT


def _clean(paragraph: str) -> str:
    """Tabs become spaces; other control characters have nothing to show."""
    return "".join(" " if c == "\t" else c for c in paragraph if c >= " " or c == "\t")


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Each text line as one paragraph, wrapped by character to ``width`` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths: dict[str, float] = {}
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = _clean(paragraph).rstrip()
        if not paragraph:
            out.append("")
            continue
        line: list[str] = []
        used = 0.0
        for ch in paragraph:
            w = widths.get(ch)
            if w is None:
                w = widths[ch] = stringWidth(ch, font, size)
            if line and used + w > width and ch not in _NO_LINE_START:
                out.append("".join(line).rstrip())
                line, used = [], 0.0
                if ch == " ":
                    continue  # the break replaces the space
            line.append(ch)
            used += w
        out.append("".join(line).rstrip())
    return out


def render(text: str) -> bytes:
    """The PDF bytes for ``text``; deterministic for a given text and font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    font = output_font(text)
    page_w, page_h = A4
    lines = wrap_lines(text, font, FONT_SIZE, page_w - 2 * PAGE_MARGIN)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, initialFontName=font, initialFontSize=FONT_SIZE)
    for setter in (canvas.setTitle, canvas.setAuthor, canvas.setSubject, canvas.setKeywords, canvas.setCreator):
        setter("")
    canvas.setProducer(PRODUCER)
    top = page_h - PAGE_MARGIN - FONT_SIZE
    y = top
    for line in lines:
        if y < PAGE_MARGIN:
            canvas.showPage()
            y = top
        if line:
            canvas.setFont(font, FONT_SIZE)
            canvas.drawString(PAGE_MARGIN, y, line)
        y -= LEADING
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _squash(text: str) -> str:
    return _WHITESPACE.sub("", text)


def extract_text_pdfium(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    import redactor.cjk_font  # noqa: F401 - pdfium's fonts: the bundled one only

    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def write(doc: Document, edits: list[Edit], dest: Path) -> None:
    dest = Path(dest)
    text = apply_edits(doc.text, edits)
    data = render(text)
    # The output must say what we meant, no more and no less (a character the font's
    # encoding cannot carry would come back different).
    if _squash("".join(extract_text_pdfium(data))) != _squash(_clean(text)):
        raise WriteFailed("the typeset PDF does not read back as the redacted text", "pdf_text_mismatch")
    write_bytes_atomically(dest, data)
