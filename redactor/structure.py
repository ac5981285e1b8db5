"""Read a judgment like a clerk: document kind, case number, cause, parties and court staff.

Who a name belongs to decides what happens to it (Arts. 8, 11), so the structure parser
is the recognizer that knows roles. It reads the party header line by line
(``原告：张伟，男，1985年3月12日出生，汉族，住…``), the signature block
(``审判长 李明``) and role cue words in the body (``被害人王某``), and returns a
``JudgmentStructure`` with every person it could place.

The vocabulary (role labels, cue words, organisation suffixes) lives in
``rules/dictionaries/roles.yaml``.

Why one module of this length: the header, the signature block and the body cues are read
by one grammar of names (where a name starts and ends after a role word, in a list, before a
verb), and each reading checks the others (a cue's name is the header's party, a signature
line is never a party). Split apart, each part would import the others' internals; the
sections below follow the reading order instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache


from redactor.paths import DICTIONARIES_DIR
from redactor import jieba_words, rules_yaml

CASE_TYPES = {"刑": "criminal", "民": "civil", "行": "administrative", "执": "enforcement", "赔": "compensation"}
DOCUMENT_KINDS = ("判决书", "裁定书", "调解书", "决定书", "通知书", "支付令")

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

CASE_NUMBER_RE = re.compile(
    r"[（(〔\[]\s*(?P<year>(?:19|20)\d{2})\s*[）)〕\]]\s*"
    r"(?P<court>[\u4e00-\u9fa5]{0,4}\d{0,6}[\u4e00-\u9fa5]{0,4}?)"
    r"(?P<type>刑|民|行|执|赔|司救|委赔|法赔|财保|破|清|强清|认|调|诉前调)"
    r"(?P<rest>[\u4e00-\u9fa5]{0,6}?)(?:字第)?\s*(?P<num>\d{1,6})\s*(?:-\d+\s*)?号"
)


# The first line of the body: after it, a role label starts a sentence, not a header line.
_HEADER_END = re.compile(r"一案|本院于|审理终结|经审理|提起公诉|提起诉讼|向本院起诉|诉讼请求")
# A header "name" that is a case title (张三与李四…纠纷一案) or a list joined by a word. A joining
# character inside a name of at most four characters is the name's own (王和平, 孟和, 呼和).
_NOT_A_NAME = re.compile(r"[与诉及和]|纠纷|一案")
_TITLE_WORD = re.compile(r"纠纷|一案")


def _case_title(name: str) -> bool:
    if len(name) <= 4 or _minority_elements_end(name, 0) == len(name):
        return bool(_TITLE_WORD.search(name))
    return bool(_NOT_A_NAME.search(name))


@dataclass
class Person:
    """A person (or organisation) the header or signature block names."""

    name: str
    role: str  # canonical role: party, criminal_defendant, victim, lawyer, judge, ...
    role_label: str  # as written: 原告, 上诉人（原审被告）, 审判长 ...
    is_org: bool = False
    birth_date: date | None = None
    represents: str | None = None  # for agents and legal representatives: whom they act for
    line: int | None = None  # header line index

    def age_on(self, day: date | None) -> int | None:
        if not (self.birth_date and day):
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


@dataclass
class NameSpan:
    """Where the parser saw a name: ``text[start:end]``, with the role it implies."""

    start: int
    end: int
    name: str
    role: str
    is_org: bool = False
    # read as a member of a list a person cue opens (closed by 、: 王建晓、刘国会、张宝泉; or
    # the last one after a name): a name even where it ends like an organisation (会, 社, 行)
    listed: bool = False


@dataclass
class JudgmentStructure:
    document_kind: str | None = None  # 判决书, 裁定书, 调解书 ...
    title: str | None = None
    court: str | None = None
    case_number: str | None = None
    case_type: str | None = None  # civil, criminal, administrative, enforcement, compensation
    instance: str | None = None  # first, second, retrial
    cause: str | None = None
    judgment_date: date | None = None
    people: dict[str, Person] = field(default_factory=dict)  # from the header and the signature block
    cue_roles: dict[str, str] = field(default_factory=dict)  # names placed only by body cues
    name_spans: list[NameSpan] = field(default_factory=list)

    def role_of(self, name: str) -> str | None:
        """The header or signature block's role for ``name``, else the body cue's."""
        p = self.people.get(name)
        if p:
            return p.role
        return self.cue_roles.get(name)

    def minors(self) -> list[Person]:
        out = []
        for p in self.people.values():
            age = p.age_on(self.judgment_date)
            if age is not None and age < 18:
                out.append(p)
        return out


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return rules_yaml.load_file(DICTIONARIES_DIR / "roles.yaml")


@lru_cache(maxsize=1)
def _compiled() -> dict:
    v = vocabulary()
    labels = sorted(v["header_roles"], key=len, reverse=True)
    label_alt = "|".join(re.escape(x) for x in labels)
    # An agent's line may first say whose agent it is (上述六附带民事诉讼原告人的委托诉讼代理人：,
    # 被害人耿某1的诉讼代理人, 以上五原告人诉讼代理人) and hold two labels (辩护人暨诉讼代理人).
    agent_alt = "|".join(re.escape(x) for x in labels if v["header_roles"][x] in ("agent_or_lawyer", "statutory_agent"))
    header = re.compile(
        rf"^[ \t　]*(?:(?:[^，,。；;：:\s]{{1,40}}?的|(?:以上|上述|上列)[^，,。；;：:\s]{{0,30}}?)(?:共同)?(?=(?:{agent_alt}))"
        rf"|[\u4e00-\u9fa5、]{{0,8}}?共同)?(?P<label>(?:原审|一审|二审)?(?:{label_alt}))(?:暨(?:{agent_alt}))?"
        r"(?P<paren>[（(][^）)\n]{0,30}[）)])?[ \t　]*[：:]?[ \t　]*"
        r"(?P<name>[^，,。；;：:（(\s、]{1,60})(?=[，,。；;（(\s]|$)"
    )
    staff_labels = sorted(v["staff_roles"], key=len, reverse=True)
    staff_alt = "|".join(r"[ \t　]*".join(re.escape(ch) for ch in x) for x in staff_labels)
    staff = re.compile(
        rf"^[ \t　]*(?P<label>{staff_alt})[ \t　]*[：:]?[ \t　]*(?P<name>[\u4e00-\u9fa5·][\u4e00-\u9fa5· 　]{{0,12}}?)[ \t　]*$"
    )
    cue_alt = "|".join(re.escape(x) for x in sorted(v["body_cues"], key=len, reverse=True))
    org_suffix = re.compile("(?:" + "|".join(re.escape(x) for x in v["org_suffixes"]) + r")(?:[（(][^）)]*[）)])?$")
    # Body cues: every header label and every body cue word, longest first, then a name.
    body_roles = {**{k: k for k in v["header_roles"]}, **{k: k for k in v["body_cues"]}}
    body_alt = "|".join(re.escape(x) for x in sorted(body_roles, key=len, reverse=True))
    return {"header": header, "staff": staff, "cue": re.compile(rf"(?:{cue_alt})"), "org_suffix": org_suffix,
            # no optional 原审/一审 in front: only the cue and the match's end are used, and
            # an optional group first keeps the engine from skipping to candidate characters (10x)
            "body_cue": re.compile(rf"(?P<cue>{body_alt})(?:[（(][^）)\n]{{0,12}}[）)])?(?:[：:]|为|是)?"),
            "cue_before": re.compile(rf"(?P<cue>{body_alt})(?:[（(][^）)\n]{{0,12}}[）)])?(?:[：:]|为|是)?$"),
            "role_prefix": re.compile(rf"(?:原审|一审|二审)?(?:{body_alt})"),
            "after_cue": re.compile("(?P<cue>" + "|".join(re.escape(x) for x in sorted(v["after_cues"], key=len, reverse=True)) + ")"),
            "list_run": re.compile(r"(?:[^\s、，,。；;：:（()）“”]{2,14}、)+[^\s、，,。；;：:（()）“”]{2,14}")}


def _dictionary_entries(fname: str) -> list[str]:
    return [w for ln in (DICTIONARIES_DIR / fname).read_text(encoding="utf-8").splitlines()
            if not ln.startswith("#") for w in ln.split()]


@lru_cache(maxsize=1)
def word_surnames() -> frozenset[str]:
    """Surnames that are also common words (roles.yaml ``cue_surnames``: 代, 保, 开, 阿): they
    open a name only right after a person cue (``_unlisted_surname_end``), and a model's given
    name right after a cue takes one (``name_forms.take_the_surname_before``)."""
    return frozenset(vocabulary()["name_shape"]["cue_surnames"])


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames) from rules/dictionaries/; the Japanese
    surnames of foreign_surnames.txt are read as compound ones."""
    single, compound = set(), set()
    for fname in ("surnames.txt", "compound_surnames.txt", "foreign_surnames.txt"):
        for w in _dictionary_entries(fname):
            (single if len(w) == 1 else compound).add(w)
    return frozenset(single), frozenset(compound)


@lru_cache(maxsize=1)
def foreign_surnames() -> frozenset[str]:
    """Japanese surnames (foreign_surnames.txt): a name starts with one even where the
    surname is a dictionary word (松本明美)."""
    return frozenset(_dictionary_entries("foreign_surnames.txt"))


