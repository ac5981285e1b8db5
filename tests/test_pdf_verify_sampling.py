"""verify reads every published PDF with pdfium, pypdf, the raw streams and the metadata,
and checks every page's pixels; pdfminer.six reads a deterministic sample (one in eight, by
the source's SHA-256) and every document that needs it: a page published as an image, a
page the writer parsed with pypdf, a parser warning. ``--verify full``: every document.
report.json says, per PDF, whether pdfminer.six read it and why (issue 15)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

import redactor.formats.pdf as pdf_writer
from redactor.audit import HmacKey
from redactor.pipeline import RunConfig, redact_document
from redactor.policy import load_policy

BODY = "原告张伟，男，1980年1月1日出生，公民身份号码110101198001011234，电话13812345678。"


def _pdf(title: str, content_hook=None) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1, pageCompression=0)
    c.setTitle(title)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "北京市海淀区人民法院")
    c.drawString(72, 680, BODY)
    c.save()
    data = buf.getvalue()
    return content_hook(data) if content_hook else data


def _in_sample(data: bytes) -> bool:
    return int(hashlib.sha256(data).hexdigest()[:16], 16) % pdf_writer.PDFMINER_SAMPLE_ONE_IN == 0


def _pdf_where(in_sample: bool, content_hook=None) -> bytes:
    """A PDF whose hash is (or is not) in pdfminer's sample: the title varies until it is."""
    for k in range(200):
        data = _pdf(f"判决书{k}", content_hook)
        if _in_sample(data) == in_sample:
            return data
    raise AssertionError("no title gave the wanted hash")


def _redact(tmp_path: Path, data: bytes, mode: str = "sampled"):
    src = tmp_path / "in" / "j.pdf"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_bytes(data)
    config = RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"test", "test"), ner=None, verify=mode)
    res = redact_document(src, "j.pdf", tmp_path / "out", config)
    assert res.status == "published", res.reason
    assert "110101198001011234" not in (tmp_path / "out" / "j.pdf").read_bytes().decode("latin-1")
    return res


def _pdfminer_calls(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = pdf_writer._pdfminer_texts

    def counted(data):
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(pdf_writer, "_pdfminer_texts", counted)
    return calls


def test_a_document_outside_the_sample_is_not_read_by_pdfminer(tmp_path, monkeypatch):
    calls = _pdfminer_calls(monkeypatch)
    res = _redact(tmp_path, _pdf_where(in_sample=False))
    assert res.writer["pdf_pdfminer"] is None
    assert res.writer["pdf_fallback_pages"] == [] and res.writer["pdf_pypdf_parsed_pages"] == []
    assert calls == []


def test_a_document_in_the_sample_is_read_by_pdfminer(tmp_path, monkeypatch):
    calls = _pdfminer_calls(monkeypatch)
    res = _redact(tmp_path, _pdf_where(in_sample=True))
    assert res.writer["pdf_pdfminer"] == "sample"
    assert len(calls) == 1


def test_verify_full_reads_every_document(tmp_path, monkeypatch):
    calls = _pdfminer_calls(monkeypatch)
    res = _redact(tmp_path, _pdf_where(in_sample=False), mode="full")
    assert res.writer["pdf_pdfminer"] == "full"
    assert len(calls) == 1


def test_a_page_parsed_by_pypdf_is_read_by_pdfminer(tmp_path, monkeypatch):
    def hook(data: bytes) -> bytes:
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import DecodedStreamObject, NameObject

        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter(clone_from=reader)
        page = writer.pages[0]
        content = page.get_contents().get_data()
        content = content.replace(b"BT", b"/Span <</MCID 0 /MCID 1>> BDC\nBT", 1).replace(b"ET", b"ET\nEMC", 1)
        stream = DecodedStreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream)
        buf = io.BytesIO()
        writer.write(buf)
        return buf.getvalue()

    calls = _pdfminer_calls(monkeypatch)
    res = _redact(tmp_path, _pdf_where(in_sample=False, content_hook=hook))
    assert res.writer["pdf_pypdf_parsed_pages"] == [0]
    assert res.writer["pdf_pdfminer"] == "pypdf_parsed_page"
    assert len(calls) == 1


def test_a_parser_warning_makes_pdfminer_read_the_document(tmp_path, monkeypatch):
    def wrong_startxref(data: bytes) -> bytes:
        m = re.search(rb"startxref\s+(\d+)", data)
        return data[:m.start(1)] + str(int(m.group(1)) + 7).encode() + data[m.end(1):]

    calls = _pdfminer_calls(monkeypatch)
    res = _redact(tmp_path, _pdf_where(in_sample=False, content_hook=wrong_startxref))
    assert res.writer["pdf_pdfminer"] == "reader_warning"
    assert len(calls) == 1


def test_the_sample_is_more_than_one_in_ten():
    rate = 1 / pdf_writer.PDFMINER_SAMPLE_ONE_IN
    picked = [int(hashlib.sha256(str(i).encode()).hexdigest()[:16], 16) % pdf_writer.PDFMINER_SAMPLE_ONE_IN == 0
              for i in range(5000)]
    assert rate > 0.1 and abs(sum(picked) / len(picked) - rate) < 0.015


def test_report_json_names_what_pdfminer_read_and_verify_full(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.pdf").write_bytes(_pdf_where(in_sample=False))
    (src / "b.pdf").write_bytes(_pdf_where(in_sample=True))
    env = dict(os.environ, REDACTOR_HMAC_KEY="test-key")
    for mode, want in (("sampled", {"a.pdf": None, "b.pdf": "sample"}), ("full", {"a.pdf": "full", "b.pdf": "full"})):
        out = tmp_path / f"out-{mode}"
        res = subprocess.run([sys.executable, "-m", "redactor.cli", "run", str(src), "--out", str(out), "--ner", "none",
                              "--workers", "1", "--verify", mode], capture_output=True, text=True, env=env, timeout=300)
        assert res.returncode == 0, res.stdout + res.stderr
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        got = {d["input"]: d["writer"]["pdf_pdfminer"] for d in report["documents"]}
        assert got == want


def test_an_unknown_verify_mode_is_a_user_error(tmp_path):
    (tmp_path / "a.txt").write_text("原告张伟。\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "redactor.cli", "run", str(tmp_path / "a.txt"), "--out",
                          str(tmp_path / "out"), "--verify", "some"], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, REDACTOR_HMAC_KEY="test-key"))
    assert res.returncode == 2
    assert res.stderr.strip().splitlines()[-1].startswith("error: unknown --verify")
    assert not (tmp_path / "out").exists()
