"""Where the masked spans are on the pages, and the checks that a published PDF is right.

``plan_masks`` turns text edits into page regions: each edit, less the characters its
replacement keeps (张伟 -> 张某 only masks 伟), is located through the reader's offset map
to pdfium character indices, and each run of characters becomes a ``MaskSlice`` with the
characters' loose boxes and its share of the replacement text.

Two checks compare a written page with its source page:

* text: the characters pdfium reads on the written page are exactly the source page's
  characters with the masked ones removed and the replacement pieces put in their place
  (whitespace ignored). It catches a masked glyph left behind and a kept glyph removed.
* pixels: both pages are rendered and must not differ outside the masked regions
  (``pixel_check``): the layout, the seals and every other line are untouched.

``verify_layout`` runs both on every page of a published file (the writer runs them on
every page as it writes, ``inplace._check_pages``).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from redactor.document import Document, Edit
from redactor.errors import VerificationFailed
from redactor.formats.pdf.pages import COMPACT, NO_WHITESPACE
from redactor.formats.pdf.pages import PageCache

# Rendering scale for the pixel check (1.5 = 108 dpi) and what counts as a difference.
CHECK_SCALE = 1.5
# A page that differs at CHECK_SCALE is checked again here (see pixel_check).
CONFIRM_SCALE = 3.0
PIXEL_TOLERANCE = 40  # grey levels (of 255) a pixel may move by anti-aliasing alone
REGION_PAD_PX = 2.0
# A masked region reaches this share of its character height above and below the loose
# box: the replacement is set in another font whose glyphs sit a little differently.
REGION_PAD_EMS = 0.15
# A page that fell back to a rendered image is an image of the source page at FALLBACK_DPI:
# it is compared at that resolution (one image pixel to one rendered pixel; at any other,
# resampling the image alone moves thousands of glyph-edge pixels on a dense page), looser,
# but still bounded.
FALLBACK_DPI = 150
FALLBACK_TOLERANCE = 96
FALLBACK_MAX_SHARE = 0.0002  # dense pages differ by ~30 pixels in 2 million; two removed glyphs by ~400



@dataclass
class MaskSlice:
    """Source page characters ``indices`` are masked; ``piece`` is shown in their place."""

    page: int
    edit: int
    indices: list[int]
    piece: str
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # loose (l, b, r, t)

    def line_rects(self) -> list[tuple[float, float, float, float]]:
        """The boxes merged per line; a gap narrower than the line's height (a space the
        layout left between 路 and 8) is bridged, so a deleted span is one box."""
        rects: list[list[float]] = []
        for l, b, r, t in self.boxes:
            cur = rects[-1] if rects else None
            if (cur and min(t, cur[3]) - max(b, cur[1]) > 0.5 * min(t - b, cur[3] - cur[1])
                    and l - cur[2] < (cur[3] - cur[1]) and cur[0] - r < (cur[3] - cur[1])):
                cur[:] = [min(cur[0], l), min(cur[1], b), max(cur[2], r), max(cur[3], t)]
            else:
                rects.append([l, b, r, t])
        return [tuple(r) for r in rects]

    def regions(self) -> list[tuple[float, float, float, float]]:
        out = []
        for l, b, r, t in self.line_rects():
            pad = REGION_PAD_EMS * max(t - b, 1.0)
            out.append((l, b - pad, r, t + pad))
        return out


def trimmed(original: str, replacement: str) -> tuple[int, int]:
    """How many leading and trailing characters the replacement keeps (张伟 -> 张某: 1, 0)."""
    k = 0
    while k < min(len(original), len(replacement)) and original[k] == replacement[k]:
        k += 1
    m = 0
    while m < min(len(original), len(replacement)) - k and original[-1 - m] == replacement[-1 - m]:
        m += 1
    return k, m


def _split_piece(piece: str, lengths: list[int]) -> list[str]:
    total = sum(lengths)
    out, done, cut = [], 0, 0
    for n in lengths:
        done += n
        nxt = round(len(piece) * done / total) if total else len(piece)
        out.append(piece[cut:nxt])
        cut = nxt
    return out


def plan_masks(doc: Document, edits: list[Edit], pages: "PageCache") -> dict[int, list[MaskSlice]]:
    """The masked character runs per page, with their boxes, from the source ``pages``."""
    plan: dict[int, list[MaskSlice]] = {}
    for n, e in enumerate(edits):
        original = doc.text[e.start:e.end]
        k, m = trimmed(original, e.replacement)
        start, end = e.start + k, e.end - m
        piece = e.replacement[k:len(e.replacement) - m]
        if start >= end:
            continue
        slices = doc.offset_map.locate(start, end)
        if not slices:
            continue  # only characters the reader synthesised: nothing on the page
        pieces = _split_piece(piece, [s.end - s.start for s in slices])
        for s, p in zip(slices, pieces):
            plan.setdefault(s.anchor[0], []).append(MaskSlice(s.anchor[0], n, list(range(s.start, s.end)), p))
    rect = pdfium_c.FS_RECTF()
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    for pno, slices in plan.items():
        tp = pages.textpage(pno).raw  # pypdfium2's get_charbox(loose=True), without its wrapper
        for s in slices:
            for i in s.indices:
                if not loose_box(tp, i, rect):
                    raise pdfium.PdfiumError("Failed to get charbox.")
                box = (rect.left, rect.bottom, rect.right, rect.top)
                if box[2] > box[0] and box[3] > box[1]:
                    s.boxes.append(box)
    return plan


def text_is_from(doc: Document, pages: PageCache) -> bool:
    """Whether every mapped character of ``doc.text`` is the page character it points to
    (the document was read from this file and its text not changed since)."""
    text = doc.text
    for seg in doc.offset_map.segments:
        pno = seg.anchor[0]
        if not 0 <= pno < len(pages):
            return False
        page = pages.unicode(pno)
        n = len(page)
        if seg.length and seg.offset + seg.length > n:
            return False
        if text[seg.start:seg.start + seg.length] == page[seg.offset:seg.offset + seg.length]:
            continue  # the usual case, compared whole
        for k in range(seg.length):
            i = seg.offset + k
            want = text[seg.start + k]
            code = ord(page[i])
            if 0xD800 <= code <= 0xDBFF and i + 1 < n:
                low = ord(page[i + 1])
                if 0xDC00 <= low <= 0xDFFF:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            if (want == "\ufffd" or chr(code) == want or (want == " " and code in (0x09, 0xA0))
                    or (want == "-" and code == 0x02)):
                continue
            return False
    return True


def expected_page_text(page_unicode: str, slices: list[MaskSlice]) -> str:
    """The source page's characters (``page_unicode``: ``PageCache.unicode``) as the written
    page must read: each slice's characters removed and its piece put before the first
    character at or after its first index, whitespace removed (``PageCache.compact``'s
    form). The page is cut only at the masked characters and the pieces' places; each cut
    is translated whole (the per-character loop it replaces cost a millisecond a page)."""
    pieces_at: dict[int, str] = {}
    for start, piece in sorted((s.indices[0], s.piece) for s in slices):
        pieces_at[start] = pieces_at.get(start, "") + piece
    masked = {i for s in slices for i in s.indices}
    out = []
    prev = 0
    for cut in sorted(masked | pieces_at.keys()):
        out.append(page_unicode[prev:cut].translate(COMPACT))
        if cut in pieces_at:
            out.append(pieces_at[cut].translate(NO_WHITESPACE))
        prev = cut + 1 if cut in masked else cut
    out.append(page_unicode[prev:].translate(COMPACT))
    return "".join(out)


def text_matches(source: PageCache, written: PageCache, pno: int, slices: list[MaskSlice]) -> bool:
    """Whether written page ``pno`` reads as source page ``pno`` with ``slices`` applied.
    Order-insensitive on the pieces' placement only where a piece is whitespace-only."""
    want = expected_page_text(source.unicode(pno), slices)
    got = written.compact(pno)
    if got == want:
        return True
    # pdfium orders the characters of one line by content-stream order; a replacement set
    # inline may be read before the same-line characters drawn ahead of it in another
    # text object. Same multiset per page and every kept character in order is accepted.
    return sorted(got) == sorted(want) and _kept_in_order(source.chars(pno), slices, got)


