"""Unified social credit codes of organisations (GB 32100-2015)."""

from __future__ import annotations

from redactor.recognizers.base import RulePatternRecognizer, register_validator
from redactor.recognizers.id_card import plausible_birth_date

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, 16, ...
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]  # GB 11714 organisation code


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


def gb11714_valid(org_code: str) -> bool:
    """The 9-character organisation code (8 characters + check) inside a USCC (chars 9-17)."""
    code = org_code.upper()
    if len(code) != 9 or not code[:8].isalnum() or not code[:8].isascii():
        return False
    vals = [int(c) if c.isdigit() else ord(c) - 55 for c in code[:8]]  # A=10 … Z=35
    c9 = 11 - sum(v * w for v, w in zip(vals, _ORG_WEIGHTS)) % 11
    return code[8] == {10: "X", 11: "0"}.get(c9, str(c9))


def looks_like_resident_id(value: str) -> bool:
    """17 digits with a real birth date at 7-14, then a digit or X: a person's number shape."""
    v = value.upper()
    return len(v) == 18 and v[:17].isdigit() and (v[17].isdigit() or v[17] == "X") and plausible_birth_date(v[6:14])


@register_validator("gb32100")
class UsccRecognizer(RulePatternRecognizer):
    """The check character decides; then the value must look like a credit code, not like a
    resident ID that passed the check by chance (one ID in 31 does):

    - ID-shaped (17 digits with a birth date, then a digit or X): only with a 信用代码 cue;
    - otherwise: a registration authority + organisation type prefix (91 enterprise, 52 NGO,
      12 public institution …) and a valid GB 11714 organisation code at 9-17, or the cue.
    """

    OPTION_KEYS = ("authority_types",)

    def __init__(self, spec, path=None):
        super().__init__(spec, path)
        self._authority_types = set(self.options.get("authority_types") or [])

    def validate_result(self, pattern_text: str):
        return gb32100_valid(pattern_text)

    def has_uscc_shape(self, value: str) -> bool:
        v = value.upper()
        prefix_ok = not self._authority_types or v[:2] in self._authority_types
        return prefix_ok and gb11714_valid(v[8:17])

    def refine(self, text, result, pattern_name):
        value = text[result.start : result.end]
        cue = self.has_context(text, result.start, result.end)
        if looks_like_resident_id(value) or value.isdigit():
            return result if cue else None
        if not cue and not self.has_uscc_shape(value):
            return None
        return result
