"""Art. 9 name forms and the ×-convention, as Presidio operators.

Art. 9 of 法释〔2016〕19号: keep the surname and replace the given name with 某
(张伟 -> 张某); ethnic-minority names and Chinese transliterations of foreign names keep
their first character (扎西多吉 -> 扎某, 约翰·史密斯 -> 约某); Latin-script foreign names
keep their first letter (John Smith -> J). When different people end up with the same
form, Arabic numerals tell them apart (张某1, 张某2), stable within the document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from presidio_anonymizer.operators import Operator, OperatorType

from redactor.paths import DICTIONARIES_DIR

_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
_TRANSLIT_DOT = re.compile(r"[·•．・]")


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


def partial_mask(value: str, keep_prefix: int, mask_char: str = "×") -> str:
    """Art. 10's ×-convention: keep a readable prefix (京A×××××), × for the rest."""
    keep = value[:keep_prefix]
    return keep + mask_char * max(1, len(value) - len(keep))


class ArticleNineName(Operator):
    """Presidio operator: replace a name with its (pre-assigned) Art. 9 form."""

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        params = params or {}
        return params.get("form") or base_form(text)

    def validate(self, params: dict[str, Any] | None = None) -> None:
        return None

    def operator_name(self) -> str:
        return "article9_name"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


class CrossMask(Operator):
    """Presidio operator: Art. 10 ×-replacement keeping ``keep_prefix`` characters."""

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        params = params or {}
        return partial_mask(text, int(params.get("keep_prefix", 0)), params.get("mask_char", "×"))

    def validate(self, params: dict[str, Any] | None = None) -> None:
        return None

    def operator_name(self) -> str:
        return "cross_mask"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize
