"""Term lists (rules/dictionaries/*.txt) for the dictionary-driven recognizers.

Not a recognizer itself: state_secret, adjudicative_secret, tech_investigation, trade_secret
and health read their word lists through here, so a court edits a text file, not code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from redactor.paths import DICTIONARIES_DIR
from redactor.recognizers.base import RuleError, fold_width


def dictionary_path(name: str) -> Path:
    p = Path(name)
    return p if p.is_absolute() else DICTIONARIES_DIR / p


@lru_cache(maxsize=32)
def load_terms(name: str) -> tuple[str, ...]:
    """The terms of one dictionary file: one a line, '#' comments, blanks ignored, width-folded."""
    path = dictionary_path(name)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise RuleError(f"{path}: cannot read dictionary ({type(exc).__name__})") from exc
    out: list[str] = []
    for ln in lines:
        term = ln.split("#", 1)[0].strip()
        if term and term not in out:
            out.append(fold_width(term))
    if not out:
        raise RuleError(f"{path}: dictionary is empty")
    return tuple(out)


def alternation(terms) -> str:
    """A regex alternation of ``terms``, longest first (so 技术侦查措施 wins over 技术侦查)."""
    return "|".join(regex.escape(t) for t in sorted(set(terms), key=len, reverse=True))


def terms_regex(terms, flags: int = 0):
    return regex.compile(alternation(terms), flags)


def require_dictionary(spec: dict, key: str, path: Path | None) -> str:
    name = spec.get(key)
    if not name:
        raise RuleError(f"{path}: missing '{key}'")
    return str(name)


# Sentence and paragraph limits used to cut a passage out of its surroundings.
SENTENCE_END = "。！？!?\n\r"


def sentence_start(text: str, pos: int) -> int:
    """Index just after the previous sentence end (or line start) before ``pos``."""
    i = pos
    while i > 0 and text[i - 1] not in SENTENCE_END:
        i -= 1
    while i < pos and text[i] in " \t\u3000":
        i += 1
    return i


def sentence_end(text: str, pos: int, limit: int = 400, stops: str = SENTENCE_END) -> int:
    """Index just after the sentence end at or after ``pos`` (the stop char included, a
    newline excluded); at most ``limit`` characters on."""
    end = min(len(text), pos + limit)
    i = pos
    while i < end:
        c = text[i]
        if c in "\n\r":
            return i
        if c in stops:
            return i + 1
        i += 1
    return i
