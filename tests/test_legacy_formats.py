""".doc, .wps, .rtf and .odt judgments through the LibreOffice conversion (redactor/formats/legacy/convert.py).

The inputs are made the way courts make them: a DOCX written with python-docx (a table, a
header, a footer) saved by LibreOffice as .doc, .rtf and .odt; LibreOffice cannot write .wps,
so the .wps is a .doc renamed, as WPS files often are. Each is redacted end to end with
``redact run`` and the published DOCX is read back by every DOCX reader we have. Corrupt and
hostile variants fail closed with a reason. Tests that need LibreOffice skip without it; the
"LibreOffice absent" tests hide it from PATH and run everywhere.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEGACY_SAMPLES = ROOT / "corpus_samples_legacy"
SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
# .doc and .wps are checked against antiword's reading of the original
needs_antiword = pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed")

# What the policy masks (Art. 6-7: party names, ID, phones, the address below the district)
MASKED = ("张伟", "李娜", "110101198001011234", "13812345678", "13912345678", "建国路88号")
# and what it keeps (Art. 11-13: judges, clerk, the court, the case number, statute titles)
KEPT = ("王明", "赵丽", "北京市朝阳区人民法院", "（2023）京0105民初1234号", "《中华人民共和国民法典》", "张某")

BODY = [
    "北京市朝阳区人民法院",
    "民事判决书",
    "（2023）京0105民初1234号",
    "原告：张伟，男，1980年1月1日出生，汉族，身份证号110101198001011234，住北京市朝阳区建国路88号，"
    "电话13812345678。",
    "被告：李娜，女，1985年3月2日出生，汉族，住北京市朝阳区。",
    "原告张伟与被告李娜民间借贷纠纷一案，本院依法适用简易程序，公开开庭进行了审理。",
    "本院认为，依照《中华人民共和国民法典》第六百六十七条的规定，判决如下：",
    "被告李娜于本判决生效之日起十日内偿还原告张伟借款人民币50000元。",
]
SIGNATURE = ["审判员　王明", "二〇二三年六月一日", "书记员　赵丽"]


def _judgment_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "北京市朝阳区人民法院　（2023）京0105民初1234号"
    d.sections[0].footer.paragraphs[0].text = "原告张伟联系电话13812345678"
    for line in BODY:
        d.add_paragraph(line)
    table = d.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, (("当事人", "姓名", "电话"), ("被告", "李娜", "13912345678"))):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    # Hidden text (Word's "hidden" font attribute) and a field whose result is a party's
    # phone: both survive the conversion and must be masked like the visible text.
    hidden = d.add_paragraph("附：").add_run("被告李娜电话13912345678")
    hidden.font.hidden = True
    _add_field(d.add_paragraph("联系人："), "DOCPROPERTY Contact", "李娜13912345678")
    for line in SIGNATURE:
        d.add_paragraph(line)
    d.save(str(path))


def _add_field(paragraph, instruction: str, result: str) -> None:
    """A complex field (begin, instruction, separate, result, end), as Word writes one."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, result), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == instruction else "w:t")
            el.text = text
        run_with(el)


def _soffice_convert(src: Path, fmt: str, outdir: Path, profile: Path) -> Path:
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=180, env=dict(os.environ, HOME=str(profile)))
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.is_file(), f"LibreOffice did not write {out.name}"
    return out


def _redact(inputs: Path, out: Path, path_env: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, REDACTOR_HMAC_KEY="test-key")
    if path_env is not None:
        env["PATH"] = path_env
    return subprocess.run([sys.executable, "-m", "redactor.cli", "run", str(inputs), "--out", str(out),
                           "--policy", "strict", "--workers", "2"],
                          capture_output=True, text=True, env=env, timeout=900)


