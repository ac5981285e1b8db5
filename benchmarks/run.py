"""Throughput and quality of the redactor against the off-the-shelf baseline (issue 7).

    .venv/bin/python benchmarks/run.py CORPUS [--docs 300] [--docs-other 100] [--ner lac]
        [--policy strict] [--systems tool,baseline,docx,pdf] [--json results.json]

CORPUS is a folder made by benchmarks/make_corpus.py. In one run, on the same documents:

- ``tool``:     this redactor, one process, the real per-document pipeline
                (redactor.pipeline.redact_document: read -> detect -> decide -> apply -> write
                -> verify) plus the audit chain append, on the first ``--docs`` TXT files;
- ``baseline``: benchmarks/baseline.py (Presidio AnalyzerEngine + Chinese regex recognizers +
                LAC + Presidio's replace operator) on the same TXT files, issue 7's build
                (spaCy's jieba pipeline as the NLP engine);
- ``fair``:     the same baseline as a competent user builds it (issue 18: NoOp NLP engine,
                context words in a character window, LAC on one ONNX thread over sentences);
- ``docx`` / ``pdf``: the redactor on the first ``--docs-other`` DOCX / PDF files (with the
                first ``--ner`` backend given).

Each system runs in its own fresh process (so its peak RSS is its own), one after the other,
after loading its rules and models once (load time reported apart). Reported per system:
documents/s and characters/s (characters = the judgment's text length, the same for every
format), both per wall second and per CPU second of the process (the CPU figure is "per core":
it counts every thread, e.g. ONNX Runtime's, and is robust to other load on the machine);
the time per stage (the tool's detectors one by one); peak RSS; and quality against the
ground truth under the policy profile: recall of must-mask values (a value leaks if its
string occurs in any text an extractor reads from the published file, whitespace ignored) and
retention of must-keep values (it occurs at least as often as in the original). Quality is
scored on documents the truth says to publish; a document the tool did not publish (review,
withheld, failed) is scored on the text it would have published, and counted apart.

``--ner`` picks the tool's NER backend (lac | judgment | none | any registered backend;
``lac-fast`` is the proposed faster LAC of benchmarks/fast_lac.py); give it several times to
measure each. The baseline always uses LAC, as a user would.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the redactor package of this checkout, installed or not
_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub("", s)


# ---------------------------------------------------------------------------------- corpus


def load_corpus(corpus: Path) -> dict:
    path = Path(corpus) / "corpus.json"
    if not path.is_file():
        raise SystemExit(f"{corpus}: no corpus.json (make one with benchmarks/make_corpus.py)")
    return json.loads(path.read_text(encoding="utf-8"))


def select(corpus: dict, fmt: str, limit: int) -> list[dict]:
    rows = [r for r in corpus["documents"] if r["format"] == fmt]
    return rows[:limit] if limit else rows


def load_truth(corpus_dir: Path, row: dict, profile: str) -> tuple[set, set, str]:
    t = json.loads((Path(corpus_dir) / "truth" / f"{row['id']}.json").read_text(encoding="utf-8"))
    key = "strict" if profile == "strict" else "spc2016"
    mask = {(i["value"], i["category"]) for i in t["items"] if i[key] == "mask"}
    keep = {(i["value"], i["category"]) for i in t["items"] if i[key] == "keep"}
    return mask, keep, t["expected_status"][key]


class Quality:
    """Recall of must-mask values and retention of must-keep values, per category."""

    def __init__(self):
        self.mask_total, self.mask_ok = Counter(), Counter()
        self.keep_total, self.keep_ok = Counter(), Counter()
        self.docs = 0
        self.zero_leak_docs = 0

    def score(self, original: str, published: list[str], mask: set, keep: set, body: str | None = None) -> None:
        """``published``: every text an extractor reads from the output; ``body``: its main
        text as the reader sees it (default: the first of ``published``)."""
        texts = [_norm(t) for t in published] or [""]
        body = _norm(body) if body is not None else texts[0]
        orig = _norm(original)
        leaked = False
        for value, cat in mask:
            v = _norm(value)
            self.mask_total[cat] += 1
            if v and any(v in t for t in texts):
                leaked = True
            else:
                self.mask_ok[cat] += 1
        for value, cat in keep:
            v = _norm(value)
            self.keep_total[cat] += 1
            if body.count(v) >= orig.count(v):
                self.keep_ok[cat] += 1
        self.docs += 1
        self.zero_leak_docs += not leaked

    def summary(self) -> dict:
        mt, mo = sum(self.mask_total.values()), sum(self.mask_ok.values())
        kt, ko = sum(self.keep_total.values()), sum(self.keep_ok.values())
        return {
            "documents": self.docs,
            "recall": round(mo / mt, 4) if mt else None,
            "retention": round(ko / kt, 4) if kt else None,
            "zero_leak_docs": round(self.zero_leak_docs / self.docs, 4) if self.docs else None,
            "mask_values": mt,
            "keep_values": kt,
            "recall_by_category": {c: round(self.mask_ok[c] / n, 4) for c, n in sorted(self.mask_total.items())},
            "retention_by_category": {c: round(self.keep_ok[c] / n, 4) for c, n in sorted(self.keep_total.items())},
        }


# ------------------------------------------------------------------------------ stage timing


class Stages:
    """Wall time per stage, accumulated by wrapping the functions each stage calls."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, fn, name: str):
        seconds = self.seconds
        clock = time.perf_counter

        def timed(*a, **kw):
            t0 = clock()
            try:
                return fn(*a, **kw)
            finally:
                seconds[name] += clock() - t0

        timed.__wrapped__ = fn
        return timed


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# ------------------------------------------------------------------------------- the tool