# The dots inside a minority or transliterated name (阿不都热合曼·买买提): part of the name. The one
# list of them: name_forms, anonymize and the LAC backend read it from here.
NAME_DOTS = "·•．・"
_DOTTED_NAME = re.compile(rf"[\u4e00-\u9fa5]{{1,10}}(?:[{NAME_DOTS}][\u4e00-\u9fa5]{{1,10}}){{1,3}}")
# A make in Latin letters after a name (被害人常民主OPPOA37手机); not a published X (儿子王二X).
_LATIN_MAKE = re.compile(r"[A-Za-z]{2}")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,3}")


def name_at(text: str, pos: int, strict: bool = True, person_cue: bool = False) -> int | None:
    """End of a person's name starting at ``pos`` (after a cue word), or None.

    A Han name is a dictionary surname (compound first) and one or two given-name
    characters, and must be followed by what follows a name in a sentence (punctuation,
    与/和/的/系/在/向..., 家中); the longest such reading wins, so 被告人李强窜至 is not
    李强窜. Dotted minority/transliterated names and Latin-script names are taken whole.
    ``strict=False``: the caller knows where the name ends (a cue follows it: 时晓然的证言),
    so a surname that is also a common word (时, 那, 向) needs no punctuation after the name.
    ``person_cue``: the cue before is one that only a person follows (被害人, 被告人, not
    被告, which 方 may follow): a surname that is also a word may end before one character
    that follows a name (被害人平星星的挎包).
    """
    v = vocabulary()["name_shape"]
    m = _DOTTED_NAME.match(text, pos)
    if m and _compiled()["role_prefix"].match(text, pos):
        m = None  # 被告巴合提亚尔·巴合提亚尔: the role word is not part of the name
    if m and strict:
        first_dot = min(i for i in (text.find(d, pos, m.end()) for d in NAME_DOTS) if i >= 0)
        not_in_dotted = _bare_grammar()["not_in_dotted"]
        if any(follows_name(text, p) >= 2 or text[p] in "与和及" for p in range(pos + 2, first_dot)) \
                or any(ch in not_in_dotted for ch in text[pos:first_dot]) \
                or _compiled()["role_prefix"].search(text, pos + 1, first_dot):
            # 郝小强伙同奥尔加·彼得罗娃, 樊芃与伊琳娜·索科洛娃: two names, the first one Han;
            # 被告孙瑶及其委托诉讼代理人艾力·吾守尔: a role word inside is no name's part (read
            # whole, the lawyer went into the party's span and the published text said 及其某).
            m = None
    if m:
        end = m.end()
        if strict:
            # 伊琳娜·索科洛娃在当阳市…: the last part ends where the sentence goes on.
            last = max(text.rfind(d, m.start(), end) for d in NAME_DOTS) + 1
            for p in range(last + 2, end):
                if follows_name(text, p) >= 2 or text[p] in v["dotted_trailing"]:
                    return p
        # 阿不都热合曼·买买提称… : the sentence goes on after the name.
        while end - m.start() > 3 and text[end - 1] in v["dotted_trailing"] and text[end - 2] not in NAME_DOTS:
            end -= 1
        return end
    m = _LATIN_NAME.match(text, pos)
    if m:
        return m.end()
    single, compound = surnames()
    foreign = foreign_surnames()
    follow, not_given = v["follow"], v["not_in_given_name"]
    g = _grammar()
    heads = []
    if text[pos:pos + 2] in compound:
        heads.append(pos + 2)
    if text[pos:pos + 1] in single:
        heads.append(pos + 1)
    # Every reading (surname, one or two given characters) is weighed by what follows it:
    # punctuation (3), a fact-text word or a date (2), one character that may follow a name
    # (1). The strongest wins, the longest among equals: 被告人李强窜至 is 李强 (窜至), not 李强窜.
    best, best_end = 0, None
    for head in heads:
        surname = text[pos:head]
        strict_follow = strict and surname in v["ambiguous_surnames"]
        for glen in (2, 1):
            end = head + glen
            given = text[head:end]
            if len(given) < glen or not all("\u4e00" <= ch <= "\u9fa5" for ch in given):
                continue
            soft = [ch for ch in given if ch in not_given and not (surname in foreign and ch in v["japanese_given"])]
            if soft and not (all(ch in g["soft_given"] for ch in soft) and (
                    not strict or text[end:end + 1] in v["punctuation"]
                    or follows_name(text, end) >= (2 if surname in v["ambiguous_surnames"] else 1))):
                continue  # 未 and 方 are words, but 应未来于2018年 and 何方在 are names
            if text[pos:end] in v["not_names"] or text[pos:end] in g["not_names_in_facts"] \
                    or (text[pos:pos + 2] in g["not_names_in_facts"] and not (
                        person_cue and glen == 2 and surname not in v["ambiguous_surnames"]
                        and follows_name(text, end) >= 1 and word_aligned(text, pos, end))):
                continue  # 全部, 向南跑; but 被告人黄金友至 (黄金|友|至: the segmenter keeps the name whole)
            nxt = text[end:end + 1]
            weak_given = any(ch in v["given_needs_punctuation"] for ch in given) and not (
                person_cue and glen == 2 and given[0] not in v["month_before"] and follows_name(text, end) >= 1)
            # 被告人颜珩月在其家中: after a person cue a month character ends a given name of two
            # characters where a fact-text word follows (not 上月, 同月, 三月: month_before)
            if nxt == "" or nxt in v["punctuation"]:
                strength = 3
            elif not strict_follow and not weak_given and nxt in follow:
                strength = 2 if follows_name(text, end) >= 2 else 1
            elif strict and not weak_given:
                # What follows a person in fact text (归案, 窜至, 在, a date) ends the name even
                # after a surname that is also a word (被告人车欢在…, 被告人应未来于2018年…).
                word = follows_name(text, end)
                if person_cue and (nxt.isdigit() or _LATIN_MAKE.match(text, end)):
                    word = 2  # 赔偿被害人陈婕15000元, 盗走被害人常民主OPPO手机: an amount or a make ends the name
                strength = 2 if word >= 2 else 1 if (word == 1 and person_cue and surname not in g["preposition_surnames"]) else 0
            else:
                strength = 0
            if strength > best:
                best, best_end = strength, end
    if best_end is not None:
        return best_end
    return _minority_name_end(text, pos, v, person_cue)


@lru_cache(maxsize=1)
def _grammar() -> dict:
    """The fact-text grammar of rules/dictionaries/roles.yaml, compiled once."""
    v = vocabulary()["name_shape"]
    words = sorted(v["follow_words"], key=len, reverse=True)
    return {"follow_words": re.compile("|".join(re.escape(w) for w in words)),
            "follow_date": re.compile(v["follow_date"].lstrip("^")),
            "follow_not_after": dict(v["follow_not_after"]),
            "follow_patterns": re.compile("|".join(f"(?:{x})" for x in v["follow_patterns"])),
            "preposition_surnames": frozenset(v["preposition_surnames"]),
            "soft_given": frozenset(v["soft_given_name"]),
            "not_in_org_name": re.compile("|".join(re.escape(w) for w in vocabulary()["not_in_org_name"])),
            "count_tail": re.compile(vocabulary()["count_not_org"]),
            "not_names_in_facts": frozenset(v["not_names_in_facts"])}


def follows_name(text: str, end: int) -> int:
    """Length of the fact-text word at ``end`` that follows a person's name (归案, 窜至, 在,
    于2018年 and 系 count as 2), or 0."""
    g = _grammar()
    if g["follow_date"].match(text, end) or text.startswith("系", end):
        return 2
    if g["follow_patterns"].match(text, end) and text[end - 1:end + 1] not in dictionary_words():
        return 2  # 赖发财住大理…; not 马镕租|住的本市… (租住 is a word: the name ends before 租)
    m = g["follow_words"].match(text, end)
    if m and text[end - 1:end] in g["follow_not_after"].get(m.group(0), ""):
        return 0  # 上诉人金剑上诉称: 诉称 after 上 is the word 上诉称, the name ended before 上
    return len(m.group(0)) if m else 0


@lru_cache(maxsize=1)
def minority_name_elements() -> dict[str, tuple[str, ...]]:
    """Elements by first character, longest first (name_at asks at every cue: keep it O(1))."""
    words: set[str] = set()
    for ln in (DICTIONARIES_DIR / "minority_name_elements.txt").read_text(encoding="utf-8").splitlines():
        if not ln.startswith("#"):
            words.update(ln.split())
    by_first: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        by_first.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in by_first.items()}


def _minority_elements_end(text: str, pos: int) -> int | None:
    """End of the minority-name elements at ``pos`` (two or more, or one of three characters
    or more), whatever follows them."""
    by_first = minority_name_elements()
    end, count = pos, 0
    while count < 4:
        step = next((len(e) for e in by_first.get(text[end:end + 1], ()) if text.startswith(e, end)), 0)
        if not step:
            break
        end, count = end + step, count + 1
    return end if count >= 2 or (count == 1 and end - pos >= 3) else None


def _one_minority_element(name: str) -> bool:
    """``name`` is one minority-name element of two characters or more (达来, 那仁, 宝音)."""
    return len(name) >= 2 and name in minority_name_elements().get(name[:1], ())


