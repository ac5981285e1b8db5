"""PLATE (rules/recognizers/plate.yaml): vehicle plates, new-energy ones included."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import run, values


# -- PLATE -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plate,kind",
    [
        ("京A12345", "ordinary"),
        ("豫PU094挂", "ordinary"),
        ("粤B·12345", "ordinary"),
        ("京AD12345", "new_energy"),
        ("沪AFA1234", "new_energy"),
        ("京A12345D", "new_energy"),
        ("苏A1234警", "ordinary"),
        ("沪A1234领", "ordinary"),
        ("川A1234学", "ordinary"),
    ],
)
def test_plates(recognizers, plate, kind):
    found = run(recognizers, "plate", f"驾驶{plate}号小型轿车")
    assert [(v, a["kind"]) for _, v, _, a in found] == [(plate, kind)]


@pytest.mark.parametrize("text", ["京ABCDE", "京a12345", "京A1234", "京A123456", "京IO1234"])
def test_non_plates(recognizers, text):
    assert values(recognizers, "plate", text) == []
