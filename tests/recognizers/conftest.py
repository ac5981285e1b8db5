"""The rule recognizers of rules/recognizers/*.yaml, loaded once per test file."""

from __future__ import annotations

import pytest

from redactor.recognizers import load_rule_recognizers


@pytest.fixture(scope="module")
def recognizers():
    return {r.rule_id: r for r in load_rule_recognizers()}
