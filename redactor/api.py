"""The Python API: redact a string, a file, or list what would be masked.

    >>> import redactor
    >>> r = redactor.redact_text("原告张伟，男，1980年1月1日出生，身份证号码110101198001011237。")
    >>> r.text
    '原告张某，男，1980年1月1日出生，身份证号码×××。'
    >>> [(s.category, s.action, s.replacement) for s in r.spans]
    [('PERSON', 'anonymize', '张某'), ('ID_CARD', 'delete', '×××')]

``redact_text`` and ``detect`` run the same detect and decide stages as ``redact run`` on
a plain string (no file, no audit); ``redact_file`` runs the whole pipeline on files
(write, verify, report.json, hash-chained audit.jsonl). Values a ``Span`` carries stay out
of its ``repr``, so printing a result in a log shows categories and rules, never the text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from redactor.ner_backends import DEFAULT_NER

__all__ = ["Span", "TextResult", "FileResult", "redact_text", "redact_file", "detect"]


@dataclass(frozen=True)
class Span:
    """One detected span and what the policy did with it (offsets into the input text)."""

    start: int
    end: int
    category: str  # a category of rules/categories.yaml: PERSON, ID_CARD, ADDRESS_DETAIL...
    action: str  # keep | anonymize | delete | partial | review | withhold
    rule: str  # the policy rule that decided ("category:ID_CARD", "person:plaintiff:anonymize")
    article: str  # the provision that rule implements
    replacement: str = field(repr=False)  # what the published text has instead (the value for a keep)
    role: str | None = None  # a person's role in the case (plaintiff, judge, witness...)
    source: str = ""  # which detector found it ("rule:id_card", the NER model)
    score: float = 0.0
    value: str = field(default="", repr=False)  # the original text: never logged

    @property
    def masks(self) -> bool:
        return self.action in ("anonymize", "delete", "partial")


@dataclass(frozen=True)
class TextResult:
    """``text`` is the publishable text, or None when the document may not be published
    as it is (``status`` withheld under Art. 4, or review: an item needs a human).
    ``spans``: every detected span with its decision, kept ones included; ``masked``: those
    the published text changes."""

    status: str  # published | withheld | review
    text: str | None = field(repr=False)
    spans: tuple[Span, ...]
    reason: str = ""
    article: str = ""

    @property
    def masked(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.masks)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.masked:
            out[s.category] = out.get(s.category, 0) + 1
        return out


@dataclass(frozen=True)
class FileResult:
    """What ``redact_file`` did with one input (the entry of OUT/report.json)."""

    input: str
    status: str  # published | withheld | review | failed
    reason: str
    reason_code: str
    article: str
    output: Path | None  # the published file, when status is published
    counts: dict[str, int]
    report: Path  # OUT/report.json
    audit: Path  # OUT/audit.jsonl


def _config(policy: Any, ner: str | None, hmac_key: Any = None, denylist_dir: Path | None = None):
    from redactor.audit import HmacKey
    from redactor.pipeline import RunConfig
    from redactor.policy import Policy, load_policy

    pol = policy if isinstance(policy, Policy) else load_policy(policy)
    # No audit record is written for a string: a throwaway key, never the court's.
    key = hmac_key or HmacKey(b"redactor-api-no-audit", "api")
    cfg = RunConfig(policy=pol, hmac_key=key, ner=None if ner in (None, "none") else ner)
    cfg.denylist_dir = denylist_dir
    return cfg


def _text_document(text: str, hints: dict[str, Any] | None):
    from redactor.document import Document, DocumentFormat, OffsetMap

    norm = text.replace("\r\n", "\n")
    omap = OffsetMap()
    omap.add(0, len(norm), ("txt",), 0)
    doc = Document(path=Path("<text>"), format=DocumentFormat.TXT, text=norm, offset_map=omap,
                   sha256=hashlib.sha256(norm.encode("utf-8")).hexdigest(), source_info={"encoding": "utf-8"})
    doc.hints = dict(hints or {})
    return doc


def _span(d) -> Span:
    f = d.finding
    return Span(start=f.start, end=f.end, category=f.category, action=d.action.value, rule=d.rule,
                article=d.article, replacement=d.replacement, role=d.role, source=f.source,
                score=round(float(f.score), 4), value=f.value)


def _analyze(text: str, policy, ner, hints, denylist_dir):
    from redactor.pipeline import plan_document

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    doc = _text_document(text, hints)
    config = _config(policy, ner, denylist_dir=denylist_dir)
    plan = plan_document(doc, config)
    return doc, plan.findings, plan.outcome, config.policy


def redact_text(text: str, policy: Any = "strict", *, ner: str | None = DEFAULT_NER,
                hints: dict[str, Any] | None = None, denylist_dir: Path | None = None) -> TextResult:
    """Redact one judgment given as a string, as ``redact run`` would redact a .txt file.

    ``policy``: ``"strict"``, ``"spc2016"``, a YAML path or a loaded ``Policy``; ``ner``: the
    NER backend (``"judgment"``, ``"lac"``, ``None`` for rules only); ``hints``: what a
    sidecar ``NAME.meta.json`` would say (``case_type``, ``cause``, ``case_number``...).
    Line ends are normalised to ``\\n`` (offsets refer to that text)."""
    from redactor.apply import apply_edits, edits_from_decisions

    doc, findings, outcome, pol = _analyze(text, policy, ner, hints, denylist_dir)
    spans = tuple(detected_spans(findings, outcome, pol))
    verdict = outcome.verdict
    if verdict.status == "withhold":
        return TextResult("withheld", None, spans, verdict.reason, verdict.article)
    if verdict.status == "review":
        return TextResult("review", None, spans, verdict.reason, verdict.article)
    published = apply_edits(doc.text, edits_from_decisions(outcome.decisions))
    return TextResult("published", published, spans)


def detect(text: str, policy: Any = "strict", *, ner: str | None = DEFAULT_NER,
           hints: dict[str, Any] | None = None, denylist_dir: Path | None = None) -> list[Span]:
    """Every detected span of a string with the policy's decision, kept ones included
    (what ``redact detect`` prints; the same as ``redact_text(...).spans``): a dry run."""
    _, findings, outcome, pol = _analyze(text, policy, ner, hints, denylist_dir)
    return detected_spans(findings, outcome, pol)


def detected_spans(findings, outcome, policy) -> list[Span]:
    """Every finding with its decision, kept ones included. A finding no decision covers is
    kept: a name by its role's rule (``person:judge:keep``), any other by its category's
    (``category:CASE_NUMBER:keep``); mentions found only by propagation are added."""
    import re

    by_span = {(d.finding.start, d.finding.end): d for d in outcome.decisions}
    out: list[Span] = []
    seen = set()
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        key = (f.start, f.end)
        if key in seen or f.end <= f.start:
            continue
        seen.add(key)
        d = by_span.get(key)
        if d is not None:
            out.append(_span(d))
            continue
        role = None
        if f.category == "PERSON":
            role = outcome.person_roles.get(re.sub(r"\s+", "", f.value))
            rule, article = f"person:{role or 'unknown'}:keep", policy.role_rule(role).article if role else ""
        else:
            rule, article = f"category:{f.category}:keep", policy.category_rule(f.category).article
        out.append(Span(start=f.start, end=f.end, category=f.category, action="keep", rule=rule, article=article,
                        replacement=f.value, role=role, source=f.source, score=round(float(f.score), 4),
                        value=f.value))
    for key, d in by_span.items():
        if key not in seen:
            out.append(_span(d))
    out.sort(key=lambda s: (s.start, s.end))
    return out


def redact_file(path: str | Path | Iterable[str | Path], out_dir: str | Path, policy: Any = "strict", *,
                ner: str | None = DEFAULT_NER, hmac_key_file: Path | None = None, production: bool | None = None,
                decisions: Path | None = None, denylist_dir: Path | None = None,
                force: bool = False) -> FileResult | list[FileResult]:
    """Run the real pipeline (read, detect, decide, write, verify, audit) on a file or a
    folder, into ``out_dir``: the same files, report.json and audit.jsonl as ``redact run``.

    Returns one ``FileResult`` for a single file, a list for a folder or several paths.
    Runs in this process (``--executor inline``). Raises ``ValueError`` for a bad policy,
    ``redactor.audit.AuditKeyError`` without a key in production, ``FileNotFoundError`` for a
    missing input; a document that cannot be redacted safely is a ``failed`` result."""
    from redactor.audit import load_hmac_key
    from redactor.batch import BatchOptions, run_batch
    from redactor.review_decisions import find_decisions, load_decisions

    single = isinstance(path, (str, Path))
    inputs = [Path(path)] if single else [Path(p) for p in path]
    for p in inputs:
        if not p.exists():
            raise FileNotFoundError(f"input not found: {p}")
    out = Path(out_dir)
    key = load_hmac_key(hmac_key_file, production=production)
    if key.source == "development":
        import warnings

        warnings.warn("no HMAC key configured: the audit uses this user's development key (set REDACTOR_HMAC_KEY "
                      "or pass hmac_key_file; production=True makes a missing key an error)", stacklevel=2)
    cfg = _config(policy, ner, key, denylist_dir)
    dec_file = find_decisions(out, decisions)
    cfg.decisions = load_decisions(dec_file) if dec_file else None
    report = run_batch(inputs, out, cfg, BatchOptions(workers=1, executor="inline", force=force))
    results = [FileResult(input=e["input"], status=e["status"], reason=e.get("reason", ""),
                          reason_code=e.get("reason_code", ""), article=e.get("article", ""),
                          output=out / e["output"] if e.get("output") and e["status"] == "published" else None,
                          counts=dict(e.get("counts") or {}), report=out / "report.json", audit=out / "audit.jsonl")
               for e in report["documents"]]
    if single and Path(path).is_file() and len(results) == 1:
        return results[0]
    return results
