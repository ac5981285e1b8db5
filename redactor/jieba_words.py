"""jieba's dictionary as structure.py uses it, loaded in a quarter of a second instead of 1.5.

structure.py vetoes a name read from the grammar alone with jieba's dictionary
(``common_words``, ``dictionary_words``) and with jieba's dictionary-only segmentation
(``word_aligned``: ``jieba.lcut(window, HMM=False)``). Read from jieba itself that cost every
worker about 1.5 CPU s: its 349k-line ``dict.txt`` parsed twice in Python, then
``jieba.initialize`` (its 498k-entry prefix dictionary, and ``pkg_resources`` on import).

Here the same words come from one compact file (``models/jieba_words/words.marshal.zlib``, built
from jieba's ``dict.txt`` by ``python -m redactor.jieba_words --write``), used only when its
recorded SHA-256 is the installed ``dict.txt``'s; any other dictionary (another jieba) is read
from ``dict.txt`` itself with the same code, so the results never depend on the file being
current. ``lcut_no_hmm`` is jieba's ``cut(HMM=False)``: the same blocks, the same DAG of
dictionary words, the same maximum-probability route and tie-breaking, the same run of single
Latin letters and digits (tests/test_jieba_words.py compares it with jieba on real text).
jieba itself is not imported: where it is not installed there is no dictionary, as before.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import re
import sys
import zlib
from dataclasses import dataclass
from functools import lru_cache
from math import log
from pathlib import Path

from redactor.paths import MODELS_DIR

FORMAT = 1
WORDS_FILE = MODELS_DIR / "jieba_words" / "words.marshal.zlib"

# jieba 0.42.1's own expressions (jieba/__init__.py: re_han_default, re_skip_default, re_eng)
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_RE_SKIP = re.compile("(\r\n|\\s)", re.U)
_RE_ENG = re.compile("[a-zA-Z0-9]", re.U)


def jieba_dict_path() -> Path | None:
    """The installed jieba's ``dict.txt``, found without importing jieba; None without jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


@dataclass
class JiebaWords:
    freq: dict[str, int]  # word -> frequency, as jieba's FREQ has it for every dictionary word
    total: int  # jieba's total (the sum of every line's frequency)
    max_word_len: int  # the longest word with a frequency: the DAG looks no further
    dictionary_words: list[str]  # two to four characters, frequency 3 or more on some line
    not_nr_by_first: dict[str, list[str]]  # two to four characters, some line's tag not nr*, by first character

    def lcut_no_hmm(self, sentence: str) -> list[str]:
        """``jieba.lcut(sentence, HMM=False)`` with the default dictionary."""
        out: list[str] = []
        for blk in _RE_HAN.split(sentence):
            if not blk:
                continue
            if _RE_HAN.match(blk):
                self._cut_dag(blk, out)
            else:
                for x in _RE_SKIP.split(blk):
                    if _RE_SKIP.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _cut_dag(self, sentence: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG_NO_HMM``. Its DAG extends a word while the fragment is a prefix
        of some dictionary word and keeps the fragments with a frequency; every prefix of a
        word is such a prefix, so the DAG is exactly the fragments with a frequency (the
        character itself where there is none), which needs no prefix dictionary."""
        freq, n = self.freq, len(sentence)
        logtotal = log(self.total)
        route: dict[int, tuple[float, int]] = {n: (0, 0)}
        for idx in range(n - 1, -1, -1):
            ends = [i for i in range(idx, min(n, idx + self.max_word_len)) if freq.get(sentence[idx:i + 1])] or [idx]
            route[idx] = max((log(freq.get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in ends)
        x, buf = 0, ""
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if _RE_ENG.match(word) and len(word) == 1:
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)


def build(dict_bytes: bytes) -> dict:
    """The file's content from ``dict.txt``'s bytes: jieba's own parsing for the frequencies
    (``gen_pfdict``: the stripped line split at single spaces), structure.py's for the word sets
    (three whitespace-separated fields)."""
    freq: dict[str, int] = {}
    total = 0
    dictionary_words: dict[str, None] = {}
    not_nr: dict[str, dict[str, None]] = {}
    for line in dict_bytes.splitlines():
        text = line.strip().decode("utf-8")
        word, count = text.split(" ")[:2]
        count = int(count)
        freq[word] = count
        total += count
        parts = text.split()
        if len(parts) == 3 and 2 <= len(parts[0]) <= 4:
            if int(parts[1]) >= 3:
                dictionary_words[parts[0]] = None
            if not parts[2].startswith("nr"):
                not_nr.setdefault(parts[0][0], {})[parts[0]] = None
    # the word lists hold the dictionary's own string objects: marshal stores them once
    same = {w: w for w in freq}
    return {
        "format": FORMAT,
        "dict_sha256": hashlib.sha256(dict_bytes).hexdigest(),
        "total": total,
        "max_word_len": max(len(w) for w, c in freq.items() if c),
        "freq": freq,
        "dictionary_words": [same.get(w, w) for w in dictionary_words],
        "not_nr_by_first": {c: [same.get(w, w) for w in ws] for c, ws in sorted(not_nr.items())},
    }


def _from(data: dict) -> JiebaWords:
    return JiebaWords(data["freq"], data["total"], data["max_word_len"], data["dictionary_words"],
                      data["not_nr_by_first"])


def read_file(path: Path = WORDS_FILE) -> dict | None:
    """The shipped file's content, or None where it is missing or unreadable."""
    try:
        data = marshal.loads(zlib.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


@lru_cache(maxsize=1)
def load() -> JiebaWords | None:
    """The installed jieba's dictionary (None without jieba): from the shipped file when it was
    built from this very ``dict.txt``, else from ``dict.txt`` (same words, about 1 s more)."""
    path = jieba_dict_path()
    if path is None:
        return None
    dict_bytes = path.read_bytes()
    data = read_file()
    if data is None or data.get("dict_sha256") != hashlib.sha256(dict_bytes).hexdigest():
        data = build(dict_bytes)
    return _from(data)


def write(path: Path = WORDS_FILE) -> Path:
    """Build the file from the installed jieba's ``dict.txt``."""
    dict_path = jieba_dict_path()
    if dict_path is None:
        raise SystemExit("jieba is not installed: nothing to build from")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zlib.compress(marshal.dumps(build(dict_path.read_bytes())), 9))
    return path


if __name__ == "__main__":  # python -m redactor.jieba_words --write
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python -m redactor.jieba_words --write   (rebuilds " + str(WORDS_FILE) + ")")
    print(write())