def run_tool(corpus_dir: str, rows: list[dict], ner: str | None, profile: str, quality: bool = True) -> dict:
    """This redactor on ``rows``, in this process (call it in a fresh one)."""
    import redactor.detect as detect_mod
    import redactor.detectors as detectors_mod
    import redactor.pipeline as pipeline
    from redactor.apply import apply_edits, edits_from_decisions
    from redactor.audit import AuditLog, HmacKey
    from redactor.policy import load_policy
    from redactor.formats import format_for

    if ner == "lac-fast":  # the proposed LAC backend (benchmarks/fast_lac.py)
        sys.path.insert(0, str(HERE))
        import fast_lac

        fast_lac.register()
    t0 = time.perf_counter()
    config = pipeline.RunConfig(policy=load_policy(profile), hmac_key=HmacKey(b"benchmark-key", "benchmark"), ner=ner)
    analyzer = pipeline.get_analyzer(ner)
    load_s = time.perf_counter() - t0

    st = Stages()
    for r in analyzer.registry.recognizers:
        r.analyze = st.wrap(r.analyze, f"detect:{r.name}")
    detect_mod.detect = st.wrap(detect_mod.detect, "detect")
    pipeline.read_document = st.wrap(pipeline.read_document, "read")
    pipeline.parse_structure = st.wrap(pipeline.parse_structure, "structure")
    detectors_mod.structure_findings = st.wrap(detectors_mod.structure_findings, "structure")
    pipeline.decide = st.wrap(pipeline.decide, "decide")
    pipeline.span_records = st.wrap(pipeline.span_records, "audit")
    pipeline.document_record = st.wrap(pipeline.document_record, "audit")

    base = Path(corpus_dir) / "docs"
    q = Quality()
    statuses: Counter = Counter()
    counts = Counter()

    def score(row: dict, res, path: Path, out: Path) -> None:
        mask, keep, expected = load_truth(corpus_dir, row, profile)
        if expected == "withhold":
            counts["expected_withheld"] += 1
            counts["withheld_ok"] += res.status == "withheld"
            return
        if res.status == "published":
            texts = format_for(path.suffix.lstrip(".").lower()).extract(out / res.output)
            original = pipeline.read_document(path).text
            body = pipeline.read_document(out / res.output).text
        else:  # not published: score what it would have published
            counts["unpublished_scored"] += 1
            doc = pipeline.read_document(path)
            doc.hints = pipeline.load_hints(path)
            outcome = pipeline.plan_document(doc, config).outcome
            original = doc.text
            texts = [apply_edits(doc.text, edits_from_decisions(outcome.decisions))]
            body = texts[0]
        q.score(original, texts, mask, keep, body)

    chars = 0
    wall = cpu = 0.0
    with tempfile.TemporaryDirectory(prefix="redactor-bench-") as tmp:
        out = Path(tmp)
        with AuditLog(out / "audit.jsonl") as audit:
            # warm-up on one document outside the clock (first-call caches, lazy imports)
            if rows:
                pipeline.redact_document(base / rows[0]["file"], "warmup/" + rows[0]["file"], out, config)
                st.seconds.clear()
            for row in rows:
                path = base / row["file"]
                w0, c0 = time.perf_counter(), time.process_time()
                res = pipeline.redact_document(path, row["file"], out, config)
                # redact_document times these two itself
                st.seconds["write"] += res.timings.get("write", 0.0)
                st.seconds["verify"] += res.timings.get("verify", 0.0)
                a0 = time.perf_counter()
                audit.extend(res.audit)
                audit.sync()
                st.seconds["audit"] += time.perf_counter() - a0
                cpu += time.process_time() - c0
                wall += time.perf_counter() - w0
                chars += row["chars"]
                statuses[res.status] += 1
                if not quality:
                    continue
                saved = dict(st.seconds)  # scoring re-reads and re-analyses: keep it off the stage clocks
                score(row, res, path, out)
                st.seconds.clear()
                st.seconds.update(saved)
    stages = {k: round(v, 3) for k, v in st.seconds.items()}
    return {
        "system": "tool", "ner": ner or "none", "profile": profile, "documents": len(rows), "chars": chars,
        "load_s": round(load_s, 2), "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "stages_s": stages, "statuses": dict(statuses), "peak_rss_mb": _peak_rss_mb(),
        "quality": q.summary() if quality else None, "unpublished_scored": counts["unpublished_scored"],
        "withheld": {"expected": counts["expected_withheld"], "withheld": counts["withheld_ok"]},
    }


