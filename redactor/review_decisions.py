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
Each decision applied is recorded in the audit chain (``decision_records``) with the
reviewer, the time of the decision and a keyed hash of the value, never the value itself.
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

from redactor import __version__
from redactor.anonymize import number_people
from redactor.audit import HmacKey, keyed_hash, now_iso
from redactor.decide import Outcome, category_decision
from redactor.document import Action, Category, Decision, DocumentVerdict, Finding
from redactor.policy import OTHER_RULE, Policy

ACTIONS = ("keep", "mask", "confirm", "publish", "withhold")
SPAN_ACTIONS = ("keep", "mask", "confirm")
DECISIONS_FILE = "decisions.yaml"

ARTICLE_KEEP = "法发〔2018〕20号 第十七条（审核：不得随意扩大不公开范围）"
ARTICLE_WITHHOLD = "法释〔2016〕19号 第四条第（五）项"
ARTICLE_REVIEW = "法发〔2018〕20号 第十六条"
_WS = re.compile(r"\s+")

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


# --- applying decisions to one document's outcome -------------------------------------

@dataclass
class AppliedDecision:
    """What one reviewer decision did to this run's outcome (for the audit and the pages)."""

    decision: ReviewDecision
    effect: str  # kept | masked | confirmed | published | withheld | no_match | refused
    spans: list[tuple[int, int]] = field(default_factory=list)
    category: str | None = None
    value: str | None = None  # never written to the audit; hashed there


def _matches(text: str, d: Decision, rd: ReviewDecision, key: HmacKey | None) -> bool:
    f = d.finding
    if rd.scope == "span":
        return rd.span is not None and (f.start, f.end) == rd.span
    if rd.value is not None:
        return _squash(text[f.start:f.end]) == _squash(rd.value)
    if rd.value_hmac and key is not None:
        return keyed_hash(key, text[f.start:f.end]) == rd.value_hmac
    return False


def _squash(s: str) -> str:
    return _WS.sub("", s)


def _occurrences(text: str, value: str) -> list[tuple[int, int]]:
    """Every mention of ``value``, also where the document breaks it across a line or run
    (a PDF line break inside a name)."""
    chars = _squash(value)
    if not chars:
        return []
    pattern = re.compile(r"\s*".join(re.escape(c) for c in chars))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _mask_action(category: str, value: str, policy: Policy) -> tuple[Action, str, str]:
    """(action, replacement, article) for a span a reviewer masks or confirms: the category's
    rule (``decide.category_decision``) where it masks; where it keeps or queues the span, the
    rule of OTHER (rules/categories.yaml), which masks, under the category's article."""
    if category == Category.PERSON.value:
        return Action.ANONYMIZE, "", ""  # Art. 9 form assigned with the others below
    rule = policy.category_rule(category)
    action, repl = category_decision(rule, value)
    if action not in (Action.DELETE, Action.PARTIAL):
        action, repl = category_decision(policy.category_rule(OTHER_RULE), value)
    return action, repl, rule.article or policy.category_rule(OTHER_RULE).article


def _anonymized_names(decisions: list[Decision]) -> list[int]:
    return [i for i, d in enumerate(decisions)
            if d.action == Action.ANONYMIZE and d.finding.category == Category.PERSON.value]


def _renumber_names(text: str, decisions: list[Decision], before: Outcome) -> None:
    """Art. 9 forms again after the reviewer's decisions, with the numbering persons.py used
    (``anonymize.number_people`` over ``before.numbered_people``): a person the reviewer kept
    at every mention leaves it and a name the reviewer masked joins it, so no gap or collision
    is left (张某1 without 张某2), and with nothing changed no form changes. A mention keeps
    the person persons.py gave it (``attrs["person"]``); a reviewer's name is its own."""
    anonymized = _anonymized_names(decisions)

    def person(d: Decision) -> str:
        return d.finding.attrs.get("person") or _squash(text[d.finding.start:d.finding.end])

    now = {person(decisions[i]) for i in anonymized}
    had = {person(before.decisions[i]) for i in _anonymized_names(before.decisions)}
    people = [(n, pos) for n, pos in before.numbered_people.items() if n in now or n not in had]
    added = [(person(decisions[i]), decisions[i].finding.start) for i in anonymized
             if person(decisions[i]) not in before.numbered_people]
    forms = number_people(people + added)
    for i in anonymized:
        d = decisions[i]
        form = forms.get(person(d))
        if form and d.replacement != form and not d.rule.startswith("review:replacement"):
            decisions[i] = Decision(d.finding, d.action, form, d.rule, d.article, d.role)


