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
  id too, the id consistently in every part that references it (``scrub.StyleNames``).

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

from redactor.formats.docx import ooxml as dx
from redactor.document import Document, Edit
from redactor.errors import UnreadableDocument, WriteFailed
from redactor.formats import WriteResult
from redactor.formats.docx.scrub import STYLES_ROOT_TAGS, Scrubber, StyleNames, masked_values

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

    scrubber = Scrubber(masked_values(doc, edits))
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
        scrubber.styles = StyleNames(scrubber, [r for r in parsed.values() if r.tag in STYLES_ROOT_TAGS])
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
