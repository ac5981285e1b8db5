"""Every leak and every over-redaction of a real `redact run` over a synthetic corpus.

    .venv/bin/python benchmarks/make_corpus.py /tmp/bench/h400 -n 400 --seed 900000
    .venv/bin/redact run /tmp/bench/h400/docs --out /tmp/h400out --workers 2
    .venv/bin/python benchmarks/leaks.py /tmp/bench/h400 /tmp/h400out [--profile strict]

For each document the truth says to publish and the run published: a must-mask value that
any extractor can still read from the published file (whitespace ignored) is a LEAK; a
must-keep value that occurs fewer times in the published text than in the original is LOST.
A document whose status differs from the truth's is listed too. The corpus is synthetic, so
the values are printed: this is a developer's tool, never run it on real judgments.
Exit code 1 when anything is listed.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import load_truth  # noqa: E402

from redactor.formats import read_document  # noqa: E402
from redactor.formats import format_for  # noqa: E402

_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub("", s)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path, help="the OUT folder of `redact run CORPUS/docs --out OUT`")
    ap.add_argument("--profile", default="strict")
    a = ap.parse_args(argv)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # "Object 5 0 not defined": free numbers verify probes
    corpus = json.loads((a.corpus / "corpus.json").read_text(encoding="utf-8"))
    report = {d["input"]: d for d in json.loads((a.out / "report.json").read_text(encoding="utf-8"))["documents"]}
    published, leaks, lost, wrong_status = Counter(), Counter(), Counter(), 0
    for row in corpus["documents"]:
        mask, keep, expected = load_truth(a.corpus, row, a.profile)
        got = report.get(row["file"], {}).get("status")
        if (expected == "withhold") != (got == "withheld") or got in (None, "failed", "review"):
            wrong_status += 1
            print(f"STATUS {row['file']} expected {expected}, got {got}")
        if got != "published":
            continue
        published[row["format"]] += 1
        out_path = a.out / row["file"]
        texts = [_norm(t) for t in format_for(row["format"]).extract(out_path)]
        body = _norm(read_document(out_path).text)
        original = _norm(read_document(a.corpus / "docs" / row["file"]).text)
        for value, cat in sorted(mask):
            v = _norm(value)
            if v and any(v in t for t in texts):
                leaks[(row["format"], cat)] += 1
                i = body.find(v)
                print(f"LEAK {row['file']} {cat} {value} | {body[max(0, i - 15):i + len(v) + 10]}")
        for value, cat in sorted(keep):
            v = _norm(value)
            if body.count(v) < original.count(v):
                lost[(row["format"], cat)] += 1
                i = original.find(v)
                print(f"LOST {row['file']} {cat} {value} | {original[max(0, i - 10):i + len(v) + 10]}")
    print(f"published documents by format: {dict(published)}; documents with the wrong status: {wrong_status}")
    print(f"leaked values: {sum(leaks.values())} {dict(leaks)}; over-redacted must-keep values: {sum(lost.values())} {dict(lost)}")
    return 1 if (leaks or lost or wrong_status) else 0


if __name__ == "__main__":
    sys.exit(main())
