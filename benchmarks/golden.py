"""Behaviour-unchanged check for refactors (issue 20): same published bytes, same audit.

    .venv/bin/python benchmarks/golden.py save  build/golden.json
    .venv/bin/python benchmarks/golden.py check build/golden.json

Runs ``redact run`` under ``strict`` and ``spc2016`` on ``corpus_samples/``, on a small
synthetic benchmark corpus (``make_corpus.py -n 60 --seed 20``) and on 60 complete real
judgments from ``../shared/data/judgments-dev`` (as .txt), with a fixed audit key. It
records the SHA-256 of every published file and every audit record with the fields that
change from run to run removed (time, run id, chain hashes). ``check`` prints each
difference and exits 1 if there is any.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "golden"
LECARD = ROOT.parent / "shared" / "data" / "judgments-dev" / "lecard_full_dev.jsonl.gz"
VOLATILE = {"time", "run_id", "prev", "hash", "seal", "operator", "timings", "elapsed_s", "started", "finished",
            "duration_s", "seconds", "last_hash", "fingerprint", "docs_per_s", "chars_per_s"}


def _inputs() -> dict[str, Path]:
    sets = {"samples": ROOT / "corpus_samples"}
    synth = BUILD / "synth"
    if not (synth / "corpus.json").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(synth), "-n", "60",
                        "--seed", "20"], check=True, stdout=subprocess.DEVNULL)
    sets["synth"] = synth / "docs"
    if LECARD.exists():
        real = BUILD / "real"
        if not real.exists():
            real.mkdir(parents=True)
            with gzip.open(LECARD, "rt", encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    if i >= 60:
                        break
                    row = json.loads(line)
                    text = row.get("text") or row.get("fact") or row.get("content") or ""
                    if not text:
                        text = "\n".join(str(v) for v in row.values() if isinstance(v, str) and len(v) > 200)
                    (real / f"real_{i:03d}.txt").write_text(text, encoding="utf-8")
        sets["real"] = real
    return sets


def _strip(obj):
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    return obj


def snapshot() -> dict[str, str]:
    env = dict(os.environ, REDACTOR_HMAC_KEY="golden-check-key")
    env.pop("REDACTOR_HMAC_KEY_FILE", None)
    snap: dict[str, str] = {}
    for name, src in _inputs().items():
        for profile in ("strict", "spc2016"):
            out = BUILD / "out" / f"{name}-{profile}"
            subprocess.run(["rm", "-rf", str(out)], check=True)
            subprocess.run([str(ROOT / ".venv" / "bin" / "redact"), "run", str(src), "--out", str(out),
                            "--policy", profile], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for p in sorted(out.rglob("*")):
                rel = p.relative_to(out).as_posix()
                if not p.is_file() or rel.startswith(".redactor"):
                    continue
                key = f"{name}/{profile}/{rel}"
                if rel == "audit.jsonl":
                    for line in p.read_text(encoding="utf-8").splitlines():
                        rec = _strip(json.loads(line))
                        body = json.dumps(rec, sort_keys=True, ensure_ascii=False)
                        k = f"{key}#{rec.get('type')}:{rec.get('document', '')}:{hashlib.sha256(body.encode()).hexdigest()[:16]}"
                        snap[k] = body
                elif rel == "report.json":
                    snap[key] = json.dumps(_strip(json.loads(p.read_text(encoding="utf-8"))), sort_keys=True,
                                           ensure_ascii=False)
                else:
                    snap[key] = hashlib.sha256(p.read_bytes()).hexdigest()
    return snap


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "check"):
        print(__doc__)
        return 2
    cmd, path = argv[0], Path(argv[1])
    snap = snapshot()
    if cmd == "save":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(snap, indent=0, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        print(f"saved {len(snap)} entries to {path}")
        return 0
    old = json.loads(path.read_text(encoding="utf-8"))
    diffs = sorted(set(old) ^ set(snap)) + sorted(k for k in set(old) & set(snap) if old[k] != snap[k])
    for k in diffs[:200]:
        print(("only before: " if k not in snap else "only after: " if k not in old else "changed: ") + k)
    print(f"{len(snap)} entries, {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