def _kept_in_order(source_chars, slices, got: str) -> bool:
    masked = {i for s in slices for i in s.indices}
    kept = "".join(ch for i, ch in source_chars if i not in masked)
    it = iter(got)
    return all(c in it for c in kept)


def _render_grey(page, scale: float):
    """The page rendered in 8-bit grey (pdfium renders straight into that format)."""
    import numpy as np

    bitmap = page.render(scale=scale, may_draw_forms=False, draw_annots=False, grayscale=True)
    arr = bitmap.to_numpy()
    if arr.ndim == 3:
        arr = arr[..., 0]
    return np.array(arr, dtype=np.uint8)  # a copy: the bitmap's buffer is freed with it


def _to_device(page, width: int, height: int, x: float, y: float) -> tuple[float, float]:
    dx, dy = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, width, height, 0, x, y, dx, dy)
    return dx.value, dy.value


def region_mask(page, shape, regions, pad_px: float = REGION_PAD_PX):
    import numpy as np

    height, width = shape
    mask = np.zeros(shape, dtype=bool)
    for l, b, r, t in regions:
        # pdfium's page-to-device map is a multiple of 90 degrees (no shear): each device
        # coordinate depends on one page coordinate only, so two opposite corners give the
        # same extremes as all four
        pts = [_to_device(page, width, height, l, b), _to_device(page, width, height, r, t)]
        x0 = int(max(0, min(p[0] for p in pts) - pad_px))
        x1 = int(min(width, max(p[0] for p in pts) + pad_px + 1))
        y0 = int(max(0, min(p[1] for p in pts) - pad_px))
        y1 = int(min(height, max(p[1] for p in pts) + pad_px + 1))
        if x1 > x0 and y1 > y0:
            mask[y0:y1, x0:x1] = True
    return mask


