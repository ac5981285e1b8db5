"""Run the judgment NER model on plain strings, without building spaCy ``Doc`` objects.

A profile of the TXT path put about a third of the NER time in spaCy's bookkeeping, not in
the network: a ``Doc`` per 500-character piece (a token and a lexeme lookup per character),
the ``char_bigrams`` component, and ``Span`` objects for the results. The network itself only
reads two 64-bit feature ids per character token: ORTH (the hash of the token's text) and
NORM (the bigram hash ``char_bigrams`` puts there). This module computes those ids directly
(with a per-process cache of character hashes), feeds them to the very same thinc model, and
decodes the tags with the component's own ``decode_entities``. ``tests/test_ner_fast_path.py``
checks that both paths give the same entities; a model of any other shape is refused here and
runs through spaCy instead.

The matrix products go to numpy's OpenBLAS instead of thinc's default blis: on the shapes of
this model (tens of thousands of characters x 320 -> 128) it is 1.6-1.9x faster per CPU
second, and the whole NER about 25 % faster. OpenBLAS is held to one thread: the tool runs in
parallel by worker processes, and a thread pool per worker would only oversubscribe the cores.
The layer normalisations run a prediction-only version (fewer passes over the array, no
backprop closure). The runner changes the loaded pipeline's layers in place: a backend made
with ``fast=False`` keeps spaCy and thinc exactly as trained, for comparison.
"""

from __future__ import annotations

import re

import numpy
from spacy.strings import hash_string
from thinc.api import NumpyOps

from redactor.recognizers.ner_spacy import decode_entities

# The features the shipped model reads, in this order (its MultiHashEmbed attrs).
FEATURE_COLUMNS = ["ORTH", "NORM"]
PIPE_NAMES = ["char_bigrams", "char_ner"]
_WHITESPACE_RUNS = re.compile(r"(\s+)")
_BIGRAM_PRIME = numpy.uint64(1000003)  # as char_bigrams computes NORM


class OpenBlasOps(NumpyOps):
    """thinc's numpy backend with matrix products done by numpy (OpenBLAS) instead of blis."""

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return a @ b
        numpy.matmul(a, b, out=out)
        return out


def _layernorm_predict(model, X, is_train):
    """thinc's LayerNorm forward for prediction: (X - mean) / sqrt(var + 1e-8) * G + b, with
    the variance from the centred values and the scaling done in place."""
    if is_train:
        raise RuntimeError("the fast NER path is for prediction only")
    centred = X - X.mean(axis=1, keepdims=True)
    var = numpy.einsum("ij,ij->i", centred, centred) / X.shape[1]
    centred *= (1.0 / numpy.sqrt(var + 1e-08)).astype(X.dtype)[:, None]
    centred *= model.get_param("G")
    centred += model.get_param("b")
    return centred, None


def _single_threaded_blas() -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


class _OrthIds(dict):
    """token text -> ORTH id (spaCy's string hash), computed once per process."""

    def __missing__(self, text: str) -> int:
        value = self[text] = hash_string(text)
        return value


class _FeatureRows:
    """What thinc's ``FeatureExtractor`` reads from a Doc (``doc.to_array(columns)``), ready-made."""

    __slots__ = ("features",)

    def __init__(self, features: numpy.ndarray):
        self.features = features

    def to_array(self, columns) -> numpy.ndarray:
        return self.features


def char_tokens(piece: str) -> tuple[list[str], list[int], list[bool]]:
    """The tokens spaCy's ``char`` segmenter makes, as (texts, start offsets, owns-a-space):
    every non-space character is a token that owns one following " "; any other run of
    whitespace is a token of its own."""
    texts: list[str] = []
    starts: list[int] = []
    spaces: list[bool] = []
    pos = 0
    for k, part in enumerate(_WHITESPACE_RUNS.split(piece)):
        if k % 2 == 0:  # characters
            texts.extend(part)
            starts.extend(range(pos, pos + len(part)))
            spaces.extend([False] * len(part))
        else:  # a whitespace run; the character before it (if any) owns a leading " "
            run, run_start = part, pos
            if texts and starts[-1] == pos - 1 and run[0] == " " and not texts[-1].isspace():
                spaces[-1] = True
                run, run_start = run[1:], pos + 1
            if run:
                texts.append(run)
                starts.append(run_start)
                spaces.append(False)
        pos += len(part)
    return texts, starts, spaces


class CharTaggerRunner:
    """The ``char_ner`` model of a loaded pipeline, run on strings."""

    def __init__(self, nlp, batch_size: int = 64):
        if list(nlp.pipe_names) != PIPE_NAMES:
            raise ValueError("not the char_bigrams + char_ner pipeline")
        pipe = nlp.get_pipe("char_ner")
        extractor = next((layer for layer in pipe.model.walk() if layer.name == "extract_features"), None)
        if extractor is None or list(extractor.attrs.get("columns", [])) != FEATURE_COLUMNS:
            raise ValueError("the model reads other features than ORTH and NORM")
        self.model = pipe.model
        _single_threaded_blas()
        ops = OpenBlasOps()
        for layer in self.model.walk():
            layer.ops = ops
            if layer.name == "layernorm":
                layer._func = _layernorm_predict
        self.labels = list(pipe.labels)
        self.batch_size = batch_size
        self._orth = _OrthIds()

    def _features(self, texts: list[str]) -> numpy.ndarray:
        orth = numpy.fromiter(map(self._orth.__getitem__, texts), dtype=numpy.uint64, count=len(texts))
        following = numpy.zeros_like(orth)
        following[:-1] = orth[1:]
        features = numpy.empty((len(texts), 2), dtype=numpy.uint64)
        features[:, 0] = orth
        with numpy.errstate(over="ignore"):
            features[:, 1] = orth * _BIGRAM_PRIME ^ following
        return features

    def entities(self, pieces: list[str]) -> list[list[tuple[int, int, str, float]]]:
        """Per piece, (start, end, label, probability) with offsets into the piece."""
        out: list[list[tuple[int, int, str, float]]] = [[] for _ in pieces]
        todo = [i for i, p in enumerate(pieces) if p]
        for b in range(0, len(todo), self.batch_size):
            batch = todo[b : b + self.batch_size]
            tokens = [char_tokens(pieces[i]) for i in batch]
            rows = [_FeatureRows(self._features(texts)) for texts, _, _ in tokens]
            scores = self.model.predict(rows)
            for i, (texts, starts, spaces), piece_scores in zip(batch, tokens, scores):
                piece_scores = self.model.ops.to_numpy(piece_scores)
                out[i] = [(starts[s], starts[e - 1] + len(texts[e - 1]), label, score)
                          for s, e, label, score in decode_entities(piece_scores, self.labels, texts, spaces)]
        return out
