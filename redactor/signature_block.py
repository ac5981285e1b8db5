"""The signature block: the court staff (``审判长　王　伟``, ``书记员李芳（代）``) and the judgment's date.

A signature line holds only ``label name`` items, several on one line in some layouts, with
a stand-in's (代) and names spaced out; the block stands wherever the judgment puts it
(before appended statutes or tables, not always in the last lines). Court staff are public
(Art. 11). The date line among the signature lines is the judgment's date.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from redactor.case_details import parse_chinese_date
from redactor.judgment_record import JudgmentStructure, NameSpan, Person
from redactor.name_shape import NAME_DOTS, _ANONYMIZED_TOKEN, _minority_elements_end
from redactor.structure_vocabulary import surnames, vocabulary


# A staff name: Han characters (spaced out in some layouts: 王　伟), or a dotted minority name.
_STAFF_NAME = rf"[\u4e00-\u9fa5](?:[ \t　]{{0,2}}[\u4e00-\u9fa5{NAME_DOTS}]){{1,15}}?"
# What may stand after a staff name: (代) or (兼) for a stand-in clerk.
_STAFF_SUFFIX = r"[（(](?:代|兼|代理)[）)]"
# A continuation line: a second clerk under the first (书记员李芳（代）⏎吴丹（代）).
_STAFF_CONTINUATION = re.compile(rf"^[ \t　]*(?P<name>[\u4e00-\u9fa5](?:[ \t　]?[\u4e00-\u9fa5]){{1,3}})[ \t　]*(?:{_STAFF_SUFFIX})?[ \t　]*$")


@lru_cache(maxsize=1)
def _staff_item() -> re.Pattern:
    """One ``label name`` item of a signature line; a line may hold several (审判长侯德顺审判员王家起)
    and may run on into the appended statutes (书记员郭叶秋附相关法律条文：)."""
    labels = sorted(vocabulary()["staff_roles"], key=len, reverse=True)
    label_alt = "|".join(r"[ \t　]*".join(re.escape(ch) for ch in x) for x in labels)
    return re.compile(
        rf"[ \t　]*(?:{_STAFF_SUFFIX})?[ \t　]*(?P<label>{label_alt})[ \t　]*[：:]?[ \t　]*(?P<name>{_STAFF_NAME})"
        rf"(?=[ \t　]*(?:{_STAFF_SUFFIX})?[ \t　]*(?:$|附|(?:{label_alt})))[ \t　]*(?:{_STAFF_SUFFIX})?[ \t　]*"
    )


def _staff_name_ok(name: str) -> bool:
    """A Han staff name is two to four characters (a compound surname and two given ones at
    most); a dotted minority name may be longer, and so may one written without the dot when
    it is minority-name elements from end to end (书记员额尔敦额尔德尼, 人民陪审员苏和阿拉坦: judges
    of Inner Mongolia, Tibet and Xinjiang sign like that, and Art. 11 keeps them)."""
    if any(d in name for d in NAME_DOTS):
        return 3 <= len(name) <= 16
    if 5 <= len(name) <= 12 and _minority_elements_end(name, 0) == len(name):
        return True
    return 2 <= len(name) <= 4 and not _ANONYMIZED_TOKEN.fullmatch(name)


def _staff_items(ln: str) -> list[tuple[str, int, str]] | None:
    """(label, start of the name, name as written) for each item of a signature line, or None
    when the line is not one (a body sentence that starts with 审判员 has punctuation)."""
    item = _staff_item()
    out, pos = [], 0
    while pos < len(ln):
        m = item.match(ln, pos)
        if not m:
            break
        raw = m.group("name").rstrip(" \t　")
        if not _staff_name_ok(re.sub(r"[ \t　]", "", raw)):
            return None
        out.append((re.sub(r"[ \t　]", "", m.group("label")), m.start("name"), raw))
        pos = m.end()
    if not out:
        return None
    rest = ln[pos:]
    return out if (not rest.strip(" \t　") or rest.startswith("附")) else None


def parse_signature(st: JudgmentStructure, lines: list[str], offsets: list[int]) -> None:
    """Court staff wherever the signature block stands: real judgments append the statutes
    (附：相关法律条文) or tables after it, so it is not always in the last lines. A signature
    line holds only ``label name`` items (审判长　王　伟, 书记员李芳（代）, several on one line);
    court staff are public (Art. 11) whatever else the text says about the name."""
    staff_roles = vocabulary()["staff_roles"]
    staff_lines: list[int] = []
    prev_role: str | None = None
    for i, ln in enumerate(lines):
        if len(ln) > 80 or not ln.strip():
            prev_role = None if not ln.strip() else prev_role
            continue
        items = _staff_items(ln)
        if items is None and prev_role and staff_lines and staff_lines[-1] == i - 1:
            cm = _STAFF_CONTINUATION.match(ln)
            if cm and cm.group("name")[:1] in surnames()[0] and not cm.group("name").startswith("附"):
                items = [(prev_role, cm.start("name"), cm.group("name"))]
        if not items:
            prev_role = None
            continue
        for label, nstart, raw in items:
            name = re.sub(r"[ \t　]", "", raw)
            role = staff_roles.get(label) or staff_roles.get(prev_role or "", "clerk")
            st.people[name] = Person(name=name, role=role, role_label=label, line=i)
            start = offsets[i] + nstart
            st.name_spans.append(NameSpan(start, start + len(raw), name, role))
            prev_role = label
        staff_lines.append(i)
    st.judgment_date = _signature_date(lines, staff_lines) or st.judgment_date


def _signature_date(lines: list[str], staff_lines: list[int]) -> date | None:
    """The judgment's date: the date line among the signature lines (between the judges and
    the clerk), else the last date line of the last 25 lines."""
    def date_of(ln: str) -> date | None:
        s = ln.strip()
        return parse_chinese_date(s) if s and len(s) <= 16 else None

    if staff_lines:
        for i in range(staff_lines[0], min(len(lines), staff_lines[-1] + 3)):
            d = date_of(lines[i])
            if d:
                return d
    found = None
    for i in range(max(0, len(lines) - 25), len(lines)):
        found = date_of(lines[i]) or found
    return found
