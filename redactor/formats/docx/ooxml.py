"""OOXML (DOCX) package helpers shared by the DOCX reader and writer.

The reader and the writer must agree on three things, so they live here:

- how a package is opened safely (zip-bomb limits, no DTDs, no entity expansion);
- which parts carry text and in which order (``text_part_names``);
- which XML elements are "text nodes" and how they are numbered (``text_nodes``): a
  DOCX segment anchor is ``(part_name, node_index)`` where ``node_index`` indexes
  ``text_nodes(root)`` of that part, i.e. every text node in document order.

Transitional and Strict OOXML use different namespace URIs for the same vocabulary;
both are recognised.

Its length (over 500 lines): those three agreements are one module on purpose; split between
the reader and the writer, a change to which parts or nodes carry text would have to be made
twice, and a writer that numbers nodes differently from its reader edits the wrong text.
"""

from __future__ import annotations

import io
import posixpath
import re
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field

from lxml import etree

from redactor.errors import UnreadableDocument

# --- limits (fail closed above them) -------------------------------------------------

# A court judgment's document.xml is a few MB at most; media may be larger.
MAX_MEMBERS = 5_000
MAX_XML_PART_BYTES = 128 * 1024 * 1024
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
# Deflate cannot exceed ~1032:1; honest XML compresses ~5-30:1. Only large members
# are held to the ratio, so a tiny highly repetitive part does not trip it.
MAX_RATIO = 200
RATIO_CHECK_MIN_BYTES = 8 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# --- namespaces ------------------------------------------------------------------------

W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict
)
A_NAMESPACES = (
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
)
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"
CUSTOM_PART = "docProps/custom.xml"


def w_tags(*local: str) -> tuple[str, ...]:
    """Clark names of WordprocessingML elements, Transitional and Strict."""
    return tuple(f"{{{ns}}}{name}" for name in local for ns in W_NAMESPACES)


def a_tags(*local: str) -> tuple[str, ...]:
    return tuple(f"{{{ns}}}{name}" for name in local for ns in A_NAMESPACES)


def local_name(tag) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


# Elements whose character content is document text. The order of this tuple does not
# matter: ``text_nodes`` returns them in document order.
TEXT_LOCAL_NAMES = frozenset({"t", "delText", "instrText", "delInstrText"})
TEXT_TAGS = w_tags("t", "delText", "instrText", "delInstrText") + a_tags("t")
W_T_TAGS = frozenset(w_tags("t", "delText", "instrText", "delInstrText"))
PARAGRAPH_TAGS = w_tags("p") + a_tags("p")
TAB_TAGS = frozenset(w_tags("tab", "ptab"))
BREAK_TAGS = frozenset(w_tags("br", "cr"))
HYPHEN_TAGS = frozenset(w_tags("noBreakHyphen"))
RUN_TAGS = frozenset(w_tags("r"))
TXBX_TAGS = frozenset(w_tags("txbxContent"))
AC_TAG = f"{{{MC_NS}}}AlternateContent"
CHOICE_TAG = f"{{{MC_NS}}}Choice"
FALLBACK_TAG = f"{{{MC_NS}}}Fallback"


def text_nodes(root) -> list:
    """Every text node of a part in document order: the index space of DOCX anchors."""
    return list(root.iter(*TEXT_TAGS))


# --- safe parsing ------------------------------------------------------------------------

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=False,
)
_DOCTYPE_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def parse_xml(data: bytes, part_name: str = "part"):
    """Parse one XML part; OPC forbids DTDs, so any DTD or entity declaration fails closed.

    ``part_name`` is a package-internal name (never document text) and may appear in the
    error message.
    """
    head = data
    if any(marker in head for marker in _DOCTYPE_MARKERS):
        raise UnreadableDocument(f"XML part {part_name} declares a DTD or entities", "docx_xml_dtd")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(f"XML part {part_name} is not well-formed", "docx_bad_xml") from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnreadableDocument(f"XML part {part_name} declares a DTD", "docx_xml_dtd")
    return root


def serialize_xml(root) -> bytes:
    docinfo = root.getroottree().docinfo
    standalone = docinfo.standalone
    kwargs = {"xml_declaration": True, "encoding": "UTF-8"}
    if standalone is not None:
        kwargs["standalone"] = standalone
    return etree.tostring(root, **kwargs)


# --- package ------------------------------------------------------------------------------


@dataclass
class Package:
    """An opened DOCX zip whose members passed the size checks."""

    zf: zipfile.ZipFile
    infos: list[zipfile.ZipInfo]
    names: set[str] = field(default_factory=set)
    _data: dict = field(default_factory=dict, repr=False)
    _trees: dict = field(default_factory=dict, repr=False)

    def read_member(self, name: str, limit: int = MAX_XML_PART_BYTES) -> bytes:
        """Read a member, never more than ``limit`` bytes (the declared size can lie).

        Each member is decompressed once per package: the reader, the writer and the
        published-text pass ask for the same parts several times.
        """
        cached = self._data.get(name)
        if cached is not None:
            if len(cached) > limit:
                raise UnreadableDocument(f"zip member {name} is larger than declared or allowed", "docx_zip_bomb")
            return cached
        try:
            with self.zf.open(name) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise UnreadableDocument(f"zip member {name} cannot be decompressed", "docx_corrupt_zip") from exc
        except Exception as exc:  # zlib.error and friends from a damaged stream
            raise UnreadableDocument(f"zip member {name} cannot be decompressed", "docx_corrupt_zip") from exc
        if len(data) > limit:
            raise UnreadableDocument(f"zip member {name} is larger than declared or allowed", "docx_zip_bomb")
        self._data[name] = data
        return data

    def parse(self, name: str):
        """A fresh tree of one XML part (callers may modify it)."""
        return parse_xml(self.read_member(name), name)

    def parse_shared(self, name: str):
        """A tree parsed once per package and shared: callers must not modify it."""
        root = self._trees.get(name)
        if root is None:
            root = self._trees[name] = self.parse(name)
        return root

    def has(self, name: str) -> bool:
        return name in self.names


def open_package(data: bytes) -> Package:
    """Open DOCX bytes as a zip after the safety checks; UnreadableDocument otherwise."""
    if not data:
        raise UnreadableDocument("the file is empty", "empty_file")
    if data.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise UnreadableDocument("the DOCX is password-protected (encrypted OLE container)", "encrypted")
        raise UnreadableDocument("an OLE compound file (legacy .doc?), not an OOXML package", "docx_legacy_ole")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise UnreadableDocument("not a valid zip package", "docx_corrupt_zip") from exc
    if len(infos) > MAX_MEMBERS:
        raise UnreadableDocument("too many members in the zip package", "docx_zip_bomb")
    total = 0
    names: set[str] = set()
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableDocument("the zip package has encrypted members", "encrypted")
        if info.file_size > MAX_MEMBER_BYTES:
            raise UnreadableDocument("a zip member declares an excessive uncompressed size", "docx_zip_bomb")
        if info.file_size >= RATIO_CHECK_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableDocument("a zip member has an implausible compression ratio", "docx_zip_bomb")
        total += info.file_size
        if info.filename in names:
            # Two members with one name: readers disagree on which wins; fail closed.
            raise UnreadableDocument("duplicate member names in the zip package", "docx_corrupt_zip")
        names.add(info.filename)
    if total > MAX_TOTAL_BYTES:
        raise UnreadableDocument("the zip package declares an excessive total size", "docx_zip_bomb")
    return Package(zf=zf, infos=infos, names=names)


# --- relationships and the text parts ------------------------------------------------------

MAIN_PART_DEFAULT = "word/document.xml"


def rels_name_for(part_name: str) -> str:
    d, f = posixpath.split(part_name)
    return posixpath.join(d, "_rels", f + ".rels")


def resolve_target(source_part: str, target: str) -> str:
    """The package part name a relationship target points to ('' for the package root)."""
    target = target.split("#", 1)[0]
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    base = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(base, target))


@dataclass(frozen=True)
class Relationship:
    rel_id: str
    rel_type: str  # the last path component of the type URI, e.g. "header"
    target: str  # resolved part name, or the raw target when external
    external: bool


