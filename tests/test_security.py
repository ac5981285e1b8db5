"""Security of what a run writes: published files sanitised (read as raw bytes), no clear value
in any byte the run writes, the audit trail's keys, seals, tamper detection and encrypted
originals. Everything runs the real ``redact`` command on generated TXT, DOCX and PDF files."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.hostile_corpus import (
    DOCX_HIDDEN_MARKERS,
    HIDDEN_MARKERS,
    ID,
    JS_MARKER,
    JUDGMENT_TEXT,
    NAME,
    PHONE,
    SECRETS,
    docx_bytes,
    hidden_data_docx,
    hidden_text_docx,
    pdf_bytes,
    pdf_hidden_layer,
    pdf_incremental_update,
    pdf_with_annotation,
    pdf_with_attachment,
    pdf_with_form_field,
    pdf_with_form_xobject,
    pdf_with_javascript,
    pdf_with_metadata,
)

# Under the strict profile the party's name is anonymised too (曹兰 -> 曹某).
MASKED = SECRETS + (NAME,)
HIDDEN = tuple(HIDDEN_MARKERS.values()) + tuple(DOCX_HIDDEN_MARKERS.values()) + (JS_MARKER,)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def redact(*args: str, env: dict | None = None) -> Result:
    """The real ``redact`` command: in a subprocess when it starts worker processes, else in
    this process through typer's runner (the same code, without a Python start-up each)."""
    if args[0] == "run" and "--executor" not in args:
        p = subprocess.run([sys.executable, "-m", "redactor.cli", *args], capture_output=True, text=True,
                           env=env, timeout=300)
        return Result(p.returncode, p.stdout, p.stderr)
    from typer.testing import CliRunner

    from redactor.cli import app

    overrides: dict = {}
    if env is not None:
        overrides = {k: v for k, v in env.items() if os.environ.get(k) != v}
        overrides.update({k: None for k in os.environ if k not in env})
    r = CliRunner().invoke(app, list(args), env=overrides)
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return Result(r.exit_code, r.stdout, r.stderr)


def keyfile(path: Path, env: dict) -> Path:
    proc = redact("audit", "keygen", str(path), env=env)
    assert proc.returncode == 0, proc.stderr
    assert path.stat().st_mode & 0o077 == 0
    return path


def make_inputs(src: Path) -> None:
    good_pdf = pdf_bytes()
    files = {
        "txt/utf8.txt": JUDGMENT_TEXT.encode("utf-8"),
        "txt/gbk.txt": JUDGMENT_TEXT.encode("gbk"),
        "docx/plain.docx": docx_bytes(),
        "docx/hidden_data.docx": hidden_data_docx(),
        "docx/hidden_text.docx": hidden_text_docx(),
        "pdf/plain.pdf": good_pdf,
        "pdf/annotations.pdf": pdf_with_annotation(good_pdf),
        "pdf/attachment.pdf": pdf_with_attachment(good_pdf),
        "pdf/javascript.pdf": pdf_with_javascript(good_pdf),
        "pdf/metadata_xmp.pdf": pdf_with_metadata(good_pdf),
        "pdf/form_field.pdf": pdf_with_form_field(good_pdf),
        "pdf/form_xobject.pdf": pdf_with_form_xobject(),
        "pdf/hidden_layer.pdf": pdf_hidden_layer(),
        "pdf/incremental_update.pdf": pdf_incremental_update(
            pdf_bytes(JUDGMENT_TEXT.splitlines() + [HIDDEN_MARKERS["older_revision"] + ID])),
        "bad/scanned.pdf": b"%PDF-1.4\n" + b"\x00" * 100 + b"\n%%EOF\n",  # a failure in the same run
    }
    for rel, data in files.items():
        p = src / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("secure")
    env = dict(os.environ, XDG_CONFIG_HOME=str(root / "config"))
    env.pop("REDACTOR_HMAC_KEY", None)
    hmac_key = keyfile(root / "hmac.key", env)
    reveal_key = keyfile(root / "reveal.key", env)
    src, out = root / "in", root / "out"
    make_inputs(src)
    proc = redact("run", str(src), "--out", str(out), "--ner", "none", "--workers", "2", "--production",
                  "--hmac-key-file", str(hmac_key), "--reveal-key-file", str(reveal_key), env=env)
    assert proc.returncode == 1, proc.stderr  # the one bad input failed, the rest published
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by = {d["input"]: d for d in report["documents"]}
    assert by["bad/scanned.pdf"]["status"] == "failed"
    unpublished = [r for r, d in by.items() if d["status"] != "published" and not r.startswith("bad/")]
    assert not unpublished, [(r, by[r]["reason"]) for r in unpublished]
    return {"root": root, "env": env, "src": src, "out": out, "proc": proc, "report": report,
            "hmac_key": hmac_key, "reveal_key": reveal_key}


