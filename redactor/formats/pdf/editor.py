"""Editing one page's content glyph by glyph: what the in-place PDF writer (``inplace``) does
to each page with masked characters.

For each page with masked characters (``checks.plan_masks``: pdfium character
indices and their loose boxes), the page's content stream — and every form XObject it
draws, recursively — is interpreted far enough to know where each glyph of each
text-showing operator (Tj, TJ, ', ") lands on the page. A glyph whose centre falls in
a masked character's box is removed from its string and replaced by a TJ offset of
exactly its advance, so every other glyph stays where it was. The replacement text
(张某, ×××) is shown at the position of the first removed glyph, in a font the writer
adds (an embedded subset of a system CJK font, else STSong-Light), squeezed with Tz to
the width of what it replaces and followed by a TJ offset that takes its advance back,
so it moves nothing either. A span whose replacement is empty gets a filled box. A form
XObject with masked glyphs is copied for this use only (it may be drawn elsewhere).

This module is long (the ``_PageEditor`` alone is about 500 lines) because it is one
interpreter: the text and graphics state it tracks (matrices, fonts, text rise, forms drawn
inside forms) is shared by every operator it rewrites, and splitting it would split that
state. Anything it is not certain about raises ``_CannotEdit``, and the page is published
as an image instead.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from redactor.formats.pdf.checks import MaskSlice
from redactor.formats.pdf.fonts import Font, FontUnsupported, load_font

MAX_FORM_DEPTH = 12
REPLACEMENT_FONT = "/RdxRepl"
BOX_GREY = 0.0  # the fill of a deleted span's box (black)
# Keys removed from every object copied into the output.
DROP_KEYS = {"/Metadata", "/PieceInfo", "/AA", "/OC", "/OPI", "/StructParent", "/StructParents", "/Thumb"}


_BAND = 8.0  # points


class _CannotEdit(Exception):
    """This page cannot be edited glyph by glyph with certainty: fall back to an image."""


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m1: Matrix, m2: Matrix) -> Matrix:
    """m1 then m2."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _translate(tx: float, ty: float, m: Matrix) -> Matrix:
    return _mul((1.0, 0.0, 0.0, 1.0, tx, ty), m)


def _f(x) -> float:
    return float(x)


def _num(x: float):
    r = round(x, 4)
    return NumberObject(int(r)) if r == int(r) else FloatObject(r)


def _raw_bytes(s) -> bytes:
    if isinstance(s, TextStringObject):
        # pypdf decodes strings as text and get_original_bytes() re-encodes them (adding a
        # UTF-16 BOM to a CID string that happened to look like UTF-16): the parsed bytes
        # are kept in _original_bytes
        raw = getattr(s, "_original_bytes", None)
        return bytes(raw) if raw is not None else s.get_original_bytes()
    if isinstance(s, bytes):
        return bytes(s)
    raise _CannotEdit("not a string operand")


@dataclass
class _GState:
    ctm: Matrix = IDENTITY
    font_name: str | None = None
    size: float = 0.0
    tc: float = 0.0
    tw: float = 0.0
    tz: float = 100.0
    tl: float = 0.0
    ts: float = 0.0

    def copy(self) -> "_GState":
        return _GState(self.ctm, self.font_name, self.size, self.tc, self.tw, self.tz, self.tl, self.ts)


@dataclass
class ReplacementFont:
    """A font the output adds to show replacement pieces: codes and widths per piece."""

    ref: IndirectObject
    codes: dict[str, tuple[bytes, float]]  # piece -> (code bytes, total width in 1/1000 em)
    ascent: float
    descent: float


def _build_replacement_font(pieces: set[str], writer: PdfWriter) -> ReplacementFont:
    """The replacement font (``_replacement_font_source``) copied into ``writer``, with each
    piece's codes (its characters' codes one after the other) and width."""
    font_obj, char_codes, walker, asc, dsc = _replacement_font_source(frozenset("".join(pieces)) | _COMMON_CHARS)
    codes = {}
    for p in pieces:
        b = b"".join(char_codes[ch] for ch in p)
        codes[p] = (b, sum(w for _, w in walker.split(b)))
    ref = writer._add_object(font_obj.clone(writer))
    return ReplacementFont(ref, codes, asc, dsc)


