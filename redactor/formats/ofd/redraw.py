"""The fallback for a TextCode that cannot be split in place: the whole run is drawn again.

A TextCode without (enough) DeltaX leaves its glyph positions to the font's advances. A
masked value inside it would leave kept pieces that must start at a glyph the file gives
no position for, and the original font's advances are not known here (often an embedded
subset, or a system font such as 宋体 that is not in the package). Instead of failing the
document, the writer takes that one TextCode out and draws its text again, the masked
characters replaced, in a new TextObject in the bundled font (redactor/cjk_font.py,
WenQuanYi Micro Hei, declared in PublicRes) with every glyph position explicit:

* it starts where the original run started (the TextCode's X/Y, the TextObject's Boundary,
  transform and colours are kept);
* the advances are the bundled font's, in em of the TextObject's Size, scaled down so the
  run fits the room the original had (its TextObject's Boundary width from X): the
  original, laid out in the bundled font, and the redrawn text both fit it;
* the rest of the page is untouched (the other TextCodes keep their bytes and positions).

The page is listed in ``ofd_fallback_pages`` (0-based, as ``pdf_fallback_pages``) in the
report's ``writer`` field.

Not redrawn, the document fails closed (ofd_uneditable): vertical text (DeltaY, or a
ReadDirection/CharDirection other than 0), and a character the bundled font has no
glyph for (it would be drawn as an empty box: a kept value silently lost to the eye; a
blank without a glyph, such as a tab, takes a space's advance).
"""

from __future__ import annotations

import math
from functools import lru_cache

from redactor.errors import RedactorError


# Never squeeze glyphs closer than half their advance (a Boundary narrower than its own text
# is a damaged file; the text stays legible rather than fitting).
MIN_SCALE = 0.5


class Uneditable(RedactorError):
    reason = "ofd_uneditable"


@lru_cache(maxsize=1)
def _metrics() -> tuple[dict[int, str], dict[str, float]]:
    """The bundled font's cmap and its advances in em (read once a process)."""
    from fontTools.ttLib import TTFont

    from redactor.cjk_font import FONT_INDEX, font_path

    font = TTFont(str(font_path()), fontNumber=FONT_INDEX, lazy=True)
    upm = float(font["head"].unitsPerEm)
    cmap = dict(font.getBestCmap())
    hmtx = font["hmtx"]
    advances = {g: hmtx[g][0] / upm for g in set(cmap.values())}
    return cmap, advances


def advances_em(text: str) -> list[float]:
    """Each character's advance in the bundled font, in em; Uneditable where it has no glyph."""
    cmap, advances = _metrics()
    out = []
    for ch in text:
        glyph = cmap.get(ord(ch))
        if glyph is None and ch.isspace():
            glyph = cmap.get(0x20)  # a tab or other blank shows nothing: it takes a space's room
        if glyph is None:
            raise Uneditable("an OFD TextCode without glyph positions holds a character the bundled font cannot "
                             "draw (page cannot be redrawn safely)")
        out.append(advances[glyph])
    return out


def redrawn_deltas(original: str, new_text: str, em: float, room: float | None) -> list[float]:
    """DeltaX (``len(new_text) - 1`` entries) for ``new_text`` in the bundled font at ``em``,
    the advances scaled down so that neither the original text nor the new one, drawn
    this way, runs past ``room`` (the last glyph is drawn at its full advance). Each entry
    is rounded down to the 4 decimals the writer prints, so rounding never widens the run."""
    new_adv = advances_em(new_text)
    scale = 1.0
    if room is not None and room > 0:
        for adv in (advances_em(original), new_adv):
            steps = sum(adv[:-1]) * em
            if steps > 0:
                scale = min(scale, (room - adv[-1] * em) / steps)
    scale = max(scale, MIN_SCALE)
    return [math.floor(a * em * scale * 10000) / 10000 for a in new_adv[:-1]]


def check_redrawable(obj, has_delta_y: bool) -> None:
    """Uneditable where the run is not plain left-to-right horizontal text."""
    if has_delta_y or (obj.get("ReadDirection") or "0") != "0" or (obj.get("CharDirection") or "0") != "0":
        raise Uneditable("an OFD TextCode without glyph positions runs vertically or rotated (page cannot be "
                         "redrawn safely)")
