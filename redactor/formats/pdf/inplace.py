"""PDF writer that keeps the layout: the published file is built from the source's pages,
each page with masked characters edited glyph by glyph (``editor``: the masked glyphs are
cut out of the content streams, the replacement drawn where they were).

Everything behind the text goes: the output is a fresh file (no incremental revisions)
built from the pages alone — no annotations, form fields, attachments, JavaScript,
outlines, structure tree, optional-content configuration, thumbnails, page-piece data,
XMP packets (document, page or object level); marked-content properties (/ActualText,
/Alt, optional-content membership) are dropped with their BDC; the info dictionary
holds only the Producer.

Every edited page is then checked (``checks``): pdfium must read exactly the
intended text on it and its rendering must not differ from the source page outside the
masked regions. A page that cannot be edited safely (a font that cannot be walked glyph
by glyph, a check that fails) falls back, for that page only, to a rendered image of the
source page with the masked regions burned in black, under an invisible text layer of
the redacted text. The ``pdf_fallback_pages`` note of the ``WriteResult`` lists those
pages (0-based) for the run report.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pypdfium2.raw as pdfium_c
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

from redactor.formats import WriteResult, write_bytes_atomically
from redactor.document import Document, Edit
from redactor.errors import WriteFailed
from redactor.formats.pdf.pages import PageCache
from redactor.formats.pdf.checks import (
    FALLBACK_DPI,
    MaskSlice,
    check_page,
    plan_masks,
    text_is_from,
)
from redactor.formats.pdf.editor import DROP_KEYS, _build_replacement_font, _CannotEdit, _edit_page, _num, _set_contents

PRODUCER = "redactor"
# Page keys a published page keeps; everything else (annotations, thumbnails, actions,
# piece info, XMP, structure parents...) is left behind.
PAGE_KEYS = ("/Type", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate",
             "/Resources", "/Contents", "/Group", "/UserUnit")


class SourceMismatch(Exception):
    """The document's text is not (any more) what the source file shows: offsets into it
    cannot be applied to the file's glyphs."""


# What can hold a dictionary: everything else (numbers, names, strings) is a leaf.
_CONTAINERS = (IndirectObject, DictionaryObject, ArrayObject)


def _strip(obj, seen: set[int], depth: int = 0) -> None:
    """Remove DROP_KEYS from every dictionary reachable from ``obj`` (within the writer)."""
    if depth > 64:
        return
    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return
        seen.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):  # streams included
        for key in list(obj.keys()):
            if key in DROP_KEYS:
                del obj[key]
            elif key != "/Parent":
                value = obj.raw_get(key)  # unresolved: an indirect object is visited once
                if isinstance(value, _CONTAINERS):
                    _strip(value, seen, depth + 1)
    elif isinstance(obj, ArrayObject):
        # a font's widths are arrays of thousands of numbers: only containers are visited
        for v in obj:
            if isinstance(v, _CONTAINERS):
                _strip(v, seen, depth + 1)


def _fresh_pages(data: bytes) -> tuple[PdfReader, PdfWriter]:
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter()
    for page in reader.pages:
        # inherited attributes (Resources, MediaBox, CropBox, Rotate) onto the page itself
        for key in ("/Resources", "/MediaBox", "/CropBox", "/Rotate"):
            if key not in page:
                value = page.get_inherited(key, None) if hasattr(page, "get_inherited") else None
                if value is None:
                    node = page.get("/Parent")
                    while node is not None and value is None:
                        node = node.get_object()
                        value = node.get(key)
                        node = node.get("/Parent")
                if value is not None:
                    page[NameObject(key)] = value
        excluded = [k for k in page.keys() if k not in PAGE_KEYS and k != "/Parent"]
        writer.add_page(page, excluded_keys=excluded)
    return reader, writer


