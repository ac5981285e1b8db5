"""What a published DOCX shows any reader: verify searches every one of these views.

``extract`` opens the package the way python-docx would (``_opens_as_word_document``:
the published file must open in the tools a reader uses) and reads each part once: the
text of every paragraph, a paragraph's text as python-docx reads it where that differs,
every other element's text and attribute value, comments and processing instructions,
the bytes of every part that is not an image or a font, the zip comments.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from lxml import etree

from redactor.errors import UnreadableDocument
from redactor.formats.docx import ooxml as dx

_TEXT_TAG_SET = frozenset(dx.TEXT_TAGS)
_ATTR_VALUE = re.compile(r'="([^"]*)"')
_W_T_ONLY = frozenset(dx.w_tags("t"))
_W_PARAGRAPHS = frozenset(dx.w_tags("p"))
_ALL_PARAGRAPHS = frozenset(dx.PARAGRAPH_TAGS)
_HYPERLINK_TAGS = frozenset(dx.w_tags("hyperlink"))
_NO_BREAK_HYPHENS = dx.w_tags("noBreakHyphen")
# python-docx's text of a run's inner content (docx.oxml.text.run.CT_R.text).
_RUN_CONTENT_TEXT = {
    **{t: "-" for t in _NO_BREAK_HYPHENS},
    **{t: "\t" for t in dx.w_tags("tab", "ptab")},
    **{t: "\n" for t in dx.w_tags("br", "cr")},
}
_WML_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OFFICE_DOCUMENT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PART_REFERENCES = dx.w_tags("headerReference", "footerReference")
# Parts whose bytes cannot show text to a reader (by content type); every other non-XML
# part (unknown binaries, plain text, macros) has its bytes searched.
_BINARY_MEDIA_PREFIXES = ("image/", "font/", "application/x-font", "application/font",
                          "application/vnd.openxmlformats-officedocument.obfuscatedfont")


def _opens_as_word_document(pkg: dx.Package):
    """Fail as python-docx's ``docx.Document()`` would; returns the part -> content type lookup.

    The published file must open in the tools a reader uses. These are the checks python-docx
    makes when it opens a package (content types, one officeDocument relationship, every part
    reachable through relationships present and typed, a WordprocessingML main part), done on
    the already opened package instead of loading it a second time through python-docx.
    """

    def fail(what: str) -> UnreadableDocument:
        # The reason code predates this check (python-docx made it); kept for stable results.
        return UnreadableDocument(f"the written package does not open as a Word document ({what})",
                                  "docx_python_docx_failed")

    if not pkg.has("[Content_Types].xml"):
        raise fail("no [Content_Types].xml")
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for el in pkg.parse_shared("[Content_Types].xml"):
        kind = dx.local_name(el.tag)
        if kind == "Default":
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
        elif kind == "Override":
            overrides[el.get("PartName", "").lower()] = el.get("ContentType", "")

    def content_type(name: str) -> str | None:
        found = overrides.get("/" + name.lower())
        return found if found is not None else defaults.get(posixpath.splitext(name)[1][1:].lower())

    if not pkg.has("_rels/.rels"):
        raise fail("no package relationships")
    rels_root = pkg.parse_shared("_rels/.rels")
    office = [r for r in rels_root if dx.local_name(r.tag) == "Relationship" and r.get("Type") == _OFFICE_DOCUMENT_REL]
    if len(office) != 1:
        raise fail("not exactly one officeDocument relationship")
    seen: set[str] = set()
    pending = [""]
    while pending:
        for rel in dx.read_rels(pkg, pending.pop()):
            if rel.external or rel.target in seen:
                continue
            seen.add(rel.target)
            if not pkg.has(rel.target) or content_type(rel.target) is None:
                raise fail("a related part is missing or has no content type")
            pending.append(rel.target)
    main = dx.resolve_target("", office[0].get("Target", ""))
    if office[0].get("TargetMode") == "External" or content_type(main) != _WML_MAIN_CONTENT_TYPE:
        raise fail("the main part is not a WordprocessingML document")
    # python-docx loads header and footer parts by the relationship ids the sections name.
    main_ids = {r.rel_id for r in dx.read_rels(pkg, main) if not r.external}
    if any(ref.get(_R_ID) not in main_ids for ref in pkg.parse_shared(main).iter(*_PART_REFERENCES)):
        raise fail("a section names a header or footer that is not there")
    return content_type


def _python_docx_paragraph_text(p) -> str:
    """A paragraph's text as python-docx gives it (CT_P.text): runs and hyperlink runs only."""
    pieces: list[str] = []
    for child in p:
        if child.tag in dx.RUN_TAGS:
            runs = (child,)
        elif child.tag in _HYPERLINK_TAGS:
            runs = tuple(r for r in child if r.tag in dx.RUN_TAGS)
        else:
            continue
        for run in runs:
            for el in run:
                if el.tag in _W_T_ONLY:
                    pieces.append(el.text or "")
                elif el.tag in _RUN_CONTENT_TEXT:
                    pieces.append(_RUN_CONTENT_TEXT[el.tag])
    return "".join(pieces)


def _copy_owners(root, serialized: str) -> dict:
    """Text node -> the ``mc:AlternateContent`` branch whose copy it is, for every branch that
    repeats an earlier branch's text exactly (a text box: DrawingML Choice, VML Fallback).

    A node in nested copies belongs to the innermost one. Branches that differ are not copies.
    """
    owners: dict = {}
    if "AlternateContent" not in serialized:
        return owners
    for ac in root.iter(dx.AC_TAG):  # document order: an outer copy before the copies inside it
        first = None
        for branch in ac:
            if branch.tag not in (dx.CHOICE_TAG, dx.FALLBACK_TAG):
                continue
            nodes = dx.text_nodes(branch)
            text = "".join(n.text or "" for n in nodes)
            if not text:
                continue
            if first is None:
                first = text
            elif text == first:
                for node in nodes:
                    owners[node] = branch
    return owners


