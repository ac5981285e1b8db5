"""Load a policy profile (YAML in rules/policies/) into a typed Policy.

A court writes its own profile as a YAML file (``--policy my_court.yaml``), usually with
``extends: spc2016`` and only the rules it changes. Deep merge: mappings merge key by key,
lists and scalars replace.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from redactor.paths import POLICIES_DIR


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


def _load_raw(ref: str | Path, seen: tuple = ()) -> dict:
    path = Path(ref)
    if not path.suffix:
        path = POLICIES_DIR / f"{ref}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"policy not found: {ref}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    parent = data.pop("extends", None)
    if parent:
        if parent in seen:
            raise ValueError(f"policy inheritance loop at {parent}")
        data = _deep_merge(_load_raw(parent, seen + (parent,)), data)
    return data


def load_policy(ref: str | Path = "strict") -> Policy:
    raw = _load_raw(ref)
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
