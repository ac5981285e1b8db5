"""The real pipeline on a judgment given as a string, as ``redact run`` reads a .txt file
(read -> detect -> decide -> apply), for tests that check what a sentence shape publishes;
and the not-a-name vetoes asked for one span of it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from redactor.apply import apply_edits, edits_from_decisions
from redactor.audit import HmacKey
from redactor.document import Document, DocumentFormat, OffsetMap
from redactor.not_names import NotNames
from redactor.pipeline import RunConfig, analyze
from redactor.policy import load_policy


@lru_cache(maxsize=None)
def config(profile: str = "strict") -> RunConfig:
    return RunConfig(policy=load_policy(profile), hmac_key=HmacKey(b"test-text-pipeline", "test"))


def redact(text: str, profile: str = "strict") -> str:
    """The published text of ``text`` under ``profile`` (shipped rules, policy and model)."""
    doc = Document(Path("t.txt"), DocumentFormat.TXT, text, OffsetMap(), "0" * 64)
    doc.offset_map.add(0, len(text), ("txt",), 0)
    _st, _findings, outcome = analyze(doc, config(profile))
    return apply_edits(text, edits_from_decisions(outcome.decisions))


def why_not_a_name(text: str, value: str, model: bool = True, nth: int = 0) -> str | None:
    """``NotNames.vetoes`` for the ``nth`` occurrence of ``value`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.find(value, i + 1)
    return NotNames(text).vetoes(i, i + len(value), model=model)
