"""Person resolution: who each name in a judgment is, and what the policy does with it.

Each distinct name is decided once (its role from the header, the signature block or a cue
word; the policy's action for that role) and the decision is applied to every mention of it,
with the Art. 9 forms (张某, 张某1/张某2) numbered in order of first appearance. A model's or the
grammar's span is cleaned first (whitespace, punctuation, a span inside an organisation's or a
place's name, a word that is no name), and short forms and fuller forms of the same name
(乔浩 / 乔浩柱, the parts of a dotted name) are joined, so that no mention survives.

``decide`` calls ``decide_persons`` with the spans of the organisations and places it kept, and
the spans a model read as a place or an organisation (a string the judgment uses more often as
a place than as a person is that place: ``place_names.places_read_as_names``).
"""

from __future__ import annotations

import functools
import re

from redactor.anonymize import number_people
from redactor.conditions import CaseFacts, anonymize_applies
from redactor.document import Action, Category, Decision, Finding
from redactor.name_forms import (LATIN_START as _LATIN_START, NAME_DOTS, after_person_cue, cut_short_model_spans,
                                 take_the_surname_before,
                                 person_name as _person_name, trim_word_eating_spans)
from redactor.not_names import NotNames, is_common_word, is_model_word
from redactor.place_names import place_list_member, places_read_as_names
from redactor.policy import Policy
from redactor.spans import SpanIndex, find_all, inside, is_one_of, straddles, touches
from redactor.structure import (JudgmentStructure, cue_role_before, dictionary_words, elsewhere_after, follows_name,
                                is_organisation, list_names, name_at, surnames, vocabulary)

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


def _joined_by_name_dot(text: str, start: int, end: int) -> bool:
    """A short form found right next to a name dot is part of another dotted name: 库尔班 of
    the clerk 吾守尔·库尔班 inside the witness 库尔班·阿卜杜拉, 艾力 of 艾力·依明 in 买买提·艾力."""
    return (start > 0 and text[start - 1] in NAME_DOTS) or (end < len(text) and text[end] in NAME_DOTS)


def _aliases(name: str) -> list[str]:
    """Short forms a judgment uses for the same person: the parts of a dotted minority or
    transliterated name (阿不都热合曼·买买提 -> 阿不都热合曼), a Latin surname (John SMITH -> SMITH)."""
    parts = [p for p in re.split(f"[{NAME_DOTS}]", name) if len(p) >= 2]
    if len(parts) > 1:
        return parts
    if _LATIN_START.match(name):
        toks = [t for t in name.split() if len(t) >= 3]
        return toks if len(toks) > 1 else []
    return []


def _word_goes_on(text: str, end: int) -> bool:
    """What follows a word read as a name is no more of a name: punctuation, 的, or another
    dictionary word (被告人安全|生产考核, 上诉人车辆|，, 上诉人公正|判处); not 被告人色彩|虹来到,
    where the model read a given name's first characters (色彩虹)."""
    nxt = text[end:end + 1]
    if not nxt or nxt in vocabulary()["name_shape"]["punctuation"] or nxt == "的":
        return True
    words = dictionary_words()
    return any(text[end:end + n] in words for n in (2, 3, 4))


