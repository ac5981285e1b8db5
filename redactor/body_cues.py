"""Names the body places by a cue word (被害人王芳, 证人李某, 原告张伟与被告…), and their roles.

After a role word (the header's labels and roles.yaml ``body_cues``): a name, or the list of
names the cue opens (被告王某、罗玉兰、李某), and the partners of a joint act (被告人蒋某与张发财
共同…). Also a name before an after-cue (…、余军的证言), before a note that its bearer is dealt
with in another case (千琪（已判决）), whose place it is (从金素洁处); then the bare names
(``bare_names``), the objects of the verbs of criminal facts (``redactor.verb_objects``) and the
lists that hold a known person (``name_lists``). When cues give one name several roles, the one
that protects the person wins (``_ROLE_PRIORITY``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redactor.bare_names import bare_names
from redactor.judgment_record import JudgmentStructure, NameSpan
from redactor.name_lists import _last_member_end, _list_member_end, list_names
from redactor.name_shape import (_ANONYMIZED_TOKEN, _minority_elements_end, _one_minority_element, follows_name,
                                 is_organisation, name_at)
from redactor.structure_vocabulary import _bare_grammar, _compiled, _grammar, surnames, vocabulary, word_surnames
from redactor.word_checks import common_words, dictionary_words, plausible_name, word_aligned


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


def parse_body_cues(st: JudgmentStructure, text: str) -> None:
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
            if pos < 0 or (pos, note_start) in seen or (pos > 0 and text[pos - 1] in "某×Xx*"):
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
    from redactor.verb_objects import object_names  # it reads the grammar through redactor.structure

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
