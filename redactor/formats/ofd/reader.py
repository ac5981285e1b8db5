"""OFD reader: the text layer of every page (and the templates it uses), line-joined for
detection like the PDF reader.

Every character of a ``TextCode`` is mapped back to its source: ``anchor = (part, k)``
with ``part`` the Content.xml holding it and ``k`` the index of the ``TextCode`` among
that part's TextCodes in document order; ``offset`` is the character's index in the
TextCode's text. The writer finds the glyph, and its ``DeltaX``/``DeltaY`` entry, from it.

Lines are the TextCodes that share a baseline, left to right. A line break is removed
when the line is *full* (starts near the page's text left edge, ends within about an em
and a half of its right edge) and does not end a sentence, so a value wrapped across
lines (曹 | 兰) is one string for the detectors; otherwise it stays as ``\\n``.
A template's text is read once, before the first page that uses it.

``doc.metadata`` holds the DocInfo values (``ofd:Title``...) and custom-data values so
the Art. 4 marking check sees them; the writer clears them all.

Fails closed (reason codes): those of ``package.Package``; a document whose pages have
drawings or images but no text (no_text_layer); a page that is only an image (scanned_page).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from redactor.document import Document, DocumentFormat, OffsetMap
from redactor.errors import UnreadableDocument
from redactor.formats.ofd.package import Package, child, children, descendants, local

SENTENCE_END = set("。！？!?…：:；;")
FULL_RIGHT_EMS = 1.5
FULL_LEFT_EMS = 4.0
SAME_LINE_EMS = 0.4  # baselines closer than this share a line


def parse_deltas(spec: str | None) -> list[float] | None:
    """``DeltaX="g 3 4.2 1.5"`` -> [4.2, 4.2, 4.2, 1.5]; None when absent; raises on junk."""
    if spec is None or not spec.strip():
        return None
    tokens = spec.split()
    out: list[float] = []
    i = 0
    try:
        while i < len(tokens):
            if tokens[i] == "g":
                n = int(tokens[i + 1])
                if n < 0 or n > 100000:
                    raise ValueError
                out.extend([float(tokens[i + 2])] * n)
                i += 3
            else:
                out.append(float(tokens[i]))
                i += 1
    except (IndexError, ValueError):
        raise UnreadableDocument("a TextCode of the OFD has a damaged DeltaX/DeltaY", "corrupt") from None
    return out


def _floats(spec: str | None, n: int) -> list[float]:
    try:
        vals = [float(v) for v in (spec or "").split()]
    except ValueError:
        raise UnreadableDocument("a position in the OFD is not a number", "corrupt") from None
    return (vals + [0.0] * n)[:n]


def font_size(obj) -> float:
    """TextObject's Size (easyofd writes ``size``)."""
    try:
        return float(obj.get("Size") or obj.get("size") or 3.5)
    except ValueError:
        return 3.5


def positions(start: float, deltas: list[float] | None, n: int, default: float) -> list[float]:
    """Position of each of ``n`` glyphs; where DeltaX runs out the font's advance is
    unknown here, so ``default`` (one em) stands in (only for the line joining)."""
    out = [start]
    for i in range(1, n):
        d = deltas[i - 1] if deltas is not None and i - 1 < len(deltas) else default
        out.append(out[-1] + d)
    return out[:n]


@dataclass
class _Run:
    anchor: tuple
    text: str
    x0: float
    x1: float
    y: float
    em: float


@dataclass
class _Line:
    runs: list[_Run] = field(default_factory=list)

    @property
    def left(self) -> float:
        return min(r.x0 for r in self.runs)

    @property
    def right(self) -> float:
        return max(r.x1 for r in self.runs)

    @property
    def em(self) -> float:
        return max(r.em for r in self.runs)


def text_codes(content) -> list:
    """The part's TextCodes in document order: the writer's index ``k`` counts these."""
    return descendants(content, "TextCode")


