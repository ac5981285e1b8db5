"""The party header: a line per party or representative (``原告：张伟，男，1985年3月12日出生，汉族，住…``).

A header line is a role label, a name and what says who the person is (sex, birth,
residence, firm); a body sentence that happens to open with a role word says none of that
and is skipped. The label gives the role (an agent whose line names a firm is a lawyer),
the party line before an agent's the party the agent acts for, the line the birth date.
The header ends where the procedural paragraph begins (一案, 本院于…).
"""

from __future__ import annotations

import re
from datetime import date

from redactor.case_details import parse_chinese_date
from redactor.judgment_record import JudgmentStructure, NameSpan, Person
from redactor.name_shape import (_DOTTED_NAME, _LATIN_NAME, _minority_elements_end, follows_name, is_organisation,
                                 name_at)
from redactor.structure_vocabulary import _compiled, _grammar, vocabulary


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


def _canonical_role(label: str, rest_of_line: str) -> str:
    v = vocabulary()
    core = re.sub(r"^(原审|一审|二审)", "", label)
    role = v["header_roles"].get(core) or v["header_roles"].get(label) or "unknown"
    if role == "agent_or_lawyer":
        return "lawyer" if re.search(v["lawyer_marker"], rest_of_line) else "agent"
    return role


_HEADER_HINT = re.compile(r"[男女]|出生|生于|族|住|律师|法律|职务|经理|主任|董事|厂长|代表|身份|公民|国籍|户籍|系|工作|职员|村民|农民|无业|个体|职工|学生|羁押|取保|逮捕|拘留|监视居住|年龄|岁|该|单位|公司|住所")


def parse_header(st: JudgmentStructure, lines: list[str], offsets: list[int], text: str) -> None:
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
