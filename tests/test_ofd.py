"""OFD (GB/T 33190-2016) redacted in place (redactor/formats/ofd, issue 19).

The inputs are real OFD packages written by the fixture writer (redactor/formats/ofd/make.py:
one TextObject per line, TextCode X/Y/DeltaX, fonts in PublicRes, a template, DocInfo,
annotation, attachment, custom tag, signature, version) and the corpus sample
civil_loan_court.ofd. Every run goes through ``redact run``; the published files are read
back by this package's reader, by easyofd (an independent parser, skipped where it is not
installed) and as raw XML. Corrupt and hostile variants fail closed with a reason while the
rest of the batch is published.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from redactor.formats.ofd import easyofd_texts, extract
from redactor.formats.ofd.make import make_ofd
from redactor.formats.ofd.package import Package, descendants
from redactor.formats.ofd.reader import font_size, parse_deltas, positions, read, text_codes
from redactor.formats.ofd.writer import REPLACEMENT_FONT

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus_samples" / "civil_loan_court.ofd"
TRUTH = ROOT / "corpus_samples" / ".truth" / "civil_loan_court.json"

try:
    import easyofd  # noqa: F401

    HAVE_EASYOFD = True
except ImportError:
    HAVE_EASYOFD = False
needs_easyofd = pytest.mark.skipif(not HAVE_EASYOFD, reason="easyofd not installed (pip install redactor[ofd])")

MASKED = ("张伟", "李娜", "110101198001011234", "13812345678", "建国路88号")
KEPT = ("王明", "北京市朝阳区人民法院", "（2023）京0105民初1234号", "《中华人民共和国民法典》")
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
    "审判员　王明",
    "二〇二三年六月一日",
]
NAMED_HEADER = "张伟诉李娜民间借贷纠纷"
# paragraphs with no value to mask, to fill a second page
FILLER = ["本院认为，当事人对自己提出的诉讼请求所依据的事实，有责任提供证据加以证明。"] * 20


def _judgment(**extra) -> bytes:
    opts = dict(title="张伟诉李娜", author="李娜", custom={"当事人": "张伟"}, header="北京市朝阳区人民法院",
                annotation="张伟已签收", attachment="原告张伟电话13812345678".encode(), custom_tag="李娜",
                signature=True, version=True)
    opts.update(extra)
    return make_ofd(BODY, **opts)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(members: dict[str, bytes], encrypted: str = "") -> bytes:
    """A zip of ``members``; the member named ``encrypted`` is flagged as encrypted (bit 0
    of its local and central headers, as a password-protecting zip tool sets it)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, body)
    data = bytearray(buf.getvalue())
    if encrypted:
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(encrypted)
        data[info.header_offset + 6] |= 1
        central = data.find(b"PK\x01\x02")
        while central >= 0:
            n = int.from_bytes(data[central + 28:central + 30], "little")
            if data[central + 46:central + 46 + n] == encrypted.encode():
                data[central + 8] |= 1
                break
            central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def _redact(inputs: Path, out: Path) -> tuple[subprocess.CompletedProcess, dict]:
    run = subprocess.run([sys.executable, "-m", "redactor.cli", "run", str(inputs), "--out", str(out),
                          "--policy", "strict"], capture_output=True, text=True,
                         env=dict(os.environ, REDACTOR_HMAC_KEY="test-key"), timeout=600)
    report = json.loads((out / "report.json").read_text(encoding="utf-8")) if (out / "report.json").is_file() else {}
    return run, {d["input"]: d for d in report.get("documents", [])}


