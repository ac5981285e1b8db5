"""decide: the policy maps each finding, with its role and the case, to an action.

This is the one place where
- whole documents are withheld (Art. 4),
- each category's rule is applied (delete, a partial mask, keep, review; a residence cut back
  to its county),
- overlaps between findings are resolved, once,
- a number masked once is masked at every mention.

Who a name belongs to, and so what happens to every mention of it (Arts. 8, 9, 11), is
person resolution: ``redactor/persons.py``. The span questions both ask: ``redactor/spans.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from redactor.article17 import policy_category
from redactor.anonymize import partial_mask
from redactor.categories import catalogue
from redactor.document import Action, Category, Decision, DocumentVerdict, Finding
from redactor.conditions import CaseFacts, is_family_case, withhold_matches
from redactor.persons import decide_persons
from redactor.policy import CategoryRule, Policy
from redactor.spans import SpanIndex, find_all, inside
from redactor.structure import JudgmentStructure, is_organisation

# Category values as plain strings: decide compares every finding's category several
# times, and an enum's ``.value`` is a descriptor call each time.
_ADDRESS_ADMIN = Category.ADDRESS_ADMIN.value
_ADDRESS_DETAIL = Category.ADDRESS_DETAIL.value
_ID_CARD = Category.ID_CARD.value
_ORGANIZATION = Category.ORGANIZATION.value
_LOCATION = Category.LOCATION.value
_PERSON = Category.PERSON.value
_USCC = Category.USCC.value

# What each category is for overlaps and repeats (rules/categories.yaml, read once):
# - strong: values a pattern recognizer validated; masked at every mention, and they win over a
#   kept place/organisation span an NER model drew around them;
# - passage: passages and clerk-listed terms, masked whole even over a kept span inside them
#   (a case number quoted in a deliberation record must not save the record);
# - hard_keep: kept spans nothing may cut into.
STRONG_CATEGORIES = catalogue().with_flag("strong")
PASSAGE_CATEGORIES = catalogue().with_flag("passage")
HARD_KEEP = catalogue().with_flag("hard_keep")
_ADMIN_TAIL = r"[：:]?\s*[\u4e00-\u9fa5]{0,24}$"
RESIDENCE_BEFORE = re.compile(r"(?:住|住址|现住|户籍地|户籍所在地|户籍地址|暂住|家住|居住地|经常居住地|现住址|住所)" + _ADMIN_TAIL)
ORG_DOMICILE_BEFORE = re.compile(r"住所地" + _ADMIN_TAIL)
RESIDENCE_AFTER = re.compile(r"^(?:的)?(?:家|住处|住宅|寓所|居所|租住|出租屋)")
ORG_SPAN_NOT_A_NAME = re.compile(r"[系与向对把被的是为将在]")


@dataclass
class Outcome:
    verdict: DocumentVerdict
    decisions: list[Decision]  # masking decisions (non-overlapping) and kept-but-recorded ones
    person_roles: dict[str, str]
    # The people whose names are anonymized, with their first appearance, in the order
    # persons.py numbered them (Art. 9): a reviewer's decision renumbers over the same people.
    numbered_people: dict[str, int] = field(default_factory=dict)


def decide(text: str, findings: list[Finding], structure: JudgmentStructure, policy: Policy,
           admin_dictionary: bool = True) -> Outcome:
    """``admin_dictionary``: the names of the admin-division list count as places (as the
    run's address reading does, ``RunConfig.admin_dictionary``)."""
    verdict = _document_verdict(text, findings, structure, policy)
    keeps, masks = [], []
    findings = _drop_uscc_that_are_ids(text, findings)
    person_findings = [f for f in findings if f.category == _PERSON]
    others = [f for f in findings if f.category != _PERSON]

    for f in others:
        d = _decide_category(text, f, structure, policy)
        (masks if d.masks or d.action == Action.REVIEW else keeps).append(d)

    masks.extend(_sweep_repeats(text, masks))
    org_spans = _organisation_spans(text, findings, structure)
    place_spans = _place_spans(text, findings, admin_dictionary)
    model_places = [(f.start, f.end) for f in findings
                    if f.category in (_LOCATION, _ORGANIZATION) and f.source.startswith("ner")]
    roles, person_decisions, numbered = decide_persons(text, person_findings, org_spans, structure, policy,
                                                       place_spans, model_places)
    masks.extend(person_decisions)

    masks = _resolve_overlaps(masks, keeps)
    if any(d.action == Action.REVIEW for d in masks) and verdict.status == "publish":
        verdict = DocumentVerdict("review", "items need a reviewer's decision before publication", "法发〔2018〕20号 第十六条")
    return Outcome(verdict, masks, roles, numbered)


USCC_CUE = re.compile(r"(?:统一社会信用代码|信用代码|组织机构代码|注册号)[：:]?\s*$")


def _drop_uscc_that_are_ids(text: str, findings: list[Finding]) -> list[Finding]:
    """An 18-character value read both as a resident ID and as a credit code is an ID
    (a person's number must go) unless a credit-code cue stands right before it."""
    ids = {(f.start, f.end) for f in findings if f.category == _ID_CARD}
    out = []
    for f in findings:
        if f.category == _USCC and (f.start, f.end) in ids:
            if not USCC_CUE.search(text[max(0, f.start - 12):f.start]):
                continue
        out.append(f)
    return out


# --- Art. 4: whole documents -------------------------------------------------------

def _document_verdict(text: str, findings: list[Finding], st: JudgmentStructure, policy: Policy) -> DocumentVerdict:
    facts = CaseFacts(text, st, frozenset(f.category for f in findings), policy.family_causes)
    for rule in policy.withhold:
        if withhold_matches(rule.when, facts):
            return DocumentVerdict("withhold", rule.reason, rule.article)
    return DocumentVerdict("publish")


# --- Categories other than names -----------------------------------------------------

def _decide_category(text: str, f: Finding, st: JudgmentStructure, policy: Policy) -> Decision:
    # Art. 10(1),(3),(4): health terms only in family/personality cases; a clerk's deny-list
    # term has its own rule (article17.policy_category picks the rule's name).
    key = policy_category(text, f, st, policy)
    rule = policy.category_rule(key)
    if f.category == _ADDRESS_DETAIL and rule.only_residence and rule.action != Action.KEEP.value:
        if not _is_residence(text, f, st) and not _family_home(text, f, st, policy):
            return Decision(f, Action.KEEP, f.value, f"category:{f.category}:not_residence", rule.article)
    action, repl = category_decision(rule, f.value)
    return Decision(f, action, repl, f"category:{key}", rule.article)


def category_decision(rule: CategoryRule, value: str) -> tuple[Action, str]:
    """The action a category rule takes on ``value`` and what replaces it: the one place the
    policy's category → action mapping lives (decide, and a reviewer's mask or confirm in
    redactor/review_apply.py)."""
    action = Action(rule.action)
    if action == Action.DELETE:
        return action, rule.replacement
    if action == Action.PARTIAL:
        return action, partial_mask(value, rule.keep_prefix, rule.mask_char)
    return action, value  # keep, review: the value stands (until a reviewer decides)


_PROPERTY_AFTER = re.compile(r"^(?:的)?(?:房屋|房产|住房|楼房|平房|宅基地)")


def _family_home(text: str, f: Finding, st: JudgmentStructure, policy: Policy) -> bool:
    """In family and inheritance cases the house being divided is the family's home: its
    address below the county goes like a residence (Arts. 8(1), 10(1))."""
    return is_family_case(CaseFacts(text, st, family_causes=policy.family_causes)) and bool(_PROPERTY_AFTER.search(text[f.end:f.end + 6]))


def _is_residence(text: str, f: Finding, st: JudgmentStructure) -> bool:
    """A natural person's home (cut back to county/district) vs an organisation's domicile or a place."""
    line_start = text.rfind("\n", 0, f.start) + 1
    # The detail part follows the kept admin part (住北京市海淀区|中关村大街1号): the cue
    # is the last one before the address, with only the admin names in between.
    before = text[max(line_start, f.start - 40):f.start]
    header_person = _header_person_on_line(text, line_start, st)
    if header_person is not None and header_person.is_org:
        return False
    if ORG_DOMICILE_BEFORE.search(before):
        # 住所地 is an organisation's word, but a natural person's 住所地 is a home (被告人
        # 王某，住所地莆田市城厢区…, issue 14): the clause's subject decides.
        return header_person is not None or _natural_person_subject(text, f.start)
    if RESIDENCE_BEFORE.search(before):
        return True
    cue = str(f.attrs.get("cue", ""))
    if cue and cue != "住所地" and ("住" in cue or "户籍" in cue or "居住" in cue):
        return True
    return bool(RESIDENCE_AFTER.search(text[f.end:f.end + 6]))


_PERSON_SUBJECT = re.compile(r"(?:被告人|被害人|原审被告人|罪犯|上诉人|自诉人|原告|被告|证人)(?P<name>[^，,。；;：:（(\s]{1,20})"
                             r"[，,]?[^。；;\n]{0,60}$")


def _natural_person_subject(text: str, start: int) -> bool:
    """The sentence before ``start`` is about a natural person named after a role word
    (被告人王某，…住所地…), not about an organisation."""
    s0 = max(text.rfind(ch, 0, start) for ch in "。；;\n") + 1
    m = _PERSON_SUBJECT.search(text, s0, start)
    return bool(m) and m.start() - s0 <= 6 and not is_organisation(m.group("name"))


def _header_person_on_line(text: str, line_start: int, st: JudgmentStructure):
    line_no = text.count("\n", 0, line_start)
    for p in st.people.values():
        if p.line == line_no:
            return p
    return None


# --- Names ---------------------------------------------------------------------------

def _organisation_spans(text: str, findings: list[Finding], st: JudgmentStructure) -> list[tuple[int, int]]:
    """Spans of organisation names (law firms, companies): a name inside one is not a person."""
    # A model's organisation span that runs through a sentence (陆立祥系恒航公司) is not a name.
    spans = [(f.start, f.end) for f in findings if f.category == _ORGANIZATION
             and is_organisation(f.value) and not ORG_SPAN_NOT_A_NAME.search(f.value)]
    for name, p in st.people.items():
        if p.is_org:
            for s in find_all(text, name):
                spans.append((s, s + len(name)))
    if st.court:  # the court's own name (…克拉玛依市[乌尔禾]区人民法院): the model once read 市乌 in it
        for s in find_all(text, st.court):
            spans.append((s, s + len(st.court)))
    return spans


def _place_spans(text: str, findings: list[Finding], admin_dictionary: bool) -> list[tuple[int, int]]:
    """Kept administrative names (the county part of a residence, a dictionary name of three
    characters or more): a model's name inside one is a place (汪清 in 汪清县)."""
    # (imported here: the recognizers bring Presidio, which the parent of a run never needs)
    from redactor.recognizers.address import admin_name_spans

    spans = [(f.start, f.end) for f in findings if f.category == _ADDRESS_ADMIN]
    if admin_dictionary:
        spans += admin_name_spans(text)
    return spans


def _sweep_repeats(text: str, masks: list[Decision]) -> list[Decision]:
    """A number masked once is masked everywhere it appears, even where no pattern fired."""
    covered = {(d.finding.start, d.finding.end) for d in masks}
    extra = []
    found: dict[str, list[int]] = {}  # a number is masked at every mention: search the text once per value
    for d in list(masks):
        f = d.finding
        if f.category not in STRONG_CATEGORIES or len(f.value) < 5:
            continue
        starts = found.get(f.value)
        if starts is None:
            starts = found[f.value] = find_all(text, f.value)
        for s in starts:
            span = (s, s + len(f.value))
            if span not in covered:
                covered.add(span)
                nf = Finding(s, span[1], f.category, "propagate", f.score, f.value, dict(f.attrs))
                extra.append(Decision(nf, d.action, d.replacement, d.rule, d.article, d.role))
    return extra


# --- Overlaps ------------------------------------------------------------------------

def _resolve_overlaps(masks: list[Decision], keeps: list[Decision]) -> list[Decision]:
    """Masks that cut into a kept span lose unless they are strong; overlapping masks merge."""
    hard = [(d.finding.start, d.finding.end) for d in keeps if d.finding.category in HARD_KEEP]
    soft = [(d.finding.start, d.finding.end) for d in keeps
            if d.finding.category not in HARD_KEEP and d.finding.category != _ADDRESS_DETAIL]
    soft_idx = SpanIndex(soft)
    kept: list[Decision] = []
    for d in masks:
        span = (d.finding.start, d.finding.end)
        if d.finding.category in PASSAGE_CATEGORIES or d.finding.attrs.get("denylist"):
            kept.append(d)
            continue
        if any(a < span[1] and span[0] < b for a, b in hard):
            continue
        # A residence detail was placed by its cue; a model's place/organisation span
        # drawn around it (…村委会) does not save it.
        if d.finding.category not in STRONG_CATEGORIES and d.finding.category not in (
                _PERSON, _ADDRESS_DETAIL):
            if inside(span, soft_idx):
                continue
        kept.append(d)
    kept.sort(key=lambda d: (d.finding.start, -(d.finding.end - d.finding.start)))
    merged: list[Decision] = []
    for d in kept:
        if merged and d.finding.start < merged[-1].finding.end:
            prev = merged[-1]
            if d.finding.end <= prev.finding.end:
                continue  # fully inside the previous mask
            # Partial overlap: one mask over the union, the wider finding's replacement.
            f0, f1 = prev.finding, d.finding
            wider = prev if (f0.end - f0.start) >= (f1.end - f1.start) else d
            uf = Finding(f0.start, f1.end, wider.finding.category, wider.finding.source,
                         max(f0.score, f1.score), f0.value + f1.value[f0.end - f1.start:], dict(wider.finding.attrs))
            merged[-1] = Decision(uf, wider.action, wider.replacement, wider.rule, wider.article, wider.role)
        else:
            merged.append(d)
    return merged
