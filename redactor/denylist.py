"""Per-case trade-secret deny lists (法释〔2016〕19号 第十条第一款第（三）项).

A clerk who knows what a case's secrets are (a formula's name, a process code, a customer)
hands in a plain text file; every mention of every term in that document is masked, with
no review, because a person already decided. Where the list is:

* next to the document: ``NAME.denylist.txt`` (NAME without the extension) or
  ``NAME.EXT.denylist.txt``;
* or in a folder passed on the command line (``--denylist-dir DIR``): the same names directly
  in DIR, or under DIR at the document's path relative to its input folder
  (``DIR/civil/a.denylist.txt`` for input ``civil/a.docx``).

Every list found applies (their union). File format: UTF-8 (a BOM is fine), one term a line,
``#`` starts a comment line, blank lines are ignored. A term shorter than two characters is
refused (it would mask half the judgment): the document fails rather than be published with
its secret half-handled. Error messages name the file and line, never a term.

Matching works on the extracted text (``doc.text``), so a term split over DOCX runs is one
string already; a line break (PDF), spaces or a soft hyphen between two characters of a
term still match, and so does a full-width variant. Latin letters match in any case; a term
that begins or ends with a letter or digit does not match inside a longer word or number.
"""

from __future__ import annotations

import os
from pathlib import Path

import regex

from redactor.document import Category, Finding
from redactor.errors import RedactorError
from redactor.width_fold import fold_width

SUFFIX = ".denylist.txt"
SOURCE = "denylist"
MIN_TERM_CHARS = 2
# Between two characters of a term: whitespace, a line break, a soft hyphen, or a
# hyphen that ends a line (a PDF hyphenating a Latin code).
_GAP = r"(?:[\s\u00ad\u200b]|-[ \t]*\r?\n)*"


class DenylistError(RedactorError):
    reason = "bad_denylist"


def denylist_paths(doc_path: Path, denylist_dir: Path | None = None, rel: str | None = None) -> list[Path]:
    """The deny-list files that apply to one document, in a stable order."""
    # Asked twice per document (its manifest fingerprint, its findings), and almost always
    # answered "none": the candidates are built and stat'ed as plain strings (pathlib's
    # parsing cost more than the stat calls themselves).
    doc = os.fspath(doc_path)
    folder, name = os.path.split(doc)
    stem = Path(name).stem
    names = [stem + SUFFIX, name + SUFFIX]
    candidates = [os.path.join(folder, n) for n in names]
    if denylist_dir is not None:
        d = os.fspath(denylist_dir)
        candidates += [os.path.join(d, n) for n in names]
        if rel:
            r = Path(rel)
            sub = os.path.join(d, os.fspath(r.parent))
            candidates += [os.path.join(sub, r.stem + SUFFIX), os.path.join(sub, r.name + SUFFIX)]
    out: list[Path] = []
    for c in candidates:
        if os.path.isfile(c):
            p = Path(c)
            if p not in out:
                out.append(p)
    return out


def parse_denylist(path: Path) -> list[str]:
    """The terms of one deny-list file. Raises DenylistError (value-free message)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DenylistError(f"deny list {path.name} cannot be read ({type(exc).__name__})") from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DenylistError(f"deny list {path.name} is not UTF-8 text") from exc
    terms: list[str] = []
    for lineno, line in enumerate(content.splitlines(), 1):
        term = line.strip()
        if not term or term.startswith("#"):
            continue
        if len(regex.sub(r"\s", "", term)) < MIN_TERM_CHARS:
            raise DenylistError(f"deny list {path.name} line {lineno}: a term needs at least {MIN_TERM_CHARS} characters")
        if term not in terms:
            terms.append(term)
    return terms


def load_denylist(doc_path: Path, denylist_dir: Path | None = None, rel: str | None = None) -> list[str]:
    """Union of the terms of every deny list that applies to the document (may be empty)."""
    terms: list[str] = []
    for p in denylist_paths(doc_path, denylist_dir, rel):
        for t in parse_denylist(p):
            if t not in terms:
                terms.append(t)
    return terms


def term_pattern(term: str) -> str:
    """A regex for one term over width-folded text: any gap between its characters."""
    chars = [c for c in fold_width(term) if not c.isspace()]
    # A hyphen inside a term may be gone where a PDF reader joined a hyphenated line break
    # (HX-2000 printed as HX- / 2000 is read as HX2000).
    body = _GAP.join("-?" if c == "-" else regex.escape(c) for c in chars)
    if chars[0].isascii() and chars[0].isalnum():
        body = r"(?<![0-9A-Za-z])" + body
    if chars[-1].isascii() and chars[-1].isalnum():
        body = body + r"(?![0-9A-Za-z])"
    return body


def denylist_findings(text: str, terms: list[str]) -> list[Finding]:
    """One TRADE_SECRET finding per mention of a term in ``text`` (offsets into ``text``).

    Longer terms win where terms overlap (星光配方A over 星光配方): the alternation tries
    them first. ``attrs["denylist"]`` tells the policy this is a clerk's term, masked
    without review; ``attrs["term_index"]`` says which line, never the term itself.
    """
    if not terms or not text:
        return []
    order = sorted(range(len(terms)), key=lambda i: len(terms[i]), reverse=True)
    pattern = regex.compile("|".join(f"(?P<t{i}>{term_pattern(terms[i])})" for i in order), regex.IGNORECASE)
    folded = fold_width(text)
    out: list[Finding] = []
    for m in pattern.finditer(folded):
        idx = int(m.lastgroup[1:])
        out.append(Finding(m.start(), m.end(), Category.TRADE_SECRET.value, SOURCE, 1.0, text[m.start():m.end()],
                           {"denylist": True, "term_index": idx}))
    return out


def metadata_hits(metadata: dict[str, str], terms: list[str]) -> list[str]:
    """Keys of metadata values that mention a term (the writer must drop or clean them)."""
    if not terms:
        return []
    pattern = regex.compile("|".join(term_pattern(t) for t in terms), regex.IGNORECASE)
    return sorted(k for k, v in metadata.items() if isinstance(v, str) and pattern.search(fold_width(v)))


def denylist_fingerprint(doc_path: Path, denylist_dir: Path | None = None, rel: str | None = None) -> str:
    """A hash of the deny lists that apply to a document ("" if none): a resumed run must redo
    a document whose list changed (the batch manifest keys on it)."""
    import hashlib

    paths = denylist_paths(doc_path, denylist_dir, rel)
    if not paths:
        return ""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode("utf-8") + b"\0")
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"<unreadable>")
        h.update(b"\0")
    return h.hexdigest()[:16]
