"""Evaluate the judgment NER model against LAC on the same data in the same run.

    python models/recipe/evaluate.py [--model models/zh_judgment_ner] [--synthetic 40] [--json out.json]

Sets (none of them is trained on):
  judgment-synthetic  whole synthetic judgments, seeds 1000000.. (exact truth for all 3 labels)
  judgment-real       the held-out quarter of the real cjrc paragraphs, anonymized placeholders
                      filled with synthetic names (PERSON only). Names the publisher left in clear
                      are not annotated: predictions on text LAC tags PER/LOC/ORG outside the
                      filled names are ignored for both systems (this can only flatter LAC).
  cluener-dev, weibo-test, resume-test   mapped to PERSON / LOCATION / ORGANIZATION
Scores are exact-span precision / recall / F1 per label. Speed is characters per CPU second of
this process (single-threaded math libraries), i.e. per core, on the synthetic judgments.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from corpora import Example  # noqa: E402

from redactor.synth import generate_judgment  # noqa: E402

LABELS = ("PERSON", "LOCATION", "ORGANIZATION")


def synthetic_documents(seeds: range) -> list[Example]:
    out = []
    for seed in seeds:
        j = generate_judgment(seed)
        spans = corpora._merge_adjacent(
            [(i.start, i.end, corpora._SYNTH_LABELS[i.category]) for i in j.items if i.category in corpora._SYNTH_LABELS]
        )
        out.append(Example(j.text, spans, source="synthetic"))
    return out


def real_heldout(lac) -> list[Example]:
    rng = random.Random(20240601)
    out = [corpora.filled_paragraph(p["text"], rng) for p in corpora.cjrc_paragraphs() if corpora.cjrc_is_heldout(p["id"])]
    corpora.add_lac_unknowns(out, lac)
    return out


def score(examples: list[Example], predictions: list[list], labels=LABELS) -> dict:
    res = {}
    for lab in labels:
        tp = fp = fn = 0
        for ex, pred in zip(examples, predictions):
            gold = {(a, b) for a, b, l in ex.spans if l == lab}
            guess = set()
            for a, b, l, *_ in pred:
                if l != lab:
                    continue
                if (a, b) not in gold and any(a < ub and b > ua for ua, ub in ex.unknown):
                    continue  # text nobody annotated
                guess.add((a, b))
            tp += len(gold & guess)
            fp += len(guess - gold)
            fn += len(gold - guess)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        res[lab] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": tp + fn, "tp": tp, "fp": fp, "fn": fn}
    return res


def speed(backend, texts: list[str], repeat: int = 1) -> dict:
    backend.entities(texts[:2])  # warm up
    n = sum(map(len, texts)) * repeat
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        backend.entities(texts)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    return {"chars": n, "cpu_s": round(cpu, 3), "wall_s": round(wall, 3), "chars_per_cpu_s": round(n / cpu)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=None, help="model directory (default: models/zh_judgment_ner)")
    ap.add_argument("--synthetic", type=int, default=40, help="held-out synthetic judgments")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--no-lac", action="store_true")
    ap.add_argument("--misses", type=Path, default=None, help="write PERSON errors on judgment sets (jsonl)")
    args = ap.parse_args()

    from redactor.recognizers.ner import LacBackend
    from redactor.recognizers.ner_spacy import SpacyNerBackend

    t0 = time.perf_counter()
    model = SpacyNerBackend(args.model)
    load_s = time.perf_counter() - t0
    systems = {"judgment": model}
    lac = LacBackend()
    if not args.no_lac:
        systems["lac"] = lac

    sets: dict[str, tuple[list[Example], tuple]] = {
        "judgment-synthetic": (synthetic_documents(range(1_000_000, 1_000_000 + args.synthetic)), LABELS),
    }
    real = real_heldout(lac._lac)
    if real:
        sets["judgment-real"] = (real, ("PERSON",))
    for name, loader in (("cluener-dev", lambda: corpora.cluener("dev")), ("weibo-test", lambda: corpora.weibo("test")),
                         ("resume-test", lambda: corpora.resume("test"))):
        try:
            sets[name] = (loader(), LABELS)
        except FileNotFoundError:
            pass

    report: dict = {"model": model.version, "load_s": round(load_s, 3), "sets": {}, "speed": {}}
    misses = []
    for set_name, (examples, labels) in sets.items():
        report["sets"][set_name] = {"docs": len(examples), "chars": sum(len(e.text) for e in examples)}
        for sys_name, backend in systems.items():
            preds = backend.entities([e.text for e in examples])
            report["sets"][set_name][sys_name] = score(examples, preds, labels)
            if args.misses and set_name.startswith("judgment"):
                for ex, pred in zip(examples, preds):
                    gold = {(a, b) for a, b, l in ex.spans if l == "PERSON"}
                    guess = {(a, b) for a, b, l, *_ in pred if l == "PERSON"
                             and not ((a, b) not in gold and any(a < ub and b > ua for ua, ub in ex.unknown))}
                    for a, b in gold ^ guess:
                        kind = "fn" if (a, b) in gold else "fp"
                        misses.append({"set": set_name, "system": sys_name, "kind": kind,
                                       "context": ex.text[max(0, a - 12):a] + "[" + ex.text[a:b] + "]" + ex.text[b:b + 12]})
    texts = [e.text for e in sets["judgment-synthetic"][0]]
    for sys_name, backend in systems.items():
        report["speed"][sys_name] = speed(backend, texts)
    if args.misses:
        args.misses.write_text("\n".join(json.dumps(m, ensure_ascii=False) for m in misses), encoding="utf-8")

    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def render(report: dict) -> str:
    systems = [s for s in ("judgment", "lac") if s in report["speed"]]
    lines = [f"model {report['model']}, load {report['load_s']} s", "",
             "| set | label | support | " + " | ".join(f"{s} P | {s} R | {s} F1" for s in systems) + " |",
             "|---|---|---:|" + "---:|" * (3 * len(systems))]
    for set_name, data in report["sets"].items():
        for lab in data[systems[0]]:
            row = [set_name, lab, str(data[systems[0]][lab]["support"])]
            for s in systems:
                m = data[s][lab]
                row += [f"{m['p']:.3f}", f"{m['r']:.3f}", f"{m['f1']:.3f}"]
            lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines.append("| system | chars | CPU s | chars per CPU s |")
    lines.append("|---|---:|---:|---:|")
    for s in systems:
        sp = report["speed"][s]
        lines.append(f"| {s} | {sp['chars']} | {sp['cpu_s']} | {sp['chars_per_cpu_s']} |")
    if len(systems) == 2:
        ratio = report["speed"]["judgment"]["chars_per_cpu_s"] / report["speed"]["lac"]["chars_per_cpu_s"]
        lines.append(f"\nspeed ratio judgment / lac: {ratio:.2f}x")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
