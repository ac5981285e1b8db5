"""PROPERTY_CERT (rules/recognizers/property_cert.yaml): real-estate certificate numbers."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import values


# -- PROPERTY_CERT -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cert",
    [
        "京(2019)海淀区不动产权第0012345号",
        "苏（2020）南京市不动产权第0123456号",
        "X京房权证海字第123456号",
        "京房权证朝私字第012345号",
        "沪房地浦字(2005)第012345号",
        "京海国用(2005)第1234号",
        "京朝国用（2005出）第00123号",
        "房权证新平彝族傣族自治字第73665956号",  # an autonomous county (玉溪 before it stays)
    ],
)
def test_property_certificates(recognizers, cert):
    assert values(recognizers, "property_cert", f"取得{cert}，") == [cert]


def test_property_number_after_label(recognizers):
    assert values(recognizers, "property_cert", "房产证号：1102345678，") == ["1102345678"]
    assert values(recognizers, "property_cert", "编号：1102345678，") == []
