"""How a name stands in the text: its canonical string, and where a mention of it ends.

Split out of persons.py (person resolution), which asks these questions of every span before
it decides whose name it is: ``person_name`` (王　伟 -> 王伟; Latin names keep their spaces),
``name_ends_at`` (what follows a name), ``after_person_cue`` (a role word only a person
follows) and ``cut_short_model_spans`` (a model's span that stops inside a given name takes the
whole name, so that no part of it is published: 黄新|年 -> 黄某, not 黄某年).
"""

from __future__ import annotations

import functools
import re

from redactor.document import Finding
from redactor.not_names import NotNames
from redactor.not_names import vocabulary as not_name_vocabulary
from redactor.spans import find_all
from redactor.structure import (NAME_DOTS, cue_role_before, dictionary_words, follows_name, surnames,  # noqa: F401
                                vocabulary, word_aligned, word_surnames)


LATIN_START = re.compile(r"[A-Za-z]")


_WHITESPACE_RUN = re.compile(r"\s+")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fa5]+")


@functools.lru_cache(maxsize=65536)
def person_name(value: str) -> str:
    """A mention's name: Latin names keep their spaces, Han names lose them (王　伟 -> 王伟).
    Cached: a judgment repeats the same few names hundreds of times."""
    v = value.strip()
    return v if LATIN_START.match(v) else _WHITESPACE_RUN.sub("", v)


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


@functools.lru_cache(maxsize=1)
def _surnames_to_take() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(single surnames with those that are also words, compound surnames, function characters
    that are surnames too) for ``take_the_surname_before``: built once, not per document."""
    single, compound = surnames()
    return single | word_surnames(), compound, not_name_vocabulary()["model_word_surname_not"]


def take_the_surname_before(text: str, findings: list[Finding]) -> list[Finding]:
    """A model's name that starts one character late, after a role word or in a role's list
    (被告人代|文静骑…, 被告人李春梅、哈斯、代|霞萍分得: the model read 文静 and 霞萍, words
    and given names, without the surname 代), would publish the surname and a mask of the
    given name (代文某): where a surname (two characters for a compound one) stands between
    the role word and the model's span, and no role word stands right before the span itself,
    the span takes it. A function word that is also a surname (和, 于, 向) is not taken
    (被告人和王明: 和 is the conjunction)."""
    single, compound, function_chars = _surnames_to_take()
    out = []
    for f in findings:
        if f.source != "structure" and f.start > 0 and _HAN_ONLY.fullmatch(f.value) \
                and cue_role_before(text, f.start) is None:
            for head in (2, 1):
                s = f.start - head
                surname = text[s:f.start] if s >= 0 else ""
                if ((head == 2 and surname in compound) or (head == 1 and surname in single
                                                            and surname not in function_chars)) \
                        and cue_role_before(text, s) is not None:
                    f = Finding(s, f.end, f.category, f.source, f.score, text[s:f.end], dict(f.attrs))
                    break
        out.append(f)
    return out


def cut_short_model_spans(text: str, findings: list[Finding], not_names: NotNames) -> list[Finding]:
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


def trim_word_eating_spans(text: str, findings: list[Finding]) -> list[Finding]:
    """A reading of a surname and two given characters whose last character starts a word that
    runs on past it (被告人马超赶|到现场: 赶到; 希望任钊协|调: 协调) is a two-character name and the
    verb after it, where the document says so: the segmenter cuts the sentence after two
    characters and not after three, the three-character string stands as a name nowhere
    (no punctuation or word that follows a name after any of its mentions), and a model or a
    role word read the two-character name on its own elsewhere (后来任钊同意). Without that
    evidence the longer reading stays: it may be a real name (a mask too long hides a verb; one too short
    would publish part of a given name).
    A name read from the header or the signature block is never cut (it has that line's shape)."""
    single, compound = surnames()
    words = dictionary_words()
    # two-character names a reader read on their own somewhere (后来任钊同意); the text alone
    # is no evidence (其钱都没有退还: 钱都 is money, not 钱某)
    read_alone = {f.value for f in findings if len(f.value) == 2}
    out = []
    for f in findings:
        v, s, e = f.value, f.start, f.end
        if (len(v) != 3 or (f.source == "structure" and not f.attrs.get("cue")) or f.attrs.get("bounded")
                or not all("\u4e00" <= ch <= "\u9fa5" for ch in v) or v[0] not in single or v[:2] in compound
                or not any(text[e - 1:e - 1 + n] in words for n in (2, 3, 4) if e - 1 + n <= len(text))
                or not word_aligned(text, s, e - 1) or word_aligned(text, s, e)):
            out.append(f)
            continue
        short = v[:2]
        whole_somewhere = any(name_ends_at(text, x + 3, strong=True) for x in find_all(text, v))
        if whole_somewhere or short not in read_alone:
            out.append(f)
            continue
        out.append(Finding(s, e - 1, f.category, f.source, f.score, short, dict(f.attrs)))
    return out
