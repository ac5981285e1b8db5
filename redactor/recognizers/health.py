"""Health status (健康状况, 法释〔2016〕19号 第十条第一款第（一）、（四）项): a dictionary
of diseases, diagnoses and disabilities. Where it applies is the policy's call."""

from __future__ import annotations

import regex

from redactor.recognizers.base import RulePatternRecognizer, register_validator
from redactor.recognizers.terms import alternation, load_terms, require_dictionary


@register_validator("health")
class HealthRecognizer(RulePatternRecognizer):
    OPTION_KEYS = ("terms",)

    def __init__(self, spec, path=None):
        super().__init__(spec, path)
        terms = load_terms(require_dictionary(spec, "terms", path))
        # Latin terms (HIV) must not be part of a longer word; Han terms need no boundary.
        self._term_re = regex.compile(r"(?<![A-Za-z])(?:" + alternation(terms) + r")(?![a-z])", regex.IGNORECASE)

    def validate_result(self, pattern_text: str):
        return None

    def _in_title(self, text: str, start: int, end: int) -> bool:
        open_ = text.rfind("《", max(0, start - 40), start)
        return open_ >= 0 and text.rfind("》", open_, start) < 0 and text.find("》", end, end + 40) >= 0

    def extra_results(self, text):
        out = []
        for m in self._term_re.finditer(text):
            start, end = m.span()
            if self.excluded_by_neighbours(text, start, end) or self._in_title(text, start, end):
                continue
            out.append(self.make_result(start, end, 0.8, "term", {"kind": "health_term"}))
        return out
