"""OFD (GB/T 33190-2016), China's fixed-layout format, redacted in place (issue 19).

``read`` (reader.py) maps every TextCode character back to its part and glyph; ``write``
(writer.py) removes the masked glyphs, draws the replacement and strips what the package
hides; ``extract`` gives verify every reading of a published file:

* this package's reader (the text layer as the detectors saw it);
* easyofd, an independent OFD parser, where it is installed (``pip install redactor[ofd]``:
  it pulls PyMuPDF, so it is an extra, not a dependency); a file it cannot parse fails;
* every XML part, decompressed: its raw characters and its text and attribute values
  joined (a value split over TextCodes, or hidden in a part no viewer shows).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from redactor.formats.ofd.reader import read
from redactor.formats.ofd.writer import write

name = "ofd"
suffixes = (".ofd",)

__all__ = ["name", "suffixes", "read", "write", "extract"]


def _xml_views(pkg) -> list[str]:
    from redactor.formats.ofd.package import parse_xml

    out = []
    for member in pkg.names:
        if not member.lower().endswith(".xml"):
            continue
        data = pkg.read(member)
        out.append(data.decode("utf-8", errors="replace"))
        root = parse_xml(data, member)
        values = []
        for el in root.iter():
            values.append(el.text or "")
            values.extend(el.attrib.values() if isinstance(el.tag, str) else ())
        out.append("".join(values))
    out.append("\n".join(pkg.names))
    return out


def easyofd_texts(path: Path) -> list[str] | None:
    """The text easyofd reads, one string per page; None where easyofd is not installed."""
    try:
        from loguru import logger
        import io
        import contextlib
        import warnings

        logger.disable("easyofd")
        # easyofd prints as it parses; PyMuPDF warns that easyofd imports it as ``fitz``
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from easyofd.ofd import OFD
    except ImportError:
        return None
    from redactor.errors import VerificationFailed

    try:
        with contextlib.redirect_stdout(io.StringIO()):
            o = OFD()
            o.read(str(path), fmt="path")
    except Exception as exc:  # noqa: BLE001 - whatever the parser trips on, the file is refused
        raise VerificationFailed(f"the independent OFD reader cannot read the written file ({type(exc).__name__})",
                                 "verify_unreadable") from None
    pages = []
    for d in o.data or []:
        for _, page in sorted((d.get("page_info") or {}).items(), key=lambda kv: str(kv[0])):
            pages.append("".join(str(c.get("text", "")) for c in page.get("text_list", [])))
    return pages


def extract(path: Path, **options: Any) -> list[str]:
    from redactor.formats.ofd.package import Package
    from redactor.formats.ofd.reader import read_package

    path = Path(path)
    pkg = Package(path.read_bytes())
    texts = [read_package(pkg, path, "").text]
    independent = easyofd_texts(path) if options.get("independent", True) else None
    if independent is not None:
        texts.append("\n".join(independent))
    texts += _xml_views(pkg)
    return texts
