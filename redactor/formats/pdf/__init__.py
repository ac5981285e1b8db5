"""PDF judgments with a text layer, redacted in place.

``read`` (reader.py, pypdfium2) maps every character to its page glyph; ``write`` is the
in-place redactor (``inplace``): the source PDF's pages are kept, the masked glyphs are
cut out of the content streams (``content``: our tokenizer) and the replacements drawn
where they were (``fonts``); a page that cannot be edited safely is published as a
rendered image with the regions burned in (listed in the ``pdf_fallback_pages`` note).
The older re-typesetting writer stays available as ``retypeset.write``. ``pages`` holds
pdfium's view of a file, loaded once and shared by the reader, the writer's checks
(``checks``) and verify.

``extract`` (this module) is what verify searches for masked values: every extractor's
view of the file. ``verify_layout`` (from ``checks``) is the page-by-page check that the
published PDF reads as intended and looks like the source outside the masked regions.
"""

from __future__ import annotations

import hashlib
import io
import logging
from contextlib import contextmanager
from pathlib import Path

from redactor.errors import VerificationFailed
from redactor.formats.pdf.checks import LayoutReport, verify_layout  # noqa: F401 - a published file's page-by-page check
from redactor.formats.pdf.inplace import PRODUCER, redact_pdf, write  # noqa: F401 - the format's writer
from redactor.formats.pdf.reader import read  # noqa: F401 - the format's reader
from redactor.formats.pdf.retypeset import (  # noqa: F401 - font helpers other modules use
    CID_FONT,
    EMBEDDED_FONT_NAME,
    extract_text_pdfium,
    font_is_embedded,
    output_font,
)

name = "pdf"
suffixes = (".pdf",)


def _strings_in(obj, out: list[str], depth: int = 0) -> None:
    """Every string object inside a pypdf object (dicts, arrays), decoded by pypdf."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    if depth > 32 or isinstance(obj, IndirectObject):
        return  # indirect objects are visited on their own
    if isinstance(obj, DictionaryObject):
        for value in obj.values():
            _strings_in(value, out, depth + 1)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            _strings_in(value, out, depth + 1)
    elif isinstance(obj, str) and not isinstance(obj, NameObject):
        out.append(str(obj))


def _pdfminer_texts(data: bytes) -> list[str]:
    """pdfminer.six's reading of every page's text, in content-stream order.

    pdfminer parses the content streams (form XObjects included) and decodes each shown
    string through the font's ToUnicode map or encoding, independently of pdfium and pypdf:
    that independent decoding is what verify needs. Its layout analysis (grouping characters
    into lines and boxes) is skipped: it does not change which characters are read, and it
    was two thirds of the cost of ``pdfminer.high_level.extract_text``.
    """
    from pdfminer.pdfdevice import PDFDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class TextOnlyDevice(PDFDevice):
        def __init__(self, rsrcmgr):
            super().__init__(rsrcmgr)
            self.parts: list[str] = []

        def render_string(self, textstate, seq, ncs, graphicstate) -> None:
            font = textstate.font
            if font is None:
                return
            parts = self.parts
            for obj in seq:
                if isinstance(obj, bytes):
                    for cid in font.decode(obj):
                        try:
                            parts.append(font.to_unichr(cid))
                        except PDFUnicodeNotDefined:
                            pass

    rsrcmgr = PDFResourceManager(caching=True)
    device = TextOnlyDevice(rsrcmgr)
    interpreter = PDFPageInterpreter(rsrcmgr, device)
    texts = []
    with _pdfminer_debug_calls_skipped():
        for page in PDFPage.get_pages(io.BytesIO(data)):
            device.parts = []
            interpreter.process_page(page)
            texts.append("".join(device.parts))
    return texts


# pdfminer's parser and interpreter call ``log.debug`` for every token and operator:
# about 15 calls a glyph, a tenth of its parse time even with debug logging off.
_PDFMINER_CHATTY_LOGGERS = ("pdfminer.psparser", "pdfminer.pdfinterp")


@contextmanager
def _pdfminer_debug_calls_skipped():
    """While pdfminer reads, its chattiest loggers' ``debug`` is a no-op, unless someone
    turned DEBUG on for them (then the calls go through as usual)."""
    loggers = [logging.getLogger(name) for name in _PDFMINER_CHATTY_LOGGERS]
    quiet = [lg for lg in loggers if not lg.isEnabledFor(logging.DEBUG)]
    for lg in quiet:
        lg.debug = _no_debug
    try:
        yield
    finally:
        for lg in quiet:
            lg.__dict__.pop("debug", None)  # back to Logger.debug


def _no_debug(*args, **kwargs) -> None:
    return None


# As many form XObject invocations per page as pypdf's own extract_text follows.
PYPDF_MAX_FORM_INVOCATIONS = 5_000
PYPDF_MAX_FORM_DEPTH = 32


def _qpdf_operations(data: bytes):
    """A content stream's operations as qpdf (pikepdf, C++) parses them: (operands, operator).

    qpdf's tokenizer is independent of pdfium's, of pypdf's and of the writer's own
    (``content``), and several times faster than pypdf's pure-Python ContentStream."""
    import warnings

    import pikepdf

    scratch = _qpdf_scratch()
    # only the operators the reading looks at come back to Python (each one returned is a
    # C++ -> Python conversion of its operands: most of the cost). qpdf's warnings about a
    # damaged stream go to Python's warnings, which would print them: not on the console.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pikepdf.parse_content_stream(pikepdf.Stream(scratch, data), _QPDF_OPERATORS)


