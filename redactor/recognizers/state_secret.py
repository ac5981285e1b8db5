"""State-secret markings (国家秘密标志): the document is withheld (法释〔2016〕19号 第四条第（一）项).

Each finding says what kind of marking it is and, for a classification, its level; the
report's reason is built from those (``describe``), never from the marking's own text.
"""

from __future__ import annotations

import regex

from redactor.recognizers.base import RulePatternRecognizer, register_validator
from redactor.recognizers.terms import alternation, load_terms, require_dictionary

_LEVEL = regex.compile(r"绝\s*密|机\s*密|秘\s*密")
_NEGATION = regex.compile(r"不|未|没有|无|非|否")
_LEVELLED = {"level_star", "level_with_term", "classification_field"}
_KINDS = {
    "level_star": "classification_mark",
    "level_with_term": "classification_mark",
    "classification_field": "classification_mark",
    "state_secret_line": "state_secret_notice",
    "involvement_statement": "involvement_statement",
}


def describe(attrs: dict) -> str:
    """A value-free description of one marking: kind and level (e.g. 'classification_mark 机密')."""
    kind = str(attrs.get("kind", "marking"))
    level = attrs.get("level")
    return f"{kind} {level}" if level else kind


@register_validator("state_secret")
class StateSecretRecognizer(RulePatternRecognizer):
    OPTION_KEYS = ("notices",)

    def __init__(self, spec, path=None):
        super().__init__(spec, path)
        words = alternation(load_terms(require_dictionary(spec, "notices", path)))
        # 内部资料 注意保存 / 内部文件，请勿外传 / 【内部资料】 alone on a line
        self._notice_re = regex.compile(
            r"内\s*部\s*(?:资\s*料|文\s*件)[\s，,、：:·—\-]{0,3}(?:" + words + r")"
            r"|^[ \t]*[\[【(（]?[ \t]*内\s*部\s*(?:资\s*料|文\s*件)[ \t]*[★☆]?[ \t]*[\]】)）]?[ \t]*$",
            regex.MULTILINE,
        )

    def validate_result(self, pattern_text: str):
        return None

    def refine(self, text, result, pattern_name):
        value = text[result.start : result.end]
        if pattern_name == "involvement_statement" and _NEGATION.search(value):
            return None  # 本案不属于涉及国家秘密的案件: a denial, not a marking
        attrs = result.recognition_metadata["redactor_attrs"]
        attrs["kind"] = _KINDS.get(pattern_name, "marking")
        level = _LEVEL.search(value) if pattern_name in _LEVELLED else None
        if level:
            attrs["level"] = regex.sub(r"\s", "", level.group(0))
        return result

    def extra_results(self, text):
        out = []
        for m in self._notice_re.finditer(text):
            start, end = m.span()
            # keep the span on the notice itself (the line form may start with spaces)
            while start < end and text[start] in " \t":
                start += 1
            out.append(self.make_result(start, end, 0.85, "internal_notice", {"kind": "internal_notice"}))
        return out
