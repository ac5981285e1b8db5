"""Throughput of the OFD path (redactor/formats/ofd) against the TXT path on the same text,
in one process, interleaved.

Each TXT judgment of a folder (corpus_samples/, or make_corpus.py's TXT) is laid out as an
OFD by the fixture writer (redactor/formats/ofd/make.py: one TextObject per line, DeltaX on
every glyph, a template, DocInfo, an annotation; not timed), and once more without DeltaX
(``ofd_redraw``: every TextCode holding a masked value goes through the redraw fallback,
redactor/formats/ofd/redraw.py); then each document is redacted with ``redact_document`` as
TXT and as both OFDs, round after round, so the machine's load falls on all alike. OFD's ``verify`` includes easyofd's reading where easyofd is installed
(``--no-easyofd`` hides it, to measure the run-time path without the extra).

    python benchmarks/ofd.py corpus_samples --docs 4 --rounds 3 --json benchmarks/results/ofd.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("txt", "ofd", "ofd_redraw")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="a folder of TXT judgments")
    ap.add_argument("--docs", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ner", default="judgment")
    ap.add_argument("--no-easyofd", action="store_true", help="verify without easyofd (as where it is not installed)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if args.no_easyofd:
        sys.modules["easyofd"] = None  # import easyofd -> ImportError, as without the extra

    from redactor import pipeline
    from redactor.audit import HmacKey
    from redactor.formats.ofd.make import make_ofd, paragraphs_of
    from redactor.policy import load_policy
    from redactor.formats.txt.reader import decode_bytes

    docs = sorted(args.folder.glob("*.txt"))[: args.docs]
    if not docs:
        sys.exit(f"error: no .txt in {args.folder}")
    config = pipeline.RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"benchmark-key", "benchmark"),
                                ner=args.ner)
    with tempfile.TemporaryDirectory(prefix="bench-ofd-") as tmp:
        work = Path(tmp)
        inputs = {"txt": docs, "ofd": [], "ofd_redraw": []}
        for d in docs:
            text, _ = decode_bytes(d.read_bytes())
            for fmt, deltax in (("ofd", True), ("ofd_redraw", False)):
                p = work / fmt / f"{d.stem}.ofd"
                p.parent.mkdir(exist_ok=True)
                p.write_bytes(make_ofd(paragraphs_of(text), title="判决书", author="书记员", header="人民法院",
                                       annotation="已签收", deltax=deltax))
                inputs[fmt].append(p)
        out = work / "out"
        pipeline.redact_document(docs[0], "warmup.txt", out, config)  # models loaded once, not timed
        pipeline.redact_document(inputs["ofd"][0], "warmup.ofd", out, config)  # easyofd imported once
        rows = {fmt: [] for fmt in FORMATS}
        for rnd in range(args.rounds):
            for i in range(len(docs)):
                for fmt in FORMATS:
                    path = inputs[fmt][i]
                    c0, w0 = time.process_time(), time.perf_counter()
                    res = pipeline.redact_document(path, f"r{rnd}/{fmt}/{path.name}", out, config)
                    rows[fmt].append({"file": path.name, "status": res.status, "reason": res.reason_code,
                                      "fallback_pages": len(res.writer.get("ofd_fallback_pages", [])),
                                      "wall_s": time.perf_counter() - w0, "cpu_s": time.process_time() - c0,
                                      **{f"{k}_s": v for k, v in res.timings.items()}})
    summary = {}
    for fmt, rs in rows.items():
        summary[fmt] = {"documents": len(rs), "published": sum(r["status"] == "published" for r in rs),
                        "with_fallback_pages": sum(r["fallback_pages"] > 0 for r in rs),
                        "median_wall_s": round(statistics.median(r["wall_s"] for r in rs), 3),
                        **{f"median_{k}": round(statistics.median(r.get(k, 0.0) for r in rs), 3)
                           for k in ("read_s", "write_s", "verify_s")},
                        "docs_per_s_wall": round(len(rs) / sum(r["wall_s"] for r in rs), 2)}
    base = summary["txt"]["median_wall_s"]
    print(f"{'format':10} {'docs':>4} {'published':>9} {'median wall s':>13} {'read s':>7} {'write s':>7} "
          f"{'verify s':>8} {'docs/s':>6} {'x TXT time':>10}")
    for fmt, s in summary.items():
        print(f"{fmt:10} {s['documents']:4} {s['published']:9} {s['median_wall_s']:13} {s['median_read_s']:7} "
              f"{s['median_write_s']:7} {s['median_verify_s']:8} {s['docs_per_s_wall']:6} "
              f"{s['median_wall_s'] / base:9.1f}x")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                         "load_avg": os.getloadavg(), "summary": summary, "rows": rows},
                                        indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
