"""The project's own Chinese judgment NER model (spaCy), as a ``NerBackend`` named "judgment".

The model lives in ``redactor.paths.MODELS_DIR / "zh_judgment_ner"`` and is loaded by path,
never downloaded. It is a blank ``zh`` pipeline that cuts text into single characters (so an
entity boundary is always a token boundary, even in 被告杨某16万元) followed by one
component, ``char_ner``: a hashed-embedding CNN that tags each character B/I/L/U-label or O.
A per-character tagger is several times cheaper than spaCy's transition-based ``ner`` on
character tokens, which is what makes the model faster than LAC; its loss ignores characters
whose label is unknown (missing annotation), which the training recipe relies on.

The recipe that trains it is ``models/recipe/`` (``spacy train --code`` this file).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Iterable

import numpy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.pipeline.tagger import Tagger
from spacy.tokens import Doc, Span as SpacySpan
from spacy.training import validate_examples
from thinc.api import Config, SequenceCategoricalCrossentropy

from redactor.ner_backends import JUDGMENT_MODEL, judgment_model_version
from redactor.paths import MODELS_DIR
from redactor.recognizers.ner import NER_LABELS, PERSON, Span, split_for_model

MODEL_NAME = JUDGMENT_MODEL
# spaCy's char segmentation: each non-space character is a token that owns one following
# " "; any other run of whitespace is a token of its own.
_CHAR_TOKENS = re.compile(r"(\S)( ?)|(\s+)")
SCORES_KEY = "char_ner_scores"  # doc.user_data: one probability per doc.ents entry

_DEFAULT_MODEL = Config().from_str(
    """
[model]
@architectures = "spacy.Tagger.v2"
normalize = false

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
attrs = ["NORM","SHAPE"]
rows = [20000,200]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 64
depth = 3
window_size = 2
maxout_pieces = 2
"""
)["model"]


def biluo_labels(entity_labels: Iterable[str] = NER_LABELS) -> list[str]:
    return ["O"] + [f"{p}-{lab}" for lab in entity_labels for p in "BILU"]


class CharNer(Tagger):
    """A Tagger over BILUO entity tags that writes ``doc.ents`` (and a score per entity)."""

    def get_loss(self, examples, scores):
        validate_examples(examples, "CharNer.get_loss")
        loss_func = SequenceCategoricalCrossentropy(names=self.labels, normalize=False)
        # "-" (missing annotation) and None (misaligned) are both ignored by the loss
        truths = [[t if t not in ("-", None, "") else None for t in eg.get_aligned_ner()] for eg in examples]
        d_scores, loss = loss_func(scores, truths)
        return float(loss), d_scores

    def initialize(self, get_examples, *, nlp=None, labels=None):
        if labels is None:
            seen = set()
            for eg in get_examples():
                seen.update(ent.label_ for ent in eg.reference.ents)
            labels = biluo_labels(sorted(seen) or NER_LABELS)
        super().initialize(get_examples, nlp=nlp, labels=labels)

    def predict(self, docs):
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc((0, len(self.labels))) for _ in docs]
        return self.model.predict(docs)

    def set_annotations(self, docs, batch_scores):
        for doc, scores in zip(docs, batch_scores):
            scores = self.model.ops.to_numpy(scores)
            texts = [t.text for t in doc]
            spaces = [bool(t.whitespace_) for t in doc]
            found = decode_entities(scores, self.labels, texts, spaces) if len(doc) and len(scores) else []
            doc.ents = [SpacySpan(doc, start, end, label=label) for start, end, label, _ in found]
            doc.user_data[SCORES_KEY] = [score for *_, score in found]


def decode_entities(scores, labels, texts: list[str], spaces: list[bool]) -> list[tuple[int, int, str, float]]:
    """Entities (start token, end token, label, probability) from one text's tag scores.

    The probability is the mean over the entity's characters of the chosen tag's softmax.
    Decoding is lenient: an I/L without its B starts an entity; B or U always does; a line
    break is never part of a name (and ends one). ``texts``/``spaces`` are the tokens and
    whether each owns a following space (used to keep Latin words whole).
    """
    tags = scores.argmax(axis=1)
    chosen = numpy.flatnonzero(tags)  # tag 0 is "O"
    if not len(chosen):
        return []
    rows = scores[chosen]
    # probability of the chosen tag: softmax of the logits, for the tagged rows only
    probs = 1.0 / numpy.exp(rows - rows.max(axis=1, keepdims=True)).sum(axis=1)
    ents: list[tuple[int, int, str, float]] = []
    cur_start, cur_end, cur_label, cur_probs = -1, -1, "", []

    def close(end):
        if cur_start >= 0:
            ents.append((cur_start, end, cur_label, float(sum(cur_probs) / len(cur_probs))))

    for k, i in enumerate(chosen.tolist()):
        if texts[i].isspace():
            continue
        tag = labels[tags[i]]
        prefix, label = tag[0], tag[2:]
        if cur_start >= 0 and (i != cur_end or label != cur_label or prefix in "BU"):
            close(cur_end)
            cur_start = -1
        if cur_start < 0:
            cur_start, cur_label, cur_probs = i, label, []
        cur_probs.append(float(probs[k]))
        cur_end = i + 1
        if prefix in "LU":
            close(cur_end)
            cur_start = -1
    if cur_start >= 0:
        close(cur_end)
    return _snap_to_latin_words(ents, texts, spaces)


def _is_latin(text: str) -> bool:
    return text.isascii() and text.isalnum()


def _snap_to_latin_words(ents, texts: list[str], spaces: list[bool]) -> list[tuple[int, int, str, float]]:
    """One token per character cuts Latin words into letters; an entity never ends inside one
    (Joh|ns, Sven|sson): widen it to the whole word, then drop what now overlaps. Adjacent
    entities of one label joined by a space between Latin words are one (John SMITH)."""
    out: list[tuple[int, int, str, float]] = []
    last_end, n = 0, len(texts)
    for start, end, label, score in ents:
        while start > 0 and _is_latin(texts[start]) and _is_latin(texts[start - 1]) and not spaces[start - 1]:
            start -= 1
        while end < n and _is_latin(texts[end - 1]) and _is_latin(texts[end]) and not spaces[end - 1]:
            end += 1
        if start < last_end:
            continue
        if (out and start == last_end and out[-1][2] == label and spaces[start - 1]
                and _is_latin(texts[start - 1]) and _is_latin(texts[start])):
            # John SMITH: a Latin name's parts, split at the space, are one entity
            out[-1] = (out[-1][0], end, label, min(out[-1][3], score))
            last_end = end
            continue
        out.append((start, end, label, score))
        last_end = end
    return out


@Language.factory(
    "char_ner",
    assigns=["doc.ents"],
    default_config={"model": _DEFAULT_MODEL, "scorer": {"@scorers": "spacy.ner_scorer.v1"}},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_char_ner(nlp: Language, name: str, model, scorer):
    return CharNer(nlp.vocab, model, name, scorer=scorer)


@Language.component("char_bigrams")
def char_bigrams(doc: Doc) -> Doc:
    """Put a hash of (this character, next character) in each token's NORM.

    With one token per character the NORM attribute would only repeat ORTH; as a bigram it
    gives the embedding the two-character words Chinese is made of (张三, 被告, 万元) at the
    cost of one array operation per text.
    """
    if len(doc):
        orth = doc.to_array(ORTH).astype(numpy.uint64)
        following = numpy.zeros_like(orth)
        following[:-1] = orth[1:]
        with numpy.errstate(over="ignore"):
            bigram = orth * numpy.uint64(1000003) ^ following
        doc.from_array([NORM], bigram.reshape(-1, 1))
    return doc


# -- backend -------------------------------------------------------------------------------


class SpacyNerBackend:
    """The judgment NER model as a ``NerBackend``; version from the model's meta.json."""

    name = "judgment"

    def __init__(self, path: Path | None = None, max_chars: int = 500, batch_size: int = 64,
                 min_person_chars: int = 2, fast: bool = True):
        import spacy

        self.path = Path(path) if path else MODELS_DIR / MODEL_NAME
        self.version = judgment_model_version(self.path)  # the parent reads it the same way
        self.nlp = spacy.load(self.path)
        self.max_chars = max_chars
        self.batch_size = batch_size
        # A one-character PERSON (杰 of 狄仁杰, 徐 of 徐悲鸿, 余 in 证人余145) is a fragment, not a
        # name: decide drops it anyway (not_a_name), and kept here it would hide a body cue's whole
        # name that starts at the same character. Latin letters stay. LacBackend drops
        # one-character words the same way (min_chars).
        self.min_person_chars = min_person_chars
        self._lock = threading.Lock()  # one batch at a time: a worker's threads share its cores
        from redactor.recognizers.char_tagger import CharTaggerRunner

        self._fast = None
        if fast:  # fast=False: spaCy and thinc exactly as trained (the tests' reference)
            try:
                self._fast = CharTaggerRunner(self.nlp, batch_size)
            except ValueError:  # a model of another shape: spaCy's own pipeline runs it
                self._fast = None

    def make_doc(self, text: str) -> Doc:
        """The same Doc as the pipeline's character tokenizer makes, in linear time (spaCy's
        generic word/space alignment slices the text once per character)."""
        words, spaces = [], []
        for m in _CHAR_TOKENS.finditer(text):
            char, space, run = m.groups()
            if run is None:
                words.append(char)
                spaces.append(bool(space))
            else:
                words.append(run)
                spaces.append(False)
        return Doc(self.nlp.vocab, words=words, spaces=spaces)

    def entities(self, texts: list[str]) -> list[list[Span]]:
        pieces: list[str] = []
        owners: list[tuple[int, int]] = []
        for ti, text in enumerate(texts):
            for offset, piece in split_for_model(text, self.max_chars):
                pieces.append(piece)
                owners.append((ti, offset))
        out: list[list[Span]] = [[] for _ in texts]
        with self._lock:
            found = self._fast.entities(pieces) if self._fast else self._spacy_entities(pieces)
        for (ti, offset), spans in zip(owners, found):
            out[ti].extend((start + offset, end + offset, label, round(score, 4)) for start, end, label, score in spans
                           if not (label == PERSON and end - start < self.min_person_chars
                                   and not texts[ti][start + offset].isascii()))
        return out

    def _spacy_entities(self, pieces: list[str]) -> list[list[Span]]:
        """The model run through spaCy's own pipeline (Doc objects): the reference the fast
        path is tested against, and the path for a model of another shape."""
        out = []
        for doc in self.nlp.pipe((self.make_doc(p) for p in pieces), batch_size=self.batch_size):
            out.append([(ent.start_char, ent.end_char, ent.label_, score)
                        for ent, score in zip(doc.ents, doc.user_data.get(SCORES_KEY, []))])
        return out
