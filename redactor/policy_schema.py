"""The shape of a policy file, checked fail-closed (pydantic, ``extra="forbid"``).

A typo in a policy must never publish what the court meant to hide (issue 16: British
``anonymise`` kept a party's name). Every file of an ``extends`` chain is checked on its
own, so a problem names the file and the line where it was written; the merged policy is
then checked for completeness (every rule has an action, every category a rule).

The allowed names (actions, roles, categories, conditions) come from the registry in
``redactor.policy``; this module only knows how to check them and say what is wrong.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path
from typing import Literal, Optional, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model


class PolicyError(ValueError):
    """The policy cannot be used: one line naming the file, the key path and the line."""


class Registry:
    """The names a policy may use (built by redactor.policy from the code and rules/)."""

    def __init__(self, *, category_actions, role_actions, person_actions, roles, categories,
                 anonymize_when, withhold_when, case_types, document_kinds):
        self.category_actions = tuple(category_actions)
        self.role_actions = tuple(role_actions)
        self.person_actions = tuple(person_actions)
        self.roles = tuple(sorted(roles))
        self.categories = tuple(sorted(categories))
        self.anonymize_when = tuple(anonymize_when)
        # (name, value kind) of every withhold condition (redactor/conditions.py)
        self.withhold_kinds = tuple(tuple(pair) for pair in withhold_when)
        self.withhold_when = tuple(name for name, _ in self.withhold_kinds)
        self.case_types = tuple(case_types)
        self.document_kinds = tuple(document_kinds)

    def key(self) -> tuple:
        return (self.category_actions, self.role_actions, self.person_actions, self.roles, self.categories,
                self.anonymize_when, self.withhold_kinds, self.case_types, self.document_kinds)


def _lit(values: tuple[str, ...]):
    return Literal[values]  # type: ignore[valid-type]


_FORBID = ConfigDict(extra="forbid", strict=False)


@lru_cache(maxsize=8)
def _file_model(key: tuple) -> type[BaseModel]:
    (cat_actions, role_actions, person_actions, role_names, category_names, anon_when, withhold_kinds,
     case_type_names, document_kind_names) = key

    class CategoryRule(BaseModel):
        model_config = _FORBID
        action: Optional[_lit(cat_actions)] = None
        article: Optional[str] = None
        replacement: Optional[str] = None
        keep_prefix: Optional[int] = Field(None, ge=0)
        mask_char: Optional[str] = Field(None, min_length=1)
        only_residence: Optional[bool] = None
        only_causes: Optional[list[str]] = None

    class RoleRule(BaseModel):
        model_config = _FORBID
        action: Optional[_lit(role_actions)] = None
        article: Optional[str] = None
        anonymize_when: Optional[list[_lit(anon_when)]] = None

    # One field per registered withhold condition (redactor/conditions.py), typed by its kind.
    kinds = {"category": (Optional[_lit(category_names)], None), "case_type": (Optional[_lit(case_type_names)], None),
             "document_kind": (Optional[_lit(document_kind_names)], None), "bool": (Optional[bool], None),
             "terms": (Optional[list[str]], Field(None, min_length=1))}
    When = create_model("When", __config__=_FORBID, **{name: kinds[kind] for name, kind in withhold_kinds})

    class WithholdRule(BaseModel):
        model_config = _FORBID
        id: str
        article: Optional[str] = None
        reason: Optional[str] = None
        when: When

    class Persons(BaseModel):
        model_config = _FORBID
        unknown_role: Optional[_lit(person_actions)] = None
        minors: Optional[_lit(person_actions)] = None
        family_causes: Optional[list[str]] = None
        roles: Optional[dict[_lit(role_names), RoleRule]] = None

    return create_model(
        "PolicyFile", __config__=_FORBID,
        profile=(Optional[str], None), version=(Optional[Union[str, int, float]], None),
        description=(Optional[str], None), extends=(Optional[str], None),
        withhold=(Optional[list[WithholdRule]], None), persons=(Optional[Persons], None),
        categories=(Optional[dict[_lit(category_names), CategoryRule]], None),
    )


def parse_file(path: Path) -> tuple[dict, yaml.Node | None]:
    """The mapping a policy file holds and its YAML node tree (for line numbers)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PolicyError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise PolicyError(f"{path}: cannot be read ({type(exc).__name__})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PolicyError(f"{path}{where}: not valid YAML ({problem})") from None
    if data is None:
        return {}, node
    if not isinstance(data, dict):
        raise PolicyError(f"{path}, line 1: a policy is a mapping of keys (profile, extends, withhold, persons, "
                          f"categories), not a {type(data).__name__}")
    return data, node


def check_file(data: dict, node: yaml.Node | None, path: Path, registry: Registry) -> None:
    """Raise PolicyError for the first problem of one policy file (before merging)."""
    try:
        _file_model(registry.key()).model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = _describe(errors[0], data, node, path, registry)
        more = f" (and {len(errors) - 1} more problem(s) in this file)" if len(errors) > 1 else ""
        raise PolicyError(first + more) from None
    for name, rule in (data.get("categories") or {}).items():
        rule = rule or {}
        if "only_causes" in rule and name != "HEALTH":
            raise PolicyError(_at(path, node, ("categories", name, "only_causes"),
                                  "only_causes applies to HEALTH only (no other rule reads it)"))
        if "only_residence" in rule and name != "ADDRESS_DETAIL":
            raise PolicyError(_at(path, node, ("categories", name, "only_residence"),
                                  "only_residence applies to ADDRESS_DETAIL only (no other rule reads it)"))
    for i, w in enumerate(data.get("withhold") or []):
        if not w.get("when"):
            conditions = ", ".join(registry.withhold_when)
            raise PolicyError(_at(path, node, ("withhold", i, "when"),
                                  f"a withhold rule needs at least one condition ({conditions})"))


def check_merged(raw: dict, path: Path, node: yaml.Node | None, required_categories: set[str]) -> None:
    """The merged policy is complete: every rule has an action, every category a rule."""
    for name, rule in ((raw.get("persons") or {}).get("roles") or {}).items():
        if not (rule or {}).get("action"):
            raise PolicyError(_at(path, node, ("persons", "roles", name), "the role rule has no action"))
    cats = raw.get("categories") or {}
    for name, rule in cats.items():
        if not (rule or {}).get("action"):
            raise PolicyError(_at(path, node, ("categories", name), "the category rule has no action"))
    missing = sorted(required_categories - set(cats))
    if missing:
        raise PolicyError(_at(path, node, ("categories",),
                              f"no rule for categor{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)}: "
                              "every category the recognizers find needs a rule, in the policy or in "
                              "rules/categories.yaml, or a withhold rule (a category without one would be "
                              "published as found)"))


# --- messages ------------------------------------------------------------------------

def _describe(err: dict, data: dict, node, path: Path, registry: Registry) -> str:
    loc = tuple(p for p in err["loc"] if p not in ("[key]",))
    is_key = "[key]" in err["loc"]
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1], registry)
        return _at(path, node, loc, f"unknown key {loc[-1]!r}{_choices(str(loc[-1]), allowed)}")
    if kind == "literal_error":
        what = _what(loc, is_key)
        allowed = _expected(err)
        return _at(path, node, loc, f"{value!r} is not {what}{_choices(str(value), allowed)}")
    if kind == "missing":
        return _at(path, node, loc[:-1], f"missing key {loc[-1]!r}")
    msg = err.get("msg", kind).replace("Input should be", "should be")
    shown = "" if isinstance(value, (dict, list)) else f" (got {value!r})"
    return _at(path, node, loc, f"{msg}{shown}")


