"""CASE_NUMBER (rules/recognizers/case_number.yaml): case numbers, their case type and instance."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import run, values


# -- CASE_NUMBER -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number,case_type,instance",
    [
        ("（2023）豫0102民初1234号", "civil", "first"),
        ("(2020)京01刑终45号", "criminal", "second"),
        ("〔2019〕最高法行申123号", "administrative", "retrial_application"),
        ("(2011)荣4民初字第1929号", "civil", "first"),
        ("（2018）粤0305执异12号", "enforcement", "enforcement_objection"),
        ("【2021】苏委赔1号", "state_compensation", None),
    ],
)
def test_case_numbers(recognizers, number, case_type, instance):
    found = run(recognizers, "case_number", f"本院作出{number}判决")
    assert [v for _, v, _, _ in found] == [number]
    attrs = found[0][3]
    assert attrs["case_type"] == case_type
    assert attrs.get("instance") == instance


def test_property_certificate_is_no_case_number(recognizers):
    assert values(recognizers, "case_number", "京(2019)海淀区不动产权第0012345号") == []
