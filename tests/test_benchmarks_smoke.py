"""Smoke test of the benchmarks (issue 7): a tiny corpus through the real corpus generator,
the runner (this tool and the Presidio baseline) and the batch-target script. Not a timed
test: it checks that the benchmark runs and that its numbers mean what they say."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import make_corpus  # noqa: E402
import run as bench_run  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    make_corpus.make_corpus(out, n=6, seed=7, mix={"txt": 2, "docx": 1, "pdf": 1}, gb18030=0.5, jobs=1)
    return out


def test_corpus_is_deterministic_and_complete(corpus, tmp_path):
    data = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))
    rows = data["documents"]
    assert len(rows) == 6
    for row in rows:
        doc = corpus / "docs" / row["file"]
        assert doc.is_file() and doc.suffix == "." + row["format"]
        truth = json.loads((corpus / "truth" / f"{row['id']}.json").read_text(encoding="utf-8"))
        assert truth["chars"] == row["chars"] and truth["items"]
        if row["format"] == "txt":
            text = doc.read_bytes().decode(row["encoding"])
            assert len(text) == row["chars"]
            # ground truth offsets point at the values in the file's text
            assert all(text[i["start"]:i["end"]] == i["value"] for i in truth["items"])
    # the same seed gives the same corpus, byte for byte
    again = tmp_path / "again"
    make_corpus.make_corpus(again, n=6, seed=7, mix={"txt": 2, "docx": 1, "pdf": 1}, gb18030=0.5, jobs=1)
    for row in rows:
        assert (again / "docs" / row["file"]).read_bytes() == (corpus / "docs" / row["file"]).read_bytes()
        assert (again / "truth" / f"{row['id']}.json").read_bytes() == (corpus / "truth" / f"{row['id']}.json").read_bytes()


def test_quality_counts_leaks_and_kept_values():
    q = bench_run.Quality()
    original = "原告张三，住某地。审判员李四"
    q.score(original, ["原告张某，住某地。审判员李四"], mask={("张三", "PERSON")}, keep={("李四", "PERSON")})
    q.score(original, ["原告张 三，住某地。审判员×"], mask={("张三", "PERSON")}, keep={("李四", "PERSON")})
    s = q.summary()
    assert s["recall"] == 0.5  # the second output still shows 张三 (whitespace ignored)
    assert s["retention"] == 0.5  # and lost the judge's name
    assert s["zero_leak_docs"] == 0.5


def test_runner_measures_tool_and_baseline(corpus, tmp_path):
    out_json = tmp_path / "r.json"
    bench_run.main([str(corpus), "--docs", "2", "--docs-other", "1", "--ner", "none",
                    "--systems", "tool,baseline,docx,pdf", "--json", str(out_json)])
    res = json.loads(out_json.read_text(encoding="utf-8"))["results"]
    by = {(r["system"], r.get("format", "txt")): r for r in res}
    assert set(by) == {("baseline", "txt"), ("tool", "txt"), ("tool", "docx"), ("tool", "pdf")}
    for r in res:
        assert r["chars"] > 0 and r["cpu_s"] > 0 and r["chars_per_cpu_s"] > 0 and r["peak_rss_mb"] > 0
        assert r["quality"]["documents"] + r["withheld"]["expected"] == r["documents"]
    tool = by[("tool", "txt")]
    assert tool["chars"] == by[("baseline", "txt")]["chars"]  # the same documents
    assert {"read", "detect", "structure", "decide", "write", "verify", "audit"} <= set(tool["stages_s"]) | {"verify", "write"}
    assert any(k.startswith("detect:rule:") for k in tool["stages_s"])


def test_batch_targets_runs_the_real_cli(corpus, tmp_path):
    import batch_targets

    out_json = tmp_path / "b.json"
    batch_targets.main([str(corpus), "--skip", "scaling", "--sizes", "4", "--ner", "none",
                        "--work", str(tmp_path / "work"), "--json", str(out_json)])
    res = json.loads(out_json.read_text(encoding="utf-8"))
    first = res["memory"]["4"]
    assert first["totals"]["documents"] == 4 and first["totals"]["reused"] == 0
    assert first["worker_peak_rss_mb"] and max(first["worker_peak_rss_mb"]) > 20
    assert res["rerun"]["rerun"]["totals"]["reused"] == 4  # nothing changed: nothing redone


def test_leak_lister_on_a_real_run(corpus, tmp_path):
    """benchmarks/leaks.py over a real `redact run` of the tiny corpus: nothing listed, and a
    published file with a must-mask value put back is listed as a leak."""
    import subprocess

    out = tmp_path / "out"
    env = dict(__import__("os").environ, REDACTOR_HMAC_KEY="smoke-test-key")
    run = subprocess.run([sys.executable, "-m", "redactor.cli", "run", str(corpus / "docs"), "--out", str(out)],
                         capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    lister = [sys.executable, str(BENCH / "leaks.py"), str(corpus), str(out)]
    clean = subprocess.run(lister, capture_output=True, text=True, timeout=600)
    assert clean.returncode == 0, clean.stdout
    rows = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))["documents"]
    row = next(r for r in rows if r["format"] == "txt" and (out / r["file"]).exists())
    truth = json.loads((corpus / "truth" / f"{row['id']}.json").read_text(encoding="utf-8"))
    value = next(i["value"] for i in truth["items"] if i["strict"] == "mask" and i["category"] == "ID_CARD")
    published = out / row["file"]
    published.write_bytes(published.read_bytes() + ("\n" + value).encode(row["encoding"]))
    dirty = subprocess.run(lister, capture_output=True, text=True, timeout=600)
    assert dirty.returncode == 1 and "LEAK" in dirty.stdout and "ID_CARD" in dirty.stdout