def decide_persons(text, person_findings, org_spans, st: JudgmentStructure, policy: Policy, place_spans=(),
                   model_places=()):
    """Decide each distinct name once, then apply that decision to every mention.
    ``model_places``: the spans a model read as a place or an organisation (LOCATION,
    ORGANIZATION), the document's own evidence against a weak reading of the same string as a
    person (``place_names.places_read_as_names``)."""
    # 0. Clean spans; a body-cue guess yields to a model's span starting at the same place
    # (被告人李强窜至: the cue reads 李强窜, the model 李强).
    # Legal and ordinary words, 《…》 titles, places and forms already masked are never names
    # (被害人陈述, 《中华人民共和国刑法》, 兴宁市): rules/dictionaries/not_names.yaml.
    not_names = NotNames(text)
    cleaned = [g for g in (_normalise_person(text, f, not_names) for f in person_findings) if g is not None]
    places = places_read_as_names(text, cleaned, st, not_names, SpanIndex(list(model_places) + list(place_spans)))
    cleaned = [f for f in cleaned if _person_name(f.value) not in places]
    cleaned = trim_word_eating_spans(text, cut_short_model_spans(text, take_the_surname_before(text, cleaned), not_names))
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
        if name in places:
            continue  # 高凯、许娜及诗[乐伯] beside 诗乐伯公司
        if (a, b) not in taken and not any(x <= a < y or x < b <= y for x, y in taken):
            findings.append(Finding(a, b, _PERSON, "structure", 0.7, name,
                                    {"cue": True, "role": "other", "beside_model": True}))
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
    cue_words: dict[str, bool] = {}
    kept_findings: list[Finding] = []
    # (imported here: the recognizers bring Presidio, which the parent of a run never needs)
    from redactor.recognizers.address import admin_name_forms

    admin_forms = admin_name_forms()
    for f in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        name = canon(_person_name(f.value))
        if not_a_name(name) and not (f.attrs.get("listed") and not ALREADY_ANONYMIZED.search(name)):
            continue  # (a member of a person cue's list is a name even when it ends like 会 or 社)
        span = f.span
        model_cue = f.source != "structure" and after_person_cue(text, f.start)
        if (f.source != "structure" or f.attrs.get("cue")) and not_names.vetoes(
                f.start, f.end, model=f.source != "structure" and not model_cue, model_after_cue=model_cue):
            continue  # (a name read from a header or signature line has that line's shape: not vetoed)
        if inside(span, org_idx) and not (f.source == "structure"):
            continue
        if name in admin_forms and (inside(span, org_idx) or touches(span, org_idx)
                                          or _place_org_tail().match(text[f.end:f.end + 24])):
            # 广州 in 广州发展集团有限公司 (a cue read 股东广州…), 苏州 before 梓毓钢构…有限公司
            continue
        if f.attrs.get("piece") and name in admin_forms and name not in st.people:
            continue  # 清泰（德州）: a place's name cut out of a model's longer span
        if name in admin_forms and name not in st.people and place_list_member(text, f.start, f.end, admin_forms, place_idx) \
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
        # a common word a model read only after a role word (上诉人[车辆]): see cue_words below
        cue_words[name] = cue_words.get(name, True) and (
            f.source != "structure" and is_common_word(name) and cue_role_before(text, f.start) is not None
            and _word_goes_on(text, f.end))
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
    owner: dict[str, str] = {n: n for n in to_anonymize}
    for name in to_anonymize:
        for alias in _aliases(name):
            if alias not in roles and alias not in owner:
                owner[alias] = name
    # A weak name (no role for it, unknown/other; no header line; no reading of the grammar but
    # list members read only beside a model's name, 黄沙、水泥) is only as good as the model's
    # reading: another mention is masked only where a model's reading there would stand (一[车黄沙]
    # is 一车 and 黄沙 at every mention). A weak name that is a dictionary word (雷管, 黄沙) is
    # masked only where the grammar around the mention reads a person (焦某伟等人[雷管]), not at
    # every occurrence of the word (制造雷管): one doubtful reading must not rewrite it throughout.
    # (居委会宝音家, the householder, is a reading of the grammar: not weak.)
    grammar_names = {canon(_person_name(f.value)) for f in kept_findings
                     if f.source == "structure" and not f.attrs.get("beside_model")}
    # A common word a model read as a person only right after a role word, at every reading
    # (被告人[安全]生产考核合格证书, 上诉人[车辆]: common_word_min_frequency in not_names.yaml), has
    # the role word's role but no more evidence than a weak name: its other mentions (安全、管理,
    # 涉案车辆) are masked only where the grammar reads a person.
    weak_names = {n for n in to_anonymize if (roles.get(n) in (None, "unknown", "other") or cue_words.get(n))
                  and n not in header_names and n not in grammar_names}
    word_names = {n for n in weak_names if is_model_word(n)}
    by_span: dict[tuple[int, int], tuple[Finding, str]] = {}
    for f in kept_findings:
        name = canon(_person_name(f.value))
        guard = protected_for_cues if f.source == "structure" else protected
        if name in to_anonymize and not inside(f.span, guard) and not (
                name in word_names and f.value == name and not_names.reads_a_word(f.start, f.end)):
            by_span[(f.start, f.end)] = (f, name)
    for mention, name in owner.items():
        for s in find_all(text, mention):
            span = (s, s + len(mention))
            if (span not in by_span and not inside(span, protected) and not _part_of_org_name(text, span[1])
                    and not not_names.vetoes(*span)
                    and not (name in weak_names and not_names.reads_a_word(*span, cuts=False))):
                by_span[span] = (Finding(s, span[1], _PERSON, "propagate", 1.0, mention), name)
    # The people numbered, by first appearance: only those with a mention left to mask (Art. 9
    # numbers tell apart the people a reader sees as 肖某1, 肖某2; a name none of whose mentions
    # is published masked, such as a short form that only occurs inside a longer name, takes no
    # number, or the published text would go 肖某1, 肖某3)
    # (a mention inside another one, 姚中 of 姚中园 at the same place, is the longer one's: the
    # longer mask wins where masks overlap)
    mention_idx = SpanIndex(list(by_span))
    by_span = {span: v for span, v in by_span.items() if not inside(span, mention_idx)}
    published = {name for _f, name in by_span.values()}
    numbered = {n: first_seen[n] for n in to_anonymize if n in published}
    forms = number_people(numbered.items())
    decisions = []
    for span, (f, name) in sorted(by_span.items()):
        rule_id, article = to_anonymize[name]
        # whose mention it is: a renumbering after a reviewer's decisions
        # (review_apply._renumber_names) numbers the same people
        f = Finding(f.start, f.end, f.category, f.source, f.score, f.value, {**f.attrs, "person": name})
        decisions.append(Decision(f, Action.ANONYMIZE, forms[name], rule_id, article, role=roles.get(name)))
    return roles, decisions, numbered


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
            if (short not in header_names and text[e:e + 1] not in shape["not_extended_by"] and name_at(text, s) == e + 1
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