# ---------------------------------------------------------------------------- the baseline


def run_baseline(corpus_dir: str, rows: list[dict], profile: str, quality: bool = True, fair: bool = False) -> dict:
    """The baseline on the same TXT files. ``fair`` is issue 18's build (NoOp NLP engine, context
    words in a character window, LAC on one ONNX thread over sentences: what a competent user runs);
    without it, issue 7's build (spaCy's jieba pipeline as the NLP engine), kept for one release."""
    sys.path.insert(0, str(HERE))
    import baseline

    t0 = time.perf_counter()
    analyzer, anonymizer = (baseline.build_fair_baseline if fair else baseline.build_baseline)()
    load_s = time.perf_counter() - t0
    st = Stages()
    for r in analyzer.registry.recognizers:
        r.analyze = st.wrap(r.analyze, f"detect:{r.name}")
    analyzer.nlp_engine.process_text = st.wrap(analyzer.nlp_engine.process_text,
                                               "detect:nlp(none)" if fair else "detect:nlp(jieba)")
    analyzer.analyze = st.wrap(analyzer.analyze, "detect")
    anonymizer.anonymize = st.wrap(anonymizer.anonymize, "anonymize")

    base = Path(corpus_dir) / "docs"
    q = Quality()
    chars = 0
    wall = cpu = 0.0
    expected_withheld = 0
    if rows:
        baseline.redact_text("张三住北京市朝阳区。", analyzer, anonymizer)
        st.seconds.clear()
    with tempfile.TemporaryDirectory(prefix="baseline-bench-") as tmp:
        out = Path(tmp)
        for row in rows:
            src, dest = base / row["file"], out / Path(row["file"]).name
            w0, c0 = time.perf_counter(), time.process_time()
            r0 = time.perf_counter()
            data = src.read_bytes()
            # What a user does after the first GBK file crashes their script.
            try:
                text, enc = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, enc = data.decode("gb18030"), "gb18030"
            st.seconds["read"] += time.perf_counter() - r0
            red = baseline.redact_text(text, analyzer, anonymizer)
            w1 = time.perf_counter()
            dest.write_bytes(red.encode(enc))
            st.seconds["write"] += time.perf_counter() - w1
            cpu += time.process_time() - c0
            wall += time.perf_counter() - w0
            chars += row["chars"]
            if quality:
                mask, keep, expected = load_truth(corpus_dir, row, profile)
                if expected == "withhold":
                    expected_withheld += 1
                    continue
                q.score(text, [dest.read_bytes().decode(enc)], mask, keep)
    return {
        "system": "baseline-fair" if fair else "baseline", "ner": "lac", "profile": profile, "documents": len(rows), "chars": chars,
        "load_s": round(load_s, 2), "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "stages_s": {k: round(v, 3) for k, v in st.seconds.items()}, "statuses": {"published": len(rows)},
        "peak_rss_mb": _peak_rss_mb(), "quality": q.summary() if quality else None,
        "withheld": {"expected": expected_withheld, "withheld": 0},
    }


