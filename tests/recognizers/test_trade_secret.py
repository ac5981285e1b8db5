"""TRADE_SECRET (rules/recognizers/trade_secret.yaml): passages that disclose a claimed secret
(formula, process parameters, cue content, source code) flagged; talk about secrets not.
The clerk's deny list and the review that follows are in tests/test_article17.py."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import found


@pytest.mark.parametrize("text, kind", [
    ("原告主张商业秘密。配方为：环氧树脂42%、磷酸锌15.5%、云母粉8%。", "formula"),
    ("原告主张技术秘密。研磨温度控制在45℃，分散转速1800r/min，熟化时间36小时。", "process_parameters"),
    ("原告主张商业秘密。客户名单包括：甲公司、乙公司、丙公司。", "cue_content"),
    ("本案系侵害商业秘密纠纷。原告的进货价3200元/吨。", "cue_content"),
    ("原告主张技术秘密。源代码如下：\nint main(void) {\n  return calc(x);\n}\n本院认为", "source_code"),
])
def test_trade_secret_passages_flagged(recognizers, text, kind):
    results = recognizers["trade_secret"].analyze(text, None)
    assert kind in {r.recognition_metadata["redactor_attrs"]["kind"] for r in results}
    assert all(r.recognition_metadata["redactor_attrs"]["denylist"] is False for r in results)


@pytest.mark.parametrize("text", [
    "被告人犯侵犯商业秘密罪，判处有期徒刑一年。",
    "商业秘密是指不为公众所知悉、具有商业价值并经权利人采取相应保密措施的技术信息、经营信息等商业信息。",
    "本院认定原告的技术信息为商业秘密。",
    "争议焦点为原告主张的技术信息是否构成商业秘密。",
    # no secrecy in the case at all: a sales contract's prices and parameters are facts
    "买卖合同纠纷，单价为每吨3000元，成本价为2000元，温度180℃，压力2.5MPa，配方为A料35%、B料20%。",
])
def test_trade_secret_ordinary_mentions_not_flagged(recognizers, text):
    assert found(recognizers, "trade_secret", text) == []
