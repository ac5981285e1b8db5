"""Just enough of a PDF font to walk a text-showing operator glyph by glyph.

For each glyph of a shown string the in-place writer needs its code bytes (to keep or
drop them) and its advance width (to know where it lands and to replace a dropped
glyph by an exact TJ offset). That takes the font's code-space (how many bytes make one
glyph), the code -> CID mapping of composite fonts (the W array is indexed by CID) and
the widths. Unicode (ToUnicode) is not needed: glyphs are matched to the reader's
characters by position.

Supported: simple fonts (Type1, TrueType, MMType1; the standard 14 without a Widths
array through reportlab's metrics) and Type0 fonts with Identity-H, a predefined
horizontal CMap (UniGB-UCS2-H, GBK-EUC-H, ... read through pdfminer's CMap database) or
an embedded CMap stream. Not supported (``FontUnsupported``; the page then falls back
to a rendered image): Type3 fonts, vertical writing (-V CMaps), fonts without usable
widths.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable

STANDARD_14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}
# Glyph-space box when the descriptor gives none (units of 1/1000 em).
DEFAULT_ASCENT = 880.0
DEFAULT_DESCENT = -120.0


class FontUnsupported(Exception):
    """The font cannot be walked glyph by glyph with certainty."""


@dataclass
class Font:
    """``split(data)`` -> [(code bytes, width in 1/1000 em)]."""

    name: str
    split: Callable[[bytes], list[tuple[bytes, float]]]
    ascent: float = DEFAULT_ASCENT
    descent: float = DEFAULT_DESCENT
    single_byte: bool = True  # word spacing (Tw) applies to byte 32 only then
    extra: dict = field(default_factory=dict)


def _num(x, default: float = 0.0) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return default


def _descriptor_box(desc) -> tuple[float, float]:
    if desc is None:
        return DEFAULT_ASCENT, DEFAULT_DESCENT
    desc = desc.get_object()
    asc = _num(desc.get("/Ascent"), DEFAULT_ASCENT)
    dsc = _num(desc.get("/Descent"), DEFAULT_DESCENT)
    if asc <= 0 or asc - dsc < 200:  # broken descriptors exist; a glyph box is about an em
        bbox = desc.get("/FontBBox")
        if bbox is not None and len(bbox) == 4 and _num(bbox[3]) > _num(bbox[1]):
            asc, dsc = _num(bbox[3]), _num(bbox[1])
        else:
            asc, dsc = DEFAULT_ASCENT, DEFAULT_DESCENT
    if dsc > 0:
        dsc = -dsc
    return asc, dsc


def load_font(font_dict) -> Font:
    font = font_dict.get_object()
    subtype = str(font.get("/Subtype", ""))
    base = str(font.get("/BaseFont", "")).lstrip("/")
    if subtype == "/Type0":
        return _load_type0(font, base)
    if subtype in ("/Type1", "/TrueType", "/MMType1"):
        return _load_simple(font, base)
    raise FontUnsupported(subtype or "no subtype")


def _load_simple(font, base: str) -> Font:
    widths = font.get("/Widths")
    desc = font.get("/FontDescriptor")
    asc, dsc = _descriptor_box(desc)
    if widths is not None:
        widths = [_num(w) for w in widths.get_object()]
        first = int(_num(font.get("/FirstChar"), 0))
        missing = _num(desc.get_object().get("/MissingWidth"), 0.0) if desc is not None else 0.0
        table = [missing] * 256
        for k, w in enumerate(widths):
            if 0 <= first + k < 256:
                table[first + k] = w
    else:
        plain = base.split("+", 1)[-1]
        if plain not in STANDARD_14:
            raise FontUnsupported("simple font without widths")
        from reportlab.pdfbase.pdfmetrics import stringWidth

        table = []
        for code in range(256):
            try:
                ch = bytes([code]).decode("cp1252")
            except UnicodeDecodeError:
                ch = ""
            table.append(stringWidth(ch, plain, 1000) if ch else 0.0)

    def split(data: bytes) -> list[tuple[bytes, float]]:
        return [(data[i:i + 1], table[data[i]]) for i in range(len(data))]

    return Font(base, split, asc, dsc, single_byte=True)


def _cid_widths(cidfont) -> tuple[dict[int, float], float]:
    dw = _num(cidfont.get("/DW"), 1000.0)
    out: dict[int, float] = {}
    w = cidfont.get("/W")
    if w is None:
        return out, dw
    w = list(w.get_object())
    i = 0
    while i < len(w):
        first = int(_num(w[i]))
        nxt = w[i + 1].get_object() if i + 1 < len(w) else None
        if isinstance(nxt, list):
            for k, width in enumerate(nxt):
                out[first + k] = _num(width.get_object() if hasattr(width, "get_object") else width)
            i += 2
        else:
            last = int(_num(nxt))
            width = _num(w[i + 2]) if i + 2 < len(w) else dw
            if last - first > 70000:
                raise FontUnsupported("implausible W range")
            for cid in range(first, last + 1):
                out[cid] = width
            i += 3
    return out, dw


def _trie_split(code2cid: dict, fallback_len: int) -> Callable[[bytes], list[tuple[bytes, int]]]:
    def split(data: bytes) -> list[tuple[bytes, int]]:
        out = []
        i = 0
        n = len(data)
        while i < n:
            node = code2cid
            j = i
            while j < n and isinstance(node, dict):
                node = node.get(data[j])
                j += 1
                if node is None:
                    break
            if isinstance(node, int):
                out.append((data[i:j], node))
                i = j
            else:  # a code the CMap does not map: it shows CID 0 (.notdef) over fallback_len bytes
                k = min(n, i + fallback_len)
                out.append((data[i:k], 0))
                i = k
        return out

    return split


def _load_type0(font, base: str) -> Font:
    from pdfminer.cmapdb import CMap, CMapDB, CMapParser, IdentityCMap

    desc_fonts = font.get("/DescendantFonts")
    if desc_fonts is None or len(desc_fonts.get_object()) == 0:
        raise FontUnsupported("Type0 without descendant")
    cidfont = desc_fonts.get_object()[0].get_object()
    widths, dw = _cid_widths(cidfont)
    asc, dsc = _descriptor_box(cidfont.get("/FontDescriptor"))
    enc = font.get("/Encoding")
    enc_obj = enc.get_object() if enc is not None else None
    if enc_obj is None:
        raise FontUnsupported("Type0 without encoding")
    if hasattr(enc_obj, "get_data"):  # an embedded CMap stream
        if _num(enc_obj.get("/WMode"), 0) == 1:
            raise FontUnsupported("vertical CMap")
        cmap = CMap()
        try:
            CMapParser(cmap, io.BytesIO(enc_obj.get_data())).run()
        except Exception as exc:  # noqa: BLE001 - an unparsable CMap is an unsupported font
            raise FontUnsupported("embedded CMap") from exc
        if cmap.attrs.get("WMode") == 1:
            raise FontUnsupported("vertical CMap")
        code_split = _trie_split(cmap.code2cid, 2)
    else:
        name = str(enc_obj).lstrip("/")
        if name.endswith("-V"):
            raise FontUnsupported("vertical CMap")
        if name == "Identity-H":
            def code_split(data: bytes) -> list[tuple[bytes, int]]:
                return [(data[i:i + 2], (data[i] << 8) | (data[i + 1] if i + 1 < len(data) else 0))
                        for i in range(0, len(data), 2)]
        else:
            try:
                cmap = CMapDB.get_cmap(name)
            except Exception as exc:  # noqa: BLE001 - pdfminer's CMapNotFound and friends
                raise FontUnsupported("unknown CMap") from exc
            if isinstance(cmap, IdentityCMap):
                raise FontUnsupported("unexpected identity CMap")
            code_split = _trie_split(cmap.code2cid, 2)
            flat = _two_byte_codes(cmap.code2cid)
            if flat is not None:
                return Font(base, _two_byte_split(flat, widths, dw), asc, dsc, single_byte=False)

    def split(data: bytes) -> list[tuple[bytes, float]]:
        return [(code, widths.get(cid, dw)) for code, cid in code_split(data)]

    return Font(base, split, asc, dsc, single_byte=False)


# id(code2cid) -> (code2cid, {two-byte code: CID}) or (code2cid, None): pdfminer keeps its
# predefined CMaps for the process, so a document's fonts find theirs flattened already
# (the CMap is held here too, so its id stays its own)
_FLAT_CMAPS: dict[int, tuple[dict, dict[bytes, int] | None]] = {}


def _two_byte_codes(code2cid: dict) -> dict[bytes, int] | None:
    """A CMap whose every code is two bytes (UniGB-UCS2-H, the CMap of STSong-Light as
    iText and reportlab write it) as one flat table, else None."""
    hit = _FLAT_CMAPS.get(id(code2cid))
    if hit is not None and hit[0] is code2cid:
        return hit[1]
    flat: dict[bytes, int] | None = {}
    for b0, node in code2cid.items():
        if not isinstance(node, dict) or not isinstance(b0, int):
            flat = None
            break
        for b1, cid in node.items():
            if not isinstance(cid, int) or not isinstance(b1, int):
                flat = None
                break
            flat[bytes((b0, b1))] = cid
        if flat is None:
            break
    if len(_FLAT_CMAPS) > 64:
        _FLAT_CMAPS.clear()
    _FLAT_CMAPS[id(code2cid)] = (code2cid, flat)
    return flat


def _two_byte_split(flat: dict[bytes, int], widths: dict[int, float], dw: float
                    ) -> Callable[[bytes], list[tuple[bytes, float]]]:
    """``split`` for a CMap of two-byte codes only: what ``_trie_split`` then gives (a code
    the CMap lacks, and a last odd byte, show CID 0), two bytes at a time, each code's
    width looked up once per font."""
    by_code: dict[bytes, float] = {}

    def width(code: bytes) -> float:
        cid = flat.get(code)  # None: not in the CMap (or an odd last byte): CID 0
        w = by_code[code] = widths.get(cid if cid is not None else 0, dw)
        return w

    def split(data: bytes) -> list[tuple[bytes, float]]:
        codes = [data[i:i + 2] for i in range(0, len(data), 2)]
        get = by_code.get
        return [(code, w if (w := get(code)) is not None else width(code)) for code in codes]

    return split