# Always in the replacement font, so that most documents share one cached font: the
# policy's placeholders (张某, ×××) and the numbers that tell people apart (某1, 某2).
_COMMON_CHARS = frozenset("0123456789×某")


@lru_cache(maxsize=64)
def _replacement_font_source(chars: frozenset[str]):
    """Set every character once with reportlab and take the font (and each character's
    code) from that file.

    Cached by the set of characters: a run's documents mostly share a few (某, ×), and
    making the font was a tenth of the writer's time. What is cached is deterministic in
    the characters (reportlab's invariant mode)."""
    from reportlab.pdfgen.canvas import Canvas

    from redactor.formats.pdf.retypeset import output_font

    ordered = sorted(chars)
    font = output_font("".join(ordered))
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1, pageCompression=0)
    for k, p in enumerate(ordered):
        c.setFont(font, 10)
        c.drawString(10, 800 - 12 * (k % 60), p)
    c.showPage()
    c.save()
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    page = reader.pages[0]
    shows: list[tuple[str, bytes]] = []
    current = None
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"Tf":
            current = str(operands[0])
        elif op == b"Tj":
            shows.append((current, _raw_bytes(operands[0])))
    names = {n for n, _ in shows}
    if len(shows) != len(ordered) or len(names) != 1:  # a subset split: codes not one per character
        raise _CannotEdit("replacement font")
    font_obj = page["/Resources"]["/Font"][names.pop()].get_object()
    # the widths a viewer uses are the font dictionary's (reportlab rounds them there)
    try:
        walker = load_font(font_obj)
    except FontUnsupported as exc:
        raise _CannotEdit("replacement font") from exc
    if any(len(walker.split(b)) != 1 for _, b in shows):  # one glyph a character, or no certainty
        raise _CannotEdit("replacement font")
    char_codes = {ch: b for ch, (_, b) in zip(ordered, shows)}
    desc = font_obj.get("/FontDescriptor")
    if desc is None and "/DescendantFonts" in font_obj:
        desc = font_obj["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    asc, dsc = 880.0, -120.0
    if desc is not None:
        desc = desc.get_object()
        asc, dsc = float(desc.get("/Ascent", asc)), float(desc.get("/Descent", dsc))
    return font_obj, char_codes, walker, asc, dsc


@dataclass
class _PageEditor:
    """Walks one page's content (and its forms), removing the glyphs inside masked boxes."""

    writer: PdfWriter
    slices: list[MaskSlice]
    replacement: ReplacementFont | None
    placed: set[int] = field(default_factory=set)  # id() of slices whose piece is shown
    boxes: list[MaskSlice] = field(default_factory=list)  # slices drawn as filled boxes
    removed: int = 0
    uses_replacement_font: bool = False
    pypdf_parsed: bool = False  # a content stream of the page (or of a form it draws) parsed by pypdf
    _fonts: dict = field(default_factory=dict)
    _form_count: int = 0
    # the operators ``edit`` looks at (a class constant, not a field)
    _INTERPRETED = frozenset((b"q", b"Q", b"cm", b"BT", b"Tf", b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Td",
                              b"TD", b"Tm", b"T*", b"Tj", b"TJ", b"'", b'"', b"Do", b"BDC", b"DP"))
    # looked up once: a local import in _show would cost a microsecond per show
    from bisect import bisect_right as _bisect_right
    from itertools import accumulate as _accumulate

    from weakref import WeakKeyDictionary

    from redactor.formats.pdf import content as _content

    # fonts met through an indirect reference, by writer and object number: each page of
    # a document uses the same few fonts (a direct font dictionary is cached per page)
    _WRITER_FONTS = WeakKeyDictionary()  # (not annotated: a class constant, no field)

    # points: a show whose glyph centres all stay this far from every masked box is not
    # walked glyph by glyph (the margin covers rounding between the two ways of summing)
    _REACH_EPS = 0.01

    def __post_init__(self):
        self._written: dict = {}  # _replacement_ops' text, by piece and text state
        self._targets = [(box, s) for s in self.slices for box in s.boxes]
        # boxes by horizontal band of the page, so a glyph is compared with its line only
        self._bands: dict[int, list] = {}
        bands = self._bands
        for target in self._targets:
            box = target[0]
            for band in range(int(box[1] // _BAND), int(box[3] // _BAND) + 1):
                boxes = bands.get(band)
                if boxes is None:
                    bands[band] = [target]
                else:
                    boxes.append(target)

    def _find(self, x: float, y: float) -> MaskSlice | None:
        for (l, b, r, t), s in self._bands.get(int(y // _BAND), ()):
            if l <= x <= r and b <= y <= t:
                return s
        return None

    def _font(self, resources, name: str | None) -> Font:
        if name is None:
            raise _CannotEdit("text without a font")
        fonts = resources.get("/Font") if resources is not None else None
        fonts = fonts.get_object() if fonts is not None else None
        ref = fonts.get(name) if fonts is not None else None
        if ref is None:
            raise _CannotEdit("font resource missing")
        if isinstance(ref, IndirectObject) and ref.pdf is self.writer:
            cache, key = self._WRITER_FONTS.setdefault(self.writer, {}), ref.idnum
        else:
            cache, key = self._fonts, id(ref)
        if key not in cache:
            try:
                cache[key] = load_font(ref)
            except FontUnsupported as exc:
                cache[key] = exc
            except Exception as exc:  # noqa: BLE001 - a damaged font dictionary
                cache[key] = FontUnsupported(type(exc).__name__)
        font = cache[key]
        if isinstance(font, Exception):
            raise _CannotEdit("unsupported font") from font
        return font

    def _new_name(self, resources, category: str, prefix: str) -> NameObject:
        sub = resources.get(category)
        sub = sub.get_object() if sub is not None else None
        while True:
            self._form_count += 1
            name = NameObject(f"/{prefix}{self._form_count}")
            if sub is None or name not in sub:
                return name

    def _resource_dict(self, resources, category: str) -> DictionaryObject:
        sub = resources.get(category)
        if sub is None:
            sub = DictionaryObject()
            resources[NameObject(category)] = sub
        return sub.get_object()

    def edit(self, ops: list, resources, ctm: Matrix, depth: int = 0) -> tuple[list, bool]:
        """The operations with masked glyphs removed; ``changed`` says whether any op changed.

        ``ops`` are ``content`` operations ``(operands, operator, start, end)``; an
        unchanged one is passed on as it came (``_serialize`` copies its source bytes), a
        new or rewritten one has no span (start and end None)."""
        if depth > MAX_FORM_DEPTH:
            raise _CannotEdit("forms nested too deep")
        gs = _GState(ctm=ctm)
        stack: list[_GState] = []
        tm = tlm = IDENTITY
        font: Font | None = None
        font_name = None  # the resource name font was loaded for
        # shows since tm was last set whose advance is not summed yet: (items, font, gs)
        pending: list = []
        out: list = []
        changed = False
        interpreted = self._INTERPRETED
        keep = out.append
        for entry in ops:
            op = entry[1]
            if op not in interpreted:  # painting, colour, paths...: passed on as they are
                keep(entry)
                continue
            operands = entry[0]
            # (the commonest operators first)
            if op == b"Tf":
                gs.font_name, gs.size = str(operands[0]), float(operands[1])
            elif op == b"TL":
                gs.tl = float(operands[0])
            elif op == b"q":
                stack.append(gs.copy())
            elif op == b"Q":
                if stack:
                    gs = stack.pop()
            elif op == b"T*":
                tm = tlm = _translate(0.0, -gs.tl, tlm)
                pending = []
            elif op in (b"Td", b"TD"):
                tx, ty = float(operands[0]), float(operands[1])
                if op == b"TD":
                    gs.tl = -ty
                tm = tlm = _translate(tx, ty, tlm)
                pending = []
            elif op == b"cm":
                gs.ctm = _mul(tuple(float(v) for v in operands), gs.ctm)
            elif op == b"BT":
                tm = tlm = IDENTITY
                pending = []
            elif op == b"Tm":
                tm = tlm = tuple(float(v) for v in operands)
                pending = []
            elif op == b"Tc":
                gs.tc = float(operands[0])
            elif op == b"Tw":
                gs.tw = float(operands[0])
            elif op == b"Tz":
                gs.tz = float(operands[0])
            elif op == b"Ts":
                gs.ts = float(operands[0])
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                prefix: list = []
                if op == b"'":
                    tm = tlm = _translate(0.0, -gs.tl, tlm)
                    pending = []
                    prefix = [([], b"T*", None, None)]
                elif op == b'"':
                    gs.tw, gs.tc = float(operands[0]), float(operands[1])
                    tm = tlm = _translate(0.0, -gs.tl, tlm)
                    pending = []
                    prefix = [([operands[0]], b"Tw", None, None), ([operands[1]], b"Tc", None, None),
                              ([], b"T*", None, None)]
                if font is None or font_name != gs.font_name:  # loaded when shown
                    font, font_name = self._font(resources, gs.font_name), gs.font_name
                items = operands[0] if op == b"TJ" else operands[-1:]
                if pending:
                    tm = self._catch_up(tm, pending)
                    pending = []
                new_ops, new_tm, op_changed = self._show(items, font, gs, tm)
                if new_tm is None:  # not measured: only a later show on this line needs it
                    pending.append((items, font, gs.copy()))
                else:
                    tm = new_tm
                if op_changed:
                    out.extend(prefix)
                    out.extend(new_ops)
                    changed = True
                    continue
            elif op == b"Do":
                new = self._do(operands, resources, gs.ctm, depth)
                if new is not None:
                    out.append(([new], b"Do", None, None))
                    changed = True
                    continue
            elif op == b"BDC":
                # the properties (/ActualText, /OC...) go
                out.append(([operands[0]], b"BMC", None, None))
                changed = True
                continue
            elif op == b"DP":
                out.append(([operands[0]], b"MP", None, None))
                changed = True
                continue
            keep(entry)
        return out, changed

    def _do(self, operands, resources, ctm: Matrix, depth: int):
        name = operands[0]
        xobjects = resources.get("/XObject") if resources is not None else None
        xobjects = xobjects.get_object() if xobjects is not None else None
        ref = xobjects.get(name) if xobjects is not None else None
        if ref is None:
            return None
        form = ref.get_object()
        if form.get("/Subtype") != "/Form":
            return None
        matrix = tuple(_f(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0]))
        form_resources = form.get("/Resources")
        form_resources = form_resources.get_object() if form_resources is not None else resources
        try:
            data = self._content.stream_data(form)
            ops, by_pypdf = self._content.parsed_operations(data)
            self.pypdf_parsed |= by_pypdf
        except Exception as exc:  # noqa: BLE001 - an unparsable form
            raise _CannotEdit("form content") from exc
        # the form's resources are edited on a copy: the original may be drawn elsewhere
        own_resources = DictionaryObject({k: v for k, v in form_resources.items()})
        for cat in ("/Font", "/XObject"):
            if cat in own_resources:
                own_resources[NameObject(cat)] = DictionaryObject(dict(own_resources[cat].get_object().items()))
        new_ops, changed = self.edit(ops, own_resources, _mul(matrix, ctm), depth + 1)
        if not changed:
            return None
        copy = DecodedStreamObject()
        for k, v in form.items():
            if k not in ("/Length", "/Filter", "/DecodeParms") and k not in DROP_KEYS:
                copy[NameObject(k)] = v
        copy[NameObject("/Resources")] = own_resources
        copy.set_data(_serialize(new_ops, data))
        new_ref = self.writer._add_object(copy.flate_encode())
        new_name = self._new_name(resources, "/XObject", "RdxFm")
        self._resource_dict(resources, "/XObject")[new_name] = new_ref
        return new_name

    def _show(self, items, font: Font, gs: _GState, tm: Matrix) -> tuple[list, Matrix | None, bool]:
        """One text-showing operation as new operations (TJ arrays, replacement shows),
        the text matrix after it (None when it was not worth measuring: no glyph of it
        can be masked) and whether it changed."""
        for item in items:
            if not isinstance(item, (bytes, int, float)) or isinstance(item, bool):
                raise _CannotEdit("not a string operand")
        if not self._targets:
            return [], None, False
        size, th = gs.size, gs.tz / 100.0
        mid_y = gs.ts + size * (font.ascent + font.descent) / 2000.0
        m = _mul(tm, gs.ctm)
        if m[1] == 0:  # every glyph centre at one height
            if not self._at_level(m[3] * mid_y + m[5]):
                return [], None, False  # a height no masked box reaches
            pieces = self._pieces(items, font)
        else:
            pieces = self._pieces(items, font)
            reach = self._reach(pieces, gs, mid_y, m)
            if reach is not None:  # no glyph centre of this show can fall in a masked box
                return [], _translate(reach, 0.0, tm), False
        bisect_right, accumulate = self._bisect_right, self._accumulate
        literal, number, written = self._content.literal, self._content.number, self._content.written
        out_ops: list = []
        arr: list = []  # the TJ array being built: strings (bytes) and offsets (float)
        run = bytearray()  # kept codes not yet in arr
        changed = False
        placed = self.placed
        removed = 0

        def flush_arr():
            if run:
                arr.append(bytes(run))
                run.clear()
            if arr:
                out_ops.append(written(b"[%s] TJ" % b" ".join(
                    [literal(v) if v.__class__ is bytes else number(v) for v in arr])))
                arr.clear()

        # Glyph i's matrix is translate(x_i) x m, m = tm x CTM: its centre is m applied to
        # (x_i + half its width, mid_y), on the segment from (base_x, base_y) along (a, b).
        a, b, c, d, e, f = m
        base_x, base_y = c * mid_y + e, d * mid_y + f
        tc, tw = gs.tc, gs.tw
        half = size * th / 2000.0
        level = None
        if b == 0:  # every centre at base_y: the boxes of that height, in _find's order
            level = [(l, r, s) for (l, lo, r, hi), s in self._bands.get(int(base_y // _BAND), ())
                     if lo <= base_y <= hi]
            index = self._level_index(level) if len(level) > 1 else None
        x = 0.0
        for piece in pieces:
            if piece.__class__ is float:
                if run:
                    arr.append(bytes(run))
                    run.clear()
                arr.append(round(piece, 4))
                x -= piece / 1000.0 * size * th
                continue
            if not piece:
                continue
            # positions by list operations (the sums are the glyph-by-glyph ones, in order)
            codes, widths = zip(*piece)
            if tw and b" " in codes:
                spacings = [tc + (tw if code == b" " else 0.0) for code in codes]
                advances = [(w0 / 1000.0 * size + sp) * th for w0, sp in zip(widths, spacings)]
            else:
                spacings = None
                advances = [(w0 / 1000.0 * size + tc) * th for w0 in widths]
            starts = list(accumulate(advances, initial=x))  # starts[i]: glyph i's x
            x = starts[-1]
            if level is None:  # rotated or sheared: each centre looked up
                hits = [(i, t) for i, t in enumerate(
                    self._find(a * (x0 + w0 * half) + base_x, b * (x0 + w0 * half) + base_y)
                    for x0, w0 in zip(starts, widths)) if t is not None]
            elif not level:
                hits = ()
            else:
                xs = [a * (x0 + w0 * half) + base_x for x0, w0 in zip(starts, widths)]
                if len(level) == 1:
                    (l, r, s), = level
                    hits = [(i, s) for i, cx in enumerate(xs) if l <= cx <= r]
                else:  # by bisection in the boxes sorted by left edge (see _level_index)
                    lefts, reaches, order = index
                    hits = []
                    for i, cx, k in [(i, cx, k) for i, cx in enumerate(xs)
                                     if (k := bisect_right(lefts, cx) - 1) >= 0 and reaches[k] >= cx]:
                        first = len(level)  # the first box in level's order holding cx
                        while k >= 0 and reaches[k] >= cx:
                            if order[k] < first and level[order[k]][1] >= cx:
                                first = order[k]
                            k -= 1
                        hits.append((i, level[first][2]))
            if not hits:
                run.extend(b"".join(codes))
                continue
            if size == 0:
                raise _CannotEdit("zero font size")
            changed = True
            removed += len(hits)
            kept = 0  # the glyphs before kept are in run or removed
            for i, target in hits:
                if i > kept:
                    run.extend(b"".join(codes[kept:i]))
                kept = i + 1
                if id(target) not in placed:
                    placed.add(id(target))
                    x0 = starts[i]
                    shown = (self._replacement_ops(target, gs, (a, b, c, d, x0 * a + e, x0 * b + f))
                             if target.piece else None)
                    if shown:
                        flush_arr()
                        out_ops.extend(shown)
                    else:
                        self.boxes.append(target)
                if run:
                    arr.append(bytes(run))
                    run.clear()
                spacing = spacings[i] if spacings is not None else tc
                arr.append(round(-(widths[i] + 1000.0 * spacing / size), 4))
            if kept < len(codes):
                run.extend(b"".join(codes[kept:]))
        self.removed += removed
        if not changed:
            return [], _translate(x, 0.0, tm), False
        flush_arr()
        return out_ops, _translate(x, 0.0, tm), True

    @classmethod
    def _level_index(cls, level: list) -> tuple[list, list, list]:
        """The boxes of ``level`` ((l, r, slice) in _find's order) sorted by left edge:
        their left edges, ``reach`` (reach[k]: the largest right edge among the first k + 1)
        and ``order`` (each one's place in ``level``). A centre cx lies in some box iff
        reach[k] >= cx for k the last box with l <= cx; the boxes holding it are then
        among the first k + 1, and no further back than reach stays >= cx."""
        order = sorted(range(len(level)), key=lambda k: level[k][0])
        lefts = [level[k][0] for k in order]
        reach = list(cls._accumulate([level[k][1] for k in order], max))
        return lefts, reach, order

    @staticmethod
    def _pieces(items, font: Font) -> list:
        """Per item: a TJ offset (float) or the glyphs [(code, width)]."""
        return [font.split(item) if isinstance(item, bytes) else float(item) for item in items]

    def _catch_up(self, tm: Matrix, pending: list) -> Matrix:
        """tm moved past the shows that were not measured."""
        for items, font, gs in pending:
            tm = _translate(self._advance(self._pieces(items, font), gs)[0], 0.0, tm)
        return tm

    def _at_level(self, y: float) -> bool:
        """Whether a masked box reaches (within _REACH_EPS) the height y."""
        eps = self._REACH_EPS
        for band in range(int((y - eps) // _BAND), int((y + eps) // _BAND) + 1):
            for (_, lo, _, hi), _ in self._bands.get(band, ()):
                if lo - eps <= y <= hi + eps:
                    return True
        return False

    @staticmethod
    def _advance(pieces: list, gs: _GState) -> tuple[float, float, float, bool]:
        """The show's advance in text space and the reach [lo, hi] of its glyph centres
        along the baseline; the reach is only sure (``monotone``) when no glyph moves the
        pen backwards (positive size, scale, widths and spacing)."""
        size, th, tc, tw = gs.size, gs.tz / 100.0, gs.tc, gs.tw
        k = size * th / 1000.0
        monotone = size > 0 and th > 0 and tc >= 0 and tw >= 0
        x = lo = hi = 0.0
        for piece in pieces:
            if piece.__class__ is float:
                x -= piece * k
                continue
            if not piece:
                continue
            widths = [w for _, w in piece]
            wmin, wmax = min(widths), max(widths)
            adv = k * sum(widths) + th * tc * len(piece)
            if tw:
                adv += th * tw * sum(1 for code, _ in piece if code == b" ")
            if wmin < 0:
                monotone = False
            lo = min(lo, x)
            hi = max(hi, x + adv + k * wmax / 2.0)
            x += adv
        return x, lo, hi, monotone

    def _reach(self, pieces: list, gs: _GState, mid_y: float, m: Matrix) -> float | None:
        """The show's advance when none of its glyph centres can fall in a masked box
        (then no glyph needs placing one by one), else None."""
        advance, lo, hi, monotone = self._advance(pieces, gs)
        if not monotone:
            return None
        # the centres lie on the segment from (lo, mid_y) to (hi, mid_y) in text space
        x0, y0 = _apply(m, lo, mid_y)
        x1, y1 = _apply(m, hi, mid_y)
        eps = self._REACH_EPS
        x0, x1 = min(x0, x1) - eps, max(x0, x1) + eps
        y0, y1 = min(y0, y1) - eps, max(y0, y1) + eps
        first, last = int(y0 // _BAND), int(y1 // _BAND)
        if last - first > 8:
            candidates = self._targets
        else:
            candidates = [t for band in range(first, last + 1) for t in self._bands.get(band, ())]
        for (l, b, r, t), _ in candidates:
            if l <= x1 and r >= x0 and b <= y1 and t >= y0:
                return None
        return advance

    def _replacement_ops(self, target: MaskSlice, gs: _GState, m: Matrix) -> list | None:
        """Show ``target.piece`` at the current point, squeezed into the masked width, and
        move back by its advance. None when it cannot be shown (the span gets a box)."""
        rf = self.replacement
        if rf is None or target.piece not in rf.codes:
            return None
        code, width = rf.codes[target.piece]
        ox, oy = _apply(m, 0.0, 0.0)
        ux, uy = _apply(m, 1.0, 0.0)
        vx, vy = _apply(m, 0.0, 1.0)
        ux, uy, vx, vy = ux - ox, uy - oy, vx - ox, vy - oy
        scale_u, scale_v = math.hypot(ux, uy), math.hypot(vx, vy)
        if scale_u == 0 or scale_v == 0 or width <= 0 or gs.size <= 0:
            return None
        ux, uy = ux / scale_u, uy / scale_u
        avail = 0.0
        off_line = 0.6 * gs.size * scale_v
        for l, b, r, t in target.boxes:
            cx, cy = (l + r) / 2 - ox, (b + t) / 2 - oy
            if abs(-uy * cx + ux * cy) > off_line:
                continue  # another line of the same run
            # the farthest corner along u: the x and y terms are maximised apart
            along = max((l - ox) * ux, (r - ox) * ux) + max((b - oy) * uy, (t - oy) * uy)
            if along > avail:
                avail = along
        natural = width / 1000.0 * gs.size * scale_u
        if avail <= 0:
            return None
        tz = min(gs.tz, 100.0 * avail / natural)
        if tz < 20:
            return None  # unreadably squeezed: a box says more
        content = self._content
        number = content.number
        # all but the squeeze repeats from show to show: written once per page
        key = (target.piece, gs.size, gs.font_name, gs.tc, gs.tw, gs.tz)
        parts = self._written.get(key)
        if parts is None:
            literal, name = content.literal, content.name
            size = number(round(gs.size, 4))
            head = [b"%s %s Tf" % (name(REPLACEMENT_FONT), size)]
            if gs.tc:
                head.append(b"0 Tc")
            if gs.tw:
                head.append(b"0 Tw")
            tail = [b"[%s %s] TJ" % (literal(bytes(code)), number(round(width, 4))),
                    b"%s %s Tf" % (name(gs.font_name), size)]  # the font shown before, back
            if gs.tc:
                tail.append(b"%s Tc" % number(round(gs.tc, 4)))
            if gs.tw:
                tail.append(b"%s Tw" % number(round(gs.tw, 4)))
            tail.append(b"%s Tz" % number(round(gs.tz, 4)))
            parts = self._written[key] = (b"\n".join(head) + b"\n", b" Tz\n" + b"\n".join(tail))
        self.uses_replacement_font = True
        return [content.written(parts[0] + number(round(tz, 4)) + parts[1])]


def _serialize(ops: list, data: bytes | None) -> bytes:
    """The content stream of ``ops``: an unchanged operation is copied from ``data`` (the
    stream it was parsed from) byte for byte, a new one is written with its strings as
    literals ``(...)``, not pypdf's ``<hex>``: half the bytes, and every reader verify
    runs (pypdf, pdfminer, pdfium) scans a literal string faster than a hex one.
    Comments are never copied (``pdf_content.splice``)."""
    from redactor.formats.pdf import content as pdf_content

    return pdf_content.splice(ops, data)


def _box_ops(slices: list[MaskSlice]) -> bytes:
    """Filled boxes over deleted spans, one per line of each span, in default user space."""
    out = [f"q {BOX_GREY:g} g"]
    for s in slices:
        for l, b, r, t in s.line_rects():
            out.append(f"{l:.3f} {b:.3f} {r - l:.3f} {t - b:.3f} re f")
    out.append("Q")
    return ("\n".join(out) + "\n").encode()


def _set_contents(writer: PdfWriter, page, data: bytes) -> None:
    stream = DecodedStreamObject()
    stream.set_data(data)
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())


def _page_content_ops(writer: PdfWriter, page) -> tuple[list, bytes, bool]:
    """The page's operations (``content``: strings as raw bytes, each with its span in
    the returned data), its content data, several streams joined as pypdf joins them, and
    whether pypdf parsed them (the tokenizer was unsure)."""
    from redactor.formats.pdf import content as pdf_content

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, StreamObject):
        data = pdf_content.stream_data(contents)
    elif (isinstance(contents, ArrayObject) and len(contents) <= 64
          and all(isinstance(s.get_object(), StreamObject) for s in contents)):
        data = b""
        for s in contents:  # joined as pypdf's ContentStream joins them
            data += pdf_content.stream_data(s.get_object())
            if not data.endswith(b"\n"):
                data += b"\n"
    else:  # none, or something unusual: as pypdf reads it
        contents = page.get_contents()
        if contents is None:
            return [], b"", False
        data = contents.get_data()  # not parsed by pypdf: get_data gives the joined bytes
    ops, by_pypdf = pdf_content.parsed_operations(data)
    return ops, data, by_pypdf


def _edit_page(writer: PdfWriter, page, slices: list[MaskSlice], rfont: ReplacementFont | None,
               rewrite: bool = False) -> _PageEditor:
    """Cut the masked glyphs out of ``page``; ``rewrite`` writes the content anew even when
    nothing in it changes (names pypdf writes differently from how the source spelled them)."""
    resources = page.get("/Resources")
    if resources is None:
        resources = DictionaryObject()
        page[NameObject("/Resources")] = resources
    resources = resources.get_object()
    editor = _PageEditor(writer, slices, rfont)
    try:
        ops, source, editor.pypdf_parsed = _page_content_ops(writer, page)
        new_ops, changed = editor.edit(ops, resources, IDENTITY)
        changed = changed or rewrite
        body = _serialize(new_ops, source) if slices or changed else b""
    except _CannotEdit:
        raise
    except Exception as exc:  # noqa: BLE001 - a content stream that cannot be parsed or written
        raise _CannotEdit(type(exc).__name__) from exc
    if slices or changed:
        data = b"q\n" + body + b"\nQ\n"
        if editor.boxes:
            data += _box_ops(editor.boxes)
        _set_contents(writer, page, data)
    if editor.uses_replacement_font:
        _add_font_everywhere(writer, page, rfont)
    return editor


def _add_font_everywhere(writer: PdfWriter, page, rfont: ReplacementFont) -> None:
    """The replacement font under REPLACEMENT_FONT in the page's resources and in every
    form copy this writer made (their resources are private copies)."""

    def add(resources) -> None:
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = DictionaryObject()
            resources[NameObject("/Font")] = fonts
        fonts = fonts.get_object()
        fonts[NameObject(REPLACEMENT_FONT)] = rfont.ref

    def walk(resources, depth: int) -> None:
        add(resources)
        xobjects = resources.get("/XObject")
        if xobjects is None or depth > MAX_FORM_DEPTH:
            return
        for name, ref in xobjects.get_object().items():
            if not str(name).startswith("/RdxFm"):
                continue
            form = ref.get_object()
            res = form.get("/Resources")
            if res is not None:
                walk(res.get_object(), depth + 1)

    walk(page["/Resources"].get_object(), 0)