def apply_decisions(text: str, outcome: Outcome, decisions: list[ReviewDecision], hmac_key: HmacKey | None,
                    policy: Policy) -> tuple[Outcome, list[AppliedDecision]]:
    """The outcome after the reviewer's decisions for this document, and what each did.

    ``decisions`` are ``DecisionSet.for_document(rel, doc.sha256)``. The result keeps the
    invariants apply() relies on: masking decisions never overlap. Kept spans stay in the
    outcome as ``Action.KEEP`` decisions (no edit, but the pages and counts see them).
    """
    ds: list[Decision] = list(outcome.decisions)
    verdict = outcome.verdict
    had_review_items = any(d.action == Action.REVIEW for d in ds)
    applied: list[AppliedDecision] = []
    doc_decision: ReviewDecision | None = None

    for rd in decisions:
        if rd.action in ("publish", "withhold"):
            doc_decision = rd
            continue
        if rd.action == "keep":
            hit = [i for i, d in enumerate(ds) if d.action != Action.KEEP and _matches(text, d, rd, hmac_key)]
            for i in hit:
                d = ds[i]
                ds[i] = Decision(d.finding, Action.KEEP, text[d.finding.start:d.finding.end], "review:keep",
                                 ARTICLE_KEEP, d.role)
            cat = rd.category or (ds[hit[0]].finding.category if hit else None)
            applied.append(AppliedDecision(rd, "kept" if hit else "no_match",
                                           [(ds[i].finding.start, ds[i].finding.end) for i in hit], cat,
                                           rd.value or (text[ds[hit[0]].finding.start:ds[hit[0]].finding.end]
                                                        if hit else None)))
        elif rd.action == "confirm":
            hit = [i for i, d in enumerate(ds) if _matches(text, d, rd, hmac_key)]
            for i in hit:
                d = ds[i]
                if d.action in (Action.REVIEW, Action.KEEP):
                    value = text[d.finding.start:d.finding.end]
                    action, repl, article = _mask_action(d.finding.category, value, policy)
                    if rd.replacement is not None:
                        repl = rd.replacement
                    ds[i] = Decision(d.finding, action, repl,
                                     "review:replacement" if rd.replacement is not None else "review:confirm",
                                     d.article or article, d.role)
            cat = rd.category or (ds[hit[0]].finding.category if hit else None)
            applied.append(AppliedDecision(rd, "confirmed" if hit else "no_match",
                                           [(ds[i].finding.start, ds[i].finding.end) for i in hit], cat,
                                           rd.value or (text[ds[hit[0]].finding.start:ds[hit[0]].finding.end]
                                                        if hit else None)))
        elif rd.action == "mask":
            ds, spans = _apply_mask(text, ds, rd, policy)
            applied.append(AppliedDecision(rd, "masked" if spans else "no_match", spans, rd.category,
                                           rd.value or (text[rd.span[0]:rd.span[1]] if rd.span else None)))

    if any(a.category == Category.PERSON.value and a.spans for a in applied):
        _renumber_names(text, ds, outcome)
    ds.sort(key=lambda d: (d.finding.start, d.finding.end))

    pending = any(d.action == Action.REVIEW for d in ds)
    if doc_decision is not None:
        if doc_decision.action == "withhold":
            if verdict.status != "withhold":
                verdict = DocumentVerdict("withhold", "withheld by a reviewer's decision", ARTICLE_WITHHOLD)
            applied.append(AppliedDecision(doc_decision, "withheld"))
        elif verdict.status == "review" and not pending:
            verdict = DocumentVerdict("publish")
            applied.append(AppliedDecision(doc_decision, "published"))
        else:
            # A policy withholding (Art. 4) is not the reviewer's to lift; pending items block.
            applied.append(AppliedDecision(doc_decision, "refused"))
    if verdict.status == "review" and had_review_items and not pending:
        verdict = DocumentVerdict("publish")
    return Outcome(verdict, ds, dict(outcome.person_roles), dict(outcome.numbered_people)), applied


