"""The nightly-job targets of issue 6, measured with the real ``redact run``.

    .venv/bin/python benchmarks/batch_targets.py CORPUS [--scaling-docs 1000] [--sizes 1000,10000]
        [--ner none] [--work DIR] [--json results.json]

CORPUS is a folder made by benchmarks/make_corpus.py. Every measurement starts
``redact run`` as a subprocess (the real CLI: local executor, worker processes, manifest,
audit chain, report) and watches its worker processes from outside:

1. scaling: the first ``--scaling-docs`` documents with ``--workers 1`` and then
   ``--workers 2`` into fresh OUT folders; target: throughput with 2 workers >= 1.8x one.
2. memory: the first N documents for each N in ``--sizes`` with ``--workers 2``; the peak RSS
   (VmHWM) of every worker process is sampled every 0.2 s; target: flat from 1,000 to 10,000.
3. rerun: ``redact run`` again over the largest size into the same OUT (nothing changed);
   target: under 5% of the first run's time.

Wall seconds are the CLI's whole life (start-up, model loading and report included). CPU
seconds are the run's own and its workers' (getrusage of the waited-for children).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import load_corpus, machine  # noqa: E402

SHARD = 1000


def redact_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("redact")
    if exe.is_file():
        return [str(exe)]
    return [sys.executable, "-m", "redactor.cli"]


def inputs_for(corpus_dir: Path, corpus: dict, n: int, staging: Path) -> list[Path]:
    """The first ``n`` documents as ``redact run`` inputs: whole shard folders where they fit,
    else a folder of symbolic links (so report paths stay short)."""
    docs = Path(corpus_dir) / "docs"
    if n % SHARD == 0 and n <= len(corpus["documents"]):
        return [docs / f"{k:05d}" for k in range(n // SHARD)]
    staging.mkdir(parents=True, exist_ok=True)
    for row in corpus["documents"][:n]:
        link = staging / Path(row["file"]).name
        if not link.exists():
            link.symlink_to((docs / row["file"]).resolve())
    return [staging]


class RssWatcher:
    """Samples the peak RSS (VmHWM) of every descendant of a process until stopped."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.peak_kb: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            for p in procs:
                try:
                    with open(f"/proc/{p.pid}/status") as fh:
                        for line in fh:
                            if line.startswith("VmHWM:"):
                                kb = int(line.split()[1])
                                self.peak_kb[p.pid] = max(self.peak_kb.get(p.pid, 0), kb)
                                break
                    if p.pid not in self.names:
                        self.names[p.pid] = "main" if p.pid == self.pid else "worker"
                except (OSError, psutil.Error):
                    pass
            self._stop.wait(self.interval)

    def workers_mb(self) -> list[float]:
        return sorted((round(kb / 1024, 1) for pid, kb in self.peak_kb.items() if self.names.get(pid) == "worker"),
                      reverse=True)

    def main_mb(self) -> float:
        return round(self.peak_kb.get(self.pid, 0) / 1024, 1)


def redact_run(inputs: list[Path], out: Path, workers: int, ner: str, policy: str) -> dict:
    cmd = redact_cmd() + ["run", *map(str, inputs), "--out", str(out), "--workers", str(workers),
                          "--ner", ner, "--policy", policy, "--json"]
    env = dict(os.environ, REDACTOR_HMAC_KEY=os.environ.get("REDACTOR_HMAC_KEY", "benchmark-key-not-secret"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with RssWatcher(proc.pid) as watch:
        stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"redact run exited {proc.returncode}: {stderr[-2000:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"workers": workers, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "exit": proc.returncode,
            "totals": report["totals"], "run_seconds": report["seconds"],
            "worker_peak_rss_mb": watch.workers_mb(), "main_peak_rss_mb": watch.main_mb()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--scaling-docs", type=int, default=1000)
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes for the memory check")
    ap.add_argument("--ner", default="lac", help="NER backend for redact run (lac | judgment | none)")
    ap.add_argument("--policy", default="strict")
    ap.add_argument("--skip", default="", help="comma list of steps to skip: scaling,memory,rerun")
    ap.add_argument("--work", type=Path, help="where OUT folders go (default: a temporary folder, removed)")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    corpus = load_corpus(a.corpus)
    skip = {s.strip() for s in a.skip.split(",") if s.strip()}
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    work = a.work or Path(tempfile.mkdtemp(prefix="redactor-batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    res: dict = {"machine": machine(), "date": date.today().isoformat(), "ner": a.ner,
                 "command": "python benchmarks/batch_targets.py " + " ".join(argv if argv is not None else sys.argv[1:])}

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    def chars(n: int) -> int:
        return sum(r["chars"] for r in corpus["documents"][:n])

    try:
        if "scaling" not in skip:
            n = a.scaling_docs
            inputs = inputs_for(a.corpus, corpus, n, work / f"in{n}")
            runs = {}
            for w in (1, 2):
                out = work / f"scaling_w{w}"
                shutil.rmtree(out, ignore_errors=True)
                r = redact_run(inputs, out, w, a.ner, a.policy)
                r["docs_per_s"] = round(n / r["wall_s"], 2)
                r["chars_per_s"] = round(chars(n) / r["wall_s"])
                runs[w] = r
                log(f"scaling: {n} docs, {w} worker(s): {r['wall_s']} s wall, {r['cpu_s']} s CPU, {r['totals']}")
                shutil.rmtree(out, ignore_errors=True)
            res["scaling"] = {"documents": n, "chars": chars(n), "runs": runs,
                              "speedup_2_vs_1": round(runs[1]["wall_s"] / runs[2]["wall_s"], 2)}
            log(f"scaling: 2 workers = {res['scaling']['speedup_2_vs_1']}x one worker")
        if "memory" not in skip or "rerun" not in skip:
            mem = {}
            for n in sizes:
                inputs = inputs_for(a.corpus, corpus, n, work / f"in{n}")
                out = work / f"size{n}"
                shutil.rmtree(out, ignore_errors=True)
                r = redact_run(inputs, out, 2, a.ner, a.policy)
                r["docs_per_s"] = round(n / r["wall_s"], 2)
                mem[n] = r
                log(f"memory: {n} docs, 2 workers: {r['wall_s']} s, worker peak RSS {r['worker_peak_rss_mb']} MB, "
                    f"main {r['main_peak_rss_mb']} MB")
                if n != sizes[-1]:
                    shutil.rmtree(out, ignore_errors=True)
            res["memory"] = mem
            if "rerun" not in skip:
                n = sizes[-1]
                out = work / f"size{n}"
                r = redact_run(inputs_for(a.corpus, corpus, n, work / f"in{n}"), out, 2, a.ner, a.policy)
                first = mem[n]["wall_s"]
                res["rerun"] = {"documents": n, "first_wall_s": first, "rerun": r,
                                "ratio": round(r["wall_s"] / first, 4)}
                log(f"rerun: {n} unchanged docs: {r['wall_s']} s = {100 * r['wall_s'] / first:.2f}% of the first run "
                    f"(reused {r['totals'].get('reused')})")
    finally:
        if a.work is None:
            shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(res, ensure_ascii=False, indent=1)
    if a.json:
        a.json.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