def _minority_name_end(text: str, pos: int, v: dict, person_cue: bool = False) -> int | None:
    """扎西旺堆, 达瓦巴桑: two or more minority-name elements, then what follows a name.
    ``person_cue``: after a cue only a person follows, one element of two characters is a
    whole name (被告人达来窜至…, 民警那仁带领…, 被害人达来5450元) where a word that follows a name,
    punctuation or an amount comes next: Mongolian and Tibetan names are often one element."""
    by_first = minority_name_elements()
    if text[pos:pos + 1] not in by_first:
        return None
    end, count = pos, 0
    while count < 4:
        step = next((len(e) for e in by_first.get(text[end:end + 1], ()) if text.startswith(e, end)), 0)
        if not step:
            break
        end += step
        count += 1
    nxt = text[end:end + 1]
    if count < 2:
        # 巴特尔, 敖其尔: one element of three characters or more, where the sentence says a
        # name ends (被告人敖其尔至…)
        if count == 1 and end - pos >= 3 and (nxt == "" or nxt in v["punctuation"] or follows_name(text, end)):
            return end
        if count == 1 and person_cue and (nxt == "" or nxt in v["punctuation"] or nxt.isdigit()
                                          or follows_name(text, end)):
            return end
        return None
    return end if (nxt == "" or nxt in v["punctuation"] or nxt in v["follow"]) else None


def is_organisation(name: str) -> bool:
    return bool(_compiled()["org_suffix"].search(name))


def parse_chinese_date(s: str) -> date | None:
    """``二〇二三年五月六日`` or ``2023年5月6日`` -> date."""
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = re.search(r"([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日", s)
    if not m:
        return None
    year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))

    def small(x: str) -> int:
        if x == "十":
            return 10
        if x.startswith("十"):
            return 10 + _CN_DIGITS[x[1]]
        if x.endswith("十"):
            return _CN_DIGITS[x[0]] * 10
        if "十" in x:
            return _CN_DIGITS[x[0]] * 10 + _CN_DIGITS[x[2]]
        return _CN_DIGITS[x]

    try:
        return date(year, small(m.group(2)), small(m.group(3)))
    except (ValueError, KeyError):
        return None


def _canonical_role(label: str, rest_of_line: str) -> str:
    v = vocabulary()
    core = re.sub(r"^(原审|一审|二审)", "", label)
    role = v["header_roles"].get(core) or v["header_roles"].get(label) or "unknown"
    if role == "agent_or_lawyer":
        return "lawyer" if re.search(v["lawyer_marker"], rest_of_line) else "agent"
    return role


def parse_structure(text: str, hints: dict | None = None) -> JudgmentStructure:
    """Parse the judgment. ``hints`` (a sidecar NAME.meta.json) override what is inferred."""
    st = JudgmentStructure()
    lines = text.split("\n")
    offsets = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1

    # Title block: the first lines hold court, document kind and case number.
    for ln in lines[:12]:
        s = ln.strip().replace(" ", "").replace("　", "")
        if not s:
            continue
        if st.court is None and s.endswith("法院") and len(s) <= 40:
            st.court = s
        for kind in DOCUMENT_KINDS:
            if s.endswith(kind) and len(s) <= 16 and st.document_kind is None:
                st.document_kind, st.title = kind, s
    m = CASE_NUMBER_RE.search(text[:4000]) or CASE_NUMBER_RE.search(text)
    if m:
        st.case_number = m.group(0)
        t = m.group("type")
        st.case_type = CASE_TYPES.get(t[0]) if t else None
        rest = m.group("rest") or ""
        st.instance = "first" if "初" in rest else "second" if "终" in rest else "retrial" if ("再" in rest or "监" in rest) else None
    if st.document_kind is None:
        km = re.search(r"(民事|刑事|行政|执行|刑事附带民事)(判决书|裁定书|调解书|决定书)", text[:3000])
        if km:
            st.document_kind, st.title = km.group(2), km.group(0)
    if st.case_type is None and st.title:
        for pre, ct in (("刑事", "criminal"), ("民事", "civil"), ("行政", "administrative"), ("执行", "enforcement")):
            if st.title.startswith(pre):
                st.case_type = ct

    # Party header and representatives.
    _parse_header(st, lines, offsets, text)
    # Signature block: court staff, in the last lines.
    _parse_signature(st, lines, offsets)
    # Names the body places by a cue word (被害人王芳, 证人李某, 原告张伟与被告…).
    _parse_body_cues(st, text)
    # The prosecutors of the procedural paragraph, each list member whole (指派检察员高武松出庭).
    from redactor.prosecutors import apply_prosecutors  # it reads this module's grammar

    apply_prosecutors(st, text)

    if st.case_type is None:
        # No case number and no title (a fact paragraph alone): the vocabulary says enough.
        head = text[:3000]
        if re.search(r"被告人|公诉机关|检察院指控|罪犯", head):
            st.case_type = "criminal"
        elif re.search(r"原告|被告", head):
            st.case_type = "civil"
    st.cause = _find_cause(text[:6000], st)
    _apply_hints(st, hints or {})
    return st


_HEADER_HINT = re.compile(r"[男女]|出生|生于|族|住|律师|法律|职务|经理|主任|董事|厂长|代表|身份|公民|国籍|户籍|系|工作|职员|村民|农民|无业|个体|职工|学生|羁押|取保|逮捕|拘留|监视居住|年龄|岁|该|单位|公司|住所")
_ANONYMIZED_TOKEN = re.compile(r"[\u4e00-\u9fa5]{1,2}(?:某+[甲乙丙丁戊己庚辛壬癸]?\d*|[xX×]\d+|\d+某?)")


def _parse_header(st: JudgmentStructure, lines: list[str], offsets: list[int], text: str) -> None:
    c = _compiled()
    last_party: str | None = None
    for i, ln in enumerate(lines):
        if _HEADER_END.search(ln):
            break  # the party header ends where the procedural paragraph begins
        hm = c["header"].match(ln)
        if not hm:
            continue
        label = hm.group("label") + (hm.group("paren") or "")
        name_start = hm.start("name")
        name = hm.group("name").strip()
        lm = _LATIN_NAME.match(ln, name_start)
        if lm:
            name = lm.group(0)
        rest = ln[name_start + len(name):]
        org = is_organisation(name)
        if len(name) < 2 or name in ("本院", "本案") or _case_title(name):
            continue
        if org and _sentence_not_org(name):
            continue  # 被告人马祥武归案后如实供述自己的罪行。 is a sentence, not a party line
        if not org:
            # A person's line says who the person is (sex, birth, residence, firm...);
            # a body sentence that happens to start with a role word does not.
            # (a long name must have a name's shape: dotted, or minority-name elements
            # written together as in 满都拉额尔德尼)
            long_ok = lm or _DOTTED_NAME.fullmatch(name) or len(name) <= 5 or name_at(ln, name_start) == name_start + len(name)
            if not long_ok or not _HEADER_HINT.search(rest[:60]):
                continue
        role = _canonical_role(hm.group("label"), rest)
        names = [(name_start, name)]
        # Several parties on one line: 原告：张三、李四，均住…
        pos = name_start + len(name)
        while ln[pos:pos + 1] == "、" and role not in ("judge", "clerk"):
            e = name_at(ln, pos + 1)
            if not e:
                break
            names.append((pos + 1, ln[pos + 1:e]))
            pos = e
        birth = _birth_date(rest)
        for nstart, nm in names:
            person = Person(name=nm, role=role, role_label=label, is_org=is_organisation(nm), birth_date=birth, line=i)
            if role in ("legal_rep", "agent", "lawyer", "statutory_agent"):
                person.represents = last_party
            elif not person.is_org or role in ("party", "criminal_defendant"):
                last_party = nm
            # A person named twice (plaintiff and later agent for another party) keeps the first role.
            st.people.setdefault(nm, person)
            start = offsets[i] + nstart
            st.name_spans.append(NameSpan(start, start + len(nm), nm, role, person.is_org))


def _sentence_not_org(name: str) -> bool:
    """A header "organisation" that is a sentence of the facts: a person's name followed by
    a fact-text word (马祥武归案后…), or a word no organisation's name holds (供述, 罪行)."""
    if _grammar()["not_in_org_name"].search(name) or _grammar()["count_tail"].search(name):
        return True  # 被害人徐希望金立GN3003手机1部，: 1部 counts a phone, 部 is no department
    e = name_at(name, 0)
    return e is not None and e < len(name) and follows_name(name, e) >= 2


def _birth_date(rest: str) -> date | None:
    bm = re.search(r"(?:出生于|生于)?\s*(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?\s*(?:出生|生)?", rest)
    if bm and ("生" in bm.group(0) or "出生" in rest[bm.end():bm.end() + 3]):
        try:
            return date(int(bm.group(1)), int(bm.group(2)), int(bm.group(3)))
        except ValueError:
            return None
    d = parse_chinese_date(rest[:40]) if re.search(r"[〇零○一二三四五六七八九]{4}年.{1,6}日(?:出生|生)", rest[:40]) else None
    return d


