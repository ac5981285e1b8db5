"""Read a judgment like a clerk: document kind, case number, cause, parties and court staff.

Who a name belongs to decides what happens to it (Arts. 8, 11), so the structure parser
is the recognizer that knows roles. ``parse_structure`` reads the title block and the case
number (``case_details``), the party header line by line (``party_header``:
``原告：张伟，男，1985年3月12日出生，汉族，住…``), the signature block (``signature_block``:
``审判长 李明``), the role cue words in the body (``body_cues``: ``被害人王某``, with
``name_lists`` and ``bare_names``) and the prosecutors (``prosecutors``), and returns a
``JudgmentStructure`` (``judgment_record``) with every person it could place;
``structure_findings`` makes findings of its names.

The readers share one grammar of names: where a name ends (``name_shape``), whether a reading
is a word or cuts one (``word_checks``), and the vocabulary (role labels, cue words,
organisation suffixes) of ``rules/dictionaries/roles.yaml`` (``structure_vocabulary``). This
module is the one entry point; the names other modules read from it
(``from redactor.structure import name_at``) are re-exported here.
"""

from __future__ import annotations

import re

from redactor.bare_names import bare_names
from redactor.body_cues import _cue_role, cue_role_before, elsewhere_after, parse_body_cues
from redactor.case_details import (CASE_NUMBER_RE, CASE_TYPES, DOCUMENT_KINDS, apply_hints, causes, find_cause,
                                   parse_chinese_date)
from redactor.judgment_record import JudgmentStructure, NameSpan, Person
from redactor.name_lists import list_names
from redactor.name_shape import (NAME_DOTS, _ANONYMIZED_TOKEN, _DOTTED_NAME, _minority_elements_end, follows_name,
                                 is_organisation, name_at)
from redactor.party_header import parse_header
from redactor.signature_block import parse_signature
from redactor.structure_vocabulary import (_compiled, foreign_surnames, minority_name_elements, surnames, vocabulary,
                                           word_surnames)
from redactor.word_checks import _aligned_in, common_words, dictionary_words, plausible_name, word_aligned

# Read from here by other modules, the tests and the benchmarks (each is defined once, in the
# module above that holds its idea; an lru_cache'd one keeps its one cache).
__all__ = [
    "CASE_NUMBER_RE", "CASE_TYPES", "DOCUMENT_KINDS", "JudgmentStructure", "NAME_DOTS", "NameSpan", "Person",
    "_ANONYMIZED_TOKEN", "_aligned_in", "_compiled", "_cue_role", "_minority_elements_end", "bare_names",
    "causes", "common_words", "cue_role_before", "dictionary_words", "elsewhere_after", "follows_name",
    "foreign_surnames", "is_organisation", "list_names", "minority_name_elements", "name_at",
    "parse_chinese_date", "parse_structure", "plausible_name", "structure_findings", "surnames", "vocabulary",
    "word_aligned", "word_surnames",
]

def parse_structure(text: str, hints: dict | None = None) -> JudgmentStructure:
    """Parse the judgment. ``hints`` (a sidecar NAME.meta.json) override what is inferred."""
    st = JudgmentStructure()
    lines = text.split("\n")
    offsets = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1

    # Title block: the first lines hold court, document kind and case number.
    for ln in lines[:12]:
        s = ln.strip().replace(" ", "").replace("　", "")
        if not s:
            continue
        if st.court is None and s.endswith("法院") and len(s) <= 40:
            st.court = s
        for kind in DOCUMENT_KINDS:
            if s.endswith(kind) and len(s) <= 16 and st.document_kind is None:
                st.document_kind, st.title = kind, s
    m = CASE_NUMBER_RE.search(text[:4000]) or CASE_NUMBER_RE.search(text)
    if m:
        st.case_number = m.group(0)
        t = m.group("type")
        st.case_type = CASE_TYPES.get(t[0]) if t else None
        rest = m.group("rest") or ""
        st.instance = "first" if "初" in rest else "second" if "终" in rest else "retrial" if ("再" in rest or "监" in rest) else None
    if st.document_kind is None:
        km = re.search(r"(民事|刑事|行政|执行|刑事附带民事)(判决书|裁定书|调解书|决定书)", text[:3000])
        if km:
            st.document_kind, st.title = km.group(2), km.group(0)
    if st.case_type is None and st.title:
        for pre, ct in (("刑事", "criminal"), ("民事", "civil"), ("行政", "administrative"), ("执行", "enforcement")):
            if st.title.startswith(pre):
                st.case_type = ct

    # Party header and representatives.
    parse_header(st, lines, offsets, text)
    # Signature block: court staff, in the last lines.
    parse_signature(st, lines, offsets)
    # Names the body places by a cue word (被害人王芳, 证人李某, 原告张伟与被告…).
    parse_body_cues(st, text)
    # The prosecutors of the procedural paragraph, each list member whole (指派检察员高武松出庭).
    from redactor.prosecutors import apply_prosecutors  # it reads this module's grammar

    apply_prosecutors(st, text)

    if st.case_type is None:
        # No case number and no title (a fact paragraph alone): the vocabulary says enough.
        head = text[:3000]
        if re.search(r"被告人|公诉机关|检察院指控|罪犯", head):
            st.case_type = "criminal"
        elif re.search(r"原告|被告", head):
            st.case_type = "civil"
    st.cause = find_cause(text[:6000], st)
    apply_hints(st, hints or {})
    return st


def structure_findings(st: JudgmentStructure, text: str):
    """The structure parser as a recognizer: the names it placed, with their roles."""
    from redactor.document import Category, Finding

    out = []
    punctuation = vocabulary()["name_shape"]["punctuation"]
    for ns in st.name_spans:
        cat = Category.ORGANIZATION.value if ns.is_org else Category.PERSON.value
        attrs = {"role": ns.role}
        if ns.listed:
            attrs["listed"] = True
        if ns.name not in st.people:
            attrs["cue"] = True  # placed by a body cue: its boundaries are a guess
            if ns.listed or ns.end >= len(text) or text[ns.end] in punctuation or follows_name(text, ns.end) >= 2 or (
                    _DOTTED_NAME.fullmatch(ns.name) and text[ns.end] in vocabulary()["name_shape"]["dotted_trailing"]):
                # ... unless the sentence says where the name ends (原告邹开心通过…, 车欢，) or the
                # list does (王建晓、刘国会、; the last member up to the word after it: 毕力格|时分时合)
                attrs["bounded"] = True
        out.append(Finding(ns.start, ns.end, cat, "structure", 1.0 if "cue" not in attrs else 0.8,
                           text[ns.start:ns.end], attrs))
    return out
