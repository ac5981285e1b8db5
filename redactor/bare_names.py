"""Names with no role word, placed by the grammar of fact text (roles.yaml ``bare_names``).

卖给任山，, 盗走骆慧停放在…, ，唐学习再次来到…, …村**组代太平家: the word before a name
(before_person, before_owner, an address unit, the start of a clause or a date) says a person
may come, and what follows says where the name ends. With no role word the context is the
only evidence, so a reading must have a name's shape and pass the word checks
(``word_checks``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redactor.name_shape import (NAME_DOTS, _ANONYMIZED_TOKEN, _DOTTED_NAME, _one_minority_element, follows_name,
                                 is_organisation, name_at)
from redactor.structure_vocabulary import (_bare_grammar, _compiled, _grammar, minority_name_elements, surnames,
                                           vocabulary, word_surnames)
from redactor.word_checks import dictionary_words, plausible_name, word_aligned


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
            from redactor.verb_objects import owner_end  # it reads the grammar through redactor.structure

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
