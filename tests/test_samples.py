"""The README's main job on corpus_samples/: every sample published or withheld with a
reason, byte-identical outputs on a second run, and no ID number on the console."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus_samples"


def _run(out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "redactor.cli", "run", str(SAMPLES), "--out", str(out), "--policy", "strict",
         "--workers", "2"],
        capture_output=True, text=True, env=dict(os.environ, REDACTOR_HMAC_KEY="test-key"), timeout=900,
    )


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("samples")
    first, second = _run(base / "a"), _run(base / "b")
    return base, first, second


def _ids_in_samples() -> set[str]:
    ids = set()
    for t in (SAMPLES / ".truth").glob("*.json"):
        data = json.loads(t.read_text(encoding="utf-8"))
        for it in data.get("items", []):
            if it["category"] in ("ID_CARD", "PHONE", "BANK_ACCOUNT"):
                ids.add(it["value"])
    return ids


def test_every_sample_published_or_withheld_with_reason(two_runs):
    base, first, _ = two_runs
    assert first.returncode == 0, first.stdout + first.stderr
    report = json.loads((base / "a" / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["documents"] >= 10
    for d in report["documents"]:
        assert d["status"] in ("published", "withheld", "review"), d
        if d["status"] != "published":
            assert d["reason"] and d["article"]
        else:
            assert (base / "a" / d["output"]).is_file()
    statuses = {d["input"]: d["status"] for d in report["documents"]}
    assert statuses.get("divorce_withheld.txt") == "withheld"
    assert not (base / "a" / "divorce_withheld.txt").exists()
    for fmt in (".txt", ".docx", ".pdf"):
        assert any(k.endswith(fmt) and v == "published" for k, v in statuses.items()), fmt


def test_second_run_is_byte_identical(two_runs):
    base, _, second = two_runs
    assert second.returncode == 0
    files = [p for p in (base / "a").rglob("*") if p.is_file() and p.suffix in (".txt", ".docx", ".pdf")]
    assert files
    for p in files:
        q = base / "b" / p.relative_to(base / "a")
        assert q.read_bytes() == p.read_bytes(), p.name


def test_no_id_number_printed_or_logged(two_runs):
    base, first, second = two_runs
    ids = _ids_in_samples()
    assert ids
    console = first.stdout + first.stderr + second.stdout + second.stderr
    logged = "".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in (base / "a").glob("*.json*"))
    for v in ids:
        assert v not in console and v not in logged
    assert re.search(r"\d{17}[\dX]", console) is None


def test_every_sample_pdf_is_published_in_place(two_runs):
    """No sample PDF needs the image fallback: its pages are edited in place, whatever fonts
    the machine has (the sample PDFs show text in the non-embedded STSong-Light)."""
    base, first, _ = two_runs
    assert first.returncode == 0
    report = json.loads((base / "a" / "report.json").read_text(encoding="utf-8"))
    pdfs = [d for d in report["documents"] if d["input"].endswith(".pdf") and d["status"] == "published"]
    assert len(pdfs) >= 4
    for d in pdfs:
        assert d["writer"]["pdf_writer"] == "inplace", d["input"]
        assert d["writer"]["pdf_fallback_pages"] == [], d["input"]
