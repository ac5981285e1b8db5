"""Person resolution: who each name in a judgment is, and what the policy does with it.

Each distinct name is decided once (its role from the header, the signature block or a cue
word; the policy's action for that role) and the decision is applied to every mention of it,
with the Art. 9 forms (张某, 张某1/张某2) numbered in order of first appearance. A model's or the
grammar's span is cleaned first (whitespace, punctuation, a span inside an organisation's or a
place's name, a word that is no name), and short forms and fuller forms of the same name
(乔浩 / 乔浩柱, the parts of a dotted name) are joined, so that no mention survives.

``decide`` calls ``decide_persons`` with the spans of the organisations and places it kept, and
the spans a model read as a place or an organisation (a string the judgment uses more often as
a place than as a person is that place: ``_places_read_as_names``).
"""

from __future__ import annotations

import functools
import re

from redactor.anonymize import number_people
from redactor.conditions import CaseFacts, anonymize_applies
from redactor.document import Action, Category, Decision, Finding
from redactor.not_names import NotNames
from redactor.policy import Policy
from redactor.spans import SpanIndex, find_all, inside, is_one_of, straddles, touches
from redactor.structure import (JudgmentStructure, cue_role_before, dictionary_words, elsewhere_after, follows_name,
                                is_organisation, list_names, name_at, surnames, vocabulary, word_aligned)

_PERSON = Category.PERSON.value


# Roles that keep a name public (Art. 11; court staff): a body cue word alone is not enough
# evidence for them (采购负责人, 项目负责人 are not an organisation's 负责人).
# A model's PERSON below this probability that touches an organisation span is read as part
# of the organisation's name (real names score above 0.9 almost always).
FRAGMENT_SCORE = 0.6


PUBLIC_ROLES_FROM_HEADER_ONLY = {"legal_rep", "judge", "juror", "judge_assistant", "clerk"}


_LEGAL_REP_CUE = re.compile(r"(?:法定代表人|(?:公司|单位|厂|店|局|院|所|行|社|会|处|中心|委员会|机关|出庭)(?:主要)?负责人)(?:[：:]|为|是|系)?$")


def _legal_rep_cue(text: str, start: int) -> bool:
    """法定代表人张三 / 该公司负责人张三 name an organisation's representative (Art. 11(1));
    采购负责人张三 does not."""
    return bool(_LEGAL_REP_CUE.search(text, max(0, start - 12), start))


ALREADY_ANONYMIZED = re.compile(r"某|×|x\d|X\d|\d$|ｘ")


# A model's "name" right before a county-level suffix and an organ is a place (萨迦|县人民法院).
PLACE_AFTER_NAME = re.compile(r"^[县区旗市](?:人民法院|人民检察院|人民政府|人民医院|公安局|法院|检察院|看守所)")


@functools.lru_cache(maxsize=1)
def _org_name_tail() -> re.Pattern:
    return re.compile(vocabulary()["org_name_tail"])


@functools.lru_cache(maxsize=1)
def _place_org_tail() -> re.Pattern:
    return re.compile(vocabulary()["place_org_tail"])


def _part_of_org_name(text: str, end: int) -> bool:
    """张伟 in 张伟律师事务所 is the firm's name, not a mention of a person."""
    return bool(_org_name_tail().match(text[end:end + 16]))  # the rule's pattern is ^-anchored


_LATIN_START = re.compile(r"[A-Za-z]")


_WHITESPACE_RUN = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def _person_name(value: str) -> str:
    """A mention's name: Latin names keep their spaces, Han names lose them (王　伟 -> 王伟).
    Cached: a judgment repeats the same few names hundreds of times."""
    v = value.strip()
    return v if _LATIN_START.match(v) else _WHITESPACE_RUN.sub("", v)


def _role_for(name: str, st: JudgmentStructure) -> str | None:
    p = st.people.get(name)
    return p.role if p else None


_WS = " \t\r\n\u3000"


