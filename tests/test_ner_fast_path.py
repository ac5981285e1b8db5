"""The NER fast path (redactor/recognizers/char_tagger.py) gives the same entities as the
model run through spaCy's own pipeline: same tokens, same spans, same labels."""

from __future__ import annotations

import pytest
import spacy

from redactor.recognizers.char_tagger import CharTaggerRunner, char_tokens
from redactor.recognizers.ner import split_for_model
from redactor.recognizers.ner_spacy import SpacyNerBackend
from redactor.synth import generate_judgment

TRICKY = [
    "John SMITH 和  张三 说：\n\n 李四 在 北京市 朝阳区 Seojun PARK  工作 \t 王五",
    "  开头有空格的张伟\u3000全角空格 李娜\r\n",
    "被告杨某16万元，证人孟　和到庭。原告阿依古丽·买买提诉称",
    " ",
    "\n",
    "a",
    "张 ",
]


@pytest.fixture(scope="module")
def backend():
    return SpacyNerBackend()


@pytest.mark.parametrize("text", TRICKY)
def test_char_tokens_are_the_tokens_of_the_char_segmenter(backend, text):
    doc = backend.make_doc(text)
    texts, starts, spaces = char_tokens(text)
    assert texts == [t.text for t in doc]
    assert starts == [t.idx for t in doc]
    assert spaces == [bool(t.whitespace_) for t in doc]


def test_fast_path_finds_what_spacy_finds(backend):
    assert backend._fast is not None, "the shipped model should run on the fast path"
    texts = [generate_judgment(seed).text for seed in (7, 8, 9)] + TRICKY
    pieces = [p for t in texts for _, p in split_for_model(t, backend.max_chars)]
    # the reference: spaCy Docs, thinc's own layers and blis, exactly as trained
    plain = SpacyNerBackend(fast=False)
    assert plain._fast is None
    reference = plain._spacy_entities(pieces)
    fast = backend._fast.entities(pieces)
    assert sum(map(len, reference)) > 50  # the comparison is about real findings
    for ref, got in zip(reference, fast):
        assert [(s, e, lab) for s, e, lab, _ in ref] == [(s, e, lab) for s, e, lab, _ in got]
        # scores may differ in the last float digits (batches are summed in another order)
        assert all(abs(a[3] - b[3]) < 1e-4 for a, b in zip(ref, got))


def test_a_model_of_another_shape_is_not_run_on_the_fast_path():
    with pytest.raises(ValueError):
        CharTaggerRunner(spacy.blank("zh"))
