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
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # redactor_synth (development package)

import corpora  # noqa: E402
from corpora import Example  # noqa: E402

from redactor_synth import generate_judgment  # noqa: E402

LABELS = ("PERSON", "LOCATION", "ORGANIZATION")
STYLE_SEED = 31_337_000  # the by-style fills; build_data.py uses seeds 7 and 907


# ---------------------------------------------------------------- names for the by-style evaluation
# Deliberately NOT name_styles.py (the training generator): other lists, other seeds, so the
# score is on names the model was not taught. Styles and mix as in the contract.

STYLES = ("ordinary", "wordlike", "rare", "minority", "foreign")
CONTRACT_MIX = (0.55, 0.25, 0.10, 0.06, 0.04)
_E_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
_E_GIVEN_A = "广景兆培清宝瑞茂喜长顺守树寿桃翠"
_E_GIVEN_B = "生山良贵才荣禄芝菊琼芹娣妹莲茹晴蕊菲"
_E_WORD_GIVEN = ("光荣 先锋 长青 朝霞 红星 国旗 凯旋 远航 腾飞 建功 立业 启明 晨光 东升 高飞 金秋 "
                 "春燕 冬雪 秋实 春生 满仓 进宝 招财 如意 顺利 平稳 长安 永安 新民 为民 爱民 红兵 "
                 "卫星 火箭 海鹰 雄鹰 飞虎 小虎 石柱 铁柱 满意 喜洋 笑笑 乐乐 欢欢 天天").split()
_E_WORD_WHOLE = ("黎明 向东 任重 钟情 陶醉 蓝天 甘露 马力 钟表 牛顿 白露 叶落 关怀 温暖 汤圆 "
                 "苗条 段落 孔雀 龙飞 华丽 傅雷 夏至 冬至 常规 邵阳 殷切 梁上 谷物 曾经 齐鲁").split()
_E_RARE = "旻湉珩玹琮璠暐曜翾婳嫱娆妧姞昉晏昺昳炅炟炘烜焓焜煦熹燊"
_E_UYGHUR = "阿卜杜热西提 艾克拜尔 伊力夏提 买尔旦 麦尔丹 努尔江 阿依夏木 古再丽 热娜古丽 米热阿依 吐逊江 热西提 托合提 买吐送".split()
_E_KAZAKH = "阿依江 努尔别克 阿合买提 叶尔兰别克 阿曼太 巴合达提".split()
_E_TIBETAN = "强巴 次旦 朗杰 仁增 桑珠 益西 拉珍 巴珠 措姆 琼达".split()
_E_MONGOL = "额日和木 朝克图 乌力吉 阿木古楞 塔娜 高娃 阿茹娜 莫日根".split()
_E_YI = ("阿说 阿衣 瓦扎 倮伍 比曲", "拉格 尔布 作日 木果 阿牛")
_E_TRANSLIT = ("尼古拉 艾琳 安东尼 维克多 索菲娅 塔蒂亚娜 弗拉基米尔 米哈伊尔", "科瓦廖夫 诺维科娃 莫罗佐夫 沃尔科娃 怀特 格林 霍夫曼 贝克")
_E_HANSCRIPT = ("阮氏秋 陈文雄 黎氏玲 范文海 朴智勋 金秀贤 崔东旭 李承浩 佐藤一郎 铃木美香 高桥直人 山本大树").split()


def eval_name(rng: random.Random, style: str, surname: str | None) -> str:
    sur = surname if surname and len(surname) <= 2 else rng.choice(_E_SURNAMES)
    if style == "ordinary":
        return sur + (rng.choice(_E_GIVEN_A) + rng.choice(_E_GIVEN_B) if rng.random() < 0.65 else rng.choice(_E_GIVEN_B))
    if style == "wordlike":
        return rng.choice(_E_WORD_WHOLE) if rng.random() < 0.35 else sur + rng.choice(_E_WORD_GIVEN)
    if style == "rare":
        c = rng.choice(_E_RARE)
        return sur + (c if rng.random() < 0.45 else rng.choice(_E_GIVEN_A) + c)
    if style == "minority":
        r, dot = rng.random(), "·" if rng.random() < 0.6 else ""
        if r < 0.4:
            return dot.join(rng.sample(_E_UYGHUR, 2))
        if r < 0.55:
            return dot.join(rng.sample(_E_KAZAKH, 2))
        if r < 0.75:
            return "".join(rng.sample(_E_TIBETAN, 2))
        if r < 0.9:
            return rng.choice(_E_MONGOL)
        return rng.choice(_E_YI[0].split()) + rng.choice(_E_YI[1].split())
    if rng.random() < 0.5:
        first, last = (s.split() for s in _E_TRANSLIT)
        return rng.choice(first) + "·" + rng.choice(last)
    return rng.choice(_E_HANSCRIPT)


def _digits_only(placeholder: str) -> bool:
    return not any(c in placeholder for c in "某×xX")


