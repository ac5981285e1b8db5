"""Throughput of the LibreOffice conversion path (.doc/.wps/.rtf/.odt, redactor/formats/legacy/convert.py)
against the DOCX path on the same judgments, in one process, interleaved.

The DOCX inputs (a folder of them: corpus_samples/, or make_corpus.py's DOCX) are saved by
LibreOffice as .doc, .rtf and .odt first (not timed); then each document is redacted with
``redact_document`` as DOCX and in each legacy format, round after round, so that the machine's
load falls on every format alike. ``read`` of a legacy format includes the conversion (a fresh
LibreOffice with a fresh profile per document) and the independent reading of the original.

    python benchmarks/legacy_formats.py corpus_samples --docs 4 --rounds 2 --json results/legacy.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("docx", "doc", "rtf", "odt")


def _convert_all(docs: list[Path], work: Path) -> dict[str, list[Path]]:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("error: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    profile = work / "profile"
    out = {"docx": docs}
    for fmt in FORMATS[1:]:
        dest = work / fmt
        dest.mkdir()
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", fmt, "--outdir", str(dest), *map(str, docs)],
                       check=True, capture_output=True, timeout=600)
        out[fmt] = [dest / (d.stem + "." + fmt) for d in docs]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="a folder of DOCX judgments")
    ap.add_argument("--docs", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--ner", default="judgment")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    from redactor import pipeline
    from redactor.audit import HmacKey
    from redactor.policy import load_policy

    docs = sorted(args.folder.glob("*.docx"))[: args.docs]
    if not docs:
        sys.exit(f"error: no .docx in {args.folder}")
    config = pipeline.RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"benchmark-key", "benchmark"),
                                ner=args.ner)
    with tempfile.TemporaryDirectory(prefix="bench-legacy-") as tmp:
        work = Path(tmp)
        inputs = _convert_all(docs, work)
        out = work / "out"
        pipeline.redact_document(docs[0], "warmup.docx", out, config)  # models loaded once, not timed
        rows = {fmt: [] for fmt in FORMATS}
        for rnd in range(args.rounds):
            for i in range(len(docs)):
                for fmt in FORMATS:
                    path = inputs[fmt][i]
                    c0, w0 = time.process_time(), time.perf_counter()
                    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                    res = pipeline.redact_document(path, f"r{rnd}/{path.name}", out, config)
                    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                    wall = time.perf_counter() - w0
                    child_cpu = (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime)
                    rows[fmt].append({"file": path.name, "status": res.status, "reason": res.reason_code,
                                      "wall_s": wall, "cpu_s": time.process_time() - c0 + child_cpu,
                                      "read_s": res.timings.get("read", 0.0)})
    summary = {}
    for fmt, rs in rows.items():
        summary[fmt] = {"documents": len(rs), "published": sum(r["status"] == "published" for r in rs),
                        "median_wall_s": round(statistics.median(r["wall_s"] for r in rs), 3),
                        "median_read_s": round(statistics.median(r["read_s"] for r in rs), 3),
                        "median_cpu_s_incl_children": round(statistics.median(r["cpu_s"] for r in rs), 3),
                        "docs_per_min_wall": round(60 * len(rs) / sum(r["wall_s"] for r in rs), 1)}
    base = summary["docx"]["median_wall_s"]
    print(f"{'format':6} {'docs':>4} {'published':>9} {'median wall s':>13} {'read s':>7} {'cpu s':>6} "
          f"{'docs/min':>8} {'x DOCX time':>11}")
    for fmt, s in summary.items():
        print(f"{fmt:6} {s['documents']:4} {s['published']:9} {s['median_wall_s']:13} {s['median_read_s']:7} "
              f"{s['median_cpu_s_incl_children']:6} {s['docs_per_min_wall']:8} "
              f"{s['median_wall_s'] / base:10.1f}x")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                         "load_avg": os.getloadavg(), "summary": summary, "rows": rows},
                                        indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