def _fallback_page(writer: PdfWriter, wpage, source: PageCache, pno: int, slices: list[MaskSlice]) -> None:
    """Replace the written page by the source page rendered, masked regions burned in,
    under an invisible text layer of the redacted text."""
    from PIL import ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from redactor.formats.pdf.retypeset import output_font

    page = source.page(pno)
    if page.get_rotation() % 360:
        raise WriteFailed(f"page {pno + 1} cannot be redacted (rotated page needing a rendered fallback)",
                          "pdf_fallback_failed")
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    scale = FALLBACK_DPI / 72.0
    image = page.render(scale=scale, may_draw_forms=False, draw_annots=False).to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)
    for s in slices:
        for l, b, r, t in s.line_rects():
            draw.rectangle([(l - left) * scale - 1, (top - t) * scale - 1, (r - left) * scale + 1,
                            (top - b) * scale + 1], fill="black")
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1, pageCompression=1)
    c.drawImage(ImageReader(image), 0, 0, width, height)
    masked = {i for s in slices for i in s.indices}
    pieces = {s.indices[0]: s.piece for s in slices if s.piece}
    tp = source.textpage(pno)
    text = c.beginText()
    text.setTextRenderMode(3)  # invisible: searchable, copyable, not drawn
    x, y = ctypes_double(), ctypes_double()
    for i, ch in source.chars(pno):
        shows = []
        for start in [k for k in pieces if k <= i]:
            shows.append(pieces.pop(start))
        if i not in masked:
            shows.append(ch)
        if not shows:
            continue
        pdfium_c.FPDFText_GetCharOrigin(tp.raw, i, x, y)
        size = max(1.0, pdfium_c.FPDFText_GetFontSize(tp.raw, i))
        for s in shows:
            text.setFont(output_font(s), size)
            text.setTextOrigin(x.value - left, y.value - bottom)
            text.textOut(s)
    c.drawText(text)
    c.showPage()
    c.save()
    helper = PdfReader(io.BytesIO(buf.getvalue()))
    hpage = helper.pages[0]
    wpage[NameObject("/Resources")] = hpage["/Resources"].clone(writer)
    _set_contents(writer, wpage, hpage.get_contents().get_data())
    for key in ("/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/UserUnit", "/Group"):
        if key in wpage:
            del wpage[key]
    wpage[NameObject("/MediaBox")] = ArrayObject([_num(0), _num(0), _num(width), _num(height)])


def ctypes_double():
    import ctypes

    return ctypes.c_double()


def _serialize_pdf(writer: PdfWriter, file_id: bytes) -> bytes:
    writer.metadata = {"/Producer": PRODUCER}
    writer._ID = ArrayObject([ByteStringObject(file_id), ByteStringObject(file_id)])
    _drop_unreachable(writer)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _drop_unreachable(writer: PdfWriter) -> None:
    """Only what the catalog and the info dictionary reach is written: the replaced
    content streams and form copies' originals (which still hold the masked glyphs)
    must not ride along as unreferenced objects."""
    reachable: set[int] = set()
    todo: list = [writer.root_object.indirect_reference]
    info = writer._info
    if info is not None:
        todo.append(info.indirect_reference if hasattr(info, "indirect_reference") and
                    not isinstance(info, IndirectObject) else info)
    while todo:
        obj = todo.pop()
        if isinstance(obj, IndirectObject):
            if obj.pdf is not writer or obj.idnum in reachable:
                continue
            reachable.add(obj.idnum)
            obj = writer._objects[obj.idnum - 1]
        if isinstance(obj, (DictionaryObject, StreamObject)):
            todo.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            todo.extend(obj)
    for k in range(len(writer._objects)):
        if k + 1 not in reachable:
            writer._objects[k] = None


def _check_pages(source: PageCache, out_bytes: bytes, plan: dict[int, list[MaskSlice]], pages: set[int],
                 fallback: set[int]) -> tuple[list[int], PageCache]:
    """The pages among ``pages`` that fail the text or the pixel check, and the written
    file's pages as the checks loaded them (the caller owns them: verify reads them again
    through ``WriteResult.handoff``)."""
    out = PageCache.from_bytes(out_bytes)
    failed = []
    try:
        for pno in sorted(pages):
            if check_page(source, pno, out, plan.get(pno, []), pno in fallback) is not None:
                failed.append(pno)
    except BaseException:
        out.close()
        raise
    return failed, out