# ------------------------------------------------------------------------------- harness


def _child(conn, fn_name: str, args: tuple) -> None:
    try:
        conn.send(("ok", globals()[fn_name](*args)))
    except BaseException as exc:  # report, do not hang the parent
        import traceback

        conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
    finally:
        conn.close()


def in_fresh_process(fn_name: str, *args) -> dict:
    """Run one measurement in a new process so its peak RSS and caches are its own."""
    ctx = get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(child, fn_name, args))
    p.start()
    child.close()
    status, payload = parent.recv()
    p.join()
    if status != "ok":
        raise RuntimeError(f"{fn_name} failed: {payload}")
    return payload


def derived(r: dict) -> dict:
    d = dict(r)
    d["docs_per_s"] = round(r["documents"] / r["wall_s"], 2) if r["wall_s"] else None
    d["chars_per_s"] = round(r["chars"] / r["wall_s"]) if r["wall_s"] else None
    d["chars_per_cpu_s"] = round(r["chars"] / r["cpu_s"]) if r["cpu_s"] else None
    d["docs_per_cpu_s"] = round(r["documents"] / r["cpu_s"], 2) if r["cpu_s"] else None
    return d


def machine() -> str:
    import os

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpu}, {n} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _fmt_stage_table(r: dict) -> list[str]:
    total = r["wall_s"] or 1.0
    lines = []
    stages = dict(r["stages_s"])
    det = {k: v for k, v in stages.items() if k.startswith("detect:")}
    other = total - sum(v for k, v in stages.items() if not k.startswith("detect:"))
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        if k.startswith("detect:"):
            continue
        lines.append(f"| {k} | {v:.2f} | {100 * v / total:.1f}% |")
        if k == "detect":
            inner = sum(det.values())
            for dk, dv in sorted(det.items(), key=lambda kv: -kv[1]):
                lines.append(f"| &nbsp;&nbsp;{dk} | {dv:.2f} | {100 * dv / total:.1f}% |")
            lines.append(f"| &nbsp;&nbsp;detect: engine orchestration | {v - inner:.2f} | {100 * (v - inner) / total:.1f}% |")
    lines.append(f"| other (fsync, bookkeeping) | {other:.2f} | {100 * other / total:.1f}% |")
    return lines


