"""structure.py's jieba dictionary without jieba's start (issue 18, redactor/jieba_words.py):
the shipped file is what the installed jieba's dict.txt gives (so it cannot drift silently),
the word sets are the ones structure.py read from dict.txt before, and ``lcut_no_hmm`` cuts
exactly where ``jieba.lcut(HMM=False)`` does, on real judgment text and on edge cases."""

from __future__ import annotations

import json
import logging
import zlib
from pathlib import Path

import pytest

from redactor import jieba_words, structure
from redactor.structure import parse_structure

jieba = pytest.importorskip("jieba")
jieba.setLogLevel(logging.WARNING)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus_samples"
REAL = ROOT.parent / "shared" / "data" / "judgments-dev"


@pytest.fixture(scope="module")
def words():
    loaded = jieba_words.load()
    assert loaded is not None
    return loaded


def test_the_shipped_file_is_what_the_installed_dictionary_gives():
    """Rebuild it with `python -m redactor.jieba_words --write` when jieba's dict.txt changes."""
    shipped = jieba_words.read_file()
    assert shipped is not None, f"{jieba_words.WORDS_FILE} is missing or unreadable"
    assert shipped == jieba_words.build(jieba_words.jieba_dict_path().read_bytes())


def test_the_frequencies_are_jiebas(words):
    jieba.initialize()
    freq = jieba.dt.FREQ
    assert words.total == jieba.dt.total
    assert {w: c for w, c in freq.items() if c} == {w: c for w, c in words.freq.items() if c}
    assert all(freq[w] == 0 for w, c in words.freq.items() if not c)


def _sets_as_structure_read_them(firsts):
    """The code structure.py had: dict.txt line by line (the reference)."""
    common, dictionary = set(), set()
    with open(jieba_words.jieba_dict_path(), encoding="utf-8") as fh:
        for ln in fh:
            parts = ln.split()
            if len(parts) == 3 and 2 <= len(parts[0]) <= 4:
                if parts[0][0] in firsts and not parts[2].startswith("nr"):
                    common.add(parts[0])
                if int(parts[1]) >= 3:
                    dictionary.add(parts[0])
    return common, dictionary


def test_the_word_sets_are_the_ones_read_from_dict_txt():
    single, compound = structure.surnames()
    common, dictionary = _sets_as_structure_read_them(set(single) | {c[0] for c in compound})
    assert structure.common_words() == common and len(common) > 40000
    assert structure.dictionary_words() == dictionary and len(dictionary) > 250000


EDGE_CASES = [
    "", " ", "\r\n", "a", "张", "1", "被告人张伟", "ABC公司", "2019年1月1日", "x1y2 z", "GPS定位", "微信号abc_123",
    "被告人A某、B某", "中华人民共和国刑法第二百六十四条", "应当予以", "对方同意", "共和国刑法", "3.5万元", "C++程序",
    "张三\r\n李四\n王五\t赵六", "（2019）京0105刑初123号", "ｆｕｌｌ　ｗｉｄｔｈ", "e-mail：a@b.cn", "50%的股份",
    "阿卜杜·热合曼", "鲁N12345号", "—", "被告人张某甲、李某乙犯盗窃罪", "王小二在KTV内", "在2楼201室",
]


def _real_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLES.glob("*.txt"))
             if "gb18030" not in p.name]
    for name, key, every in (("xxcq_dev.jsonl", "context", 9), ("cjrc_dev.jsonl", "text", 5)):
        if (REAL / name).is_file():  # real published text (../shared/data, never copied here)
            with open(REAL / name, encoding="utf-8") as fh:
                texts += [json.loads(line)[key] for i, line in enumerate(fh) if i % every == 0]
    return texts


def test_cuts_are_jiebas_on_edge_cases(words):
    for text in EDGE_CASES:
        assert words.lcut_no_hmm(text) == jieba.lcut(text, HMM=False), text


def test_cuts_are_jiebas_on_real_text(words):
    """Whole texts, and windows of 4 to 24 characters at every few characters (the windows
    structure.py segments are 12 characters longer than a name)."""
    n = 0
    for text in _real_texts():
        assert words.lcut_no_hmm(text) == jieba.lcut(text, HMM=False)
        for size in (4, 9, 16, 24):
            for start in range(0, max(1, len(text) - size), 5 + size % 3):
                window = text[start:start + size]
                assert words.lcut_no_hmm(window) == jieba.lcut(window, HMM=False), (start, size)
                n += 1
    assert n > 10000


def test_the_windows_structure_reads_are_cut_as_jieba_cuts(words, monkeypatch):
    """Every window ``word_aligned`` segments while the samples are parsed."""
    seen: list[str] = []
    real = words.lcut_no_hmm

    def recording(window):
        seen.append(window)
        return real(window)

    monkeypatch.setattr(words, "lcut_no_hmm", recording)
    structure._aligned_in.cache_clear()
    try:
        for text in _real_texts():
            parse_structure(text, {})
    finally:
        structure._aligned_in.cache_clear()
    n = len(seen)  # (the windows themselves stay out of the messages)
    assert n > 10
    assert sum(real(window) != jieba.lcut(window, HMM=False) for window in seen) == 0


def test_another_dictionary_is_read_from_itself(tmp_path, monkeypatch):
    """A file built from another dict.txt is not used: the installed one is read instead."""
    data = jieba_words.read_file()
    data = dict(data, dict_sha256="0" * 64, dictionary_words=["不是词"])
    stale = tmp_path / "words.marshal.zlib"
    import marshal

    stale.write_bytes(zlib.compress(marshal.dumps(data)))
    monkeypatch.setattr(jieba_words, "WORDS_FILE", stale)
    monkeypatch.setattr(jieba_words.read_file, "__defaults__", (stale,))
    jieba_words.load.cache_clear()
    try:
        loaded = jieba_words.load()
        assert "不是词" not in loaded.dictionary_words and "如实" in loaded.dictionary_words
    finally:
        jieba_words.load.cache_clear()
