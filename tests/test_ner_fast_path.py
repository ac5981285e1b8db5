"""The NER fast path (redactor/recognizers/char_tagger.py) gives the same entities as the
model run through spaCy's own pipeline: same tokens, same spans, same labels; and its plain
numpy forward gives the logits of thinc's layer chain, on real judgment text and on a model of
other sizes (the shipped model is retrained: nothing of its shape is assumed).

"The same logits" is: the same best tag at every character, and every logit within float32
rounding (1e-5). On Intel's OpenBLAS kernels the two are bit for bit the same; on AMD EPYC
(this project's machines since session 6) OpenBLAS picks its kernel by the number of rows, so a
row computed in another batch (or read back from the embedding cache) can differ in the last
float32 digit. Bit equality would be a test of the CPU, not of the fast path."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.training import Example

from redactor.recognizers.base import fold_width
from redactor.recognizers.char_tagger import CharTaggerRunner, _PlainForward, char_tokens
from redactor.recognizers.ner import split_for_model
from redactor.recognizers.ner_spacy import SpacyNerBackend
from redactor_synth import generate_judgment

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


@pytest.mark.parametrize("text", ["所占比例为杨XX70%", "被告人葛X、张_三 ID cc nn", "Ｘ光片显示", "X"])
def test_features_are_spacys_also_for_characters_that_are_spacy_symbols(backend, text):
    # "X" and "_" are spaCy symbols: their ORTH id is the symbol's (X is 101), not a string hash
    from redactor.recognizers.ner_spacy import char_bigrams

    text = fold_width(text)
    want = char_bigrams(backend.make_doc(text)).to_array(["ORTH", "NORM"]).astype("uint64")
    got = backend._fast._features(char_tokens(text)[0])
    assert numpy.array_equal(got, want)


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


REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "judgments-dev"


def _real_sentences(limit: int) -> list[str]:
    """Real published judgment text: XXCQ criminal sentences and CJRC fact paragraphs."""
    out = []
    for name, key in (("xxcq_dev.jsonl", "context"), ("cjrc_dev.jsonl", "text")):
        for line in (REAL / name).read_text(encoding="utf-8").splitlines()[: limit // 2]:
            out.append(fold_width(json.loads(line)[key]))
    return out


def _pieces(backend, texts):
    return [p for t in texts for _, p in split_for_model(t, backend.max_chars) if p]


def _batches(runner, pieces, size=64):
    for b in range(0, len(pieces), size):
        yield [runner._features(char_tokens(p)[0]) for p in pieces[b : b + size]]


def _assert_same_rows(got, want) -> None:
    assert got.shape == want.shape and got.dtype == want.dtype
    assert numpy.array_equal(got.argmax(axis=-1), want.argmax(axis=-1))  # the tag each character gets
    numpy.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def _assert_same_logits(plain: CharTaggerRunner, chain: CharTaggerRunner, pieces: list[str]) -> int:
    rows = 0
    for features in _batches(plain, pieces):
        got, want = plain.logits(features), chain.logits(features)
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _assert_same_rows(g, w)
            rows += len(g)
    return rows


@pytest.mark.skipif(not (REAL / "xxcq_dev.jsonl").is_file(), reason="judgments-dev data not available")
def test_plain_forward_gives_thincs_logits_on_real_text(backend):
    pieces = _pieces(backend, _real_sentences(3000))
    assert len(pieces) > 2500
    chain = CharTaggerRunner(backend.nlp, plain=False)  # thinc's layers, same ops
    assert backend._fast._plain is not None
    rows = _assert_same_logits(backend._fast, chain, pieces)
    assert rows > 100_000
    # again with the embedding cache warm, and with a cache so small it starts afresh often
    _assert_same_logits(backend._fast, chain, pieces[:300])
    small = CharTaggerRunner(backend.nlp)
    small._plain.CACHE_ROWS = 700
    small._plain._store = small._plain._store[:700]
    small._plain._row_ids = small._plain._row_ids[:700]
    _assert_same_logits(small, chain, pieces[:400])


@pytest.mark.skipif(not (REAL / "xxcq_dev.jsonl").is_file(), reason="judgments-dev data not available")
def test_logits_do_not_depend_on_what_the_process_saw_before(backend):
    # the embedding cache fills in document order: another order (another worker) gives the same bits
    pieces = _pieces(backend, _real_sentences(600))
    forward, backward = CharTaggerRunner(backend.nlp), CharTaggerRunner(backend.nlp)
    got_forward = {i: forward.logits([forward._features(char_tokens(p)[0])])[0] for i, p in enumerate(pieces)}
    for i in reversed(range(len(pieces))):
        again = backward.logits([backward._features(char_tokens(pieces[i])[0])])[0]
        _assert_same_rows(again, got_forward[i])


@pytest.mark.skipif(not (REAL / "xxcq_dev.jsonl").is_file(), reason="judgments-dev data not available")
def test_fast_path_finds_what_spacy_finds_on_real_sentences(backend):
    pieces = _pieces(backend, _real_sentences(2000))
    reference = SpacyNerBackend(fast=False)._spacy_entities(pieces)
    fast = backend._fast.entities(pieces)
    assert sum(map(len, reference)) > 500
    for ref, got in zip(reference, fast):
        assert [(s, e, lab) for s, e, lab, _ in ref] == [(s, e, lab) for s, e, lab, _ in got]
        assert all(abs(a[3] - b[3]) < 1e-4 for a, b in zip(ref, got))


def _small_pipeline(width: int, depth: int, window: int, rows: list[int], pieces: int):
    """A char_bigrams + char_ner pipeline of other sizes than the shipped one, random weights."""
    import redactor.recognizers.ner_spacy  # noqa: F401  (registers the components)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("char_bigrams")
    nlp.add_pipe("char_ner", config={"model": {
        "@architectures": "spacy.Tagger.v2", "normalize": False,
        "tok2vec": {"@architectures": "spacy.Tok2Vec.v2",
                    "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": width,
                              "attrs": ["ORTH", "NORM"], "rows": rows, "include_static_vectors": False},
                    "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": width, "depth": depth,
                               "window_size": window, "maxout_pieces": pieces}}}})
    doc = nlp.make_doc("被告人张三在北京市盗窃")
    example = Example.from_dict(doc, {"entities": [(3, 5, "PERSON"), (6, 9, "LOCATION")]})
    nlp.initialize(lambda: [example])
    return nlp


@pytest.mark.parametrize("width,depth,window,rows,pieces", [(32, 1, 1, [500, 3000], 3), (48, 4, 3, [2000, 999], 2)])
def test_plain_forward_reads_the_sizes_from_the_model(width, depth, window, rows, pieces):
    nlp = _small_pipeline(width, depth, window, rows, pieces)
    plain = CharTaggerRunner(nlp)
    assert plain._plain is not None
    assert len(plain._plain.blocks) == depth and plain._plain.pad == depth * window
    chain = CharTaggerRunner(_small_pipeline(width, depth, window, rows, pieces), plain=False)
    chain.model.from_bytes(plain.model.to_bytes())  # the same weights in both
    texts = [generate_judgment(seed).text for seed in (3, 4)] + TRICKY
    pieces_ = [p for t in texts for _, p in split_for_model(t, 500) if p]
    assert _assert_same_logits(plain, chain, pieces_) > 2000


def test_a_model_of_another_architecture_is_not_run_on_the_plain_forward():
    nlp = _small_pipeline(32, 1, 1, [500, 3000], 3)
    model = nlp.get_pipe("char_ner").model
    with pytest.raises(ValueError):
        _PlainForward(model.layers[0])  # the tok2vec alone: no output layer
