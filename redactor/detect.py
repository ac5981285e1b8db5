"""DETECT stage: text -> Findings, through a Presidio AnalyzerEngine of our own recognizers.

The engine is built offline: its registry holds only the rule recognizers from
rules/recognizers/*.yaml (and optionally an NER backend), its language is "zh", and its NLP
engine is Presidio's NoOpNlpEngine: our recognizers handle Chinese context themselves with a
character window, so no tokenizer runs and no spaCy model is ever downloaded (Presidio's
default AnalyzerEngine() would try to fetch an English one).

Overlaps between findings are NOT resolved here; the decide stage does it once.
"""

from __future__ import annotations

import sys
import threading
import types
from pathlib import Path

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NoOpNlpEngine

from redactor.categories import catalogue
from redactor.document import Document, Finding
from redactor.recognizers import load_rule_recognizers
from redactor.recognizers.address import AddressRecognizer
from redactor.recognizers.base import LANGUAGE, META_ATTRS, META_SOURCE, fold_width
from redactor.recognizers.ner import DEFAULT_NER, NerRecognizer, get_backend


class _CharWindowContextDone(ContextAwareEnhancer):
    """Engine-level context enhancement is a no-op: each rule recognizer already applied its
    own character-window context (Presidio's lemma enhancer needs tokens we do not make)."""

    def __init__(self):
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        return raw_results


def build_analyzer(ner: str | None = DEFAULT_NER, rules_dir: Path | None = None,
                   admin_dictionary: bool = True) -> AnalyzerEngine:
    """An AnalyzerEngine with only our recognizers. ``ner``: a backend name or None;
    ``admin_dictionary``: whether addresses are read with the list of admin divisions."""
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in load_rule_recognizers(rules_dir):
        if isinstance(recognizer, AddressRecognizer):
            recognizer.use_dictionary = admin_dictionary
        registry.add_recognizer(recognizer)
    if ner:
        registry.add_recognizer(NerRecognizer(get_backend(ner)))
    nlp_engine = NoOpNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "none"}])
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        context_aware_enhancer=_CharWindowContextDone(),
    )


_default: AnalyzerEngine | None = None
_default_lock = threading.Lock()


def default_analyzer() -> AnalyzerEngine:
    """The process-wide analyzer (rules + LAC), built on first use so each worker loads once."""
    global _default
    with _default_lock:
        if _default is None:
            _default = build_analyzer(DEFAULT_NER)
        return _default


def _source(result: RecognizerResult) -> str:
    meta = result.recognition_metadata or {}
    return meta.get(META_SOURCE) or meta.get(RecognizerResult.RECOGNIZER_NAME_KEY) or "unknown"


_CATEGORIES = frozenset(catalogue().names())


def _known_category(name: str) -> str:
    """A recognizer's entity is a category of rules/categories.yaml, or the run stops: a
    finding no rule knows would be published as found."""
    if name not in _CATEGORIES:
        raise ValueError(f"a recognizer found {name!r}, which is no category of rules/categories.yaml")
    return name


def to_finding(result: RecognizerResult, text: str) -> Finding:
    meta = result.recognition_metadata or {}
    return Finding(
        start=result.start,
        end=result.end,
        category=_known_category(result.entity_type),
        source=_source(result),
        score=round(float(result.score), 4),
        value=text[result.start : result.end],
        attrs=dict(meta.get(META_ATTRS) or {}),
    )


def detect(doc_or_text: Document | str, analyzer: AnalyzerEngine | None = None) -> list[Finding]:
    """All findings in a document's text (or a plain string), sorted by position.

    Offsets are into ``doc.text``; ``finding.value == text[start:end]`` (original width).
    """
    text = doc_or_text.text if isinstance(doc_or_text, Document) else doc_or_text
    if not text:
        return []
    analyzer = analyzer or default_analyzer()
    # Fold once here (one char for one char) so every recognizer sees the same folded
    # string; values are cut from the original text.
    results = analyzer.analyze(fold_width(text), language=LANGUAGE)
    findings = [to_finding(r, text) for r in results if r.end > r.start]
    findings.sort(key=lambda f: (f.start, -f.end, f.category, f.source))
    return findings


class _DetectModule(types.ModuleType):
    """``redactor.detect(text)`` is the public API's dry run (redactor/api.py). Once this
    module is imported the package attribute ``redactor.detect`` *is* the module, so the
    module answers the call; ``redactor.detect.build_analyzer`` and friends stay as they are."""

    def __call__(self, text, *args, **kwargs):
        from redactor.api import detect as detect_spans

        return detect_spans(text, *args, **kwargs)


sys.modules[__name__].__class__ = _DetectModule
