"""The detector registry: every source of findings is a registered Detector, and a new
source is one class plus one registration."""

from __future__ import annotations

from pathlib import Path

from redactor.audit import HmacKey
from redactor.detectors import DETECTORS, DetectionContext, Detector, DetectorRegistry
from redactor.document import Finding
from redactor.formats import read_document
from redactor.pipeline import RunConfig, analyze
from redactor.policy import load_policy

TEXT = "原告张三与被告李四民间借贷纠纷一案。工号ZX-4471记录在案。\n"


def _doc(tmp_path: Path):
    p = tmp_path / "j.txt"
    p.write_text(TEXT, encoding="utf-8")
    return read_document(p)


def test_every_source_of_findings_is_registered():
    assert DETECTORS.names() == ["presidio", "structure", "metadata_marking", "denylist"]
    assert all(isinstance(d, Detector) for d in DETECTORS)


def test_a_new_detector_is_one_class_and_one_registration(tmp_path):
    registry = DETECTORS.copy()  # the process-wide registry stays as it is for the other tests

    @registry.register
    class StaffNumberDetector:
        name = "staff_number"

        def find(self, doc, context: DetectionContext) -> list[Finding]:
            start = doc.text.find("ZX-4471")
            return [Finding(start, start + 7, "BANK_ACCOUNT", self.name, 1.0, doc.text[start:start + 7])]

    config = RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"t", "t"), ner=None)
    doc = _doc(tmp_path)
    _, before, outcome_before = analyze(doc, config)
    _, findings, outcome = analyze(doc, config, detectors=registry)
    assert not any(f.source == "staff_number" for f in before)
    ours = [d for d in outcome.decisions if d.finding.source == "staff_number"]
    assert ours and ours[0].masks  # the policy masks a bank account, wherever it was found
    assert not any(d.finding.source == "staff_number" and d.masks for d in outcome_before.decisions)


def test_registry_refuses_what_is_not_a_detector_and_duplicate_names():
    import pytest

    registry = DetectorRegistry()

    class NoFind:
        name = "no_find"

    with pytest.raises(TypeError):
        registry.register(NoFind)
    registry.register(DETECTORS.copy()._detectors[1])
    with pytest.raises(ValueError):
        registry.register(DETECTORS.copy()._detectors[1])