def markdown(results: list[dict], command: str) -> str:
    base = next((r for r in results if r["system"] == "baseline"), None)
    fair = next((r for r in results if r["system"] == "baseline-fair"), None)
    txt = [r for r in results if r["system"] == "tool" and r.get("format", "txt") == "txt"]
    out = [f"Command: `{command}`  ", f"Machine: {machine()}  ", f"Date: {date.today().isoformat()}", ""]
    out.append("| system | format | NER | docs | chars | docs/s | chars/s (wall) | chars/s per core (CPU) | "
               "× baseline (CPU) | × fair baseline (CPU) | peak RSS MB | recall (must-mask) | retention (must-keep) | zero-leak docs |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        ratio = fair_ratio = ""
        if base and r["chars_per_cpu_s"] and base["chars_per_cpu_s"]:
            ratio = f"{r['chars_per_cpu_s'] / base['chars_per_cpu_s']:.1f}×"
        if fair and r["chars_per_cpu_s"] and fair["chars_per_cpu_s"]:
            fair_ratio = f"{r['chars_per_cpu_s'] / fair['chars_per_cpu_s']:.1f}×"
        qu = r.get("quality") or {}
        out.append(
            f"| {r['system']} | {r.get('format', 'txt')} | {r['ner']} | {r['documents']} | {r['chars']:,} | "
            f"{r['docs_per_s']} | {r['chars_per_s']:,} | {r['chars_per_cpu_s']:,} | {ratio} | {fair_ratio} | {r['peak_rss_mb']} | "
            f"{qu.get('recall', '')} | {qu.get('retention', '')} | {qu.get('zero_leak_docs', '')} |")
    for r in results:
        if r["system"] == "tool" and r.get("format", "txt") != "txt":
            ref = next((t for t in txt if t["ner"] == r["ner"]), None)
            if ref:
                out.append("")
                out.append(f"{r['format'].upper()} vs TXT ({r['ner']}): {r['chars_per_cpu_s'] / ref['chars_per_cpu_s']:.2f}× "
                           f"the TXT characters per CPU second ({r['chars_per_s'] / ref['chars_per_s']:.2f}× per wall second)")
    for r in results:
        out += ["", f"Stages, {r['system']} {r.get('format', 'txt')} NER={r['ner']} "
                f"(wall seconds over {r['documents']} documents; statuses {r['statuses']}):", "",
                "| stage | seconds | share |", "|---|---|---|"]
        out += _fmt_stage_table(r)
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--docs", type=int, default=300, help="TXT documents for tool and baseline (0 = all)")
    ap.add_argument("--docs-other", type=int, default=100, help="DOCX and PDF documents each (0 = all)")
    ap.add_argument("--ner", action="append", help="tool NER backend(s): lac | judgment | none (default lac)")
    ap.add_argument("--policy", default="strict", help="strict | spc2016")
    ap.add_argument("--systems", default="tool,baseline,docx,pdf",
                    help="comma list of tool, baseline (issue 7's build), fair (issue 18's), docx, pdf")
    ap.add_argument("--no-quality", action="store_true", help="skip quality scoring")
    ap.add_argument("--json", type=Path, help="write all numbers here")
    ap.add_argument("--markdown", type=Path, help="write the tables here")
    a = ap.parse_args(argv)
    corpus = load_corpus(a.corpus)
    systems = [s.strip() for s in a.systems.split(",") if s.strip()]
    ners = [None if n == "none" else n for n in (a.ner or ["lac"])]
    quality = not a.no_quality
    cdir = str(a.corpus)
    txt_rows = select(corpus, "txt", a.docs)
    results = []

    def done(r: dict) -> None:
        r = derived(r)
        results.append(r)
        print(f"{r['system']:8} {r.get('format', 'txt'):4} ner={r['ner']:8} {r['documents']:5} docs "
              f"{r['chars_per_s']:>9,} chars/s wall {r['chars_per_cpu_s']:>9,} chars/CPU-s "
              f"rss {r['peak_rss_mb']} MB  quality {({k: (r['quality'] or {}).get(k) for k in ('recall', 'retention')})}",
              file=sys.stderr)

    if "baseline" in systems:
        done(in_fresh_process("run_baseline", cdir, txt_rows, a.policy, quality))
    if "fair" in systems:
        done(in_fresh_process("run_baseline", cdir, txt_rows, a.policy, quality, True))
    for k, ner in enumerate(ners):
        if "tool" in systems:
            done(dict(in_fresh_process("run_tool", cdir, txt_rows, ner, a.policy, quality), format="txt"))
        for fmt in ("docx", "pdf"):
            if fmt in systems and k == 0:  # formats with the first NER backend given
                rows = select(corpus, fmt, a.docs_other)
                done(dict(in_fresh_process("run_tool", cdir, rows, ner, a.policy, quality), format=fmt))
    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    md = markdown(results, command)
    print(md)
    if a.json:
        a.json.write_text(json.dumps({"machine": machine(), "date": date.today().isoformat(), "command": command,
                                      "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
    if a.markdown:
        a.markdown.write_text(md, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
