"""Every source of findings behind one interface: a ``Detector`` is a ``name`` and a
``find(doc, context) -> list[Finding]``; ``DETECTORS`` is the one registry the plan runs.

The detectors, in the order their findings are listed (decide resolves overlaps once):

* ``presidio`` — the Presidio AnalyzerEngine of our rule recognizers and the NER backend
  (redactor/detect.py);
* ``structure`` — the names the structure parser placed, with their roles
  (``structure.structure_findings``; the parse itself is done once, before detection,
  and handed over in the context because decide needs it too);
* ``metadata_marking`` — classification markings in the document's properties
  (``article17.metadata_findings``);
* ``denylist`` — a clerk's per-case trade-secret deny list (``article17.denylist_findings_for``).

Adding a source is one class and one ``DETECTORS.register(...)``.

Reviewers' masks are not a detector: they are decisions, not findings. They act on what
decide already made of the findings (keep a masked span, mask a kept one, release a
document held for review), carry the reviewer's authority and their own audit records,
and so run after decide, in the reviewer-decisions step (redactor/review_apply.py).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol, runtime_checkable

from redactor.document import Category, Document, Finding
from redactor.name_forms import NAME_DOTS
from redactor.structure import JudgmentStructure, structure_findings


@dataclass
class DetectionContext:
    """What a detector may use besides the document itself."""

    structure: JudgmentStructure
    ner: str | None = None
    denylist_dir: Path | None = None
    rel: str | None = None  # the document's path relative to its input root
    admin_dictionary: bool = True  # addresses read with the list of admin divisions (RunConfig)


@runtime_checkable
class Detector(Protocol):
    name: str

    def find(self, doc: Document, context: DetectionContext) -> list[Finding]: ...


class DetectorRegistry:
    """Detectors in the order their findings are listed."""

    def __init__(self, detectors: list[Detector] | None = None):
        self._detectors: list[Detector] = list(detectors or [])

    def register(self, detector: Any) -> Any:
        """Add a detector (an instance, or a class made with no arguments); returns what it got,
        so it also works as a class decorator."""
        instance = detector() if isinstance(detector, type) else detector
        if not isinstance(instance, Detector):
            raise TypeError(f"{type(instance).__name__} is not a Detector (name + find(doc, context))")
        if instance.name in self.names():
            raise ValueError(f"a detector named {instance.name!r} is already registered")
        self._detectors.append(instance)
        return detector

    def names(self) -> list[str]:
        return [d.name for d in self._detectors]

    def copy(self) -> "DetectorRegistry":
        return DetectorRegistry(self._detectors)

    def __iter__(self) -> Iterator[Detector]:
        return iter(self._detectors)

    def find_all(self, doc: Document, context: DetectionContext) -> list[Finding]:
        findings: list[Finding] = []
        for detector in self._detectors:
            findings += [g for f in detector.find(doc, context) for g in person_pieces(f, doc.text)]
        return findings


_PERSON = Category.PERSON.value


def _is_punctuation(ch: str) -> bool:
    return ch not in NAME_DOTS and unicodedata.category(ch).startswith("P")


def person_pieces(f: Finding, text: str) -> list[Finding]:
    """A PERSON span never holds punctuation: a model's span drawn over a bracket or a quote
    (由“乌鸡四”（沈王）和沈智荣: the model's 沈王）) would take the bracket with the name when
    it is replaced. Edges are trimmed and a span with punctuation inside becomes its pieces
    (张三、李四 read as one span is two names). Every detector's findings pass here, so
    no later stage has to ask; other categories are left as their recognizer drew them."""
    if f.category != _PERSON or not any(_is_punctuation(ch) for ch in f.value):
        return [f]
    bounds, start = [], None
    for i in range(f.start, f.end + 1):
        if i < f.end and not _is_punctuation(text[i]):
            if start is None:
                start = i
        elif start is not None:
            bounds.append((start, i))
            start = None
    # a piece cut out of a longer span (德州 of 清泰（德州）) is weaker evidence than a span
    # the detector drew around it alone: decide asks more of it (persons.py)
    attrs = dict(f.attrs, piece=True) if len(bounds) > 1 else dict(f.attrs)
    return [Finding(a, b, f.category, f.source, f.score, text[a:b], dict(attrs)) for a, b in bounds]


_analyzers: dict[tuple[str | None, bool], Any] = {}


def get_analyzer(ner: str | None, admin_dictionary: bool = True):
    """Rules and models are loaded once per process (per worker), not per document."""
    key = (ner, admin_dictionary)
    if key not in _analyzers:
        from redactor.detect import build_analyzer

        _analyzers[key] = build_analyzer(ner=ner, admin_dictionary=admin_dictionary)
    return _analyzers[key]


class PresidioDetector:
    name = "presidio"

    def find(self, doc: Document, context: DetectionContext) -> list[Finding]:
        from redactor.detect import detect

        return detect(doc, get_analyzer(context.ner, context.admin_dictionary))


class StructureDetector:
    name = "structure"

    def find(self, doc: Document, context: DetectionContext) -> list[Finding]:
        return structure_findings(context.structure, doc.text)


class MetadataMarkingDetector:
    """Hidden places count too: empty-span findings, the marking text never travels further."""

    name = "metadata_marking"

    def find(self, doc: Document, context: DetectionContext) -> list[Finding]:
        from redactor import article17

        return article17.metadata_findings(doc)


class DenylistDetector:
    name = "denylist"

    def find(self, doc: Document, context: DetectionContext) -> list[Finding]:
        from redactor import article17

        return article17.denylist_findings_for(doc, denylist_dir=context.denylist_dir, rel=context.rel)


DETECTORS = DetectorRegistry()
for _detector in (PresidioDetector, StructureDetector, MetadataMarkingDetector, DenylistDetector):
    DETECTORS.register(_detector)
