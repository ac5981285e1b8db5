"""Legacy word-processor formats (.doc, .wps, .rtf, .odt) read through a LibreOffice conversion.

The input is copied into a private folder (0700) and converted there to DOCX by
``soffice --headless`` with a profile of its own, no network (a network namespace where
the kernel allows one, a dead proxy in the profile in any case) and a time limit. The
converted DOCX is then read by the DOCX reader and redacted, written and verified by the
DOCX path; the document is published as DOCX (``published_rel``).

Nothing is guessed: a file whose first bytes are not its format's, an encrypted file or
one with embedded objects fails closed, and so does a conversion that drops text. Each
original is read by an extractor independent of LibreOffice (``antiword`` for Word binary
files, ``striprtf`` for RTF, the ODF XML itself for .odt) and every passage it sees must
be in the converted text. Where LibreOffice or the extractor is missing, the document
fails with the package to install.

The Document keeps the original's path (its sidecar and deny lists sit next to it) and
hash (audit, manifest and reviewer decisions name the original); ``source_info`` points
the DOCX writer at the converted file. ``Document.release`` removes the private folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
import weakref
import zipfile
from functools import lru_cache
from pathlib import Path

from redactor.document import Document
from redactor.errors import UnreadableDocument

# suffix -> the container its bytes must be (what LibreOffice would otherwise guess).
CONVERTED_SUFFIXES = {".doc": "ole", ".wps": "ole", ".rtf": "rtf", ".odt": "odt"}
PUBLISHED_SUFFIX = ".docx"
LIBREOFFICE_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui)"
ANTIWORD_HINT = "install antiword (Debian/Ubuntu: apt-get install antiword)"
STRIPRTF_HINT = "install striprtf (pip install striprtf)"
# Seconds one conversion may take (REDACTOR_CONVERT_TIMEOUT_S overrides); a judgment takes 2-4 s.
DEFAULT_TIMEOUT_S = 120.0

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_KIND_WORDS = {"ole": "a Word/WPS binary (OLE) file", "rtf": "an RTF document", "odt": "an OpenDocument text",
               "zip": "a zip package that is not an OpenDocument text"}


def published_rel(rel: str) -> str:
    """Where a document is published under OUT: converted ones as ``<rel>.docx`` (never
    on top of a ``.docx`` of the same name in the same folder)."""
    return rel + PUBLISHED_SUFFIX if Path(rel).suffix.lower() in CONVERTED_SUFFIXES else rel


def read(path: Path) -> Document:
    from redactor.formats.docx import reader as docx_reader

    path = Path(path)
    suffix = path.suffix.lower()
    data = path.read_bytes()
    kind = _sniff(data)
    if kind == "corrupt":
        raise UnreadableDocument(f"the {suffix} file is corrupt (a damaged or truncated zip)", "corrupt")
    if kind != CONVERTED_SUFFIXES[suffix]:
        found = _KIND_WORDS.get(kind, "not a document LibreOffice should open")
        raise UnreadableDocument(f"the file is {found}, not a {suffix} file (wrong extension or corrupt)",
                                 "wrong_extension")
    _refuse_hidden_content(data, kind, suffix)
    soffice = _soffice()
    if soffice is None:
        raise UnreadableDocument(f"{suffix} files are read through LibreOffice, which is not installed: "
                                 f"{LIBREOFFICE_HINT}", "converter_missing")
    independent = _independent_text(data, kind, suffix)

    private = _PrivateFolder()
    folder = private.path
    try:
        converted = _convert(soffice, data, suffix, folder)
        try:
            doc = docx_reader.read(converted)
        except UnreadableDocument as exc:
            raise UnreadableDocument(f"after conversion from {suffix}: {exc}", exc.reason) from None
        missing = _missing_passages(independent, doc.text, _field_results_text(converted))
        if missing:
            raise UnreadableDocument(
                f"the LibreOffice conversion of this {suffix} file lost {missing} passage(s) that an "
                "independent reader finds in the original (hidden text, fields or objects?): not published",
                "conversion_text_lost")
    except BaseException:
        private.close()
        raise
    doc.source_info.update({
        "docx_source_path": str(converted),
        "docx_source_sha256": doc.sha256,
        "converted_from": suffix.lstrip("."),
        "converter": _soffice_version(soffice),
    })
    doc.path = path
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.pages = private
    return doc


class _PrivateFolder:
    """A 0700 folder for the copy, the profile and the converted DOCX. ``Document.release``
    closes it; a caller that never releases the document has it removed when the object
    goes, or at exit."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="redactor-convert-"))  # mode 0700
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self.path), True)

    def close(self) -> None:
        self._cleanup()


