"""The bad-input corpus (tests/helpers/hostile_corpus.py, 70+ files generated here) through the real
batch: ``redact run`` with worker processes, a per-document time limit and a per-worker
memory limit, in one go.

Every input must end with a clear status and reason code in report.json, in bounded time,
without stopping the batch, without publishing anything it could not read, and without
touching the input bytes."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redactor.audit import verify_chain
from tests.helpers.hostile_corpus import HIDDEN_MARKERS, NAME, SECRETS, build_corpus, os_environ_with, tree_digest

TIMEOUT_S = 60
MEMORY_MB = 3072


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    src, out = root / "in", root / "out"
    expected = build_corpus(src)
    before = tree_digest(src)
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "redactor.cli", "run", str(src), "--out", str(out), "--ner", "none",
         "--workers", "2", "--timeout", str(TIMEOUT_S), "--memory-limit-mb", str(MEMORY_MB)],
        capture_output=True, text=True, env=os_environ_with(REDACTOR_HMAC_KEY="k" * 32), timeout=400)
    wall = time.monotonic() - t0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"src": src, "out": out, "expected": expected, "before": before, "proc": proc, "wall": wall,
            "report": report, "by": {d["input"]: d for d in report["documents"]}}


def test_corpus_is_large_and_varied(corpus_run):
    expected = corpus_run["expected"]
    assert len(expected) >= 50
    groups = {rel.split("/")[0] for rel in expected}
    assert {"empty", "junk", "ext", "pdf", "docx", "txt", "large"} <= groups
    assert sum(e.status == "failed" for e in expected.values()) >= 40


def test_every_input_ends_with_the_expected_status_and_reason(corpus_run):
    by, expected = corpus_run["by"], corpus_run["expected"]
    assert set(by) == set(expected), "every input is in the report, the batch did not stop"
    wrong = []
    for rel, exp in sorted(expected.items()):
        d = by[rel]
        ok = d["status"] == exp.status
        if exp.status == "failed":
            ok = ok and d["reason"].strip() != "" and d["reason_code"] in exp.reasons
        if not ok:
            wrong.append(f"{rel}: got {d['status']}/{d['reason_code']} ({d['reason']}), expected {exp}")
    assert not wrong, "\n".join(wrong)
    # No failure is an unexplained crash of our own code.
    assert not [r for r, d in by.items() if d["reason_code"] in ("internal_error", "worker_error", "pool_error")]


def test_exit_code_and_console_say_some_failed_without_values(corpus_run):
    proc = corpus_run["proc"]
    assert proc.returncode == 1, proc.stderr[-2000:]
    console = proc.stdout + proc.stderr
    assert "Traceback" not in console
    for value in SECRETS + (NAME, "root:x:0:0", *HIDDEN_MARKERS.values()):
        assert value not in console


def test_reasons_are_value_free(corpus_run):
    blob = json.dumps(corpus_run["report"], ensure_ascii=False)
    for value in SECRETS + (NAME, "root:x:0:0", "lollollol"):
        assert value not in blob


def test_inputs_untouched(corpus_run):
    assert tree_digest(corpus_run["src"]) == corpus_run["before"]


def test_nothing_published_for_a_failed_document_and_no_partial_files(corpus_run):
    out, by = corpus_run["out"], corpus_run["by"]
    for rel, d in by.items():
        assert (out / rel).is_file() == (d["status"] == "published"), rel
    leftovers = [p for p in out.rglob("*") if p.is_file() and (p.name.endswith(".tmp") or p.name.startswith(".redact-"))]
    assert not leftovers


def test_bounded_time_and_memory(corpus_run):
    by = corpus_run["by"]
    # Each document well inside the per-document limit, the whole corpus in bounded time,
    # and no document needed the time or memory limit to stop it.
    for rel, d in by.items():
        assert sum(d["timings"].values()) < TIMEOUT_S / 2, rel
        assert d["reason_code"] not in ("timeout", "memory_limit", "worker_crash"), rel
    assert corpus_run["wall"] < 240


def test_audit_chain_of_the_run_verifies(corpus_run):
    rep = verify_chain(corpus_run["out"] / "audit.jsonl")
    assert rep.ok, rep.problem
    published = [d for d in corpus_run["report"]["documents"] if d["status"] == "published"]
    docs = [json.loads(x) for x in (corpus_run["out"] / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len([r for r in docs if r.get("type") == "document"]) >= len(published)
    # every input is accounted for in the chain, the failed ones with their reason
    assert any(d["status"] == "failed" for d in corpus_run["report"]["documents"])
    by_input = {r["input"]: r for r in docs if r.get("type") == "document"}
    for d in corpus_run["report"]["documents"]:
        rec = by_input.get(d["input"])
        assert rec is not None and rec["status"] == d["status"], d["input"]
        if d["status"] == "failed":
            assert rec["reason_code"] == d["reason_code"] and rec["input_sha256"]
