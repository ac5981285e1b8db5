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
from itertools import repeat

import numpy
from spacy.strings import get_string_id
from thinc.api import NumpyOps

from redactor.recognizers.ner_spacy import decode_entities

# The features the shipped model reads, in this order (its MultiHashEmbed attrs).
FEATURE_COLUMNS = ["ORTH", "NORM"]
PIPE_NAMES = ["char_bigrams", "char_ner"]
_WHITESPACE_RUNS = re.compile(r"(\s+)")
_BIGRAM_PRIME = numpy.uint64(1000003)  # as char_bigrams computes NORM
_KEY_MIX = numpy.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit constant: a token's feature ids -> one key


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
    """token text -> ORTH id as spaCy gives it, computed once per process. Not a plain string
    hash: a text that is one of spaCy's symbols (X, _) has the symbol's id (X is 101), and the
    model was trained on those ids."""

    def __missing__(self, text: str) -> int:
        value = self[text] = get_string_id(text)
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


class _Maxout:
    """A thinc ``maxout`` (optionally followed by its ``layernorm``) as plain arrays."""

    __slots__ = ("W", "b", "nO", "nP", "norm", "ops")

    def __init__(self, maxout, layernorm=None):
        nO, nP, nI = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
        self.W = maxout.get_param("W").reshape(nO * nP, nI)
        self.b = maxout.get_param("b").reshape(nO * nP)
        self.nO, self.nP = nO, nP
        self.ops = NumpyOps()
        self.norm = (layernorm.get_param("G"), layernorm.get_param("b")) if layernorm is not None else None

    def __call__(self, X: numpy.ndarray) -> numpy.ndarray:
        # as thinc: gemm (numpy's, as OpenBlasOps), += bias, max over the pieces, layernorm
        Y = X @ self.W.T
        Y += self.b
        best, _ = self.ops.maxout(Y.reshape(Y.shape[0], self.nO, self.nP))  # a C loop (numpy's max
        # over an axis of 2 or 3 is several times slower)
        if self.norm is None:
            return best
        centred = best - best.mean(axis=1, keepdims=True)
        var = numpy.einsum("ij,ij->i", centred, centred) / best.shape[1]
        centred *= (1.0 / numpy.sqrt(var + 1e-08)).astype(best.dtype)[:, None]
        centred *= self.norm[0]
        centred += self.norm[1]
        return centred


def _layers_named(model, name: str) -> list:
    return [layer for layer in model.walk() if layer.name == name]


def _only(model, name: str):
    found = _layers_named(model, name)
    if len(found) != 1:
        raise ValueError(f"expected one {name} layer, found {len(found)}")
    return found[0]


def _maxout_block(chain_model) -> _Maxout:
    """``maxout>>layernorm>>dropout`` (dropout is the identity at prediction)."""
    names = sorted(layer.name for layer in chain_model.walk() if not layer.layers)
    if names not in (["dropout", "layernorm", "maxout"], ["layernorm", "maxout"]):
        raise ValueError(f"unexpected block {chain_model.name}")
    return _Maxout(_only(chain_model, "maxout"), _only(chain_model, "layernorm"))


# The architecture the plain-array forward reproduces: spacy.Tagger.v2 over spacy.Tok2Vec.v2 with
# MultiHashEmbed.v2 (any number of hashed features, normalised Maxout) and MaxoutWindowEncoder.v2
# (any depth and window), an unnormalised softmax. Widths, rows, seeds, depth and window are read
# from the loaded model; a model of any other shape is refused (and runs through spaCy).
_ARCHITECTURE = re.compile(
    r"extract_features>>list2ragged>>with_array\((?:ints-getitem>>hashembed\|?)+\)"
    r">>with_array\(maxout>>layernorm>>dropout\)>>ragged2list"
    r">>with_array\((?:residual\(expand_window>>maxout>>layernorm>>dropout\)(?:>>)?)+\)"
    r">>with_array\(softmax\)")


