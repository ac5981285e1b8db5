"""Load a policy profile (YAML in rules/policies/) into a typed Policy.

A court writes its own profile as a YAML file (``--policy my_court.yaml``), usually with
``extends: spc2016`` and only the rules it changes. Deep merge: mappings merge key by key,
lists and scalars replace.

Under the chain lie the category rules of ``rules/categories.yaml`` (redactor.categories):
each category's rule with the article it implements, which a policy's ``categories:`` entry
merges over. So a policy names only the categories it changes, and a new category is one
entry there.

Fail closed: every file of the chain is checked against the schema (redactor.policy_schema)
and the merged policy must give every category a rule, so an unknown key, action, role or
category, or a new recognizer's category without a rule (in categories.yaml or the policy),
stops the run before any document is read. The names a policy may use are listed here,
once: the registry below.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from redactor.categories import catalogue
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
# The category names, their rules and the rules under another name (derived_rules, read by
# redactor.article17.policy_category): rules/categories.yaml, through redactor.categories.
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
    categories = set(catalogue().rule_names()) | recognizer_categories()
    return Registry(category_actions=CATEGORY_ACTIONS, role_actions=PERSON_ACTIONS, person_actions=PERSON_ACTIONS,
                    roles=known_roles(), categories=categories,
                    anonymize_when=tuple(ANONYMIZE_CONDITIONS), withhold_when=tuple(WITHHOLD_VALUE_KINDS.items()),
                    case_types=CASE_TYPES,
                    document_kinds=DOCUMENT_KINDS)


def required_categories(raw: dict) -> set[str]:
    """Every category a finding can have needs a rule, except those decided elsewhere
    (``decided_by`` in categories.yaml) and those whose finding withholds the whole document."""
    withheld = {str((w.get("when") or {}).get("finding_category")) for w in raw.get("withhold") or []}
    cat = catalogue()
    found = set(cat.names()) | recognizer_categories()
    return found - cat.decided_elsewhere() - withheld


def with_category_rules(raw: dict, reg: Registry) -> dict:
    """``raw`` with the rules of categories.yaml under its own ``categories:`` (each of the
    policy's entries merged over the category's rule, key by key), the file's rules checked
    like a policy file's."""
    cat = catalogue()
    defaults = cat.default_rules()
    check_file({"categories": defaults}, None, Path(cat.path), reg)
    merged = dict(raw)
    merged["categories"] = _deep_merge(defaults, raw.get("categories") or {})
    return merged


@dataclass(frozen=True)
class CategoryRule:
    action: str
    article: str
    replacement: str = ""
    keep_prefix: int = 0
    mask_char: str = "×"
    only_residence: bool = False
    only_causes: tuple[str, ...] = ()  # HEALTH: the causes in which it applies (redactor.article17)


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
        """The rule of ``category``. Every category a recognizer finds has one (checked at load),
        or its finding withholds the whole document (Art. 4: no span of it is published, so its
        spans are kept, under the withhold rule's article); a name none knows (a reviewer's
        own category) gets the rule of OTHER, which masks."""
        rule = self.categories.get(category)
        if rule is not None:
            return rule
        for w in self.withhold:
            if w.when.get("finding_category") == category:
                return CategoryRule("keep", w.article)
        return self.categories[OTHER_RULE]


# The rule of a category no rule names (categories.yaml: OTHER, other personal information).
OTHER_RULE = "OTHER"


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
    reg = registry()
    raw, path, node = _load_raw(ref, reg, (str(_policy_path(ref).resolve()),))
    raw = with_category_rules(raw, reg)
    check_merged(raw, path, node, required_categories(raw))
    if OTHER_RULE not in raw["categories"]:
        raise PolicyError(f"{catalogue().path}: categories.{OTHER_RULE} needs a rule (the rule of a category "
                          "no rule names, such as a reviewer's own)")
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
            only_causes=tuple(r.get("only_causes") or ()),
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