_QPDF_OPERATORS = "Tf q Q Tj ' \" TJ Do"


_scratch = None


def _qpdf_scratch():
    """An empty pikepdf document to hold the streams being parsed (one per process)."""
    global _scratch
    if _scratch is None:
        import pikepdf

        _scratch = pikepdf.new()
    return _scratch


# Keys of a file's ``encodings`` cache that hold no font: the decoded strings, the
# translate tables.
_DECODED, _TABLES = object(), object()


def _qpdf_page_text(page, pdf, encodings: dict | None = None) -> str:
    """A second reading of a page's text: every shown string, form XObjects included.

    pypdf's object model finds the page's resources and decodes each string through pypdf's
    own font maps (``pypdf._cmap.get_encoding``: the font's encoding and its ToUnicode map),
    as ``page.extract_text()`` does; the content streams are tokenized by qpdf
    (``_qpdf_operations``; pypdf's own tokenizer cost 90 % of this reading). What is left
    out is extract_text's layout logic (line and space inference from the text matrices),
    which only adds whitespace verify ignores; nor are strings at odd angles dropped
    (extract_text keeps only 0/90/180/270 degrees), so this reads at least what
    extract_text reads.

    ``encodings`` caches each font's maps across the pages of one file (a ToUnicode map
    is parsed once, not once a page).
    """
    import pikepdf
    from pypdf._cmap import get_encoding
    from pypdf.generic import IndirectObject

    if encodings is None:
        encodings = {}
    invocations = 0
    parts: list[str] = []

    by_name: dict = {}  # (resources, font name) -> maps: a page selects its fonts hundreds of times

    def font_maps(resources, name):
        key = (id(resources), name)  # the resources are alive for the whole walk
        if key not in by_name:
            by_name[key] = _font_maps(resources, name)
        return by_name[key]

    def _font_maps(resources, name):
        fonts = resources.get("/Font") if resources is not None else None
        ref = fonts.get_object().raw_get(name) if fonts is not None and name in fonts.get_object() else None
        if ref is None:
            return None
        font = ref.get_object()
        if font is None:
            return None
        # an indirect font by its object number; a direct one by identity (kept alive
        # in the cache so the identity cannot be reused)
        key = (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(font)
        if key not in encodings:
            encodings[key] = (get_encoding(font), font)
        return encodings[key][0]

    String, Array = pikepdf.String, pikepdf.Array

    # (maps, string bytes) -> text: a file shows the same few glyphs again and again, on
    # every page (the maps live in ``encodings`` for the whole file: their ids stay theirs)
    decoded: dict = encodings.setdefault(_DECODED, {})
    tables: dict = encodings.setdefault(_TABLES, {})  # id(char map) -> its str.translate table

    def decode(data, maps) -> str:
        if maps is None or not isinstance(data, String):
            return ""
        raw = bytes(data)
        key = (id(maps), raw)  # maps live in ``encodings`` for the whole walk
        text = decoded.get(key)
        if text is None:
            text = decoded[key] = _decode(raw, maps)
        return text

    def _decode(raw: bytes, maps) -> str:
        encoding, char_map = maps
        if isinstance(encoding, str):
            try:
                text = raw.decode(encoding, "surrogatepass")
            except UnicodeDecodeError:
                text = raw.decode(encoding, "replace")
        else:
            text = "".join(encoding.get(b, chr(b)) for b in raw)
        table = tables.get(id(char_map))
        if table is None:
            # ``char_map.get(c, c)`` for every character c, as one translate: only its
            # one-character keys can match a character
            table = tables[id(char_map)] = {ord(k): v for k, v in char_map.items()
                                            if isinstance(k, str) and len(k) == 1}
            if not all(isinstance(v, str) for v in table.values()):
                table = tables[id(char_map)] = False
        if table is False:
            return "".join(char_map.get(c, c) for c in text)
        return text.translate(table)

    def walk(content, resources, depth: int, active: set[int]) -> None:
        nonlocal invocations
        maps = None
        stack = []
        # an instruction's operator and operands are read as attributes: unpacking it as a
        # tuple cost four microseconds an instruction, a fifth of this reading
        for instruction in _qpdf_operations(content.get_data()):
            op = str(instruction.operator)
            if op == "q":
                stack.append(maps)
                continue
            if op == "Q":
                if stack:
                    maps = stack.pop()
                continue
            operands = instruction.operands
            if op == "Tf" and operands:
                maps = font_maps(resources, str(operands[0]))
            elif op in ("Tj", "'") and operands:
                parts.append(decode(operands[-1], maps))
            elif op == '"' and len(operands) >= 3:
                parts.append(decode(operands[2], maps))
            elif op == "TJ" and operands and isinstance(operands[0], Array):
                parts.extend(decode(item, maps) for item in operands[0])
            elif op == "Do" and operands and resources is not None and depth < PYPDF_MAX_FORM_DEPTH:
                xobjects = resources.get("/XObject")
                form = xobjects.get_object().get(str(operands[0])) if xobjects is not None else None
                form = form.get_object() if form is not None else None
                if form is None or form.get("/Subtype") != "/Form" or id(form) in active:
                    continue
                invocations += 1
                if invocations > PYPDF_MAX_FORM_INVOCATIONS:
                    continue
                form_resources = form.get("/Resources")
                form_resources = form_resources.get_object() if form_resources is not None else resources
                walk(form, form_resources, depth + 1, active | {id(form)})

    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    contents = page.get_contents()
    if contents is not None:
        walk(contents, resources, 0, set())
    return "".join(parts)


# pdfminer.six reads one document in PDFMINER_SAMPLE_ONE_IN, chosen by the source's hash,
# plus every document pdfminer_reason names. One in eight: a hash sample's share of a batch
# varies around its rate, and the rule is at least one document in ten.
PDFMINER_SAMPLE_ONE_IN = 8


def pdfminer_reason(doc, notes: dict | None = None, full: bool = False) -> str | None:
    """Why verify reads this published PDF with pdfminer.six too, or None when it does not.

    pdfminer.six is the slowest extractor (two thirds of verify) and the third reading of
    the same text: pdfium's and pypdf's readings, the decoded raw streams, the metadata and
    the pixel check of every page are done for every document. It reads a deterministic
    sample (the source's SHA-256, so a rerun reads the same documents), and every document
    where the other readings could disagree with a viewer's: a page published as an image,
    a page the writer parsed with pypdf (its own tokenizer was unsure), a warning from a
    parser, characters without a Unicode mapping. ``notes`` are the writer's
    (``WriteResult.notes``). ``full`` (``--verify full``): every one.
    """
    info = {**doc.source_info, **(notes or {})}
    if full:
        return "full"
    if info.get("pdf_fallback_pages"):
        return "fallback_page"
    if info.get("pdf_pypdf_parsed_pages"):
        return "pypdf_parsed_page"
    if (info.get("pdf_reader_warnings") or info.get("pdf_writer_warnings") or info.get("unmapped_chars")
            or info.get("metadata_error")):
        return "reader_warning"
    if info.get("pdf_writer") == "retypeset":
        return "retypeset"
    if int(doc.sha256[:16], 16) % PDFMINER_SAMPLE_ONE_IN == 0:
        return "sample"
    return None


def verify_options(doc, written, mode: str) -> tuple[dict, dict]:
    """What verify passes to ``extract`` for this published document (the writer's pages,
    whether pdfminer.six reads it) and the note the run report gets (``pdf_pdfminer``:
    why pdfminer.six read it, or None). ``written`` is the writer's ``WriteResult``."""
    reason = pdfminer_reason(doc, written.notes, full=mode == "full")
    return {"pdfminer": reason is not None, "pages": written.handoff}, {"pdf_pdfminer": reason}


def extract(path: Path, pdfminer: bool = True, pages=None) -> list[str]:
    """Every string an extractor can read from the published PDF.

    Body text per page from pdfium, pypdf's font maps over qpdf's content parse
    (``_qpdf_page_text``) and (``pdfminer``) pdfminer.six; the info
    dictionary (both pdfium's and pypdf's reading); the XMP packet; every string object in
    the file; every stream decoded (and raw) as latin-1; and the whole file as latin-1, for
    a raw byte search. An extractor that cannot read the file fails verification.
    ``pages``: the writer's ``PageCache`` of the file (``WriteResult.handoff``), read
    instead of loading the file again when it holds these exact bytes; its owner closes it.
    """
    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    import pypdfium2 as pdfium

    from redactor.formats.pdf.pages import PageCache
    from redactor.formats.pdf.reader import read_xmp

    data = Path(path).read_bytes()
    texts: list[str] = [data.decode("latin-1")]
    try:
        # the pages the writer's checks loaded from these same bytes, when it handed them on
        given = pages is not None and pages.sha256 == hashlib.sha256(data).hexdigest()
        loaded = pages if given else PageCache.from_bytes(data)
        try:
            texts.extend(loaded.text(pno) for pno in range(len(loaded)))
            texts.extend(v for v in loaded.pdf.get_metadata_dict(skip_empty=True).values())
        finally:
            if not given:
                loaded.close()
    except pdfium.PdfiumError as exc:
        raise VerificationFailed("pdfium cannot read the published PDF", "unextractable") from exc
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        encodings: dict = {}
        texts.extend(_qpdf_page_text(page, reader, encodings) for page in reader.pages)
        texts.extend(str(v) for v in (reader.metadata or {}).values())
        strings: list[str] = []
        size = int(reader.trailer.get("/Size", 0))
        # Numbers the cross-reference table lists as free only (the writer frees what it
        # replaced) hold nothing; asking pypdf for them logs a warning per number.
        used = {num for entries in reader.xref.values() for num in entries} | set(reader.xref_objStm)
        free = {num for entries in getattr(reader, "xref_free_entry", {}).values()
                for num, is_free in entries.items() if is_free}
        for num in range(1, size):
            if num in free and num not in used:
                continue
            try:
                obj = reader.get_object(num)
            except Exception:  # noqa: BLE001 - a free or missing object number
                continue
            if obj is None:
                continue
            if isinstance(obj, StreamObject):
                raw = getattr(obj, "_data", b"")  # the stream as stored (still encoded)
                raw = raw if isinstance(raw, bytes) else b""
                texts.append(raw.decode("latin-1"))
                try:
                    texts.append(obj.get_data().decode("latin-1"))
                except Exception:  # noqa: BLE001 - an undecodable filter: the raw bytes are there
                    pass
            _strings_in(obj, strings)
        texts.extend(strings)
    except VerificationFailed:
        raise
    except Exception as exc:  # noqa: BLE001
        raise VerificationFailed("pypdf cannot read the published PDF", "unextractable") from exc
    if pdfminer:
        try:
            texts.append("".join(_pdfminer_texts(data)))
        except Exception as exc:  # noqa: BLE001
            raise VerificationFailed("pdfminer cannot read the published PDF", "unextractable") from exc
    xmp = read_xmp(data)
    if xmp:
        texts.append(xmp)
    return texts
