"""Where one process's CPU goes, stage by stage, over a real `redact run` (issue 18).

    python benchmarks/stage_cpu.py DOCS [--out /tmp/bench/stage_cpu] [--warm-up]

``run_batch`` over DOCS with the inline executor (one process, no worker hand-off), strict policy,
the judgment NER loaded before the clock starts; each stage function is wrapped to add up the
CPU seconds of this process spent inside it (``time.process_time``). The report's own per-stage
timings are wall-clock and, on a busy machine, say little about CPU. Stages nest: ``detect``
includes the NER and the rule recognizers, ``redact_document`` everything per document.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/bench/stage_cpu"))
    ap.add_argument("--warm-up", action="store_true",
                    help="run DOCS once first (not counted), so the table is the steady state without the "
                         "lazy one-time loads (jieba's words, rules compiled on first use)")
    a = ap.parse_args(argv)

    import redactor.article17 as article17
    import redactor.batch as batch
    import redactor.detect as detect
    import redactor.executors as executors
    import redactor.pipeline as pipeline
    import redactor.formats.txt.writer as txt_writer
    from redactor.audit import AuditLog, HmacKey
    from redactor.policy import load_policy
    from redactor.recognizers.ner import NerRecognizer

    spent: dict[str, float] = {}

    def wrap(owner, name, label=None):
        f = getattr(owner, name, None)
        if f is None:  # a function this version of the code does not have (run on an older checkout)
            return
        label = label or name

        @functools.wraps(f)
        def timed(*args, **kwargs):
            t0 = time.process_time()
            try:
                return f(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - t0

        setattr(owner, name, timed)

    import redactor.detectors as detectors_mod

    wrap(detectors_mod, "structure_findings", "detectors.structure_findings")
    for name in ("read_document", "plan_document", "parse_structure", "decide", "verify_written",
                 "span_records", "fsync_and_hash", "fsync_dir", "_fsync_file", "_fsync_dir", "file_sha256",
                 "load_hints"):
        wrap(pipeline, name, f"pipeline.{name}")
    wrap(batch, "fsync_dir", "batch: output folders fsynced per group commit")
    wrap(detect, "detect", "detect (rules + NER + Presidio)")
    wrap(NerRecognizer, "analyze", "  of which NER")
    wrap(article17, "denylist_findings_for", "article17.denylist_findings_for")
    wrap(txt_writer, "write", "txt writer (file create + write)")
    wrap(batch, "_doc_fingerprint", "batch: document fingerprints")
    wrap(batch, "file_sha256", "batch: input sha256")
    wrap(pipeline.os, "replace", "os.replace (outputs renamed into place)")
    wrap(AuditLog, "extend", "batch: audit records")
    wrap(AuditLog, "sync", "batch: audit fsync")
    wrap(batch.Manifest, "put_many", "batch: manifest commits")
    wrap(pipeline, "redact_document", "redact_document (all per-document work)")
    executors.redact_document = pipeline.redact_document

    shutil.rmtree(a.out, ignore_errors=True)
    config = pipeline.RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"stage-cpu", "env"))
    pipeline.get_analyzer(config.ner)
    if a.warm_up:
        batch.run_batch([a.docs], a.out, config, batch.BatchOptions(workers=1, executor="inline"))
        shutil.rmtree(a.out, ignore_errors=True)
        spent.clear()
    t0 = time.process_time()
    report = batch.run_batch([a.docs], a.out, config, batch.BatchOptions(workers=1, executor="inline"))
    total = time.process_time() - t0
    n = report["totals"]["documents"]
    print(f"{n} documents, run_batch {total:.2f} CPU s ({1000 * total / n:.2f} ms per document)")
    print("| stage | CPU s | µs per document | share of run_batch |")
    print("|---|---:|---:|---:|")
    for k, v in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"| {k} | {v:.3f} | {1e6 * v / n:.0f} | {100 * v / total:.0f} % |")
    rd, plan = spent.get("redact_document (all per-document work)", 0.0), spent.get("pipeline.plan_document", 0.0)
    print(f"per-document fixed cost: redact_document outside plan_document (detect + decide) "
          f"{1e6 * (rd - plan) / n:.0f} µs, run_batch outside redact_document {1e6 * (total - rd) / n:.0f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
