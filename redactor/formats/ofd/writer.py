"""OFD writer: masked glyphs leave their TextCode, the replacement is drawn in the
bundled font, and what the package hides besides the page text is stripped.

A TextCode ``X Y DeltaX`` places glyph *i* at X + the first *i* DeltaX entries. Removing
glyphs ``[s, e)`` splits the TextCode into the kept pieces, each a TextCode of its own at
its first glyph's old position with its own slice of DeltaX/DeltaY, so every kept glyph
stays exactly where it was. The replacement (某, ×...) goes into a new TextObject right
after the original (same boundary, transform and colours) whose Font is the bundled
WenQuanYi Micro Hei, declared in PublicRes: the original font is often an embedded
subset without 某. It starts at the first masked glyph's position, its pitch at most one
em and never wider than the glyphs it replaces.

A piece or replacement that must start where the source gives no position (its DeltaX
ends before that glyph: the viewer would place it by the font's advance, which this
writer does not know) is not split: the whole TextCode is drawn again in the bundled font
with explicit positions (redraw.py, the fallback; its pages are ``ofd_fallback_pages``).
An edited TextObject with a CGTransform (glyph indices tied to the character codes), and
a run redraw.py refuses, cannot be edited safely: the document fails closed
(ofd_uneditable).

Stripped always: signatures (they no longer match), versions, annotations, attachments,
custom tags, extensions, and every DocInfo value but its ID and dates. The published
package holds only the parts the document still refers to (an allow list: a part nothing
names is dropped, whatever it holds). Zip entries carry a fixed time so the bytes depend
only on the input and the edits.
"""

from __future__ import annotations

import copy
import hashlib
import io
import zipfile
from collections import defaultdict
from pathlib import Path

from lxml import etree

from redactor.document import Document, Edit
from redactor.errors import RedactorError
from redactor.formats import WriteResult
from redactor.formats.ofd.package import Package, child, children, descendants, local, resolve
from redactor.formats.ofd.reader import font_size, parse_deltas, text_codes
from redactor.formats.ofd.redraw import Uneditable, check_redrawable, redrawn_deltas

REPLACEMENT_FONT = "WenQuanYi Micro Hei"  # redactor/cjk_font.py's font, declared by name
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_KEPT_DOCINFO = {"DocID", "CreationDate", "ModDate", "DocUsage", "CreatorVersion"}
_STRIPPED_BODY = ("Signatures", "Versions")
_STRIPPED_DOCUMENT = ("Annotations", "Attachments", "CustomTags", "Extensions")
_RES_FILES = ("FontFile", "MediaFile")


def _num(v: float) -> str:
    s = f"{v:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _deltas_attr(d: list[float]) -> str:
    out: list[str] = []
    i = 0
    while i < len(d):
        j = i
        while j < len(d) and d[j] == d[i]:
            j += 1
        out.append(f"g {j - i} {_num(d[i])}" if j - i > 2 else " ".join([_num(d[i])] * (j - i)))
        i = j
    return " ".join(out)


def _pos(base: float, deltas: list[float] | None, i: int) -> float | None:
    """Glyph ``i``'s position on one axis, None where the source does not give it."""
    if i == 0:
        return base
    if deltas is None:
        return None
    if i > len(deltas):
        return None
    return base + sum(deltas[:i])


def _new_code(tc, text: str, x: float, y: float, dx: list[float] | None, dy: list[float] | None):
    el = etree.Element(tc.tag, nsmap=tc.nsmap)
    el.set("X", _num(x))
    el.set("Y", _num(y))
    if dx:
        el.set("DeltaX", _deltas_attr(dx))
    if dy:
        el.set("DeltaY", _deltas_attr(dy))
    el.text = text
    return el


class _Ids:
    def __init__(self, pkg: Package):
        top = 0
        for root in pkg.xml.values():
            for el in root.iter():
                v = el.get("ID") if isinstance(el.tag, str) else None
                if v and v.isdigit():
                    top = max(top, int(v))
        for db in pkg.docs:
            m = descendants(db.document, "MaxUnitID")
            if m and (m[0].text or "").strip().isdigit():
                top = max(top, int(m[0].text))
        self.top = top

    def next(self) -> str:
        self.top += 1
        return str(self.top)


def _redraw_code(tc, edits: list[tuple[int, int, str]]):
    """The fallback (redraw.py): the TextCode's whole text, masked characters replaced, as one
    TextCode at the original start with every glyph placed by the bundled font's advances."""
    text = tc.text or ""
    obj = tc.getparent()
    check_redrawable(obj, tc.get("DeltaY") is not None)
    pieces, cut = [], 0
    for s, e, rep in sorted(edits):
        if s > cut:
            pieces.append(text[cut:s])
        pieces.append(rep)
        cut = max(cut, e)
    pieces.append(text[cut:])
    new_text = "".join(pieces)
    if not new_text:
        return None
    x = float(tc.get("X") or 0)
    try:
        room = float((obj.get("Boundary") or "").split()[2]) - x
    except (IndexError, ValueError):
        room = None
    dx = redrawn_deltas(text, new_text, font_size(obj), room)
    return _new_code(tc, new_text, x, float(tc.get("Y") or 0), dx, None)