def pixel_check(source_page, written_page, regions, fallback: bool = False, scale: float = CHECK_SCALE) -> bool:
    """True when the written page looks like the source page outside ``regions``.

    An edited line's glyphs after a replacement are placed by new text operators; their
    positions agree with the source to a millionth of a point, but where a glyph origin
    sits on a pixel-rounding boundary at 108 dpi, that is enough for a few isolated pixels
    of anti-aliasing to differ (seen on 1 PDF in 40 of the benchmark corpus: 30 pixels on
    a page). Such a page is rendered again at CONFIRM_SCALE and passes only if it shows no
    difference at all there. That check is strictly more sensitive to real changes: a
    removed glyph leaves at least 14 differing pixels in one cluster at 216 dpi (measured
    over every glyph of a judgment page) against 0-4 at 108 dpi, and a glyph shifted by
    one pixel at 108 dpi is two pixels off at 216 dpi, past the shift tolerance.
    """
    if fallback:
        a, b, outside = _renders(source_page, written_page, regions, FALLBACK_DPI / 72.0)
        return a is not None and _shift_tolerant_diff(a, b, FALLBACK_TOLERANCE, outside) <= FALLBACK_MAX_SHARE * a.size
    for s in (scale, CONFIRM_SCALE):
        a, b, outside = _renders(source_page, written_page, regions, s)
        if a is None:
            return False
        if _shift_tolerant_diff(a, b, PIXEL_TOLERANCE, outside) == 0:
            return True
    return False