def _glyphs(path: Path) -> list[tuple[str, float, float, str]]:
    """Every glyph of every TextCode: (char, x, y, font), x/y absolute on the page."""
    pkg = Package(path.read_bytes())
    out = []
    for db in pkg.docs:
        for part in dict.fromkeys(db.pages + [t for ts in db.page_templates for t in ts]):
            for tc in text_codes(pkg.parse(part)):
                obj = tc.getparent()
                bx, by = (float(v) for v in obj.get("Boundary").split()[:2])
                text = tc.text or ""
                xs = positions(bx + float(tc.get("X")), parse_deltas(tc.get("DeltaX")), len(text), font_size(obj))
                y = by + float(tc.get("Y"))
                out += [(ch, round(x, 3), round(y, 3), obj.get("Font")) for ch, x in zip(text, xs)]
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    base = tmp_path_factory.mktemp("ofd")
    inputs = base / "in"
    inputs.mkdir()
    (inputs / "judgment.ofd").write_bytes(_judgment())
    (inputs / "sample.ofd").write_bytes(SAMPLE.read_bytes())
    good = _judgment(signature=False, version=False)
    m = _members(good)
    nodx_m = _members(_judgment(deltax=False, signature=False, version=False))
    # the fallback: no TextCode gives its glyph positions, a masked name in the template too
    (inputs / "no_deltax.ofd").write_bytes(_judgment(deltax=False, header=NAMED_HEADER))
    # a masked name in the template page, edited in place (its DeltaX given)
    (inputs / "template_name.ofd").write_bytes(_judgment(header=NAMED_HEADER))
    # two pages or more; only the template lacks DeltaX: every page shows the redrawn header
    two = _members(make_ofd(BODY + FILLER, header=NAMED_HEADER))
    tpl = "Doc_0/Tpls/Tpl_0/Content.xml"
    (inputs / "template_fallback.ofd").write_bytes(_zip({**two, tpl: two[tpl].replace(b'DeltaX="', b'OldDeltaX="')}))
    page = "Doc_0/Pages/Page_0/Content.xml"
    hostile = {
        "truncated.ofd": good[: len(good) // 2],
        "missing_content.ofd": _zip({k: v for k, v in m.items() if k != page}),
        "zip_bomb.ofd": _zip({**m, page: m[page].replace(b"<ofd:Content>", b"<ofd:Content>" + b" " * 3_000_000)}),
        "encrypted_member.ofd": _zip(m, encrypted=page),
        "ofd_encrypted.ofd": _zip({**m, "OFD.xml": m["OFD.xml"].replace(
            b"</ofd:DocBody>", b"<ofd:Encryptions>Encs/Encryptions.xml</ofd:Encryptions></ofd:DocBody>")}),
        "xxe.ofd": _zip({**m, page: b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                         + m[page].split(b"?>", 1)[1]}),
        "damaged_xml.ofd": _zip({**m, page: m[page][:-40]}),
        "no_text.ofd": _zip({**m, **{k: v.replace(b"TextCode", b"Junk") for k, v in m.items() if k.endswith(
            "Content.xml")}, page: m[page].replace(b"TextObject", b"ImageObject").replace(b"TextCode", b"Junk")}),
        # no DeltaX (glyphs placed by the font) and what the redraw fallback cannot draw
        # safely: a character the bundled font lacks, glyph indices (CGTransform), vertical text
        "no_deltax_unknown_glyph.ofd": _zip({**nodx_m, page: nodx_m[page].replace(
            "与被告".encode(), "与\ue000被告".encode())}),
        "no_deltax_cgtransform.ofd": _zip({**nodx_m, page: nodx_m[page].replace(
            b"<ofd:TextCode", b'<ofd:CGTransform CodePosition="0" CodeCount="1" GlyphCount="1">'
            b"<ofd:Glyphs>7</ofd:Glyphs></ofd:CGTransform><ofd:TextCode")}),
        "no_deltax_vertical.ofd": _zip({**nodx_m, page: nodx_m[page].replace(
            b"<ofd:TextObject ", b'<ofd:TextObject ReadDirection="90" ')}),
        "pdf_named.ofd": b"%PDF-1.7\n%%EOF\n",
    }
    for name, data in hostile.items():
        (inputs / name).write_bytes(data)
    run, docs = _redact(inputs, base / "out")
    return base, run, docs


def test_judgment_published_with_no_masked_value_in_any_reading(batch):
    base, run, docs = batch
    d = docs["judgment.ofd"]
    assert d["status"] == "published", d
    out = base / "out" / d["output"]
    texts = ["".join(t.split()) for t in extract(out)]
    assert len(texts) >= 3
    for v in MASKED:
        assert all(v not in t for t in texts), "a masked value is readable"
    body = texts[0]
    for v in KEPT:
        assert v in body
    assert "张某" in body and "李某" in body
    names = set(_members(out.read_bytes()))
    assert not any(n.split("/")[1] in ("Signs", "Annots", "Attachs", "Tags", "Versions") for n in names if "/" in n)
    ofd_xml = _members(out.read_bytes())["OFD.xml"].decode()
    assert "Author" not in ofd_xml and "CustomData" not in ofd_xml and "Signatures" not in ofd_xml
    assert set(d["writer"]["ofd_stripped"]) >= {"annotations", "attachments", "customtags", "metadata",
                                                 "signatures", "versions"}


def test_kept_glyphs_stay_where_they_were_and_replacement_uses_declared_font(batch):
    base, _, docs = batch
    src = _glyphs(base / "in" / "judgment.ofd")
    out_path = base / "out" / docs["judgment.ofd"]["output"]
    pkg = Package(out_path.read_bytes())
    fonts = {f.get("ID"): f.get("FontName") for r in pkg.docs[0].res_parts for f in descendants(pkg.parse(r), "Font")}
    new_font = next(i for i, n in fonts.items() if n == REPLACEMENT_FONT)
    dst = _glyphs(out_path)
    kept = [g for g in dst if g[3] != new_font]
    drawn = [g for g in dst if g[3] == new_font]
    src_set = set(src)
    assert all(g in src_set for g in kept), "a kept glyph moved"
    masked_chars = len(src) - len(kept)
    assert masked_chars >= sum(len(v) for v in MASKED)
    assert drawn and all(ch in "张李某×" or ch.isdigit() for ch, *_ in drawn)  # 张伟 -> 张某
    # every Font a TextObject names is declared
    for db in pkg.docs:
        for part in db.pages:
            for obj in descendants(pkg.parse(part), "TextObject"):
                assert obj.get("Font") in fonts


@needs_easyofd
def test_easyofd_reads_the_published_file(batch):
    base, _, docs = batch
    pages = easyofd_texts(base / "out" / docs["judgment.ofd"]["output"])
    joined = "".join("".join(pages).split())
    assert "北京市朝阳区人民法院" in joined and "王明" in joined
    for v in MASKED:
        assert v not in joined


def test_corpus_sample_no_leak_no_loss(batch):
    base, _, docs = batch
    d = docs["sample.ofd"]
    assert d["status"] == "published", d
    texts = ["".join(t.split()) for t in extract(base / "out" / d["output"])]
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    checked = 0
    for item in truth["items"]:
        v = "".join(item["value"].split())
        if item["strict"] == "mask" and len(v) >= 2:
            assert all(v not in t for t in texts), (item["category"], item["role"])
            checked += 1
        elif item["strict"] == "keep":
            assert v in texts[0], (item["category"], item["role"])
    assert checked >= 10


def _text_objects(path: Path) -> list[tuple[object, object, str]]:
    """(TextObject, TextCode, part) of every TextCode of every page and template."""
    pkg = Package(path.read_bytes())
    out = []
    for db in pkg.docs:
        for part in dict.fromkeys(db.pages + [t for ts in db.page_templates for t in ts]):
            out += [(tc.getparent(), tc, part) for tc in text_codes(pkg.parse(part))]
    return out


def _bundled_font_id(path: Path) -> str:
    pkg = Package(path.read_bytes())
    return next(f.get("ID") for r in pkg.docs[0].res_parts for f in descendants(pkg.parse(r), "Font")
                if f.get("FontName") == REPLACEMENT_FONT)


def test_no_deltax_published_through_the_redraw_fallback_with_no_leak(batch):
    """No TextCode gives its glyph positions: each one holding a masked value is drawn again
    whole in the bundled font with explicit DeltaX, within its old extent; the others are
    untouched; the report lists the page; no reader finds a masked value."""
    from redactor.formats.ofd.redraw import advances_em

    base, _, docs = batch
    d = docs["no_deltax.ofd"]
    assert d["status"] == "published", (d["reason_code"], d["reason"])
    assert d["writer"]["ofd_fallback_pages"] == [0]
    out = base / "out" / d["output"]
    texts = ["".join(t.split()) for t in extract(out)]
    assert len(texts) >= (4 if HAVE_EASYOFD else 3)
    for v in MASKED + ("张伟诉李娜",):
        assert all(v not in t for t in texts), "a masked value is readable"
    for v in KEPT + ("张某诉李某民间借贷纠纷", "张某", "李某"):
        assert v in texts[0]
    src = {(tc.text, tc.get("X"), tc.get("Y"), tc.get("DeltaX"), o.get("Boundary"), o.get("Font"))
           for o, tc, _ in _text_objects(base / "in" / "no_deltax.ofd")}
    src_boxes = {b for *_, b, _ in src}
    bundled = _bundled_font_id(out)
    redrawn = 0
    for obj, tc, _ in _text_objects(out):
        key = (tc.text, tc.get("X"), tc.get("Y"), tc.get("DeltaX"), obj.get("Boundary"), obj.get("Font"))
        if obj.get("Font") != bundled:
            assert key in src, "a TextCode that held nothing to mask was changed"
            continue
        redrawn += 1
        deltas = parse_deltas(tc.get("DeltaX"))
        assert deltas is not None and len(deltas) == len(tc.text) - 1, "a redrawn glyph has no explicit position"
        assert obj.get("Boundary") in src_boxes  # drawn where the old run was
        width = float(tc.get("X")) + sum(deltas) + advances_em(tc.text[-1])[0] * font_size(obj)
        assert width <= float(obj.get("Boundary").split()[2]) + 1e-3, "a redrawn run is wider than the old one"
    assert redrawn >= 5


@needs_easyofd
def test_easyofd_reads_the_redrawn_text(batch):
    base, _, docs = batch
    joined = "".join("".join(easyofd_texts(base / "out" / docs["no_deltax.ofd"]["output"])).split())
    assert "张某" in joined and "王明" in joined and "北京市朝阳区人民法院" in joined
    for v in MASKED:
        assert v not in joined


def test_masked_name_in_a_template_page(batch):
    """A name in the template (the header every page shows) is masked in place where the
    template gives its glyph positions, and through the fallback where it does not: then
    every page that uses the template is listed."""
    base, _, docs = batch
    d = docs["template_name.ofd"]
    assert d["status"] == "published" and "ofd_fallback_pages" not in d["writer"], d
    fb = docs["template_fallback.ofd"]
    assert fb["status"] == "published", (fb["reason_code"], fb["reason"])
    pages = len(Package((base / "in" / "template_fallback.ofd").read_bytes()).docs[0].pages)
    assert pages >= 2 and fb["writer"]["ofd_fallback_pages"] == list(range(pages))
    for doc in (d, fb):
        out = base / "out" / doc["output"]
        tpl = [tc.text for _, tc, part in _text_objects(out) if "/Tpls/" in part]
        assert sorted("".join(tpl)) == sorted("张某诉李某民间借贷纠纷")  # pieces and replacements
        texts = ["".join(t.split()) for t in extract(out)]
        assert texts[0].startswith("张某诉李某民间借贷纠纷")  # the template's line, read before page 1
        assert all("张伟" not in t and "李娜" not in t for t in texts)


@pytest.mark.parametrize("name,reason", [
    ("truncated.ofd", "truncated"),
    ("missing_content.ofd", "corrupt"),
    ("zip_bomb.ofd", "too_large"),
    ("encrypted_member.ofd", "encrypted"),
    ("ofd_encrypted.ofd", "encrypted"),
    ("xxe.ofd", "hostile_xml"),
    ("damaged_xml.ofd", "corrupt"),
    ("no_text.ofd", "scanned_page"),
    ("no_deltax_unknown_glyph.ofd", "ofd_uneditable"),
    ("no_deltax_cgtransform.ofd", "ofd_uneditable"),
    ("no_deltax_vertical.ofd", "ofd_uneditable"),
    ("pdf_named.ofd", "wrong_extension"),
])
def test_hostile_variants_fail_closed_and_batch_continues(batch, name, reason):
    base, run, docs = batch
    d = docs[name]
    assert d["status"] == "failed" and d["reason_code"] == reason, (d["reason_code"], d["reason"])
    assert d["reason"] and not (base / "out" / name).exists()
    assert docs["judgment.ofd"]["status"] == "published"
    for v in MASKED:
        assert v not in run.stdout + run.stderr and v not in d["reason"]


def test_reader_maps_every_character_back_to_its_glyph(tmp_path):
    p = tmp_path / "j.ofd"
    p.write_bytes(_judgment())
    doc = read(p)
    pkg = Package(p.read_bytes())
    covered = [False] * len(doc.text)
    for seg in doc.offset_map.segments:
        part, k = seg.anchor
        tc = text_codes(pkg.parse(part))[k]
        assert doc.text[seg.start:seg.end] == tc.text[seg.offset:seg.offset + seg.length]
        covered[seg.start:seg.end] = [True] * seg.length
    # only the separators the reader adds (line breaks, a column gap) have no source
    assert all(ch in "\n " for ch, c in zip(doc.text, covered) if not c)
    assert doc.metadata["ofd:0:Author"] == "李娜"  # the Art. 4 marking check sees DocInfo


def test_published_bytes_are_deterministic(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "j.ofd").write_bytes(_judgment())
    _redact(inputs, tmp_path / "a")
    _redact(inputs, tmp_path / "b")
    assert (tmp_path / "a" / "j.ofd").read_bytes() == (tmp_path / "b" / "j.ofd").read_bytes()


def _truth_check(texts: list[str], truth_file: Path) -> int:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    checked = 0
    for item in truth["items"]:
        v = "".join(item["value"].split())
        if item["strict"] == "mask" and len(v) >= 2:
            assert all(v not in t for t in texts), (item["category"], item["role"])
            checked += 1
        elif item["strict"] == "keep":
            assert v in texts[0], (item["category"], item["role"])
    return checked


@needs_easyofd
def test_ofd_written_by_easyofd_from_a_sample_pdf(tmp_path, monkeypatch):
    """A second, real OFD writer: easyofd's PDF->OFD of traffic_accident.pdf (its own
    namespace, ``g`` runs in DeltaX, lowercase ``size``), redacted and read back."""
    import contextlib
    import warnings

    from loguru import logger

    logger.disable("easyofd")
    monkeypatch.chdir(tmp_path)  # pdf2ofd leaves its working folder ``test/`` in the cwd
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from easyofd.ofd import OFD

        data = OFD().pdf2ofd((ROOT / "corpus_samples" / "traffic_accident.pdf").read_bytes(), optional_text=True)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "traffic.ofd").write_bytes(data)
    run, docs = _redact(inputs, tmp_path / "out")
    d = docs["traffic.ofd"]
    assert d["status"] == "published", (d["reason_code"], d["reason"])
    texts = ["".join(t.split()) for t in extract(tmp_path / "out" / d["output"])]
    assert _truth_check(texts, ROOT / "corpus_samples" / ".truth" / "traffic_accident.json") >= 10