def _what(loc: tuple, is_key: bool) -> str:
    last = loc[-2] if loc and isinstance(loc[-1], int) else (loc[-1] if loc else "")
    if is_key and "roles" in loc:
        return "a role"
    if is_key and "categories" in loc:
        return "a category"
    if last == "anonymize_when":
        return "a condition"
    if last == "finding_category":
        return "a category"
    if last == "case_type":
        return "a case type"
    if last == "document_kind":
        return "a document kind"
    if last in ("action", "unknown_role", "minors"):
        return "an action here"
    return "an allowed value"


def _expected(err: dict) -> list[str]:
    exp = (err.get("ctx") or {}).get("expected", "")
    return [p.strip().strip("'") for p in exp.replace(" or ", ", ").split(",") if p.strip()]


_KEYS = {
    (): ("profile", "version", "description", "extends", "withhold", "persons", "categories"),
    ("persons",): ("unknown_role", "minors", "family_causes", "roles"),
    ("categories", "*"): ("action", "article", "replacement", "keep_prefix", "mask_char", "only_residence",
                          "only_causes"),
    ("persons", "roles", "*"): ("action", "article", "anonymize_when"),
    ("withhold", "*"): ("id", "article", "reason", "when"),
}


def _allowed_keys(parent: tuple, registry: Registry) -> list[str]:
    shape = tuple("*" if i > 0 and parent[i - 1] in ("categories", "roles", "withhold") else p
                  for i, p in enumerate(parent))
    if shape == ("withhold", "*", "when"):
        return list(registry.withhold_when)
    return list(_KEYS.get(shape, ()))


def _choices(value: str, allowed: list[str]) -> str:
    if not allowed:
        return ""
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6) or \
        difflib.get_close_matches(value.lower(), [a.lower() for a in allowed], n=1, cutoff=0.6)
    if close and close[0] not in allowed:  # matched case-insensitively
        close = [a for a in allowed if a.lower() == close[0]]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f" (allowed: {', '.join(allowed)}){hint}"


def _at(path: Path, node, loc: tuple, message: str) -> str:
    line = _line(node, loc)
    where = f", line {line}" if line else ""
    dotted = ".".join(str(p) for p in loc)
    return f"{path}{where}: {dotted + ': ' if dotted else ''}{message}"


def _line(node, loc: tuple) -> int:
    """The 1-based line of the key (or item) at ``loc`` in the YAML node tree; 0 if unknown."""
    line = 0
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == str(part) or k.value == part:
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line

