"""Throughput on real judgment text, end to end through the real CLI, against the fair baseline (issue 18).

    python benchmarks/real_text.py --work /tmp/bench/real [--lecard 100] [--workers 1] [--repeat 2]
        [--json benchmarks/results/real_text.json] [--markdown benchmarks/results/real_text.md]

The documents are what the nightly job also sees besides long judgments: the 999 real CJRC fact
paragraphs, the 3,658 real XXCQ criminal sentences and (``--lecard N``) N complete real criminal
judgments from ``../shared/data/judgments-dev/``, one TXT file each (built at run time, never copied
into the repository). Their published placeholders (张某1, 王某甲, ×××) are filled with synthetic names
when ``benchmarks/quality/real_set.py`` is present (the re-identified set of issue 14), so the tool
sees names, as in an unpublished judgment.

Each system runs as a child process pinned to one core (``taskset -c 0`` where available), and
its CPU seconds are read from the kernel (``RUSAGE_CHILDREN``: the process and everything it
started). Measured per system:

- ``redactor``: ``redact run DOCS --out OUT --workers N`` (the real CLI: reading, detection, the
  policy, writing, verify, audit, manifest, report), and the same command on a folder of one short
  sentence (start-up: imports, rules, model, workers), reported apart and taken off;
- ``baseline (fair)``: ``baseline.build_fair_baseline()`` (NoOp NLP engine, check digits, LAC on one
  ONNX thread over sentences), reading and writing the same files, start-up taken off the same way;
- ``baseline (issue 7)``: ``baseline.build_baseline()``, as the earlier tables, for one release.

Per-stage times come from ``report.json`` (the worker's own clock per document); what a run spends
outside the stages (process hand-off, manifest, audit chain, report) is the per-document fixed cost.
Systems alternate over ``--repeat`` rounds so a change in the machine's speed hits all of them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "data" / "judgments-dev"


def _reidentifier():
    """The issue-14 re-identification (placeholders -> synthetic names of every style), if present."""
    sys.path.insert(0, str(HERE / "quality"))
    try:
        import real_set  # type: ignore
    except ImportError:
        return None
    return getattr(real_set, "reidentify_text", None)


def build_corpus(work: Path, lecard: int) -> dict:
    docs = work / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    reid = _reidentifier()
    rows: list[tuple[str, str, str]] = []
    for line in (DATA / "cjrc_dev.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        rows.append(("cjrc", str(r["id"]), r["text"]))
    for line in (DATA / "xxcq_dev.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        rows.append(("xxcq", str(r["id"]), r["context"]))
    if lecard:
        with gzip.open(DATA / "lecard_full_dev.jsonl.gz", "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= lecard:
                    break
                r = json.loads(line)
                rows.append(("lecard", str(r["id"]), r["text"]))
    chars = {}
    for kind, ident, text in rows:
        if reid is not None:
            text = reid(text, seed=ident)
        d = docs / kind
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{ident}.txt").write_text(text, encoding="utf-8")
        chars.setdefault(kind, [0, 0])
        chars[kind][0] += 1
        chars[kind][1] += len(text)
    tiny = work / "tiny"
    tiny.mkdir(parents=True, exist_ok=True)
    (tiny / "one.txt").write_text("被告人张伟于2020年5月在本市盗窃。\n", encoding="utf-8")
    return {"sets": {k: {"documents": v[0], "chars": v[1]} for k, v in chars.items()},
            "documents": sum(v[0] for v in chars.values()), "chars": sum(v[1] for v in chars.values()),
            "reidentified": reid is not None}


def _pin() -> list[str]:
    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


def _run_measured(cmd: list[str], env: dict | None = None, cwd: Path | None = None
                  ) -> tuple[float, float, subprocess.CompletedProcess]:
    """CPU seconds (user+sys of the child and its descendants) and wall seconds of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(_pin() + cmd, env=env, capture_output=True, text=True, cwd=cwd)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, proc


