"""Whether a reading is a dictionary word or cuts one: the veto on names read from grammar.

A name read with no punctuation after it (after a role word where the sentence runs on, or
with no role word at all) must be no word jieba's dictionary knows and must start and end
where words do (共和|国刑法 is no name). The dictionary comes from ``redactor.jieba_words``;
the segmentation of a window is cached, since a judgment names the same people in the same
phrases again and again.
"""

from __future__ import annotations

from functools import lru_cache

from redactor import jieba_words
from redactor.structure_vocabulary import _grammar, foreign_surnames, surnames


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words of two to four characters that start with a surname and that the jieba
    dictionary knows as something other than a name (车主, 马上, 连续, 费用; not 高明 or 周全,
    which it tags nr): a name read with no role word must not be one of them."""
    words = jieba_words.load()
    if words is None:  # no jieba: the veto only narrows what is read as a name
        return frozenset()
    single, compound = surnames()
    firsts = set(single) | {c[0] for c in compound}
    by_first = words.not_nr_by_first
    return frozenset(w for c in firsts for w in by_first.get(c, ()))


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Every word of two to four characters the jieba dictionary knows (如实, 因犯, 上午; and
    查明, which it tags as a name): a reading with no role word must not be one, nor its given name."""
    words = jieba_words.load()
    return frozenset(words.dictionary_words) if words is not None else frozenset()


def word_aligned(text: str, start: int, end: int, left_known: bool = False) -> bool:
    """``text[start:end]`` starts and ends where words do (jieba, dictionary only): a name
    read from the grammar does not cut a word (共和|国刑法, 应当予|以, 对|方同意).
    ``left_known``: the grammar knows a word ends at ``start`` (the verb whose object the name
    is: 发还|阳婷, which jieba cuts 发|还阳|婷): only the text from ``start`` on is segmented."""
    # Where no dictionary word of two to four characters runs across either edge the cut
    # is clean without segmenting (a few set lookups); otherwise the segmenter decides.
    words = dictionary_words()
    edges = (end,) if left_known else (start, end)
    if not any(text[a:b] in words for edge in edges for a in range(max(start if left_known else 0, edge - 3), edge)
               for b in range(edge + 1, min(len(text), a + 4) + 1)):
        return True
    w0 = start if left_known else max(0, start - 6)
    return _aligned_in(text[w0:end + 6], start - w0, end - w0)


@lru_cache(maxsize=65536)
def _aligned_in(window: str, start: int, end: int) -> bool:
    """(cached: a judgment names the same people in the same phrases again and again)"""
    words = jieba_words.load()
    if words is None:
        return True
    cuts, pos = {0}, 0
    for tok in words.lcut_no_hmm(window):  # jieba.lcut(window, HMM=False), without jieba's start
        pos += len(tok)
        cuts.add(pos)
    return start in cuts and end in cuts


def plausible_name(text: str, start: int, end: int, left_known: bool = False) -> bool:
    """A name read from the grammar alone (no punctuation after it): not a common word, and
    not cutting one (``left_known``: see ``word_aligned``)."""
    name = text[start:end]
    words = common_words()
    # a Japanese surname may be a word (松本 of 松本明美): the surname is no cut word then
    foreign_surname = name[:2] in foreign_surnames()
    if name in words or (end - start >= 3 and name[:2] in words and not foreign_surname
                         and text[start + 2:end] not in _grammar()["soft_given"]):
        return False
    return word_aligned(text, start, end, left_known)
