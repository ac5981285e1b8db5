"""Reviewer decisions: load, save and apply them on the next run (Art. 16, Art. 22).

A reviewer corrects the machine in a decisions file (YAML or JSON, human-editable) that
lives in the review folder beside OUT (``OUT.review/decisions.yaml`` by default), never in
the published tree: it names original values.

    version: 1
    decisions:
    - document: civil/a.txt          # the input as report.json names it
      action: keep                   # keep | mask | confirm | publish | withhold
      value: 王芳                     # every mention of this value (scope: all, the default)
      category: PERSON
      reviewer: alice
      time: '2024-05-06T10:00:00+00:00'
    - document: civil/a.txt
      action: mask
      scope: span                    # only this mention; tied to the document's version
      span: [120, 126]
      value: 星光配方
      document_sha256: 3f5c...
      category: TRADE_SECRET
      reviewer: alice
      time: '2024-05-06T10:01:00+00:00'

- keep: a false positive; every mention stays as it is (over-redaction is a breach of the
  openness rule too, 法发〔2018〕20号 第十七条).
- mask: something the machine missed; every mention is masked (a name gets its Art. 9 form,
  numbered with the others).
- confirm: the machine was right; a span it queued for review (Art. 16) is masked.
- publish / withhold: the whole document. ``publish`` releases a document queued for review
  once no item is left undecided; it never overrides a policy's Art. 4 withholding.
  ``withhold`` keeps a document offline (Art. 4(5)).

For the same document and the same value (or span), the last decision in the file wins.
This module is the file (its format, loading, checking, saving); applying the decisions to a
document's outcome, and their audit records, is ``redactor/review_apply.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

ACTIONS = ("keep", "mask", "confirm", "publish", "withhold")
SPAN_ACTIONS = ("keep", "mask", "confirm")
DECISIONS_FILE = "decisions.yaml"

_HEADER = (
    "# Reviewer decisions for a redact run. Applied by the next `redact run` on the same OUT.\n"
    "# CONTAINS ORIGINAL VALUES: keep this file with the review pages, never in the published tree.\n"
    "# actions: keep (false positive) | mask (missed) | confirm | publish | withhold (whole document)\n"
)


class DecisionsError(ValueError):
    """The decisions file cannot be used. Messages name the entry, never its value."""


@dataclass(frozen=True)
class ReviewDecision:
    document: str
    action: str
    reviewer: str
    time: str
    value: str | None = None
    value_hmac: str | None = None
    category: str | None = None
    scope: str = "all"  # all: every mention of the value | span: this mention only
    span: tuple[int, int] | None = None
    replacement: str | None = None
    document_sha256: str | None = None
    note: str = ""

    @property
    def key(self) -> tuple:
        """What a later decision on the same thing supersedes."""
        if self.action in ("publish", "withhold"):
            return (self.document, "document")
        if self.scope == "span":
            return (self.document, "span", self.span)
        return (self.document, "value", self.value or self.value_hmac)

    @property
    def id(self) -> str:
        body = json.dumps([self.document, self.action, self.value, self.value_hmac, self.category, self.scope,
                           list(self.span) if self.span else None, self.reviewer, self.time],
                          ensure_ascii=False)
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"document": self.document, "action": self.action}
        for k in ("value", "value_hmac", "category"):
            if getattr(self, k) is not None:
                out[k] = getattr(self, k)
        if self.scope != "all":
            out["scope"] = self.scope
        if self.span is not None:
            out["span"] = list(self.span)
        for k in ("replacement", "document_sha256"):
            if getattr(self, k) is not None:
                out[k] = getattr(self, k)
        out["reviewer"] = self.reviewer
        out["time"] = self.time
        if self.note:
            out["note"] = self.note
        return out


def parse_decision(raw: Any, where: str = "decision") -> ReviewDecision:
    """One entry of a decisions file, validated; errors name the entry, not its content."""
    if not isinstance(raw, dict):
        raise DecisionsError(f"{where}: not a mapping")
    action = str(raw.get("action", "")).strip().lower()
    if action not in ACTIONS:
        raise DecisionsError(f"{where}: action must be one of {', '.join(ACTIONS)}")
    document = raw.get("document")
    if not isinstance(document, str) or not document.strip():
        raise DecisionsError(f"{where}: 'document' (the input path as report.json names it) is missing")
    reviewer = raw.get("reviewer")
    if not isinstance(reviewer, str) or not reviewer.strip():
        raise DecisionsError(f"{where}: 'reviewer' is missing (every decision names who took it)")
    when = raw.get("time")
    if when is None or not str(when).strip():
        raise DecisionsError(f"{where}: 'time' is missing (when the decision was taken)")
    value = raw.get("value")
    if value is not None and (not isinstance(value, (str, int)) or not str(value)):
        raise DecisionsError(f"{where}: 'value' must be non-empty text")
    value = None if value is None else str(value)
    value_hmac = raw.get("value_hmac")
    scope = str(raw.get("scope", "all"))
    if scope not in ("all", "span"):
        raise DecisionsError(f"{where}: scope must be 'all' or 'span'")
    span = raw.get("span")
    if span is not None:
        if not (isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span)
                and 0 <= span[0] < span[1]):
            raise DecisionsError(f"{where}: span must be [start, end] character offsets")
        span = (int(span[0]), int(span[1]))
    if action in SPAN_ACTIONS:
        if scope == "span" and span is None:
            raise DecisionsError(f"{where}: scope 'span' needs span: [start, end]")
        if scope == "all" and value is None and not value_hmac:
            raise DecisionsError(f"{where}: a {action} decision needs the value (or value_hmac) it applies to")
        if action == "mask" and value is None and span is None:
            raise DecisionsError(f"{where}: a mask decision needs the value or the span to mask")
        if action == "mask" and not raw.get("category"):
            raise DecisionsError(f"{where}: a mask decision needs a category (PERSON, TRADE_SECRET, ...)")
    category = raw.get("category")
    if category is not None:
        category = str(category).strip().upper()
        if not re.fullmatch(r"[A-Z_]{2,40}", category):
            raise DecisionsError(f"{where}: category must be a category name such as PERSON")
    replacement = raw.get("replacement")
    sha = raw.get("document_sha256")
    return ReviewDecision(
        document=document.strip(), action=action, reviewer=reviewer.strip(), time=str(when),
        value=value, value_hmac=str(value_hmac) if value_hmac else None, category=category, scope=scope,
        span=span, replacement=None if replacement is None else str(replacement),
        document_sha256=str(sha) if sha else None, note=str(raw.get("note") or ""),
    )


@dataclass
class DecisionSet:
    """All decisions of a file, in file order; picklable (it travels to worker processes)."""

    decisions: list[ReviewDecision] = field(default_factory=list)
    source: str = ""
    sha256: str = ""

    def for_document(self, rel: str, sha256: str | None = None) -> list[ReviewDecision]:
        """The effective decisions for one input: the last one per key wins; a span decision
        taken on another version of the document no longer points at the same text."""
        latest: dict[tuple, ReviewDecision] = {}
        for d in self.decisions:
            if d.document != rel:
                continue
            if d.scope == "span" and sha256 and d.document_sha256 and d.document_sha256 != sha256:
                continue
            latest.pop(d.key, None)
            latest[d.key] = d
        return list(latest.values())

    def digest_for(self, rel: str) -> str:
        """Changes when the decisions for ``rel`` change (the manifest then redoes it)."""
        mine = [d.to_dict() for d in self.decisions if d.document == rel]
        if not mine:
            return ""
        return hashlib.sha256(json.dumps(mine, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]

    def documents(self) -> set[str]:
        return {d.document for d in self.decisions}


def default_review_dir(out: Path) -> Path:
    """``OUT.review`` beside OUT: review pages and decisions never go into the published tree."""
    out = Path(out).resolve()
    return out.parent / f"{out.name}.review"


def default_decisions_path(out: Path) -> Path:
    return default_review_dir(out) / DECISIONS_FILE


def find_decisions(out: Path, explicit: Path | None = None) -> Path | None:
    """The file ``redact run`` applies: ``--decisions PATH`` if given (must exist), else
    ``OUT.review/decisions.yaml`` when present, else none."""
    if explicit is not None:
        if not Path(explicit).is_file():
            raise DecisionsError(f"decisions file not found: {explicit}")
        return Path(explicit)
    p = default_decisions_path(out)
    return p if p.is_file() else None


def _parse_file(path: Path) -> list[Any]:
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionsError(f"cannot read decisions file {path.name} ({type(exc).__name__})") from exc
    try:
        data = json.loads(raw_text) if path.suffix.lower() == ".json" else yaml.safe_load(raw_text)
    except (ValueError, yaml.YAMLError) as exc:
        raise DecisionsError(f"decisions file {path.name} is not valid {path.suffix.lstrip('.').upper() or 'YAML'}") \
            from exc
    if data is None:
        return []
    if isinstance(data, dict):
        # An unknown top-level key (a typo of 'decisions') would apply nothing: fail closed.
        unknown = sorted(str(k) for k in data if k not in ("version", "decisions"))
        if unknown:
            raise DecisionsError(f"decisions file {path.name}: unknown key {unknown[0]!r} "
                                 "(allowed: version, decisions)")
        if int(data.get("version", 1)) != 1:
            raise DecisionsError(f"decisions file {path.name}: unsupported version")
        data = data.get("decisions") or []
    if not isinstance(data, list):
        raise DecisionsError(f"decisions file {path.name}: expected a list of decisions")
    return data


def load_decisions(path: Path | None) -> DecisionSet:
    """Read and validate a decisions file (``.yaml``/``.yml``/``.json``); none -> empty set."""
    if path is None:
        return DecisionSet()
    path = Path(path)
    entries = _parse_file(path)
    decisions = [parse_decision(e, f"{path.name}: decision #{i}") for i, e in enumerate(entries, 1)]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return DecisionSet(decisions, str(path), sha)


def save_decisions(path: Path, decisions: Iterable[ReviewDecision]) -> None:
    """Write the file atomically, readable by a human (YAML, values in clear)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump({"version": 1, "decisions": [d.to_dict() for d in decisions]},
                          allow_unicode=True, sort_keys=False, width=120)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(_HEADER + body, encoding="utf-8")
    os.chmod(tmp, 0o600)  # it names original values
    os.replace(tmp, path)


def add_decisions(path: Path, new: Iterable[ReviewDecision]) -> int:
    """Append decisions to the file (creating it); exact repeats are not added twice."""
    path = Path(path)
    current = load_decisions(path).decisions if path.is_file() else []
    ids = {d.id for d in current}
    added = [d for d in new if d.id not in ids]
    if added:
        save_decisions(path, current + added)
    return len(added)


def document_fingerprint(run_fingerprint: str, decisions: DecisionSet | None, rel: str) -> str:
    """The manifest's fingerprint for one input: unchanged without decisions (earlier runs
    stay valid), different as soon as a decision for this document is added or edited."""
    digest = decisions.digest_for(rel) if decisions is not None else ""
    if not digest:
        return run_fingerprint
    return hashlib.sha256(f"{run_fingerprint}|{digest}".encode()).hexdigest()[:16]