def _apply_mask(text: str, ds: list[Decision], rd: ReviewDecision, policy: Policy) -> tuple[list[Decision], list[tuple[int, int]]]:
    if rd.scope == "span" and rd.span is not None:
        if rd.span[1] > len(text) or (rd.value is not None and text[rd.span[0]:rd.span[1]] != rd.value):
            return ds, []  # the document changed under the decision: it points at nothing
        targets = [rd.span]
    else:
        assert rd.value is not None
        targets = _occurrences(text, rd.value)
    category = rd.category or "OTHER"
    done: list[tuple[int, int]] = []
    for s, e in targets:
        masking = [d for d in ds if d.masks]
        if any(d.finding.start <= s and e <= d.finding.end for d in masking):
            done.append((s, e))  # already inside a mask
            continue
        # The reviewer's span absorbs what it overlaps (machine masks, queued or kept spans).
        over = [d for d in ds if d.finding.start < e and s < d.finding.end]
        lo = min([s] + [d.finding.start for d in over])
        hi = max([e] + [d.finding.end for d in over])
        value = text[lo:hi]
        action, repl, article = _mask_action(category, value, policy)
        rule = "review:mask"
        if rd.replacement is not None:
            action, repl, rule = (Action.DELETE if action == Action.ANONYMIZE else action), rd.replacement, \
                "review:replacement"
        finding = Finding(lo, hi, category, f"reviewer:{rd.reviewer}", 1.0, value, {"decision": rd.id})
        ds = [d for d in ds if d not in over]
        ds.append(Decision(finding, action, repl, rule, article, None))
        done.append((lo, hi))
    return ds, done


def decision_records(doc, rel: str, applied: list[AppliedDecision], hmac_key: HmacKey, operator: str,
                     decisions_sha256: str = "") -> list[dict[str, Any]]:
    """Audit records (type ``review_decision``) for what the reviewer's decisions did.

    The value is recorded only as a keyed hash, like every other audit record."""
    out = []
    for a in applied:
        rd = a.decision
        value_hmac = keyed_hash(hmac_key, a.value) if a.value else rd.value_hmac
        rec = {
            "type": "review_decision",
            "document": doc.doc_id,
            "input": rel,
            "input_sha256": doc.sha256,
            "decision": rd.id,
            "action": rd.action,
            "effect": a.effect,
            "scope": "document" if rd.action in ("publish", "withhold") else rd.scope,
            "category": a.category,
            "value_hmac": value_hmac,
            "key_id": hmac_key.key_id,
            "locations": [{"start": s, "end": e} for s, e in a.spans],
            "mentions": len(a.spans),
            "reviewer": rd.reviewer,
            "decided_at": rd.time,
            "decisions_sha256": decisions_sha256,
            "time": now_iso(),
            "operator": operator,
            "tool": __version__,
        }
        out.append(rec)
    return out


def document_fingerprint(run_fingerprint: str, decisions: DecisionSet | None, rel: str) -> str:
    """The manifest's fingerprint for one input: unchanged without decisions (earlier runs
    stay valid), different as soon as a decision for this document is added or edited."""
    digest = decisions.digest_for(rel) if decisions is not None else ""
    if not digest:
        return run_fingerprint
    return hashlib.sha256(f"{run_fingerprint}|{digest}".encode()).hexdigest()[:16]