# --- every byte the run wrote ------------------------------------------------------------------


def _views(path: Path) -> list[bytes]:
    """The bytes of a file as stored and as any reader would decode them."""
    from redactor.formats.pdf import extract as pdf_texts

    data = path.read_bytes()
    views = [data]
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            views += [zf.read(n) for n in zf.namelist()]
    if data.startswith(b"%PDF-"):
        try:
            views += [re.sub(r"\s+", "", t).encode("utf-8") for t in pdf_texts(path)]
        except Exception:  # noqa: BLE001 - an unreadable input; its raw bytes are searched
            pass
    if path.suffix == ".sqlite":
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            views += [json.dumps(row, ensure_ascii=False).encode() for row in con.execute("SELECT * FROM documents")]
        finally:
            con.close()
    return views


def _encodings(value: str) -> list[bytes]:
    forms = [value.encode(e) for e in ("utf-8", "gb18030", "utf-16-le", "utf-16-be")]
    forms.append(json.dumps(value).strip('"').encode("ascii"))  # \uXXXX escapes
    return forms


def test_no_clear_value_in_any_byte_the_run_wrote(run):
    """OUT (published files decoded, report, audit, manifest, lock, hidden state) and the console."""
    files = [p for p in run["out"].rglob("*") if p.is_file()]
    assert any(p.name == "manifest.sqlite" for p in files) and any(p.name == "audit.jsonl" for p in files)
    console = (run["proc"].stdout + run["proc"].stderr).encode("utf-8")
    views = {f: _views(f) for f in files}
    found = []
    for value in MASKED + HIDDEN:
        forms = _encodings(value)
        for f in files:
            for view in views[f]:
                if any(form in view for form in forms):
                    found.append((value, f.relative_to(run["out"]).as_posix()))
                    break
        if any(form in console for form in forms):
            found.append((value, "console"))
    assert not found


def test_values_are_in_the_inputs_so_the_grep_means_something(run):
    blob = b"".join(v for p in run["src"].rglob("*") if p.is_file() for v in _views(p))
    for value in MASKED:
        assert any(form in blob for form in _encodings(value)), value


# --- sanitised published files, raw bytes --------------------------------------------------------


