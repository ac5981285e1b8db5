"""DOCX reader: the OOXML zip read directly with zipfile + a hardened lxml parser.

Text order: main document body (paragraphs, tables, text boxes), headers, footers,
footnotes, endnotes, comments, then any other part with text nodes (glossary,
charts, SmartArt). Each paragraph is one line ending in a synthetic "\\n"; tabs and
breaks become synthetic "\\t"/"\\n". Every text node (``w:t``, ``w:delText``,
``w:instrText``, ``w:delInstrText``, ``a:t``) gets one segment anchored at
``(part_name, node_index)``, ``node_index`` indexing ``ooxml.text_nodes(root)``.

Tracked deletions and field codes are included: a reader of the file can recover
them, so the detectors must see them (the writer accepts revisions anyway).

``mc:AlternateContent`` stores a text box twice (DrawingML Choice, VML Fallback).
The text is included once; ``source_info["docx_mirrors"]`` tells the writer which
node ranges duplicate which, so it edits both copies. A branch whose text differs
from the first one is read as text of its own (it could hide different content).

Personal metadata (core/app/custom properties, document variables, comment and
revision authors) goes into ``Document.metadata``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

from redactor.formats.docx import ooxml as dx
from redactor.document import Document, DocumentFormat, OffsetMap
from redactor.errors import UnreadableDocument

_WALK_TAGS = (
    dx.PARAGRAPH_TAGS
    + dx.TEXT_TAGS
    + tuple(dx.TAB_TAGS | dx.BREAK_TAGS | dx.HYPHEN_TAGS | dx.TXBX_TAGS)
    + (dx.AC_TAG, dx.CHOICE_TAG, dx.FALLBACK_TAG)
)
_TEXT_TAG_SET = frozenset(dx.TEXT_TAGS)
_PARAGRAPH_TAG_SET = frozenset(dx.PARAGRAPH_TAGS)


class _TextBuilder:
    """Accumulates Document.text pieces and the offset map while parts are walked."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.pos = 0
        self.omap = OffsetMap()
        self.last_char = "\n"

    def synthetic(self, s: str) -> None:
        self.pieces.append(s)
        self.pos += len(s)
        self.last_char = s[-1]

    def mapped(self, s: str, anchor: tuple) -> None:
        if not s:
            return
        self.omap.add(self.pos, self.pos + len(s), anchor, 0)
        self.pieces.append(s)
        self.pos += len(s)
        self.last_char = s[-1]

    def text(self) -> str:
        return "".join(self.pieces)


def _branch_plan(ac, part: str, first_index: int, mirrors: list, skipped: set) -> None:
    """Decide which branches of one mc:AlternateContent are read and which are mirrors.

    The first branch with text is read. Another branch with the same text is skipped
    and recorded as a mirror of it; a branch with different text is read as well.
    """
    index = first_index
    branches = []
    for child in ac:
        if child.tag not in (dx.CHOICE_TAG, dx.FALLBACK_TAG):
            continue
        nodes = dx.text_nodes(child)
        text = "".join(n.text or "" for n in nodes)
        branches.append((child, index, index + len(nodes), text))
        index += len(nodes)
    primary = next((b for b in branches if b[3]), None)
    if primary is None:
        return
    for branch in branches:
        if branch is primary or not branch[3]:
            continue
        if branch[3] == primary[3]:
            skipped.add(branch[0])
            mirrors.append([part, primary[1], primary[2], branch[1], branch[2]])


def _walk_part(root, part: str, out: _TextBuilder, mirrors: list) -> int:
    """Append one part's text to ``out``; returns the number of text nodes seen."""
    index = 0
    skipped: set = set()
    skipping = None  # the skipped branch element we are inside, if any
    for event, el in etree.iterwalk(root, events=("start", "end"), tag=_WALK_TAGS):
        tag = el.tag
        if skipping is not None:
            if event == "start" and tag in _TEXT_TAG_SET:
                index += 1
            elif event == "end" and el is skipping:
                skipping = None
            continue
        if event == "start":
            if tag in _TEXT_TAG_SET:
                out.mapped(el.text or "", (part, index))
                index += 1
            elif tag == dx.AC_TAG:
                _branch_plan(el, part, index, mirrors, skipped)
            elif el in skipped:
                skipping = el
            elif tag in dx.TXBX_TAGS:
                # A text box inside a paragraph: keep its lines apart from the run text around it.
                if out.last_char != "\n":
                    out.synthetic("\n")
            elif tag in dx.TAB_TAGS:
                if el.getparent() is not None and el.getparent().tag in dx.RUN_TAGS:
                    out.synthetic("\t")
            elif tag in dx.BREAK_TAGS:
                if el.getparent() is not None and el.getparent().tag in dx.RUN_TAGS:
                    out.synthetic("\n")
            elif tag in dx.HYPHEN_TAGS:
                out.synthetic("-")
        elif tag in _PARAGRAPH_TAG_SET:
            out.synthetic("\n")
    if out.last_char != "\n":
        out.synthetic("\n")
    return index


