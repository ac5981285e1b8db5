"""Smoke test of the quality evaluation (benchmarks/quality/) on 20 real paragraphs.

The paragraphs are read from ../shared/data/judgments-dev/ at run time (never copied into the
repository); without them the test is skipped. The full numbers are in
benchmarks/quality/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks" / "quality"))

from build_eval import DEFAULT_SOURCE, build  # noqa: E402

pytestmark = pytest.mark.skipif(not DEFAULT_SOURCE.is_file(), reason="judgments-dev data not available")


def test_build_is_deterministic_and_truth_is_in_the_text():
    a, b = build(limit=20), build(limit=20)
    assert [d.text for d in a] == [d.text for d in b]
    assert len(a) >= 15 and any(d.header for d in a) and any(not d.header for d in a)
    for d in a:
        assert d.must_mask
        for value, _cat in d.must_mask + d.must_keep:
            assert value in d.text
        # No published placeholder survives as a person (张x1, 王某1 are replaced).
        assert not any(value.endswith(("x1", "某1")) for value, _ in d.must_mask)


def test_pipeline_on_twenty_paragraphs():
    from evaluate import evaluate

    misses: list = []
    report = evaluate(build(limit=20), "strict", misses=misses)
    recall = report["mask_recall"]
    for cat in ("ID_CARD", "PHONE", "BANK_ACCOUNT", "PLATE"):
        if cat in recall:
            assert recall[cat]["recall"] == 1.0, (cat, [m["category"] for m in misses])
    assert recall["PERSON"]["recall"] >= 0.97
    keep = report["keep_retention"]
    for cat in ("COURT_STAFF", "LAWYER", "LAW_FIRM", "CASE_NUMBER", "USCC"):
        if cat in keep:
            assert keep[cat]["kept"] == 1.0, cat
    assert report["keep_retention_overall"] >= 0.97
