"""The PDF checks' faster paths (issue 15) compute what their definitions say.

* ``expected_page_text`` cuts the page string at the masked characters and the pieces'
  places instead of walking it character by character: on pages with whitespace, soft
  hyphens, surrogate pairs, pieces with whitespace, several pieces at one index and masks
  over whitespace it gives the per-character definition's text.
* ``region_mask`` maps two opposite corners of each region instead of four: on pages
  rotated by 0, 90, 180 and 270 degrees it marks the same pixels.
"""

from __future__ import annotations

import random

import numpy as np
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas

from redactor.formats.pdf.checks import MaskSlice, _to_device, expected_page_text, region_mask
from redactor.formats.pdf.pages import SOFT_HYPHEN, WHITESPACE


def _by_character(page_unicode: str, slices: list[MaskSlice]) -> str:
    """The definition: every non-whitespace character in order (a soft hyphen read as
    "-"), a masked one left out, each piece before the first character at or after its
    slice's first index; whitespace removed from everything."""
    chars = [(i, "-" if ch == SOFT_HYPHEN else ch) for i, ch in enumerate(page_unicode) if ch not in WHITESPACE]
    masked = {i for s in slices for i in s.indices}
    starts = sorted((s.indices[0], s.piece) for s in slices)
    out, k = [], 0
    for i, ch in chars:
        while k < len(starts) and starts[k][0] <= i:
            out.append(starts[k][1])
            k += 1
        if i not in masked:
            out.append(ch)
    out.extend(p for _, p in starts[k:])
    return "".join(c for c in "".join(out) if c not in WHITESPACE)


ALPHABET = list("张伟某号路-") + [" ", "\u3000", "\r", "\n", "\t", "\xa0", SOFT_HYPHEN, "\ud840", "\udc00"]
PIECES = ["", "某", "×××", " 某", "某\u3000某", "\n", "[地址]"]


def test_expected_page_text_is_the_per_character_definition():
    rng = random.Random(15)
    for _ in range(2000):
        page = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        slices = []
        for _ in range(rng.randint(0, 5)):
            if not page:
                break
            start = rng.randrange(len(page))
            indices = list(range(start, min(len(page), start + rng.randint(1, 6))))
            slices.append(MaskSlice(0, 0, indices, rng.choice(PIECES)))
        assert expected_page_text(page, slices) == _by_character(page, slices), (page, slices)


def test_expected_page_text_two_pieces_at_one_index_come_in_sorted_order():
    slices = [MaskSlice(0, 0, [1], "乙"), MaskSlice(0, 1, [1, 2], "甲")]
    assert expected_page_text("张伟 明", slices) == _by_character("张伟 明", slices) == "张乙甲明"  # (1, "乙") sorts before (1, "甲")


def _four_corner_mask(page, shape, regions, pad_px):
    height, width = shape
    mask = np.zeros(shape, dtype=bool)
    for l, b, r, t in regions:
        pts = [_to_device(page, width, height, x, y) for x in (l, r) for y in (b, t)]
        x0 = int(max(0, min(p[0] for p in pts) - pad_px))
        x1 = int(min(width, max(p[0] for p in pts) + pad_px + 1))
        y0 = int(max(0, min(p[1] for p in pts) - pad_px))
        y1 = int(min(height, max(p[1] for p in pts) + pad_px + 1))
        if x1 > x0 and y1 > y0:
            mask[y0:y1, x0:x1] = True
    return mask


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_region_mask_two_corners_mark_what_four_corners_mark(tmp_path, rotation):
    path = tmp_path / "page.pdf"
    c = Canvas(str(path), pagesize=(595.0, 842.0))
    c.setPageRotation(rotation)
    c.drawString(72, 700, "x")
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    rng = random.Random(rotation)
    for scale in (1.5, 3.0):
        w, h = page.get_size()  # pdfium gives the rotated size
        shape = (int(h * scale), int(w * scale))
        regions = []
        for _ in range(40):
            l, b = rng.uniform(-30, 600), rng.uniform(-30, 850)
            regions.append((l, b, l + rng.uniform(0, 120), b + rng.uniform(0, 20)))
        assert np.array_equal(region_mask(page, shape, regions, 2.0 * scale / 1.5),
                              _four_corner_mask(page, shape, regions, 2.0 * scale / 1.5))
    page.close()
    pdf.close()
