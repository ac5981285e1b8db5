"""The rule recognizers' own pattern loop (``RulePatternRecognizer._pattern_results``) gives what
Presidio's ``PatternRecognizer.analyze`` gives: the same results, in the same order, with the
same scores, explanations and metadata, for every rule of rules/recognizers/ (issue 18: the
loop drops Presidio's per-pattern clock reads and debug lines, nothing else)."""

from __future__ import annotations

from pathlib import Path

from presidio_analyzer import PatternRecognizer

from redactor.recognizers.base import fold_width
from redactor_synth import generate_judgment

from tests.helpers.rule_results import ID_BAD, ID_OK

ROOT = Path(__file__).resolve().parents[2]

# Every kind of value the rules look for, valid and broken, in both widths.
DENSE = (
    f"被告人王某，身份证号{ID_OK}，另报{ID_BAD}，手机13812345678、１３９１２３４５６７８，"
    "固定电话010-62345678，银行卡号6222021234567890128，账号6222 0212 3456 7890 12，"
    "车牌京A12345、粤B·D12345，邮箱wang.li@example.com，护照号E12345678、G1234567，"
    "不动产权证号京(2019)海淀区不动产权第0012345号，统一社会信用代码91110108MA01ABCD1X，"
    "住北京市海淀区中关村大街27号院3号楼2单元501室。（2020）京0108刑初123号。"
    "涉及国家秘密、商业秘密的证据不公开，技术侦查措施取得的材料，患有艾滋病。\n"
)


def _texts() -> list[str]:
    from redactor.formats import read_document

    texts = [read_document(p).text for p in sorted((ROOT / "corpus_samples").glob("*.txt"))]
    texts += [generate_judgment(seed).text for seed in (11, 12, 13, 14)]
    texts += [DENSE, DENSE * 3, "", " ", "\n\n"]
    return [fold_width(t) for t in texts]


def _explained(results) -> list[tuple]:
    out = []
    for r in results:
        e = r.analysis_explanation
        out.append((r.entity_type, r.start, r.end, r.score, e.recognizer, e.pattern_name, e.pattern,
                    e.original_score, e.score, e.validation_result, e.regex_flags, e.textual_explanation,
                    dict(r.recognition_metadata)))
    return out


def test_the_pattern_loop_gives_presidios_results(recognizers):
    texts = _texts()
    compared = matched = 0
    for rec in recognizers.values():
        if not rec.rule_patterns:
            continue
        for text in texts:
            ours = _explained(rec._pattern_results(text))
            presidio = _explained(PatternRecognizer.analyze(rec, text, None))
            assert ours == presidio, (rec.rule_id, len(text))
            compared += 1
            matched += len(ours)
    assert compared > 100
    assert matched > 100  # the texts exercise the patterns, not only the empty case


def test_a_recognizer_finds_the_same_through_the_engine_path(recognizers):
    """End to end for one recognizer: analyze() (our loop, then refine/context) on the dense
    text finds the values the recognizer tests expect."""
    text = fold_width(DENSE)
    found = {text[r.start:r.end] for r in recognizers["phone"].analyze(text, None)}
    assert "13812345678" in found and "13912345678" in found
