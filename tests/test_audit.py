"""The audit chain detects edits, insertions, deletions, reordering and truncation."""

from __future__ import annotations

import json

from redactor.audit import AuditLog, HmacKey, keyed_hash, verify_chain


def _write_run(path, n=3, run_id="r1"):
    with AuditLog(path) as log:
        log.append({"type": "run_start", "run_id": run_id})
        for i in range(n):
            log.append({"type": "span", "i": i, "value_hmac": "x" * 64})
        log.append({"type": "run_end", "run_id": run_id, "records": n})


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_intact_chain_over_two_runs(tmp_path):
    p = tmp_path / "audit.jsonl"
    _write_run(p)
    _write_run(p, 2, "r2")
    rep = verify_chain(p)
    assert rep.ok and rep.records == 9 and rep.runs == 2


def test_edit_detected(tmp_path):
    p = tmp_path / "audit.jsonl"
    _write_run(p)
    lines = _lines(p)
    rec = json.loads(lines[2])
    rec["i"] = 99
    lines[2] = json.dumps(rec, ensure_ascii=False, sort_keys=True)
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rep = verify_chain(p)
    assert not rep.ok and "edited" in rep.problem


def test_deletion_insertion_reordering_truncation_detected(tmp_path):
    p = tmp_path / "audit.jsonl"
    _write_run(p)
    orig = _lines(p)
    variants = {
        "deleted": orig[:2] + orig[3:],
        "inserted": orig[:2] + [orig[2]] + orig[2:],
        "reordered": orig[:1] + [orig[2], orig[1]] + orig[3:],
        "truncated": orig[:-1],
    }
    for name, lines in variants.items():
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert not verify_chain(p).ok, name


def test_keyed_hash_is_keyed():
    a, b = HmacKey(b"k1", "test"), HmacKey(b"k2", "test")
    assert keyed_hash(a, "110101198503121236") != keyed_hash(b, "110101198503121236")
    assert "110101198503121236" not in keyed_hash(a, "110101198503121236")
