"""Bank card and account numbers."""

from __future__ import annotations

from redactor.recognizers.base import RulePatternRecognizer, register_validator
from redactor.recognizers.id_card import id_number_kind


def luhn_valid(number: str) -> bool:
    """ISO/IEC 7812 (Luhn) check over the digits of ``number`` (separators ignored)."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) < 2:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """The digit that makes ``payload + digit`` pass Luhn."""
    for d in "0123456789":
        if luhn_valid(payload + d):
            return d
    raise AssertionError("unreachable")


@register_validator("luhn")
class BankAccountRecognizer(RulePatternRecognizer):
    """Luhn passes -> validated; fails -> unvalidated, which the rule keeps only next to
    账号/卡号/开户行... A valid 18-digit ID number is an ID, not an account, unless bank
    context says otherwise (one in ten IDs passes Luhn by chance)."""

    def validate_result(self, pattern_text: str):
        digits = "".join(c for c in pattern_text if c.isdigit())
        if len(set(digits)) <= 1:
            return False
        return True if luhn_valid(digits) else None

    def refine(self, text, result, pattern_name):
        value = text[result.start : result.end]
        attrs = result.recognition_metadata["redactor_attrs"]
        digits = "".join(c for c in value if c.isdigit())
        attrs["luhn"] = luhn_valid(digits)
        if not attrs.get("context") and id_number_kind(value.replace(" ", "")) in ("valid18", "badcheck18"):
            return None
        return result
