"""TXT reader: detect the encoding from the bytes, never guess silently.

Order: a BOM (UTF-8, UTF-16 LE/BE) wins; then strict UTF-8; then strict GB18030 (a
superset of GBK and GB2312). Anything else is not readable text and fails closed.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from redactor.document import Document, DocumentFormat, OffsetMap
from redactor.errors import UnreadableDocument

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises UnreadableDocument when no encoding fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(f"byte order mark says {enc} but the bytes are not", "bad_encoding") from exc
    if b"\x00" in data:
        raise UnreadableDocument("binary content (NUL bytes) in a text file", "binary_content")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, enc
    raise UnreadableDocument("not UTF-8, UTF-16 with BOM or GB18030 text", "bad_encoding")


# Control characters other than \t \n \f \r, and the Private Use Area (what a wrong
# decoding of binary or of a legacy encoding produces).
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    # findall in C: the per-character Python loop this replaces cost as much as detection
    bad = len(_NOT_TEXT.findall(text))
    return bad / len(text) < 0.01


def read(path: Path) -> Document:
    data = Path(path).read_bytes()
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise UnreadableDocument("the file has no text", "empty")
    # Normalise line endings for detection; the writer restores CRLF if the source used it.
    newline = "\r\n" if "\r\n" in text else "\n"
    norm = text.replace("\r\n", "\n")
    omap = OffsetMap()
    omap.add(0, len(norm), ("txt",), 0)
    return Document(
        path=Path(path),
        format=DocumentFormat.TXT,
        text=norm,
        offset_map=omap,
        sha256=hashlib.sha256(data).hexdigest(),
        source_info={"encoding": encoding, "newline": newline},
    )
