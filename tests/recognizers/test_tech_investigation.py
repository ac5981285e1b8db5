"""TECH_INVESTIGATION (rules/recognizers/tech_investigation.yaml): technical investigation
measures found; mentions of the law and of measures not taken stay."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import found


def test_tech_investigation_terms(recognizers):
    text = "公安机关依法对其采取技术侦查措施（批准文号：豫公技侦字〔2022〕15号），通过电话监听获取证据，后实施控制下交付。"
    got = found(recognizers, "tech_investigation", text)
    assert "技术侦查措施（批准文号：豫公技侦字〔2022〕15号）" in got and "电话监听" in got and "控制下交付" in got


@pytest.mark.parametrize("text", [
    "本案未采取技术侦查措施。",
    "根据《公安机关技术侦查措施规定》执行。",
    "刑事诉讼法第一百五十条规定的技术侦查措施。",
    "被告人以秘密窃取的方式窃取财物。",
])
def test_tech_investigation_mentions_stay(recognizers, text):
    assert found(recognizers, "tech_investigation", text) == []
