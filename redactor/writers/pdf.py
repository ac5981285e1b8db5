"""PDF writer for the pipeline: ``write`` (layout-preserving, in place) and ``published_texts``.

``write`` is the in-place redactor (``pdf_inplace``): the source PDF's pages are kept,
the masked glyphs are cut out of the content streams and the replacements drawn where
they were; a page that cannot be edited safely is published as a rendered image with
the regions burned in (listed in ``doc.source_info["pdf_fallback_pages"]``). The older
re-typesetting writer stays available as ``pdf_retypeset.write``.

``published_texts`` is what verify searches for masked values: every extractor's view
of the file. ``verify_layout`` (from ``pdf_checks``) is the page-by-page check that the
published PDF reads as intended and looks like the source outside the masked regions.
"""

from __future__ import annotations

import io
from pathlib import Path

from redactor.errors import VerificationFailed
from redactor.writers.pdf_checks import LayoutReport, verify_layout  # noqa: F401 - the pipeline's check
from redactor.writers.pdf_inplace import PRODUCER, redact_pdf, write  # noqa: F401 - the format's writer
from redactor.writers.pdf_retypeset import (  # noqa: F401 - font helpers other modules use
    CID_FONT,
    EMBEDDED_FONT_NAME,
    extract_text_pdfium,
    font_is_embedded,
    output_font,
)


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
    for page in PDFPage.get_pages(io.BytesIO(data)):
        device.parts = []
        interpreter.process_page(page)
        texts.append("".join(device.parts))
    return texts


def published_texts(path: Path) -> list[str]:
    """Every string an extractor can read from the published PDF.

    Body text per page from pdfium, pypdf and pdfminer.six; the info dictionary (both
    pdfium's and pypdf's reading); the XMP packet; every string object in the file;
    every stream decoded (and raw) as latin-1; and the whole file as latin-1, for a raw
    byte search. An extractor that cannot read the file fails verification.
    """
    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    import pypdfium2 as pdfium

    from redactor.readers.pdf import read_xmp

    data = Path(path).read_bytes()
    texts: list[str] = [data.decode("latin-1")]
    try:
        texts.extend(extract_text_pdfium(data))
        pdf = pdfium.PdfDocument(data)
        try:
            texts.extend(v for v in pdf.get_metadata_dict(skip_empty=True).values())
        finally:
            pdf.close()
    except pdfium.PdfiumError as exc:
        raise VerificationFailed("pdfium cannot read the published PDF", "unextractable") from exc
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        texts.extend(page.extract_text() or "" for page in reader.pages)
        texts.extend(str(v) for v in (reader.metadata or {}).values())
        strings: list[str] = []
        size = int(reader.trailer.get("/Size", 0))
        for num in range(1, size):
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
    try:
        texts.append("".join(_pdfminer_texts(data)))
    except Exception as exc:  # noqa: BLE001
        raise VerificationFailed("pdfminer cannot read the published PDF", "unextractable") from exc
    xmp = read_xmp(data)
    if xmp:
        texts.append(xmp)
    return texts