def _xml_part_texts(root, out: list[str]) -> None:
    """What one parsed XML part shows a reader (see extract)."""
    text_tags = _TEXT_TAG_SET
    paragraphs: dict = {}
    loose: list[str] = []
    serialized = etree.tostring(root, encoding="unicode")
    # A branch that repeats another branch's text is its own view, so the text in it counts
    # once per view like the redacted text (which has it once), instead of twice in the
    # part's view. What it holds is exactly what its first branch holds, which stays in
    # the part's view.
    owners = _copy_owners(root, serialized)
    copies: dict = {}
    # W paragraphs whose python-docx text is not just their text nodes joined: a text node
    # python-docx does not read (field codes, content controls, smart tags, hyperlinks are
    # read but take the slow path here) or a non-breaking hyphen it renders as "-".
    special: dict = {}
    for node in root.iter(*dx.TEXT_TAGS):
        run = node.getparent()
        para = run.getparent() if run is not None else None
        if not (para is not None and para.tag in _W_PARAGRAPHS and run.tag in dx.RUN_TAGS and node.tag in _W_T_ONLY):
            para = next(node.iterancestors(*dx.PARAGRAPH_TAGS), None)
            if para is not None and para.tag in _W_PARAGRAPHS:
                special[para] = None
        if owners and node in owners:
            copies.setdefault(owners[node], {}).setdefault(para, []).append(node.text or "")
        elif para is None:
            loose.append(node.text or "")
        else:
            paragraphs.setdefault(para, []).append(node.text or "")
    for hyphen in root.iter(*_NO_BREAK_HYPHENS):
        para = next(hyphen.iterancestors(*_W_PARAGRAPHS), None)
        if para is not None:
            special[para] = None
    joined = ["".join(parts) for parts in paragraphs.values()]
    if loose:
        joined.append("".join(loose))
    if any(joined):
        out.append("\n".join(joined))
    for copy in copies.values():
        view = "\n".join("".join(parts) for parts in copy.values())
        if view:
            out.append(view)
    for para in special:
        view = _python_docx_paragraph_text(para)
        if view and view != "".join(paragraphs.get(para, ())):
            out.append(view)
    # Every other character of the part: text outside text nodes and tails, and every
    # attribute value (a superset of the human-readable ones: alt text, field codes, authors,
    # link targets), read from the serialized XML in C.
    if paragraphs or loose or copies:
        other = [str(r) for r in dx.all_text_results(root) if r.is_tail or r.getparent().tag not in text_tags]
    else:  # no text node: all character data, in one C call
        other = [etree.tostring(root, method="text", encoding="unicode")]
    attrs = html.unescape("\n".join(_ATTR_VALUE.findall(serialized)))
    rest = "\n".join(other + [attrs]).strip()
    if rest:
        out.append(rest)
    # XML comments and processing instructions are in the file too (the writer drops those
    # outside the root element; any inside are read here).
    notes = [c.text or "" for c in root.itersiblings(preceding=True)] + [c.text or "" for c in root.itersiblings()]
    if "<!--" in serialized or "<?" in serialized:
        notes += [c.text or "" for c in root.iter(etree.Comment, etree.PI)]
    if any(n.strip() for n in notes):
        out.append("\n".join(notes))


def extract(path: Path, **options) -> list[str]:
    """Every string an extractor can read from the published DOCX.

    Per XML part: the text nodes joined per paragraph (a value split over runs is found;
    a text box's second copy in ``mc:AlternateContent``, identical to the first, is a view of its own),
    a paragraph's text as python-docx reads it where that differs, the text of every other
    element (properties, custom XML), every attribute value (alt text, field codes, authors,
    external links), XML comments and processing instructions. Per other part: its bytes as
    text, unless its content type says it is an image or a font. Plus the zip comments.
    The file is read once and each part parsed once (a large part byte for byte the same as
    one read before, a template's styles, gives the views it gave then: ``dx.PART_MEMO``);
    the package must open the way python-docx opens it (which is what python-docx's own
    extraction used to check).
    """
    path = Path(path)
    data = path.read_bytes()
    pkg = dx.open_package(data)
    content_type = _opens_as_word_document(pkg)
    out: list[str] = []
    for info in pkg.infos:
        name = info.filename
        if info.comment:
            out.append(info.comment.decode("utf-8", "replace"))
        if name.endswith("/"):
            continue
        if dx.is_xml_member(name):
            # A part whose exact bytes were read before (a styles part of the same template
            # in an earlier document) shows what it showed then, parse included.
            data = pkg.read_member(name)
            views = dx.PART_MEMO.get("published_texts", data)
            if views is None:
                found: list[str] = []
                _xml_part_texts(pkg.parse_shared(name), found)
                views = tuple(found)
                dx.PART_MEMO.put("published_texts", data, views)
            out.extend(views)
            continue
        ctype = (content_type(name) or "").lower()
        if ctype.startswith(_BINARY_MEDIA_PREFIXES):
            continue
        raw = pkg.read_member(name)
        out.append(raw.decode("utf-8", "replace"))
        out.append(raw.decode("utf-16-le", "replace"))
    if pkg.zf.comment:
        out.append(pkg.zf.comment.decode("utf-8", "replace"))
    return out
