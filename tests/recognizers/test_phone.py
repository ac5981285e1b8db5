"""PHONE (rules/recognizers/phone.yaml): mobiles, landlines, masked numbers, and what is not a
phone."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import ID_OK, run, values


# -- PHONE -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["13812345678", "138-1234-5678", "138 1234 5678", "+86 138 1234 5678", "+8613812345678", "19912345678"],
)
def test_mobile_formats(recognizers, number):
    found = run(recognizers, "phone", f"联系电话{number}，")
    assert [(v, a["kind"]) for _, v, _, a in found] == [(number, "mobile")]


def test_mobile_without_context_is_still_found_but_lower(recognizers):
    bare = run(recognizers, "phone", "其13812345678号码")
    ctx = run(recognizers, "phone", "手机13812345678。")
    assert bare[0][1] == ctx[0][1] == "13812345678"
    assert bare[0][2] < ctx[0][2]


@pytest.mark.parametrize("number", ["010-62345678", "(0371)65551234", "0371-6555123", "（010）62345678", "0755-82345678-801"])
def test_landlines_with_area_code(recognizers, number):
    assert values(recognizers, "phone", f"办公电话{number}。") == [number]


def test_partly_masked_mobile_needs_context(recognizers):
    assert values(recognizers, "phone", "联系电话138****5678。") == ["138****5678"]
    assert values(recognizers, "phone", "编号138****5678。") == []


def test_bare_landline_and_local_number_need_context(recognizers):
    assert values(recognizers, "phone", "电话037165551234") == ["037165551234"]
    assert values(recognizers, "phone", "编码037165551234") == []
    assert values(recognizers, "phone", "电话：65551234。") == ["65551234"]
    assert values(recognizers, "phone", "共计65551234人次") == []


@pytest.mark.parametrize(
    "text",
    [
        "借款13812345678元",  # an amount
        "合计人民币13812345678.00元",
        f"公民身份号码{ID_OK}",  # a phone-like run inside an ID number
        "（2023）豫0102民初13812号",  # a case number
        "2023年1月12日，20230112",  # dates
        "账号6222021234567890128",  # inside an account
        "第13812345678号",
        "11111111111",
        "12345678901",  # no mobile prefix 12x
    ],
)
def test_non_phones(recognizers, text):
    assert values(recognizers, "phone", text) == []
