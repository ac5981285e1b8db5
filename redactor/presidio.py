"""Our recognizers and operators, ready for a plain Presidio ``AnalyzerEngine`` / ``AnonymizerEngine``.

    from presidio_analyzer import AnalyzerEngine
    from presidio_anonymizer import AnonymizerEngine
    from redactor import presidio as rp

    analyzer = AnalyzerEngine(registry=rp.registry(), nlp_engine=rp.nlp_engine(),
                              supported_languages=[rp.LANGUAGE])
    results = rp.to_mask(analyzer.analyze(text, language=rp.LANGUAGE), "strict")
    anonymizer = rp.add_operators(AnonymizerEngine())
    published = anonymizer.anonymize(text, results, operators=rp.operators("strict")).text

``to_mask`` drops what the policy keeps (a place name, an organisation, a case number)
before the anonymizer sees it: Presidio resolves overlaps by score, and a kept place name
must never shield the house number inside it.

Nothing is downloaded: the registry holds only the rule recognizers of
``rules/recognizers/*.yaml`` (plus, with ``ner=``, our NER model), and the NLP engine is
Presidio's ``NoOpNlpEngine`` (our recognizers read Chinese context in a character window,
so no tokenizer is needed; Presidio's default engine would fetch an English spaCy model).

What plain Presidio cannot do, and ``redactor.redact_text`` does: the judgment's structure
(party header, signature block, roles). Presidio sees a name, not whose name it is, so
``operators()`` anonymizes every PERSON, judges and lawyers included, and deletes every
ADDRESS_DETAIL, not only residences; items our policy sends to a human (``review``) are
masked. Use ``redact_text`` where the law's distinctions by role matter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.operators import Operator, OperatorType

from redactor.anonymize import base_form, partial_mask
from redactor.recognizers import load_rule_recognizers
from redactor.recognizers.base import LANGUAGE

__all__ = ["LANGUAGE", "OPERATORS", "recognizers", "registry", "nlp_engine", "analyzer", "add_operators",
           "anonymizer", "operators", "to_mask", "ArticleNineName", "CrossMask"]


class ArticleNineName(Operator):
    """Presidio operator: replace a name with its (pre-assigned) Art. 9 form (``anonymize.base_form``)."""

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        params = params or {}
        return params.get("form") or base_form(text)

    def validate(self, params: dict[str, Any] | None = None) -> None:
        return None

    def operator_name(self) -> str:
        return "article9_name"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


class CrossMask(Operator):
    """Presidio operator: Art. 10 ×-replacement keeping ``keep_prefix`` characters (``anonymize.partial_mask``)."""

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        params = params or {}
        return partial_mask(text, int(params.get("keep_prefix", 0)), params.get("mask_char", "×"))

    def validate(self, params: dict[str, Any] | None = None) -> None:
        return None

    def operator_name(self) -> str:
        return "cross_mask"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


# Presidio operator classes of Art. 9 (name forms) and Art. 10 (the ×-convention).
OPERATORS = (ArticleNineName, CrossMask)
# What a category the policy does not name, or sends to review, becomes: masked (fail closed).
FAIL_CLOSED = OperatorConfig("replace", {"new_value": "×××"})


def recognizers(ner: str | None = None, rules_dir: Path | None = None) -> list[EntityRecognizer]:
    """The rule recognizers (one per rules/recognizers/*.yaml), and the NER backend ``ner``
    (``"judgment"``: the shipped model; ``"lac"``) when given."""
    out: list[EntityRecognizer] = list(load_rule_recognizers(rules_dir))
    if ner:
        from redactor.recognizers.ner import NerRecognizer, get_backend

        out.append(NerRecognizer(get_backend(ner)))
    return out


def registry(ner: str | None = None, rules_dir: Path | None = None) -> RecognizerRegistry:
    """A ``RecognizerRegistry`` for language ``zh`` holding only our recognizers."""
    reg = RecognizerRegistry(supported_languages=[LANGUAGE])
    for r in recognizers(ner, rules_dir):
        reg.add_recognizer(r)
    return reg


def nlp_engine() -> NoOpNlpEngine:
    """Presidio's no-op NLP engine for ``zh``: loads and downloads nothing."""
    return NoOpNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "none"}])


def analyzer(ner: str | None = None, rules_dir: Path | None = None):
    """The ``AnalyzerEngine`` ``redact`` itself uses (engine-level context enhancement off:
    each recognizer applies its own character-window context)."""
    from redactor.detect import build_analyzer

    return build_analyzer(ner=ner, rules_dir=rules_dir)


def add_operators(engine: AnonymizerEngine) -> AnonymizerEngine:
    """Register ``article9_name`` and ``cross_mask`` with an ``AnonymizerEngine``."""
    for op in OPERATORS:
        engine.add_anonymizer(op)
    return engine


def anonymizer() -> AnonymizerEngine:
    """An ``AnonymizerEngine`` with our operators registered."""
    return add_operators(AnonymizerEngine())


def operators(policy: Any = "strict") -> dict[str, OperatorConfig]:
    """Presidio ``operators=`` for ``anonymize``: one ``OperatorConfig`` per category, from
    the policy's category rules (delete -> replace with its replacement, partial ->
    ``cross_mask``, keep -> keep, review -> masked), PERSON -> ``article9_name``."""
    from redactor.policy import Policy, load_policy

    pol = policy if isinstance(policy, Policy) else load_policy(policy)
    ops: dict[str, OperatorConfig] = {"DEFAULT": FAIL_CLOSED}
    for category, rule in pol.categories.items():
        if rule.action == "delete":
            # Presidio's replace puts "<ENTITY>" for an empty value; redact removes the text.
            ops[category] = (OperatorConfig("replace", {"new_value": rule.replacement}) if rule.replacement
                             else OperatorConfig("redact"))
        elif rule.action == "partial":
            ops[category] = OperatorConfig("cross_mask", {"keep_prefix": rule.keep_prefix,
                                                          "mask_char": rule.mask_char})
        elif rule.action == "keep":
            ops[category] = OperatorConfig("keep")
        else:  # review, withhold: a human decides in redact; here, masked
            ops[category] = FAIL_CLOSED
    ops["PERSON"] = OperatorConfig("article9_name")
    return ops


def to_mask(results: list, policy: Any = "strict") -> list:
    """The analyzer results the policy masks (or sends to review): those it keeps are left
    out, so that in Presidio's overlap resolution a kept span never wins over a masked one."""
    from redactor.policy import Policy, load_policy

    pol = policy if isinstance(policy, Policy) else load_policy(policy)
    kept = {c for c, rule in pol.categories.items() if rule.action == "keep" and c != "PERSON"}
    return [r for r in results if r.entity_type not in kept]  # a category it does not name: masked
