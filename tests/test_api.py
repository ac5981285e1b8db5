"""The public Python API (redactor/__init__.py, redactor/api.py) and redactor.presidio with a
plain Presidio AnalyzerEngine / AnonymizerEngine, offline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import redactor
from tests.helpers.civil_judgment import ID, JUDGMENT, PHONE

ROOT = Path(__file__).resolve().parent.parent


def test_importing_redactor_loads_no_library():
    code = ("import sys, redactor; heavy = [m for m in sys.modules if m.split('.')[0] in "
            "('presidio_analyzer', 'spacy', 'yaml', 'numpy', 'regex') or m.startswith('redactor.')]; "
            "print(heavy); assert not heavy; assert callable(redactor.redact_text)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert {"redact_text", "redact_file", "detect", "presidio"} <= set(dir(redactor))


def test_redact_text_publishes_the_policy_and_explains_every_span():
    r = redactor.redact_text(JUDGMENT, policy="strict")
    assert r.status == "published"
    assert ID not in r.text and PHONE not in r.text and "曹兰" not in r.text and "中关村大街" not in r.text
    # Over-redaction is a failure too: judges, clerks, lawyers, organisations, case number stay.
    for kept in ("钱多多", "孙丽", "北京星光科技有限公司", "（2023）京0108民初1234号", "北京市海淀区"):
        assert kept in r.text
    by_value = {s.value: s for s in r.spans}
    id_span = by_value[ID]
    assert (id_span.category, id_span.action, id_span.rule) == ("ID_CARD", "delete", "category:ID_CARD")
    assert "第十条" in id_span.article and id_span.replacement == "×××"
    plaintiff = by_value["曹兰"]
    assert plaintiff.category == "PERSON" and plaintiff.action == "anonymize" and plaintiff.replacement.startswith("曹某")
    assert plaintiff.role and plaintiff.article.startswith("法释〔2016〕19号")
    judge = by_value["钱多多"]
    assert judge.action == "keep" and judge.role == "judge"
    assert r.counts["ID_CARD"] == 1 and all(s.masks for s in r.masked)
    # Offsets point into the input; a result printed to a log carries no value.
    assert JUDGMENT[id_span.start:id_span.end] == ID
    assert ID not in repr(r) and "曹兰" not in repr(r) and "曹兰" not in repr(r.spans)


def test_redact_text_withholds_and_queues_without_publishing(tmp_path):
    divorce = (ROOT / "corpus_samples" / "divorce_withheld.txt").read_text(encoding="utf-8")
    w = redactor.redact_text(divorce)
    assert w.status == "withheld" and w.text is None and "第四条" in w.article
    pol = tmp_path / "review.yaml"
    pol.write_text("extends: strict\nprofile: r\ncategories:\n  PHONE: {action: review, article: 第十六条}\n",
                   encoding="utf-8")
    q = redactor.redact_text(JUDGMENT, policy=str(pol))
    assert q.status == "review" and q.text is None
    assert [s.category for s in q.spans if s.action == "review"] == ["PHONE"]
    with pytest.raises(TypeError):
        redactor.redact_text(JUDGMENT.encode("utf-8"))


def test_detect_is_a_dry_run_with_rule_and_article_per_span():
    spans = redactor.detect(JUDGMENT)
    assert spans == sorted(spans, key=lambda s: (s.start, s.end))
    cats = {s.category for s in spans}
    assert {"PERSON", "ID_CARD", "PHONE", "CASE_NUMBER", "ORGANIZATION"} <= cats
    case = next(s for s in spans if s.category == "CASE_NUMBER")
    assert case.action == "keep" and case.rule and case.value == "（2023）京0108民初1234号"
    assert all(s.rule for s in spans) and all(s.article for s in spans if s.masks)
    # The stage module stays importable as before.
    from redactor.detect import build_analyzer  # noqa: F401


def test_redact_file_runs_the_real_pipeline_with_verify_and_audit(tmp_path, monkeypatch):
    from redactor.audit import verify_chain

    monkeypatch.setenv("REDACTOR_HMAC_KEY", "api-test-key")
    src = tmp_path / "in" / "a.txt"
    src.parent.mkdir()
    src.write_text(JUDGMENT, encoding="utf-8")
    res = redactor.redact_file(src, tmp_path / "out")
    assert res.status == "published" and res.output == tmp_path / "out" / "a.txt"
    published = res.output.read_text(encoding="utf-8")
    assert ID not in published and "曹某" in published and res.counts["ID_CARD"] == 1
    assert verify_chain(res.audit).ok
    recs = [json.loads(x) for x in res.audit.read_text(encoding="utf-8").splitlines()]
    assert any(x.get("type") == "span" and x.get("category") == "ID_CARD" for x in recs)
    assert ID not in res.audit.read_text(encoding="utf-8")
    # A folder gives one result per document; an unreadable one fails closed.
    (tmp_path / "in" / "b.pdf").write_bytes(b"not a pdf at all")
    results = redactor.redact_file(tmp_path / "in", tmp_path / "out2")
    by = {r.input: r for r in results}
    assert by["a.txt"].status == "published"
    assert by["b.pdf"].status == "failed" and by["b.pdf"].reason_code and by["b.pdf"].output is None
    assert not (tmp_path / "out2" / "b.pdf").exists()
    with pytest.raises(FileNotFoundError):
        redactor.redact_file(tmp_path / "missing.txt", tmp_path / "out3")
    # Without a key: a warning (development key), or an error in production; nothing written then.
    from redactor.audit import AuditKeyError

    monkeypatch.delenv("REDACTOR_HMAC_KEY")
    monkeypatch.delenv("REDACTOR_HMAC_KEY_FILE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    with pytest.warns(UserWarning, match="development key"):
        redactor.redact_file(src, tmp_path / "out4", ner=None)
    with pytest.raises(AuditKeyError):
        redactor.redact_file(src, tmp_path / "out5", production=True)
    assert not (tmp_path / "out5").exists()


def test_our_recognizers_and_operators_in_a_plain_presidio_engine():
    from presidio_analyzer import AnalyzerEngine
    from presidio_anonymizer import AnonymizerEngine

    from redactor import presidio as rp

    text = ("原告张伟，身份证号码110101198001011237，电话13812345678，住北京市朝阳区建国路88号3单元501室，"
            "车牌京A12345。本院依照《中华人民共和国民法典》判决。")
    analyzer = AnalyzerEngine(registry=rp.registry(ner="judgment"), nlp_engine=rp.nlp_engine(),
                              supported_languages=[rp.LANGUAGE])
    results = analyzer.analyze(text, language=rp.LANGUAGE)
    found = {r.entity_type for r in results}
    assert {"PERSON", "ID_CARD", "PHONE", "ADDRESS_DETAIL", "PLATE"} <= found
    anonymizer = AnonymizerEngine()
    rp.add_operators(anonymizer)
    out = anonymizer.anonymize(text, rp.to_mask(results, "strict"), operators=rp.operators("strict")).text
    assert out == ("原告张某，身份证号码×××，电话×××，住北京市朝阳区，车牌京A×××××。"
                   "本院依照《中华人民共和国民法典》判决。")
    # A category the policy does not name is masked, never published by default.
    assert rp.operators("strict")["DEFAULT"].operator_name == "replace"
