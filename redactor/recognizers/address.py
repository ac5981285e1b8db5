"""Home addresses, split into the administrative part (kept) and the detail (deleted).

法释〔2016〕19号 Art. 10(1) deletes a natural person's home address; Art. 11(1) keeps the
county/district of residence. So an address after a residence cue is cut in two spans at
the county/district line: ``ADDRESS_ADMIN`` (province/prefecture/county) and
``ADDRESS_DETAIL`` (town, street, road, village, building, room...). What counts as a unit,
a cue or a detail marker is data in rules/recognizers/address.yaml.
"""

from __future__ import annotations

import regex

from redactor.document import Category
from redactor.recognizers.base import RulePatternRecognizer, register_validator


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@register_validator("address")
class AddressRecognizer(RulePatternRecognizer):
    OPTION_KEYS = (
        "cues",
        "bare_cue",
        "bare_cue_after",
        "cue_filler",
        "admin_suffixes",
        "municipalities",
        "admin_name_excluded",
        "admin_exceptions",
        "admin_not_endings",
        "suffix_not_followed_by",
        "admin_name_max",
        "admin_name_max_by_suffix",
        "cue_not_followed_by",
        "terminators",
        "max_detail_chars",
        "max_tail_chars",
        "detail_stop_words",
        "detail_markers",
    )
    CUE_SCORE = 0.85

    def __init__(self, spec, path=None):
        super().__init__(spec, path)
        o = self.options
        self.supported_entities = [Category.ADDRESS_DETAIL.value, Category.ADDRESS_ADMIN.value]
        bare = o.get("bare_cue", "住")
        cues = [c for c in o["cues"] if c != bare]
        after = "".join(regex.escape(c) for c in o.get("bare_cue_after", []))
        not_followed = o.get("cue_not_followed_by") or []
        cue_end = f"(?!{_alt(not_followed)})" if not_followed else ""
        self._cue_re = regex.compile(
            rf"(?:(?P<cue>{_alt(cues)})|(?:^|(?<=[{after}]))(?P<cue>{regex.escape(bare)})){cue_end}",
            regex.MULTILINE,
        )
        self._filler_re = regex.compile(o.get("cue_filler", r"\s*[:：]?\s*"))
        self.suffix_level: dict[str, int] = {k: int(v) for k, v in o["admin_suffixes"].items()}
        self.municipalities = set(o.get("municipalities", []))
        suffix_not_followed = o.get("suffix_not_followed_by") or {}
        self.name_max = int(o.get("admin_name_max", 4))
        self.name_max_by_suffix = {k: int(v) for k, v in (o.get("admin_name_max_by_suffix") or {}).items()}
        longest = max([self.name_max, *self.name_max_by_suffix.values()])
        suffix_alts = []
        for suf in sorted(self.suffix_level, key=len, reverse=True):
            nf = suffix_not_followed.get(suf)
            suffix_alts.append(regex.escape(suf) + (f"(?!{_alt(nf)})" if nf else ""))
        excluded = _alt(o.get("admin_name_excluded", []))
        name_char = rf"(?:(?!{excluded})\p{{Han}})" if excluded else r"\p{Han}"
        not_end = _alt(o.get("admin_not_endings", []))
        self._unit_re = regex.compile(
            rf"(?P<name>{name_char}{{1,{longest}}}?)"
            rf"(?P<suf>{'|'.join(suffix_alts)})" + (rf"(?<!{not_end})" if not_end else "")
        )
        exceptions = o.get("admin_exceptions") or []
        self._exception_re = regex.compile(_alt(exceptions)) if exceptions else None
        self._terminators = set(o.get("terminators", ",，。;；:：\n"))
        self._max_detail = int(o.get("max_detail_chars", 60))
        self._max_tail = int(o.get("max_tail_chars", 8))
        stops = o.get("detail_stop_words") or []
        self._stop_re = regex.compile(_alt(stops)) if stops else None
        self._marker_re = regex.compile(o["detail_markers"])

    # -- parsing ------------------------------------------------------------------------

    def _admin_units(self, text: str, pos: int) -> tuple[int, list[tuple[int, int, int]]]:
        """Administrative units from ``pos``, each level lower than the one before.
        Returns (end, [(start, end, level)])."""
        level = 0
        units: list[tuple[int, int, int]] = []
        while level < 3:
            m = self._exception_re.match(text, pos) if self._exception_re else None
            if m:
                lvl = 3
            else:
                m = self._unit_re.match(text, pos)
                if not m:
                    break
                suf = m.group("suf")
                if len(m.group("name")) > self.name_max_by_suffix.get(suf, self.name_max):
                    break
                lvl = self.suffix_level[suf]
                if lvl == 0:  # 市
                    if m.group("name") in self.municipalities:
                        lvl = 1
                    else:
                        lvl = 2 if level < 2 else 3
            if lvl <= level:
                break
            units.append((m.start(), m.end(), lvl))
            level = lvl
            pos = m.end()
        return pos, units

    def _detail_end(self, text: str, pos: int) -> int:
        """Where the part after the administrative units ends."""
        end = pos
        limit = min(len(text), pos + self._max_detail)
        while end < limit and text[end] not in self._terminators and not text[end].isspace():
            if text[end] == "(":
                close = text.find(")", end, min(len(text), end + 20))
                if close == -1 or any(c in self._terminators for c in text[end:close]):
                    break
                end = close + 1
                continue
            end += 1
        # Prose may follow the address without punctuation: cut at the first stop word
        # after the last detail marker (or anywhere if there is no marker).
        markers = list(self._marker_re.finditer(text, pos, end))
        cut_from = markers[-1].end() if markers else pos
        if self._stop_re is not None:
            stop = self._stop_re.search(text, cut_from, end)
            if stop:
                end = stop.start()
        if markers and end - cut_from > self._max_tail:
            end = cut_from
        return end

    def parse_address(self, text: str, pos: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """(admin span, detail span) of an address starting at ``pos``; (None, None) if none."""
        admin_end, units = self._admin_units(text, pos)
        detail_end = self._detail_end(text, admin_end)
        has_marker = bool(self._marker_re.search(text, admin_end, detail_end))
        if not units and not has_marker:
            return None, None
        admin = (units[0][0], admin_end) if units else None
        detail = (admin_end, detail_end) if detail_end > admin_end else None
        if detail and not units and not has_marker:
            detail = None
        return admin, detail

    def extra_results(self, text):
        results = []
        covered_until = -1
        for m in self._cue_re.finditer(text):
            if m.start() < covered_until:
                continue
            start = self._filler_re.match(text, m.end()).end()
            admin, detail = self.parse_address(text, start)
            if admin is None and detail is None:
                continue
            whole = ((admin or detail)[0], (detail or admin)[1])
            attrs = {"cue": m.group("cue"), "address_span": list(whole)}
            if admin:
                results.append(
                    self.make_result(
                        *admin, self.CUE_SCORE, "cue_admin", {**attrs, "part": "admin"}, Category.ADDRESS_ADMIN.value
                    )
                )
            if detail:
                results.append(self.make_result(*detail, self.CUE_SCORE, "cue_detail", {**attrs, "part": "detail"}))
            covered_until = whole[1]
        return results

    def refine(self, text, result, pattern_name):
        result.recognition_metadata["redactor_attrs"]["part"] = "detail"
        return result
