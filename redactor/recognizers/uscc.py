"""Unified social credit codes of organisations (GB 32100-2015)."""

from __future__ import annotations

from redactor.recognizers.base import RulePatternRecognizer, register_validator

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, 16, ...


def gb32100_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code."""
    if len(first17) != 17 or any(c not in _VALUE for c in first17):
        raise ValueError("need 17 characters of the GB 32100 charset")
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def gb32100_valid(code: str) -> bool:
    code = code.upper()
    if len(code) != 18 or any(c not in _VALUE for c in code):
        return False
    return gb32100_check_char(code[:17]) == code[17]


@register_validator("gb32100")
class UsccRecognizer(RulePatternRecognizer):
    """The check character decides. An all-digit candidate is far more often an ID number
    (one in 31 IDs passes GB 32100 by chance), so it needs 信用代码 nearby."""

    def validate_result(self, pattern_text: str):
        return gb32100_valid(pattern_text)

    def refine(self, text, result, pattern_name):
        value = text[result.start : result.end]
        if value.isdigit() and not self.has_context(text, result.start, result.end):
            return None
        return result
