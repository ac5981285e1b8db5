"""Home addresses, split into the administrative part (kept) and the detail (deleted).

法释〔2016〕19号 Art. 10(1) deletes a natural person's home address; Art. 11(1) keeps the
county/district of residence. So an address after a residence cue is cut in two spans at
the county/district line: ``ADDRESS_ADMIN`` (province/prefecture/county) and
``ADDRESS_DETAIL`` (town, street, road, village, building, room...). What counts as a unit,
a cue or a detail marker is data in rules/recognizers/address.yaml.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from redactor.document import Category
from redactor.paths import DICTIONARIES_DIR
from redactor.recognizers.base import RulePatternRecognizer, register_validator

ADMIN_DICTIONARY = "admin_divisions.txt"
_SECTION_LEVEL = {"province": 1, "prefecture": 2, "county": 3}


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def load_admin_divisions(fname: str = ADMIN_DICTIONARY) -> dict[str, frozenset[int]]:
    """Administrative division names -> the levels they stand at (1 province, 2 prefecture,
    3 county). Missing file: an empty dictionary (the suffix rules still work)."""
    path = DICTIONARIES_DIR / fname
    if not path.is_file():
        return {}
    levels: dict[str, set[int]] = {}
    level = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            level = _SECTION_LEVEL[line[1:-1]]
            continue
        for name in line.split():
            levels.setdefault(name, set()).add(level)
    return {n: frozenset(v) for n, v in levels.items()}


@lru_cache(maxsize=1)
def _admin_suffixes() -> tuple[str, ...]:
    """The administrative unit suffixes of the address rule (rules/recognizers/address.yaml)."""
    from redactor import rules_yaml
    from redactor.paths import RECOGNIZERS_DIR

    spec = rules_yaml.load_file(RECOGNIZERS_DIR / "address.yaml")
    return tuple(sorted(spec.get("admin_suffixes") or {}, key=len, reverse=True))


@lru_cache(maxsize=4)
def admin_name_forms(fname: str = ADMIN_DICTIONARY) -> frozenset[str]:
    """Every dictionary name and its short form without the unit's (longest) suffix when two
    characters or more remain (广州 of 广州市, 呼和浩特 of 呼和浩特市): a 'person' that is one
    of these inside an organisation's name (广州发展集团有限公司, 呼和浩特德润环保科技有限公司,
    where a model read 呼和 as a Mongolian given name) is the place."""
    suffixes = _admin_suffixes()
    forms = set()
    for n in load_admin_divisions(fname):
        forms.add(n)
        sfx = next((x for x in suffixes if n.endswith(x)), "")
        if sfx and len(n) - len(sfx) >= 2:
            forms.add(n[: -len(sfx)])
    return frozenset(forms)


@lru_cache(maxsize=4)
def _admin_automaton(fname: str = ADMIN_DICTIONARY, min_chars: int = 3):
    """The forms of ``admin_name_forms`` of at least ``min_chars`` characters."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for form in admin_name_forms(fname):
        if len(form) >= min_chars:
            auto.add_word(form, len(form))
    if len(auto):
        auto.make_automaton()
    return auto


