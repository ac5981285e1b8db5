"""pdfium's view of one PDF file, each page loaded once and shared by the stages that need it.

Loading a page and its text page costs pdfium a parse of the page's content (a few
milliseconds each), and three stages need the same pages:

* the reader reads every source page's characters;
* the writer needs the same source pages again: to check that the text it was given is
  this file's text, to find the masked glyphs' boxes, to render the page for the pixel
  check;
* verify needs pdfium's reading of the written file, which the writer's own checks have
  just loaded (the writer hands them on in ``WriteResult.handoff``).

A ``PageCache`` holds one file's pages, identified by the SHA-256 of the file's bytes.
The reader hands its cache on with the document (``Document.pages``). The writer takes
it only when the file it is about to edit has the same SHA-256, so every reuse is pdfium's
reading of those exact bytes.
"""

from __future__ import annotations

import hashlib
import sys

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

import redactor.cjk_font  # noqa: F401 - pdfium draws non-embedded CJK fonts with the bundled font only

# What counts as whitespace when page texts are compared: layout, not content.
WHITESPACE = frozenset({" ", "\t", "\r", "\n", "\u3000", "\xa0"})
# pdfium reports a "-" glyph that ends a line as 0x02 (its soft-hyphen break), and the
# same glyph as "-" once the line around it changed: a glyph either way, read as "-".
SOFT_HYPHEN = "\x02"



# A page's characters as the text check compares them: whitespace removed, pdfium's soft
# hyphen read as the "-" it is (``PageCache.chars`` joined).
COMPACT = str.maketrans({**{c: None for c in WHITESPACE}, SOFT_HYPHEN: "-"})
# Whitespace removed only (a replacement piece).
NO_WHITESPACE = str.maketrans({c: None for c in WHITESPACE})


# FPDFText_GetText gives a soft hyphen (0x02 from FPDFText_GetUnicode) as U+FFFE.
_GETTEXT_ODD = "\ufffe"


def page_unicode(tp) -> str:
    """``chr(FPDFText_GetUnicode(tp, i))`` for every index ``i`` of a text page, in one
    FPDFText_GetText call (one UTF-16 unit an index, as GetUnicode: ten times faster than a
    call an index). Where GetText says U+FFFE, or does not give one unit an index, the
    character is asked for by its index."""
    import ctypes

    get = pdfium_c.FPDFText_GetUnicode
    n = pdfium_c.FPDFText_CountChars(tp)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer(2 * (n + 1))
    written = pdfium_c.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    if written != n + 1:
        return "".join([chr(get(tp, i)) for i in range(n)])
    raw = buf.raw[:2 * n]
    text = raw.decode("utf-16-le", "surrogatepass")
    if len(text) != n:  # a surrogate pair decoded as one character: two indices in pdfium
        from array import array

        units = array("H")
        units.frombytes(raw)
        if sys.byteorder != "little":
            units.byteswap()
        text = "".join(map(chr, units))
    if _GETTEXT_ODD in text:
        chars = list(text)
        for i, ch in enumerate(chars):
            if ch == _GETTEXT_ODD:
                chars[i] = chr(get(tp, i))
        text = "".join(chars)
    return text


class PageCache:
    """The pages, text pages and characters of one pdfium document, each loaded once.

    Owns the document and everything it loads (``close``).
    """

    def __init__(self, pdf: pdfium.PdfDocument, sha256: str):
        self.pdf = pdf
        self.sha256 = sha256
        self._pages: dict[int, pdfium.PdfPage] = {}
        self._textpages: dict[int, pdfium.PdfTextPage] = {}
        self._unicode: dict[int, str] = {}
        self._chars: dict[int, list[tuple[int, str]]] = {}
        self._compact: dict[int, str] = {}

    @classmethod
    def from_bytes(cls, data: bytes) -> "PageCache":
        return cls(pdfium.PdfDocument(data), hashlib.sha256(data).hexdigest())

    def __len__(self) -> int:
        return len(self.pdf)

    def page(self, pno: int) -> pdfium.PdfPage:
        if pno not in self._pages:
            self._pages[pno] = self.pdf[pno]
        return self._pages[pno]

    def textpage(self, pno: int) -> pdfium.PdfTextPage:
        if pno not in self._textpages:
            self._textpages[pno] = self.page(pno).get_textpage()
        return self._textpages[pno]

    def unicode(self, pno: int) -> str:
        """The page's characters as pdfium indexes them: ``unicode(p)[i]`` is
        ``chr(FPDFText_GetUnicode(i))`` (a character outside the BMP is two indices, its
        surrogate halves, as in pdfium)."""
        if pno not in self._unicode:
            self._unicode[pno] = page_unicode(self.textpage(pno).raw)
        return self._unicode[pno]

    def chars(self, pno: int) -> list[tuple[int, str]]:
        """(index, character) of every non-whitespace character of the page.

        pdfium generates only whitespace (the spaces it infers from gaps, the line breaks
        it inserts), so every non-whitespace index is a character of the page (a soft
        hyphen is the "-" glyph it is).
        """
        if pno not in self._chars:
            self._chars[pno] = [(i, "-" if ch == SOFT_HYPHEN else ch) for i, ch in enumerate(self.unicode(pno))
                                if ch not in WHITESPACE]
        return self._chars[pno]

    def compact(self, pno: int) -> str:
        """``"".join(ch for _, ch in chars(pno))``, made in one pass of C (``str.translate``)."""
        if pno not in self._compact:
            self._compact[pno] = self.unicode(pno).translate(COMPACT)
        return self._compact[pno]

    def text(self, pno: int) -> str:
        """The page's text as pdfium's ``get_text_range`` gives it (generated breaks included)."""
        return self.textpage(pno).get_text_range()

    def close(self) -> None:
        for tp in self._textpages.values():
            tp.close()
        for page in self._pages.values():
            page.close()
        self._textpages.clear()
        self._pages.clear()
        self.pdf.close()
