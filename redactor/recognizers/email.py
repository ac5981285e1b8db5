"""E-mail addresses."""

from __future__ import annotations

from redactor.recognizers.base import RulePatternRecognizer, register_validator


@register_validator("email")
class EmailRecognizer(RulePatternRecognizer):
    """A domain needs a dot, a top-level label of letters, and no empty labels."""

    def validate_result(self, pattern_text: str):
        local, _, domain = pattern_text.rpartition("@")
        labels = domain.split(".")
        if not local or len(labels) < 2 or any(not label for label in labels):
            return False
        if not labels[-1].isalpha() or len(labels[-1]) < 2:
            return False
        return True