# A staff name: Han characters (spaced out in some layouts: 王　伟), or a dotted minority name.
_STAFF_NAME = rf"[\u4e00-\u9fa5](?:[ \t　]{{0,2}}[\u4e00-\u9fa5{NAME_DOTS}]){{1,15}}?"
# What may stand after a staff name: (代) or (兼) for a stand-in clerk.
_STAFF_SUFFIX = r"[（(](?:代|兼|代理)[）)]"
# A continuation line: a second clerk under the first (书记员李芳（代）⏎吴丹（代）).
_STAFF_CONTINUATION = re.compile(rf"^[ \t　]*(?P<name>[\u4e00-\u9fa5](?:[ \t　]?[\u4e00-\u9fa5]){{1,3}})[ \t　]*(?:{_STAFF_SUFFIX})?[ \t　]*$")


@lru_cache(maxsize=1)
def _staff_item() -> re.Pattern:
    """One ``label name`` item of a signature line; a line may hold several (审判长侯德顺审判员王家起)
    and may run on into the appended statutes (书记员郭叶秋附相关法律条文：)."""
    labels = sorted(vocabulary()["staff_roles"], key=len, reverse=True)
    label_alt = "|".join(r"[ \t　]*".join(re.escape(ch) for ch in x) for x in labels)
    return re.compile(
        rf"[ \t　]*(?:{_STAFF_SUFFIX})?[ \t　]*(?P<label>{label_alt})[ \t　]*[：:]?[ \t　]*(?P<name>{_STAFF_NAME})"
        rf"(?=[ \t　]*(?:{_STAFF_SUFFIX})?[ \t　]*(?:$|附|(?:{label_alt})))[ \t　]*(?:{_STAFF_SUFFIX})?[ \t　]*"
    )


def _staff_name_ok(name: str) -> bool:
    """A Han staff name is two to four characters (a compound surname and two given ones at
    most); a dotted minority name may be longer, and so may one written without the dot when
    it is minority-name elements from end to end (书记员额尔敦额尔德尼, 人民陪审员苏和阿拉坦: judges
    of Inner Mongolia, Tibet and Xinjiang sign like that, and Art. 11 keeps them)."""
    if any(d in name for d in NAME_DOTS):
        return 3 <= len(name) <= 16
    if 5 <= len(name) <= 12 and _minority_elements_end(name, 0) == len(name):
        return True
    return 2 <= len(name) <= 4 and not _ANONYMIZED_TOKEN.fullmatch(name)


def _staff_items(ln: str) -> list[tuple[str, int, str]] | None:
    """(label, start of the name, name as written) for each item of a signature line, or None
    when the line is not one (a body sentence that starts with 审判员 has punctuation)."""
    item = _staff_item()
    out, pos = [], 0
    while pos < len(ln):
        m = item.match(ln, pos)
        if not m:
            break
        raw = m.group("name").rstrip(" \t　")
        if not _staff_name_ok(re.sub(r"[ \t　]", "", raw)):
            return None
        out.append((re.sub(r"[ \t　]", "", m.group("label")), m.start("name"), raw))
        pos = m.end()
    if not out:
        return None
    rest = ln[pos:]
    return out if (not rest.strip(" \t　") or rest.startswith("附")) else None


def _parse_signature(st: JudgmentStructure, lines: list[str], offsets: list[int]) -> None:
    """Court staff wherever the signature block stands: real judgments append the statutes
    (附：相关法律条文) or tables after it, so it is not always in the last lines. A signature
    line holds only ``label name`` items (审判长　王　伟, 书记员李芳（代）, several on one line);
    court staff are public (Art. 11) whatever else the text says about the name."""
    staff_roles = vocabulary()["staff_roles"]
    staff_lines: list[int] = []
    prev_role: str | None = None
    for i, ln in enumerate(lines):
        if len(ln) > 80 or not ln.strip():
            prev_role = None if not ln.strip() else prev_role
            continue
        items = _staff_items(ln)
        if items is None and prev_role and staff_lines and staff_lines[-1] == i - 1:
            cm = _STAFF_CONTINUATION.match(ln)
            if cm and cm.group("name")[:1] in surnames()[0] and not cm.group("name").startswith("附"):
                items = [(prev_role, cm.start("name"), cm.group("name"))]
        if not items:
            prev_role = None
            continue
        for label, nstart, raw in items:
            name = re.sub(r"[ \t　]", "", raw)
            role = staff_roles.get(label) or staff_roles.get(prev_role or "", "clerk")
            st.people[name] = Person(name=name, role=role, role_label=label, line=i)
            start = offsets[i] + nstart
            st.name_spans.append(NameSpan(start, start + len(raw), name, role))
            prev_role = label
        staff_lines.append(i)
    st.judgment_date = _signature_date(lines, staff_lines) or st.judgment_date


def _signature_date(lines: list[str], staff_lines: list[int]) -> date | None:
    """The judgment's date: the date line among the signature lines (between the judges and
    the clerk), else the last date line of the last 25 lines."""
    def date_of(ln: str) -> date | None:
        s = ln.strip()
        return parse_chinese_date(s) if s and len(s) <= 16 else None

    if staff_lines:
        for i in range(staff_lines[0], min(len(lines), staff_lines[-1] + 3)):
            d = date_of(lines[i])
            if d:
                return d
    found = None
    for i in range(max(0, len(lines) - 25), len(lines)):
        found = date_of(lines[i]) or found
    return found


# When body cues give one name several roles, the one that protects the person wins.
_ROLE_PRIORITY = ("co_offender_elsewhere", "victim", "civil_plaintiff", "witness", "appraiser", "victim_relative", "statutory_agent",
                  "relative", "criminal_defendant", "party", "agent", "interpreter", "legal_rep", "lawyer", "prosecutor",
                  "judge_assistant", "juror", "clerk", "judge", "other")


_INSTANCE_PREFIX = re.compile(r"^(原审|一审|二审)")


@lru_cache(maxsize=1)
def _lawyer_marker() -> re.Pattern:
    return re.compile(vocabulary()["lawyer_marker"])


@lru_cache(maxsize=4096)
def _cue_core_role(cue: str) -> str | None:
    """The role a cue word names, before the lawyer check: a judgment repeats the same few
    cue words hundreds of times, so each is looked up once."""
    v = vocabulary()
    core = _INSTANCE_PREFIX.sub("", cue)
    return v["body_cues"].get(core) or v["header_roles"].get(core)


def _cue_role(cue: str, following: str) -> str | None:
    role = _cue_core_role(cue)
    if role == "agent_or_lawyer":
        # the firm is named on the agent's own line (辩护人王婷婷，女，系张帆之妻。 is followed by
        # the next party's line, whose 律师 is not hers)
        return "lawyer" if _lawyer_marker().search(following[:40].split("\n", 1)[0]) else "agent"
    return role


_LIST_BOUNDARY = "、，,。；;：:（(）)“”\"\n 　0123456789"


_LIST_MEMBER_TAIL = re.compile(r"(?:等人|等|\d+人)$")


def list_names(text: str, known: set[str]) -> list[tuple[int, int, str]]:
    """Name-shaped members of "、"-lists that hold at least one person (a known name or an
    already anonymized one): 群众董军、王某、刘某1等人 -> 董军."""
    c = _compiled()
    out = []
    # "starts or ends with a known name of two characters or more", asked for every list
    # member: a member is short, so looking its prefixes and suffixes up in a set is the
    # same answer as scanning every known name, without the scan.
    known_long = {k for k in known if len(k) >= 2}
    longest = max(map(len, known_long), default=0)

    def is_person(part: str) -> bool:
        core = _LIST_MEMBER_TAIL.sub("", part)
        if _ANONYMIZED_TOKEN.fullmatch(core) or core in known:
            return True
        for n in range(2, min(len(part), longest) + 1):
            if part[:n] in known_long or part[-n:] in known_long:
                return True
        return False

    for m in c["list_run"].finditer(text):
        items, pos = [], m.start()
        for part in m.group(0).split("、"):
            items.append((pos, part))
            pos += len(part) + 1

        if not any(is_person(p) for _a, p in items):
            continue
        last_i = len(items) - 1
        for i, (start, part) in enumerate(items):
            core = _LIST_MEMBER_TAIL.sub("", part)
            cands = []
            tail = None
            if i == last_i:  # the last member runs into the sentence: 龙某等160余人非法…
                e = name_at(text, start)
                if not e and i > 0 and not _org_word_in(part):
                    # 任某、高弢|为承接: up to the next word (not 金桂置业公司、金桂特|纸公司)
                    e = tail = _last_member_end(text, start)
                if e:
                    cands.append((start, e))
            known_tail = next((n for n in range(len(core), 1, -1) if core[-n:] in known), 0)
            if known_tail:
                # the member ends with a known name: that is the name (被告人朴成浩 is
                # 朴成浩, not 成浩)
                cands = [(start + len(core) - known_tail, start + len(core))]
            elif i < last_i and name_at(text, start) != start + len(core):
                # a member may carry the words before it (群众董军), unless it is a name whole
                cands += [(start + len(core) - n, start + len(core)) for n in (4, 3, 2)
                          if len(core) > n and core[-n] not in _bare_grammar()["clause_words"]]  # not 李|和军
            elif core[:1] in _bare_grammar()["clause_words"] and len(core) >= 3 \
                    and name_at(text, start + 1) == start + len(core):
                cands.insert(0, (start + 1, start + len(core)))  # 有洪锋、王大卫: 有 opens the list
            cands.append((start, start + len(core)))
            for a, b in cands:
                name = text[a:b]
                if a > start and is_organisation(text[max(0, a - 8):a + 1]):
                    continue  # 协同教育公司田梅: a name does not start inside 公司
                if (name_at(text, a) == b or (a, b) == (start, tail)) and not is_organisation(name) \
                        and not _ANONYMIZED_TOKEN.fullmatch(name) \
                        and (name in known or (name not in common_words() and word_aligned(text, a, b))):
                    out.append((a, b, name))  # not 关公刀 (a word), not 合法|收入 (cuts a word)
                    break
    return out