# --- what the bytes are, and what they hide ---------------------------------------------


def _sniff(data: bytes) -> str:
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(_bytes_io(data)) as z:
                if "mimetype" not in z.namelist():
                    return "zip"
                with z.open("mimetype") as fh:
                    return "odt" if fh.read(64).strip() == _ODT_MIME else "zip"
        except Exception:  # a truncated or damaged zip
            return "corrupt"
    return "unknown"


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def _refuse_hidden_content(data: bytes, kind: str, suffix: str) -> None:
    """Encryption and embedded objects: LibreOffice would convert what it can and drop or
    keep the rest out of sight of the DOCX reader. Fail closed before converting."""
    if kind == "ole":
        _check_ole(data, suffix)
    elif kind == "rtf":
        _check_rtf_complete(data)
        if re.search(rb"\\(?:object|objdata|objemb|objlink)\b", data):
            raise UnreadableDocument("the RTF document embeds objects whose content cannot be read or redacted",
                                     "embedded_object")
    elif kind == "odt":
        _check_odt(data)


def _check_rtf_complete(data: bytes) -> None:
    """A truncated RTF still converts (LibreOffice keeps what it got): its groups must close."""
    if re.search(rb"\\bin-?\d", data):  # raw binary runs may hold braces; an embedded picture or object
        raise UnreadableDocument("the RTF document holds raw binary data (\\bin) that cannot be checked",
                                 "embedded_object")
    body = re.sub(rb"\\[\\{}]", b"", data)
    depth = 0
    for ch in body:
        if ch == 0x7B:
            depth += 1
        elif ch == 0x7D:
            depth -= 1
            if depth == 0:
                break
    if depth != 0:
        raise UnreadableDocument("the RTF document is truncated (its groups do not close)", "truncated")


def _check_ole(data: bytes, suffix: str) -> None:
    try:
        import olefile
    except ImportError:
        raise UnreadableDocument(f"{suffix} files need the olefile package (pip install olefile)",
                                 "extractor_missing") from None

    try:
        ole = olefile.OleFileIO(data)
    except Exception:
        raise UnreadableDocument(f"the {suffix} file is corrupt (its OLE container cannot be read)",
                                 "corrupt") from None
    try:
        streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=True)}
        if "encryptioninfo" in streams or "encryptedpackage" in streams:
            raise UnreadableDocument(f"the {suffix} file is encrypted", "encrypted")
        if "worddocument" not in streams:
            raise UnreadableDocument(f"the {suffix} file holds no Word/WPS document stream", "corrupt")
        fib = ole.openstream("WordDocument").read(12)
        # FIB flags at 0x0A: fEncrypted (0x0100) and fObfuscated (0x8000, XOR "encryption").
        if len(fib) < 12 or int.from_bytes(fib[10:12], "little") & 0x8100:
            raise UnreadableDocument(f"the {suffix} file is encrypted", "encrypted")
        if any(s == "objectpool" or s.startswith("objectpool/") for s in streams):
            raise UnreadableDocument(f"the {suffix} file embeds objects (ObjectPool) whose content cannot be "
                                     "read or redacted", "embedded_object")
    finally:
        ole.close()


def _check_odt(data: bytes) -> None:
    from redactor.formats.docx.ooxml import open_package  # the zip-bomb limits of the DOCX path

    pkg = open_package(data)
    names = sorted(pkg.names)
    manifest = pkg.read_member("META-INF/manifest.xml") if pkg.has("META-INF/manifest.xml") else b""
    if b"encryption-data" in manifest:
        raise UnreadableDocument("the .odt file is encrypted", "encrypted")
    if any(re.match(r"Object \d+/", n) or n.startswith("ObjectReplacements/") for n in names):
        raise UnreadableDocument("the .odt file embeds objects whose content cannot be read or redacted",
                                 "embedded_object")


