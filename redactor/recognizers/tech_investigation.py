"""Technical investigation measures (技术侦查措施, 法释〔2016〕19号 第十条第一款第（五）项)."""

from __future__ import annotations

import regex

from redactor.recognizers.base import RulePatternRecognizer, register_validator
from redactor.recognizers.terms import alternation, load_terms, require_dictionary

# Right after a term: an approval or decision number in brackets identifies the measure too.
_APPROVAL_AFTER = regex.compile(r"\s*[（(][^（）()\n]{0,40}?(?:号|批准|决定书|文号)[^（）()\n]{0,20}[）)]")
# A statute's section heading: 第八节 技术侦查措施 / 第一百五十条规定的技术侦查措施
_STATUTE_BEFORE = regex.compile(r"第[一二三四五六七八九十百零〇0-9]+(?:节|条(?:第[一二三四五六七八九十0-9]+款)?(?:规定的|所称的|规定)?)\s*$")


@register_validator("tech_investigation")
class TechInvestigationRecognizer(RulePatternRecognizer):
    OPTION_KEYS = ("terms", "negations")

    def __init__(self, spec, path=None):
        super().__init__(spec, path)
        self._term_re = regex.compile(alternation(load_terms(require_dictionary(spec, "terms", path))))
        neg = list(self.options.get("negations") or [])
        self._neg_re = regex.compile("(?:" + alternation(neg) + r")\s*$") if neg else None

    def validate_result(self, pattern_text: str):
        return None

    def refine(self, text, result, pattern_name):
        result.recognition_metadata["redactor_attrs"]["kind"] = pattern_name
        return result

    def _in_statute_title(self, text: str, start: int, end: int) -> bool:
        """Inside 《…》 on the same line."""
        open_ = text.rfind("《", max(0, start - 60), start)
        if open_ < 0 or text.rfind("》", open_, start) >= 0 or "\n" in text[open_:start]:
            return False
        close = text.find("》", end, end + 60)
        return close >= 0 and "\n" not in text[end:close]

    def extra_results(self, text):
        out = []
        for m in self._term_re.finditer(text):
            start, end = m.span()
            if self._in_statute_title(text, start, end):
                continue
            before = text[max(0, start - 12):start]
            if self._neg_re is not None and self._neg_re.search(before):
                continue
            if _STATUTE_BEFORE.search(before):
                continue
            attrs = {"kind": "term"}
            a = _APPROVAL_AFTER.match(text, end)
            if a:
                end = a.end()
                attrs["approval"] = True
            out.append(self.make_result(start, end, 0.85, "term", attrs))
        return out
