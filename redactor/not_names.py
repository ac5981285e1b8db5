"""What is never a person's name: legal and ordinary words, 《…》 titles, places, masked forms.

The decide stage asks ``NotNames.vetoes(start, end)`` for every PERSON span a model or a role
word proposed, and for every mention it would propagate a masked name to. A veto keeps the text
as the court wrote it (法发〔2018〕20号 第十七条: the scope of what is withheld is not widened).
The vocabulary and its reasons live in ``rules/dictionaries/not_names.yaml``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache


from redactor.paths import DICTIONARIES_DIR
from redactor import rules_yaml

_HAN = re.compile(r"[\u4e00-\u9fa5]")
# A form the court already anonymized (张X, 李XX, 陈XX1, XX): not a name to mask again.
_MASKED_FORM = re.compile(r"^(?:[\u4e00-\u9fa5]{1,2})?[XxＸｘ×]{1,3}\d*$")
# A lower-case Latin word (a web address, a user name: chnlawyer) and a plate's province and
# letter (鲁N) are not persons' names; a Latin name is written with capitals (John SMITH).
_LATIN_LOWER = re.compile(r"[a-z_]+")
_PLATE_PREFIX = re.compile(r"[\u4e00-\u9fa5][A-Z]")
# One capital alone (the letter of a plate, 鲁N×××××) and capitals run into a model number
# (JKYJ-1KV-50 铜芯线) are no one's name.
_LATIN_LETTER = re.compile(r"[A-Z]")
_MODEL_NUMBER_NEXT = re.compile(r"[-－][0-9A-Z]|[0-9]")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    data = rules_yaml.load_file(DICTIONARIES_DIR / "not_names.yaml")
    words = {w for group in data["words"].values() for w in group}
    # Role words are never part of a name either (检察员燕帅: no 员燕帅).
    from redactor.structure import vocabulary as roles  # structure imports nothing of this module
    r = roles()
    words |= {w for key in ("header_roles", "body_cues", "staff_roles") for w in r[key] if len(w) >= 2}
    by_first: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        by_first.setdefault(w[0], []).append(w)
    return {
        "by_first": {k: tuple(v) for k, v in by_first.items()},
        "max_len": max(map(len, words), default=0),
        "never_in_name": frozenset(data.get("never_in_name", "")),
        "never_name_start": frozenset(data.get("never_name_start", "")),
        "latin_words": frozenset(data.get("latin_words", ())),
        "place_after": frozenset(data.get("place_suffix_after", "")),
        "place_not_then": frozenset(data.get("place_suffix_not_then", "")),
        "village_after": frozenset(data.get("place_village_after", "")),
        "village_not_then": frozenset(data.get("place_village_not_then", "")),
        "place_words_after": tuple(data.get("place_words_after", ())),
        "place_words_after_not": tuple(data.get("place_words_after_not", ())),
        "place_endings": frozenset(data.get("place_endings", "")),
        "place_endings_long": frozenset(data.get("place_endings_long", "")),
        "place_ending_given_names": tuple(data.get("place_ending_given_names", ())),
        "village_after_jia": frozenset(data.get("village_after_jia", "")),
        "stem_units": frozenset(data.get("place_stem_units", "")),
        "brand": re.compile(data["brand_after"]),
        "stem_not_after": frozenset(data.get("place_stem_not_after", "")),
        "unit_openers": frozenset(data.get("unit_never_opens_a_name", "")),
        "stem_title_ends": frozenset(data.get("place_stem_title_ends", "")),
        "numerals": frozenset(data.get("numerals", "")),
        "measure_words": frozenset(data.get("measure_words", "")),
        "conjunctions": frozenset(data.get("leading_conjunctions", "")),
        "edge_punct": frozenset(data.get("edge_punctuation", "")),
        "trade_run_breaks": frozenset(data.get("org_run_breaks", "") + data.get("trade_name_run_breaks", "")),
        "org_run": re.compile(
            "[^，,。；;：:、（()）“”\"\\s" + re.escape(data.get("org_run_breaks", "")) + "]{0,%d}?%s"
            % (int(data.get("org_run_max", 12)), data["org_tail"])),
        "org_run_break_words": tuple(data.get("org_run_break_words", ())),
        "trade_run": re.compile(
            "[\u4e00-\u9fa5]{0,%d}?%s" % (int(data.get("trade_name_run_max", 2)), data["trade_name_tail"])),
        "title": re.compile(data["title"]),
        "ambiguous_surnames": frozenset(r["name_shape"]["ambiguous_surnames"]),
        "model_word_surname_not": frozenset(data.get("model_word_surname_not", "")),
        "list_marks": frozenset(data.get("list_marks", "")),
        "admin_unit_before": frozenset(data.get("admin_unit_before", "")),
        "road_endings": frozenset(data.get("road_endings", "")),
        "township_after": frozenset(data.get("township_after", "")),
        "nickname_quotes": frozenset(data.get("nickname_quotes", "")),
        "nickname_starts": frozenset(data.get("nickname_starts", "")),
        "nickname_ends": frozenset(data.get("nickname_ends", "")),
        # words jieba tags as names that are makes and things (雅阁, 戴尔, 叶子): model words too
        "nr_words": frozenset(w for group in data.get("words_tagged_as_names", {}).values() for w in group),
        "common_word_min_frequency": int(data.get("common_word_min_frequency", 100)),
    }


@lru_cache(maxsize=None)
def _not_name_words(first: str) -> frozenset[str]:
    from redactor import jieba_words

    words = jieba_words.load()
    return frozenset(words.not_nr_by_first.get(first, ())) if words is not None else frozenset()


def _is_dictionary_word(value: str) -> bool:
    from redactor.structure import dictionary_words  # structure imports nothing of this module
    return value in dictionary_words()


def is_model_word(value: str) -> bool:
    """A word of two to four characters that the jieba dictionary knows as something other
    than a name (车辆, 石头, 妇女, 黄金, 左右; not 高明 or 周全, which it tags nr), or one it tags
    as a name that is a make or a thing (``words_tagged_as_names`` in not_names.yaml: 雅阁, 戴尔). A model reading
    one of them as a person with no role word before it (``vetoes`` asks ``cue_role_before``) is
    reading a word: after 被害人, 其妻 or in a role's list (被害人宝音, 证人张某、边巴) it stays a name,
    and the propagation of a name found elsewhere still masks every other mention.
    (Sets per first character, built when first asked: the whole dictionary's would cost every
    worker a quarter of a second at start.) Without jieba the veto only narrows nothing."""
    return 2 <= len(value) <= 4 and (value in _not_name_words(value[0]) or value in vocabulary()["nr_words"])


def _segmented_word_ends_at(text: str, pos: int) -> bool:
    """jieba's segmentation (no HMM) of the text around ``pos`` has a word of two characters or
    more ending right at ``pos`` (镇长|王村; not 村委|长田村, 多久|长田村, where 长 opens the place).
    Without jieba: True, the cautious answer for the callers (a title may end there)."""
    from redactor import jieba_words

    words = jieba_words.load()
    if words is None:
        return True
    a = max(0, pos - 6)
    at = a
    for tok in words.lcut_no_hmm(text[a:pos + 3]):
        at += len(tok)
        if at == pos:
            return len(tok) >= 2
        if at > pos:
            return False
    return False


def is_common_word(value: str) -> bool:
    """A model word (``is_model_word``) that jieba counts often (``common_word_min_frequency`` in
    not_names.yaml: 车辆 1912, 安全 9921; not 宝音 4 or 达来 6, names of one element that jieba
    also knows as rare words)."""
    if not is_model_word(value):
        return False
    from redactor import jieba_words

    words = jieba_words.load()
    return words is not None and words.freq.get(value, 0) >= vocabulary()["common_word_min_frequency"]


class NotNames:
    """The vetoes for one document's text (titles found once; words looked up per span)."""

    def __init__(self, text: str):
        v = vocabulary()
        self.text = text
        self._v = v
        self.titles = [(m.start(), m.end()) for m in v["title"].finditer(text)]
        self._title_starts = [a for a, _ in self.titles]

    def in_title(self, start: int, end: int) -> bool:
        """The span overlaps a 《…》 title."""
        i = bisect.bisect_right(self._title_starts, end - 1) - 1
        # titles do not nest or overlap: only the last one starting before ``end`` can overlap
        return i >= 0 and self.titles[i][1] > start

    def word_over(self, pos: int) -> str | None:
        """A dictionary word in the text covering character ``pos``, if any."""
        hit = self._word_over(pos)
        return hit[0] if hit else None

    def _word_over(self, pos: int) -> tuple[str, int] | None:
        text, by_first = self.text, self._v["by_first"]
        for p in range(pos, max(-1, pos - self._v["max_len"]), -1):
            for w in by_first.get(text[p:p + 1], ()):
                if p + len(w) > pos and text.startswith(w, p):
                    return w, p
        return None

    def _word_vetoes(self, start: int, end: int) -> bool:
        """A word over the span's first character vetoes it, except a word that only ends on
        it, where that character is a surname that is also a function word and the rest reads
        as a name (在于|永辉的协助下: 于永辉 is a person; 非法|收购 is no 法收购)."""
        hit = self._word_over(start)
        if not hit:
            return False
        word, at = hit
        if at == start and self._kin_word_as_surname(word, start, end):
            return False
        if at < start and at + len(word) == start + 1 and self.text[start] in self._v["ambiguous_surnames"]:
            from redactor.structure import name_at  # structure imports nothing of this module
            return name_at(self.text, start, strict=False) != end
        return True

    def _kin_word_as_surname(self, word: str, start: int, end: int) -> bool:
        """孙子 or 孙女 opening a name right after a role word (证人孙子萍出庭, 被害人孙子华放在):
        a role word names the person itself, so there 孙 is the surname (one of the commonest)
        when one given character follows the kinship word and the sentence goes on after it
        as after a name. 被害人孙子由其照顾 (the victim's grandson) and 证人孙女王某 stay words."""
        from redactor.name_forms import name_ends_at  # (name_forms imports structure, as this does)
        from redactor.structure import cue_role_before, surnames  # structure imports nothing of this module
        from redactor.structure import vocabulary as roles

        return (end - start == len(word) + 1 and roles()["body_cues"].get(word) == "relative"
                and word[0] in surnames()[0] and self.text[end:end + 1] != "某"
                and name_ends_at(self.text, end)
                and cue_role_before(self.text, start) is not None)

    def is_place(self, start: int, end: int) -> bool:
        """兴宁 before 市, 曲沃 before 县 (but not 王伟 before 市民); 南宫市 read as a name."""
        v, text = self._v, self.text
        last = text[end - 1:end]
        # 李红旗停放在路边: 红旗 is a given name, not a banner
        given_like_place = end - start >= 3 and text[start:end].endswith(v["place_ending_given_names"])
        if not given_like_place and (last in v["place_endings"] or (end - start >= 3 and last in v["place_endings_long"])):
            return True
        nxt = text[end:end + 1]
        if start > 0 and text[start - 1] in v["admin_unit_before"] and (
                (end - start >= 3 and last in v["road_endings"])
                or (nxt and nxt in v["road_endings"] and not _is_dictionary_word(text[end:end + 2]))
                or (_HAN.match(nxt or " ") and text[end + 1:end + 2] in v["township_after"])):
            return True  # 闵行区[黄桦路], 樊城区[松鹤]路, 资阳区[张家]塞乡 (not 海淀区李明|路过)
        if last == "家" and nxt and (nxt in v["village_after_jia"]
                                     or (_HAN.match(nxt) and text[end + 1:end + 2] in v["township_after"])):
            return True  # 赵家岔村, 王家湾; 茈湖口镇、[张家]塞乡 (a township named X家Y乡) anywhere
        then = text[end + 1:end + 2]
        if nxt and nxt in v["village_after"] and then not in v["village_not_then"]:
            return True  # 李安庄村烂石洼, 杨湾村村民 (but 张三村里)
        if (v["place_words_after"] and text.startswith(v["place_words_after"], end)
                and not (v["place_words_after_not"] and text.startswith(v["place_words_after_not"], end))):
            return True  # 王家湾社区书记
        return bool(nxt) and nxt in v["place_after"] and then not in v["place_not_then"]

    def is_place_tail(self, start: int, end: int) -> bool:
        """A two-character span ending in a settlement's unit that continues the word before it
        is the end of a longer place name (九|龙镇, 陈|家镇, 官|庄村, 万|家岭, 村委长|田村): unless what
        stands before it introduces a person (给王镇, 和庄村…) or ends a kin word or a title (其妻田村,
        镇长王村; 长 of 村委长 ends no title: 委长 is no word)."""
        v, text = self._v, self.text
        if end - start != 2 or start == 0 or text[end - 1] not in v["stem_units"]:
            return False
        before = text[start - 1]
        if not _HAN.match(before) or before in v["stem_not_after"]:
            return False
        if before in v["stem_title_ends"] and _segmented_word_ends_at(text, start):
            return False  # 镇长|王村 (a title), but 那潭村委|长田村, 没过多久|长田村
        from redactor.structure import cue_role_before  # structure imports nothing of this module
        return cue_role_before(self.text, start) is None

    def trim(self, start: int, end: int, surnames: frozenset[str]) -> tuple[int, int]:
        """The span without what a guess drew in at its edges: punctuation and quotation marks
        (“小伟 -> 小伟), a conjunction before a surname (和李卫 -> 李卫: the name keeps its own
        surname, not 和某), a place's unit glued to the place before it (固始县|仁济 -> 仁), the
        start of a word running past its end (於悦用于 -> 於悦)."""
        v, text = self._v, self.text
        while start < end and text[start] in v["edge_punct"]:
            start += 1
        while end > start and text[end - 1] in v["edge_punct"]:
            end -= 1
        if end - start >= 3 and text[start] in v["conjunctions"] and text[start + 1] in surnames:
            start += 1
        # a place's unit opening the span ends the place before it (固始[县仁]济大药房,
        # 锦江[镇团]结村, 贵屯[村伟伟]: 仁 and 团 are then too short for a name, 伟伟 stays one)
        if end - start >= 2 and start > 0 and text[start] in v["unit_openers"] and _HAN.match(text[start - 1]):
            start += 1
        # a word that starts inside the span and runs past its end ends the name before it
        # (被告人於悦用于个人消费: 於悦, not 於悦用)
        for p in range(start + 2, end):
            if any(p + len(w) > end and text.startswith(w, p) for w in v["by_first"].get(text[p], ())):
                return start, p
        return start, end

    def starts_org_name(self, end: int) -> bool:
        """The span runs on into an organisation's name (迅宝 in 深圳迅宝投资发展有限责任公司)."""
        m = self._v["org_run"].match(self.text, end)
        return bool(m) and not any(w in m.group(0) for w in self._v["org_run_break_words"])

    def starts_trade_name(self, end: int) -> bool:
        """What follows ``end`` is, within a word or two, the kind of business a trade name
        names (吉庆|茶楼, 马山|商务宾馆, 众鑫|砖厂, 武冈|大酒店): the text before it is the trade name."""
        m = self._v["trade_run"].match(self.text, end)
        return bool(m) and not any(ch in self._v["trade_run_breaks"] for ch in m.group(0))

    def vetoes(self, start: int, end: int, model: bool = False, model_after_cue: bool = False) -> str | None:
        """Why ``text[start:end]`` is not a person's name, or None when it may be one.
        ``model``: a model's guess, not a role word's: it may also be the start of an
        organisation's name. ``model_after_cue``: a model's guess right after a role word:
        only the start of a longer word vetoes it (被告人[安全]事故)."""
        text = self.text
        value = text[start:end]
        if _LATIN_LOWER.fullmatch(value) or _PLATE_PREFIX.fullmatch(value):
            return "not_a_name"  # chnlawyer of a web address; 鲁N of a plate
        if _LATIN_LETTER.fullmatch(value) or (
                value.isascii() and value.isupper() and _MODEL_NUMBER_NEXT.match(text, end)):
            return "not_a_name"  # 鲁[N]×××××; [JKYJ]-1KV-50
        if value in self._v["latin_words"]:
            return "not_a_name"  # 法庭科学[DNA]鉴定书
        if model and any(ch in self._v["list_marks"] for ch in value):
            return "not_a_name"  # [9．]周英成证言, [⑵杨]某1供述
        if not _HAN.match(value) and not _MASKED_FORM.match(value):
            return None  # other Latin-script names are not this dictionary's business
        if self.in_title(start, end):
            return "title"
        if _MASKED_FORM.match(value):
            return "already_anonymized"
        if text[end:end + 1] == "某":
            return "already_anonymized"  # 欧阳 of 欧阳某甲: the court masked this name already
        if any(ch in self._v["never_in_name"] for ch in value):
            return "pronoun"
        if value[0] in self._v["never_name_start"]:
            return "word"
        if self._word_vetoes(start, end):
            return "word"
        if start > 0 and text[start - 1] in self._v["numerals"] and value[0] in self._v["measure_words"]:
            return "measure_word"
        if self._v["brand"].match(text, end):
            return "brand"  # [雅马哈]牌摩托车, 24K金“[老凤祥]”牌
        if self.is_place(start, end):
            return "place"
        if model and self.is_place_tail(start, end):
            return "place"
        if model and self.starts_org_name(end):
            return "organisation"
        if self.is_quoted_nickname(start, end):
            return "nickname"
        if model and self.reads_a_word(start, end):
            return "word"
        if model_after_cue and self.inside_a_longer_word(start, end, before=False):
            return "word"  # 被告人[安全]事故调查报告: a model's reading after a role word that starts a longer word
        return None

    def reads_a_word(self, start: int, end: int, cuts: bool = True) -> bool:
        """A model's PERSON span that reads a word of the dictionary: the word itself where no
        grammar says a person (``model_read_a_word``), the start of a longer word (清水驿[乡政]府,
        劳动[安全]事故罪), or the end of one word plus the next (一[车黄沙], 人[寿保险]). Asked too
        at every other mention of a name that no role or header line supports, before the
        name is propagated there, without the tests that look before the span (``cuts``): a
        name the model read whole elsewhere may follow a character that makes a word with its
        surname (后|赵美丽, 继承人|丁爱国: 后赵, 人丁)."""
        text = self.text
        value = text[start:end]
        if is_model_word(value) and self.model_read_a_word(start, end):
            return True
        if self.inside_a_longer_word(start, end, before=cuts):
            return True
        return cuts and self.cuts_a_word_at_start(start, end)

    def inside_a_longer_word(self, start: int, end: int, before: bool = True) -> bool:
        """A dictionary word of three or four characters (not a name) covers the span and runs
        past it: 清水驿[乡政]府, 劳动[安全]事故罪 (after it), 瓜[子皮], 阿弥[陀佛], 大[韩民]国 (around
        it; ``before``: not asked where a name the model read whole elsewhere is propagated)."""
        text = self.text
        for a in ((start - 2, start - 1, start) if before else (start,)):
            for b in (end, end + 1, end + 2):
                if a < 0 or b > len(text) or (a, b) == (start, end) or not 3 <= b - a <= 4:
                    continue
                if is_model_word(text[a:b]):
                    return True
        return False

    def is_quoted_nickname(self, start: int, end: int) -> bool:
        """“光头哥”, “阿城”, “小胖”: the whole of a quotation, shaped like a nickname."""
        v, text = self._v, self.text
        if start == 0 or end >= len(text) or end - start < 2:
            return False
        if text[start - 1] not in v["nickname_quotes"] or text[end] not in v["nickname_quotes"]:
            return False
        value = text[start:end]
        return value[0] in v["nickname_starts"] or value[-1] in v["nickname_ends"]

    def cuts_a_word_at_start(self, start: int, end: int) -> bool:
        """The span is the end of one word and the whole of the next: the character before
        ``start`` and the first one make a word that is no name (一车, 人寿, 轿车) and the rest of
        the span is a word too (黄沙, 保险, 一辆), with no role word or function word before it
        (被害人之女王芳, 和平小燕). Both halves, because the first alone also cuts names: 组长|安曦,
        供应商|汤立军, 通过|季妍, 离开后|赵芮斌 (长安, 商汤, 过季, 后赵 are words)."""
        text = self.text
        if start == 0 or end - start < 3 or text[start - 1] in self._v["model_word_surname_not"]:
            return False
        if not (is_model_word(text[start - 1:start + 1]) and is_model_word(text[start + 1:end])):
            return False
        from redactor.structure import cue_role_before
        return cue_role_before(text, start) is None

    def model_read_a_word(self, start: int, end: int) -> bool:
        """A model's PERSON span that is a dictionary word (``is_model_word``) is a word unless
        the grammar around it says a person: a role word or a role's list before it (被害人宝音,
        其妻顿珠, 证人张某、论[海峰]), a surname before it that ends no word (从郭[树林], 同钱[跃进]:
        the model read the given name), or a doubled character (昌昌 of 朱昌昌, 东东: a given
        name's or a pet name's shape)."""
        text = self.text
        if text[start] == text[start + 1]:
            return False
        from redactor.structure import cue_role_before, dictionary_words, surnames
        if cue_role_before(text, start) is not None:
            return False
        if start == 0:
            return True
        if cue_role_before(text, start - 1) is not None:
            return False
        before = text[start - 1]
        if (before in surnames()[0] and before not in self._v["model_word_surname_not"]
                and (start < 2 or text[start - 2:start] not in dictionary_words())):
            return False  # (对方[车辆]: 对方 is a word, so 方 is no surname there)
        return True
