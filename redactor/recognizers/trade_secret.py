"""Trade-secret passages (法释〔2016〕19号 第十条第一款第（三）项), flagged for REVIEW.

Whether 硅藻土35% is a company's secret formula or a public standard is a judgment a machine
cannot make, and both wrong answers are breaches (a leak; an over-redaction). So the passage
is found and put before a reviewer (法发〔2018〕20号 第十六条); only deny-list terms a clerk
handed in (redactor/denylist.py) are masked directly.
"""

from __future__ import annotations

import regex

from redactor.recognizers.base import RulePatternRecognizer, register_validator
from redactor.recognizers.terms import alternation, load_terms, require_dictionary, sentence_end, sentence_start

_NUMBERED = regex.compile(r"^\s*(?:[0-9]{1,2}\s*[.、．)）]|[（(][0-9一二三四五六七八九十]{1,2}[）)]|[一二三四五六七八九十]{1,2}\s*、|[①-⑳])")


_CLOSING_LINES = regex.compile(r"(?:\n[ \t]*[{}()\];]+[ \t;]*(?=\n|$))+")


@register_validator("trade_secret")
class TradeSecretRecognizer(RulePatternRecognizer):
    OPTION_KEYS = ("cues", "document_gate", "connectors", "not_content", "max_passage_chars")

    def __init__(self, spec, path=None):
        super().__init__(spec, path)
        cues = alternation(load_terms(require_dictionary(spec, "cues", path)))
        conns = "|".join(self.options.get("connectors") or ["为", "：", ":"])
        # cue, up to 6 characters of qualifier (主要/具体/的/共), connector, content;
        # or a price cue straight followed by an amount (进货价3200元/吨)
        self._cue_re = regex.compile(r"(?:" + cues + r")[^。\n，,；;]{0,6}?(?:(?:" + conns + r")[ \t\u3000]*)+|(?:底价|成本价|进货价|采购价)(?=\s*[0-9])")
        self._gate = tuple(self.options.get("document_gate") or ())
        self._not_content = regex.compile("|".join(map(regex.escape, self.options.get("not_content") or ["公众"])))
        self._max = int(self.options.get("max_passage_chars", 400))
        self._gate_cache: tuple[str, bool] | None = None

    def validate_result(self, pattern_text: str):
        return None

    def _gated(self, text: str) -> bool:
        """Is this document about secrecy at all? (Cached per text: refine runs per match.)"""
        if self._gate_cache is None or self._gate_cache[0] is not text:
            self._gate_cache = (text, not self._gate or any(g in text for g in self._gate))
        return self._gate_cache[1]

    def refine(self, text, result, pattern_name):
        if not self._gated(text):
            return None
        attrs = result.recognition_metadata["redactor_attrs"]
        attrs["kind"] = pattern_name
        attrs["denylist"] = False
        if pattern_name != "source_code":
            result.start = sentence_start(text, result.start)
            result.end = sentence_end(text, result.end, limit=self._max)
        return result

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # One passage per block of source lines: adjacent lines merge.
        code = sorted((r for r in results if r.recognition_metadata.get("redactor_attrs", {}).get("kind") == "source_code"),
                      key=lambda r: r.start)
        merged = []
        for r in code:
            if merged and text[merged[-1].end:r.start].strip("\r\n \t") == "":
                merged[-1].end = r.end
            else:
                merged.append(r)
        for r in merged:  # the closing braces of the block belong to it
            tail = _CLOSING_LINES.match(text, r.end)
            if tail:
                r.end = tail.end()
        code_ids = {id(r) for r in code}
        return [r for r in results if id(r) not in code_ids] + merged

    def extra_results(self, text):
        if not self._gated(text):
            return []
        out = []
        for m in self._cue_re.finditer(text):
            content_start = m.end()
            line_end = text.find("\n", content_start)
            line_end = len(text) if line_end < 0 else line_end
            rest = text[content_start:line_end].strip()
            if not rest:
                end = self._list_end(text, line_end)
                if end <= line_end:
                    continue
                content_start = line_end + 1
            else:
                if self._not_content.match(rest):
                    continue
                end = sentence_end(text, content_start, limit=self._max)
                if len(text[content_start:end].strip("。 ")) < 2:
                    continue
            out.append(self.make_result(content_start, end, 0.6, "cue_content", {"kind": "cue_content", "denylist": False}))
        return out

    def _list_end(self, text: str, pos: int) -> int:
        """A cue ending its line (秘密点如下：) owns the numbered lines under it."""
        end = pos
        limit = min(len(text), pos + self._max * 3)
        while end < limit:
            nl = text.find("\n", end + 1)
            nl = len(text) if nl < 0 else nl
            line = text[end + 1:nl]
            if not _NUMBERED.match(line):
                break
            end = nl
        return end
