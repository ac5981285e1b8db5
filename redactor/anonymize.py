"""Art. 9 name forms and the ×-convention: the replacement text of what decide masks.

Art. 9 of 法释〔2016〕19号: keep the surname and replace the given name with 某
(张伟 -> 张某); ethnic-minority names and Chinese transliterations of foreign names keep
their first character (扎西多吉 -> 扎某, 约翰·史密斯 -> 约某); Latin-script foreign names
keep their first letter (John Smith -> J). When different people end up with the same
form, Arabic numerals tell them apart (张某1, 张某2), stable within the document.

decide.py gives each masking decision its replacement from these functions and apply.py
writes them into the text. The same forms as Presidio operators (``article9_name``,
``cross_mask``), for a plain Presidio ``AnonymizerEngine``, are in ``redactor/presidio.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from redactor.paths import DICTIONARIES_DIR
from redactor.structure import NAME_DOTS

_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
_TRANSLIT_DOT = re.compile(f"[{NAME_DOTS}]")


@lru_cache(maxsize=1)
def compound_surnames() -> frozenset[str]:
    path = DICTIONARIES_DIR / "compound_surnames.txt"
    words = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def name_kind(name: str) -> str:
    """han | compound | minority_or_foreign | latin."""
    name = name.strip()
    if _LATIN.match(name):
        return "latin"
    if _TRANSLIT_DOT.search(name):
        return "minority_or_foreign"
    if name[:2] in compound_surnames() and len(name) >= 3:
        return "compound"
    if len(name) >= 5:
        # Han names have at most four characters (compound surname + two); longer ones
        # are minority names or transliterations written without the dot.
        return "minority_or_foreign"
    return "han"


def base_form(name: str) -> str:
    """The Art. 9 form of one name, before collision numbering."""
    name = re.sub(r"\s+", "", name) if not _LATIN.match(name.strip()) else name.strip()
    kind = name_kind(name)
    if kind == "latin":
        return name[0].upper()
    if kind == "compound":
        return name[:2] + "某"
    return name[:1] + "某"


def assign_forms(names_in_order: list[str]) -> dict[str, str]:
    """Art. 9 forms for distinct people, numbered when two people share a form.

    ``names_in_order`` is each distinct person's name in order of first appearance, so
    numbering is stable within the document and across reruns.
    """
    groups: dict[str, list[str]] = {}
    for n in names_in_order:
        groups.setdefault(base_form(n), []).append(n)
    out: dict[str, str] = {}
    for form, members in groups.items():
        if len(members) == 1:
            out[members[0]] = form
        else:
            for i, n in enumerate(members, 1):
                out[n] = f"{form}{i}"
    return out


def number_people(mentions: Iterable[tuple[str, int]]) -> dict[str, str]:
    """Art. 9 forms for the people of one document, the one numbering (person resolution in
    persons.py, and again after a reviewer's decisions in review_apply.py): ``mentions``
    are (person, position) pairs; each person counts from their first position, and people
    who share a form are numbered in that order (张某1, 张某2)."""
    first: dict[str, int] = {}
    for name, pos in mentions:
        if name not in first or pos < first[name]:
            first[name] = pos
    return assign_forms(sorted(first, key=first.__getitem__))


def partial_mask(value: str, keep_prefix: int, mask_char: str = "×") -> str:
    """Art. 10's ×-convention: keep a readable prefix (京A×××××), × for the rest."""
    keep = value[:keep_prefix]
    return keep + mask_char * max(1, len(value) - len(keep))