def _normalise_person(text: str, f: Finding, not_names: NotNames | None = None) -> Finding | None:
    """Trim whitespace a model drew into a name (王　伟 stays whole; 雪涵\\n loses the newline),
    and a guess's punctuation and leading conjunction (“小伟, 和李卫: ``NotNames.trim``)."""
    s, e = f.start, f.end
    if not_names is not None and (f.source != "structure" or f.attrs.get("cue")):
        s, e = not_names.trim(s, e, surnames()[0])
    while s < e and text[s] in _WS:
        s += 1
    while e > s and text[e - 1] in _WS:
        e -= 1
    nl = text.find("\n", s, e)
    if nl >= 0:
        e = nl
        while e > s and text[e - 1] in _WS:
            e -= 1
    if e - s < 1:
        return None
    if (s, e) == (f.start, f.end):
        return f
    return Finding(s, e, f.category, f.source, f.score, text[s:e], dict(f.attrs))


_NAME_DOTS = "·•．・"


def _joined_by_name_dot(text: str, start: int, end: int) -> bool:
    """A short form found right next to a name dot is part of another dotted name: 库尔班 of
    the clerk 吾守尔·库尔班 inside the witness 库尔班·阿卜杜拉, 艾力 of 艾力·依明 in 买买提·艾力."""
    return (start > 0 and text[start - 1] in _NAME_DOTS) or (end < len(text) and text[end] in _NAME_DOTS)


def _aliases(name: str) -> list[str]:
    """Short forms a judgment uses for the same person: the parts of a dotted minority or
    transliterated name (阿不都热合曼·买买提 -> 阿不都热合曼), a Latin surname (John SMITH -> SMITH)."""
    parts = [p for p in re.split(r"[·•．・]", name) if len(p) >= 2]
    if len(parts) > 1:
        return parts
    if _LATIN_START.match(name):
        toks = [t for t in name.split() if len(t) >= 3]
        return toks if len(toks) > 1 else []
    return []


def after_person_cue(text: str, start: int) -> bool:
    """A role word only a person follows stands right before ``start`` (被告人, 伙同, 民警): a
    model's name there is no start of an organisation's name, however soon 超市 or 饭店 comes
    (被告人闵雪欣乘车窜至固安县物美超市, 被告人大卫·哈桑窜至…饭店). A victim may be a company
    (被害人长沙喜来登酒店): the victims' cue words do not count."""
    m = _cue_before().search(text, max(0, start - 12), start)
    return bool(m) and m.group("cue") in _person_cues()


@functools.lru_cache(maxsize=1)
def _person_cues() -> frozenset[str]:
    cues = vocabulary()["body_cues"] | vocabulary()["header_roles"]
    return frozenset(c for c in vocabulary()["person_cues"] if cues.get(c) != "victim")


def _cue_before():
    from redactor.structure import _compiled  # the cue grammar's compiled patterns

    return _compiled()["cue_before"]


def name_ends_at(text: str, end: int, strong: bool = False) -> bool:
    """What stands at ``end`` is what follows a person's name: the end of the text,
    punctuation, a fact-text word or a date (归案, 窜至, 于2018年); unless ``strong``, also one
    character that follows a name (在, 至, 将)."""
    shape = vocabulary()["name_shape"]
    if end >= len(text) or text[end] in shape["punctuation"]:
        return True
    word = follows_name(text, end)
    return word >= 2 or (not strong and (word == 1 or text[end] in shape["follow"]))


