"""verify: read the written file back and fail closed if a masked value is still there.

Every extractor the format has (``formats.<fmt>.extract``: body text per extractor,
metadata, raw streams) is searched for every masked original value. A format may say
how its extract runs for one document (``verify_options``: the PDF writer's loaded
pages, whether pdfminer.six reads it) and what the run report notes about it. Whitespace
is ignored so a value the file split across lines or runs is still found. A value may
legitimately stay only where the redacted text itself keeps it (张伟 inside a kept
张伟律师事务所), so each extractor may show it at most as often as the intended text does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from redactor.document import Decision, Document
from redactor.errors import VerificationFailed
from redactor.formats import WriteResult, format_for


def _norm(s: str) -> str:
    # str.split() splits on exactly the characters re's \s matches in a str pattern
    # (Py_UNICODE_ISSPACE), several times faster on the megabytes a DOCX's views hold.
    return "".join(s.split())


def _occurrences(text: str, values: set[str]) -> dict[str, int]:
    """How often each value occurs in ``text``, overlaps included (so never fewer than
    ``str.count`` finds): one Aho-Corasick pass instead of one scan per value."""
    import ahocorasick

    if not values:
        return {}
    auto = ahocorasick.Automaton()
    for v in values:
        auto.add_word(v, v)
    auto.make_automaton()
    found: dict[str, int] = {}
    for _, v in auto.iter(text):
        found[v] = found.get(v, 0) + 1
    return found


@dataclass
class VerifyReport:
    checked_values: int
    extractors: int
    notes: dict = field(default_factory=dict)  # for the run report (PDF: ``pdf_pdfminer``)


VERIFY_MODES = ("sampled", "full")


def _extracted_texts(doc: Document, written: Path, mode: str, result: WriteResult) -> tuple[list[str], dict]:
    fmt = format_for(doc.format)
    plan = getattr(fmt, "verify_options", None)
    options, notes = plan(doc, result, mode) if plan is not None else ({}, {})
    return fmt.extract(written, **options), notes


def verify_written(doc: Document, decisions: list[Decision], redacted_text: str, written: Path,
                   mode: str = "sampled", result: WriteResult | None = None) -> VerifyReport:
    """``mode``: "sampled" (PDF: pdfminer.six reads a sample of the documents and those that
    need it) or "full" (every extractor reads every document). ``result``: what the writer
    returned for ``written`` (its notes, its handoff), when it was just written."""
    if mode not in VERIFY_MODES:
        raise ValueError(f"unknown verify mode {mode!r}")
    raw_texts, notes = _extracted_texts(doc, written, mode, result if result is not None else WriteResult())
    # All views joined: a value found there no more often than the redacted text allows is
    # within bounds in every view (a view's count is at most the joined count, and the
    # joined count is counted with overlaps, so it only errs high). Only the few
    # values that fail this bound are counted view by view (a DOCX has thousands of small
    # views: attribute values, parts), which is what the check costs otherwise.
    joined = _norm("\n".join(raw_texts))
    texts: list[str] | None = None
    expected = _norm(redacted_text)
    values = {_norm(d.finding.value) for d in decisions if d.masks}
    values = {v for v in values if len(v) >= 2}
    leaked: dict[str, int] = {}
    bound = _occurrences(joined, values)
    for v in values:
        allowed = expected.count(v)
        if bound.get(v, 0) <= allowed:
            continue
        if texts is None:
            texts = [_norm(t) for t in raw_texts]
        for t in texts:
            if t.count(v) > allowed:
                cat = next(d.finding.category for d in decisions if d.masks and _norm(d.finding.value) == v)
                leaked[cat] = leaked.get(cat, 0) + 1
                break
    if leaked:
        summary = ", ".join(f"{k}×{n}" for k, n in sorted(leaked.items()))
        raise VerificationFailed(f"masked values still readable in the written file ({summary})")
    return VerifyReport(len(values), len(raw_texts), notes)
