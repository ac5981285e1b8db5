"""Names in lists: where a list says where its members end.

``、``-runs of members where one member is a person (群众董军、王某、刘某1等人 -> 董军), and
the members of a list a person cue opens (被告人朴成浩、关胜利、…; the last one running into
the sentence: 被告人周某、孙世界能如实供述). The list delimits each member, so a member may be a
name where its given name alone would read as a word (刘国会).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redactor.name_shape import _ANONYMIZED_TOKEN, _DOTTED_NAME, _minority_elements_end, is_organisation, name_at
from redactor.structure_vocabulary import _bare_grammar, _compiled, _grammar, surnames, vocabulary
from redactor.word_checks import common_words, plausible_name, word_aligned


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