def run_redactor(work: Path, docs: Path, workers: int, policy: str, code: Path | None = None) -> dict:
    """``code``: another checkout of the repository to run instead of this one (a before/after
    comparison in one run: ``--before DIR``, DIR made with ``git archive COMMIT | tar -x -C DIR``)."""
    label = "redactor" if code is None else "redactor (before)"
    out = work / ("out-redactor" if code is None else "out-redactor-before")
    shutil.rmtree(out, ignore_errors=True)
    redact = [sys.executable, "-m", "redactor.cli", "run"]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(Path(code).resolve())] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    cwd = Path(code).resolve() if code is not None else None  # `python -m` puts the cwd first on sys.path
    cpu, wall, proc = _run_measured(redact + [str(docs), "--out", str(out), "--workers", str(workers),
                                              "--policy", policy], env, cwd)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"redact run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    tiny_out = work / ("out-tiny" if code is None else "out-tiny-before")
    shutil.rmtree(tiny_out, ignore_errors=True)
    cpu0, wall0, _ = _run_measured(redact + [str(work / "tiny"), "--out", str(tiny_out), "--workers", str(workers),
                                             "--policy", policy], env, cwd)
    stages: dict[str, float] = {}
    statuses: dict[str, int] = {}
    for d in report["documents"]:
        statuses[d["status"]] = statuses.get(d["status"], 0) + 1
        for k, v in (d.get("timings") or {}).items():
            stages[k] = stages.get(k, 0.0) + float(v)
    return {"system": label, "cpu_s": cpu, "wall_s": wall, "startup_cpu_s": cpu0, "startup_wall_s": wall0,
            "stages_s": stages, "statuses": statuses, "workers": workers}


def run_baseline(work: Path, docs: Path, which: str) -> dict:
    out = work / f"out-baseline-{which}"
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    me = [sys.executable, str(Path(__file__).resolve()), "--child-baseline", which]
    cpu, wall, proc = _run_measured(me + [str(docs), str(out)], env)
    if proc.returncode != 0:
        raise SystemExit(f"baseline failed: {proc.stderr[-2000:]}")
    cpu0, wall0, _ = _run_measured(me + [str(work / "tiny"), str(out) + "-tiny"], env)
    return {"system": f"baseline ({which})", "cpu_s": cpu, "wall_s": wall, "startup_cpu_s": cpu0,
            "startup_wall_s": wall0}


def child_baseline(which: str, docs: Path, out: Path) -> int:
    sys.path.insert(0, str(HERE))
    import baseline

    analyzer, anonymizer = baseline.build_fair_baseline() if which == "fair" else baseline.build_baseline()
    for src in sorted(docs.rglob("*.txt")):
        dest = out / src.relative_to(docs)
        dest.parent.mkdir(parents=True, exist_ok=True)
        baseline.redact_file(src, dest, analyzer, anonymizer)
    return 0


def derived(r: dict, corpus: dict) -> dict:
    net = max(r["cpu_s"] - r["startup_cpu_s"], 1e-9)
    r["chars_per_cpu_s"] = corpus["chars"] / r["cpu_s"]
    r["chars_per_cpu_s_net"] = corpus["chars"] / net
    r["docs_per_s_wall"] = corpus["documents"] / max(r["wall_s"], 1e-9)
    if "stages_s" in r:
        inside = sum(r["stages_s"].values())
        r["outside_stages_ms_per_doc"] = 1000 * (net - inside) / corpus["documents"]
    return r


