"""A string read as a person's name that is a place (or a business) in this judgment.

Split out of persons.py: ``place_list_member`` (南阳 in 郑州、三门峡、上街、南阳、许昌 is the city, as
its neighbours are) and ``places_read_as_names`` (a name only a model or a role-less reading
proposed, that the judgment uses more often inside a place, an organisation or a business's
name than as a person: 九[龙镇] beside 绵竹市九龙镇, 吉庆茶楼). persons.py drops those readings
before it decides whose name each is.
"""

from __future__ import annotations

import re

from redactor.document import Finding
from redactor.name_forms import person_name
from redactor.not_names import NotNames
from redactor.spans import SpanIndex, find_all, inside, is_one_of
from redactor.structure import JudgmentStructure, cue_role_before

_LIST_EDGES = frozenset("、，,。；;：:（(）)“”\"\n")
_LIST_TAIL = re.compile(r"(?:等地|等市|等县|等区|等)$")


def place_list_member(text: str, start: int, end: int, admin_forms, place_idx) -> bool:
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


def places_read_as_names(text: str, findings: list[Finding], st: JudgmentStructure, not_names: NotNames,
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
        by_name.setdefault(person_name(f.value), []).append(f.start)
    firm = set(st.people) | {n for n, r in st.cue_roles.items() if r not in ("other", "unknown")}
    firm |= {person_name(f.value) for f in findings if f.source == "structure" and not f.attrs.get("cue")}
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