def _cut_short_model_spans(text: str, findings: list[Finding], not_names: NotNames) -> list[Finding]:
    """A model's name that stops inside the given name would publish the rest of it (黄新|年采用
    -> 黄某年, 肖解|放将 -> 肖某放, 欧阳|向阳 -> 欧某向阳, 金婷|珍至 -> 金某珍): the mask takes the
    whole name.

    - Where the grammar read the name after a role word starting at the same character and
      the sentence goes on after its reading, not after the model's (金婷|珍至: 珍至 is no
      word that follows a name; 金婷珍|至 is), the grammar's reading wins and the model's
      span is dropped.
    - Otherwise a model's span of a surname and at most one given character that nothing a
      name is followed by follows takes the next character (two after a compound surname
      alone) when a name ends there: before punctuation or a fact-text word (黄新年|采用),
      or before one character that follows a name where the given name read so is a word of
      the dictionary (肖解放|将: 解放; the word-like given names of real judgments), and the
      longer reading cuts no word (马超|赶到 is not 马超赶). A function word or a place's unit is
      never taken (罗江|了, 万宝|路), except a word-like given name right after a role word
      only a person follows or after a compound surname alone (被告人黄新|年, 被告人肖解|放, 欧阳|向阳).
    The grammar's reading must cut no word either.
    """
    cue_ends = {f.start: f.end for f in findings if f.source == "structure" and f.attrs.get("cue")}
    single, compound = surnames()
    words = dictionary_words()
    not_given = vocabulary()["name_shape"]["not_in_given_name"]
    place_after = vocabulary()["bare_names"]["place_after"]
    out, dropped = [], set()
    whole: dict[str, str] = {}  # a model's short reading -> the whole name it was taken to
    for f in findings:
        surname_alone = f.value in compound  # 欧阳 of 欧阳向阳: a compound surname is no name alone
        if f.source == "structure" or (name_ends_at(text, f.end) and not surname_alone):
            out.append(f)
            continue
        cue_end = cue_ends.get(f.start)
        if cue_end is not None and cue_end > f.end:
            if name_ends_at(text, cue_end) and word_aligned(text, f.start, cue_end):  # not 马超赶|到
                dropped.add(f.start)
                continue  # the grammar's reading stands (step 0 of decide_persons)
            out.append(f)
            continue
        head = 2 if f.value[:2] in compound else 1 if f.value[:1] in single else 0
        given = len(f.value) - head
        new_end = None
        if head and given in (0, 1) and f.value.isalpha() and f.value[-1] not in place_after:
            for e in range(f.start + head + 2, f.end, -1):  # the longest reading first
                extras = text[f.end:e]
                if len(extras) != e - f.end or any(not ("\u4e00" <= ch <= "\u9fa5") or ch == "某" or ch in place_after
                                                    for ch in extras):
                    continue  # 万宝|路（, 长田村|谈: a place's name goes on, not a person's
                given_name = text[f.start + head:e]
                if any(ch in not_given for ch in extras) and not (
                        given_name in words and (surname_alone or after_person_cue(text, f.start))):
                    continue  # 罗江|了, 钱平|分; but 被告人黄新|年采用, 被告人肖解|放将: a word-like given name
                if (name_ends_at(text, e, strong=True) or (name_ends_at(text, e) and given_name in words)) \
                        and word_aligned(text, f.start, e) and not not_names.vetoes(f.start, e):
                    new_end = e
                    break
        if new_end is None:
            out.append(f)
        else:
            whole[f.value] = text[f.start:new_end]
            out.append(Finding(f.start, new_end, f.category, f.source, f.score, text[f.start:new_end], dict(f.attrs)))
    # The same short reading elsewhere is the same name cut short (被告人姜庆|翾串通… and 其中姜庆|翾分得):
    # every mention takes the whole name, so that the role read at one holds for all.
    out = [Finding(f.start, f.start + len(whole[f.value]), f.category, f.source, f.score, whole[f.value], dict(f.attrs))
           if f.source != "structure" and f.value in whole and text.startswith(whole[f.value], f.start) else f
           for f in out]
    if dropped:
        # the grammar's reading now stands alone at that start: it is bounded by the sentence
        out = [Finding(f.start, f.end, f.category, f.source, f.score, f.value, {**f.attrs, "bounded": True})
               if f.source == "structure" and f.start in dropped and f.attrs.get("cue") else f for f in out]
    return out


