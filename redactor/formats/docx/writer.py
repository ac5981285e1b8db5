"""DOCX writer: apply text edits to the OOXML parts and sanitise the package.

Edits go through ``doc.offset_map``: for each edit the first surviving source slice
gets the replacement and the other slices lose their characters, so a replacement
spanning several runs keeps the formatting of the first run and every untouched run
keeps its own. Duplicated text-box copies (``mc:Fallback``) get the same change.

Sanitising (the published file must not expose what the visible text does not):

- tracked changes are accepted: ``w:del``/``w:moveFrom`` removed with their content,
  ``w:ins``/``w:moveTo`` unwrapped, property-change records removed;
- comments are removed: the comments parts (incl. commentsExtended/Ids/Extensible and
  people.xml), range marks and reference runs, with their relationships and content types;
- personal properties are removed from docProps/core.xml and docProps/app.xml;
  docProps/custom.xml, customXml/ parts and the thumbnail are dropped; content-control
  data bindings, document variables and range-permission editors are removed;
- any masked value left in an attribute (alt text, field instruction, external link)
  or in a non-text part is replaced like the edit that masked it; in a style's name or
  id too, the id consistently in every part that references it (``_StyleNames``).

The input file is never modified: a fresh zip is written next to ``dest`` and moved
into place.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

import ahocorasick
from lxml import etree

from redactor.formats.docx import ooxml as dx
from redactor.document import Document, Edit
from redactor.errors import UnreadableDocument, WriteFailed
from redactor.formats import WriteResult

# Relationship types whose target parts are not published.
DROPPED_REL_TYPES = frozenset(
    {
        "comments",
        "commentsExtended",
        "commentsIds",
        "commentsExtensible",
        "people",
        "custom-properties",
        "thumbnail",
        "customXml",
        "customXmlProps",
    }
)
_DROPPED_NAME = re.compile(
    r"^(word/comments[A-Za-z]*\.xml|word/people\.xml|docProps/custom\.xml|docProps/thumbnail\.[^/]+|customXml/.*)$"
)
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_WS = re.compile(r"\s+")

_REMOVED_MARKS = dx.w_tags(
    # property-change records (formatting revisions, with author and date)
    "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblGridChange", "trPrChange",
    "tcPrChange", "tblPrExChange", "numberingChange", "cellIns", "cellDel", "cellMerge",
    # move and custom-XML revision ranges
    "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd",
    "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart",
    "customXmlMoveToRangeEnd",
    # comments anchors, range permissions (w:ed names an editor), bindings to customXml
    "commentRangeStart", "commentRangeEnd", "permStart", "permEnd", "dataBinding",
    # tracked-deletion text outside a w:del (malformed, but readable)
    "delText", "delInstrText",
)
_DEL_TAGS = frozenset(dx.w_tags("del", "moveFrom"))
_INS_TAGS = dx.w_tags("ins", "moveTo")
_DEL_TEXT_TAGS = frozenset(dx.w_tags("delText", "delInstrText"))
_TR_TAGS = frozenset(dx.w_tags("tr"))
_P_TAGS = frozenset(dx.w_tags("p"))
_PPR_TAGS = frozenset(dx.w_tags("pPr"))
_RPR_TAGS = frozenset(dx.w_tags("rPr"))
_TEXT_TAG_SET = frozenset(dx.TEXT_TAGS)
# Local names of every element _accept_revisions_and_strip touches: a part without any of
# them (by a byte scan, any namespace) needs no sanitising.
_SANITISED_LOCAL_NAMES = frozenset(
    dx.local_name(t)
    for t in (*_DEL_TAGS, *_INS_TAGS, *_REMOVED_MARKS, *dx.w_tags("commentReference", "docVars"))
)
# Parts the writer always rewrites (sanitised by name, or edited through the offset map).
_ALWAYS_REWRITTEN = frozenset({dx.CORE_PART, dx.APP_PART, "[Content_Types].xml"})


# --- editing text nodes -----------------------------------------------------------------


def _is_doomed(node, part: str, dropped: set[str]) -> bool:
    """True if sanitising will remove this text node (deleted revision, dropped part)."""
    if part in dropped or node.tag in _DEL_TEXT_TAGS:
        return True
    for anc in node.iterancestors():
        if anc.tag in _DEL_TAGS and anc.getparent() is not None and not dx.local_name(anc.getparent().tag).endswith("Pr"):
            return True
        if anc.tag in _TR_TAGS:
            trpr = anc.find("./{*}trPr")
            if trpr is not None and any(c.tag in _DEL_TAGS for c in trpr):
                return True
    return False


def _set_text(node, text: str) -> None:
    node.text = text
    if node.tag in dx.W_T_TAGS:
        # Word drops leading/trailing spaces of a w:t unless told to keep them.
        node.set(dx.XML_SPACE, "preserve")


def _apply_local_edits(node, edits: list[tuple[int, int, str]]) -> None:
    text = node.text or ""
    prev_start = len(text) + 1
    for start, end, repl in sorted(edits, reverse=True):
        if end > prev_start or end > len(text) or start < 0:
            raise WriteFailed("overlapping or out-of-range edits on one text node", "docx_offset_mismatch")
        text = text[:start] + repl + text[end:]
        prev_start = start
    _set_text(node, text)


def _spread_over_nodes(nodes: list, replacements: list[tuple[int, int, str]]) -> None:
    """Apply joined-text replacements to a run of nodes: first node gets the text, others lose theirs."""
    bounds = []
    pos = 0
    for node in nodes:
        n = len(node.text or "")
        bounds.append((pos, pos + n))
        pos += n
    local: dict[int, list] = defaultdict(list)
    for start, end, repl in replacements:
        first = True
        for i, (lo, hi) in enumerate(bounds):
            a, b = max(start, lo), min(end, hi)
            # An insertion (start == end) goes to the first node whose range touches it.
            if a < b or (start == end and first and lo <= start <= hi):
                local[i].append((a - lo, b - lo, repl if first else ""))
                first = False
    for i, edits in local.items():
        _apply_local_edits(nodes[i], edits)


def _mirror(primary: list, primary_old: list[str], target: list) -> None:
    """Give ``target`` (a duplicate branch whose text equals the primary's old text) the same changes."""
    old_joined = "".join(primary_old)
    if "".join(n.text or "" for n in target) != old_joined:
        # Never expected (the reader checked): publish the duplicate empty rather than stale.
        for node in target:
            _set_text(node, "")
        return
    replacements = []
    base = 0
    for node, old in zip(primary, primary_old):
        new = node.text or ""
        if new != old:
            p = 0
            while p < min(len(old), len(new)) and old[p] == new[p]:
                p += 1
            s = 0
            while s < min(len(old), len(new)) - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
                s += 1
            replacements.append((base + p, base + len(old) - s, new[p : len(new) - s]))
        base += len(old)
    if replacements:
        _spread_over_nodes(target, replacements)


# --- sanitising ----------------------------------------------------------------------------


def _unwrap(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    idx = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(idx, child)
    parent.remove(el)


def _merge_into_next_paragraph(p) -> None:
    """Accept a deleted paragraph mark: the paragraph's content joins the next paragraph."""
    nxt = p.getnext()
    if nxt is None or nxt.tag not in _P_TAGS:
        return
    idx = 1 if len(nxt) and nxt[0].tag in _PPR_TAGS else 0
    for child in reversed([c for c in p if c.tag not in _PPR_TAGS]):
        nxt.insert(idx, child)
    p.getparent().remove(p)


def _accept_revisions_and_strip(root) -> None:
    for el in list(root.iter(*_DEL_TAGS)):
        parent = el.getparent()
        if parent is None:
            continue
        pname = dx.local_name(parent.tag)
        if pname == "trPr":
            row = parent.getparent()
            if row is not None and row.getparent() is not None and el.tag in dx.w_tags("del"):
                row.getparent().remove(row)
            else:
                parent.remove(el)
        elif pname == "rPr" and parent.getparent() is not None and parent.getparent().tag in _PPR_TAGS:
            parent.remove(el)
            p = parent.getparent().getparent()
            if p is not None and p.tag in _P_TAGS:  # deleted or moved-away paragraph mark
                _merge_into_next_paragraph(p)
        elif pname.endswith("Pr"):
            parent.remove(el)  # a revision marker, not a container
        else:
            parent.remove(el)  # deleted content
    for el in list(root.iter(*_INS_TAGS)):
        parent = el.getparent()
        if parent is None:
            continue
        if dx.local_name(parent.tag).endswith("Pr"):
            parent.remove(el)
        else:
            _unwrap(el)
    for el in list(root.iter(*_REMOVED_MARKS)):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    for ref in list(root.iter(*dx.w_tags("commentReference"))):
        parent = ref.getparent()
        if parent is None:
            continue
        if parent.tag in dx.RUN_TAGS and all(c is ref or c.tag in _RPR_TAGS for c in parent):
            grand = parent.getparent()
            if grand is not None:
                grand.remove(parent)
                continue
        parent.remove(ref)
    for dv in list(root.iter(*dx.w_tags("docVars"))):
        dv.getparent().remove(dv)


def _sanitise_core(root) -> None:
    for el in list(root):
        if dx.local_name(el.tag) in dx.CORE_PERSONAL_FIELDS:
            root.remove(el)


def _sanitise_app(root) -> None:
    for el in list(root):
        if dx.local_name(el.tag) in dx.APP_PERSONAL_FIELDS:
            root.remove(el)


def _rels_source(rels_name: str) -> str:
    """'word/_rels/document.xml.rels' -> 'word/document.xml'; '_rels/.rels' -> ''."""
    d, f = posixpath.split(rels_name)
    base = posixpath.dirname(d)
    src = f[: -len(".rels")]
    return posixpath.join(base, src) if src else ""


def _sanitise_rels(root, source: str, dropped: set[str]) -> None:
    for rel in list(root):
        if dx.local_name(rel.tag) != "Relationship":
            continue
        if rel.get("TargetMode") == "External":
            continue
        if dx.resolve_target(source, rel.get("Target", "")) in dropped:
            root.remove(rel)


def _sanitise_content_types(root, dropped: set[str]) -> None:
    dropped_lower = {n.lower() for n in dropped}  # OPC part names are case-insensitive
    for el in list(root):
        if dx.local_name(el.tag) == "Override" and el.get("PartName", "").lstrip("/").lower() in dropped_lower:
            root.remove(el)


def _dropped_parts(pkg: dx.Package) -> set[str]:
    dropped = {n for n in pkg.names if _DROPPED_NAME.match(n)}
    for name in pkg.names:
        if name.endswith(".rels"):
            for rel in dx.read_rels(pkg, _rels_source(name)):
                if not rel.external and rel.rel_type in DROPPED_REL_TYPES:
                    dropped.add(rel.target)
    for name in list(dropped):
        dropped.add(dx.rels_name_for(name))
    return {n for n in dropped if n}


# --- scrubbing masked values from places the offset map does not reach -------------------


def _masked_values(doc: Document, edits: list[Edit]) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in edits:
        value = doc.text[e.start : e.end].strip()
        if value == e.replacement:
            continue
        # Short ASCII values (a house number) would also hit counters and sizes.
        if len(value) >= 4 or (len(value) >= 2 and not value.isascii()):
            out.setdefault(value, e.replacement)
    return out


def _finder(words) -> ahocorasick.Automaton:
    finder = ahocorasick.Automaton()
    for w in words:
        finder.add_word(w, w)
    if len(finder):
        finder.make_automaton()
    return finder


_ASCII_BYTES = bytes(range(128))
_ASCII_RUN = re.compile(rb"[\x00-\x7f]+")
_DIGIT_RUN = re.compile(rb"[0-9]+")
_NON_DIGIT_BYTES = bytes(c for c in range(256) if not 0x30 <= c <= 0x39)


class _Scrubber:
    def __init__(self, masked: dict[str, str]):
        self.masked = masked
        # Set by write() once the styles parts are known (see _StyleNames).
        self.styles: _StyleNames | None = None
        self._pattern = None  # compiled on first use: most documents never need it
        # Values without XML-special characters look the same in serialized XML.
        self.plain_values = not any(ch in v for v in masked for ch in "&<>\"'")
        # In a plain UTF-8 part (see dx.plain_xml_element_names) every non-whitespace
        # character of a text or attribute value is in the bytes literally; whitespace may
        # differ (a parser normalises it in attribute values). So a value can only be in such
        # a part if its longest whitespace-free piece is in the bytes: that piece is the probe.
        self.byte_searchable = self.plain_values
        probes = {max(v.split(), key=len) for v in masked}
        # Searching a styles part (hundreds of KB) once per probe is most of the cost, so
        # each probe gets a cheap necessary condition first where it has one: in UTF-8
        # every byte of a non-ASCII character is >= 0x80, so each run of the probe's
        # non-ASCII bytes occurs in the part's non-ASCII bytes taken alone; and its longest
        # run of digits occurs in the part's digits taken alone. Those two strings are
        # small; only a probe that passes is searched for in the whole part.
        self.probes: list[tuple[bytes, tuple[bytes, ...], bytes]] = []
        for probe in sorted(probes):
            b = probe.encode("utf-8")
            high_runs = tuple(run for run in _ASCII_RUN.split(b) if run)
            digit_run = max(_DIGIT_RUN.findall(b), key=len, default=b"")
            self.probes.append((b, high_runs, digit_run if len(digit_run) >= 3 else b""))
        self._finder = None

    @property
    def pattern(self):
        if self._pattern is None and self.masked:
            # Longest first: a value inside a longer one must not pre-empt it.
            self._pattern = re.compile("|".join(re.escape(v) for v in sorted(self.masked, key=len, reverse=True)))
        return self._pattern

    def occurs_in(self, s: str) -> bool:
        """Whether any masked value is a substring of ``s`` (one Aho-Corasick pass in C)."""
        if not self.masked:
            return False
        if self._finder is None:
            self._finder = _finder(self.masked)
        return next(self._finder.iter(s), None) is not None

    def may_occur_in_plain(self, data: bytes) -> bool:
        """False only if no masked value can be in this plain UTF-8 XML part (its raw bytes)."""
        if not self.masked:
            return False
        if not self.byte_searchable:
            return True
        # A plain part is valid UTF-8, where a byte search finds exactly what a search of
        # the decoded text finds (UTF-8 is self-synchronising).
        high = digits = None
        for probe, high_runs, digit_run in self.probes:
            if high_runs:
                if high is None:
                    high = data.translate(None, _ASCII_BYTES)
                if not all(run in high for run in high_runs):
                    continue
            if digit_run:
                if digits is None:
                    digits = data.translate(None, _NON_DIGIT_BYTES)
                if digit_run not in digits:
                    continue
            if probe in data:
                return True
        return False

    def sub(self, s: str) -> str:
        if not self.masked or not s:
            return s
        return self.pattern.sub(lambda m: self.masked[m.group(0)], s)

    def scrub(self, root, skip_text_of: frozenset = frozenset()) -> None:
        """Replace masked values in text and text attributes, except the text of ``skip_text_of`` elements.

        The text nodes the offset map covers are skipped: the edits are the authority there.
        """
        if not self.masked:
            return
        if self.plain_values:
            # Fast path: most parts hold none of the values at all (the edits already
            # replaced them in the mapped text). One C-level serialization and search
            # decides; only parts with a hit get the node-by-node pass below.
            if not self.occurs_in(etree.tostring(root, encoding="unicode")):
                return
        if self.styles is not None:
            self.styles.rename(root, self)
        # XML comments and processing instructions inside the part are published too.
        for node in root.iter(etree.Comment, etree.PI):
            new = self.sub(node.text or "")
            if new != (node.text or ""):
                node.text = new
        for result in dx.all_text_results(root):
            if not result.is_tail and result.getparent().tag in skip_text_of:
                continue
            new = self.sub(str(result))
            if new != result:
                if result.is_tail:
                    result.getparent().tail = new
                else:
                    result.getparent().text = new
        for result in dx.text_attributes(root):
            el = result.getparent()
            if dx.local_name(result.attrname) == "Target" and el.get("TargetMode") != "External":
                continue  # an internal part name, not text
            new = self.sub(str(result))
            if new != result:
                el.set(result.attrname, new)


_STYLES_ROOT_TAGS = frozenset(dx.w_tags("styles"))
_STYLE_TAGS = dx.w_tags("style")
_NAME_TAGS = frozenset(dx.w_tags("name"))
_ABSTRACT_NUM_TAGS = dx.w_tags("abstractNum")
# Elements whose w:val is a style id: paragraph, run and table styles, a style's base,
# following and linked style, numbering definitions tied to a style, and the defaults
# in settings.xml.
_STYLE_REFERENCE_TAGS = dx.w_tags(
    "pStyle", "rStyle", "tblStyle", "basedOn", "next", "link", "numStyleLink", "styleLink",
    "clickAndTypeStyle", "defaultTableStyle",
)
_STYLE_REFERENCE_TAG_SET = frozenset(_STYLE_REFERENCE_TAGS)
_ABSTRACT_NUM_TAG_SET = frozenset(_ABSTRACT_NUM_TAGS)


def _attr_key(el, local: str) -> str | None:
    """The Clark name of ``el``'s attribute with this local name (Transitional or Strict w:)."""
    for key in el.attrib:
        if dx.local_name(key) == local:
            return key
    return None


def _unique(base: str, taken: set[str], sep: str) -> str:
    """``base``, or ``base`` + sep + a number, whichever is not taken yet (case-insensitive); now taken."""
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{base}{sep}{n}"
    taken.add(candidate.casefold())
    return candidate


class _StyleNames:
    """Masked values in style names and style ids (word/styles.xml, stylesWithEffects.xml).

    A style's display name (``w:name``) can carry a person's name (a custom style
    "张伟批注"), and tools that derive the id from the name (python-docx, LibreOffice, WPS)
    put it in ``w:styleId`` too. Ids are references: an id holding a masked value is
    replaced like the text (张伟批注 -> 张某批注, made unique among the ids) and every
    reference to it, in every part, gets the same new id. A display name is replaced the
    same way and kept unique within its styles part (some tools look styles up by name).
    Alternative names (``w:aliases``) are ordinary text attributes (dx.TEXT_NAME_ATTR_ELEMENTS).
    """

    def __init__(self, scrubber: _Scrubber, styles_roots: list):
        # The ids of the styles parts parsed for this write. A styles part published as it
        # is holds no masked value, so it has no id to rename and none of its ids can
        # collide with a renamed one in the same part (each styles part is its own id space).
        taken: set[str] = set()
        renamed: dict[str, None] = {}
        for root in styles_roots:
            for style in root.iter(*_STYLE_TAGS):
                key = _attr_key(style, "styleId")
                if key is None:
                    continue
                sid = style.get(key)
                taken.add(sid.casefold())
                if scrubber.occurs_in(sid):
                    renamed[sid] = None
        self.ids = {sid: _unique(_WS.sub("", scrubber.sub(sid)) or "Style", taken, "") for sid in renamed}

    def rename(self, root, scrubber: _Scrubber) -> None:
        names: list[tuple] = []  # (name element, attribute key, value) of each style here
        for el in root.iter(*_STYLE_REFERENCE_TAGS, *_STYLE_TAGS, *_ABSTRACT_NUM_TAGS):  # one pass
            if el.tag in _STYLE_REFERENCE_TAG_SET:
                key = _attr_key(el, "val")
                if key is None:
                    continue
                value = el.get(key)
                new = self.ids.get(value)
                if new is None and scrubber.occurs_in(value):
                    new = scrubber.sub(value)  # a reference to an id no styles part defines
                if new is not None:
                    el.set(key, new)
                continue
            name_el = next((c for c in el if c.tag in _NAME_TAGS), None)
            name_key = _attr_key(name_el, "val") if name_el is not None else None
            if el.tag in _ABSTRACT_NUM_TAG_SET:
                # A numbering definition's name (numbering.xml) is a display name of the same kind.
                if name_key is not None and scrubber.occurs_in(name_el.get(name_key)):
                    name_el.set(name_key, scrubber.sub(name_el.get(name_key)))
                continue
            key = _attr_key(el, "styleId")
            if key is not None and el.get(key) in self.ids:
                el.set(key, self.ids[el.get(key)])
            if name_key is not None:
                names.append((name_el, name_key, name_el.get(name_key)))
        taken = {value.casefold() for _, _, value in names}
        for name_el, key, value in names:
            if scrubber.occurs_in(value):
                name_el.set(key, _unique(scrubber.sub(value).strip() or "Style", taken, " "))


# --- write ---------------------------------------------------------------------------------


def write(doc: Document, edits: list[Edit], dest: Path) -> WriteResult:
    src = Path(doc.source_info.get("docx_source_path") or doc.path)  # a .doc's converted DOCX (formats/legacy)
    dest = Path(dest)
    if dest.exists() and src.exists() and os.path.samefile(src, dest):
        raise WriteFailed("the destination is the input file; inputs are never modified", "dest_is_source")
    data = src.read_bytes()
    if hashlib.sha256(data).hexdigest() != doc.source_info.get("docx_source_sha256", doc.sha256):
        raise WriteFailed("the source file changed since it was read", "source_changed")
    pkg = dx.open_package(data)
    text_parts: list[str] = list(doc.source_info.get("docx_text_parts") or [])
    dropped = _dropped_parts(pkg)

    # Parse the text parts and index their text nodes exactly as the reader did.
    roots = {name: pkg.parse(name) for name in text_parts}
    nodes = {name: dx.text_nodes(root) for name, root in roots.items()}
    counts = doc.source_info.get("docx_node_counts") or {}
    for name, count in counts.items():
        if len(nodes.get(name, ())) != count:
            raise WriteFailed("the offset map does not match the source parts", "docx_offset_mismatch")
    old_texts = {name: [n.text or "" for n in ns] for name, ns in nodes.items()}

    local: dict[tuple, list] = defaultdict(list)
    for e in sorted(edits, key=lambda e: e.start):
        slices = doc.offset_map.locate(e.start, e.end)
        if not slices:
            continue
        for sl in slices:
            part, idx = sl.anchor
            if part not in nodes or not 0 <= idx < len(nodes[part]) or sl.end > len(old_texts[part][idx]):
                raise WriteFailed("the offset map does not match the source parts", "docx_offset_mismatch")
        keep = next(
            (sl for sl in slices if not _is_doomed(nodes[sl.anchor[0]][sl.anchor[1]], sl.anchor[0], dropped)),
            slices[0],
        )
        for sl in slices:
            local[sl.anchor].append((sl.start, sl.end, e.replacement if sl is keep else ""))
    for (part, idx), node_edits in local.items():
        _apply_local_edits(nodes[part][idx], node_edits)

    for part, ps, pe, bs, be in reversed(doc.source_info.get("docx_mirrors") or []):
        if part in nodes:
            _mirror(nodes[part][ps:pe], old_texts[part][ps:pe], nodes[part][bs:be])

    scrubber = _Scrubber(_masked_values(doc, edits))
    outputs: dict[str, bytes] = {}
    parsed: dict[str, object] = dict(roots)
    for info in pkg.infos:
        name = info.filename
        if name in dropped or not dx.is_xml_member(name) or name in parsed:
            continue
        if name not in _ALWAYS_REWRITTEN and not name.endswith(".rels"):
            # Most untouched parts (styles, theme, numbering: most of the package's bytes)
            # need nothing: when the bytes prove no element to sanitise and no masked value
            # in them, the part is published as it is instead of parsed and re-serialized.
            data = pkg.read_member(name)
            if (dx.plain_xml_has_element(data, _SANITISED_LOCAL_NAMES) is False
                    and not scrubber.may_occur_in_plain(data)):
                outputs[name] = data
                continue
        parsed[name] = pkg.parse(name)
    # Style ids are renamed consistently across parts, so every styles part that needs it
    # is known before any part is scrubbed.
    if scrubber.masked:
        scrubber.styles = _StyleNames(scrubber, [r for r in parsed.values() if r.tag in _STYLES_ROOT_TAGS])
    for info in pkg.infos:
        name = info.filename
        root = parsed.get(name)
        if root is None or name in dropped:
            continue
        if name == dx.CORE_PART:
            _sanitise_core(root)
        elif name == dx.APP_PART:
            _sanitise_app(root)
        elif name == "[Content_Types].xml":
            _sanitise_content_types(root, dropped)
        elif name.endswith(".rels"):
            _sanitise_rels(root, _rels_source(name), dropped)
        _accept_revisions_and_strip(root)
        scrubber.scrub(root, skip_text_of=_TEXT_TAG_SET if name in roots else frozenset())
        outputs[name] = dx.serialize_xml(root)

    _write_zip(pkg, outputs, dropped, dest)
    return WriteResult()


def _write_zip(pkg: dx.Package, outputs: dict[str, bytes], dropped: set[str], dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".redact-", suffix=".docx.tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in pkg.infos:
                name = info.filename
                if name in dropped:
                    continue
                # A fixed timestamp and no extra fields: nothing about the source system leaks.
                zi = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
                zi.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
                zi.external_attr = 0o644 << 16
                if name in outputs:
                    zout.writestr(zi, outputs[name])
                    continue
                zi.file_size = info.file_size
                try:
                    with pkg.zf.open(info) as src_fh, zout.open(zi, "w") as dst_fh:
                        copied = 0
                        while chunk := src_fh.read(1 << 20):
                            copied += len(chunk)
                            if copied > dx.MAX_MEMBER_BYTES:
                                raise UnreadableDocument("a zip member is larger than allowed", "docx_zip_bomb")
                            dst_fh.write(chunk)
                except (UnreadableDocument, OSError):
                    raise  # an OSError here is the destination (disk full, permissions), not the source
                except Exception as exc:
                    raise UnreadableDocument(f"zip member {name} cannot be decompressed", "docx_corrupt_zip") from exc
        os.chmod(tmp_name, 0o644)  # mkstemp makes it owner-only; a published file is for reading
        os.replace(tmp_name, dest)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