def _by_input(out: Path) -> dict[str, dict]:
    return {d["input"]: d for d in json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"]}


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _every_docx_reading(path: Path) -> list[str]:
    """What anyone can read in a published DOCX: our reader, python-docx (body, tables,
    headers, footers, properties), every zip member's bytes and XML text, and verify's view."""
    import docx
    from lxml import etree

    from redactor.formats.docx import reader as docx_reader
    from redactor.formats import docx as docx_format

    ours = docx_reader.read(path)
    texts = [ours.text, *ours.metadata.values()]
    d = docx.Document(str(path))
    texts += [p.text for p in d.paragraphs]
    texts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    for s in d.sections:
        for part in (s.header, s.footer, s.first_page_header, s.first_page_footer, s.even_page_header,
                     s.even_page_footer):
            texts += [p.text for p in part.paragraphs]
    cp = d.core_properties
    texts += [str(getattr(cp, a) or "") for a in ("author", "title", "subject", "keywords", "comments",
                                                     "last_modified_by", "category")]
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            raw = z.read(name)
            texts.append(raw.decode("utf-8", "ignore"))
            if name.endswith((".xml", ".rels")):
                texts.append("".join(etree.fromstring(raw).itertext()))
    texts += docx_format.extract(path)
    return texts


# --- the inputs ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """judgment.docx and its .doc/.rtf/.odt made by LibreOffice (plus the .wps: a .doc renamed)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice not installed")
    base = tmp_path_factory.mktemp("made")
    src = base / "judgment.docx"
    _judgment_docx(src)
    out = {}
    for fmt in ("doc", "rtf", "odt"):
        out[fmt] = _soffice_convert(src, fmt, base, base / "profile").read_bytes()
    out["wps"] = out["doc"]
    out["docx"] = src.read_bytes()
    return out


def _hostile(made: dict[str, bytes]) -> dict[str, tuple[bytes, tuple[str, ...]]]:
    """name -> (bytes, the reason codes it may fail with)."""
    import olefile

    doc, rtf, odt = made["doc"], made["rtf"], made["odt"]
    # fEncrypted set in the Word FIB (what Word writes for a password-protected .doc)
    ole = olefile.OleFileIO(doc, write_mode=True)
    stream = bytearray(ole.openstream("WordDocument").read())
    stream[11] |= 0x01
    ole.write_stream("WordDocument", bytes(stream))
    encrypted_doc = ole.fp.getvalue()
    ole.close()

    def odt_with(name: str, data: bytes) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(odt)) as zin, zipfile.ZipFile(buf, "w") as zout:
            for info in zin.infolist():
                zout.writestr(info, data if info.filename == name else zin.read(info.filename))
        return buf.getvalue()

    with zipfile.ZipFile(io.BytesIO(odt)) as z:
        manifest, content = z.read("META-INF/manifest.xml"), z.read("content.xml")
    encrypted_manifest = manifest.replace(
        b'manifest:full-path="content.xml"',
        b'manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1"/'
        b'></manifest:file-entry><manifest:file-entry manifest:media-type="" manifest:full-path="x"', 1)
    # A paragraph in the body but outside office:text: an ODF reader sees it, LibreOffice
    # drops it from the conversion (tried with 7.4: so do paragraphs among the font and
    # style declarations).
    lost_content = content.replace(b"</office:body>", "<text:p>原告张伟的银行卡号</text:p></office:body>".encode(), 1)
    assert lost_content != content and encrypted_manifest != manifest
    rtf_object = rtf.replace(b"\\pard", b"{\\object\\objemb{\\*\\objdata 01050000}}\\pard", 1)
    return {
        "hostile/truncated.doc": (doc[: len(doc) // 2], ("corrupt", "conversion_failed")),
        "hostile/random_bytes.doc": (bytes((i * 97 + 13) % 256 for i in range(20000)), ("wrong_extension",)),
        "hostile/encrypted.doc": (encrypted_doc, ("encrypted",)),
        "hostile/text_named.wps": ("原告张伟身份证号110101198001011234".encode("utf-8"), ("wrong_extension",)),
        "hostile/truncated.rtf": (rtf[: len(rtf) // 2], ("truncated",)),
        "hostile/object.rtf": (rtf_object, ("embedded_object",)),
        "hostile/truncated.odt": (odt[: len(odt) // 2], ("corrupt",)),
        "hostile/encrypted.odt": (odt_with("META-INF/manifest.xml", encrypted_manifest), ("encrypted",)),
        "hostile/lost_paragraph.odt": (odt_with("content.xml", lost_content), ("conversion_text_lost",)),
        "hostile/docx_named.doc": (made["docx"], ("wrong_extension",)),
    }


@pytest.fixture(scope="module")
def mixed_run(made, tmp_path_factory):
    base = tmp_path_factory.mktemp("mixed")
    inputs = base / "in"
    (inputs / "hostile").mkdir(parents=True)
    for fmt in ("doc", "wps", "rtf", "odt"):
        (inputs / f"judgment.{fmt}").write_bytes(made[fmt])
    _judgment_docx(inputs / "judgment.docx")  # same name, another format: both published
    hostile = _hostile(made)
    for rel, (data, _) in hostile.items():
        (inputs / rel).write_bytes(data)
    before = _tree_digest(inputs)
    import tempfile

    folders_before = set(Path(tempfile.gettempdir()).glob("redactor-convert-*"))
    run = _redact(inputs, base / "out")
    left = set(Path(tempfile.gettempdir()).glob("redactor-convert-*")) - folders_before
    return inputs, base / "out", run, (before, left), hostile


@needs_libreoffice
@pytest.mark.parametrize("fmt", [pytest.param("doc", marks=needs_antiword), pytest.param("wps", marks=needs_antiword),
                                 "rtf", "odt"])
def test_published_as_docx_with_nothing_masked_left_and_kept_values_kept(mixed_run, fmt):
    _, out, run, _, _ = mixed_run
    entry = _by_input(out)[f"judgment.{fmt}"]
    assert entry["status"] == "published", entry["reason"]
    assert entry["output"] == f"judgment.{fmt}.docx"
    assert entry["writer"]["converted_from"] == fmt and entry["writer"]["converter"].startswith("LibreOffice")
    texts = _every_docx_reading(out / entry["output"])
    joined = "\n".join(texts)
    for value in MASKED:
        assert value not in joined, f"a masked {fmt} value is readable in the published DOCX"
    body = texts[0]
    for value in KEPT:
        assert value in body, f"a kept value is missing from the published {fmt}"
    # the table cell, the header and footer, the hidden run and the field's result came
    # through the conversion, masked
    assert "李某" in body and body.count("×××") >= 5 and "联系人：" in body


@needs_libreoffice
def test_docx_of_the_same_name_is_published_beside_them(mixed_run):
    _, out, _, _, _ = mixed_run
    assert _by_input(out)["judgment.docx"]["output"] == "judgment.docx"
    assert (out / "judgment.docx").is_file() and (out / "judgment.doc.docx").is_file()


@needs_libreoffice
def test_hostile_variants_fail_closed_with_a_reason(mixed_run):
    _, out, run, _, hostile = mixed_run
    by = _by_input(out)
    wrong = []
    for rel, (_, codes) in hostile.items():
        d = by[rel]
        if d["status"] != "failed" or d["reason_code"] not in codes or not d["reason"]:
            wrong.append(f"{rel}: {d['status']}/{d['reason_code']} ({d['reason']}), expected one of {codes}")
        assert not (out / (rel + ".docx")).exists() and not (out / rel).exists()
    assert not wrong, "\n".join(wrong)
    assert run.returncode == 1  # some failed


@needs_libreoffice
def test_no_value_in_console_report_or_audit(mixed_run):
    _, out, run, _, _ = mixed_run
    seen = run.stdout + run.stderr + (out / "report.json").read_text(encoding="utf-8") \
        + (out / "audit.jsonl").read_text(encoding="utf-8")
    for value in MASKED:
        assert value not in seen


@needs_libreoffice
@needs_antiword
def test_inputs_untouched_and_no_private_folder_left(mixed_run):
    inputs, out, _, (before, left), _ = mixed_run
    assert _tree_digest(inputs) == before  # no LibreOffice lock file beside an input either
    assert not left, "a private conversion folder was left behind"
    assert not [p for p in out.rglob("*") if p.name.startswith(".~lock")]


@needs_libreoffice
@needs_antiword
def test_audit_names_the_original_bytes(mixed_run):
    inputs, out, _, _, _ = mixed_run
    sha = hashlib.sha256((inputs / "judgment.doc").read_bytes()).hexdigest()
    records = [json.loads(line) for line in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = [r for r in records if r.get("type") == "document" and r.get("input") == "judgment.doc"]
    assert docs and docs[-1]["input_sha256"] == sha and docs[-1]["status"] == "published"


@needs_libreoffice
@needs_antiword
def test_second_run_reuses_the_converted_documents(mixed_run, tmp_path):
    inputs, out, _, _, _ = mixed_run
    again = _redact(inputs, out)
    by = _by_input(out)
    assert again.returncode == 1
    assert all(by[f"judgment.{f}"].get("reused") for f in ("doc", "wps", "rtf", "odt"))


# --- without LibreOffice ---------------------------------------------------------------------


def _path_without_libreoffice(tmp: Path) -> str:
    """PATH with only an empty folder: soffice and antiword are not found (python is run by
    its absolute path)."""
    empty = tmp / "empty-bin"
    empty.mkdir()
    return str(empty)


def test_without_libreoffice_each_legacy_file_fails_with_the_package_to_install(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for fmt in ("doc", "wps", "rtf", "odt"):
        shutil.copy(LEGACY_SAMPLES / f"criminal_fraud.{fmt}", inputs / f"criminal_fraud.{fmt}")
    run = _redact(inputs, tmp_path / "out", path_env=_path_without_libreoffice(tmp_path))
    assert run.returncode == 1, run.stderr
    by = _by_input(tmp_path / "out")
    for fmt in ("doc", "wps", "rtf", "odt"):
        d = by[f"criminal_fraud.{fmt}"]
        assert d["status"] == "failed" and d["reason_code"] == "converter_missing"
        assert "libreoffice-writer-nogui" in d["reason"]
    assert not list((tmp_path / "out").glob("*.docx"))


def test_readme_main_command_needs_no_libreoffice(tmp_path):
    """corpus_samples/ holds no legacy format: the README's first command exits 0 on a
    machine without LibreOffice (the legacy samples live in corpus_samples_legacy/)."""
    from redactor.formats.legacy.convert import CONVERTED_SUFFIXES

    samples = ROOT / "corpus_samples"
    assert not [p for p in samples.rglob("*") if p.suffix.lower() in CONVERTED_SUFFIXES]
    assert {p.suffix for p in LEGACY_SAMPLES.iterdir() if p.suffix in CONVERTED_SUFFIXES} == set(CONVERTED_SUFFIXES)


@needs_libreoffice
@needs_antiword
def test_legacy_samples_all_published(tmp_path):
    run = _redact(LEGACY_SAMPLES, tmp_path / "out")
    assert run.returncode == 0, run.stdout + run.stderr
    by = _by_input(tmp_path / "out")
    assert sorted(by) == sorted(p.name for p in LEGACY_SAMPLES.iterdir()
                                if p.suffix in (".doc", ".wps", ".rtf", ".odt"))
    assert all(d["status"] == "published" and d["output"].endswith(".docx") for d in by.values())
    # The sample's ground truth (corpus_samples/.truth): no masked value in any reading of
    # any published file, every kept person (judge, clerk, lawyer) still in the text.
    truth = json.loads((ROOT / "corpus_samples" / ".truth" / "criminal_fraud.json").read_text(encoding="utf-8"))
    masked = {it["value"] for it in truth["items"] if it["strict"] == "mask" and len(it["value"]) >= 2}
    kept = {it["value"] for it in truth["items"] if it["strict"] == "keep" and it["category"] == "PERSON"}
    assert masked and kept
    for d in by.values():
        texts = _every_docx_reading(tmp_path / "out" / d["output"])
        joined = "\n".join(texts)
        assert not [v for v in masked if v in joined], f"{d['input']}: masked values readable"
        assert not [v for v in kept if v not in texts[0]], f"{d['input']}: kept names lost"


@needs_libreoffice
def test_a_conversion_past_its_time_limit_fails_and_leaves_nothing(made, tmp_path):
    import tempfile

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "judgment.rtf").write_bytes(made["rtf"])
    before = set(Path(tempfile.gettempdir()).glob("redactor-convert-*"))
    env = dict(os.environ, REDACTOR_HMAC_KEY="test-key", REDACTOR_CONVERT_TIMEOUT_S="0.05")
    run = subprocess.run([sys.executable, "-m", "redactor.cli", "run", str(inputs), "--out", str(tmp_path / "out"),
                          "--policy", "strict"], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 1
    d = _by_input(tmp_path / "out")["judgment.rtf"]
    assert d["status"] == "failed" and d["reason_code"] == "conversion_timeout", d
    assert not (tmp_path / "out" / "judgment.rtf.docx").exists()
    assert set(Path(tempfile.gettempdir()).glob("redactor-convert-*")) <= before
    # the killed LibreOffice took its children with it: no soffice left on the private profile
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert not [line for line in ps.splitlines() if "soffice" in line and "redactor-convert-" in line]