# --- the conversion ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@lru_cache(maxsize=4)
def _soffice_version(soffice: str) -> str:
    try:
        out = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=30,
                             env=_clean_env(Path(tempfile.gettempdir()))).stdout
    except (OSError, subprocess.SubprocessError):
        return "LibreOffice"
    m = re.search(r"LibreOffice \d+(?:\.\d+)*", out)
    return m.group(0) if m else "LibreOffice"


@lru_cache(maxsize=1)
def _no_network_prefix() -> tuple[str, ...]:
    """``unshare -rn`` (a user + network namespace: no interface but loopback) where the
    kernel allows it; the profile's dead proxy is there either way."""
    unshare = shutil.which("unshare")
    if not unshare:
        return ()
    try:
        ok = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (unshare, "-rn") if ok else ()


# A fresh profile: every proxy a dead local port, no update check, macros never run.
_INET = "/org.openoffice.Inet/Settings"
_SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting"
_PROFILE_SETTINGS = (
    (_INET, "ooInetProxyType", "2"),
    *((_INET, f"ooInet{proto}Proxy{field}", value)
      for proto in ("HTTP", "HTTPS", "FTP") for field, value in (("Name", "127.0.0.1"), ("Port", "9"))),
    (_SCRIPTING, "MacroSecurityLevel", "3"),
    (_SCRIPTING, "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
     "AutoCheckEnabled", "false"),
)


def _profile_xcu() -> str:
    items = "".join(f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value>'
                    "</prop></item>\n" for path, name, value in _PROFILE_SETTINGS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            f"{items}</oor:items>\n")


def _clean_env(home: Path) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "TMPDIR": str(home),
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "SAL_USE_VCLPLUGIN": "svp"}
    return env


def _timeout_s() -> float:
    try:
        return float(os.environ.get("REDACTOR_CONVERT_TIMEOUT_S", DEFAULT_TIMEOUT_S))
    except ValueError:
        return DEFAULT_TIMEOUT_S


def _convert(soffice: str, data: bytes, suffix: str, folder: Path) -> Path:
    """Convert a private copy (LibreOffice writes a lock file beside what it opens: the
    input and its folder are never touched)."""
    profile, outdir = folder / "profile", folder / "out"
    (profile / "user").mkdir(parents=True, mode=0o700)
    outdir.mkdir(mode=0o700)
    (profile / "user" / "registrymodifications.xcu").write_text(_profile_xcu(), encoding="utf-8")
    copy = folder / f"input{suffix}"
    fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    cmd = [*_no_network_prefix(), soffice, "--headless", "--invisible", "--norestore", "--nolockcheck",
           "--nodefault", "--nologo", f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(copy)]
    timeout = _timeout_s()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=_clean_env(folder), cwd=folder, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise UnreadableDocument(f"the LibreOffice conversion took longer than {timeout:g} s "
                                 "(REDACTOR_CONVERT_TIMEOUT_S)", "conversion_timeout") from None
    except BaseException:
        _kill_group(proc)
        raise
    converted = outdir / "input.docx"
    if proc.returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
        raise UnreadableDocument(f"LibreOffice could not convert this {suffix} file (corrupt, or a format "
                                 f"it does not read; exit status {proc.returncode})", "conversion_failed")
    return converted


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


# --- the independent reading of the original ----------------------------------------------


def _independent_text(data: bytes, kind: str, suffix: str) -> str:
    if kind == "ole":
        return _antiword_text(data, suffix)
    if kind == "rtf":
        return _striprtf_text(data)
    return _odt_text(data)


