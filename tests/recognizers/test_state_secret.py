"""STATE_SECRET (rules/recognizers/state_secret.yaml): classification markings, notices and
statements of involvement found; ordinary mentions of secrets stay (Art. 4, 法发〔2018〕20号 Art. 17)."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import found


@pytest.mark.parametrize("text, kind, level", [
    ("机密★10年", "classification_mark", "机密"),
    ("绝密★长期", "classification_mark", "绝密"),
    ("秘 密 ★ 1 年", "classification_mark", "秘密"),  # a PDF spacing the characters out
    ("秘密★", "classification_mark", "秘密"),
    ("机密（保密期限：5年）", "classification_mark", "机密"),
    ("密级：绝密", "classification_mark", "绝密"),
    ("北京市第二中级人民法院\n国家秘密\n刑事判决书", "state_secret_notice", None),
    ("本案涉及国家秘密，依法不公开开庭审理。", "involvement_statement", None),
    ("内部资料 注意保存", "internal_notice", None),
    ("内部资料，请勿外传", "internal_notice", None),
    ("【内部资料】\n刑事判决书", "internal_notice", None),
])
def test_state_secret_markings_found(recognizers, text, kind, level):
    results = recognizers["state_secret"].analyze(text, None)
    assert results, text
    attrs = results[0].recognition_metadata["redactor_attrs"]
    assert attrs["kind"] == kind and attrs.get("level") == level


@pytest.mark.parametrize("text", [
    "本案不涉及国家秘密。",
    "本案不属于涉及国家秘密的案件。",
    "该文件不属于国家秘密。",
    "经鉴定，该文件属于国家秘密。",
    "涉案文件不属于秘密级国家秘密。",
    "被告人以秘密窃取的方式窃取他人财物。",
    "公安机关采取秘密侦查。",
    "被告人犯侵犯商业秘密罪。",
    "依照《中华人民共和国保守国家秘密法》第九条",
    "被告人犯故意泄露国家秘密罪",  # a charge, not a marking
    # a finding about evidence; such exam-cheating judgments are published (real dev data)
    "考试答案在启用前为绝密级国家秘密。",
    "公司内部资料显示，该商场运行正常。",
    "原告将机密文件交给被告。",
    "该酒店为五★级酒店。",
    "双方约定保密期限为三年。",
])
def test_state_secret_ordinary_mentions_stay(recognizers, text):
    assert found(recognizers, "state_secret", text) == []