def markdown(rounds: list[list[dict]], corpus: dict, command: str) -> str:
    sets = ", ".join(f"{k}: {v['documents']} docs / {v['chars']:,} chars" for k, v in corpus["sets"].items())
    reid = "yes" if corpus["reidentified"] else "no (published placeholders)"
    lines = [f"Command: `{command}`", "",
             f"{corpus['documents']} documents, {corpus['chars']:,} characters "
             f"({sets}); "
             f"re-identified: {reid}; "
             f"machine: {platform.machine()}, {os.cpu_count()} cores, one core per child (taskset).", "",
             "| round | system | CPU s | start-up CPU s | chars per CPU s | chars per CPU s, start-up off | × fair baseline (start-up off) | docs per wall s |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for i, results in enumerate(rounds, 1):
        fair = next((r for r in results if r["system"] == "baseline (fair)"), None)
        for r in results:
            ratio = f"{r['chars_per_cpu_s_net'] / fair['chars_per_cpu_s_net']:.2f}×" if fair else "–"
            lines.append(f"| {i} | {r['system']} | {r['cpu_s']:.1f} | {r['startup_cpu_s']:.2f} | "
                         f"{r['chars_per_cpu_s']:,.0f} | {r['chars_per_cpu_s_net']:,.0f} | {ratio} | "
                         f"{r['docs_per_s_wall']:.1f} |")
    if len(rounds) > 1:
        # On a shared machine one system's CPU seconds move by a third between rounds (other
        # jobs' cache and memory traffic, in bursts): the median over the rounds, with the
        # range, is what to read; a single round's ratio is not.
        per: dict[str, list[dict]] = {}
        for results in rounds:
            for r in results:
                per.setdefault(r["system"], []).append(r)

        def median(xs):
            xs = sorted(xs)
            return (xs[(len(xs) - 1) // 2] + xs[len(xs) // 2]) / 2

        rate = {name: median([r["chars_per_cpu_s_net"] for r in rs]) for name, rs in per.items()}
        fair = rate.get("baseline (fair)")
        lines += ["", f"Median of the {len(rounds)} rounds per system (start-up off; range in brackets):", "",
                  "| system | CPU s | start-up CPU s | chars per CPU s, start-up off | × fair baseline (median rates) |",
                  "|---|---:|---:|---:|---:|"]
        for name, rs in per.items():
            cpu = [r["cpu_s"] for r in rs]
            net = [r["chars_per_cpu_s_net"] for r in rs]
            ratio = f"{rate[name] / fair:.2f}×" if fair else "–"
            lines.append(f"| {name} | {median(cpu):.1f} ({min(cpu):.1f}–{max(cpu):.1f}) | "
                         f"{median([r['startup_cpu_s'] for r in rs]):.2f} | "
                         f"{rate[name]:,.0f} ({min(net):,.0f}–{max(net):,.0f}) | {ratio} |")
    tool = [r for results in rounds for r in results if r["system"].startswith("redactor")]
    if tool:
        lines += ["", "redactor, per stage (seconds summed over documents, the worker's clock) and outside the stages:", "",
                  "| round | system | " + " | ".join(sorted(tool[0]["stages_s"])) + " | outside the stages, ms per document |",
                  "|---|---|" + "---:|" * (len(tool[0]["stages_s"]) + 1)]
        per_round = len(tool) // max(len(rounds), 1)
        for i, r in enumerate(tool):
            lines.append(f"| {i // per_round + 1} | {r['system']} | "
                         + " | ".join(f"{r['stages_s'].get(k, 0.0):.1f}" for k in sorted(tool[0]["stages_s"]))
                         + f" | {r['outside_stages_ms_per_doc']:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child-baseline"]:
        return child_baseline(argv[1], Path(argv[2]), Path(argv[3]))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench/real"))
    ap.add_argument("--lecard", type=int, default=100, help="complete real judgments to add (0 = none)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--policy", default="strict")
    ap.add_argument("--repeat", type=int, default=1, help="rounds; systems alternate within each")
    ap.add_argument("--systems", default="redactor,fair,issue7",
                    help="comma-separated: redactor, before (needs --before), fair, issue7")
    ap.add_argument("--before", type=Path, help="a checkout of an earlier commit, run as the system 'before'")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--markdown", type=Path)
    a = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"error: {DATA} not found (the real judgments live in ../shared/data beside the repository)", file=sys.stderr)
        return 2
    a.work = a.work.resolve()
    corpus = build_corpus(a.work, a.lecard)
    docs = a.work / "docs"
    systems = a.systems.split(",")
    rounds = []
    for _ in range(a.repeat):
        results = []
        for s in systems:
            if s == "redactor":
                r = run_redactor(a.work, docs, a.workers, a.policy)
            elif s == "before":
                if a.before is None:
                    print("error: the system 'before' needs --before DIR", file=sys.stderr)
                    return 2
                r = run_redactor(a.work, docs, a.workers, a.policy, code=a.before)
            else:
                r = run_baseline(a.work, docs, s)
            results.append(derived(r, corpus))
            print(f"{r['system']}: {r['cpu_s']:.1f} CPU s, {r['chars_per_cpu_s_net']:,.0f} chars per CPU s (start-up off)",
                  file=sys.stderr)
        rounds.append(results)
    command = "python benchmarks/real_text.py " + " ".join(argv)
    md = markdown(rounds, corpus, command)
    print(md)
    if a.json:
        a.json.write_text(json.dumps({"corpus": corpus, "rounds": rounds, "command": command}, indent=1), encoding="utf-8")
    if a.markdown:
        a.markdown.write_text(md, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
