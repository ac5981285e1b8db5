"""The PDF path needs no system font (issue 15): pdfium draws non-embedded CJK fonts with
the font the tool carries, the writer embeds that same font, and a published PDF has the
same bytes on a machine with no font at all as on one with many."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from redactor import cjk_font
from redactor.formats import pdf as pdf_writer

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus_samples" / "traffic_accident.pdf"  # STSong-Light, not embedded


def _stsong_pdf(text: str) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.setFont("STSong-Light", 40)
    c.drawString(50, 700, text)
    c.save()
    return buf.getvalue()


def _dark_pixels(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        grey = np.asarray(page.render(scale=1, grayscale=True).to_numpy())
        page.close()
    finally:
        pdf.close()
    if grey.ndim == 3:
        grey = grey[..., 0]
    return int((grey < 128).sum())


def test_pdfium_draws_a_non_embedded_cjk_font_with_the_bundled_font():
    # Without a CJK font pdfium draws nothing for these glyphs: 0 dark pixels.
    assert _dark_pixels(_stsong_pdf("张某某人民法院民事判决书")) > 2000


def test_the_writer_embeds_the_bundled_font():
    assert pdf_writer.output_font("张某×某") == pdf_writer.EMBEDDED_FONT_NAME
    assert cjk_font.font_path().name == "wqy-microhei.ttc"
    assert hashlib.sha256(cjk_font.font_path().read_bytes()).hexdigest() == cjk_font.FONT_SHA256


def test_another_font_file_is_refused(tmp_path):
    """A package of the same name holding another file would change the published bytes: a
    PDF then fails with the reason, never published with another font; a TXT is unaffected."""
    fake = tmp_path / "site" / cjk_font.FONT_PACKAGE
    (fake / "fonts").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / cjk_font.FONT_FILE).write_bytes(b"not the font")
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / "j.pdf")
    (inputs / "j.txt").write_text("北京市海淀区人民法院\n原告张伟，电话13812345678。\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "redactor.cli", "run", str(inputs), "--out", str(tmp_path / "out"),
                          "--workers", "1", "--ner", "none"], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, PYTHONPATH=str(tmp_path / "site"), REDACTOR_HMAC_KEY="test-key"))
    assert res.returncode == 1, res.stdout + res.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    status = {d["input"]: (d["status"], d["reason_code"]) for d in report["documents"]}
    assert status == {"j.pdf": ("failed", "cjk_font_missing"), "j.txt": ("published", "")}
    assert not (tmp_path / "out" / "j.pdf").exists()


def _run(out: Path, hide_fonts: bool) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "redactor.cli", "run", str(SAMPLE), "--out", str(out), "--policy", "strict",
           "--workers", "1"]
    if hide_fonts:
        # a private mount namespace: every system font folder hidden under an empty tmpfs
        script = ("for d in /usr/share/fonts /usr/local/share/fonts; do "
                  "[ -d $d ] && mount -t tmpfs none $d; done; exec \"$@\"")
        cmd = ["unshare", "-m", "sh", "-c", script, "sh", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, REDACTOR_HMAC_KEY="test-key"))


def _can_hide_fonts() -> bool:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_hide_fonts(), reason="hiding the system fonts needs root and unshare -m")
def test_same_published_bytes_with_and_without_system_fonts(tmp_path):
    with_fonts, without = _run(tmp_path / "a", False), _run(tmp_path / "b", True)
    assert with_fonts.returncode == 0, with_fonts.stdout + with_fonts.stderr
    assert without.returncode == 0, without.stdout + without.stderr
    a, b = (tmp_path / "a" / SAMPLE.name).read_bytes(), (tmp_path / "b" / SAMPLE.name).read_bytes()
    assert a == b
    report = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    (doc,) = report["documents"]
    assert doc["status"] == "published" and doc["writer"]["pdf_fallback_pages"] == []