def _pdf_keys(data: bytes) -> set[str]:
    """Every dictionary key of every object in the file (streams' dictionaries included)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reader = PdfReader(io.BytesIO(data))
    keys: set[str] = set()

    def walk(obj, depth=0):
        if depth > 40 or isinstance(obj, IndirectObject):
            return
        if isinstance(obj, DictionaryObject):
            for k, v in obj.items():
                keys.add(str(k))
                walk(v, depth + 1)
        elif isinstance(obj, ArrayObject):
            for v in obj:
                walk(v, depth + 1)

    walk(reader.trailer)
    for num in range(1, int(reader.trailer.get("/Size", 0))):
        try:
            walk(reader.get_object(num))
        except Exception:  # noqa: BLE001 - a free object number
            continue
    return keys


def test_published_pdfs_keep_nothing_behind_the_text(run):
    from pypdf import PdfReader

    pdfs = list((run["out"] / "pdf").glob("*.pdf"))
    assert len(pdfs) == 9
    for pdf in pdfs:
        data = pdf.read_bytes()
        keys = _pdf_keys(data)
        for key in ("/Annots", "/EmbeddedFile", "/EmbeddedFiles", "/JavaScript", "/JS", "/OpenAction", "/AA",
                    "/AcroForm", "/Metadata", "/OCProperties", "/OC", "/Names", "/Outlines", "/Prev", "/Author",
                    "/Subject", "/Keywords", "/ActualText", "/PieceInfo"):
            assert key not in keys, (pdf.name, key)
        assert data.count(b"%%EOF") == 1, pdf.name  # one revision: no older text below an update
        reader = PdfReader(io.BytesIO(data))
        assert set(reader.metadata or {}) <= {"/Producer"}
        assert set(reader.trailer["/Root"]) <= {"/Type", "/Pages"}, pdf.name


def test_text_of_a_hidden_pdf_layer_is_redacted_like_the_rest(run):
    """Optional content that is OFF is still text a reader extracts: it was read, masked, and the
    layer machinery is gone."""
    from redactor.formats.pdf import extract as published_texts

    texts = "".join(re.sub(r"\s+", "", t) for t in published_texts(run["out"] / "pdf" / "hidden_layer.pdf"))
    assert "隐藏层当事人" in texts and NAME not in texts


def test_published_docx_keeps_no_hidden_parts_or_revisions(run):
    with zipfile.ZipFile(run["out"] / "docx" / "hidden_data.docx") as zf:
        names = set(zf.namelist())
        assert not [n for n in names if n.startswith("customXml/") or "comments" in n or n == "docProps/custom.xml"]
        doc = zf.read("word/document.xml").decode("utf-8")
        core = zf.read("docProps/core.xml").decode("utf-8")
        app = zf.read("docProps/app.xml").decode("utf-8")
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")
        types = zf.read("[Content_Types].xml").decode("utf-8")
    for tag in ("<w:del ", "<w:ins ", "w:delText", "commentReference", "commentRangeStart"):
        assert tag not in doc, tag
    assert "新增内容" in doc  # the insertion was accepted, its text kept
    for tag in ("dc:creator", "cp:lastModifiedBy", "dc:title"):
        assert f"<{tag}>" not in core or f"<{tag}></{tag}>" in core
    assert "<Company>" not in app or "<Company></Company>" in app
    assert "comments" not in rels and "customXml" not in rels and "comments" not in types


def test_hidden_docx_text_is_redacted_and_stays_hidden(run):
    """w:vanish / w:webHidden runs are document text to the reader: values in them are masked
    like visible ones, and the run keeps its hidden formatting (nothing hidden becomes visible)."""
    from lxml import etree

    for name in ("hidden_text.docx", "hidden_data.docx"):
        with zipfile.ZipFile(run["out"] / "docx" / name) as zf:
            root = etree.fromstring(zf.read("word/document.xml"))
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        hidden_runs = [r for r in root.iter(f"{w}r") if r.find(f"{w}rPr/{w}vanish") is not None
                       or r.find(f"{w}rPr/{w}webHidden") is not None]
        assert hidden_runs, name
        hidden_text = "".join(t.text or "" for r in hidden_runs for t in r.iter(f"{w}t"))
        assert ID not in hidden_text and PHONE not in hidden_text
        assert "公民身份号码" in hidden_text or "电话" in hidden_text


# --- audit: keys, seals, tamper detection, encrypted originals ----------------------------------


def test_production_run_records_its_key_and_seals_verify(run):
    recs = [json.loads(x) for x in (run["out"] / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    start = recs[0]
    assert start["type"] == "run_start" and start["key_source"].startswith("file:")
    assert start["encrypted_originals"]["key_id"]
    assert all("seal" in r for r in recs)
    proc = redact("audit", "verify", str(run["out"] / "audit.jsonl"), "--production", "--hmac-key-file",
                  str(run["hmac_key"]), env=run["env"])
    assert proc.returncode == 0 and "seals checked" in proc.stdout, proc.stderr


def test_production_without_a_key_is_a_usage_error(run, tmp_path):
    env = dict(run["env"], REDACTOR_PRODUCTION="1")
    out = tmp_path / "out"
    proc = redact("run", str(run["src"] / "txt"), "--out", str(out), "--ner", "none", "--executor", "inline", env=env)
    assert proc.returncode == 2 and "production run needs an HMAC key" in proc.stderr
    assert not (out / "audit.jsonl").exists() and not list(tmp_path.glob("out/**/*.txt"))
    assert not (Path(run["env"]["XDG_CONFIG_HOME"]) / "redactor" / "dev-hmac.key").exists()
    # a short key, and a key file others can read, are refused too
    proc = redact("run", str(run["src"] / "txt"), "--out", str(out), "--ner", "none", "--executor", "inline",
                  env=dict(env, REDACTOR_HMAC_KEY="short"))
    assert proc.returncode == 2 and "at least 32 bytes" in proc.stderr
    loose = tmp_path / "loose.key"
    loose.write_text("a" * 64)
    loose.chmod(0o644)
    proc = redact("run", str(run["src"] / "txt"), "--out", str(out), "--ner", "none", "--executor", "inline",
                  "--hmac-key-file", str(loose), env=env)
    assert proc.returncode == 2 and "readable by other users" in proc.stderr


def test_development_key_only_outside_production_and_it_shows(run, tmp_path):
    out = tmp_path / "out"
    proc = redact("run", str(run["src"] / "txt"), "--out", str(out), "--ner", "none", "--executor", "inline",
                  env=run["env"])
    assert proc.returncode == 0, proc.stderr
    assert "development key" in proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["hmac_key"]["source"] == "development"
    audit = out / "audit.jsonl"
    assert redact("audit", "verify", str(audit), env=run["env"]).returncode == 0
    # an auditor asking for production guarantees is told no
    proc = redact("audit", "verify", str(audit), "--production", "--hmac-key-file", str(run["hmac_key"]),
                  env=run["env"])
    assert proc.returncode == 1


def _rewrite_chain(lines: list[str]) -> list[str]:
    """What someone without the key can do: recompute every hash after an edit."""
    from redactor.audit import GENESIS, record_hash

    prev, out = GENESIS, []
    for line in lines:
        rec = json.loads(line)
        rec["prev"] = prev
        rec.pop("seal", None)
        rec["hash"] = record_hash(rec)
        prev = rec["hash"]
        out.append(json.dumps(rec, ensure_ascii=False, sort_keys=True))
    return out


def test_verify_detects_every_kind_of_tampering_on_a_real_run(run, tmp_path):
    audit = run["out"] / "audit.jsonl"
    lines = audit.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 6
    span = next(i for i, x in enumerate(lines) if json.loads(x)["type"] == "span")
    edited = json.loads(lines[span])
    edited["replacement"] = "改"
    variants = {
        "edited": lines[:span] + [json.dumps(edited, ensure_ascii=False, sort_keys=True)] + lines[span + 1:],
        "deleted": lines[:span] + lines[span + 1:],
        "inserted": lines[:span + 1] + [lines[span]] + lines[span + 1:],
        "reordered": lines[:span] + [lines[span + 1], lines[span]] + lines[span + 2:],
        "truncated": lines[:-1],
        "cut_mid_record": lines[:-1] + [lines[-1][: len(lines[-1]) // 2]],
        "emptied": [],
        "rehashed_without_key": _rewrite_chain(lines[:span] + [json.dumps(edited)] + lines[span + 1:]),
    }
    for name, variant in variants.items():
        d = tmp_path / name
        d.mkdir()
        (d / "audit.jsonl").write_text("".join(x + "\n" for x in variant), encoding="utf-8")
        proc = redact("audit", "verify", str(d / "audit.jsonl"), "--hmac-key-file", str(run["hmac_key"]),
                      env=run["env"])
        assert proc.returncode == 1, name
        assert "BROKEN" in proc.stderr
    # a whole run cut off the end is caught by the head report.json pinned
    d = tmp_path / "whole_run_cut"
    d.mkdir()
    (d / "audit.jsonl").write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    (d / "report.json").write_text(json.dumps({"audit": {"last_hash": "f" * 64}}), encoding="utf-8")
    assert redact("audit", "verify", str(d / "audit.jsonl"), env=run["env"]).returncode == 1
    # the untouched file verifies, and with a wrong key it does not
    assert redact("audit", "verify", str(audit), "--hmac-key-file", str(run["hmac_key"]),
                  env=run["env"]).returncode == 0
    other = keyfile(tmp_path / "other.key", run["env"])
    proc = redact("audit", "verify", str(audit), "--hmac-key-file", str(other), env=run["env"])
    assert proc.returncode == 1 and "seal" in proc.stderr


def test_reveal_needs_the_reveal_key(run, tmp_path):
    audit = run["out"] / "audit.jsonl"
    spans = [json.loads(x) for x in audit.read_text(encoding="utf-8").splitlines()]
    spans = [r for r in spans if r["type"] == "span"]
    assert spans and all(r["value_enc"]["alg"] == "AES-256-GCM" for r in spans)
    hk = ("--hmac-key-file", str(run["hmac_key"]))
    proc = redact("audit", "reveal", str(audit), "--key-file", str(run["reveal_key"]), *hk, "--json", env=run["env"])
    assert proc.returncode == 0, proc.stderr
    values = {r["value"] for r in json.loads(proc.stdout)}
    assert {ID, PHONE, NAME} <= values
    # one document only
    doc = spans[0]["document"]
    proc = redact("audit", "reveal", str(audit), "--key-file", str(run["reveal_key"]), *hk, "--document", doc,
                  "--json", env=run["env"])
    assert {r["document"] for r in json.loads(proc.stdout)} == {doc}
    # both reveals are in the chain, which still verifies with its key, and hold no value
    lines = audit.read_text(encoding="utf-8").splitlines()
    reveals = [json.loads(x) for x in lines if json.loads(x)["type"] == "reveal"]
    assert [r["document"] for r in reveals[-2:]] == ["*", doc] and reveals[-1]["values"] >= 1
    assert not any(v in line for line in lines if '"reveal"' in line for v in (ID, PHONE, NAME))
    assert redact("audit", "verify", str(audit), *hk, env=run["env"]).returncode == 0
    # the HMAC key, another key, a missing key: nothing revealed, nothing recorded
    for key in (run["hmac_key"], keyfile(tmp_path / "other.key", run["env"])):
        proc = redact("audit", "reveal", str(audit), "--key-file", str(key), *hk, env=run["env"])
        assert proc.returncode == 1 and ID not in proc.stdout + proc.stderr
    proc = redact("audit", "reveal", str(audit), "--key-file", str(tmp_path / "missing.key"), *hk, env=run["env"])
    assert proc.returncode == 2
    # without the audit's own HMAC key: the chain cannot be checked, nothing is revealed
    other_hmac = keyfile(tmp_path / "other_hmac.key", run["env"])
    proc = redact("audit", "reveal", str(audit), "--key-file", str(run["reveal_key"]), "--hmac-key-file",
                  str(other_hmac), env=run["env"])
    assert proc.returncode == 1 and ID not in proc.stdout + proc.stderr
    assert len(audit.read_text(encoding="utf-8").splitlines()) == len(lines)


def test_a_ciphertext_moved_to_another_record_does_not_decrypt(run):
    from redactor.originals import RevealFailed, binding_of, decrypt_value, load_reveal_key

    key = load_reveal_key(run["reveal_key"])
    spans = [json.loads(x) for x in (run["out"] / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    spans = [r for r in spans if r["type"] == "span"]
    a, b = spans[0], next(r for r in spans if r["location"] != spans[0]["location"])
    assert decrypt_value(key, a["value_enc"], binding_of(a))
    with pytest.raises(RevealFailed):
        decrypt_value(key, a["value_enc"], binding_of(b))
    tampered = dict(a["value_enc"], ct=a["value_enc"]["ct"][:-4] + ("AAAA" if not a["value_enc"]["ct"].endswith("AAAA") else "BBBB"))
    with pytest.raises(RevealFailed):
        decrypt_value(key, tampered, binding_of(a))


def test_reveal_key_must_differ_from_the_hmac_key(run, tmp_path):
    proc = redact("run", str(run["src"] / "txt"), "--out", str(tmp_path / "o"), "--ner", "none",
                  "--executor", "inline", "--hmac-key-file", str(run["hmac_key"]), "--reveal-key-file", str(run["hmac_key"]), env=run["env"])
    assert proc.returncode == 2 and "differ" in proc.stderr