def read_rels(pkg: Package, source_part: str) -> list[Relationship]:
    """Relationships of ``source_part`` ('' for the package-level _rels/.rels)."""
    rels_name = "_rels/.rels" if not source_part else rels_name_for(source_part)
    if not pkg.has(rels_name):
        return []
    root = pkg.parse_shared(rels_name)
    out = []
    for rel in root:
        if local_name(rel.tag) != "Relationship":
            continue
        target = rel.get("Target", "")
        external = rel.get("TargetMode") == "External"
        out.append(
            Relationship(
                rel_id=rel.get("Id", ""),
                rel_type=rel.get("Type", "").rstrip("/").rsplit("/", 1)[-1],
                target=target if external else resolve_target(source_part, target),
                external=external,
            )
        )
    return out


def main_part_name(pkg: Package) -> str:
    for rel in read_rels(pkg, ""):
        if rel.rel_type == "officeDocument" and not rel.external:
            return rel.target
    return MAIN_PART_DEFAULT


def _natural_key(name: str):
    return [int(tok) if tok.isdigit() else tok for tok in re.split(r"(\d+)", name)]


# The order text parts appear in Document.text, after the main part.
TEXT_PART_REL_TYPES = ("header", "footer", "footnotes", "endnotes", "comments")


def text_part_names(pkg: Package, main_part: str) -> list[str]:
    """Main part, headers, footers, footnotes, endnotes, comments, then any other part with text.

    Parts are found through the main part's relationships, and by name as a fallback,
    so a part is read even when the relationship is missing or misspelt.
    """
    rels = read_rels(pkg, main_part)
    ordered = [main_part]
    by_type: dict[str, list[str]] = {t: [] for t in TEXT_PART_REL_TYPES}
    for rel in rels:
        if rel.external or rel.rel_type not in by_type or not pkg.has(rel.target):
            continue
        by_type[rel.rel_type].append(rel.target)
    name_patterns = {
        "header": re.compile(r"^word/header\d*\.xml$"),
        "footer": re.compile(r"^word/footer\d*\.xml$"),
        "footnotes": re.compile(r"^word/footnotes\.xml$"),
        "endnotes": re.compile(r"^word/endnotes\.xml$"),
        "comments": re.compile(r"^word/comments\.xml$"),
    }
    for rel_type, pattern in name_patterns.items():
        for name in pkg.names:
            if pattern.match(name):
                by_type[rel_type].append(name)
    seen = {main_part}
    for rel_type in TEXT_PART_REL_TYPES:
        for name in sorted(set(by_type[rel_type]), key=_natural_key):
            if name not in seen:
                seen.add(name)
                ordered.append(name)
    return ordered


def is_xml_member(name: str) -> bool:
    return name.endswith(".xml") or name.endswith(".rels") or name.endswith(".vml")


def other_xml_parts(pkg: Package, known: set[str]) -> list[str]:
    """XML parts outside ``known`` and outside docProps/customXml/rels, sorted naturally.

    Their text nodes (glossary building blocks, charts, SmartArt data...) are text too.
    """
    out = []
    for info in pkg.infos:
        name = info.filename
        if name in known or name.endswith("/") or not is_xml_member(name) or name.endswith(".rels"):
            continue
        if name == "[Content_Types].xml" or name.startswith("docProps/") or name.startswith("customXml/"):
            continue
        out.append(name)
    return sorted(out, key=_natural_key)


# Elements that carry a w:author (revisions, comments) or a w:ed (range permissions).
AUTHORED_TAGS = w_tags(
    "ins", "del", "moveFrom", "moveTo", "comment", "rPrChange", "pPrChange", "sectPrChange",
    "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange", "tblPrExChange", "numberingChange",
    "cellIns", "cellDel", "cellMerge", "permStart",
)

# --- metadata -------------------------------------------------------------------------------

