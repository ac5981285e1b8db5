"""HEALTH (rules/recognizers/health.yaml): health terms found; names of laws, hospitals and
charges that contain them stay."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import found


@pytest.mark.parametrize("text, expected", [
    ("原告患有精神分裂症，", ["精神分裂症"]),
    ("系HIV感染者", ["HIV感染者"]),
    ("被告于2020年怀孕，后人工流产。", ["怀孕", "人工流产"]),
    ("经鉴定为智力残疾二级", ["智力残疾"]),
])
def test_health_terms(recognizers, text, expected):
    assert found(recognizers, "health", text) == expected


@pytest.mark.parametrize("text", [
    "依照《中华人民共和国精神卫生法》第三十条",
    "被害人被送往市精神病医院救治。",
    "被告人犯传播性病罪。",
    "身体健康，无不良嗜好。",
    "HIVE公司",
])
def test_health_names_and_institutions_stay(recognizers, text):
    assert found(recognizers, "health", text) == []
