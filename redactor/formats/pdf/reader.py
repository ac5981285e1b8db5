"""PDF reader: the text layer of every page, read with pdfium, line-joined for detection.

Every real character of the text layer is mapped back to its page character:
``anchor = (page_index,)`` and ``offset = pdfium's char index on that page``, so a writer
can find the glyph (``FPDFText_GetCharBox``). Characters pdfium synthesises (the
``\\r\\n`` it inserts between lines, spaces it infers from gaps) and the separators this
reader adds are not mapped.

Wrapped lines are joined so that a value broken by the layout (曹 at the end of one
line, 兰 at the start of the next) is one string for the detectors. A line break is
removed when the line is *full* (it starts near the text's left margin and ends within
about an em of the right margin) and its last character is not sentence-ending
punctuation; otherwise it stays as ``\\n``. The same rule joins across a page break.
A line that is only a page number ("- 3 -", "第3页", "3/10") at the top or bottom of a
page is kept as a line of its own but moved to the next paragraph end, so it never
splits a joined value.

Fails closed (UnreadableDocument, reason codes in parentheses): not a PDF (not_pdf),
truncated (truncated), damaged beyond pdfium's repair (corrupt), needs a password to
open (encrypted), no pages (no_pages), a page with content but no text layer — scanned
or text drawn as outlines (no_text_layer), a page that is mostly an image with almost
no text (scanned_page), a page whose text cannot be mapped to Unicode (unmapped_text).

Owner-password-only files (restrictions on printing/copying, no password to open) are
read: pdfium opens them, the text is what any viewer shows, and the writer produces a
fresh file anyway. ``source_info["encrypted"]`` records it so the run report can say so.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from redactor.document import Document, DocumentFormat, OffsetMap
from redactor.errors import UnreadableDocument
from redactor.formats.pdf.pages import PageCache

# A full line ending in one of these closes a sentence: the break stays. (；and ： do
# not: a wrapped clause list or "住址：" + address must join.)
SENTENCE_END = set("。！？!?…")
# Closing marks that may follow the sentence end ("。”", "。）").
_CLOSERS = set("”’\"'）)】」』》〉")
# Characters a line may not start with (行首禁则): they stay with the character before.
_NO_LINE_START = set("，。、；：？！）》」』”’】〉,.;:?!)%")
# A line is full when its right edge is within this many ems of the right margin (a
# CJK line wraps when the next character does not fit: the gap is under one em, plus
# the side bearing of the last glyph) ...
FULL_RIGHT_EMS = 1.5
# When the next line opens with a longer unbreakable piece (a number, "××××", a
# character pulled down by a closing mark), the wrap leaves up to that piece's width
# plus a glyph's side bearings.
FULL_SLACK_EMS = 0.75
# ... and it starts within this many ems of the left margin (a paragraph's first line
# is indented two characters; a right-aligned date or signature line starts far right).
FULL_LEFT_EMS = 4.0
# Text-layer sanity: share of characters without a Unicode mapping that fails a page.
MAX_UNMAPPED_SHARE = 0.05
MIN_UNMAPPED_CHARS = 3
# A page covered this much by images with fewer real characters than this is a scan
# with, at best, a stamp or page number as text.
SCAN_IMAGE_COVERAGE = 0.5
SCAN_MAX_CHARS = 30

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·•]*"
    r"(?:"
    r"第\s*\d+\s*页(?:\s*[,，/／]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*(?:[/／]\s*\d+)?"
    r"|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|共\s*\d+\s*页\s*第\s*\d+\s*页"
    r")"
    r"[\s\-—–－_·•]*$",
    re.IGNORECASE,
)

_PDF_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: ("the file cannot be opened as a PDF", "not_pdf"),
    pdfium_c.FPDF_ERR_FORMAT: ("the PDF structure is damaged", "corrupt"),
    pdfium_c.FPDF_ERR_PASSWORD: ("the PDF is encrypted with a password to open it", "encrypted"),
    pdfium_c.FPDF_ERR_SECURITY: ("the PDF uses an unsupported security handler", "encrypted"),
}


def is_page_number_line(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF  # radicals, kana, CJK unified (+ ext A), punctuation
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x20000 <= o <= 0x3FFFF
    )


def _is_bad_char(code: int) -> bool:
    """A code point that says the font had no usable Unicode mapping."""
    return (
        code == 0
        or code == 0xFFFD
        or 0xE000 <= code <= 0xF8FF  # private use: a font's own codes leaking through
        or 0xD800 <= code <= 0xDFFF  # a lone surrogate (pairs are merged before this)
        or (code < 0x20 and code not in (0x09, 0x0A, 0x0D))
    )


# One or more characters the walk in _read_page takes as they are: not a line break
# (\r \n, pdfium's soft hyphen 0x02), not whitespace (a space may be generated), not a
# surrogate (a pair is one character), not a code _is_bad_char refuses.
_PLAIN_RUN = re.compile(r"[^\x00-\x20\xa0\u3000\ud800-\udfff\ue000-\uf8ff\ufffd]+")


@dataclass
class _Line:
    page: int
    chars: list[str] = field(default_factory=list)
    idx: list[int] = field(default_factory=list)  # page char index; -1 = synthetic
    left: float = 0.0
    right: float = 0.0
    em: float = 0.0
    lead_width: float = 0.0  # width of the line's first unbreakable piece (see _lead_end)
    page_number: bool = False

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _check_container(data: bytes) -> None:
    if b"%PDF-" not in data[:1024]:
        raise UnreadableDocument("the file is not a PDF (no %PDF header)", "not_pdf")
    # The file ends with %%EOF; a cut-off download or copy loses it. pdfium would
    # "repair" such a file and silently drop whatever was cut off.
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableDocument("the PDF is truncated (no end-of-file marker)", "truncated")


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        code = pdfium_c.FPDF_GetLastError()
        if _page_count_pypdf(data) == 0:
            # pdfium refuses an empty page tree without setting an error code (the last
            # error is then whatever an earlier document left)
            raise UnreadableDocument("the PDF has no pages", "no_pages") from None
        msg, reason = _PDF_ERRORS.get(code, ("pdfium cannot open the PDF", "corrupt"))
        raise UnreadableDocument(msg, reason) from None


def _page_count_pypdf(data: bytes) -> int | None:
    import io

    from pypdf import PdfReader

    try:
        return len(PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception:  # noqa: BLE001 - only a diagnosis; the file is refused either way
        return None


def _charbox(textpage, i: int) -> tuple[float, float, float, float]:
    l, r, b, t = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharBox(textpage, i, l, r, b, t)
    return l.value, b.value, r.value, t.value


def _image_objects(parent, form: bool, level: int, out: list) -> None:
    """The image objects of a page or a form XObject, forms descended into (as pypdfium2's
    ``get_objects`` does, to the same depth), through the raw handles: building a
    pypdfium2 object for each of a page's hundreds of text objects cost more than the rest
    of the reader's walk."""
    count = pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects
    get = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
    get_type = pdfium_c.FPDFPageObj_GetType
    n = count(parent)
    if n < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    for i in range(n):
        obj = get(parent, i)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = get_type(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            out.append(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < _FORM_MAX_DEPTH - 1:
            _image_objects(obj, True, level + 1, out)
        elif kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
            raise pdfium.PdfiumError("Failed to determine pageobject type.")


# pypdfium2's get_objects default: how deep form XObjects are descended into.
_FORM_MAX_DEPTH = 15


def _image_coverage(page, width: float, height: float) -> float:
    """Share of the page area under image objects (overlaps counted twice, capped at 1)."""
    images: list = []
    _image_objects(page.raw, False, 0, images)
    area = 0.0
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for obj in images:
        if not pdfium_c.FPDFPageObj_GetBounds(obj, l, b, r, t):
            continue  # pypdfium2's get_bounds raises here, and the object was skipped
        area += (max(0.0, min(r.value, width) - max(l.value, 0.0))
                 * max(0.0, min(t.value, height) - max(b.value, 0.0)))
    return min(1.0, area / (width * height)) if width > 0 and height > 0 else 0.0


def _read_page(pages: PageCache, pno: int, info: dict) -> list[_Line]:
    """The page's lines in pdfium's order; raises for a page that has no usable text."""
    try:
        page = pages.page(pno)
    except (pdfium.PdfiumError, IndexError):
        raise UnreadableDocument(f"page {pno + 1} cannot be loaded", "corrupt") from None
    width, height = page.get_size()
    info["page_sizes"].append((round(width, 2), round(height, 2)))
    textpage = pages.textpage(pno)
    n = textpage.count_chars()
    n_objects = pdfium_c.FPDFPage_CountObjects(page)

    lines: list[_Line] = []
    cur = _Line(pno)
    real = 0
    bad = 0
    pending_space = False  # a generated space seen; emitted only between non-CJK chars
    # the raw handle: pypdfium2's per-call parameter conversion costs more than the call
    tp = textpage.raw
    is_generated = pdfium_c.FPDFText_IsGenerated
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    # pdfium's characters of this page, index by index (kept in the cache for the writer)
    text = pages.unicode(pno)
    codes = list(map(ord, text))
    plain_run = _PLAIN_RUN.match
    i = 0
    while i < n:
        if not pending_space:
            # A run of ordinary characters (no whitespace, break, surrogate or unmapped
            # code) is taken whole: for each, the loop below would do exactly this.
            run = plain_run(text, i, n)
            if run is not None:
                j = run.end()
                cur.chars.extend(text[i:j])
                cur.idx.extend(range(i, j))
                real += j - i
                errors = list(map(map_error, repeat(tp, j - i), range(i, j)))
                bad += len(errors) - errors.count(0)  # -1 (pdfium's failure) counts, as below
                i = j
                continue
        code = codes[i]
        if code in (0x0D, 0x0A, 0x02):  # a line break
            if code == 0x02:
                # pdfium's soft hyphen: a real "-" glyph that ends a line, which pdfium takes
                # for a word break. In Chinese text it is content (HX-2000, 010-8888): kept,
                # so a value written across the break is found whole and its hyphen masked.
                cur.chars.append("-")
                cur.idx.append(i)
            if cur.chars:
                lines.append(cur)
                cur = _Line(pno)
            pending_space = False
            i += 1
            continue
        if code == 0x20 and is_generated(tp, i) == 1:
            pending_space = bool(cur.chars)
            i += 1
            continue
        width_units = 1
        if 0xD800 <= code <= 0xDBFF and i + 1 < n:
            low = codes[i + 1]
            if 0xDC00 <= low <= 0xDFFF:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                width_units = 2
        if code in (0x20, 0x09, 0xA0, 0x3000):
            if cur.chars:  # leading whitespace of a line is layout, not content
                cur.chars.append(" " if code != 0x3000 else "\u3000")
                cur.idx.append(i)
            i += width_units
            continue
        real += 1
        if _is_bad_char(code):
            bad += 1
            ch = "\ufffd"
        else:
            ch = chr(code)
            if map_error(tp, i):
                bad += 1
        if pending_space:
            if cur.chars and not (_is_cjk(cur.chars[-1]) and _is_cjk(ch)) and cur.chars[-1] != " ":
                cur.chars.append(" ")
                cur.idx.append(-1)
            pending_space = False
        cur.chars.append(ch)
        cur.idx.append(i)
        i += width_units
    if cur.chars:
        lines.append(cur)

    if real == 0:
        if n_objects > 0:
            raise UnreadableDocument(f"page {pno + 1} has no text layer (scanned?)", "no_text_layer")
        info["blank_pages"].append(pno)
        return []
    coverage = _image_coverage(page, width, height)
    if coverage >= SCAN_IMAGE_COVERAGE:
        info["image_pages"].append(pno)
        if real < SCAN_MAX_CHARS:
            raise UnreadableDocument(
                f"page {pno + 1} is an image with almost no text layer (scanned?)", "scanned_page"
            )
    if bad >= MIN_UNMAPPED_CHARS and bad > MAX_UNMAPPED_SHARE * real:
        raise UnreadableDocument(
            f"page {pno + 1}: {bad} of {real} characters have no Unicode mapping", "unmapped_text"
        )
    info["unmapped_chars"] += bad

    for line in lines:
        # trailing whitespace is layout too
        while line.chars and line.chars[-1] in (" ", "\u3000"):
            line.chars.pop()
            line.idx.pop()
        # the first and the last mapped character (a synthetic space is -1)
        first = next((k for k in line.idx if k >= 0), None)
        if first is None:
            continue
        last = next(k for k in reversed(line.idx) if k >= 0)
        l0, _, r0, _ = _charbox(tp, first)
        l1, _, r1, _ = _charbox(tp, last)
        line.left, line.right = min(l0, l1), max(r0, r1)
        line.em = max(pdfium_c.FPDFText_GetFontSize(tp, first), pdfium_c.FPDFText_GetFontSize(tp, last), 1.0)
        lead = line.idx[_lead_end(line.chars)]
        line.lead_width = max(0.0, _charbox(tp, lead)[2] - l0) if lead >= 0 else line.em
    lines = [ln for ln in lines if ln.chars]
    for pos in (0, len(lines) - 1):
        if lines and is_page_number_line(lines[pos].text):
            lines[pos].page_number = True
    return lines


def _lead_end(chars: list[str]) -> int:
    """Index of the last character of a line's first unbreakable piece.

    Line wrapping (reportlab's CJK wrap, word processors) never breaks inside a run of
    Latin letters/digits ("2023", "××××", "13812345678") and never starts a line with
    closing punctuation (it hangs, or pulls the previous character down). So the line
    before was wrapped, not ended, if this piece did not fit in the space it left.
    """
    k = 0
    if not _is_cjk(chars[0]) and chars[0] != " ":
        while k + 1 < len(chars) and not _is_cjk(chars[k + 1]) and chars[k + 1] != " ":
            k += 1
    while k + 1 < len(chars) and chars[k + 1] in _NO_LINE_START:
        k += 1
    return k


def _ends_sentence(text: str) -> bool:
    k = len(text) - 1
    while k >= 0 and text[k] in _CLOSERS:
        k -= 1
    return k >= 0 and text[k] in SENTENCE_END


def _margins(pages: list[list[_Line]], sizes: list[tuple[float, float]]) -> dict[tuple, tuple[float, float]]:
    """Left and right text margins per page size, from the edges of the body lines.

    The extreme edges, except that with many lines a few outliers (a hanging
    punctuation mark, an overlong Latin word, a wide table row) are ignored.
    """
    edges: dict[tuple, tuple[list[float], list[float]]] = {}
    for lines, size in zip(pages, sizes):
        for ln in lines:
            if not ln.page_number:
                lefts, rights = edges.setdefault(size, ([], []))
                lefts.append(ln.left)
                rights.append(ln.right)
    out: dict[tuple, tuple[float, float]] = {}
    for size, (lefts, rights) in edges.items():
        lefts.sort()
        rights.sort()
        cut = len(rights) // 20 if len(rights) >= 20 else 0
        out[size] = (lefts[cut], rights[len(rights) - 1 - cut])
    return out


def _assemble(pages: list[list[_Line]], sizes: list[tuple[float, float]]) -> tuple[str, OffsetMap, list[tuple[int, int]]]:
    margins = _margins(pages, sizes)
    parts: list[str] = []
    omap = OffsetMap()
    pos = 0
    page_starts: list[tuple[int, int]] = []
    pending: list[_Line] = []  # page-number lines waiting for the next paragraph end

    def emit_line(line: _Line) -> None:
        nonlocal pos
        idx = line.idx
        if idx and idx[0] >= 0 and idx == list(range(idx[0], idx[0] + len(idx))):
            # the usual line: one run of consecutive page characters, one segment
            parts.append("".join(line.chars))
            omap.add(pos, pos + len(idx), (line.page,), idx[0])
            pos += len(idx)
            return
        run_start = None  # (text pos, page char index) of the current mapped run
        for ch, k in zip(line.chars, line.idx):
            if k >= 0 and run_start is not None and k == run_start[1] + (pos - run_start[0]):
                pass  # continues the run
            else:
                if run_start is not None:
                    omap.add(run_start[0], pos, (line.page,), run_start[1])
                run_start = (pos, k) if k >= 0 else None
            parts.append(ch)
            pos += 1
        if run_start is not None:
            omap.add(run_start[0], pos, (line.page,), run_start[1])

    def emit(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    def full(line: _Line, nxt: _Line) -> bool:
        """``line`` was wrapped: it starts at the left margin and the space it leaves at the
        right margin is too small for the next line's first unbreakable piece."""
        left_m, right_m = margins.get(sizes[line.page], (line.left, line.right))
        room = max(FULL_RIGHT_EMS * line.em, nxt.lead_width + FULL_SLACK_EMS * line.em)
        return line.right >= right_m - room and line.left <= left_m + FULL_LEFT_EMS * line.em

    page_seen: set[int] = set()
    prev: _Line | None = None  # last body line emitted; its break is decided by the next one
    for line in (ln for lines in pages for ln in lines):
        if line.page_number:
            pending.append(line)
            continue
        if prev is not None:
            if full(prev, line) and not _ends_sentence(prev.text):
                a, b = prev.chars[-1], line.chars[0]
                if a.isascii() and a.isalpha() and b.isascii() and b.isalpha():
                    emit(" ")  # a Latin word wrap: the space was the break
            else:
                emit("\n")
                for pn in pending:
                    emit_line(pn)
                    emit("\n")
                pending.clear()
        if line.page not in page_seen:
            page_seen.add(line.page)
            page_starts.append((line.page, pos))
        emit_line(line)
        prev = line
    for pn in pending:
        if pos:
            emit("\n")
        emit_line(pn)
    return "".join(parts), omap, page_starts


def _metadata(pdf: pdfium.PdfDocument, data: bytes, info: dict) -> dict[str, str]:
    meta: dict[str, str] = {}
    try:
        for key, value in pdf.get_metadata_dict(skip_empty=True).items():
            meta[key] = value
    except pdfium.PdfiumError:
        info["metadata_error"] = "info_dict"
    from redactor.formats.pdf.parser_warnings import counting

    with counting() as warned:  # pypdf's guesses while it parses the file for the XMP packet
        xmp = read_xmp(data)
    info["pdf_reader_warnings"] = warned[0]
    if xmp:
        meta["XMP"] = xmp
    return meta


def read_xmp(data: bytes) -> str:
    """The document's XMP packet (catalog /Metadata stream) as text, or "" if none."""
    import io

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        stream = reader.trailer["/Root"].get("/Metadata")
        if stream is None:
            return ""
        return stream.get_object().get_data().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - XMP is optional; a broken one is reported as absent
        return ""


def read(path: Path) -> Document:
    path = Path(path)
    data = path.read_bytes()
    _check_container(data)
    pdf = _open(data)
    sha256 = hashlib.sha256(data).hexdigest()
    # The pages stay loaded for the writer (``Document.pages``), which needs the same
    # pages again; a document that cannot be read gives them back here.
    pages = PageCache(pdf, sha256)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise UnreadableDocument("the PDF has no pages", "no_pages")
        info: dict = {
            "page_count": n_pages,
            "page_sizes": [],
            "blank_pages": [],
            "image_pages": [],
            "unmapped_chars": 0,
            "encrypted": pdfium_c.FPDF_GetSecurityHandlerRevision(pdf) != -1,
        }
        lines = [_read_page(pages, p, info) for p in range(n_pages)]
        if not any(lines):
            raise UnreadableDocument("the PDF has no text on any page", "empty")
        text, omap, page_starts = _assemble(lines, info["page_sizes"])
        # (page index, text offset) where each page's body text begins
        info["page_starts"] = page_starts
        metadata = _metadata(pdf, data, info)
    except BaseException:
        pages.close()
        raise
    return Document(
        path=path,
        format=DocumentFormat.PDF,
        text=text,
        offset_map=omap,
        sha256=sha256,
        metadata=metadata,
        source_info=info,
        pages=pages,
    )
