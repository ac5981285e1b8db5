"""ADJUDICATIVE_SECRET (rules/recognizers/adjudicative_secret.yaml): deliberation records found
whole; the judgment's own formulas (经合议庭评议…) stay."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import found


@pytest.mark.parametrize("text, expected", [
    ("合议庭评议中，少数意见认为应当判处缓刑。", "合议庭评议中，少数意见认为应当判处缓刑。"),
    ("本院认为构成犯罪。合议庭评议意见：多数意见认为构成犯罪；少数意见认为不构成犯罪。\n判决如下：",
     "合议庭评议意见：多数意见认为构成犯罪；少数意见认为不构成犯罪。"),
    ("审判委员会讨论记录\n第一位委员发言认为应当改判。\n第二位委员同意。\n本院认为，被告人……",
     "审判委员会讨论记录\n第一位委员发言认为应当改判。\n第二位委员同意。"),
    ("经查，审委会讨论意见为维持原判。", "经查，审委会讨论意见为维持原判。"),
])
def test_deliberation_records_found_whole(recognizers, text, expected):
    assert expected in found(recognizers, "adjudicative_secret", text)


@pytest.mark.parametrize("text", [
    "经合议庭评议，本院认为被告人构成盗窃罪。",
    "本案经本院审判委员会讨论决定，判决如下：",
    "合议庭评议认为，上诉理由不能成立。",
    "对于辩护人提出的不同意见，本院不予采纳。",
    "经合议庭评议，对辩护人提出的不同意见不予采纳。",
    "原告对鉴定意见有不同意见。",
    "本院依法组成合议庭，公开开庭进行了审理。",
])
def test_deliberation_formulas_stay(recognizers, text):
    assert found(recognizers, "adjudicative_secret", text) == []
