"""Generate a benchmark corpus of synthetic judgments with ground truth (issue 7).

    .venv/bin/python benchmarks/make_corpus.py OUT [-n 10000] [--seed 0]
        [--mix txt=0.6,docx=0.2,pdf=0.2] [--gb18030 0.1] [--meta] [--jobs 2]

Layout (the documents and the truth are in separate trees, so ``redact run OUT/docs`` sees
only documents):

    OUT/docs/00000/<id>.txt|.docx|.pdf    1,000 documents per shard folder
    OUT/truth/<id>.json                    every value to mask / keep (offsets into the text)
    OUT/corpus.json                        one row per document: id, file, format, chars,
                                           kind, case_type, encoding, expected status

Everything is deterministic in (seed, n, mix): document i is ``generate_judgment(seed + i)``
(lengths about 2,000-20,000 characters, civil / criminal / administrative in the generator's
realistic mix) and its format is drawn from ``random.Random(f"{seed}/{i}/format")``, so the
first 1,000 documents of a 10,000 corpus are the 1,000 documents of a 1,000 corpus. Files an
earlier run with the same seed already wrote (document and truth) are kept, so a bigger
corpus or an interrupted run picks up where the last one stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from multiprocessing import get_context
from pathlib import Path

# redactor_synth, the generator, is a development package at the repository's root (the
# wheel does not carry it); the workers import this module too, so they find it as well.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SHARD = 1000
FORMATS = ("txt", "docx", "pdf")


def parse_mix(spec: str) -> dict[str, float]:
    mix: dict[str, float] = {}
    for part in spec.split(","):
        fmt, _, w = part.partition("=")
        fmt = fmt.strip().lower()
        if fmt not in FORMATS:
            raise argparse.ArgumentTypeError(f"unknown format {fmt!r} in --mix (txt, docx, pdf)")
        mix[fmt] = float(w or 1)
    if sum(mix.values()) <= 0:
        raise argparse.ArgumentTypeError("--mix weights must add up to more than 0")
    return mix


def doc_id(i: int) -> str:
    return f"j{i:06d}"


def rel_path(i: int, fmt: str) -> str:
    return f"{i // SHARD:05d}/{doc_id(i)}.{fmt}"


def choose(seed: int, i: int, mix: dict[str, float], gb18030: float) -> tuple[str, str]:
    rng = random.Random(f"{seed}/{i}/format")
    fmt = rng.choices(list(mix), weights=list(mix.values()))[0]
    encoding = "gb18030" if fmt == "txt" and rng.random() < gb18030 else "utf-8"
    return fmt, encoding


def make_one(args: tuple[int, int, str, str, str, bool]) -> dict:
    from redactor_synth import generate_judgment, render

    i, seed, fmt, encoding, out, meta = args
    out_dir = Path(out)
    j = generate_judgment(seed + i)
    rel = rel_path(i, fmt)
    dest = out_dir / "docs" / rel
    dest.parent.mkdir(parents=True, exist_ok=True)
    truth_path = out_dir / "truth" / f"{doc_id(i)}.json"
    row = {"id": doc_id(i), "file": rel, "format": fmt, "encoding": encoding, "chars": len(j.text),
           "kind": j.kind, "case_type": j.case_type, "expected_status": j.status}
    if dest.is_file() and truth_path.is_file() and (not meta or dest.with_name(dest.stem + ".meta.json").is_file()):
        return row  # written by an earlier (interrupted or smaller) run with the same seed
    if fmt == "txt":
        render.write_txt(j, dest, encoding=encoding)
    elif fmt == "docx":
        render.write_docx(j, dest)
    else:
        render.write_pdf(j, dest)
    if meta:
        render.write_meta(j, dest)
    truth = {"file": rel, "format": fmt, "encoding": encoding, "chars": len(j.text), **j.truth(include_text=False)}
    # truth last: a document counts as written only once its truth is there
    truth_path.write_text(render.dump_truth(truth), encoding="utf-8")
    return row


def make_corpus(out: Path, n: int = 10_000, seed: int = 0, mix: dict[str, float] | None = None,
                gb18030: float = 0.1, meta: bool = False, jobs: int = 1, quiet: bool = True) -> dict:
    """Write the corpus into ``out``; returns what corpus.json holds."""
    mix = mix or {"txt": 0.6, "docx": 0.2, "pdf": 0.2}
    out = Path(out)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    tasks = []
    for i in range(n):
        fmt, enc = choose(seed, i, mix, gb18030)
        tasks.append((i, seed, fmt, enc, str(out), meta))
    t0 = time.perf_counter()
    rows: list[dict] = []
    if jobs > 1:
        with get_context("spawn").Pool(jobs) as pool:
            for k, row in enumerate(pool.imap(make_one, tasks, chunksize=8), 1):
                rows.append(row)
                if not quiet and k % 500 == 0:
                    print(f"  {k}/{n} documents ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    else:
        for k, t in enumerate(tasks, 1):
            rows.append(make_one(t))
            if not quiet and k % 500 == 0:
                print(f"  {k}/{n} documents ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    corpus = {"seed": seed, "n": n, "mix": mix, "gb18030": gb18030, "meta": meta,
              "chars": sum(r["chars"] for r in rows), "documents": rows}
    (out / "corpus.json").write_text(json.dumps(corpus, ensure_ascii=False, indent=0), encoding="utf-8")
    return corpus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="corpus folder (created)")
    ap.add_argument("-n", type=int, default=10_000, help="number of documents (default 10000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mix", type=parse_mix, default=parse_mix("txt=0.6,docx=0.2,pdf=0.2"),
                    help="format weights, e.g. txt=0.6,docx=0.2,pdf=0.2 or txt=1")
    ap.add_argument("--gb18030", type=float, default=0.1, help="share of TXT files encoded in GB18030")
    ap.add_argument("--meta", action="store_true", help="write NAME.meta.json sidecars (hints)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="generator processes")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    corpus = make_corpus(a.out, a.n, a.seed, a.mix, a.gb18030, a.meta, a.jobs, quiet=False)
    counts = {f: sum(1 for r in corpus["documents"] if r["format"] == f) for f in FORMATS}
    print(f"{a.n} documents, {corpus['chars']:,} characters ({counts}) in {a.out} "
          f"[{time.perf_counter() - t0:.0f} s]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
