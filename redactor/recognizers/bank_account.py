"""Bank card and account numbers."""

from __future__ import annotations

import re

from redactor.recognizers.base import RulePatternRecognizer, register_validator
from redactor.recognizers.id_card import id_number_kind


# The number before this one in a list (账号分别是：A、B、C): ten digits or more, or one a
# judgment already shows as ×××, then a list separator right before this number.
_LISTED_AFTER = re.compile(r"(?:[0-9](?:[0-9 -]{8,})[0-9]|×{3,}|\*{3,})\s*(?:、|，|,|；|和|及|以及|与)\s*$")


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

    def has_context(self, text: str, start: int, end: int, words_re=None) -> bool:
        """The context words, or a list whose first number has them: in 账号分别是：A、B the
        second account is past the context window, but it is in the same list."""
        if super().has_context(text, start, end, words_re):
            return True
        listed = _LISTED_AFTER.search(text, max(0, start - 40), start)
        return listed is not None and self.has_context(text, listed.start(), listed.start(), words_re)

    def refine(self, text, result, pattern_name):
        value = text[result.start : result.end]
        attrs = result.recognition_metadata["redactor_attrs"]
        digits = "".join(c for c in value if c.isdigit())
        attrs["luhn"] = luhn_valid(digits)
        if not attrs.get("context") and id_number_kind(value.replace(" ", "")) in ("valid18", "badcheck18"):
            return None
        return result
