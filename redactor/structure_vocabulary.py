"""The words the structure parser reads with, loaded and compiled once.

``rules/dictionaries/roles.yaml`` (role labels, cue words, organisation suffixes, the grammar
of names in fact text and of names with no role word) and the lists of names beside it
(surnames, compound and Japanese surnames, minority-name elements). Every reader of names
(``name_shape``, ``party_header``, ``body_cues``, ``bare_names`` ...) asks these functions,
each ``lru_cache``d, so a vocabulary is read and its patterns compiled once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redactor import rules_yaml
from redactor.paths import DICTIONARIES_DIR


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return rules_yaml.load_file(DICTIONARIES_DIR / "roles.yaml")


@lru_cache(maxsize=1)
def _compiled() -> dict:
    v = vocabulary()
    labels = sorted(v["header_roles"], key=len, reverse=True)
    label_alt = "|".join(re.escape(x) for x in labels)
    # An agent's line may first say whose agent it is (上述六附带民事诉讼原告人的委托诉讼代理人：,
    # 被害人耿某1的诉讼代理人, 以上五原告人诉讼代理人) and hold two labels (辩护人暨诉讼代理人).
    agent_alt = "|".join(re.escape(x) for x in labels if v["header_roles"][x] in ("agent_or_lawyer", "statutory_agent"))
    header = re.compile(
        rf"^[ \t　]*(?:(?:[^，,。；;：:\s]{{1,40}}?的|(?:以上|上述|上列)[^，,。；;：:\s]{{0,30}}?)(?:共同)?(?=(?:{agent_alt}))"
        rf"|[\u4e00-\u9fa5、]{{0,8}}?共同)?(?P<label>(?:原审|一审|二审)?(?:{label_alt}))(?:暨(?:{agent_alt}))?"
        r"(?P<paren>[（(][^）)\n]{0,30}[）)])?[ \t　]*[：:]?[ \t　]*"
        r"(?P<name>[^，,。；;：:（(\s、]{1,60})(?=[，,。；;（(\s]|$)"
    )
    staff_labels = sorted(v["staff_roles"], key=len, reverse=True)
    staff_alt = "|".join(r"[ \t　]*".join(re.escape(ch) for ch in x) for x in staff_labels)
    staff = re.compile(
        rf"^[ \t　]*(?P<label>{staff_alt})[ \t　]*[：:]?[ \t　]*(?P<name>[\u4e00-\u9fa5·][\u4e00-\u9fa5· 　]{{0,12}}?)[ \t　]*$"
    )
    cue_alt = "|".join(re.escape(x) for x in sorted(v["body_cues"], key=len, reverse=True))
    org_suffix = re.compile("(?:" + "|".join(re.escape(x) for x in v["org_suffixes"]) + r")(?:[（(][^）)]*[）)])?$")
    # Body cues: every header label and every body cue word, longest first, then a name.
    body_roles = {**{k: k for k in v["header_roles"]}, **{k: k for k in v["body_cues"]}}
    body_alt = "|".join(re.escape(x) for x in sorted(body_roles, key=len, reverse=True))
    return {"header": header, "staff": staff, "cue": re.compile(rf"(?:{cue_alt})"), "org_suffix": org_suffix,
            # no optional 原审/一审 in front: only the cue and the match's end are used, and
            # an optional group first keeps the engine from skipping to candidate characters (10x)
            "body_cue": re.compile(rf"(?P<cue>{body_alt})(?:[（(][^）)\n]{{0,12}}[）)])?(?:[：:]|为|是)?"),
            "cue_before": re.compile(rf"(?P<cue>{body_alt})(?:[（(][^）)\n]{{0,12}}[）)])?(?:[：:]|为|是)?$"),
            "role_prefix": re.compile(rf"(?:原审|一审|二审)?(?:{body_alt})"),
            "after_cue": re.compile("(?P<cue>" + "|".join(re.escape(x) for x in sorted(v["after_cues"], key=len, reverse=True)) + ")"),
            "list_run": re.compile(r"(?:[^\s、，,。；;：:（()）“”]{2,14}、)+[^\s、，,。；;：:（()）“”]{2,14}")}


def _dictionary_entries(fname: str) -> list[str]:
    return [w for ln in (DICTIONARIES_DIR / fname).read_text(encoding="utf-8").splitlines()
            if not ln.startswith("#") for w in ln.split()]


@lru_cache(maxsize=1)
def word_surnames() -> frozenset[str]:
    """Surnames that are also common words (roles.yaml ``cue_surnames``: 代, 保, 开, 阿): they
    open a name only right after a person cue (``body_cues._unlisted_surname_end``), and a
    model's given name right after a cue takes one (``name_forms.take_the_surname_before``)."""
    return frozenset(vocabulary()["name_shape"]["cue_surnames"])


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames) from rules/dictionaries/; the Japanese
    surnames of foreign_surnames.txt are read as compound ones."""
    single, compound = set(), set()
    for fname in ("surnames.txt", "compound_surnames.txt", "foreign_surnames.txt"):
        for w in _dictionary_entries(fname):
            (single if len(w) == 1 else compound).add(w)
    return frozenset(single), frozenset(compound)


@lru_cache(maxsize=1)
def foreign_surnames() -> frozenset[str]:
    """Japanese surnames (foreign_surnames.txt): a name starts with one even where the
    surname is a dictionary word (松本明美)."""
    return frozenset(_dictionary_entries("foreign_surnames.txt"))


@lru_cache(maxsize=1)
def _grammar() -> dict:
    """The fact-text grammar of rules/dictionaries/roles.yaml, compiled once."""
    v = vocabulary()["name_shape"]
    words = sorted(v["follow_words"], key=len, reverse=True)
    return {"follow_words": re.compile("|".join(re.escape(w) for w in words)),
            "follow_date": re.compile(v["follow_date"].lstrip("^")),
            "follow_not_after": dict(v["follow_not_after"]),
            "follow_patterns": re.compile("|".join(f"(?:{x})" for x in v["follow_patterns"])),
            "preposition_surnames": frozenset(v["preposition_surnames"]),
            "soft_given": frozenset(v["soft_given_name"]),
            "not_in_org_name": re.compile("|".join(re.escape(w) for w in vocabulary()["not_in_org_name"])),
            "count_tail": re.compile(vocabulary()["count_not_org"]),
            "not_names_in_facts": frozenset(v["not_names_in_facts"])}


@lru_cache(maxsize=1)
def minority_name_elements() -> dict[str, tuple[str, ...]]:
    """Elements by first character, longest first (name_at asks at every cue: keep it O(1))."""
    words: set[str] = set()
    for ln in (DICTIONARIES_DIR / "minority_name_elements.txt").read_text(encoding="utf-8").splitlines():
        if not ln.startswith("#"):
            words.update(ln.split())
    by_first: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        by_first.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in by_first.items()}


@lru_cache(maxsize=1)
def _bare_grammar() -> dict:
    b = vocabulary()["bare_names"]

    def alt(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    import ahocorasick

    # the words before a name, found in one Aho-Corasick pass (an alternation of a hundred
    # words tried at every character is the slow part of reading a long judgment)
    auto = ahocorasick.Automaton()
    for w in b["home_units"]:  # units that only a householder's 家 may follow (…庄南和平家中)
        auto.add_word(w, ("home_unit", len(w)))
    for kind in ("before_owner", "before_person"):  # a word in both lists is a person's
        for w in b[kind]:
            auto.add_word(w, (kind, len(w)))
    auto.make_automaton()
    return {"before": auto,
            "clause_start": re.compile(r"[，,。；;：:\n]"),
            "sentence_start_re": re.compile(alt(b["sentence_starts"])),
            "date_start": re.compile(b["date_start"]),
            "date_verbs": frozenset(b["date_verbs"]),
            "owner_follow": re.compile(alt(b["owner_follow"])),
            "place_after": frozenset(b["place_after"]),
            "weak_before": frozenset(b["weak_before"]),
            "titles": frozenset(b["titles"]),
            "address_units": frozenset(b["address_units"]) | frozenset(b["home_units"]),
            "subject_adverbs": frozenset(b["subject_adverbs"]),
            "not_in_dotted": frozenset(b["not_in_dotted"]),
            "clause_words": frozenset(b["clause_words"]) | frozenset(vocabulary()["name_shape"]["preposition_surnames"]),
            "not_names": frozenset(b["not_names"])}