def _rewrite_code(tc, edits: list[tuple[int, int, str]]) -> tuple[list, list, bool]:
    """New TextCodes for the kept pieces, the replacement TextCodes, and whether the code
    was redrawn whole instead (kept, drawn, redrawn)."""
    try:
        return (*_split_code(tc, edits), False)
    except _NoPosition:
        code = _redraw_code(tc, edits)
        return [], [code] if code is not None else [], True


class _NoPosition(Exception):
    """A kept piece or replacement would start at a glyph the file gives no position for."""


def _split_code(tc, edits: list[tuple[int, int, str]]) -> tuple[list, list]:
    """New TextCodes for the kept pieces, and the replacement TextCodes (kept, drawn)."""
    text = tc.text or ""
    n = len(text)
    obj = tc.getparent()
    em = font_size(obj)
    x0, y0 = float(tc.get("X") or 0), float(tc.get("Y") or 0)
    dx, dy = parse_deltas(tc.get("DeltaX")), parse_deltas(tc.get("DeltaY"))
    vertical = dy is not None and dx is None

    def at(i: int) -> tuple[float, float]:
        x = _pos(x0, dx, i) if dx is not None or i == 0 else (x0 if vertical else None)
        y = _pos(y0, dy, i) if dy is not None else y0
        if x is None or y is None:
            raise _NoPosition
        return x, y

    kept, drawn = [], []
    cut = 0
    for s, e, rep in sorted(edits) + [(n, n, "")]:
        if s > cut:
            x, y = at(cut)
            kept.append(_new_code(tc, text[cut:s], x, y, dx[cut:s - 1] if dx else None,
                                  dy[cut:s - 1] if dy else None))
        if rep and s < n:
            x, y = at(s)
            steps = (dy if vertical else dx) or []
            width = sum(steps[s:e - 1]) + (steps[e - 1] if e - 1 < len(steps) else em)
            pitch = min(em, width / len(rep))
            pitches = [pitch] * (len(rep) - 1)
            drawn.append(_new_code(tc, rep, x, y, None if vertical else pitches, pitches if vertical else None))
        cut = max(cut, e)
    return kept, drawn


def _edit_parts(doc: Document, edits: list[Edit]) -> dict[str, dict[int, list[tuple[int, int, str]]]]:
    by_part: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for e in edits:
        slices = doc.offset_map.locate(e.start, e.end)
        for j, sl in enumerate(slices):
            part, k = sl.anchor
            by_part[part][k].append((sl.start, sl.end, e.replacement if j == 0 else ""))
        if e.replacement and not slices:
            raise Uneditable("a replacement has no place in the OFD's text layer")
    return by_part


def _declare_font(pkg: Package, db, ids: _Ids, changed: set[str]) -> str:
    common = child(db.document, "CommonData")
    ns = etree.QName(db.document).namespace
    q = (lambda n: f"{{{ns}}}{n}") if ns else (lambda n: n)
    pub = children(common, "PublicRes")
    if pub:
        part = resolve(db.root_part, pub[0].text)
        res = pkg.parse(part)
    else:
        part = resolve(db.root_part, "PublicRes_redactor.xml")
        res = etree.Element(q("Res"), nsmap={"ofd": ns} if ns else None)
        res.set("BaseLoc", "Res")
        pkg.xml[part] = res
        el = etree.SubElement(common, q("PublicRes"))
        el.text = "PublicRes_redactor.xml"
        common.insert(1, el)
        db.res_parts.append(part)
    rns = etree.QName(res).namespace
    rq = (lambda n: f"{{{rns}}}{n}") if rns else (lambda n: n)
    fonts = child(res, "Fonts")
    if fonts is None:
        fonts = etree.SubElement(res, rq("Fonts"))
    font = etree.SubElement(fonts, rq("Font"))
    fid = ids.next()
    font.set("ID", fid)
    font.set("FontName", REPLACEMENT_FONT)
    font.set("FamilyName", REPLACEMENT_FONT)
    changed.add(part)
    return fid


def _strip(pkg: Package, notes: dict) -> None:
    stripped: set[str] = set()
    for db in pkg.docs:
        for name in _STRIPPED_BODY:
            for el in children(db.body, name):
                db.body.remove(el)
                stripped.add(name.lower())
        info = child(db.body, "DocInfo")
        if info is not None:
            for el in list(info):
                if local(el) not in _KEPT_DOCINFO:
                    info.remove(el)
                    stripped.add("metadata")
        for name in _STRIPPED_DOCUMENT:
            for el in children(db.document, name):
                db.document.remove(el)
                stripped.add(name.lower())
    if stripped:
        notes["ofd_stripped"] = sorted(stripped)


