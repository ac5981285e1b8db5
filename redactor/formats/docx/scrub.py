"""Masked values in the places the offset map does not reach: attribute values (alt text,
field instructions, external links), non-text parts, and style names and ids.

The DOCX writer edits the text nodes through the offset map; whatever else in the package
holds a masked value gets the edit's replacement here (``Scrubber``), a style's id
consistently in every part that references it (``StyleNames``), so the published file
shows no masked value anywhere verify's extractors look.
"""

from __future__ import annotations

import re

import ahocorasick
from lxml import etree

from redactor.document import Document, Edit
from redactor.formats.docx import ooxml as dx

_WS = re.compile(r"\s+")


def masked_values(doc: Document, edits: list[Edit]) -> dict[str, str]:
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


class Scrubber:
    def __init__(self, masked: dict[str, str]):
        self.masked = masked
        # Set by write() once the styles parts are known (see StyleNames).
        self.styles: StyleNames | None = None
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


STYLES_ROOT_TAGS = frozenset(dx.w_tags("styles"))
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


class StyleNames:
    """Masked values in style names and style ids (word/styles.xml, stylesWithEffects.xml).

    A style's display name (``w:name``) can carry a person's name (a custom style
    "张伟批注"), and tools that derive the id from the name (python-docx, LibreOffice, WPS)
    put it in ``w:styleId`` too. Ids are references: an id holding a masked value is
    replaced like the text (张伟批注 -> 张某批注, made unique among the ids) and every
    reference to it, in every part, gets the same new id. A display name is replaced the
    same way and kept unique within its styles part (some tools look styles up by name).
    Alternative names (``w:aliases``) are ordinary text attributes (dx.TEXT_NAME_ATTR_ELEMENTS).
    """

    def __init__(self, scrubber: Scrubber, styles_roots: list):
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

    def rename(self, root, scrubber: Scrubber) -> None:
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