def decide_persons(text, person_findings, org_spans, st: JudgmentStructure, policy: Policy, place_spans=(),
                   model_places=()):
    """Decide each distinct name once, then apply that decision to every mention.
    ``model_places``: the spans a model read as a place or an organisation (LOCATION,
    ORGANIZATION), the document's own evidence against a weak reading of the same string as a
    person (``_places_read_as_names``)."""
    # 0. Clean spans; a body-cue guess yields to a model's span starting at the same place
    # (被告人李强窜至: the cue reads 李强窜, the model 李强).
    # Legal and ordinary words, 《…》 titles, places and forms already masked are never names
    # (被害人陈述, 《中华人民共和国刑法》, 兴宁市): rules/dictionaries/not_names.yaml.
    not_names = NotNames(text)
    cleaned = [g for g in (_normalise_person(text, f, not_names) for f in person_findings) if g is not None]
    places_read_as_names = _places_read_as_names(text, cleaned, st, not_names,
                                                 SpanIndex(list(model_places) + list(place_spans)))
    cleaned = [f for f in cleaned if _person_name(f.value) not in places_read_as_names]
    cleaned = _cut_short_model_spans(text, cleaned, not_names)
    model_starts = {f.start: f for f in cleaned if f.source != "structure"}
    # ... unless the sentence bounds the cue's name (原告邹开心通过…: the model's 邹开 is short).
    bounded = {f.start: f.end for f in cleaned if f.attrs.get("bounded")}
    bounded_idx = SpanIndex(bounded.items())
    findings = []
    for f in cleaned:
        if f.source != "structure" and bounded and (bounded.get(f.start, f.end) != f.end or (
                f.span not in bounded.items() and straddles(f.span, bounded_idx))):
            # ... and a model span that runs over its edge (被告人周全和唐杰: the model's 和唐杰)
            continue
        if f.attrs.get("cue") and not f.attrs.get("bounded") and f.start in model_starts \
                and model_starts[f.start].end != f.end:
            m = model_starts[f.start]
            m.attrs.setdefault("role", f.attrs.get("role"))
            continue
        findings.append(f)
    header_spans = [(f.start, f.end) for f in findings if f.source == "structure" and not f.attrs.get("cue")]
    # Every mention of a name the header or signature block reads whole (and its short
    # forms): a model's fragment inside one (阿不 in 阿不都热合曼·买买提) is that person.
    for n, p in st.people.items():
        if not p.is_org:
            for form in [n, *_aliases(n)]:
                header_spans += [(x, x + len(form)) for x in find_all(text, form)
                                 if form == n or not _joined_by_name_dot(text, x, x + len(form))]
    # Names in lists next to names the model found (董军、王建华、刘晓明等人).
    model_names = {_person_name(f.value) for f in findings if f.source != "structure"}
    taken = {(f.start, f.end) for f in findings}
    for a, b, name in list_names(text, {n for n in model_names if len(n) >= 2}):
        if name in places_read_as_names:
            continue  # 高凯、许娜及诗[乐伯] beside 诗乐伯公司
        if (a, b) not in taken and not any(x <= a < y or x < b <= y for x, y in taken):
            findings.append(Finding(a, b, _PERSON, "structure", 0.7, name, {"cue": True, "role": "other"}))
    # A cue read one character too far (耿帆参与 -> 耿帆参) where the two-character name is known.
    all_names = model_names | {_person_name(f.value) for f in findings}
    for i, f in enumerate(findings):
        if f.attrs.get("cue") and len(f.value) == 3 and f.value[:2] in all_names and f.value not in model_names:
            findings[i] = Finding(f.start, f.start + 2, f.category, f.source, f.score, f.value[:2], dict(f.attrs))

    # Short forms of known long names are that person (阿不都热合曼 for 阿不都热合曼·买买提,
    # a model's 阿不都热合 too); Han names are not shortened (张伟 is not 张伟明).
    long_names = [n for n, p in st.people.items() if not p.is_org and (len(n) >= 5 or _aliases(n))]
    canonical: dict[str, str] = {}
    for n in long_names:
        for a in _aliases(n):
            canonical.setdefault(a, n)

    @functools.lru_cache(maxsize=None)  # per document: called for every mention
    def canon(name: str) -> str:
        if name in canonical:
            return canonical[name]
        if len(name) >= 3:
            hits = [n for n in long_names if name in n and name != n]
            if len(hits) == 1:
                return hits[0]
        return name

    @functools.lru_cache(maxsize=None)
    def not_a_name(name: str) -> bool:
        return ((len(name) < 2 and not _LATIN_START.match(name))
                or bool(ALREADY_ANONYMIZED.search(name)) or is_organisation(name))

    org_idx, place_idx, header_idx = SpanIndex(org_spans), SpanIndex(place_spans), SpanIndex(header_spans)
    # 1. Distinct names with their mentions and the strongest role evidence.
    roles: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    kept_findings: list[Finding] = []
    # (imported here: the recognizers bring Presidio, which the parent of a run never needs)
    from redactor.recognizers.address import admin_name_forms

    admin_forms = admin_name_forms()
    for f in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        name = canon(_person_name(f.value))
        if not_a_name(name) and not (f.attrs.get("listed") and not ALREADY_ANONYMIZED.search(name)):
            continue  # (a member of a person cue's list is a name even when it ends like 会 or 社)
        span = f.span
        if (f.source != "structure" or f.attrs.get("cue")) and not_names.vetoes(
                f.start, f.end, model=f.source != "structure" and not after_person_cue(text, f.start)):
            continue  # (a name read from a header or signature line has that line's shape: not vetoed)
        if inside(span, org_idx) and not (f.source == "structure"):
            continue
        if name in admin_forms and (inside(span, org_idx) or touches(span, org_idx)
                                          or _place_org_tail().match(text[f.end:f.end + 24])):
            # 广州 in 广州发展集团有限公司 (a cue read 股东广州…), 苏州 before 梓毓钢构…有限公司
            continue
        if f.attrs.get("piece") and name in admin_forms and name not in st.people:
            continue  # 清泰（德州）: a place's name cut out of a model's longer span
        if name in admin_forms and name not in st.people and _place_list_member(text, f.start, f.end, admin_forms, place_idx) \
                and not cue_role_before(text, f.start):
            continue  # 覆盖郑州、三门峡、上街、南阳、许昌: a place among places
        if _part_of_org_name(text, f.end):
            continue
        if f.source != "structure" and f.score < FRAGMENT_SCORE and touches(span, org_idx):
            # 纳明 (0.45) right before 辉房地产开发有限公司 in 西双版纳明辉房地产开发有限公司:
            # a doubtful name glued to an organisation the model found is a piece of its name
            continue
        if f.source != "structure" and (inside(span, header_idx) or straddles(span, header_idx)):
            # A piece of a name the header or signature block already reads whole, or a
            # model span that runs over its edge (长　孙桂华 after 审判长): the structure's
            # boundaries win.
            continue
        if f.source != "structure" and (inside(span, place_idx) or is_one_of(span, place_idx)
                                        or PLACE_AFTER_NAME.match(text, f.end)):
            continue  # 萨迦 in 萨迦县: a county, not a person
        header = st.people.get(name)  # the header or signature block, not a body cue
        header_role = header.role if header else None
        role = st.role_of(name)
        if role in (None, "other"):
            # "other" (read before 的联系电话) is the vaguest evidence: a role word right before
            # this mention says more (被告法定代表人郭新杰校长…)
            role = f.attrs.get("role") or cue_role_before(text, f.start) or role
        if not header_role and role in PUBLIC_ROLES_FROM_HEADER_ONLY and not _legal_rep_cue(text, f.start):
            # 被告公司的采购负责人张三 is not the company's 负责人: a role that keeps a name
            # public is believed only from the header or signature block.
            role = "unknown"
        if not header_role and elsewhere_after(text, f.end):
            role = "co_offender_elsewhere"  # 伙同易静妍、江新华（二人另案处理）: not a party of this case
        if name not in roles or role == "co_offender_elsewhere" or (
                roles[name] in ("unknown", "other") and role not in (None, "unknown", "other")):
            roles[name] = role or roles.get(name) or "unknown"
        first_seen.setdefault(name, f.start)
        kept_findings.append(f)
    for name, p in st.people.items():
        if not p.is_org:
            roles[name] = p.role  # the header and signature block are the best evidence

    facts = CaseFacts(text, st, family_causes=policy.family_causes)
    minors = {p.name for p in st.minors()}
    to_anonymize: dict[str, tuple[str, str]] = {}  # name -> (rule id, article)
    for name, role in roles.items():
        if name not in first_seen:
            continue
        rule = policy.role_rule(role)
        action, article = rule.action, rule.article
        if action == "keep" and anonymize_applies(rule.anonymize_when, facts, st.people.get(name)):
            action = "anonymize"  # a kept role's anonymize_when (redactor/conditions.py)
        if name in minors and policy.minors == "anonymize":
            action, article = "anonymize", "法释〔2016〕19号 第八条第（三）项"
        if action == "anonymize":
            to_anonymize[name] = (f"person:{role}", article)

    # A masked name read short at some mentions (乔浩 of 乔浩柱, 全才 of 王全才) would leave part
    # of the given name in clear (乔某柱, 王全某2): the whole name is masked, and a short form
    # that occurs only inside it is no person of its own.
    fragments: set[str] = set()
    header_names = {n for n, p in st.people.items() if not p.is_org}
    for short, whole in _whole_names(text, to_anonymize, roles, not_names, header_names):
        to_anonymize.setdefault(whole, to_anonymize[short])
        roles.setdefault(whole, roles[short])
        first_seen.setdefault(whole, text.find(whole))
        if len(find_all(text, short)) == len(find_all(text, whole)):
            fragments.add(short)
            first_seen[whole] = min(first_seen[whole], first_seen[short])
    for short in fragments:
        to_anonymize.pop(short, None)

    # 2. Every mention of a name that must go: the detected ones and all others (propagation,
    # short forms included), but not inside an organisation's name or a longer name that
    # stays (张伟 vs judge 张伟明).
    kept_name_spans = []
    for name in roles:
        if name not in to_anonymize and name not in fragments:
            for s in find_all(text, name):
                kept_name_spans.append((s, s + len(name)))
    protected = list(org_spans) + list(place_spans) + kept_name_spans
    # A name the parser placed by a cue (从金素洁处) stands even inside a model's organisation
    # span (LAC reads 金素洁处 as ORG); the header's organisations still protect their names.
    header_orgs = [(s, s + len(n)) for n, p in st.people.items() if p.is_org for s in find_all(text, n)]
    protected_for_cues = SpanIndex(header_orgs + list(place_spans) + kept_name_spans)
    protected = SpanIndex(protected)
    numbered = {n: first_seen[n] for n in to_anonymize}  # the people numbered, by first appearance
    forms = number_people(numbered.items())
    owner: dict[str, str] = {n: n for n in to_anonymize}
    for name in to_anonymize:
        for alias in _aliases(name):
            if alias not in roles and alias not in owner:
                owner[alias] = name
    by_span: dict[tuple[int, int], tuple[Finding, str]] = {}
    for f in kept_findings:
        name = canon(_person_name(f.value))
        guard = protected_for_cues if f.source == "structure" else protected
        if name in to_anonymize and not inside(f.span, guard):
            by_span[(f.start, f.end)] = (f, name)
    for mention, name in owner.items():
        for s in find_all(text, mention):
            span = (s, s + len(mention))
            if (span not in by_span and not inside(span, protected) and not _part_of_org_name(text, span[1])
                    and not not_names.vetoes(*span)):
                by_span[span] = (Finding(s, span[1], _PERSON, "propagate", 1.0, mention), name)
    decisions = []
    for span, (f, name) in sorted(by_span.items()):
        rule_id, article = to_anonymize[name]
        # whose mention it is: a renumbering after a reviewer's decisions
        # (review_apply._renumber_names) numbers the same people
        f = Finding(f.start, f.end, f.category, f.source, f.score, f.value, {**f.attrs, "person": name})
        decisions.append(Decision(f, Action.ANONYMIZE, forms[name], rule_id, article, role=roles.get(name)))
    return roles, decisions, numbered