def _kept_members(pkg: Package) -> list[str]:
    """The allow list: the structure parts and the resource files they name."""
    keep = ["OFD.xml"]
    for db in pkg.docs:
        keep.append(db.root_part)
        keep += db.res_parts
        for pno, page in enumerate(db.pages):
            keep += db.page_templates[pno] + [page]
        for part in db.res_parts:
            res = pkg.parse(part)
            base = res.get("BaseLoc", "")
            for name in _RES_FILES:
                for el in descendants(res, name):
                    ref = (el.text or "").strip()
                    target = resolve(part, ref) if ref.startswith("/") else resolve(part, f"{base}/{ref}" if base else ref)
                    if pkg.has(target):
                        keep.append(target)
    seen: set[str] = set()
    return [m for m in keep if not (m in seen or seen.add(m))]


def _pages_showing(pkg: Package, parts: set[str]) -> list[int]:
    """The pages (0-based, counted through every document of the package) that show one of
    ``parts``: a page's own content, or a template it uses."""
    pages, n = [], 0
    for db in pkg.docs:
        for pno, page in enumerate(db.pages):
            if page in parts or parts.intersection(db.page_templates[pno]):
                pages.append(n)
            n += 1
    return pages


def render(doc: Document, edits: list[Edit]) -> tuple[bytes, dict]:
    data = Path(doc.path).read_bytes()
    if hashlib.sha256(data).hexdigest() != doc.sha256:
        raise RedactorError("the OFD changed on disk since it was read", "source_changed")
    pkg = Package(data)
    ids = _Ids(pkg)
    notes: dict = {}
    changed: set[str] = {"OFD.xml", *(db.root_part for db in pkg.docs)}
    by_part = _edit_parts(doc, edits)
    part_doc = {p: db for db in pkg.docs for p in db.pages + [t for ts in db.page_templates for t in ts]}
    fonts: dict[int, str] = {}
    n_codes = 0
    redrawn_parts: set[str] = set()
    for part, per_code in sorted(by_part.items()):
        content = pkg.parse(part)
        codes = text_codes(content)
        drawn_by_obj: dict = {}
        redrawn_objs: set = set()
        for k, code_edits in sorted(per_code.items()):
            tc = codes[k]
            obj = tc.getparent()
            if child(obj, "CGTransform") is not None:
                raise Uneditable("an edited OFD TextObject maps glyphs through a CGTransform (page cannot be "
                                 "edited safely)")
            kept, drawn, redrawn = _rewrite_code(tc, code_edits)
            if redrawn:
                redrawn_parts.add(part)
                redrawn_objs.add(obj)
            for el in kept:
                tc.addprevious(el)
            obj.remove(tc)
            drawn_by_obj.setdefault(obj, []).extend(drawn)
            n_codes += 1
        for obj, drawn in drawn_by_obj.items():
            if not drawn:
                continue
            db = part_doc[part]
            if db.index not in fonts:
                fonts[db.index] = _declare_font(pkg, db, ids, changed)
            new = etree.Element(obj.tag, nsmap=obj.nsmap)
            for key, val in obj.attrib.items():
                new.set(key, val)
            new.set("ID", ids.next())
            new.set("Font", fonts[db.index])
            for c in obj:
                if local(c) not in ("TextCode", "CGTransform") and isinstance(c.tag, str):
                    new.append(copy.deepcopy(c))
            for el in drawn:
                new.append(el)
            obj.addnext(new)
            if obj in redrawn_objs and not children(obj, "TextCode"):
                obj.getparent().remove(obj)  # its text is all in the redrawn object now
        changed.add(part)
    for part in part_doc:  # easyofd writes ``size``: the standard's ``Size`` for every reader
        for obj in descendants(pkg.parse(part), "TextObject"):
            if obj.get("size") is not None and obj.get("Size") is None:
                obj.set("Size", obj.attrib.pop("size"))
                changed.add(part)
    for db in pkg.docs:
        for m in descendants(db.document, "MaxUnitID"):
            m.text = str(ids.top)
    _strip(pkg, notes)
    notes["ofd_edited_codes"] = n_codes
    if redrawn_parts:
        notes["ofd_fallback_pages"] = _pages_showing(pkg, redrawn_parts)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in _kept_members(pkg):
            if name in changed:
                body = etree.tostring(pkg.xml[name], xml_declaration=True, encoding="UTF-8")
            else:
                body = pkg.read(name)
            zi = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, body)
    return buf.getvalue(), notes


def write(doc: Document, edits: list[Edit], dest: Path) -> WriteResult:
    from redactor.formats import write_bytes_atomically

    data, notes = render(doc, edits)
    write_bytes_atomically(Path(dest), data)
    return WriteResult(notes=notes)