_AT_SOMEONES = re.compile(r"[从在到至][\u4e00-\u9fa5]{2,4}?处(?![理分罚置所长])")
_AT_SOMEONES_IN_A_BUSINESS = re.compile(r"(?<=[站店厂])[\u4e00-\u9fa5]{2,4}?处(?![理分罚置所长])")
# ... and a list of them (将从杨瑞、潘英处购买的…): each member a name whole.
_AT_SOMEONES_LIST = re.compile(r"[从在到至](?P<list>[\u4e00-\u9fa5]{2,4}(?:、[\u4e00-\u9fa5]{2,4}){1,5})处(?![理分罚置所长])")
# After-cues saying whose number it is: a sentence that opens with a name and goes on with
# one of these names a person even without a dictionary surname (阿拉坦的银行卡号为…).
_NUMBER_CUES = frozenset({"的联系电话", "的手机号码", "的手机号", "的电话号码", "的银行卡号", "的银行账户",
                          "的身份证号码", "的公民身份号码"})
_NOT_A_HOLDER = re.compile(r"^(?:本人|其本人|对方|双方|他人|自己|该人|家属|单位|上述|以上|其|该|本|各|每|我|你|他|她)")


def _bare_name_before_number_cue(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    return (
        (start == 0 or text[start - 1] in "。；;\n")
        and bool(re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", name))
        and not _NOT_A_HOLDER.match(name)
        and not _compiled()["role_prefix"].match(name)
        and not is_organisation(name)
        and name not in vocabulary()["name_shape"]["not_names"]
    )


def _list_member_end(text: str, pos: int, between_names: bool = False) -> int | None:
    """End of a list member after a person cue that the list itself delimits: two to four
    characters (or a dotted name) and then 、 (被告人朴成浩、关胜利、…).
    ``between_names``: the member stands in a list a person cue opened, closed by 、, so it is
    a name of the cue's role even when its given name is a word (被告人王兆东、夏天文、王建晓、
    刘国会、张宝泉: 会 is a word's character, 刘国会 a defendant; 被告人郑解放、岳波贵): only the
    words that are never names still veto it (被告人供述、证人证言, 明知)."""
    q = text.find("、", pos, pos + 12)
    if q < 0:
        return None
    member = text[pos:q]
    v = vocabulary()["name_shape"]
    if 2 <= len(member) <= 4 and _ANONYMIZED_TOKEN.match(member):
        return q  # 陈某华、
    single, compound = surnames()
    han = 2 <= len(member) <= 4 and re.fullmatch(r"[\u4e00-\u9fa5]+", member) and (
        member[0] in single and len(member) <= 3 or member[:2] in compound) \
        and member[0] not in _grammar()["preposition_surnames"]  # not 被告人魏宁受贿、
    if (han or _DOTTED_NAME.fullmatch(member) and "．" not in member) \
            and (between_names or not any(ch in v["not_in_given_name"] for ch in member[1:])) \
            and member not in v["not_names"] \
            and member not in _grammar()["not_names_in_facts"] and plausible_name(text, pos, q):
        return q  # not 被告人供述、证人证言 or 被告人的认罪、悔罪
    return None


@lru_cache(maxsize=1)
def _org_words() -> re.Pattern:
    return re.compile("|".join(re.escape(x) for x in vocabulary()["org_suffixes"] if len(x) >= 2))


def _org_word_in(member: str) -> bool:
    """A list member that names an organisation (徐州博灿公司, 苏舜集团进出口分公司)."""
    return bool(_org_words().search(member))


def _unlisted_surname_end(text: str, pos: int) -> int | None:
    """End of a name right after a cue only a person follows whose surname is one of
    ``cue_surnames`` (被告人保新洪于2018年3月…, 被告人色海洋来到…, 伙同宇如意、李某, 伙同阿溟（另案处理）):
    the cue says a person comes, so two or three characters are a name where what follows says
    a name ended (a date, a fact-text word of two characters or more, 、 and another name, a
    note that the person is dealt with elsewhere), none of them is a function character, and
    no dictionary word starts there (被告人归案后, 先后, 独自来到, 保洁于: the cue's own sentence)."""
    single, compound = surnames()
    v = vocabulary()["name_shape"]
    if text[pos:pos + 1] not in word_surnames():
        return None  # a surname of ours (name_at has read what there is to read), or no surname
    words = dictionary_words()
    if any(text[pos:pos + k] in words for k in (2, 3, 4)):
        return None  # 被告人保证…, 被害人开车: the sentence goes on after the cue
    for n in (3, 2):
        run = text[pos:pos + n]
        if len(run) < n or not re.fullmatch(r"[\u4e00-\u9fa5]+", run) or any(ch in v["not_in_given_name"] for ch in run):
            continue
        end = pos + n
        if (_grammar()["follow_date"].match(text, end) or follows_name(text, end) >= 2
                or text[end:end + 1] in "，,。；;"
                or (text.startswith("、", end) and (_ANONYMIZED_TOKEN.match(text, end + 1)
                                                   or text[end + 1:end + 2] in single))
                or elsewhere_after(text, end)) and word_aligned(text, pos, end):
            return end
    return None


def _cue_surname_home_end(text: str, pos: int) -> int | None:
    """End of a householder's name whose surname is one of ``cue_surnames`` after the last unit
    of an address and before 家 (…村**组代太平家, …组代琳家): the unit and 家 bound it."""
    v = vocabulary()["name_shape"]
    if text[pos:pos + 1] not in word_surnames():
        return None
    words = dictionary_words()
    for n in (3, 2):
        run = text[pos:pos + n]
        if text.startswith("家", pos + n) and re.fullmatch(r"[\u4e00-\u9fa5]+", run) and len(run) == n \
                and not any(ch in v["not_in_given_name"] for ch in run) \
                and not any(text[pos:pos + k] in words for k in range(2, n + 1)):
            return pos + n
    return None


def _last_member_end(text: str, pos: int) -> int | None:
    """End of the name that opens the last member of a list a person cue opened, where the
    sentence runs on with no word that follows a name (被告人周某、孙世界能如实供述, 被告人萨某、
    任某、高弢为承接…, 被告人杨某1、张某、万山相互邀约): the members before it are names, so this
    one is too, and it ends where a word starts (jieba's cut): the longest reading of a surname
    and one or two given-name characters that is no word and cuts none (孙世界|能, 万山|相互,
    高弢|为: 为 is no given name's character). Minority-name elements are taken whole (德吉贡嘎)."""
    end = _minority_elements_end(text, pos)
    if end:
        return end
    single, compound = surnames()
    v = vocabulary()["name_shape"]
    g = _grammar()
    if text[pos:pos + 2] in compound:
        head = pos + 2
    elif text[pos:pos + 1] in single and text[pos] not in g["preposition_surnames"]:
        head = pos + 1
    else:
        return None
    for glen in (2, 1):
        end = head + glen
        given, name = text[head:end], text[pos:end]
        if len(given) < glen or not all("\u4e00" <= ch <= "\u9fa5" for ch in given) \
                or any(ch in v["not_in_given_name"] for ch in given):
            continue
        if name in common_words() or name in v["not_names"] or name in g["not_names_in_facts"] \
                or text[pos:pos + 2] in g["not_names_in_facts"]:
            continue
        if word_aligned(text, pos, end):
            return end
    return None


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words of two to four characters that start with a surname and that the jieba
    dictionary knows as something other than a name (车主, 马上, 连续, 费用; not 高明 or 周全,
    which it tags nr): a name read with no role word must not be one of them."""
    words = jieba_words.load()
    if words is None:  # no jieba: the veto only narrows what is read as a name
        return frozenset()
    single, compound = surnames()
    firsts = set(single) | {c[0] for c in compound}
    by_first = words.not_nr_by_first
    return frozenset(w for c in firsts for w in by_first.get(c, ()))


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Every word of two to four characters the jieba dictionary knows (如实, 因犯, 上午; and
    查明, which it tags as a name): a reading with no role word must not be one, nor its given name."""
    words = jieba_words.load()
    return frozenset(words.dictionary_words) if words is not None else frozenset()


def word_aligned(text: str, start: int, end: int, left_known: bool = False) -> bool:
    """``text[start:end]`` starts and ends where words do (jieba, dictionary only): a name
    read from the grammar does not cut a word (共和|国刑法, 应当予|以, 对|方同意).
    ``left_known``: the grammar knows a word ends at ``start`` (the verb whose object the name
    is: 发还|阳婷, which jieba cuts 发|还阳|婷): only the text from ``start`` on is segmented."""
    # Where no dictionary word of two to four characters runs across either edge the cut
    # is clean without segmenting (a few set lookups); otherwise the segmenter decides.
    words = dictionary_words()
    edges = (end,) if left_known else (start, end)
    if not any(text[a:b] in words for edge in edges for a in range(max(start if left_known else 0, edge - 3), edge)
               for b in range(edge + 1, min(len(text), a + 4) + 1)):
        return True
    w0 = start if left_known else max(0, start - 6)
    return _aligned_in(text[w0:end + 6], start - w0, end - w0)


@lru_cache(maxsize=65536)
def _aligned_in(window: str, start: int, end: int) -> bool:
    """(cached: a judgment names the same people in the same phrases again and again)"""
    words = jieba_words.load()
    if words is None:
        return True
    cuts, pos = {0}, 0
    for tok in words.lcut_no_hmm(window):  # jieba.lcut(window, HMM=False), without jieba's start
        pos += len(tok)
        cuts.add(pos)
    return start in cuts and end in cuts


def plausible_name(text: str, start: int, end: int, left_known: bool = False) -> bool:
    """A name read from the grammar alone (no punctuation after it): not a common word, and
    not cutting one (``left_known``: see ``word_aligned``)."""
    name = text[start:end]
    words = common_words()
    # a Japanese surname may be a word (松本 of 松本明美): the surname is no cut word then
    foreign_surname = name[:2] in foreign_surnames()
    if name in words or (end - start >= 3 and name[:2] in words and not foreign_surname
                         and text[start + 2:end] not in _grammar()["soft_given"]):
        return False
    return word_aligned(text, start, end, left_known)


@lru_cache(maxsize=1)
def _bare_grammar() -> dict:
    b = vocabulary()["bare_names"]

    def alt(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    import ahocorasick

    # the words before a name, found in one Aho-Corasick pass (an alternation of a hundred
    # words tried at every character is the slow part of reading a long judgment)
    auto = ahocorasick.Automaton()
    for w in b["home_units"]:  # units that only a householder's 家 may follow (…庄南和平家中)
        auto.add_word(w, ("home_unit", len(w)))
    for kind in ("before_owner", "before_person"):  # a word in both lists is a person's
        for w in b[kind]:
            auto.add_word(w, (kind, len(w)))
    auto.make_automaton()
    return {"before": auto,
            "clause_start": re.compile(r"[，,。；;：:\n]"),
            "sentence_start_re": re.compile(alt(b["sentence_starts"])),
            "date_start": re.compile(b["date_start"]),
            "date_verbs": frozenset(b["date_verbs"]),
            "owner_follow": re.compile(alt(b["owner_follow"])),
            "place_after": frozenset(b["place_after"]),
            "weak_before": frozenset(b["weak_before"]),
            "titles": frozenset(b["titles"]),
            "address_units": frozenset(b["address_units"]) | frozenset(b["home_units"]),
            "subject_adverbs": frozenset(b["subject_adverbs"]),
            "not_in_dotted": frozenset(b["not_in_dotted"]),
            "clause_words": frozenset(b["clause_words"]) | frozenset(vocabulary()["name_shape"]["preposition_surnames"]),
            "not_names": frozenset(b["not_names"])}


_DOT_AHEAD = re.compile(rf"[\u4e00-\u9fa5]{{1,8}}[{NAME_DOTS}]")


@lru_cache(maxsize=1)
def _name_first_chars() -> frozenset[str]:
    """Characters a Han, minority or transliterated name may start with (a surname, the first
    character of a compound surname or of a minority-name element, any character of a dotted
    name's first part is too many to list: those start with a Han character anyway)."""
    single, compound = surnames()
    return frozenset(single) | {w[0] for w in compound} | frozenset(minority_name_elements()) \
        | word_surnames()


def _bare_candidates(text: str, g: dict) -> list[tuple[str, int, int]]:
    """(kind, where the word before starts, where the name would start), in text order: after
    a word of before_person / before_owner, and at the start of a clause (after a
    sentence-start word such as 随后 where one follows)."""
    seen: dict[int, tuple[str, int]] = {}
    sentence_start = g["sentence_start_re"]
    for last, (kind, n) in g["before"].iter(text):
        pos = last + 1
        k = "person" if kind == "before_person" else "home" if kind == "home_unit" else "owner"
        if pos not in seen or (seen[pos][0] in ("owner", "home") and k == "person") or (seen[pos][0] == "home" and k == "owner"):
            seen[pos] = (k, pos - n)
    for m in g["date_start"].finditer(text):
        if m.end() not in seen or seen[m.end()][0] == "start":
            seen[m.end()] = ("date", m.start())
    starts = [0] + [m.end() for m in g["clause_start"].finditer(text)]
    for p in starts:
        m = sentence_start.match(text, p)
        seen.setdefault(m.end() if m else p, ("start", p))
    return [(k, ws, pos) for pos, (k, ws) in sorted(seen.items())]


def bare_names(text: str) -> list[tuple[int, int]]:
    """Names with no role word, placed by the grammar of fact text (rules/dictionaries/
    roles.yaml ``bare_names``): 卖给任山，, 盗走骆慧停放在…, ，唐学习再次来到…

    With no role word the evidence is the context alone, so a reading must have a name's
    shape, be no word of the dictionary and cut none, and be followed by what the context
    asks; short readings and readings after a weak word (和, 与, 对) need more."""
    g = _bare_grammar()
    c = _compiled()
    punctuation = vocabulary()["name_shape"]["punctuation"]
    preposition_surnames = _grammar()["preposition_surnames"]
    ambiguous = frozenset(vocabulary()["name_shape"]["ambiguous_surnames"])
    words = dictionary_words()
    out = []
    first_chars = _name_first_chars()
    for kind, word_start, pos in _bare_candidates(text, g):
        before_word = text[word_start:pos]
        if pos >= len(text) or (text[pos] not in first_chars and not _DOT_AHEAD.match(text, pos)) \
                or c["role_prefix"].match(text, pos) \
                or c["role_prefix"].match(text, word_start):
            continue  # 被告人…: 被 is the role word's, the cue reader reads what follows
        only_home = kind == "home"
        kind = "owner" if only_home else kind
        end = name_at(text, pos, person_cue=True)
        if not end and kind == "owner" and before_word in g["address_units"]:
            end = _cue_surname_home_end(text, pos)  # …村**组代太平家: 代 is read after a unit too
        if kind == "owner" and not (end and g["owner_follow"].match(text, end)):
            from redactor.verb_objects import owner_end  # it reads this module's grammar

            end = owner_end(text, pos, g["owner_follow"]) or end  # 村民组胡菊婧户电线: 户 follows the owner
        if not end or end - pos < 2:
            continue
        name = text[pos:end]
        if name[0] in g["clause_words"] and end - pos >= 3 and name_at(text, pos + 1, person_cue=True) == end:
            pos, name = pos + 1, name[1:]  # 然后和高鹏一起, 从张敏身上: 和 and 从 are prepositions
        if _DOTTED_NAME.match(name) and (len(re.split(f"[{NAME_DOTS}]", name)[0]) > 6
                                          or any(ch in g["not_in_dotted"] for ch in name)):
            continue  # 指出迪丽拜尔·阿卜力孜, 我给艾力·艾则孜: the words before are no name
        if _ANONYMIZED_TOKEN.match(name) or name in g["not_names"] or is_organisation(name) or "人" in name:
            continue
        if text[end:end + 1] in g["place_after"] or _DOTTED_NAME.match(name) and "．" in name:
            continue  # 来到白塘镇, 明港麦芽厂; 叫得也不大声．我没有 is two sentences
        if (name in words and not (kind == "owner" and _one_minority_element(name))) \
                or name[1:] in g["titles"] or name[-2:] in g["titles"]:
            continue  # 查明, 严经理; not 居委会宝音家 (a Mongolian name jieba knows)
        word = follows_name(text, end)
        given_is_word = name[1:] in words
        # the last unit of an address, then the householder and 家 (…单元**室欧爱国家, …队白明家,
        # 居委会钱光明家): the unit ends a word and says a home follows, so the name may be two
        # characters, its surname a word that opens clauses (钱), its end fused with 家 (国家)
        home = kind == "owner" and before_word in g["address_units"] and text.startswith("家", end) \
            and (name not in words or _one_minority_element(name)) \
            and (word_aligned(text, pos, end) or word_aligned(text, pos, end + 1))
        lives = len(name) == 3 and bool(_grammar()["follow_patterns"].match(text, end)) and word == 2
        if name[0] in g["clause_words"] and (len(name) < 3 or word < 2 or given_is_word) \
                and not ((home or lives) and len(name) == 3 and name[0] not in preposition_surnames):
            continue  # 能如实供述, 曾因犯, 从上午, 向车下抬: a surname that opens a clause as a word
        weak_before = kind == "person" and before_word in g["weak_before"]
        counted = text.startswith(("二人", "两人", "三人", "四人"), end) and len(name) == 3 and name[0] not in ambiguous
        if weak_before and (len(name) < 3 or given_is_word or name[0] in ambiguous) and not counted:
            continue  # 冰毒和麻古, 和甘厮打, 向车下抬; but 被其和汪如意二人…: the count says two people
        if kind == "person":
            ok = end >= len(text) or text[end] in punctuation or word >= 2 or (
                word == 1 and name[0] not in ambiguous and not given_is_word)
        elif kind == "owner":
            om = g["owner_follow"].match(text, end)
            ok = bool(om) and (len(name) >= 3 or len(om.group(0)) >= 2 or home)  # not 进入白塘的
            if home:
                out.append((pos, end))
                continue
            if only_home:
                continue
        else:
            ok = word >= 2 or (word == 1 and name[0] not in preposition_surnames and not given_is_word) or (
                len(name) == 3 and text[end:end + 1] in g["subject_adverbs"] and name[0] not in ambiguous
                and name[0] not in preposition_surnames)
            # 彭阳光也向…, 马成功趁…: a word-like given name, then an adverb only a subject takes
            if kind == "date" and text[pos - 1] not in "，,":
                ok = word >= 2  # 14日吴全伙同; not 期间孙以将其…
            elif kind == "date" and not ok and (word == 1 or text[end:end + 1] in g["subject_adverbs"]) \
                    and name[0] not in g["date_verbs"]:
                # 2018年06月份，云晨光在…, 凌晨4时许，常永远和…: a clause a date or a time opens
                # has its subject next, so one character that follows a name ends it even after
                # a given name that is a word (not 2011年9月任生产经营处处长: 任 is the verb)
                ok = True
        if ok and plausible_name(text, pos, end):
            out.append((pos, end))
    return out


def _cue_name_runs_on(text: str, pos: int, end: int, person_cue: bool) -> bool:
    """After a cue only a person follows, a three-character reading whose first two characters
    are a word (黄金|友至, 车长|江行至) is a name where the sentence goes on after it and the
    segmenter keeps it whole: the cue says a name comes, the words say where it ends."""
    return (person_cue and end - pos == 3 and text[pos:end] not in dictionary_words()
            and follows_name(text, end) >= 1 and word_aligned(text, pos, end))


@lru_cache(maxsize=1)
def _joint_partners() -> re.Pattern:
    """After 被告人X与/同: one to six names (、 between them, an elsewhere note after the last)
    and then a word of a joint criminal act (roles.yaml ``joint_act``)."""
    v = vocabulary()
    words = "|".join(re.escape(w) for w in sorted(v["joint_act"], key=len, reverse=True))
    member = r"[\u4e00-\u9fa5·•]{2,10}?"
    # ... or, later in the same clause, the count of the people who then act together
    # (被告人张某与王某、熊某、李某在邻水县**广场附近，四人合力将…), with no quarrel between
    # (与B发生争执，二人…: B may be the victim)
    count = rf"在(?:(?!{v['joint_count_not']})[^。；;\n]){{1,40}}?[二两三四五六七八]人(?:{words}|{v['joint_count_act']})"
    return re.compile(rf"(?:{member}、){{0,5}}{member}(?:（[^）\n]{{0,12}}）)?(?:{words}|{count})")


def _parse_body_cues(st: JudgmentStructure, text: str) -> None:
    """Names right after a role word anywhere in the text, with lists (被告王某、罗玉兰、李某)."""
    c = _compiled()
    person_cues = frozenset(vocabulary()["person_cues"])
    punctuation = vocabulary()["name_shape"]["punctuation"]
    prepositions = _grammar()["preposition_surnames"]
    modal_words = frozenset(vocabulary()["name_shape"]["modal_surnames"])
    seen = {(ns.start, ns.end) for ns in st.name_spans}
    roles: dict[str, list[str]] = {}
    spans: list[NameSpan] = []
    for m in c["body_cue"].finditer(text):
        role = _cue_role(m.group("cue"), text[m.end():m.end() + 60])
        if not role:
            continue
        pos = m.end()
        person_cue = m.group("cue") in person_cues
        for _ in range(12):  # a list of names after one cue
            am = _ANONYMIZED_TOKEN.match(text, pos)
            end = None
            if not (am and text[am.end():am.end() + 1] in "、，,和及与等"):
                end = name_at(text, pos, person_cue=person_cue)
            if end and person_cue and _one_minority_element(text[pos:end]):
                pass  # 被告人达来窜至, 民警那仁带领: the name list's element, whatever jieba says of it
            elif end and (text[pos:end] in common_words() or (
                    text[pos] in modal_words and text[pos + 1:end] in dictionary_words()) or (
                    text[end:end + 1] not in punctuation and not plausible_name(text, pos, end)
                    and not _cue_name_runs_on(text, pos, end, person_cue)) or (
                    end - pos == 2 and text[pos] in prepositions and text[end:end + 1] not in punctuation
                    and not (person_cue and follows_name(text, end) >= 2 and text[pos:end] not in dictionary_words()))):
                end = None  # 被告人达成赔偿, 民警查获，: words; 指使后仅负责: 后 is a preposition
                # (but 被告人时驰先后…, 失主于然放于…: a fact-text word after a reading that is no word)
            listed = False
            if not end and person_cue:
                # 被告人朴成浩、关胜利: 朴 is no surname of ours; 王建晓、刘国会、张宝泉 and
                # 被告人郑解放、岳波贵: a member the list closes with 、
                end = _list_member_end(text, pos, between_names=True)
                listed = bool(end)
            if not end and person_cue and pos > m.end() and text[pos - 1:pos] in ("、", "和", "及"):
                # the last member of a list the cue opened, after a name: a name, ending where
                # a word starts (被告人周某、孙世界能如实供述; 民警阮美玲、吉日嘎拉追上…)
                end = _last_member_end(text, pos)
                listed = bool(end)
            if not end and person_cue:
                end = _unlisted_surname_end(text, pos)  # 被告人保新洪于2018年…, 伙同宇如意、李某
            if end:
                name = text[pos:end]
                if _ANONYMIZED_TOKEN.match(name):
                    pass  # 被告人陈某华、吉日嘎拉: an anonymized member, the list goes on
                elif (listed or not is_organisation(name)) and (pos, end) not in seen:
                    spans.append(NameSpan(pos, end, name, role, listed=listed))
                    roles.setdefault(name, []).append(role)
                    seen.add((pos, end))
                after = end
            elif am:
                after = am.end()
            else:
                break
            if text[after:after + 1] == "、":
                pos = after + 1
                continue
            if text[after:after + 1] in "和及" and (_ANONYMIZED_TOKEN.match(text, after + 1)
                                                   or name_at(text, after + 1, person_cue=person_cue)
                                                   or person_cue and _minority_elements_end(text, after + 1)):
                pos = after + 1  # 被告人石磊和熊伟…: the list goes on after 和/及
                continue
            if text[after:after + 1] in "与同" and role == "criminal_defendant" and _joint_partners().match(text, after + 1):
                pos = after + 1  # 被告人蒋某与张发财共同窃得…: the partners of a joint act are co-defendants
                continue
            break
    # A name right before a cue that follows it (…、余军的证言).
    single, compound = surnames()
    for m in c["after_cue"].finditer(text):
        cue = m.group("cue")
        for n in (4, 3, 2):
            pos = m.start() - n
            if pos < 0:
                continue
            # after a list boundary, or right after a role word (证人时晓然的证言)
            if pos > 0 and text[pos - 1] not in _LIST_BOUNDARY and not c["cue_before"].search(text, max(0, pos - 12), pos):
                continue
            if name_at(text, pos, strict=False) == m.start() or (
                    cue in _NUMBER_CUES and _bare_name_before_number_cue(text, pos, m.start())):
                name = text[pos:m.start()]
                if (pos, m.start()) not in seen and not is_organisation(name):
                    spans.append(NameSpan(pos, m.start(), name, "other"))
                    roles.setdefault(name, []).append(vocabulary()["after_cues"][m.group("cue")])
                    seen.add((pos, m.start()))
                break
    # A name right before a note that its bearer is dealt with in another case (陈子波（已判决）、
    # 千琪（已判决）, 任命幸新赟（另处）): only people are judged elsewhere. The name is read
    # back from the note: after a list boundary or a cue as above, or where a word ends
    # right before it (任命|幸新赟); not 伙|同王五 (a cue, read whole, ends there: 王五).
    for m in _elsewhere_after()[0].finditer(text):
        note_start = m.start()
        for n in (4, 3, 2):
            pos = note_start - n
            if pos < 0 or (pos, note_start) in seen or text[pos - 1:pos] in "某×Xx*":
                continue  # 李某明家（另案处理）: the court anonymized this name already
            after_boundary = pos == 0 or text[pos - 1] in _LIST_BOUNDARY \
                or bool(c["cue_before"].search(text, max(0, pos - 12), pos))
            if not after_boundary and (n == 4 or text[pos] in _bare_grammar()["clause_words"]
                                       or not word_aligned(text, pos, note_start)):
                continue
            if name_at(text, pos, strict=False) == note_start or (
                    after_boundary and _unlisted_surname_end(text, pos) == note_start):  # 、千琪（已判决）
                name = text[pos:note_start]
                if not is_organisation(name) and not _ANONYMIZED_TOKEN.fullmatch(name) \
                        and name not in common_words() and name not in vocabulary()["name_shape"]["not_names"]:
                    spans.append(NameSpan(pos, note_start, name, "co_offender_elsewhere"))
                    roles.setdefault(name, []).append("co_offender_elsewhere")
                    seen.add((pos, note_start))
                break
    # Whose place it is: 从金素洁处吸收资金, 在王建军处借款, 销赃至…收购站李力量处 (the place of
    # a person in a business).
    at_someones = [(m, m.start() + 1) for m in _AT_SOMEONES.finditer(text)]
    at_someones += [(m, m.start()) for m in _AT_SOMEONES_IN_A_BUSINESS.finditer(text)]
    for m, start in at_someones:
        for n in (4, 3, 2):
            end = m.end() - 1
            pos = end - n
            if pos < start:
                continue
            if pos == start and name_at(text[pos:end] + "，", 0, strict=False) == n:
                name = text[pos:end]
                if (pos, end) not in seen and not is_organisation(name) and name not in vocabulary()["name_shape"]["not_names"]:
                    spans.append(NameSpan(pos, end, name, "other"))
                    roles.setdefault(name, []).append("other")
                    seen.add((pos, end))
                break
    for m in _AT_SOMEONES_LIST.finditer(text):
        pos = m.start("list")
        members = []
        for part in m.group("list").split("、"):
            if name_at(part + "，", 0, strict=False) != len(part) or part in vocabulary()["name_shape"]["not_names"] \
                    or part in common_words() or is_organisation(part):
                members = []
                break  # every member a name, or the list is of places or things (从北京、上海处)
            members.append((pos, pos + len(part)))
            pos += len(part) + 1
        for a, b in members:
            if (a, b) not in seen:
                spans.append(NameSpan(a, b, text[a:b], "other"))
                roles.setdefault(text[a:b], []).append("other")
                seen.add((a, b))
    # Names with no role word, placed by the grammar of fact text (卖给任山，, 全希望驾车到…).
    for a, b in bare_names(text):
        if (a, b) not in seen and not any(x <= a < y for x, y in seen):
            name = text[a:b]
            spans.append(NameSpan(a, b, name, "other"))
            roles.setdefault(name, []).append("other")
            seen.add((a, b))
    # Objects of the verbs of criminal facts (盗窃穆刚子一辆…, 发还韩翠花。, 被魏菊发现).
    from redactor.verb_objects import object_names  # it reads this module's grammar

    for a, b, role in object_names(text):
        if (a, b) not in seen and not any(x <= a < y or x < b <= y for x, y in seen):
            name = text[a:b]
            spans.append(NameSpan(a, b, name, role))
            roles.setdefault(name, []).append(role)
            seen.add((a, b))
    # Lists of people (董军、王某、刘某1等人): where one member is a person, a name-shaped
    # member is one too. decide() runs this again with the model's names as anchors.
    known = set(roles) | {n for n, p in st.people.items() if not p.is_org}
    for a, b, name in list_names(text, known):
        if (a, b) not in seen:
            spans.append(NameSpan(a, b, name, "other"))
            # a member of a list a role word opens has that role (被告人周欣怡、农家旻经商谋:
            # both are defendants), whichever reader found the member
            roles.setdefault(name, []).append(cue_role_before(text, a) or "other")
            seen.add((a, b))
    for ns in spans:
        if elsewhere_after(text, ns.end):
            roles[ns.name].append("co_offender_elsewhere")
    for name, rs in roles.items():
        best = min(rs, key=lambda r: _ROLE_PRIORITY.index(r) if r in _ROLE_PRIORITY else len(_ROLE_PRIORITY))
        if best == "agent" and "lawyer" in rs and set(rs) <= {"agent", "lawyer"}:
            # an agent's firm named at one mention (诉讼代理人马瑞，河南宛平律师事务所律师) says
            # what the others (诉讼代理人马瑞、被告人李居丕…) do not: the agent is a lawyer
            best = "lawyer"
        st.cue_roles[name] = best
    for ns in spans:
        if ns.name in st.people:
            ns.role = st.people[ns.name].role
        else:
            ns.role = st.cue_roles[ns.name]
        st.name_spans.append(ns)


def _find_cause(head: str, st: JudgmentStructure) -> str | None:
    m = re.search(r"([\u4e00-\u9fa5、]{2,40}?(?:纠纷|罪|争议))一案", head)
    if m:
        cause = m.group(1)
        # Cut everything up to the last party name or connective: 原告张伟与被告李明民间借贷纠纷 -> 民间借贷纠纷
        cut = 0
        for name in st.people:
            k = cause.rfind(name)
            if k >= 0:
                cut = max(cut, k + len(name))
        for conn in ("与", "诉", "因", "犯"):
            k = cause.rfind(conn, cut)
            if k >= 0 and len(cause) - k > 3:
                cut = max(cut, k + 1)
        return cause[cut:] or cause
    m = re.search(r"犯([\u4e00-\u9fa5、]{1,15}?罪)", head)
    if m:
        return m.group(1)
    # No "…一案" sentence (a fact paragraph alone): the longest known cause in the text.
    hits = [c for c in causes() if c in head]
    return max(hits, key=len) if hits else None


@lru_cache(maxsize=1)
def causes() -> tuple[str, ...]:
    """Causes of action (案由) from rules/dictionaries/causes.txt."""
    path = DICTIONARIES_DIR / "causes.txt"
    words = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    return tuple(w for w in words if w and not w.startswith("#"))


_CASE_TYPE_WORDS = {"刑事": "criminal", "刑": "criminal", "民事": "civil", "民": "civil", "行政": "administrative",
                    "行": "administrative", "执行": "enforcement", "执": "enforcement", "国家赔偿": "compensation",
                    "赔偿": "compensation", "赔": "compensation"}


def _apply_hints(st: JudgmentStructure, hints: dict) -> None:
    """The sidecar (contract: NAME.meta.json) overrides whatever the text suggested."""
    if hints.get("case_type"):
        ct = str(hints["case_type"]).strip()
        st.case_type = _CASE_TYPE_WORDS.get(ct, ct.lower())
    if hints.get("cause"):
        st.cause = str(hints["cause"])
    if hints.get("case_number"):
        st.case_number = str(hints["case_number"])
    if hints.get("document_kind"):
        st.document_kind = str(hints["document_kind"])
    if hints.get("judgment_date"):
        try:
            st.judgment_date = date.fromisoformat(str(hints["judgment_date"]))
        except ValueError:
            pass


_LIST_MEMBER_STOP = frozenset("\n 　、，,。；;：:（()）“”")


def _list_cue_before(text: str, start: int) -> re.Match | None:
    """The cue that opens the list ``start`` is a member of (被告人陈斌、王铭霖、|王俊旭)."""
    cue_before = _compiled()["cue_before"]
    pos = start
    for _ in range(8):  # members, right to left
        if pos < 3 or text[pos - 1] not in "、和及":
            return None
        end = pos - 1
        for s in range(end - 2, max(-1, end - 13), -1):
            if text[s] in _LIST_MEMBER_STOP:
                pos = s + 1
                break
            if not (name_at(text, s, person_cue=True) == end or _ANONYMIZED_TOKEN.fullmatch(text, s, end)):
                continue  # the member is a name: 被告人将从|杨瑞、潘英 is no list after 被告人
            m = cue_before.search(text, max(0, s - 12), s)
            if m:
                return m
        else:
            return None
    return None


@lru_cache(maxsize=1)
def _elsewhere_after() -> tuple[re.Pattern, re.Pattern]:
    v = vocabulary()
    note, plural = v["elsewhere_note"], v["elsewhere_plural"]
    member = r"[、和及](?!被告人|被害人)[^、，,。；;（(\s“”]{2,8}"
    return re.compile(note), re.compile(rf"(?:{member}){{1,8}}(?=（[^）\n]{{0,6}}(?:{plural})){note}")


def elsewhere_after(text: str, end: int) -> bool:
    """The name ending at ``end`` is followed by a note that the person is dealt with in
    another case (莫秋轩（刑拘在逃）), or is a member of a list the note speaks of as a whole
    (易静妍、江新华（二人另案处理）); in 被告人A、B、C（另案处理） only C is."""
    single, listed = _elsewhere_after()
    return bool(single.match(text, end) or listed.match(text, end))


def cue_role_before(text: str, start: int) -> str | None:
    """The role a body cue word right before ``start`` implies (被害人王某 -> victim), also
    across the list the name ends (被告人陈斌、王铭霖、王俊旭: all three are defendants)."""
    window = text[max(0, start - 12):start]
    m = _compiled()["cue_before"].search(window)
    if not m:
        m = _list_cue_before(text, start)
    return _cue_role(m.group("cue"), text[start:start + 60]) if m else None


def structure_findings(st: JudgmentStructure, text: str):
    """The structure parser as a recognizer: the names it placed, with their roles."""
    from redactor.document import Category, Finding

    out = []
    punctuation = vocabulary()["name_shape"]["punctuation"]
    for ns in st.name_spans:
        cat = Category.ORGANIZATION.value if ns.is_org else Category.PERSON.value
        attrs = {"role": ns.role}
        if ns.listed:
            attrs["listed"] = True
        if ns.name not in st.people:
            attrs["cue"] = True  # placed by a body cue: its boundaries are a guess
            if ns.listed or ns.end >= len(text) or text[ns.end] in punctuation or follows_name(text, ns.end) >= 2 or (
                    _DOTTED_NAME.fullmatch(ns.name) and text[ns.end] in vocabulary()["name_shape"]["dotted_trailing"]):
                # ... unless the sentence says where the name ends (原告邹开心通过…, 车欢，) or the
                # list does (王建晓、刘国会、; the last member up to the word after it: 毕力格|时分时合)
                attrs["bounded"] = True
        out.append(Finding(ns.start, ns.end, cat, "structure", 1.0 if "cue" not in attrs else 0.8,
                           text[ns.start:ns.end], attrs))
    return out