# app.xml elements that can carry a person's or organisation's name or a local path.
APP_TEXT_FIELDS = ("Company", "Manager", "Template", "HyperlinkBase")
APP_VECTOR_FIELDS = ("TitlesOfParts",)
APP_PERSONAL_FIELDS = APP_TEXT_FIELDS + APP_VECTOR_FIELDS + ("HeadingPairs",)
# core.xml elements the writer removes; dates, revision and language are kept.
CORE_PERSONAL_FIELDS = (
    "creator",
    "lastModifiedBy",
    "title",
    "subject",
    "keywords",
    "description",
    "category",
    "contentStatus",
    "identifier",
    "version",
)

# Attributes that carry human-readable text (alt text, field codes, authors, WordArt,
# content-control titles, external link targets).
TEXT_ATTRIBUTES = frozenset(
    {"descr", "title", "instr", "author", "initials", "string", "alt", "Target", "ed", "userId", "providerId", "tooltip"}
)
# Attributes named "name"/"val" are only text on these elements (drawing names, document
# variables, content-control titles and tags, legacy form-field defaults and help, a
# style's alternative names). Style names and ids are handled apart (the writer's
# ``scrub.StyleNames``): ids are references, renamed consistently, and names stay unique.
TEXT_NAME_ATTR_ELEMENTS = frozenset(
    {"docPr", "cNvPr", "docVar", "alias", "aliases", "tag", "person", "default", "helpText", "statusText",
     "listEntry"}
)


def _local_name_in(names) -> str:
    # One contains() test per node is far faster in libxml2 than a chain of or-ed comparisons.
    return "contains('|" + "|".join(sorted(names)) + "|', concat('|', local-name(), '|'))"


_TEXT_ATTRIBUTES_XPATH = etree.XPath(
    f"//@*[{_local_name_in(TEXT_ATTRIBUTES)}]"
    f" | //*[{_local_name_in(TEXT_NAME_ATTR_ELEMENTS)}]/@*[{_local_name_in(('name', 'val'))}]"
)
_TEXT_XPATH = etree.XPath("//text()")


def text_attributes(root) -> list:
    """Attribute values of ``root``'s tree that hold human-readable text.

    Each item is an lxml string result: ``getparent()`` is the element and ``attrname``
    the attribute's Clark name. XPath keeps this in C on large parts.
    """
    return [r for r in _TEXT_ATTRIBUTES_XPATH(root) if r]


def all_text_results(root) -> list:
    """Every text and tail string of ``root``'s tree (``is_text``/``is_tail``, ``getparent()``)."""
    return _TEXT_XPATH(root)


# --- byte-level pre-checks (skip parsing a part only where the bytes prove it safe) ----------

_XML_DECL = re.compile(rb"^<\?xml[^>]*?\?>")
_DECL_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ELEMENT_NAME = re.compile(rb"<([^\s/>!?]+)")


def _plain_body(data: bytes) -> tuple[bytes, int] | None:
    """(body, where the content after the XML declaration starts) of a plain part, else None.

    See ``plain_xml_element_names`` for what plain means.
    """
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    decl = _XML_DECL.match(body)
    if decl:
        enc = _DECL_ENCODING.search(decl.group(0))
        if enc and enc.group(1).lower() not in (b"utf-8", b"utf8"):
            return None
        rest_start = decl.end()
    elif body.startswith(b"<"):
        rest_start = 0
    else:
        return None  # UTF-16/32 (BOM or NUL bytes), leading whitespace, or not XML at all
    if b"<!" in body or b"&#" in body or body.find(b"<?", rest_start) != -1:
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return body, rest_start


def plain_xml_element_names(data: bytes) -> frozenset[str] | None:
    """Local names of every element of a "plain" UTF-8 XML part, or None if the part is not plain.

    Plain: UTF-8 (declared or by default, optional BOM), valid UTF-8, and no comment,
    CDATA section, DOCTYPE, processing instruction (other than the XML declaration) or
    character reference. In such a part every element start tag, text and attribute value
    appears literally in the bytes (only the five predefined entities are escaped), so a
    byte search is as good as a parse. Anything else returns None: the caller parses.
    Well-formedness is not checked here (the published-text pass parses every part).
    """
    plain = _plain_body(data)
    if plain is None:
        return None
    body, rest_start = plain
    return frozenset(n.rpartition(b":")[2].decode("utf-8") for n in set(_ELEMENT_NAME.findall(body, rest_start)))