_LIST_EDGES = frozenset("、，,。；;：:（(）)“”\"\n")
_LIST_TAIL = re.compile(r"(?:等地|等市|等县|等区|等)$")


def _place_list_member(text: str, start: int, end: int, admin_forms, place_idx) -> bool:
    """``text[start:end]`` is a whole member of a 、-list next to a member that is a place (a
    dictionary name or a kept place span): 南阳 in 覆盖郑州、三门峡、上街、南阳、许昌 is the city,
    as its neighbours are."""
    before, after = text[start - 1:start], text[end:end + 1]
    if "、" not in (before, after) or (before and before not in _LIST_EDGES) or (after and after not in _LIST_EDGES):
        return False
    neighbours = []
    if before == "、":
        a = s0 = start - 1
        while s0 > 0 and text[s0 - 1] not in _LIST_EDGES and a - s0 < 12:
            s0 -= 1
        neighbours.append((s0, a))
    if after == "、":
        b = e0 = end + 1
        while e0 < len(text) and text[e0] not in _LIST_EDGES and e0 - b < 12:
            e0 += 1
        neighbours.append((b, e0))
    for x, y in neighbours:
        member = _LIST_TAIL.sub("", text[x:y])
        if member in admin_forms or is_one_of((x, x + len(member)), place_idx):
            return True
    return False


