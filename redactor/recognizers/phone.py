"""Telephone numbers: mainland mobiles and landlines with an area code."""

from __future__ import annotations

from redactor.recognizers.base import RulePatternRecognizer, register_validator


@register_validator("phone")
class PhoneRecognizer(RulePatternRecognizer):
    """Formats are checked by the patterns; here the surroundings rule out numbers that
    only look like phones: an amount (13812345678元), a number that is part of a larger
    code (the rule's ``not_before`` / ``not_after`` lists, e.g. 号 of a case number)."""

    def validate_result(self, pattern_text: str):
        digits = [c for c in pattern_text if c.isdigit()]
        # A run of one repeated digit (00000000, 11111111111) is a placeholder, not a number.
        if len(set(digits[-8:])) <= 1:
            return False
        return None

    def refine(self, text, result, pattern_name):
        digits = "".join(c for c in text[result.start : result.end] if c.isdigit())
        kind = "mobile" if pattern_name.startswith("mobile") else "landline"
        result.recognition_metadata["redactor_attrs"]["kind"] = kind
        if kind == "mobile" and digits.startswith("86") and len(digits) == 13:
            result.recognition_metadata["redactor_attrs"]["country_code"] = "86"
        return result
