"""Load a policy profile (YAML in rules/policies/) into a typed Policy.

A court writes its own profile as a YAML file (``--policy my_court.yaml``), usually with
``extends: spc2016`` and only the rules it changes. Deep merge: mappings merge key by key,
lists and scalars replace.

Fail closed: every file of the chain is checked against the schema (redactor.policy_schema)
and the merged policy must give every category a rule, so an unknown key, action, role or
category, or a new recognizer's category without a rule, stops the run before any
document is read. The names a policy may use are listed here, once: the registry below.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from redactor.document import Category
from redactor.paths import DICTIONARIES_DIR, POLICIES_DIR, RECOGNIZERS_DIR
from redactor.policy_schema import PolicyError, Registry, check_file, check_merged, parse_file
from redactor import rules_yaml
from redactor.conditions import ANONYMIZE_CONDITIONS, WITHHOLD_VALUE_KINDS

# --- the registry: every name a policy may use ---------------------------------------

CATEGORY_ACTIONS = ("keep", "delete", "partial", "review")  # redactor.decide._decide_category
PERSON_ACTIONS = ("keep", "anonymize")  # persons.roles.*.action, unknown_role, minors
# persons.roles.*.anonymize_when and withhold[].when name the predicates registered in
# redactor/conditions.py (ANONYMIZE_CONDITIONS, WITHHOLD_VALUE_KINDS): read when a policy loads.
# withhold[].when.case_type / document_kind: what redactor.structure reads from a judgment.
CASE_TYPES = ("civil", "criminal", "administrative", "enforcement", "compensation")
DOCUMENT_KINDS = ("判决书", "裁定书", "调解书", "决定书", "通知书", "支付令")
# Rules that govern a finding under another name (redactor.article17.policy_category).
DERIVED_CATEGORY_RULES = ("HEALTH_OUTSIDE_SCOPE", "TRADE_SECRET_DENYLIST")
# Categories decided elsewhere than by a category rule: names by persons.roles, minors by
# persons.minors.
CATEGORIES_WITHOUT_RULE = (Category.PERSON.value, Category.MINOR.value)
# Roles the parser assigns in code besides those of rules/dictionaries/roles.yaml
# (agent_or_lawyer there is split into agent / lawyer; a name it cannot place is unknown).
ROLES_IN_CODE = ("agent", "lawyer", "unknown", "other")
_ROLE_TABLES = ("header_roles", "staff_roles", "body_cues", "after_cues")


def known_roles() -> set[str]:
    spec = rules_yaml.load_file(DICTIONARIES_DIR / "roles.yaml") or {}
    roles = {str(v) for t in _ROLE_TABLES for v in (spec.get(t) or {}).values()}
    return (roles - {"agent_or_lawyer"}) | set(ROLES_IN_CODE)


def recognizer_categories(directory: Path | None = None) -> set[str]:
    """The categories the rule packs find (``entity:`` of rules/recognizers/*.yaml)."""
    found = set()
    for f in sorted(Path(directory or RECOGNIZERS_DIR).glob("*.yaml")):
        try:
            spec = rules_yaml.load_file(f)
        except (OSError, yaml.YAMLError):
            continue  # a broken rule pack is reported by the rule loader (batch.preflight)
        if isinstance(spec, dict) and isinstance(spec.get("entity"), str):
            found.add(spec["entity"])
    return found


def registry() -> Registry:
    categories = {c.value for c in Category} | recognizer_categories()
    return Registry(category_actions=CATEGORY_ACTIONS, role_actions=PERSON_ACTIONS, person_actions=PERSON_ACTIONS,
                    roles=known_roles(), categories=(categories | set(DERIVED_CATEGORY_RULES)),
                    anonymize_when=tuple(ANONYMIZE_CONDITIONS), withhold_when=tuple(WITHHOLD_VALUE_KINDS.items()),
                    case_types=CASE_TYPES,
                    document_kinds=DOCUMENT_KINDS)


def required_categories(raw: dict) -> set[str]:
    """Every category a finding can have needs a rule, except those decided elsewhere and
    those whose finding withholds the whole document."""
    withheld = {str((w.get("when") or {}).get("finding_category")) for w in raw.get("withhold") or []}
    found = {c.value for c in Category} | recognizer_categories()
    return found - set(CATEGORIES_WITHOUT_RULE) - withheld


@dataclass(frozen=True)
class CategoryRule:
    action: str
    article: str
    replacement: str = ""
    keep_prefix: int = 0
    mask_char: str = "×"
    only_residence: bool = False


@dataclass(frozen=True)
class RoleRule:
    action: str
    article: str
    anonymize_when: tuple[str, ...] = ()


@dataclass(frozen=True)
class WithholdRule:
    id: str
    article: str
    reason: str
    when: dict[str, Any]


@dataclass
class Policy:
    profile: str
    version: str
    withhold: list[WithholdRule]
    categories: dict[str, CategoryRule]
    roles: dict[str, RoleRule]
    unknown_role: str
    minors: str
    family_causes: tuple[str, ...]
    fingerprint: str = ""  # hash of the merged rules: a rerun redoes documents when it changes
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def role_rule(self, role: str) -> RoleRule:
        return self.roles.get(role) or RoleRule(self.unknown_role, "法释〔2016〕19号 第八条（角色不明）")

    def category_rule(self, category: str) -> CategoryRule:
        return self.categories.get(category) or CategoryRule("keep", "")


def _deep_merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        else:
            out[k] = v
    return out


def _policy_path(ref: str | Path, base: Path | None = None) -> Path:
    path = Path(ref)
    if not path.suffix:
        return POLICIES_DIR / f"{ref}.yaml"
    if base is not None and not path.is_absolute() and (base / path).is_file():
        return base / path  # `extends: court_base.yaml` beside the file that extends it
    return path


def _shipped() -> str:
    return ", ".join(sorted(p.stem for p in POLICIES_DIR.glob("*.yaml")))


def _load_raw(ref: str | Path, reg: Registry, seen: tuple = (), base: Path | None = None):
    """The merged mapping of ``ref`` and its ``extends`` chain, each file checked on its own;
    also the path and node tree of ``ref`` itself (for the merged checks' messages)."""
    path = _policy_path(ref, base)
    if not path.is_file():
        raise PolicyError(f"policy not found: {ref} (shipped: {_shipped()}; or a path to a .yaml file)")
    data, node = parse_file(path)
    check_file(data, node, path, reg)
    parent = data.pop("extends", None)
    if parent:
        parent_path = _policy_path(parent, path.parent)
        if not parent_path.is_file():
            line = next((k.start_mark.line + 1 for k, _ in getattr(node, "value", ()) if k.value == "extends"), 0)
            raise PolicyError(f"{path}{f', line {line}' if line else ''}: extends: policy not found: {parent} "
                              f"(shipped: {_shipped()}; or a path to a .yaml file)")
        key = str(parent_path.resolve())
        if key in seen:
            raise PolicyError(f"{path}: extends: policy inheritance loop at {parent}")
        base_raw, _, _ = _load_raw(parent, reg, seen + (key,), path.parent)
        data = _deep_merge(base_raw, data)
    return data, path, node


def load_policy(ref: str | Path = "strict") -> Policy:
    """The merged, checked policy; raises PolicyError (a ValueError) naming file and line."""
    raw, path, node = _load_raw(ref, registry(), (str(_policy_path(ref).resolve()),))
    check_merged(raw, path, node, required_categories(raw))
    persons = raw.get("persons", {})
    roles = {
        name: RoleRule(r["action"], r.get("article", ""), tuple(r.get("anonymize_when", ())))
        for name, r in (persons.get("roles") or {}).items()
    }
    cats = {}
    for name, r in (raw.get("categories") or {}).items():
        cats[name] = CategoryRule(
            action=r["action"],
            article=r.get("article", ""),
            replacement=r.get("replacement", ""),
            keep_prefix=int(r.get("keep_prefix", 0)),
            mask_char=r.get("mask_char", "×"),
            only_residence=bool(r.get("only_residence", False)),
        )
    withhold = [WithholdRule(w["id"], w.get("article", ""), w.get("reason", w["id"]), w.get("when", {}))
                for w in raw.get("withhold", [])]
    fingerprint = hashlib.sha256(json.dumps(raw, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return Policy(
        profile=str(raw.get("profile", Path(str(ref)).stem)),
        version=str(raw.get("version", "0")),
        withhold=withhold,
        categories=cats,
        roles=roles,
        unknown_role=persons.get("unknown_role", "anonymize"),
        minors=persons.get("minors", "anonymize"),
        family_causes=tuple(persons.get("family_causes", ())),
        fingerprint=fingerprint,
        raw=raw,
    )
