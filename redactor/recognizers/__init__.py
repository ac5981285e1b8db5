"""Recognizers of the DETECT stage.

Pattern recognizers are data: one YAML file per recognizer in rules/recognizers/, naming the
Python class (``validator``) that checks its matches. Adding one is a new YAML file, and if it
needs a check of its own, a new module here plus one line in ``_MODULES``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from redactor.paths import RECOGNIZERS_DIR
from redactor.recognizers.base import (
    VALIDATORS,
    RuleError,
    RulePatternRecognizer,
    build_recognizer,
    fold_width,
    load_rule_file,
    register_validator,
)

# Modules that register validator classes (imported for their side effect).
_MODULES = (
    "id_card",
    "phone",
    "bank_account",
    "plate",
    "email",
    "property_cert",
    "passport",
    "uscc",
    "address",
    "case_number",
    "state_secret",
    "adjudicative_secret",
    "tech_investigation",
    "trade_secret",
    "health",
)
for _name in _MODULES:
    importlib.import_module(f"{__name__}.{_name}")


def rule_files(directory: Path | None = None) -> list[Path]:
    return sorted(Path(directory or RECOGNIZERS_DIR).glob("*.yaml"))


def load_rule_recognizers(directory: Path | None = None) -> list[RulePatternRecognizer]:
    """One recognizer per rule file, in file-name order. Raises RuleError on a bad file."""
    recognizers = [build_recognizer(p) for p in rule_files(directory)]
    ids = [r.rule_id for r in recognizers]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise RuleError(f"duplicate recognizer id(s): {sorted(dup)}")
    return recognizers


__all__ = [
    "VALIDATORS",
    "RuleError",
    "RulePatternRecognizer",
    "build_recognizer",
    "fold_width",
    "load_rule_file",
    "load_rule_recognizers",
    "register_validator",
    "rule_files",
]