def part_runs(part: str, content) -> list[_Run]:
    runs = []
    for k, tc in enumerate(text_codes(content)):
        text = tc.text or ""
        if not text:
            continue
        obj = tc.getparent()
        em = font_size(obj)
        bx, by, _, _ = _floats(obj.get("Boundary"), 4)
        x = bx + _floats(tc.get("X"), 1)[0]
        y = by + _floats(tc.get("Y"), 1)[0]
        xs = positions(x, parse_deltas(tc.get("DeltaX")), len(text), em)
        runs.append(_Run((part, k), text, xs[0], xs[-1] + em, y, em))
    return runs


def _lines(runs: list[_Run]) -> list[_Line]:
    """Runs grouped by baseline (top to bottom), each line left to right."""
    lines: list[_Line] = []
    for r in sorted(runs, key=lambda r: (round(r.y, 1), r.x0)):
        if lines and abs(lines[-1].runs[-1].y - r.y) <= SAME_LINE_EMS * r.em:
            lines[-1].runs.append(r)
        else:
            lines.append(_Line([r]))
    for ln in lines:
        ln.runs.sort(key=lambda r: r.x0)
    return lines


def _is_full(line: _Line, left: float, right: float) -> bool:
    last = line.runs[-1].text.rstrip()
    return (bool(last) and last[-1] not in SENTENCE_END
            and line.right >= right - FULL_RIGHT_EMS * line.em
            and line.left <= left + FULL_LEFT_EMS * line.em)


def _metadata(pkg: Package) -> dict[str, str]:
    meta: dict[str, str] = {}
    for db in pkg.docs:
        info = child(db.body, "DocInfo")
        if info is None:
            continue
        for el in info.iter():
            if el is info or not isinstance(el.tag, str):
                continue
            value = (el.text or "").strip()
            key = f"ofd:{db.index}:{local(el)}" + (f":{el.get('Name')}" if el.get("Name") else "")
            if value:
                meta[key] = value
    return meta


def read_package(pkg: Package, path: Path, sha256: str) -> Document:
    text_parts: list[str] = []
    omap = OffsetMap()
    pos = 0
    seen_templates: set[str] = set()
    has_graphics = False
    pages_text = 0
    prev_full = False
    for db in pkg.docs:
        for pno, page_part in enumerate(db.pages):
            parts = [t for t in db.page_templates[pno] if t not in seen_templates] + [page_part]
            seen_templates.update(parts[:-1])
            runs: list[_Run] = []
            for part in parts:
                runs += part_runs(part, pkg.parse(part))
            content = pkg.parse(page_part)
            images = descendants(content, "ImageObject")
            if images or descendants(content, "PathObject"):
                has_graphics = True
            if images and not runs:
                raise UnreadableDocument(f"page {pno + 1} of the OFD is an image without a text layer (scanned)",
                                         "scanned_page")
            lines = _lines(runs)
            if not lines:
                continue
            pages_text += 1
            left = min(ln.left for ln in lines)
            right = max(ln.right for ln in lines)
            for ln in lines:
                if text_parts:
                    sep = "" if prev_full else "\n"
                    text_parts.append(sep)
                    pos += len(sep)
                for i, r in enumerate(ln.runs):
                    if i and r.x0 - ln.runs[i - 1].x1 > 1.0 * r.em:
                        text_parts.append(" ")  # a column gap: never glue two cells' values
                        pos += 1
                    omap.add(pos, pos + len(r.text), r.anchor, 0)
                    text_parts.append(r.text)
                    pos += len(r.text)
                prev_full = _is_full(ln, left, right)
    if not pages_text:
        if has_graphics:
            raise UnreadableDocument("the OFD has no text layer (scanned, or text drawn as outlines)",
                                     "no_text_layer")
        raise UnreadableDocument("the OFD has no text", "no_text_layer")
    text = "".join(text_parts)
    info = {"ofd_pages": sum(len(db.pages) for db in pkg.docs)}
    return Document(path=path, format=DocumentFormat.OFD, text=text, offset_map=omap, sha256=sha256,
                    metadata=_metadata(pkg), source_info=info)


def read(path: Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"the file cannot be read ({type(exc).__name__})", "io_error") from None
    pkg = Package(data)
    return read_package(pkg, path, hashlib.sha256(data).hexdigest())
