"""Passports and the permits for Hong Kong, Macao and Taiwan."""

from __future__ import annotations

from redactor.recognizers.base import RulePatternRecognizer, register_validator


@register_validator("passport")
class PassportRecognizer(RulePatternRecognizer):
    """Formats are too generic to stand alone (E12345678 could be any code): the rule
    requires context, and this records which document the pattern describes."""

    def refine(self, text, result, pattern_name):
        result.recognition_metadata["redactor_attrs"]["kind"] = pattern_name
        return result
