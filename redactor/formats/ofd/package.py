"""An OFD package (GB/T 33190-2016): the zip container, its XML parts and how they refer
to each other, opened so that a hostile file fails closed before anything is parsed.

An OFD is a zip. ``OFD.xml`` at its root lists one ``DocBody`` per document, each with
its ``DocInfo`` (metadata), ``DocRoot`` (the document's ``Document.xml``) and optionally
``Signatures`` and ``Versions``. ``Document.xml`` names the resource files
(``PublicRes``/``DocumentRes``), the template pages, the pages (each a ``Content.xml``)
and the annotation, attachment and custom-tag lists. A path in a part is relative to the
folder of that part, or absolute from the package root when it starts with ``/``.

Element names are matched by their local name: the standard's namespace is
``http://www.ofdspec.org/2016``, but real writers use others (easyofd writes its own).

Fails closed (UnreadableDocument, reason codes): not a zip (not_ofd), cut off (truncated),
damaged zip or XML, a referenced part missing (corrupt), sizes or counts no honest
judgment has (too_large), zip-level or OFD encryption (encrypted), a DTD or entity
declaration in a part (hostile_xml).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from redactor.errors import UnreadableDocument

OFD_NS = "http://www.ofdspec.org/2016"
# Limits no court judgment comes near; beyond them the file is refused, not parsed.
MAX_MEMBERS = 20000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200  # uncompressed/compressed size of one member (a zip bomb's tell)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_blank_text=False)


def local(el) -> str:
    """The element's name without its namespace."""
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(el, name: str) -> list:
    return [c for c in el if local(c) == name]


def child(el, name: str):
    for c in el:
        if local(c) == name:
            return c
    return None


def descendants(el, name: str) -> list:
    return [c for c in el.iter() if local(c) == name]


def resolve(base_part: str, ref: str) -> str:
    """The package path of ``ref`` written in ``base_part`` (relative to its folder)."""
    ref = (ref or "").strip().replace("\\", "/")
    if ref.startswith("/"):
        return posixpath.normpath(ref.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), ref))


def parse_xml(data: bytes, part: str):
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise UnreadableDocument("an XML part of the OFD is damaged", "corrupt") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnreadableDocument("an XML part of the OFD declares a DTD (refused)", "hostile_xml")
    return root


@dataclass
class DocBody:
    """One document of the package (most OFDs hold one)."""

    index: int
    body: object  # the DocBody element in OFD.xml
    root_part: str  # Document.xml
    document: object  # its parsed root
    pages: list[str] = field(default_factory=list)  # Content.xml of each page, in order
    page_templates: list[list[str]] = field(default_factory=list)  # template Content.xml per page
    res_parts: list[str] = field(default_factory=list)  # PublicRes/DocumentRes/PageRes


class Package:
    """The members of an OFD zip and its parsed structure parts (read-only)."""

    def __init__(self, data: bytes):
        if not data.startswith(b"PK"):
            raise UnreadableDocument("the file is not an OFD (not a zip package)", "not_ofd")
        try:
            zf = zipfile.ZipFile(BytesIO(data))
            infos = zf.infolist()
        except zipfile.BadZipFile:
            # the central directory sits at the end: a cut-off file loses it
            raise UnreadableDocument("the OFD is truncated or its zip structure is damaged", "truncated") from None
        self._check_sizes(infos)
        self.zip = zf
        self.names = [i.filename for i in infos]
        self._name_set = set(self.names)
        self._cache: dict[str, bytes] = {}
        self.xml: dict[str, object] = {}
        if "OFD.xml" not in self._name_set:
            raise UnreadableDocument("the OFD has no OFD.xml entry part", "corrupt")
        self.ofd = self.parse("OFD.xml")
        if local(self.ofd) != "OFD":
            raise UnreadableDocument("OFD.xml is not an OFD entry part", "corrupt")
        if descendants(self.ofd, "Encryptions") or any(n.lower().endswith("encryptions.xml") for n in self.names):
            raise UnreadableDocument("the OFD is encrypted", "encrypted")
        self.docs = [self._doc_body(i, b) for i, b in enumerate(children(self.ofd, "DocBody"))]
        if not self.docs:
            raise UnreadableDocument("the OFD has no document", "corrupt")

    @staticmethod
    def _check_sizes(infos) -> None:
        if len(infos) > MAX_MEMBERS:
            raise UnreadableDocument("the OFD has more parts than any judgment needs (refused)", "too_large")
        if len({i.filename for i in infos}) != len(infos):
            raise UnreadableDocument("the OFD has two parts with the same name (refused)", "corrupt")
        total = 0
        for i in infos:
            if i.flag_bits & 0x1:
                raise UnreadableDocument("the OFD's zip is encrypted", "encrypted")
            total += i.file_size
            if i.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                raise UnreadableDocument("the OFD unpacks to more data than any judgment holds (refused)", "too_large")
            if i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 1024 * 1024:
                raise UnreadableDocument("a part of the OFD is compressed beyond any real file (zip bomb?)",
                                         "too_large")

    def has(self, name: str) -> bool:
        return name in self._name_set

    def read(self, name: str) -> bytes:
        if name not in self._cache:
            if name not in self._name_set:
                raise UnreadableDocument("a part the OFD refers to is missing", "corrupt")
            try:
                with self.zip.open(name) as fh:
                    data = fh.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError):
                raise UnreadableDocument("a part of the OFD cannot be unpacked", "corrupt") from None
            except Exception:  # zlib.error and the like
                raise UnreadableDocument("a part of the OFD cannot be unpacked", "corrupt") from None
            if len(data) > MAX_MEMBER_BYTES:
                raise UnreadableDocument("a part of the OFD is larger than it says (refused)", "too_large")
            self._cache[name] = data
        return self._cache[name]

    def parse(self, name: str):
        if name not in self.xml:
            self.xml[name] = parse_xml(self.read(name), name)
        return self.xml[name]

    def _doc_body(self, index: int, body) -> DocBody:
        root_el = child(body, "DocRoot")
        if root_el is None or not (root_el.text or "").strip():
            raise UnreadableDocument("a document of the OFD has no DocRoot", "corrupt")
        root_part = resolve("OFD.xml", root_el.text)
        document = self.parse(root_part)
        if descendants(document, "Encryptions"):
            raise UnreadableDocument("the OFD is encrypted", "encrypted")
        db = DocBody(index, body, root_part, document)
        common = child(document, "CommonData")
        templates: dict[str, str] = {}
        if common is not None:
            for name in ("PublicRes", "DocumentRes"):
                for el in children(common, name):
                    db.res_parts.append(resolve(root_part, el.text))
            for t in children(common, "TemplatePage"):
                templates[t.get("ID", "")] = resolve(root_part, t.get("BaseLoc", ""))
        pages_el = child(document, "Pages")
        for p in (children(pages_el, "Page") if pages_el is not None else []):
            part = resolve(root_part, p.get("BaseLoc", ""))
            content = self.parse(part)
            db.pages.append(part)
            used = []
            for t in children(content, "Template"):
                tid = t.get("TemplateID", "")
                if tid not in templates:
                    raise UnreadableDocument("a page uses a template the OFD does not define", "corrupt")
                used.append(templates[tid])
                self.parse(templates[tid])
            db.page_templates.append(used)
            for r in children(content, "PageRes"):
                db.res_parts.append(resolve(part, r.text))
        if not db.pages:
            raise UnreadableDocument("the OFD has no pages", "no_pages")
        for r in db.res_parts:
            self.parse(r)
        return db
