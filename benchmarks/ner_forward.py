"""The judgment NER's forward pass, thinc's layer chain against the plain numpy forward (issue 18).

    python benchmarks/ner_forward.py [--sentences 3000] [--repeat 3]

Real text: the first N XXCQ criminal sentences and CJRC fact paragraphs of
``../shared/data/judgments-dev/`` (width-folded as the detect stage folds them), cut into the
model's pieces and batched per document as ``SpacyNerBackend.entities`` does. Both runners read
the same loaded model; the logits are checked equal bit for bit before anything is timed. Times
are CPU seconds of this process (OpenBLAS on one thread), the two runners alternating over
``--repeat`` rounds; the plain forward's embedding cache is warm after the check, as in a worker
after its first documents.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy

from redactor.recognizers.base import fold_width
from redactor.recognizers.char_tagger import CharTaggerRunner, char_tokens
from redactor.recognizers.ner import split_for_model
from redactor.recognizers.ner_spacy import SpacyNerBackend

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "judgments-dev"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    texts = []
    for name, key in (("xxcq_dev.jsonl", "context"), ("cjrc_dev.jsonl", "text")):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()[: a.sentences // 2]:
            texts.append(fold_width(json.loads(line)[key]))
    backend = SpacyNerBackend()
    plain, chain = backend._fast, CharTaggerRunner(backend.nlp, plain=False)
    docs = [[p for _, p in split_for_model(t, backend.max_chars) if p] for t in texts]
    for pieces in docs:
        feats = [plain._features(char_tokens(p)[0]) for p in pieces]
        if feats and not all(numpy.array_equal(x, y) for x, y in zip(plain.logits(feats), chain.logits(feats))):
            raise SystemExit("the plain forward's logits differ from thinc's")
    chars = sum(map(len, texts))
    times = {"thinc chain": [], "plain numpy": []}
    for _ in range(a.repeat):
        for name, runner in (("thinc chain", chain), ("plain numpy", plain)):
            t0 = time.process_time()
            for pieces in docs:
                runner.entities(pieces)
            times[name].append(time.process_time() - t0)
    print(f"{len(texts)} texts, {chars:,} characters, logits equal bit for bit")
    print("| runner | CPU s per round | chars per CPU s (best round) |")
    print("|---|---|---:|")
    for name, ts in times.items():
        print(f"| {name} | {' / '.join(f'{t:.2f}' for t in ts)} | {chars / min(ts):,.0f} |")
    print(f"speed-up (best rounds): {min(times['thinc chain']) / min(times['plain numpy']):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