def _antiword_text(data: bytes, suffix: str) -> str:
    """antiword, not catdoc: catdoc garbles the CJK pieces of a Word 97 file LibreOffice
    wrote (tried on corpus_samples_legacy/criminal_fraud.doc). antiword leaves headers and
    footers out, which only makes the check weaker there, never wrong."""
    antiword = shutil.which("antiword")
    if antiword is None:
        raise UnreadableDocument(f"{suffix} files are checked against an independent reader of the original, "
                                 f"which is not installed: {ANTIWORD_HINT}", "extractor_missing")
    with tempfile.TemporaryDirectory(prefix="redactor-antiword-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        try:
            run = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", str(src)], capture_output=True,
                                 timeout=_timeout_s(), env=_clean_env(Path(tmp)), stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise UnreadableDocument(f"the independent reader (antiword) took too long on this {suffix} file",
                                     "conversion_timeout") from None
    if run.returncode != 0:
        raise UnreadableDocument(f"the independent reader (antiword) cannot read this {suffix} file (corrupt, "
                                 "or not a Word 97-2003 document)", "corrupt")
    return run.stdout.decode("utf-8", "replace")


def _striprtf_text(data: bytes) -> str:
    try:
        from striprtf.striprtf import rtf_to_text
    except ImportError:
        raise UnreadableDocument("RTF files are checked against an independent reader of the original, which "
                                 f"is not installed: {STRIPRTF_HINT}", "extractor_missing") from None
    m = re.search(rb"\\ansicpg(\d+)", data[:4096])
    encoding = f"cp{m.group(1).decode()}" if m else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        return rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except Exception:
        raise UnreadableDocument("the independent reader (striprtf) cannot read this RTF file (corrupt?)",
                                 "corrupt") from None


_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_PARAGRAPHS = {f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"}
_ODF_SPACES = {f"{{{_ODF_TEXT}}}s": " ", f"{{{_ODF_TEXT}}}tab": "\t", f"{{{_ODF_TEXT}}}line-break": "\n"}


def _odt_text(data: bytes) -> str:
    """Every paragraph of content.xml and styles.xml (headers, footers), notes and
    annotations included: their own paragraphs, read on their own."""
    from redactor.formats.docx.ooxml import open_package

    pkg = open_package(data)
    lines: list[str] = []
    for name in ("content.xml", "styles.xml"):
        if not pkg.has(name):
            continue
        for p in pkg.parse(name).iter(*_ODF_PARAGRAPHS):
            lines.append(_odf_paragraph(p))
    return "\n".join(lines)


def _odf_paragraph(p) -> str:
    out: list[str] = [p.text or ""]
    for child in p:
        if not isinstance(child.tag, str):
            pass
        elif child.tag in _ODF_SPACES:
            out.append(_ODF_SPACES[child.tag])
        elif child.tag not in _ODF_PARAGRAPHS and not any(True for _ in child.iter(*_ODF_PARAGRAPHS)):
            out.append(_odf_paragraph(child))
        else:
            out.append("\n")  # a frame, note or annotation: its paragraphs are read on their own
        out.append(child.tail or "")
    return "".join(out)


_SEPARATORS = re.compile(r"[\s|]+")


def _norm(s: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", s))


def _field_results_text(converted: Path) -> str:
    """The converted DOCX's ``w:t`` text only, part by part. The DOCX reader also reads field
    instructions (``w:instrText``: a reader of the file can recover them), which sit between
    the text around a field and its result; antiword shows the result alone."""
    from redactor.formats.docx import ooxml as dx

    pkg = dx.open_package(converted.read_bytes())
    tags = dx.w_tags("t")
    return "\n".join("".join(el.text or "" for el in pkg.parse(name).iter(*tags))
                     for name in sorted(pkg.names) if name.startswith("word/") and name.endswith(".xml"))


def _missing_passages(independent: str, *converted: str) -> int:
    """How many of the independent reader's passages (runs between blanks) are in none of
    the readings of the converted file. Blanks and table rules are ignored on both sides:
    readers lay tables and wrapped lines out differently, but none may lose a character run."""
    readings = [_norm(c) for c in converted]
    chunks = {c for c in (_norm(x) for x in _SEPARATORS.split(unicodedata.normalize("NFKC", independent))) if c}
    return sum(1 for c in chunks if not any(c in r for r in readings))
