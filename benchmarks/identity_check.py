"""Same outputs before and after a speed change (issue 18): published bytes, report and audit records.

    python benchmarks/identity_check.py --work /tmp/bench/identity --save /tmp/bench/identity/before.json
    ... change the code ...
    python benchmarks/identity_check.py --work /tmp/bench/identity --against /tmp/bench/identity/before.json

The fixed set is the real-text benchmark's documents (``real_text.build_corpus``: the CJRC paragraphs,
the XXCQ sentences and ``--lecard`` complete judgments) plus the TXT files of ``corpus_samples/`` with
their sidecars (hints, deny lists). One ``redact run`` over them (the real CLI, a fixed HMAC key,
``--workers 1``); the digest kept is, per input: the SHA-256 of its published bytes, its report entry
without timings, and its audit records without what differs between any two runs (times, run ids,
the chain's hashes and seals, which cover the times). A difference is printed by input and field,
never with document text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import real_text  # noqa: E402

VOLATILE = ("time", "run_id", "hash", "prev", "seal", "started", "finished", "duration_s")
FIXED_KEY = "identity-check-key-not-secret-0123456789abcdef"


def build_set(work: Path, lecard: int) -> Path:
    real_text.build_corpus(work, lecard)
    docs = work / "docs"
    samples = docs / "samples"
    samples.mkdir(parents=True, exist_ok=True)
    for src in sorted((REPO / "corpus_samples").rglob("*")):
        if src.is_file() and (src.suffix == ".txt" or src.name.endswith(".meta.json")):
            dest = samples / src.relative_to(REPO / "corpus_samples")
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    return docs


def _strip(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k not in VOLATILE}


def digest(out: Path) -> dict:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    entries = {}
    for d in report["documents"]:
        d = dict(d)
        d.pop("timings", None)
        if d.get("output"):
            d["published_sha256"] = hashlib.sha256((out / d["output"]).read_bytes()).hexdigest()
        entries[d["input"]] = d
    audit: list[dict] = []
    for line in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            audit.append(_strip(json.loads(line)))
    return {"documents": entries, "audit": audit}


def run(docs: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, REDACTOR_HMAC_KEY=FIXED_KEY, REDACTOR_OPERATOR="identity-check",
               OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    cmd = [sys.executable, "-m", "redactor.cli", "run", str(docs), "--out", str(out), "--workers", "1",
           "--policy", "strict"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"redact run failed ({proc.returncode}): {proc.stderr[-2000:]}")


def _by_document(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for rec in records:
        out.setdefault(str(rec.get("document") or rec.get("input") or rec.get("type")), []).append(rec)
    return out


def compare(before: dict, after: dict) -> list[str]:
    problems = []
    b_docs, a_docs = before["documents"], after["documents"]
    for name in sorted(set(b_docs) | set(a_docs)):
        b, a = b_docs.get(name), a_docs.get(name)
        if b is None or a is None:
            problems.append(f"{name}: only in {'after' if b is None else 'before'}")
            continue
        for k in sorted(set(b) | set(a)):
            if b.get(k) != a.get(k):
                problems.append(f"{name}: report field {k} differs")
    # Documents reach the audit chain in the order they finish (a worker hands results back as
    # they come): records are compared per document, in their order within the document.
    b_audit, a_audit = _by_document(before["audit"]), _by_document(after["audit"])
    for key in sorted(set(b_audit) | set(a_audit)):
        b, a = b_audit.get(key, []), a_audit.get(key, [])
        if len(b) != len(a):
            problems.append(f"audit of {key}: {len(b)} records before, {len(a)} after")
            continue
        for i, (rb, ra) in enumerate(zip(b, a)):
            if rb != ra:
                keys = sorted(k for k in set(rb) | set(ra) if rb.get(k) != ra.get(k))
                problems.append(f"audit of {key}, record {i} ({rb.get('type')}): {keys}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench/identity"))
    ap.add_argument("--lecard", type=int, default=5)
    ap.add_argument("--save", type=Path, help="write the digest here (before the change)")
    ap.add_argument("--against", type=Path, help="compare with a saved digest (after the change)")
    a = ap.parse_args(argv)
    docs = build_set(a.work, a.lecard)
    out = a.work / "out"
    run(docs, out)
    d = digest(out)
    n_pub = sum(1 for e in d["documents"].values() if e.get("output"))
    print(f"{len(d['documents'])} inputs, {n_pub} published, {len(d['audit'])} audit records")
    if a.save:
        a.save.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    if a.against:
        problems = compare(json.loads(a.against.read_text(encoding="utf-8")), d)
        for p in problems[:50]:
            print("DIFF", p)
        print("identical" if not problems else f"{len(problems)} differences")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
