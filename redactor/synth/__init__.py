"""Deterministic synthetic Chinese judgments with ground truth.

    from redactor.synth import generate_judgment, render
    j = generate_judgment(42, kind="theft", length=6000)
    j.text, j.items, j.status
    render.write_pdf(j, "x.pdf")

Used by the benchmarks, the NER training-data recipe, the quality evaluation and
corpus_samples/. Nothing here touches the global ``random`` state.
"""

from redactor.synth.judgments import (
    KINDS,
    Paragraph,
    SyntheticJudgment,
    TruthItem,
    generate_corpus,
    generate_judgment,
)

__all__ = ["KINDS", "Paragraph", "SyntheticJudgment", "TruthItem", "generate_corpus", "generate_judgment"]
