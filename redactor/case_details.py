"""The case's particulars other than its people.

The case number (and from it the case type and the instance), the document kinds, the cause
of action (``rules/dictionaries/causes.txt``), dates written in figures or in Chinese
numerals, and the sidecar hints (``NAME.meta.json``) that override what the text suggested.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from redactor.judgment_record import JudgmentStructure
from redactor.paths import DICTIONARIES_DIR


CASE_TYPES = {"刑": "criminal", "民": "civil", "行": "administrative", "执": "enforcement", "赔": "compensation"}
DOCUMENT_KINDS = ("判决书", "裁定书", "调解书", "决定书", "通知书", "支付令")

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

CASE_NUMBER_RE = re.compile(
    r"[（(〔\[]\s*(?P<year>(?:19|20)\d{2})\s*[）)〕\]]\s*"
    r"(?P<court>[\u4e00-\u9fa5]{0,4}\d{0,6}[\u4e00-\u9fa5]{0,4}?)"
    r"(?P<type>刑|民|行|执|赔|司救|委赔|法赔|财保|破|清|强清|认|调|诉前调)"
    r"(?P<rest>[\u4e00-\u9fa5]{0,6}?)(?:字第)?\s*(?P<num>\d{1,6})\s*(?:-\d+\s*)?号"
)


def parse_chinese_date(s: str) -> date | None:
    """``二〇二三年五月六日`` or ``2023年5月6日`` -> date."""
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = re.search(r"([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日", s)
    if not m:
        return None
    year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))

    def small(x: str) -> int:
        if x == "十":
            return 10
        if x.startswith("十"):
            return 10 + _CN_DIGITS[x[1]]
        if x.endswith("十"):
            return _CN_DIGITS[x[0]] * 10
        if "十" in x:
            return _CN_DIGITS[x[0]] * 10 + _CN_DIGITS[x[2]]
        return _CN_DIGITS[x]

    try:
        return date(year, small(m.group(2)), small(m.group(3)))
    except (ValueError, KeyError):
        return None


def find_cause(head: str, st: JudgmentStructure) -> str | None:
    m = re.search(r"([\u4e00-\u9fa5、]{2,40}?(?:纠纷|罪|争议))一案", head)
    if m:
        cause = m.group(1)
        # Cut everything up to the last party name or connective: 原告张伟与被告李明民间借贷纠纷 -> 民间借贷纠纷
        cut = 0
        for name in st.people:
            k = cause.rfind(name)
            if k >= 0:
                cut = max(cut, k + len(name))
        for conn in ("与", "诉", "因", "犯"):
            k = cause.rfind(conn, cut)
            if k >= 0 and len(cause) - k > 3:
                cut = max(cut, k + 1)
        return cause[cut:] or cause
    m = re.search(r"犯([\u4e00-\u9fa5、]{1,15}?罪)", head)
    if m:
        return m.group(1)
    # No "…一案" sentence (a fact paragraph alone): the longest known cause in the text.
    hits = [c for c in causes() if c in head]
    return max(hits, key=len) if hits else None


@lru_cache(maxsize=1)
def causes() -> tuple[str, ...]:
    """Causes of action (案由) from rules/dictionaries/causes.txt."""
    path = DICTIONARIES_DIR / "causes.txt"
    words = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    return tuple(w for w in words if w and not w.startswith("#"))


_CASE_TYPE_WORDS = {"刑事": "criminal", "刑": "criminal", "民事": "civil", "民": "civil", "行政": "administrative",
                    "行": "administrative", "执行": "enforcement", "执": "enforcement", "国家赔偿": "compensation",
                    "赔偿": "compensation", "赔": "compensation"}


def apply_hints(st: JudgmentStructure, hints: dict) -> None:
    """The sidecar (contract: NAME.meta.json) overrides whatever the text suggested."""
    if hints.get("case_type"):
        ct = str(hints["case_type"]).strip()
        st.case_type = _CASE_TYPE_WORDS.get(ct, ct.lower())
    if hints.get("cause"):
        st.cause = str(hints["cause"])
    if hints.get("case_number"):
        st.case_number = str(hints["case_number"])
    if hints.get("document_kind"):
        st.document_kind = str(hints["document_kind"])
    if hints.get("judgment_date"):
        try:
            st.judgment_date = date.fromisoformat(str(hints["judgment_date"]))
        except ValueError:
            pass
