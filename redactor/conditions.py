"""Policy conditions: the named predicates a court's policy may use.

A policy says *when* with names: ``withhold[].when`` (withhold the whole judgment when every
condition named holds: ``case_type: criminal, minor_defendant: true``) and
``persons.roles.*.anonymize_when`` (anonymize a role the policy otherwise keeps when any
condition named holds: ``[family_cause]``). Each name is one function here, registered under
that name; the policy loader accepts only names registered here, so a typo in a court's
YAML is refused at load time, never read as "no condition". Adding a condition is one
function with its decorator, and a line in the policy that uses it
(``tests/test_policy_conditions.py`` shows it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # pragma: no cover
    from redactor.structure import JudgmentStructure, Person


@dataclass(frozen=True)
class CaseFacts:
    """What a condition may look at: the text, what the structure reader found, the
    categories of the findings and the policy's list of family-law causes."""

    text: str
    structure: "JudgmentStructure"
    categories: frozenset[str] = frozenset()
    family_causes: tuple[str, ...] = ()


WithholdCondition = Callable[[CaseFacts, Any], bool]  # (facts, the value the policy gives) -> holds
AnonymizeCondition = Callable[[CaseFacts, "Person | None"], bool]  # (facts, the person's header entry)

WITHHOLD_CONDITIONS: dict[str, WithholdCondition] = {}
ANONYMIZE_CONDITIONS: dict[str, AnonymizeCondition] = {}
# What a withhold condition's value is, for the policy schema (redactor/policy_schema.py):
# a category, case type or document kind the registry knows, true/false, or a list of terms.
VALUE_KINDS = ("category", "case_type", "document_kind", "bool", "terms")
WITHHOLD_VALUE_KINDS: dict[str, str] = {}


def withhold_condition(name: str, value: str):
    """Register ``fn(facts, value) -> bool`` as the ``withhold[].when`` condition ``name``,
    whose value in a policy is of the kind ``value`` (one of VALUE_KINDS)."""
    if value not in VALUE_KINDS:
        raise ValueError(f"withhold condition {name!r}: value kind {value!r} is not one of {VALUE_KINDS}")

    def register(fn: WithholdCondition) -> WithholdCondition:
        if name in WITHHOLD_CONDITIONS:
            raise ValueError(f"withhold condition {name!r} is registered twice")
        WITHHOLD_CONDITIONS[name] = fn
        WITHHOLD_VALUE_KINDS[name] = value
        return fn
    return register


def anonymize_condition(name: str):
    """Register ``fn(facts, person) -> bool`` as the ``anonymize_when`` condition ``name``."""
    def register(fn: AnonymizeCondition) -> AnonymizeCondition:
        if name in ANONYMIZE_CONDITIONS:
            raise ValueError(f"anonymize condition {name!r} is registered twice")
        ANONYMIZE_CONDITIONS[name] = fn
        return fn
    return register


def withhold_matches(when: dict, facts: CaseFacts) -> bool:
    """Every condition ``when`` names holds (and it names at least one)."""
    checks = [WITHHOLD_CONDITIONS[name](facts, value) for name, value in when.items()]
    return bool(checks) and all(checks)


def anonymize_applies(names: tuple[str, ...], facts: CaseFacts, person: "Person | None") -> bool:
    """One of the ``anonymize_when`` conditions named holds for this person."""
    return any(ANONYMIZE_CONDITIONS[name](facts, person) for name in names)


# --- withhold[].when (Art. 4) -----------------------------------------------------------

MINOR_DEFENDANT_TEXT = re.compile(r"被告人[^。]{0,40}(?:未满|不满)(?:十八|18)周岁")


@withhold_condition("finding_category", value="category")
def _finding_category(facts: CaseFacts, category: str) -> bool:
    return category in facts.categories


@withhold_condition("case_type", value="case_type")
def _case_type(facts: CaseFacts, case_type: str) -> bool:
    return facts.structure.case_type == case_type


@withhold_condition("minor_defendant", value="bool")
def _minor_defendant(facts: CaseFacts, wanted: bool) -> bool:
    st = facts.structure
    minor = any(p.role == "criminal_defendant" for p in st.minors()) or bool(MINOR_DEFENDANT_TEXT.search(facts.text))
    return minor == bool(wanted)


@withhold_condition("document_kind", value="document_kind")
def _document_kind(facts: CaseFacts, kind: str) -> bool:
    return facts.structure.document_kind == kind


@withhold_condition("cause_contains", value="terms")
def _cause_contains(facts: CaseFacts, terms: list[str]) -> bool:
    cause = facts.structure.cause or ""
    if not cause:  # no cause line read: the heading names the dispute (…纠纷一案)
        head = facts.text[:3000]
        return any(f"{t}纠纷" in head for t in terms)
    return any(t in cause for t in terms)


# --- persons.roles.*.anonymize_when (Arts. 8, 11) --------------------------------------------

def is_family_case(facts: CaseFacts) -> bool:
    cause = facts.structure.cause or ""
    return any(t in cause for t in facts.family_causes)


@anonymize_condition("family_cause")
def _family_cause(facts: CaseFacts, person) -> bool:
    return is_family_case(facts)


@anonymize_condition("criminal_case")
def _criminal_case(facts: CaseFacts, person) -> bool:
    return facts.structure.case_type == "criminal"


@anonymize_condition("represents_minor")
def _represents_minor(facts: CaseFacts, person) -> bool:
    return bool(person and person.represents in {p.name for p in facts.structure.minors()})