_NAMED_ELEMENT_PATTERNS: dict[frozenset, re.Pattern] = {}


def _trie_alternation(words: list[bytes]) -> bytes:
    """A regex matching exactly ``words`` (non-empty), nested by common prefix.

    re tries the branches of a flat alternation one by one at every position; as a trie
    it compares about one byte per step (the search runs at every ``<`` of a styles part).
    """
    groups: dict[bytes, list[bytes]] = {}
    ends_here = False
    for word in words:
        if word:
            groups.setdefault(word[:1], []).append(word[1:])
        else:
            ends_here = True
    if not groups:
        return b""
    group = b"(?:" + b"|".join(re.escape(k) + _trie_alternation(v) for k, v in sorted(groups.items())) + b")"
    return group + b"?" if ends_here else group


def plain_xml_has_element(data: bytes, local_names: frozenset[str]) -> bool | None:
    """Whether a plain part (see ``plain_xml_element_names``) has an element with one of these
    local names; None if the part is not plain.

    Same answer as ``not plain_xml_element_names(data).isdisjoint(local_names)``, from one
    regex search instead of collecting every element name (styles parts have tens of
    thousands): a start tag's name is the longest run after ``<`` of bytes other than
    whitespace, ``/``, ``>``, ``!``, ``?``, and its local name is what follows its last colon
    (``local_names`` hold no colon). In a malformed part with a ``<`` inside a tag name the
    search may see one name more than the scan does: it errs towards parsing.
    """
    memo_kind = ("has_element", local_names)
    known = PART_MEMO.get(memo_kind, data)
    if known is not None:
        return known[0]
    found = _plain_xml_has_element(data, local_names)
    PART_MEMO.put(memo_kind, data, (found,))
    return found


def _plain_xml_has_element(data: bytes, local_names: frozenset[str]) -> bool | None:
    plain = _plain_body(data)
    if plain is None:
        return None
    body, rest_start = plain
    if not local_names:
        return False
    pattern = _NAMED_ELEMENT_PATTERNS.get(local_names)
    if pattern is None:
        names = _trie_alternation([n.encode("utf-8") for n in local_names])
        pattern = re.compile(rb"<(?:[^\s/>!?]*:)?" + names + rb"(?=[\s/>!?]|\Z)")
        _NAMED_ELEMENT_PATTERNS[local_names] = pattern
    return pattern.search(body, rest_start) is not None


# --- results that recur across documents ----------------------------------------------------


class PartMemo:
    """Results of a pure function of a large part's exact bytes, kept across documents.

    The documents of one court come from a few templates: their styles parts (hundreds of
    KB, most of a package's XML) are byte for byte the same from one document to the next.
    A result is reused only for a part whose bytes equal, byte for byte, those it was
    computed from (a dict lookup: hash, then full comparison), so it is what computing it
    again would give. Small parts are cheap to redo and large ones (a body, unique to its
    document) are not kept; the memo holds at most ``max_entries`` results over at most
    ``max_bytes`` bytes of parts, least recently used dropped first.
    """

    def __init__(self, min_part_bytes: int = 64 * 1024, max_part_bytes: int = 4 * 1024 * 1024,
                 max_entries: int = 16, max_bytes: int = 16 * 1024 * 1024):
        self.min_part_bytes, self.max_part_bytes = min_part_bytes, max_part_bytes
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, kind, data: bytes):
        if not self.min_part_bytes <= len(data) <= self.max_part_bytes:
            return None
        with self._lock:
            found = self._entries.get((kind, data))
            if found is not None:
                self._entries.move_to_end((kind, data))
            return found

    def put(self, kind, data: bytes, result) -> None:
        if not self.min_part_bytes <= len(data) <= min(self.max_part_bytes, self.max_bytes) or result is None:
            return
        with self._lock:
            if (kind, data) in self._entries:
                return
            self._entries[(kind, data)] = result
            self._bytes += len(data)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                (_, old), _ = self._entries.popitem(last=False)
                self._bytes -= len(old)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


PART_MEMO = PartMemo()
