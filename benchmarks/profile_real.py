"""cProfile of one process over a sample of the real-text corpus (issue 18).

    python benchmarks/profile_real.py [--work /tmp/bench/profile_real] [--every 46] [--lecard 2]
        [--top 40] [--stats /tmp/bench/profile_real.prof]

Builds the sample the way ``real_text.py`` builds its corpus (every Nth CJRC paragraph and XXCQ
sentence, plus ``--lecard`` complete judgments), then runs ``run_batch`` on it with the inline
executor (no worker hand-off), strict policy, the default NER loaded before the profiler starts,
and (unless ``--cold``) after one unprofiled run of the same sample, so the profile is the
per-document cost in steady state and nothing of start-up or of the lazy one-time loads (the
jieba dictionary sets of structure.py, jieba's own start, rules compiled on first use); ``--cold``
profiles the first run instead. Prints the top functions by
cumulative and by own time; ``--stats`` keeps the raw profile for ``pstats``/``snakeviz``.
The documents are written under ``--work`` at run time, never into the repository.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "judgments-dev"


def build_sample(docs: Path, every: int, lecard: int) -> tuple[int, int]:
    shutil.rmtree(docs, ignore_errors=True)
    rows: list[tuple[str, str, str]] = []
    for name, key in (("cjrc", "text"), ("xxcq", "context")):
        lines = (DATA / f"{name}_dev.jsonl").read_text(encoding="utf-8").splitlines()
        for line in lines[::every]:
            r = json.loads(line)
            rows.append((name, str(r["id"]), r[key]))
    if lecard:
        with gzip.open(DATA / "lecard_full_dev.jsonl.gz", "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= lecard:
                    break
                r = json.loads(line)
                rows.append(("lecard", str(r["id"]), r["text"]))
    for kind, ident, text in rows:
        (docs / kind).mkdir(parents=True, exist_ok=True)
        (docs / kind / f"{ident}.txt").write_text(text, encoding="utf-8")
    return len(rows), sum(len(t) for _, _, t in rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench/profile_real"))
    ap.add_argument("--every", type=int, default=46, help="take every Nth CJRC and XXCQ document")
    ap.add_argument("--lecard", type=int, default=2, help="complete real judgments to add")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--stats", type=Path)
    ap.add_argument("--cold", action="store_true",
                    help="profile the first run of the process (lazy one-time loads included); "
                         "by default the sample is run once unprofiled first, so the profile is the steady state")
    a = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"error: {DATA} not found", file=sys.stderr)
        return 2
    docs, out = a.work / "docs", a.work / "out"
    n, chars = build_sample(docs, a.every, a.lecard)

    import redactor.batch as batch
    import redactor.pipeline as pipeline
    from redactor.audit import HmacKey
    from redactor.policy import load_policy

    shutil.rmtree(out, ignore_errors=True)
    config = pipeline.RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"profile-real", "env"))
    pipeline.get_analyzer(config.ner)
    if not a.cold:
        t0 = time.process_time()
        batch.run_batch([docs], a.work / "out-warm-up", config, batch.BatchOptions(workers=1, executor="inline"))
        print(f"warm-up run (not profiled): {time.process_time() - t0:.2f} CPU s")
        shutil.rmtree(a.work / "out-warm-up", ignore_errors=True)
    prof = cProfile.Profile(time.process_time)
    t0 = time.process_time()
    prof.enable()
    batch.run_batch([docs], out, config, batch.BatchOptions(workers=1, executor="inline"))
    prof.disable()
    total = time.process_time() - t0
    print(f"{n} documents, {chars:,} characters, run_batch {total:.2f} CPU s under the profiler "
          f"({1000 * total / n:.1f} ms per document)")
    t0 = time.process_time()
    batch.run_batch([docs], a.work / "out-after", config, batch.BatchOptions(workers=1, executor="inline"))
    print(f"the same run again, not profiled: {time.process_time() - t0:.2f} CPU s")
    shutil.rmtree(a.work / "out-after", ignore_errors=True)
    stats = pstats.Stats(prof)
    if a.stats:
        stats.dump_stats(str(a.stats))
    stats.sort_stats("cumulative").print_stats(a.top)
    stats.sort_stats("tottime").print_stats(a.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
