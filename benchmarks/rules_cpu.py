"""CPU seconds of each rule recognizer over a folder of TXT documents, in one process (issue 18).

    python benchmarks/rules_cpu.py DOCS [--rounds 3] [--compare-presidio-loop]

Every recognizer of rules/recognizers/ runs ``analyze`` on every document's width-folded text
(as detect gives it), after one warm-up pass (patterns compiled, caches filled); prints the mean
CPU seconds per round of each recognizer and of all of them. The documents are read with the
product's own reader, so a GB18030 file reads as it does in a run. ``--compare-presidio-loop``
also runs every recognizer with Presidio's own ``PatternRecognizer.analyze`` in place of our
pattern loop (``RulePatternRecognizer._pattern_results``, the code before issue 18's change),
the two variants alternating round by round in the same process, and prints both totals.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--compare-presidio-loop", action="store_true")
    a = ap.parse_args(argv)

    from redactor.formats import read_document
    from redactor.recognizers import load_rule_recognizers
    from redactor.recognizers.base import fold_width

    texts = [fold_width(read_document(p).text) for p in sorted(a.docs.rglob("*.txt"))]
    recognizers = load_rule_recognizers()
    for text in texts:  # warm-up, in the order detect runs them: each document through all rules
        for r in recognizers:
            r.analyze(text, r.supported_entities)
    from presidio_analyzer import PatternRecognizer

    from redactor.recognizers.base import RulePatternRecognizer

    ours = RulePatternRecognizer._pattern_results

    def presidio_loop(self, text, regex_flags=None):
        return PatternRecognizer.analyze(self, text, None, None, regex_flags)

    variants = {"our pattern loop": ours}
    if a.compare_presidio_loop:
        variants["Presidio's PatternRecognizer.analyze"] = presidio_loop
    spent = {v: {r.name: 0.0 for r in recognizers} for v in variants}
    for _ in range(a.rounds):
        for variant, loop in variants.items():
            RulePatternRecognizer._pattern_results = loop
            for text in texts:
                for r in recognizers:
                    t0 = time.process_time()
                    r.analyze(text, r.supported_entities)
                    spent[variant][r.name] += time.process_time() - t0
    RulePatternRecognizer._pattern_results = ours
    print(f"{len(texts)} documents, {sum(map(len, texts)):,} characters, {a.rounds} rounds")
    for variant in variants:
        total = sum(spent[variant].values()) / a.rounds
        print(f"{variant}: all rules {total:.4f} CPU s per round ({1e6 * total / max(len(texts), 1):.0f} µs per document)")
    print("| recognizer | CPU s per round | share |")
    print("|---|---:|---:|")
    first = spent["our pattern loop"]
    total = sum(first.values()) / a.rounds
    for name, s in sorted(first.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {s / a.rounds:.4f} | {100 * s / a.rounds / total:.0f} % |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