def _places_read_as_names(text: str, findings: list[Finding], st: JudgmentStructure, not_names: NotNames,
                          places: SpanIndex) -> set[str]:
    """The names that are no names: a string the judgment uses more often as (part of) a place
    or an organisation than as a person (九[龙镇] beside 绵竹市九龙镇, [大连] beside 吉鼎实业（大连）
    有限公司, [吉庆]楼的 beside 吉庆茶楼, 众鑫砖厂, 带到[长春] beside 长春市): one weak guess must not
    rename every mention of the place. A person's mention counts for the name only where its own
    context is no place's (吉庆茶馆 is read as a person by the model, and counts against it); a
    model's one place reading of a name it also reads as a person is a tie and the name stays
    (杨金山保管 / 从杨金山文件柜). Only a name a model proposed, or the grammar read with no role (a
    list member: 及诗[乐伯] beside 诗乐伯公司); a name the header, the signature block or a role word
    read stays a name. Done before a cue yields to a model's span at its start, so that the cue's
    reading comes back (女儿张家惠, not the model's 张家 of 张家洼村)."""
    by_name: dict[str, list[int]] = {}
    for f in findings:
        by_name.setdefault(_person_name(f.value), []).append(f.start)
    firm = set(st.people) | {n for n, r in st.cue_roles.items() if r not in ("other", "unknown")}
    firm |= {_person_name(f.value) for f in findings if f.source == "structure" and not f.attrs.get("cue")}
    out = set()
    for name, starts in by_name.items():
        if name in firm or len(name) < 2 or any(cue_role_before(text, s) for s in starts):
            continue  # 证人[呼和]证实 beside 呼和浩特市: a role word before a mention makes it a person
        as_place = _read_as_place_or_org(text, name, places, not_names)
        # a mention the model reads as a place at exactly its span is the disagreement being
        # weighed, not a context against it (备案[兰洋]、刘某4: a list member the model calls LOC)
        if len(as_place) > sum(1 for s in starts if not as_place.get(s)):
            out.add(name)
    return out


