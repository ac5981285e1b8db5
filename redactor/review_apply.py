"""Reviewer decisions applied to one document's outcome, on the next run (Art. 16, Art. 22).

``apply_decisions`` takes the outcome decide made and the document's decisions from the
decisions file (redactor/review_decisions.py) and returns the outcome to publish: a kept
value stays at every mention, a missed one is masked at every mention (by its category's
rule, ``decide.category_decision``; a name gets its Art. 9 form, numbered with the others by
``anonymize.number_people``), a queued one is confirmed, a document is released or withheld.
Each decision applied is recorded in the audit chain (``decision_records``) with the
reviewer, the time of the decision and a keyed hash of the value, never the value itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from redactor import __version__
from redactor.anonymize import number_people
from redactor.audit import HmacKey, keyed_hash, now_iso
from redactor.decide import Outcome, category_decision
from redactor.document import Action, Category, Decision, DocumentVerdict, Finding
from redactor.policy import OTHER_RULE, Policy
from redactor.review_decisions import ReviewDecision

ARTICLE_KEEP = "法发〔2018〕20号 第十七条（审核：不得随意扩大不公开范围）"
ARTICLE_WITHHOLD = "法释〔2016〕19号 第四条第（五）项"
_WS = re.compile(r"\s+")


@dataclass
class AppliedDecision:
    """What one reviewer decision did to this run's outcome (for the audit and the pages)."""

    decision: ReviewDecision
    effect: str  # kept | masked | confirmed | published | withheld | no_match | refused
    spans: list[tuple[int, int]] = field(default_factory=list)
    category: str | None = None
    value: str | None = None  # never written to the audit; hashed there


def _applied_to(text: str, ds: list[Decision], rd: ReviewDecision, effect: str, hit: list[int]) -> AppliedDecision:
    """What a keep or confirm did: the spans of the decisions it matched (``hit``), the category
    and value the reviewer named or else those of the first match; ``no_match`` when none."""
    first = ds[hit[0]].finding if hit else None
    return AppliedDecision(rd, effect if hit else "no_match", [(ds[i].finding.start, ds[i].finding.end) for i in hit],
                           rd.category or (first.category if first else None),
                           rd.value or (text[first.start:first.end] if first else None))


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
            applied.append(_applied_to(text, ds, rd, "kept", hit))
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
            applied.append(_applied_to(text, ds, rd, "confirmed", hit))
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
