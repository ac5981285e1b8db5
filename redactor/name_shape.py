"""Where a person's name ends: the shape of a name after a cue word.

``name_at`` reads a Han name (a dictionary surname and one or two given-name characters), a
dotted minority or transliterated name, a Latin-script name, or minority-name elements
written together, and weighs each reading by what follows it (``follows_name``: punctuation,
a fact-text word such as 窜至 or 归案, a date). Also the shapes every reader shares: the dots
inside a name (``NAME_DOTS``), a name the court anonymized already (李某, 陈某华), and an
organisation's name (``is_organisation``: it ends with an organisation suffix).
"""

from __future__ import annotations

import re

from redactor.structure_vocabulary import (_bare_grammar, _compiled, _grammar, foreign_surnames,
                                           minority_name_elements, surnames, vocabulary)
from redactor.word_checks import dictionary_words, word_aligned


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


_ANONYMIZED_TOKEN = re.compile(r"[\u4e00-\u9fa5]{1,2}(?:某+[甲乙丙丁戊己庚辛壬癸]?\d*|[xX×]\d+|\d+某?)")
