"""Names as the objects of the verbs of criminal facts (issue 14).

Real judgments name victims, buyers of stolen goods and the people who caught an offender as
the object of a verb, with no role word before them: 盗窃穆刚子一辆电动车, 窃得尚向阳雅迪牌电动车,
卖给了何星。, 发还韩翠花。, 被魏菊发现. The name's end is then told by what follows the object (一辆,
的, 家, 现金; the end of the clause or an amount; 发现, 抓获), not by the words that follow a
sentence's subject (``structure.name_at``). The verbs and what may follow their object are in
``rules/dictionaries/roles.yaml`` (``verb_objects``), with the reason for each group.

A reading must still have a name's shape: a dictionary surname and one or two given
characters that are no function words, no word of the jieba dictionary (现金, 石头, 金额),
and no cut through one (盗窃方便|面). The longest reading whose end is one the group names
wins (穆刚子|一辆, not 穆刚|子一).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redactor import structure


@lru_cache(maxsize=1)
def _groups() -> tuple[re.Pattern, list[dict], dict[str, int]]:
    groups = []
    verb_group: dict[str, int] = {}
    for i, g in enumerate(structure.vocabulary()["verb_objects"]):
        ends = sorted(g.get("ends", ()), key=len, reverse=True)
        groups.append({"ends": re.compile("|".join(re.escape(w) for w in ends)) if ends else None,
                       "punctuation": bool(g.get("punctuation")), "digits": bool(g.get("digits")),
                       "brand": re.compile(g["brand"]) if g.get("brand") else None})
        for v in g["verbs"]:
            verb_group.setdefault(v, i)
    verbs = sorted(verb_group, key=len, reverse=True)
    return re.compile("|".join(re.escape(v) for v in verbs)), groups, verb_group


def _ends_object(text: str, end: int, group: dict) -> bool:
    if end >= len(text):
        return group["punctuation"]
    ch = text[end]
    if group["punctuation"] and ch in structure.vocabulary()["name_shape"]["punctuation"]:
        return True
    if group["digits"] and ch.isdigit():
        return True
    return bool(group["ends"] and group["ends"].match(text, end)) or bool(group["brand"] and group["brand"].match(text, end))


def _object_end(text: str, pos: int, group: dict, person_cue: bool = False, left_known: bool = False) -> int | None:
    """End of the name that is the verb's object at ``pos``, or None. ``person_cue``: a role word
    only a person follows stands between the verb and the name (盗走被害人钱解放的…): a given
    name that is a word may hold a function character then (解放). ``left_known``: a word ends at
    ``pos`` (see ``structure.word_aligned``)."""
    single, compound = structure.surnames()
    shape = structure.vocabulary()["name_shape"]
    not_given = shape["not_in_given_name"]
    heads = ([pos + 2] if text[pos:pos + 2] in compound else []) + ([pos + 1] if text[pos:pos + 1] in single else [])
    words = structure.dictionary_words()
    titles = structure.vocabulary()["bare_names"]["titles"]
    minority_end = structure._minority_elements_end(text, pos)
    if minority_end and minority_end - pos >= 3 and _ends_object(text, minority_end, group):
        return minority_end  # 盗窃尼玛顿珠现金200元: a minority name of two elements or more
    for head in heads:
        for glen in (2, 1):
            end = head + glen
            given = text[head:end]
            bounded = end >= len(text) or text[end] in shape["punctuation"] \
                or bool(group["brand"] and group["brand"].match(text, end))
            if len(given) < glen or not all("\u4e00" <= ch <= "\u9fa5" for ch in given) \
                    or (any(ch in not_given for ch in given) and not (
                        glen == 2 and given in words and (person_cue or bounded))):
                continue  # 窃得尚向阳雅迪牌…, 归还了裴未来；: a word-like given name the object's end bounds
            name = text[pos:end]
            if name in words or name in shape["not_names"] or name in shape["not_names_in_facts"] \
                    or text[pos:pos + 2] in shape["not_names_in_facts"] or given in shape["not_names_in_facts"]:
                continue  # 现金, 石头, 车辆: the object is a thing (交给蒋|现金80万元: 蒋 is short for a name)
            if name[1:] in titles or name[-2:] in titles:
                continue  # 卖给罗老板, 交给严经理: a surname and a title, not a name
            if _ends_object(text, end, group) and structure.plausible_name(text, pos, end, left_known):
                return end
    return None


def owner_end(text: str, pos: int, owner_follow: re.Pattern) -> int | None:
    """End of an owner's name after a word of ownership or place (村民组胡菊婧户…, …室欧爱国家)
    that ``structure.name_at`` finds no end for: what follows is what the owner owns."""
    return _object_end(text, pos, {"ends": owner_follow, "punctuation": False, "digits": False, "brand": None})


def object_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, role) of each name read as the object of a verb of ``verb_objects``: the
    role is ``other``, or the role word's between the verb and the name (盗取了被害人戴顺利保险箱内…:
    the cue reader finds no end after 戴顺利; the verb's object does)."""
    verbs_re, groups, verb_group = _groups()
    role_prefix = structure._compiled()["role_prefix"]
    person_cues = frozenset(structure.vocabulary()["person_cues"])
    words = structure.dictionary_words()
    out = []
    for m in verbs_re.finditer(text):
        pos, role = m.end(), "other"
        rm = role_prefix.match(text, pos)
        person_cue = bool(rm)
        if rm:
            if rm.group(0) not in person_cues:
                continue  # 盗窃被告…: a role word only a person follows, or none
            role = structure._cue_role(rm.group(0), text[rm.end():rm.end() + 60]) or "other"
            pos = rm.end()
        if pos >= len(text) or structure._ANONYMIZED_TOKEN.match(text, pos):
            continue  # 盗窃张某家: masked already
        # The verb ends a word where no dictionary word runs on from it into the object (发还|阳婷,
        # which jieba cuts 发|还阳|婷; not 赔偿费|中…, 给付|借款): the segmenter's cut before the
        # name is then not needed.
        left_known = person_cue or not any(text[m.start():b] in words for b in range(pos + 1, min(len(text), m.start() + 4) + 1))
        end = _object_end(text, pos, groups[verb_group[m.group(0)]], person_cue, left_known)
        if end and not structure.is_organisation(text[pos:end]):
            out.append((pos, end, role))
    return out
