"""Issue 14's targets on a fixed slice of real judgments (benchmarks/quality/README.md, "Real text").

- 30 complete published judgments of ``lecard_full_dev.jsonl.gz`` chosen by a hash of their id,
  redacted under strict and spc2016 and every change classified by
  benchmarks/quality/lecard_check.py: court staff kept, titles kept, no legal or ordinary word
  rewritten as a name, no ID/phone/bank number left in clear;
- 80 held-aside criminal sentences of ``xxcq_dev.jsonl`` and 40 held-aside CJRC paragraphs
  re-identified with the contract's name mix (real_build.py): strict recall, spc2016 victims
  masked and defendants kept.

The data are read from ../shared/data beside the repository at run time (never copied into the
repository); without them the module is skipped. Targets today's code misses are marked xfail
(strict=False) with the measured number; the lead removes the mark when the fix lands.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "judgments-dev"
sys.path.insert(0, str(ROOT / "benchmarks" / "quality"))
sys.path.insert(0, str(ROOT / "benchmarks"))

pytestmark = pytest.mark.skipif(
    not all((DATA / f).is_file() for f in ("lecard_full_dev.jsonl.gz", "xxcq_dev.jsonl", "cjrc_dev.jsonl")),
    reason="../shared/data/judgments-dev not available")

SLICE = 30


def _slice_rows():
    import lecard_check

    rows = [r for r in lecard_check.load_rows("all") if zlib.crc32(("slice:" + r["id"]).encode()) % 16 == 0]
    return rows[:SLICE]


@pytest.fixture(scope="module")
def lecard():
    import lecard_check

    rows = _slice_rows()
    assert len(rows) == SLICE
    return {p: lecard_check.run(rows, p) for p in ("strict", "spc2016")}


@pytest.fixture(scope="module")
def reidentified():
    import real_build
    import real_eval

    docs = real_build.build("heldaside", ("xxcq",), limit=80) + real_build.build("heldaside", ("cjrc",), limit=40)
    strict = real_eval.score_strict(docs, real_eval.redactor_system("strict", "judgment"), None)
    spc = real_eval.score_spc2016([d for d in docs if d.set == "xxcq"], real_eval.redactor_system("spc2016", "judgment"), None)
    return docs, strict, spc


# --- the tools themselves (must pass today) -------------------------------------------------

def test_slice_is_fixed_and_read():
    import lecard_check

    rows = _slice_rows()
    assert [r["id"] for r in rows] == [r["id"] for r in _slice_rows()]
    readings = [lecard_check.read_judgment(r["text"]) for r in rows]
    # Real judgments carry a signature block and statute titles; the reader finds them.
    assert sum(bool(r.staff) for r in readings) >= SLICE - 2
    assert sum(len(r.titles) for r in readings) >= SLICE
    assert sum(bool(r.defendants) for r in readings) >= SLICE // 2


def test_reader_on_real_signature_shapes():
    import lecard_check

    text = ("被告人南勤凯犯诈骗罪，判处有期徒刑三年。\n西吉县人民检察院指派检察员郭慧、王　伟出庭支持公诉。\n"
            "审判长李堂真\n审判员　马文芳\n人民陪审员虎国山\n二0一八年二月七日\n书记员路蕾（代）\n"
            "审判长胡海疆代理审判员占长斌人民陪审员邵建华\n附本判决适用的法律条文：\n一、《中华人民共和国刑法》")
    r = lecard_check.read_judgment(text)
    assert r.staff_names == {"李堂真", "马文芳", "虎国山", "路蕾", "胡海疆", "占长斌", "邵建华"}
    assert "郭慧" in r.prosecutors
    assert len(r.titles) == 1


def test_reidentified_set_is_deterministic_and_mixed():
    import real_build

    a = real_build.build("heldaside", limit=60)
    b = real_build.build("heldaside", limit=60)
    assert [d.text for d in a] == [d.text for d in b]
    assert all(d.heldaside for d in a)
    assert not any(d.heldaside for d in real_build.build("tune", ("xxcq",), limit=20))
    styles = {p["style"] for d in a for p in d.persons}
    assert {"ordinary", "wordlike", "rare", "minority"} <= styles
    assert sum(not d.header for d in a) >= len(a) / 2
    for d in a:
        for value, _cat in d.must_mask + d.must_keep:
            assert value in d.text, (d.id, value)
        assert not any("某" in p["name"] for p in d.persons if p["style"] != "published")


# --- issue 14's targets on complete real judgments -------------------------------------------

@pytest.mark.parametrize("profile", ["strict", "spc2016"])
def test_no_identifier_left_in_clear(lecard, profile):
    assert lecard[profile]["numbers_left_in_clear"] == {}


@pytest.mark.parametrize("profile", ["strict", "spc2016"])
def test_court_staff_kept(lecard, profile):
    assert lecard[profile]["court_staff_kept"]["rate"] >= 0.995


@pytest.mark.parametrize("profile", ["strict", "spc2016"])
def test_titles_kept(lecard, profile):
    rep = lecard[profile]
    errors = rep["changes_by_kind"].get("title", 0) + (rep["changes_by_kind"].get("title_person", 0) if profile == "spc2016" else 0)
    assert 1 - errors / rep["titles_kept"]["n"] >= 0.998


@pytest.mark.xfail(strict=False, reason="measured 19 word/place changes (19 word, 0 place) under strict and under spc2016 in 30 judgments, 2026-12-07 (h-precision; was 37: 30 word, 7 place)")
@pytest.mark.parametrize("profile", ["strict", "spc2016"])
def test_no_legal_or_ordinary_word_rewritten(lecard, profile):
    kinds = lecard[profile]["changes_by_kind"]
    assert kinds.get("word", 0) + kinds.get("place", 0) == 0, kinds


@pytest.mark.parametrize("profile", [
    "strict",
    pytest.param("spc2016", marks=pytest.mark.xfail(
        strict=False, reason="measured 1 partial name mask under spc2016 in 30 judgments after the grammar merge, 2026-12-07")),
])
def test_no_partial_name_mask(lecard, profile):
    assert lecard[profile]["changes_by_kind"].get("partial_name", 0) == 0


def test_spc2016_keeps_defendants(lecard):
    assert lecard["spc2016"]["changes_by_kind"].get("defendant", 0) == 0


def test_spc2016_keeps_prosecutors(lecard):
    assert lecard["spc2016"]["prosecutors_kept"]["rate"] >= 0.995


# --- issue 14's targets on re-identified real text (held-aside quarter) ------------------------

def test_identifiers_masked_in_bare_text(reidentified):
    _docs, strict, _spc = reidentified
    for cat in ("ID_CARD", "PHONE", "BANK_ACCOUNT", "PLATE"):
        if cat in strict["must_mask_by_category"]:
            assert strict["must_mask_by_category"][cat]["rate"] == 1.0, cat


@pytest.mark.xfail(strict=False, reason="measured PERSON recall 0.9677 (186 names) on this slice, 2026-12-07 (h-recall)")
def test_strict_person_recall(reidentified):
    _docs, strict, _spc = reidentified
    assert strict["must_mask_by_category"]["PERSON"]["rate"] >= 0.995


# (an xfail until 2026-12-08: 0.9294 on this slice with NER 1.1.0; passes with 1.3.0)
def test_strict_documents_without_leak(reidentified):
    assert reidentified[1]["docs_zero_leak"] >= 0.97


def test_strict_must_keep(reidentified):
    assert reidentified[1]["must_keep_intact"]["rate"] >= 0.995


def test_spc2016_victims_masked(reidentified):
    assert reidentified[2]["victims_masked"]["rate"] >= 0.995


def test_spc2016_defendants_kept(reidentified):
    assert reidentified[2]["defendants_after_role_word_kept"]["rate"] >= 0.98
