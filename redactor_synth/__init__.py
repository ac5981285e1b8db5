"""Deterministic synthetic Chinese judgments with ground truth.

    from redactor_synth import generate_judgment, render
    j = generate_judgment(42, kind="theft", length=6000)
    j.text, j.items, j.status
    render.write_pdf(j, "x.pdf")

Used by the tests, the benchmarks, the NER training-data recipe, the quality evaluation and
corpus_samples/; never by the product (``redactor``), so it is a development package at the
repository's root that the wheel does not carry (``pyproject.toml``). The tests find it through
pytest's ``pythonpath``; the scripts put the repository's root on ``sys.path``. Rendering DOCX
needs python-docx (the ``test`` extra). Nothing here touches the global ``random`` state.
"""

from redactor_synth.judgments import (
    KINDS,
    Paragraph,
    SyntheticJudgment,
    TruthItem,
    generate_corpus,
    generate_judgment,
)

__all__ = ["KINDS", "Paragraph", "SyntheticJudgment", "TruthItem", "generate_corpus", "generate_judgment"]