def admin_name_spans(text: str, fname: str = ADMIN_DICTIONARY, min_chars: int = 3) -> list[tuple[int, int]]:
    """Every occurrence of a dictionary name of at least ``min_chars`` characters, in one
    Aho-Corasick pass (the decide stage protects such spans from being read as names)."""
    auto = _admin_automaton(fname, min_chars)
    if len(auto) == 0:
        return []
    return [(end + 1 - n, end + 1) for end, n in auto.iter(text)]


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
        "admin_dictionary",
        "bare_cue_strong_levels",
    )
    CUE_SCORE = 0.85

    def __init__(self, spec, path=None):
        super().__init__(spec, path)
        o = self.options
        # Read admin names with rules/dictionaries/admin_divisions.txt; an analyzer built with
        # admin_dictionary=False (the quality evaluation) reads them with the suffix rules alone.
        self.use_dictionary = True
        self.supported_entities = [Category.ADDRESS_DETAIL.value, Category.ADDRESS_ADMIN.value]
        bare = o.get("bare_cue", "住")
        cues = [c for c in o["cues"] if c != bare]
        after = "".join(regex.escape(c) for c in o.get("bare_cue_after", []))
        not_followed = o.get("cue_not_followed_by") or []
        cue_end = f"(?!{_alt(not_followed)})" if not_followed else ""
        # The bare 住 after punctuation is a cue by itself (汉族，住…); right after a word
        # (李某住河南省…) it is one only if an administrative unit follows (see extra_results).
        self._cue_re = regex.compile(
            rf"(?:(?P<cue>{_alt(cues)})|(?:^|(?<=[{after}]))(?P<cue>{regex.escape(bare)})"
            rf"|(?P<weak>{regex.escape(bare)})){cue_end}",
            regex.MULTILINE,
        )
        self._strong_levels = set(o.get("bare_cue_strong_levels", [1, 2]))
        self._divisions = load_admin_divisions(o.get("admin_dictionary", ADMIN_DICTIONARY))
        self._division_by_first: dict[str, list[str]] = {}
        for name in sorted(self._divisions, key=len, reverse=True):
            self._division_by_first.setdefault(name[0], []).append(name)
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

    def _dictionary_unit(self, text: str, pos: int, level: int) -> tuple[int, int, bool] | None:
        """The longest dictionary name at ``pos`` standing below ``level``: (end, level, True)."""
        if not self.use_dictionary or pos >= len(text):
            return None
        for name in self._division_by_first.get(text[pos], ()):
            if text.startswith(name, pos):
                below = [lv for lv in self._divisions[name] if lv > level]
                if below:
                    return pos + len(name), min(below), True
        return None

    def _suffix_unit(self, text: str, pos: int, level: int) -> tuple[int, int, bool] | None:
        """A unit read from its suffix (…省, …市, …县): (end, level, False)."""
        m = self._exception_re.match(text, pos) if self._exception_re else None
        if m:
            suf = next((s for s in sorted(self.suffix_level, key=len, reverse=True) if m.group().endswith(s)), "县")
            name = m.group()[: -len(suf)]
        else:
            m = self._unit_re.match(text, pos)
            if not m:
                return None
            suf, name = m.group("suf"), m.group("name")
            if len(name) > self.name_max_by_suffix.get(suf, self.name_max):
                return None
        lvl = self.suffix_level[suf]
        if lvl == 0:  # 市
            if name in self.municipalities:
                lvl = 1
            else:
                lvl = 2 if level < 2 else 3
        return m.end(), lvl, False

    def _admin_units(self, text: str, pos: int) -> tuple[int, list[tuple[int, int, int, bool]]]:
        """Administrative units from ``pos``, each level lower than the one before: a name
        from the dictionary first, else one read from its suffix.
        Returns (end, [(start, end, level, from_dictionary)])."""
        level = 0
        units: list[tuple[int, int, int, bool]] = []
        while level < 3:
            unit = self._dictionary_unit(text, pos, level) or self._suffix_unit(text, pos, level)
            if unit is None or unit[1] <= level:
                break
            end, lvl, known = unit
            units.append((pos, end, lvl, known))
            level = lvl
            pos = end
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

    def _opens_clearly(self, unit: tuple[int, int, int, bool]) -> bool:
        """A province/prefecture-level unit, or a dictionary name of three characters or more
        (城区, 郊区 are county names, and words too)."""
        start, end, level, known = unit
        return level in self._strong_levels or (known and end - start >= 3)

    def parse_address(
        self, text: str, pos: int, weak_cue: bool = False
    ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """(admin span, detail span) of an address starting at ``pos``; (None, None) if none.
        After a weak cue (住 right after a word) the address must open with a known unit or
        a province/prefecture-level one (抓住他 / 记住了 are no addresses)."""
        admin_end, units = self._admin_units(text, pos)
        if weak_cue and not (units and self._opens_clearly(units[0])):
            return None, None
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
            admin, detail = self.parse_address(text, start, weak_cue=m.group("weak") is not None)
            if admin is None and detail is None:
                continue
            whole = ((admin or detail)[0], (detail or admin)[1])
            attrs = {"cue": m.group("cue") or m.group("weak"), "address_span": list(whole)}
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
