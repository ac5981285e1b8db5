"""Run the real pipeline on the quality evaluation set and report recall and retention.

    .venv/bin/python benchmarks/quality/evaluate.py [--limit N] [--profile strict] [--misses FILE]
        [--ner lac] [--no-admin-dictionary]

For every document built by build_eval.py (real paragraphs, synthetic identities), the
pipeline's detect + decide (redactor.pipeline.analyze) runs under the profile and the edits
are applied to the text. Then, as the contract measures it:

- a must-mask value leaks if its original string occurs anywhere in the output;
- a must-keep value is intact if it occurs in the output at least as often as in the input.

The redacted text is scored for every document, withheld ones included (what a court would
publish after lifting the Art. 4 block must still be safe); withheld counts are reported.
``--misses`` writes each leak and each altered kept value with a little context (synthetic
values only) for the developer.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_eval import DEFAULT_SOURCE, EvalDoc, build  # noqa: E402

from redactor.apply import apply_edits, edits_from_decisions  # noqa: E402
from redactor.audit import HmacKey  # noqa: E402
from redactor.document import Document, DocumentFormat, OffsetMap  # noqa: E402
from redactor.pipeline import RunConfig, analyze  # noqa: E402
from redactor.policy import load_policy  # noqa: E402

STRONG = ("ID_CARD", "PHONE", "BANK_ACCOUNT", "PLATE")


def redact_text(text: str, config: RunConfig) -> tuple[str, str]:
    doc = Document(Path("eval.txt"), DocumentFormat.TXT, text, OffsetMap(), "0" * 64)
    doc.offset_map.add(0, len(text), ("txt",), 0)
    _st, _findings, outcome = analyze(doc, config)
    return apply_edits(text, edits_from_decisions(outcome.decisions)), outcome.verdict.status


def _context(text: str, value: str, width: int = 25) -> str:
    i = text.find(value)
    if i < 0:
        return ""
    return text[max(0, i - width):i + len(value) + width].replace("\n", "⏎")


def evaluate(docs: list[EvalDoc], profile: str = "strict", ner: str | None = "judgment", misses: list | None = None,
             admin_dictionary: bool = True) -> dict:
    config = RunConfig(policy=load_policy(profile), hmac_key=HmacKey(b"quality-eval", "eval"), ner=ner,
                       admin_dictionary=admin_dictionary)
    mask_total, mask_ok = Counter(), Counter()
    keep_total, keep_ok = Counter(), Counter()
    verdicts = Counter()
    zero_leak = 0
    chars = 0
    t0 = time.perf_counter()
    for d in docs:
        red, status = redact_text(d.text, config)
        chars += len(d.text)
        verdicts[status] += 1
        leaked = False
        for value, cat in d.must_mask:
            mask_total[cat] += 1
            if value in red:
                leaked = True
                if misses is not None:
                    misses.append({"doc": d.id, "kind": "leak", "category": cat, "value": value,
                                   "context": _context(red, value)})
            else:
                mask_ok[cat] += 1
        zero_leak += not leaked
        for value, cat in d.must_keep:
            keep_total[cat] += 1
            if red.count(value) >= d.text.count(value):
                keep_ok[cat] += 1
            elif misses is not None:
                misses.append({"doc": d.id, "kind": "altered", "category": cat, "value": value,
                               "context": _context(d.text, value) + "  =>  " + _context(red, value[:2])})
    elapsed = time.perf_counter() - t0

    def ratio(ok, total):
        return round(ok / total, 4) if total else None

    return {
        "profile": profile,
        "documents": len(docs),
        "with_header": sum(d.header for d in docs),
        "verdicts": dict(verdicts),
        "mask_recall": {c: {"values": mask_total[c], "recall": ratio(mask_ok[c], mask_total[c])} for c in sorted(mask_total)},
        "mask_recall_overall": ratio(sum(mask_ok.values()), sum(mask_total.values())),
        "docs_zero_leak": ratio(zero_leak, len(docs)),
        "keep_retention": {c: {"values": keep_total[c], "kept": ratio(keep_ok[c], keep_total[c])} for c in sorted(keep_total)},
        "keep_retention_overall": ratio(sum(keep_ok.values()), sum(keep_total.values())),
        "seconds": round(elapsed, 1),
        "chars_per_second": int(chars / elapsed) if elapsed else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description="quality evaluation on real paragraphs with synthetic identities")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--limit", type=int, help="only the first N paragraphs")
    ap.add_argument("--profile", default="strict")
    ap.add_argument("--misses", type=Path, help="write leaks and altered kept values here (JSONL)")
    ap.add_argument("--json", action="store_true", help="print the report as JSON only")
    ap.add_argument("--ner", default="judgment", help="NER backend (redactor.recognizers.ner), default judgment")
    ap.add_argument("--heldout", action="store_true",
                    help="only the quarter of the paragraphs the shipped NER model never trained on "
                         "(use it to compare NER backends fairly)")
    ap.add_argument("--no-admin-dictionary", action="store_true",
                    help="read addresses with the suffix rules only (the set's addresses come from the same "
                         "place list as rules/dictionaries/admin_divisions.txt; this measures without it)")
    a = ap.parse_args()
    if not a.source.is_file():
        print(f"source not found: {a.source}", file=sys.stderr)
        return 2
    docs = build(a.source, a.limit, heldout_only=a.heldout)
    misses: list = []
    report = evaluate(docs, a.profile, ner=a.ner, misses=misses, admin_dictionary=not a.no_admin_dictionary)
    report["admin_dictionary"] = not a.no_admin_dictionary
    report["heldout_only"] = a.heldout
    if a.misses:
        with open(a.misses, "w", encoding="utf-8") as fh:
            for m in misses:
                fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    print(json.dumps(report, ensure_ascii=False, indent=None if a.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