def _collect_metadata(pkg: dx.Package, parsed: dict, metadata: dict[str, str]) -> None:
    if pkg.has(dx.CORE_PART):
        core = pkg.parse(dx.CORE_PART)
        for el in core:
            name = dx.local_name(el.tag)
            value = (el.text or "").strip()
            if name and value:
                metadata[f"core:{name}"] = value
    if pkg.has(dx.APP_PART):
        app = pkg.parse(dx.APP_PART)
        for el in app:
            name = dx.local_name(el.tag)
            if name in dx.APP_TEXT_FIELDS and (el.text or "").strip():
                metadata[f"app:{name}"] = el.text.strip()
            elif name in dx.APP_VECTOR_FIELDS:
                values = [(v.text or "").strip() for v in el.iter() if v is not el and (v.text or "").strip()]
                if values:
                    metadata[f"app:{name}"] = "\n".join(values)
    if pkg.has(dx.CUSTOM_PART):
        custom = pkg.parse(dx.CUSTOM_PART)
        for prop in custom:
            name = prop.get("name") or dx.local_name(prop.tag)
            values = [(v.text or "").strip() for v in prop.iter() if (v.text or "").strip()]
            if values:
                metadata[f"custom:{name}"] = "\n".join(values)
    for name in sorted(pkg.names):
        if name.startswith("word/") and name.endswith("settings.xml"):
            settings = parsed.get(name) if name in parsed else pkg.parse(name)
            for var in settings.iter(*dx.w_tags("docVar")):
                key = next((v for k, v in var.attrib.items() if dx.local_name(k) == "name"), "")
                val = next((v for k, v in var.attrib.items() if dx.local_name(k) == "val"), "")
                if val:
                    metadata[f"settings:docVar:{key}"] = val
    # Names of comment and revision authors, permission editors and people.xml entries.
    authors: set[str] = set()
    people = [n for n in pkg.names if n.startswith("word/") and n.endswith("people.xml")]
    elements = [el for root in parsed.values() for el in root.iter(*dx.AUTHORED_TAGS)]
    elements += [el for n in people for el in pkg.parse(n).iter()]
    for el in elements:
        if isinstance(el.tag, str):
            for key, value in el.attrib.items():
                if dx.local_name(key) in ("author", "initials", "ed", "userId") and value.strip():
                    authors.add(value.strip())
    if authors:
        metadata["docx:authors"] = "\n".join(sorted(authors))


def read(path: Path) -> Document:
    path = Path(path)
    data = path.read_bytes()
    pkg = dx.open_package(data)
    main_part = dx.main_part_name(pkg)
    if not pkg.has(main_part):
        raise UnreadableDocument("the package has no main document part (word/document.xml)", "docx_no_document")

    # An altChunk imports foreign content (HTML, RTF, another DOCX) that Word renders but
    # whose text is not in any WordprocessingML part: it cannot be redacted reliably.
    for rel in dx.read_rels(pkg, main_part):
        if rel.rel_type == "aFChunk":
            raise UnreadableDocument("the document imports an alternative-format chunk (altChunk)", "docx_altchunk")

    # An embedded object (a spreadsheet, another document, an OLE package) is published as
    # it is by any writer that keeps it, and its content is not read here: fail closed.
    embedded_objects = sorted(n for n in pkg.names if n.startswith("word/embeddings/") and not n.endswith("/"))
    if embedded_objects:
        raise UnreadableDocument(f"the document embeds {len(embedded_objects)} object(s) (word/embeddings/) whose "
                                 "content cannot be read or redacted", "docx_embedded_object")

    parts = dx.text_part_names(pkg, main_part)
    parsed: dict[str, object] = {name: pkg.parse(name) for name in parts}
    main_root = parsed[main_part]
    if main_root.tag not in dx.w_tags("document"):
        raise UnreadableDocument("the main part is not a WordprocessingML document", "docx_not_wordprocessing")
    for name in dx.other_xml_parts(pkg, set(parts)):
        # Styles and themes are large and hold no text node: when the bytes prove it
        # (a plain UTF-8 part without any element named like a text node), skip the parse.
        if dx.plain_xml_has_element(pkg.read_member(name), dx.TEXT_LOCAL_NAMES) is False:
            continue
        root = pkg.parse(name)
        if next(root.iter(*dx.TEXT_TAGS), None) is not None:
            parts.append(name)
            parsed[name] = root

    out = _TextBuilder()
    mirrors: list = []
    node_counts: dict[str, int] = {}
    body_start = out.pos
    for name in parts:
        node_counts[name] = _walk_part(parsed[name], name, out, mirrors)
        if name == main_part and not out.text()[body_start:].strip():
            raise UnreadableDocument("the document body has no text (scanned images?)", "empty")

    metadata: dict[str, str] = {}
    _collect_metadata(pkg, parsed, metadata)

    embedded = sorted(n for n in pkg.names if n.startswith("word/embeddings/"))
    return Document(
        path=path,
        format=DocumentFormat.DOCX,
        text=out.text(),
        offset_map=out.omap,
        sha256=hashlib.sha256(data).hexdigest(),
        metadata=metadata,
        source_info={
            "docx_main_part": main_part,
            "docx_text_parts": parts,
            "docx_node_counts": node_counts,
            "docx_mirrors": mirrors,
            # Embedded objects (spreadsheets, OLE) are not read; the pipeline may want a review.
            "docx_embedded": embedded,
        },
    )
