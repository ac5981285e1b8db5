"""Every rule file loads and cites its article; a malformed rule file is refused, naming the file."""

from __future__ import annotations

import pytest

from redactor.recognizers import RuleError, build_recognizer


# -- the rule files ---------------------------------------------------------------------


def test_every_rule_file_loads_and_cites_an_article(recognizers):
    assert {
        "id_card",
        "phone",
        "bank_account",
        "plate",
        "email",
        "property_cert",
        "passport",
        "uscc",
        "address",
        "case_number",
    } <= set(recognizers)
    for r in recognizers.values():
        assert "法释" in r.article or "规定" in r.article
        assert r.supported_language == "zh"


def test_malformed_rule_file_is_refused_with_file_name(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nentity: NOT_A_CATEGORY\narticle: x\npatterns: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match="bad.yaml"):
        build_recognizer(bad)
    bad.write_text("id: bad\nentity: PHONE\narticle: x\npatterns:\n  - {name: p, regex: '([', score: 0.5}\n")
    with pytest.raises(RuleError, match="does not compile"):
        build_recognizer(bad)
    bad.write_text("id: bad\nentity: PHONE\narticle: x\nvalidator: nope\npatterns: []\n")
    with pytest.raises(RuleError, match="unknown validator"):
        build_recognizer(bad)
