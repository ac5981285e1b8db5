"""The categories a finding can have, read from one file: ``rules/categories.yaml``.

Each category is written there once: its labels for the review pages, how decide treats it
(a strong identifier, a passage, a hard keep), whether the review pages show it kept or offer
it for a reviewer's mask, and its rule with the article it implements. Everything else
derives from that file: the policy's registry of category names and the rules a policy does
not restate (redactor.policy), decide's sets (redactor.decide), the review pages' menus and
labels (redactor.review), the recognizers' allowed ``entity`` (redactor.recognizers.base).

A category without a rule must be decided elsewhere (``decided_by: persons``) or withheld by
the policy; ``redactor.policy`` refuses a policy that leaves one without either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from redactor import rules_yaml
from redactor.document import Category
from redactor.paths import RULES_DIR

CATEGORIES_FILE = "categories.yaml"
_FLAGS = ("strong", "passage", "hard_keep", "kept_shown", "reviewer_mask")
_ENTRY_KEYS = set(_FLAGS) | {"label", "rule", "decided_by"}
_DECIDED_BY = ("persons",)


class CategoriesError(ValueError):
    """rules/categories.yaml cannot be used: names the entry and what is wrong."""


@dataclass(frozen=True)
class CategoryInfo:
    name: str
    labels: dict[str, str] = field(default_factory=dict)
    strong: bool = False
    passage: bool = False
    hard_keep: bool = False
    kept_shown: bool = False
    reviewer_mask: bool = False
    rule: dict[str, Any] | None = None  # the rule where a policy names none; None: see decided_by
    decided_by: str | None = None


@dataclass(frozen=True)
class Catalogue:
    """Every category in file order, and the derived rules (rule name -> (category, rule))."""

    categories: dict[str, CategoryInfo]
    derived_rules: dict[str, tuple[str, dict[str, Any]]]
    path: str = ""

    def names(self) -> tuple[str, ...]:
        return tuple(self.categories)

    def with_flag(self, flag: str) -> frozenset[str]:
        return frozenset(n for n, c in self.categories.items() if getattr(c, flag))

    def in_order_with(self, flag: str) -> tuple[str, ...]:
        return tuple(n for n, c in self.categories.items() if getattr(c, flag))

    def rule_names(self) -> tuple[str, ...]:
        """Every name a policy's ``categories:`` may give a rule: the categories and the derived rules."""
        return self.names() + tuple(self.derived_rules)

    def default_rules(self) -> dict[str, dict[str, Any]]:
        """The rule of every category and derived rule that has one (a policy's rule merges over it)."""
        out = {n: dict(c.rule) for n, c in self.categories.items() if c.rule is not None}
        out.update((n, dict(rule)) for n, (_, rule) in self.derived_rules.items())
        return out

    def decided_elsewhere(self) -> frozenset[str]:
        return frozenset(n for n, c in self.categories.items() if c.decided_by)

    def labels(self, lang: str) -> dict[str, str]:
        return {n: c.labels[lang] for n, c in self.categories.items() if c.labels.get(lang)}


def _entry(path: Path, name: Any, raw: Any) -> CategoryInfo:
    where = f"{path}: categories.{name}"
    if not isinstance(name, str) or not name.isupper() or not name.replace("_", "").isalnum():
        raise CategoriesError(f"{path}: category names are upper-case words joined by _ (got {name!r})")
    if not isinstance(raw, dict):
        raise CategoriesError(f"{where}: an entry is a mapping")
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise CategoriesError(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_ENTRY_KEYS))})")
    labels = raw.get("label") or {}
    if not isinstance(labels, dict) or not all(isinstance(v, str) and v for v in labels.values()):
        raise CategoriesError(f"{where}.label: a mapping of language to label, such as {{zh: 人名}}")
    for flag in _FLAGS:
        if not isinstance(raw.get(flag, False), bool):
            raise CategoriesError(f"{where}.{flag}: true or false")
    rule = raw.get("rule")
    if rule is not None and not isinstance(rule, dict):
        raise CategoriesError(f"{where}.rule: a mapping (action, article, ...)")
    decided_by = raw.get("decided_by")
    if decided_by is not None and decided_by not in _DECIDED_BY:
        raise CategoriesError(f"{where}.decided_by: one of {', '.join(_DECIDED_BY)}")
    if decided_by and rule is not None:
        raise CategoriesError(f"{where}: a category decided by {decided_by} has no rule of its own")
    return CategoryInfo(name, dict(labels), *(bool(raw.get(f, False)) for f in _FLAGS), rule, decided_by)


def load_catalogue(rules_dir: Path | str | None = None) -> Catalogue:
    """Read and check ``categories.yaml`` (the rule's own keys are checked by the policy schema)."""
    path = Path(rules_dir or RULES_DIR) / CATEGORIES_FILE
    try:
        spec = rules_yaml.load_file(path)
    except OSError as exc:
        raise CategoriesError(f"{path}: cannot be read ({type(exc).__name__})") from None
    except yaml.YAMLError as exc:
        raise CategoriesError(f"{path}: not valid YAML ({type(exc).__name__})") from None
    if not isinstance(spec, dict) or not isinstance(spec.get("categories"), dict):
        raise CategoriesError(f"{path}: needs a mapping 'categories:' of category name to entry")
    unknown = sorted(set(spec) - {"categories", "derived_rules"})
    if unknown:
        raise CategoriesError(f"{path}: unknown key {unknown[0]!r} (allowed: categories, derived_rules)")
    cats = {name: _entry(path, name, raw) for name, raw in spec["categories"].items()}
    missing = [c.value for c in Category if c.value not in cats]
    if missing:
        raise CategoriesError(f"{path}: no entry for {', '.join(missing)} (categories the code names)")
    derived: dict[str, tuple[str, dict[str, Any]]] = {}
    for name, raw in (spec.get("derived_rules") or {}).items():
        where = f"{path}: derived_rules.{name}"
        if name in cats:
            raise CategoriesError(f"{where}: the name of a category")
        if not isinstance(raw, dict) or raw.get("of") not in cats or not isinstance(raw.get("rule"), dict):
            raise CategoriesError(f"{where}: needs 'of' (a category above) and 'rule' (a mapping)")
        derived[name] = (raw["of"], dict(raw["rule"]))
    return Catalogue(cats, derived, str(path))


@lru_cache(maxsize=4)
def _cached(rules_dir: str) -> Catalogue:
    return load_catalogue(rules_dir)


def catalogue() -> Catalogue:
    """The categories of this run's rules (``REDACTOR_RULES`` or the shipped ones), read once."""
    return _cached(str(RULES_DIR))