def test_a_folder_of_every_format_publishes_or_fails_each_with_a_reason(tmp_path):
    """Issue 19's done-when: one ``redact run`` over TXT, DOCX, PDF, OFD (in place and through
    the redraw fallback), .doc, .wps, .rtf, .odt and a format the tool does not read. Each is
    published, or failed with its reason code and a reason; a legacy file fails naming the
    package to install where LibreOffice (or antiword, for .doc/.wps) is missing."""
    import shutil

    inputs = tmp_path / "in"
    inputs.mkdir()
    samples = ROOT / "corpus_samples"
    for name in ("civil_loan.txt", "criminal_fraud.docx", "traffic_accident.pdf", "civil_loan_court.ofd"):
        shutil.copy(samples / name, inputs / name)
    legacy = ("doc", "wps", "rtf", "odt")
    for fmt in legacy:
        shutil.copy(ROOT / "corpus_samples_legacy" / f"criminal_fraud.{fmt}", inputs / f"criminal_fraud.{fmt}")
    (inputs / "no_deltax.ofd").write_bytes(_judgment(deltax=False))
    (inputs / "template.wpt").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    run, docs = _redact(inputs, tmp_path / "out")
    assert sorted(docs) == sorted(p.name for p in inputs.iterdir()), "a document is missing from the report"
    for d in docs.values():
        assert d["status"] in ("published", "failed"), d
        if d["status"] == "failed":
            assert d["reason_code"] and d["reason"], d
        else:
            assert (tmp_path / "out" / d["output"]).is_file()
    for name in ("civil_loan.txt", "criminal_fraud.docx", "traffic_accident.pdf", "civil_loan_court.ofd",
                 "no_deltax.ofd"):
        assert docs[name]["status"] == "published", (name, docs[name]["reason_code"])
    assert docs["no_deltax.ofd"]["writer"]["ofd_fallback_pages"] == [0]
    assert docs["template.wpt"]["reason_code"] == "unsupported_format"
    have = {"rtf": shutil.which("soffice"), "odt": shutil.which("soffice")}
    have["doc"] = have["wps"] = shutil.which("soffice") and shutil.which("antiword")
    for fmt in legacy:
        d = docs[f"criminal_fraud.{fmt}"]
        if have[fmt]:
            assert d["status"] == "published" and d["output"] == f"criminal_fraud.{fmt}.docx", (fmt, d["reason_code"])
            assert d["writer"]["converted_from"] == fmt
        else:
            assert d["reason_code"] in ("converter_missing", "extractor_missing"), (fmt, d["reason_code"])
            assert "apt-get install" in d["reason"] or "install" in d["reason"]
    assert run.returncode == 1  # a failed document: the run says so


def test_redraw_advances_come_from_the_bundled_font():
    """The fallback's advances are WenQuanYi Micro Hei's: CJK one em, digits narrower; a
    blank it has no glyph for (a tab) takes a space's room; a character it cannot draw is
    refused, and the run is scaled to fit the room it had."""
    from redactor.formats.ofd.redraw import Uneditable, advances_em, redrawn_deltas

    cjk, digit, space, tab = advances_em("张1 \t")
    assert cjk == 1.0 and 0.4 < digit < 0.7 and tab == space
    with pytest.raises(Uneditable):
        advances_em("张\ue000")
    free = redrawn_deltas("张伟借款", "张某借款", 4.2, None)
    assert free == [4.2, 4.2, 4.2]
    tight = redrawn_deltas("张伟借款", "张某借款", 4.2, 12.0)
    assert sum(tight) + 4.2 <= 12.0 and len(set(tight)) == 1