def _renders(source_page, written_page, regions, scale: float):
    """Both pages rendered at ``scale`` and the mask of what lies outside the regions
    (the regions' padding grows with the scale); (None, None, None) if the sizes differ."""
    a = _render_grey(source_page, scale)
    b = _render_grey(written_page, scale)
    if a.shape != b.shape:
        return None, None, None
    outside = ~region_mask(source_page, a.shape, regions, pad_px=REGION_PAD_PX * scale / CHECK_SCALE)
    return a, b, outside


def _shift_tolerant_diff(a, b, tolerance: int, outside):
    """Pixels outside the regions where ``b`` differs from ``a`` by more than ``tolerance``,
    where a pixel of ``b`` may also match ``a`` one pixel to either side or above/below: a
    glyph whose position moved by a rounding error (hundredths of a point) can land on the
    neighbouring pixel. A glyph removed or moved for real cannot."""
    import numpy as np

    # Only rows where the renderings differ at all are looked at: the rows of the edited
    # lines, a few percent of the page (one comparison pass finds them).
    rows = np.flatnonzero((a != b).any(axis=1))
    if rows.size == 0:
        return 0
    ar, br = a[rows], b[rows]
    # |a - b| in uint8 without overflow (max - min), one byte a pixel; most pages have no
    # difference outside the regions at all, and ``any`` answers that without the
    # allocation ``nonzero`` makes.
    differs = np.maximum(ar, br)
    differs -= np.minimum(ar, br)
    differs = differs > tolerance
    differs &= outside[rows]
    if not differs.any():
        return 0
    row_idx, xs = np.nonzero(differs)
    ys = rows[row_idx]
    h, w = a.shape
    bv = b[ys, xs].astype(np.int16)  # only the differing pixels are widened, not the page
    best = np.abs(a[ys, xs].astype(np.int16) - bv)
    for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        yy, xx = np.clip(ys + dy, 0, h - 1), np.clip(xs + dx, 0, w - 1)
        np.minimum(best, np.abs(a[yy, xx].astype(np.int16) - bv), out=best)
    return int((best > tolerance).sum())


@dataclass
class LayoutReport:
    pages: int
    pages_with_masks: int
    fallback_pages: list[int]


def check_page(source: PageCache, pno: int, written: PageCache, slices: list[MaskSlice], fallback: bool
               ) -> str | None:
    """Which check page ``pno`` fails ("text" or "pixels"), None when it passes both."""
    if not text_matches(source, written, pno, slices):
        return "text"
    regions = [r for s in slices for r in s.regions()]
    if not pixel_check(source.page(pno), written.page(pno), regions, fallback=fallback):
        return "pixels"
    return None


def verify_layout(doc: Document, edits: list[Edit], written: Path, fallback_pages=()) -> LayoutReport:
    """Every page of ``written`` reads as its source page with the edits applied, and looks
    the same outside the masked regions. Pages the writer had to publish as images
    (``fallback_pages``, 0-based: the writer's ``pdf_fallback_pages`` note) get the looser
    image tolerance."""
    source = PageCache.from_bytes(Path(doc.path).read_bytes())
    out = PageCache.from_bytes(Path(written).read_bytes())
    fallback = set(fallback_pages)
    try:
        if len(source) != len(out):
            raise VerificationFailed("the published PDF has a different number of pages", "pdf_pages")
        plan = plan_masks(doc, edits, source)
        for pno in range(len(source)):
            failed = check_page(source, pno, out, plan.get(pno, []), pno in fallback)
            if failed == "text":
                raise VerificationFailed(f"page {pno + 1} of the published PDF does not read as intended",
                                         "pdf_text_mismatch")
            if failed == "pixels":
                raise VerificationFailed(f"page {pno + 1} of the published PDF differs outside the masked regions",
                                         "pdf_layout_changed")
        return LayoutReport(len(source), len(plan), sorted(fallback))
    finally:
        source.close()
        out.close()
