"""PASSPORT (rules/recognizers/passport.yaml): passports and travel permits."""

from __future__ import annotations

from tests.helpers.rule_results import values


# -- PASSPORT ------------------------------------------------------------------------------------


def test_passport_needs_context(recognizers):
    assert values(recognizers, "passport", "护照号码E12345678，") == ["E12345678"]
    assert values(recognizers, "passport", "护照号EA1234567") == ["EA1234567"]
    assert values(recognizers, "passport", "编号E12345678，") == []
    # other countries' numbers right after the label: digits only, letters and digits mixed
    assert values(recognizers, "passport", "美利坚合众国国籍，护照号码514564200，住") == ["514564200"]
    assert values(recognizers, "passport", "德国国籍，护照号：C01X00T47。") == ["C01X00T47"]
    assert values(recognizers, "passport", "护照号码为110101199001011237") == []  # an ID number is not one


def test_permits(recognizers):
    assert values(recognizers, "passport", "往来港澳通行证C12345678") == ["C12345678"]
    assert values(recognizers, "passport", "台胞证号码12345678。") == ["12345678"]
    assert values(recognizers, "passport", "回乡证H1234567801") == ["H1234567801"]
    # a bare 8-digit number next to 护照 is not a 台胞证 number
    assert values(recognizers, "passport", "护照有效期至20251231") == []
