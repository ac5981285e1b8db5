"""The small typed objects passed between pipeline stages.

read -> Document -> detect -> [Finding] -> decide -> [Decision] -> apply -> [Edit]
     -> write -> verify -> audit

A Document's ``text`` is what the detectors see. Its ``offset_map`` says where each
character of ``text`` lives in the source file, so that an edit expressed in text
offsets can be applied to the file by that format's writer. Characters the reader
synthesised (a paragraph separator, for instance) have no source and are simply not
covered by any segment.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Segment:
    """``text[start:end]`` is ``len`` characters of one source node, from ``offset``.

    ``anchor`` is opaque outside the format's reader/writer pair: for TXT it is
    ``("txt",)``; for DOCX ``(part_name, node_index)`` of a ``w:t`` element; for PDF
    ``(page_index,)`` with ``offset`` the index of the character on that page.
    """

    start: int
    end: int
    anchor: tuple
    offset: int

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class SourceSlice:
    """A piece of a text span, located in the source: ``anchor`` characters ``[start, end)``."""

    anchor: tuple
    start: int
    end: int


class OffsetMap:
    """Maps text offsets to source locations. Segments are sorted and do not overlap."""

    def __init__(self, segments: list[Segment] | None = None):
        self.segments: list[Segment] = segments or []
        self._starts = [s.start for s in self.segments]

    def add(self, start: int, end: int, anchor: tuple, offset: int) -> None:
        """Append a segment; readers call this in text order."""
        if end <= start:
            return
        self.segments.append(Segment(start, end, anchor, offset))
        self._starts.append(start)

    def locate(self, start: int, end: int) -> list[SourceSlice]:
        """The source slices covering text ``[start, end)``, in text order."""
        out: list[SourceSlice] = []
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        while i < len(self.segments):
            seg = self.segments[i]
            if seg.start >= end:
                break
            lo, hi = max(start, seg.start), min(end, seg.end)
            if lo < hi:
                out.append(SourceSlice(seg.anchor, seg.offset + lo - seg.start, seg.offset + hi - seg.start))
            i += 1
        return out

    def source_of(self, pos: int) -> SourceSlice | None:
        sl = self.locate(pos, pos + 1)
        return sl[0] if sl else None


class DocumentFormat(str, Enum):
    TXT = "txt"
    DOCX = "docx"
    PDF = "pdf"
    OFD = "ofd"


@dataclass
class Document:
    """A readable document: text for the detectors plus the way back to the source."""

    path: Path
    format: DocumentFormat
    text: str
    offset_map: OffsetMap
    sha256: str
    # Where to read hidden text too: DOCX core/app properties, PDF info dict, XMP...
    metadata: dict[str, str] = field(default_factory=dict)
    # Sidecar NAME.meta.json hints (case_type, cause, case_number, judgment_date).
    hints: dict[str, Any] = field(default_factory=dict)
    # Format-specific state the writer needs (e.g. TXT encoding, PDF page sizes).
    source_info: dict[str, Any] = field(default_factory=dict)
    # The parsed source the reader leaves loaded for the writer (a PDF's pdfium pages,
    # ``formats.pdf.pages.PageCache``), so the pages are parsed once; ``release`` frees it.
    pages: Any = field(default=None, repr=False, compare=False)

    @property
    def doc_id(self) -> str:
        return self.sha256[:16]

    def release(self) -> None:
        """Free what the reader left loaded (the document itself stays usable)."""
        if self.pages is not None:
            self.pages.close()
            self.pages = None


class Category(str, Enum):
    """The categories the code itself names (decide, persons, article17, the address
    recognizer). The list of all categories, with what each is and its rule, is
    ``rules/categories.yaml`` (redactor/categories.py), which must hold each of these; a
    new category is an entry there, not a member here."""

    PERSON = "PERSON"
    ADDRESS_DETAIL = "ADDRESS_DETAIL"
    ADDRESS_ADMIN = "ADDRESS_ADMIN"
    ID_CARD = "ID_CARD"
    USCC = "USCC"
    ORGANIZATION = "ORGANIZATION"
    LOCATION = "LOCATION"
    HEALTH = "HEALTH"
    TRADE_SECRET = "TRADE_SECRET"
    STATE_SECRET_MARK = "STATE_SECRET_MARK"


@dataclass
class Finding:
    """One detected span: ``text[start:end]`` is a ``category`` value, found by ``source``."""

    start: int
    end: int
    category: str
    source: str  # recognizer id ("rule:id_card") or model name+version
    score: float
    value: str
    # Extra facts a recognizer knows: role of a person, entity it belongs to, ...
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


class Action(str, Enum):
    KEEP = "keep"
    ANONYMIZE = "anonymize"  # Art. 9 name form
    DELETE = "delete"  # remove, or replace with the policy's fixed replacement
    PARTIAL = "partial"  # keep a prefix, × the rest
    REVIEW = "review"  # a human decides before publication (Art. 16)
    WITHHOLD = "withhold"  # the whole document is not published (Art. 4)


@dataclass
class Decision:
    """What the policy decided for one finding."""

    finding: Finding
    action: Action
    replacement: str  # the text that replaces the span ("" for a plain delete; value for keep)
    rule: str  # policy rule id
    article: str  # the article it implements
    role: str | None = None

    @property
    def masks(self) -> bool:
        return self.action in (Action.ANONYMIZE, Action.DELETE, Action.PARTIAL)


@dataclass(frozen=True)
class Edit:
    """Replace text ``[start, end)`` with ``replacement``. Edits never overlap."""

    start: int
    end: int
    replacement: str


@dataclass
class DocumentVerdict:
    """Document-level outcome the policy reached before any edit (withhold / review)."""

    status: str  # "publish" | "withhold" | "review"
    reason: str = ""
    article: str = ""
