"""The prosecutors a judgment names in its procedural paragraph (指派检察员X、Y出庭支持公诉).

Each member of the list after a prosecutor's label is a prosecutor's name as a whole: the
list's own grammar (separators, the paragraph's verb at its end) says where each name ends,
so a compound surname (延陵卫军), a given name that reads as a word (高武松) or one that runs
into the verb (曲陆杰出庭: 杰出 is a word) is read whole, not cut by the fact-text grammar.
Vocabulary: ``prosecutor_lists`` in ``rules/dictionaries/roles.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redactor import structure

_HAN = re.compile(r"[\u4e00-\u9fa5·]")


@lru_cache(maxsize=1)
def _grammar() -> dict:
    v = structure.vocabulary()["prosecutor_lists"]

    def alt(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return {"label": re.compile(rf"(?:{alt(v['labels'])})[：:]?"),
            "separators": tuple(v["separators"]), "ends": re.compile(alt(v["ends"])),
            "office": re.compile(v["office"])}


def _member_end(text: str, pos: int, g: dict) -> int | None:
    """End of a list member at ``pos``: 2 to 4 characters (6 with a name dot) before a
    separator, the paragraph's verb or punctuation. No surname list is asked: the list says
    it is a name (延陵卫军: 延陵 is a compound surname no list of ours holds)."""
    if g["ends"].match(text, pos):
        return None  # 指派检察员出席法庭: no name in the list
    longest = 6 if "·" in text[pos:pos + 6] else 4
    for e in range(pos + 2, min(len(text), pos + longest) + 1):
        if not _HAN.match(text, e - 1):
            return None
        if e == len(text) or text[e] in "，,。；;（(" or text.startswith(g["separators"], e) or g["ends"].match(text, e):
            return e
    return None


def prosecutor_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every name in a list of prosecutors."""
    g = _grammar()
    words = structure.dictionary_words()
    out: list[tuple[int, int]] = []
    consumed = 0  # a label inside a list already read (检察员曾常春、检察官助理陈红梅)
    for m in g["label"].finditer(text):
        if m.start() < consumed or (structure._ANONYMIZED_TOKEN.match(text, m.end()) is None
                                    and _member_end(text, m.end(), g) is None):
            continue
        office = bool(g["office"].search(text, max(0, m.start() - 16), m.start()))
        members, pos = [], m.end()
        while True:
            lm = g["label"].match(text, pos)
            if lm and pos > m.end():
                pos = lm.end()  # 检察员曾常春、检察官助理陈红梅
            am = structure._ANONYMIZED_TOKEN.match(text, pos)
            end = None if am else _member_end(text, pos, g)
            if am:
                after = am.end()
            elif end and text[pos:end] not in words:
                members.append((pos, end))
                after = end
            else:
                members = []
                break
            sep = next((s for s in g["separators"] if text.startswith(s, after)), None)
            if sep:
                pos = after + len(sep)
                continue
            if not (office or g["ends"].match(text, after)):
                members = []
            break
        consumed = pos
        out += members
    return out


def apply_prosecutors(st, text: str) -> None:
    """Place the prosecutors' names in the structure: their role holds for every mention,
    unless the header or signature block names the person, or a body cue said more than
    ``other`` (a victim's name is never turned into a prosecutor's)."""
    for a, b in prosecutor_spans(text):
        name = text[a:b]
        if name in st.people or st.cue_roles.get(name) not in (None, "other", "unknown"):
            continue
        st.cue_roles[name] = "prosecutor"
        st.name_spans = [ns for ns in st.name_spans if not (ns.start < b and a < ns.end)]
        st.name_spans.append(structure.NameSpan(a, b, name, "prosecutor", listed=True))
    st.name_spans.sort(key=lambda ns: ns.start)
