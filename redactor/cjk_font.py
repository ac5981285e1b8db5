"""The CJK font the tool carries, so no PDF step depends on the machine's fonts.

Court PDFs often show Chinese text in a font they do not embed (STSong-Light, iText's
usual Chinese font). pdfium then draws it with a font it finds on the machine, and the
writer sets replacement text and the image fallback's text layer in a font of its own.
Both used to come from the system: on a machine with no CJK font pdfium drew nothing
for those characters and the writer had no TrueType font to embed; on a machine with
another CJK font the pages rendered differently, so the pixel check, the boxes and the
fallback images (the published bytes) depended on what was installed.

Now one font serves both, from a Python dependency: WenQuanYi Micro Hei (文泉驿微米黑,
Apache-2.0 or GPL-3+ with the font exception), as shipped in the ``paperang-p2-fonts-cjk``
wheel. That file is byte for byte Debian's ``fonts-wqy-microhei`` (SHA-256 below), and it
is checked at load: another file would change the published bytes, so it is refused
rather than used.

* pdfium is (re)initialised with the font's folder as its only font path: pdfium scans
  the user font paths *instead of* /usr/share/fonts, so a non-embedded CJK font maps to
  this font on every machine. Its built-in standard fonts (Times, Helvetica, Courier,
  Symbol, ZapfDingbats) still serve non-embedded Latin fonts, as everywhere.
* the writer embeds a subset of the same font (``ttfont``).
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import threading
from functools import lru_cache
from pathlib import Path

from redactor.errors import RedactorError

FONT_PACKAGE = "paperang_p2_fonts_cjk"
FONT_FILE = "fonts/wqy-microhei.ttc"
FONT_INDEX = 0  # WenQuanYi Micro Hei (index 1 is its monospaced face)
FONT_SHA256 = "2420e8078af796b19a3f6ef13de527a1a91c1e7171eea115926c614ced1009b3"


class FontMissing(RedactorError):
    """The bundled CJK font is not installed or is not the expected file: every PDF fails
    with this reason (an installation problem, never a document's)."""

    reason = "cjk_font_missing"


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The bundled font file, checked against its SHA-256."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FontMissing(f"the CJK font package {FONT_PACKAGE} is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / FONT_FILE
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise FontMissing(f"the CJK font file of {FONT_PACKAGE} cannot be read") from exc
    if digest != FONT_SHA256:
        raise FontMissing(f"the CJK font file of {FONT_PACKAGE} is not the expected WenQuanYi Micro Hei")
    return path


# pdfium keeps the pointer it is given (it does not copy the list): kept alive here.
_pdfium_font_paths = None
_lock = threading.Lock()
_configured = False


def configure_pdfium() -> None:
    """Restart pdfium with the bundled font's folder as its only font path (once a process).

    pypdfium2 initialises pdfium when it is imported, with the system font folders. The
    font paths are fixed at initialisation, so pdfium is destroyed and initialised again,
    before any document is opened: if one is open already, that is a programming error
    (its pages would have been read with other fonts) and it fails loudly.
    """
    global _configured, _pdfium_font_paths
    if _configured:
        return
    with _lock:
        if _configured:
            return
        import pypdfium2  # noqa: F401 - initialises pdfium
        import pypdfium2.raw as pdfium_c
        from pypdfium2 import _library_scope
        from pypdfium2.internal import bases

        folder = str(font_path().parent).encode()
        if any(len(refs) for refs in bases.ObjectTracker.values()):
            raise RuntimeError("pdfium documents were opened before the bundled CJK font was configured")
        chars = ctypes.POINTER(ctypes.c_char)
        buffer = ctypes.create_string_buffer(folder)
        paths = (chars * 2)(ctypes.cast(buffer, chars), None)
        config = pdfium_c.FPDF_LIBRARY_CONFIG(
            version=2,
            m_pUserFontPaths=ctypes.cast(paths, ctypes.POINTER(chars)),
            m_pIsolate=None,
            m_v8EmbedderSlot=0,
        )
        if bases.LIBRARY_AVAILABLE:
            _library_scope.destroy_lib()
        pdfium_c.FPDF_InitLibraryWithConfig(config)
        bases.LIBRARY_AVAILABLE = True
        _pdfium_font_paths = (paths, buffer)
        _configured = True


def ttfont(name: str):
    """The bundled font as a reportlab TTFont registered under ``name`` (embedded as a subset)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont(name, str(font_path()), subfontIndex=FONT_INDEX)
    pdfmetrics.registerFont(font)
    return font


configure_pdfium()