def redact_pdf(doc: Document, edits: list[Edit]) -> tuple[bytes, dict, PageCache]:
    """The published PDF bytes, a record of how each page was treated, and the published
    file's pages as the checks loaded them (the caller closes them)."""
    data = Path(doc.path).read_bytes()
    if hashlib.sha256(data).hexdigest() != doc.sha256:
        raise WriteFailed("the source PDF changed since it was read", "source_changed")
    file_id = hashlib.sha256(data + repr([(e.start, e.end, e.replacement) for e in edits]).encode()).digest()[:16]
    # The reader's pages when they are this file's (same bytes): each source page is
    # parsed once for reading, all the checks below and a fallback rendering.
    reused = doc.pages is not None and doc.pages.sha256 == doc.sha256
    source = doc.pages if reused else PageCache.from_bytes(data)
    written: PageCache | None = None
    try:
        if not text_is_from(doc, source):
            raise SourceMismatch()
        plan = plan_masks(doc, edits, source)
        reader, writer = _fresh_pages(data)
        has_oc = "/OCProperties" in reader.trailer["/Root"]
        pieces = {s.piece for slices in plan.values() for s in slices if s.piece}
        rfont = None
        if pieces:
            try:
                rfont = _build_replacement_font(pieces, writer)
            except _CannotEdit:
                rfont = None  # every span gets a box
        wpages = list(writer.pages)
        edited: set[int] = set()
        pypdf_parsed: set[int] = set()
        fallback: set[int] = set()
        removed = 0
        for pno, wpage in enumerate(wpages):
            slices = plan.get(pno, [])
            # (a page with masks is written anew anyway, odd names in pypdf's spelling)
            rewrite = not slices and _has_escaped_names(wpage)
            if not slices and not has_oc and not rewrite and not _has_marked_content(writer, wpage):
                continue
            try:
                editor = _edit_page(writer, wpage, slices, rfont, rewrite)
                removed += editor.removed
                edited.add(pno)
                if editor.pypdf_parsed:
                    pypdf_parsed.add(pno)
            except _CannotEdit:
                fallback.add(pno)
        seen: set[int] = set()
        for wpage in wpages:
            _strip(wpage, seen)
        for pno in fallback:
            _fallback_page(writer, wpages[pno], source, pno, plan.get(pno, []))
        out = _serialize_pdf(writer, file_id)
        # Every page is checked, the pages left as they were too: pypdf rewrites what it
        # reads when it writes (a GBK resource name becomes UTF-8), and a page whose
        # content still uses the old form would lose its text.
        failed, written = _check_pages(source, out, plan, set(range(len(wpages))), fallback)
        if failed:
            if any(p in fallback for p in failed):
                raise WriteFailed("a page published as an image does not read back as intended",
                                  "pdf_fallback_failed")
            for pno in failed:
                _fallback_page(writer, wpages[pno], source, pno, plan.get(pno, []))
                fallback.add(pno)
            out = _serialize_pdf(writer, file_id)
            written.close()
            written = None
            failed, written = _check_pages(source, out, plan, set(failed), fallback)
            if failed:
                raise WriteFailed("a page published as an image does not read back as intended",
                                  "pdf_fallback_failed")
        report = {
            "pdf_writer": "inplace",
            "pdf_fallback_pages": sorted(fallback),
            "pdf_edited_pages": sorted(edited - fallback),
            "pdf_glyphs_removed": removed,
            "pdf_pypdf_parsed_pages": sorted(pypdf_parsed - fallback),
        }
        return out, report, written
    except BaseException:
        if written is not None:
            written.close()
        raise
    finally:
        if not reused:
            source.close()


# A name spelled with #xx escapes or raw bytes over 127 (a GBK font name): pypdf writes
# the resource dictionaries' names in its own spelling (UTF-8 #xx), so content that uses
# such a name must be written anew by the editor, which spells it pypdf's way. (A binary
# string can match too: the page is then rewritten for nothing, which changes nothing.)
_ESCAPED_NAME = re.compile(rb"/[^\x00\t\n\x0c\r /\[\]()<>{}%]*[#\x80-\xff]")


def _has_escaped_names(page) -> bool:
    contents = page.get("/Contents")
    if contents is None:
        return False
    contents = contents.get_object()
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    return any(_ESCAPED_NAME.search(s.get_object().get_data()) for s in streams)


def _has_marked_content(writer: PdfWriter, page) -> bool:
    """A cheap look for marked-content properties (BDC/DP) in the page's own streams."""
    contents = page.get("/Contents")
    if contents is None:
        return False
    contents = contents.get_object()
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    for s in streams:
        data = s.get_object().get_data()
        if b"BDC" in data or b"DP" in data:
            return True
    xobjects = page.get("/Resources", {}).get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            x = ref.get_object()
            if x.get("/Subtype") == "/Form" and b"BDC" in x.get_data():
                return True
    return False


def write(doc: Document, edits: list[Edit], dest: Path) -> WriteResult:
    """Publish the redacted PDF at ``dest``. The notes say how (``pdf_writer``, the pages
    edited, published as images, parsed by pypdf; ``pdf_writer_warnings``: pypdf's
    guesses while it parsed the source, which make verify read with pdfminer.six too);
    the handoff is the published file's pages, loaded by the checks, for verify."""
    from redactor.formats.pdf.parser_warnings import counting

    dest = Path(dest)
    try:
        with counting() as warned:  # pypdf's guesses while it parses the source
            out, report, written = redact_pdf(doc, edits)
    except SourceMismatch:
        # The text was not read from this file (or was changed after): nothing of the
        # source can be kept safely, so the whole document is re-typeset instead.
        from redactor.formats.pdf import retypeset as pdf_retypeset

        pdf_retypeset.write(doc, edits, dest)
        return WriteResult(notes={"pdf_writer": "retypeset", "pdf_fallback_pages": []})
    try:
        write_bytes_atomically(dest, out)
    except BaseException:
        written.close()
        raise
    return WriteResult(notes={**report, "pdf_writer_warnings": warned[0]}, handoff=written)