def _read_as_place_or_org(text: str, name: str, places: SpanIndex, not_names: NotNames) -> dict[int, bool]:
    """The mentions of ``name`` (their starts) that stand inside a span a model read as a place
    or an organisation (九龙镇 of 绵竹市九龙镇, 大连 of （大连）有限公司) or run straight on into a
    business's name (吉庆茶楼, 马山商务宾馆, 众鑫砖厂): True; that are one such span (马山 as
    LOCATION): False."""
    out = {}
    for s in find_all(text, name):
        span = (s, s + len(name))
        if inside(span, places) or not_names.starts_trade_name(span[1]):
            out[s] = True
        elif is_one_of(span, places):
            out[s] = False
    return out


def _whole_names(text: str, to_anonymize: dict, roles: dict, not_names: NotNames,
                 header_names: frozenset[str] | set[str] = frozenset()) -> list[tuple[str, str]]:
    """(short, whole) for a masked two-character name that the text also writes as part of a
    three-character name: with the next character (乔浩 -> 乔浩柱) or after a surname (全才 ->
    王全才), where that reading has a name's shape (``name_at``: what follows it is what follows
    a name), no word covers the surname (在于树军 stays) and none starts inside it (於悦用于).
    After a surname that is also a function word (和, 于, 向) it takes two such mentions.

    A name keeps the form the document establishes (Art. 9: one person, one form): a name the
    header or signature block reads whole is never extended by the next character (被告人曹楠参与:
    曹楠 is the party, 参与 the verb), nor into a word that starts at that character (刘甲途经,
    找刘乙索要, 伪造李甲签名, 证人刘丁作证); and a name written whole somewhere (punctuation or a
    fact-text word right after it: 刘甲、刘乙, 刘甲到案), or one whose next character is one that
    follows a name (张旭说), is extended only where two mentions read the longer name (刘甲开摩托车
    once is the verb 开)."""
    single = surnames()[0]
    shape = vocabulary()["name_shape"]
    ambiguous = set(shape["ambiguous_surnames"])
    punctuation, follow = shape["punctuation"], shape["follow"]
    words = dictionary_words()
    out = []
    for short in list(to_anonymize):
        if len(short) != 2 or not all("\u4e00" <= ch <= "\u9fa5" for ch in short):
            continue
        mentions = find_all(text, short)
        written_whole = any(text[s + 2:s + 3] in punctuation or follows_name(text, s + 2) >= 2 for s in mentions)
        seen: dict[str, int] = {}
        for s in mentions:
            e = s + 2
            if any(text[s - k:e + j] in roles for k in (1, 2) for j in (0, 1) if s >= k):
                continue  # 华光 inside 刘华光 there: that mention is the longer name's
            if (short not in header_names and name_at(text, s) == e + 1
                    and not_names.trim(s, e + 1, single) == (s, e + 1)
                    and not any(text[e:e + n] in words for n in (2, 3, 4))):
                # one mention is enough where punctuation bounds the longer name (孔庆平、孔庆于…)
                # or nothing speaks for the short one; not where the text also writes the short
                # name whole or the next character is one that follows a name (张旭说, 王峰便: the
                # short reading ends as well there)
                weak = text[e + 1:e + 2] not in punctuation and (written_whole or text[e] in follow)
                seen[text[s:e + 1]] = seen.get(text[s:e + 1], 0) + (1 if weak else 2)
            if (s > 0 and text[s - 1] in single and name_at(text, s - 1) == e and not not_names.word_over(s - 1)
                    and not_names.trim(s - 1, e, single) == (s - 1, e)):
                # a surname that is also a function word (和, 于, 向) needs two mentions
                seen[text[s - 1:e]] = seen.get(text[s - 1:e], 0) + (1 if text[s - 1] in ambiguous else 2)
        wholes = [w for w, n in seen.items() if n >= 2 and (w not in roles or w in to_anonymize)
                  and not not_names.vetoes(text.find(w), text.find(w) + len(w))]
        # a surname before the short form says it is a given name (华光 of 刘华光): then a
        # character after it (华光上诉) is the sentence going on, not more of the name
        prefixed = [w for w in wholes if w.endswith(short)]
        out += [(short, w) for w in (prefixed or wholes)]
    return out
