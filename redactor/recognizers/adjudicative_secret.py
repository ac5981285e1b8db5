"""Adjudicative secrets (审判秘密, 法发〔2018〕20号 第十七条): deliberation records and the
opinions voiced in them. A finding covers the whole record (sentence, or the paragraphs
under a heading), so that the policy's delete leaves no fragment of what was said."""

from __future__ import annotations

import regex

from redactor.recognizers.base import RulePatternRecognizer, register_validator
from redactor.recognizers.terms import load_terms, require_dictionary, sentence_end, sentence_start, terms_regex



@register_validator("adjudicative_secret")
class AdjudicativeSecretRecognizer(RulePatternRecognizer):
    OPTION_KEYS = ("phrases", "max_record_chars", "record_stops", "party_words")

    def __init__(self, spec, path=None):
        super().__init__(spec, path)
        self._phrase_re = terms_regex(load_terms(require_dictionary(spec, "phrases", path)))
        self._max = int(self.options.get("max_record_chars", 3000))
        self._stops = regex.compile(self.options.get("record_stops") or r"(?!x)x", regex.MULTILINE)
        party = list(self.options.get("party_words") or [])
        self._party_re = regex.compile("|".join(map(regex.escape, party))) if party else None

    def validate_result(self, pattern_text: str):
        return None

    def refine(self, text, result, pattern_name):
        # 辩护人的不同意见 / 对原告的不同意见不予采纳: a party's opinion, answered in public.
        opinion = regex.search(r"(?:少数|多数|不同|反对)意见", text[result.start:result.end])
        lead = text[max(sentence_start(text, result.start), result.start + opinion.start() - 12):result.start + opinion.start()]
        if pattern_name == "panel_opinion":
            lead = text[result.start:result.start + opinion.start()]
        if pattern_name != "panel_opinion" and lead.endswith("的"):
            return None  # 某某的不同意见: someone's opinion, named as such
        if self._party_re is not None and self._party_re.search(lead):
            return None
        # The whole sentence the opinion is voiced in goes.
        result.start = sentence_start(text, result.start)
        result.end = sentence_end(text, result.end, limit=self._max)
        result.recognition_metadata["redactor_attrs"]["kind"] = "deliberation_opinion"
        return result

    def extra_results(self, text):
        out = []
        for m in self._phrase_re.finditer(text):
            start = sentence_start(text, m.start())
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            rest = text[m.end():line_end].strip(" \t\u3000：:，,如下")
            if rest:
                end = sentence_end(text, m.end(), limit=self._max)
                # a record runs to the end of its paragraph, not just its first sentence
                end = max(end, min(line_end, m.start() + self._max))
            else:
                end = self._heading_record_end(text, line_end)
            out.append(self.make_result(start, end, 0.9, "deliberation_record", {"kind": "deliberation_record"}))
        return out

    def _heading_record_end(self, text: str, pos: int) -> int:
        """A heading (合议庭评议意见：) owns the paragraphs under it, up to the next part of
        the judgment (本院认为, 判决如下, the signature block…) or ``max_record_chars``."""
        limit = min(len(text), pos + self._max)
        end = pos
        i = pos
        while i < limit:
            nl = text.find("\n", i + 1)
            nl = limit if nl < 0 or nl > limit else nl
            line = text[i + 1 if text[i:i + 1] == "\n" else i:nl]
            if self._stops.match(line) or self._phrase_re.match(line.strip()):
                break
            end = nl
            i = nl
            if nl >= limit:
                break
        return end
