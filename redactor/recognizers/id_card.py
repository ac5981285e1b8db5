"""Resident identity card numbers: GB 11643-1999 (18 digits) and the legacy 15-digit form."""

from __future__ import annotations

import datetime

from redactor.recognizers.base import RulePatternRecognizer, register_validator

# GB 11643-1999: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 -> "X".
_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"


def gb11643_check_digit(first17: str) -> str:
    """The check character for 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("need 17 ASCII digits")
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def gb11643_valid(number: str) -> bool:
    """True when an 18-character ID number's last character is its check character."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    return gb11643_check_digit(number[:17]) == number[17].upper()


def plausible_birth_date(yyyymmdd: str, earliest: int = 1880) -> bool:
    """A real calendar date, not in the future."""
    try:
        d = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return earliest <= d.year and d <= datetime.date.today()


def id_number_kind(number: str) -> str | None:
    """'valid18' / 'badcheck18' / 'legacy15', or None when it is no ID number at all."""
    n = number.upper()
    if len(n) == 18 and n[:17].isdigit():
        if not plausible_birth_date(n[6:14]):
            return None
        return "valid18" if gb11643_valid(n) else "badcheck18"
    if len(n) == 15 and n.isdigit():
        return "legacy15" if plausible_birth_date("19" + n[6:12]) else None
    return None


@register_validator("gb11643")
class IdCardRecognizer(RulePatternRecognizer):
    """True for a valid 18-digit number or a 15-digit one with a real birth date; an
    18-digit number whose date is real but whose check digit is wrong stays unvalidated
    (kept only next to 身份证/公民身份号码: typos and made-up numbers are still IDs);
    anything without a real date is dropped."""

    def validate_result(self, pattern_text: str):
        if "*" in pattern_text or "×" in pattern_text:
            return None  # a partly masked number: nothing to check
        kind = id_number_kind(pattern_text.replace(" ", ""))
        if kind is None:
            return False
        return True if kind in ("valid18", "legacy15") else None

    def refine(self, text, result, pattern_name):
        kind = id_number_kind(text[result.start : result.end].replace(" ", ""))
        if kind:
            result.recognition_metadata["redactor_attrs"]["kind"] = kind
        return result