def style_heldout(lac, fills: int = 3) -> list[Example]:
    """The held-aside quarter of both real sets (cjrc paragraphs, xxcq criminal sentences: bare
    fact text), every person re-identified ``fills`` times with a name drawn in the contract's mix
    by ``eval_name``; each PERSON span carries its style."""
    paragraphs = [p for p in corpora.cjrc_paragraphs() if corpora.cjrc_is_heldout(p["id"])]
    sentences = [r for r in corpora.xxcq_sentences() if corpora.xxcq_is_heldout(r["id"])]
    out: list[Example] = []
    for k in range(fills):
        rng = random.Random(STYLE_SEED + k)

        def pick(rng, surname):
            style = rng.choices(STYLES, weights=CONTRACT_MIX)[0]
            return eval_name(rng, style, surname), style

        # a mask of digits only (曾招16, 金1 of 保险金1,500元) is as often a word as a name: not scored here
        out += [corpora.filled_paragraph(p["text"], rng, pick, skip=_digits_only) for p in paragraphs]
        out += [corpora.filled_sentence(r, rng, pick, keep_anonymized=0.0) for r in sentences]
    corpora.add_lac_unknowns(out, lac)
    return out


def score_styles(examples: list[Example], predictions: list[list]) -> dict:
    """PERSON recall (exact span) by name style and by set, and overall precision."""
    by: dict[str, list[int]] = {}
    fp = 0
    for ex, pred in zip(examples, predictions):
        guess = {(a, b) for a, b, lab, *_ in pred if lab == "PERSON"}
        gold = {}
        for (a, b, _), style in zip(ex.spans, ex.styles):
            gold[(a, b)] = style
            for key in ("all", style, f"set:{ex.source}"):
                hit = by.setdefault(key, [0, 0])
                hit[0] += (a, b) in guess
                hit[1] += 1
        fp += sum(1 for g in guess if g not in gold and not any(g[0] < ub and g[1] > ua for ua, ub in ex.unknown))
    tp = by.get("all", [0, 0])[0]
    res = {k: {"r": round(h / n, 4) if n else 0.0, "tp": h, "support": n} for k, (h, n) in by.items()}
    res["precision"] = round(tp / (tp + fp), 4) if tp + fp else 0.0
    return res


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
    ap.add_argument("--baseline", type=Path, default=None,
                    help="a second model directory scored in the same run (e.g. the previous version)")
    ap.add_argument("--style-fills", type=int, default=3, help="re-identifications of the held-aside quarter")
    ap.add_argument("--only-styles", action="store_true", help="only the by-style set (and speed)")
    args = ap.parse_args()

    from redactor.recognizers.ner import LacBackend
    from redactor.recognizers.ner_spacy import SpacyNerBackend

    t0 = time.perf_counter()
    model = SpacyNerBackend(args.model)
    load_s = time.perf_counter() - t0
    systems = {"judgment": model}
    if args.baseline:
        systems["baseline"] = SpacyNerBackend(args.baseline)
    lac = LacBackend()
    if not args.no_lac:
        systems["lac"] = lac

    sets: dict[str, tuple[list[Example], tuple]] = {
        "judgment-synthetic": (synthetic_documents(range(1_000_000, 1_000_000 + args.synthetic)), LABELS),
    }
    styled = style_heldout(lac._lac, args.style_fills)
    real = [] if args.only_styles else real_heldout(lac._lac)
    if real:
        sets["judgment-real"] = (real, ("PERSON",))
    for name, loader in (("cluener-dev", lambda: corpora.cluener("dev")), ("weibo-test", lambda: corpora.weibo("test")),
                         ("resume-test", lambda: corpora.resume("test"))):
        if args.only_styles:
            break
        try:
            sets[name] = (loader(), LABELS)
        except FileNotFoundError:
            pass

    misses: list[dict] = []
    report: dict = {"model": model.version, "load_s": round(load_s, 3), "sets": {}, "speed": {},
                    "systems": {k: getattr(v, "version", k) for k, v in systems.items()}, "styles": {}}
    if styled:
        report["styles"]["docs"] = len(styled)
        for sys_name, backend in systems.items():
            preds = backend.entities([e.text for e in styled])
            report["styles"][sys_name] = score_styles(styled, preds)
            if args.misses:
                for ex, pred in zip(styled, preds):
                    guess = {(a, b) for a, b, lab, *_ in pred if lab == "PERSON"}
                    for (a, b, _), style in zip(ex.spans, ex.styles):
                        if (a, b) not in guess:
                            misses.append({"set": "styles", "system": sys_name, "kind": "fn", "style": style,
                                           "context": ex.text[max(0, a - 12):a] + "[" + ex.text[a:b] + "]" + ex.text[b:b + 12]})
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
    systems = [s for s in ("judgment", "baseline", "lac") if s in report["speed"]]
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
    if "lac" in systems:
        ratio = report["speed"]["judgment"]["chars_per_cpu_s"] / report["speed"]["lac"]["chars_per_cpu_s"]
        lines.append(f"\nspeed ratio judgment / lac: {ratio:.2f}x")
    st = report.get("styles") or {}
    if st:
        names = " | ".join(f"{s} ({report['systems'][s]})" for s in systems)
        lines += ["", f"PERSON recall by name style, held-aside quarter re-identified ({st['docs']} texts): {names}", "",
                  "| style | support | " + " | ".join(systems) + " |", "|---|---:|" + "---:|" * len(systems)]
        keys = ["all", *STYLES] + sorted(k for k in st[systems[0]] if k.startswith("set:"))
        for k in keys:
            if k not in st[systems[0]]:
                continue
            lines.append(f"| {k} | {st[systems[0]][k]['support']} | " + " | ".join(f"{st[s][k]['r']:.3f}" for s in systems) + " |")
        lines.append("| precision | | " + " | ".join(f"{st[s]['precision']:.3f}" for s in systems) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