class _PlainForward:
    """The char_ner network's prediction as a few numpy calls per batch instead of thinc's
    layer chain (a Python call, a shape check and a backprop closure per layer per batch, which
    on a short judgment cost more than the matrix products). The same kernels in the same order
    on the same arrays: thinc's own hash, gather_add and seq2col (C loops), numpy's matmul as
    OpenBlasOps, the same layer normalisation, the same padding between pieces."""

    def __init__(self, model):
        if not _ARCHITECTURE.fullmatch(model.name):
            raise ValueError("not the Tagger/MultiHashEmbed/MaxoutWindowEncoder architecture")
        self.ops = NumpyOps()
        # the concatenate layer holding the per-feature embeddings, in output column order
        concat = next(layer for layer in model.walk()
                      if layer.layers and all(sub.name == "ints-getitem>>hashembed" for sub in layer.layers))
        self.embeddings = []
        for sub in concat.layers:
            getitem, hashembed = sub.layers
            index = getitem.attrs["index"]
            if not (isinstance(index, tuple) and len(index) == 2 and index[0] == slice(0, None, None)):
                raise ValueError("an embedding reads an unexpected slice of the features")
            table = hashembed.get_param("E")
            self.embeddings.append((int(index[1]), table, int(hashembed.attrs["seed"]), table.shape[0]))
        top = model.layers
        tok2vec, output = top
        embed, encode = tok2vec.layers
        self.reduce = _maxout_block(embed.layers[3].layers[0])
        self._cache: dict[int, int] = {}
        self._cached = 0
        self._store = numpy.empty((self.CACHE_ROWS, self.reduce.nO), dtype=self.reduce.W.dtype)
        self._row_ids = numpy.zeros((self.CACHE_ROWS, len(FEATURE_COLUMNS)), dtype=numpy.uint64)
        self.pad = int(encode.attrs["pad"])
        self.blocks = []
        for residual in encode.layers[0].walk():
            if residual.name.startswith("residual(") and len(residual.layers) == 1:
                window, block = residual.layers[0].layers
                self.blocks.append((int(window.attrs["window_size"]), _maxout_block(block)))
        if not self.blocks:
            raise ValueError("no encoder blocks")
        softmax = output.layers[0]
        if softmax.attrs.get("softmax_normalize") or softmax.attrs.get("softmax_temperature", 1.0) != 1.0:
            raise ValueError("the fast path decodes unnormalised logits")
        self.out_W, self.out_b = softmax.get_param("W"), softmax.get_param("b")
        if output.attrs.get("pad", 0) or embed.layers[2].attrs.get("pad", 0) or embed.layers[3].attrs.get("pad", 0):
            raise ValueError("padding where none was expected")

    # The embedding and its Maxout see one token's features and nothing else: their output for a
    # feature row is cached (per process, ``CACHE_ROWS`` rows, then started afresh). A cached row
    # must not depend on what else was computed with it (a run gives the same bytes whatever the
    # order of its documents or the number of its workers): new rows are computed in products of
    # exactly ``CACHE_BLOCK`` rows, padded with filler rows. OpenBLAS takes another kernel for a
    # product of a few rows only; above that each row gets the same bits whatever else is in the
    # product (bit for bit on Intel's kernels; on AMD EPYC a row can still differ in the last
    # float32 digit with the product it was computed in, so tests/test_ner_fast_path.py checks the
    # tag of every character and the logits to 1e-5 against thinc's chain). A batch
    # of fewer than ``MIN_GEMM_ROWS`` tokens is computed as it is, as thinc computes it.
    CACHE_ROWS = 1 << 16
    CACHE_BLOCK = 64
    MIN_GEMM_ROWS = 16

    def _embedded(self, X: numpy.ndarray) -> numpy.ndarray:
        ops = self.ops
        columns = []
        for column, table, seed, rows in self.embeddings:
            keys = ops.hash(numpy.ascontiguousarray(X[:, column]), seed) % rows
            columns.append(ops.gather_add(table, keys))
        return self.reduce(numpy.hstack(columns))

    def _embedded_cached(self, X: numpy.ndarray) -> numpy.ndarray:
        # one 64-bit key per feature row; the cache keeps each row's features and a lookup is
        # checked against them, so a key shared by two rows costs time, never a wrong row
        key = X[:, 0].copy()
        with numpy.errstate(over="ignore"):
            for c in range(1, X.shape[1]):
                key *= _KEY_MIX
                key ^= X[:, c]
        keys = key.tolist()
        where = numpy.fromiter(map(self._cache.get, keys, repeat(-1)), dtype=numpy.intp, count=len(keys))
        missing = where < 0
        if missing.any():
            new_keys, first = numpy.unique(key[missing], return_index=True)
            if self._cached + len(new_keys) > self.CACHE_ROWS:
                self._cache.clear()
                self._cached = 0
                return self._embedded_cached(X) if len(X) <= self.CACHE_ROWS else self._embedded(X)
            rows = X[missing][first]
            start, n = self._cached, len(rows)
            block = self.CACHE_BLOCK
            filled = -n % block  # filler rows (copies of the first), dropped again
            computed = numpy.concatenate([rows, numpy.repeat(rows[:1], filled, axis=0)]) if filled else rows
            for b in range(0, n, block):
                self._store[start + b : start + min(b + block, n)] = self._embedded(computed[b : b + block])[: n - b]
            self._row_ids[start : start + n] = rows
            self._cache.update(zip(new_keys.tolist(), range(start, start + n)))
            self._cached += n
            where[missing] = start + numpy.searchsorted(new_keys, key[missing])
        if not numpy.array_equal(self._row_ids[where], X):  # two feature rows under one key
            return self._embedded(X)
        return self._store[where]

    def __call__(self, features: list[numpy.ndarray]) -> list[numpy.ndarray]:
        """Logits per piece, from each piece's (tokens, features) uint64 array (none empty)."""
        ops = self.ops
        lengths = [len(f) for f in features]
        X = numpy.concatenate(features)
        H = self._embedded(X) if len(X) < self.MIN_GEMM_ROWS else self._embedded_cached(X)
        # with_array(pad): the pieces one after another with ``pad`` zero rows around each
        pad = self.pad
        width = H.shape[1]
        Hp = numpy.zeros((len(H) + pad * (len(lengths) + 1), width), dtype=H.dtype)
        starts = []
        src = dst = 0
        for n in lengths:
            dst += pad
            Hp[dst : dst + n] = H[src : src + n]
            starts.append(dst)
            dst += n
            src += n
        for window, block in self.blocks:
            Hp = Hp + block(ops.seq2col(Hp, window))
        H = numpy.concatenate([Hp[s : s + n] for s, n in zip(starts, lengths)])
        logits = H @ self.out_W.T
        logits += self.out_b
        return numpy.split(logits, numpy.cumsum(lengths)[:-1])


class CharTaggerRunner:
    """The ``char_ner`` model of a loaded pipeline, run on strings."""

    def __init__(self, nlp, batch_size: int = 64, plain: bool = True):
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
        # plain=False: thinc's own layer chain (with the ops above), the plain forward's reference
        self._plain = _PlainForward(self.model) if plain else None

    def logits(self, features: list[numpy.ndarray]) -> list[numpy.ndarray]:
        """The network's output (one row of label logits per token) for each piece's features."""
        if self._plain is not None:
            return self._plain(features)
        return [self.model.ops.to_numpy(s) for s in self.model.predict([_FeatureRows(f) for f in features])]

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
            scores = self.logits([self._features(texts) for texts, _, _ in tokens])
            for i, (texts, starts, spaces), piece_scores in zip(batch, tokens, scores):
                out[i] = [(starts[s], starts[e - 1] + len(texts[e - 1]), label, score)
                          for s, e, label, score in decode_entities(piece_scores, self.labels, texts, spaces)]
        return out
