"""Pattern recognizers built from one YAML file each (rules/recognizers/*.yaml).

A rule file says *what* to look for (patterns, context words, the article it implements);
the Python class named by its ``validator`` field says *how to check* a match
(``validate_result`` the Presidio way: True -> validated score, False -> dropped,
None -> unvalidated, kept at the pattern's score) and may refine it (``refine``).

Two things differ from Presidio's stock ``PatternRecognizer``:

* Patterns run on a width-folded copy of the text (full-width ASCII -> ASCII, ideographic
  space -> space). The fold is one character for one character, so offsets are unchanged,
  and a rule author writes ``(2023)`` or ``13812345678`` once for both widths.
* Context is a character window before/after the match, not Presidio's token/lemma
  window: Chinese has no spaces, and a segmenter is slow and unreliable on legal text.
  A context word near a match boosts its score; a rule may *require* context for
  matches that no validator confirmed (e.g. a 19-digit number that fails Luhn is a bank
  account only next to 账号/卡号).

The patterns themselves run in our own loop (``_pattern_results``), which gives exactly what
Presidio's ``PatternRecognizer.analyze`` gives without its per-pattern clock reads and debug
lines (tests/recognizers/test_pattern_loop.py compares the two on every rule, so a Presidio
upgrade that changes its loop shows there).

Rule file fields (see rules/recognizers/*.yaml for examples):

  id              recognizer id; findings carry source "rule:<id>"
  entity          a category of rules/categories.yaml (redactor/categories.py)
  article         the provision it implements (cited in the audit)
  validator       registered class that checks matches ("none": patterns only)
  patterns[]      name, regex (``regex`` module syntax, run on width-folded text), score;
                  optional validated_score (score when the validator says True, default 1.0),
                  require_context (never | always | unvalidated), context (own word list),
                  left / left_required (see below)
  left            a pattern's leading part that is read leftwards from the match of ``regex``
                  (the longest run of it ending where the match starts, at most ``left_max``
                  characters, default 40), kept optional unless ``left_required``. Same
                  matches as one regex that starts with it, but a regex that starts with
                  "1-8 Han characters" is tried at every character of the document, and one
                  that starts with 路|街|… only where those occur: 5-10x faster.
  context[]       Chinese context words; context_window (chars before, default 20),
                  context_after (chars after, default 0), context_boost (default 0.3)
  require_context never | always | unvalidated (default never)
  not_after[] / not_before[]  words right after / before a match that rule it out
  flags           regex flags (default [MULTILINE]; no IGNORECASE: plates are upper case)
  document_gate[] words of which at least one must occur in the document for the rule to
                  look at it at all (a trade-secret rule skips documents about other things:
                  its patterns never run there, which is most of the detect time it costs)
  ...             anything else is for the validator class (its OPTION_KEYS)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import regex
import yaml
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)

from presidio_analyzer.pattern_recognizer import REGEX_TIMEOUT_SECONDS

from redactor.categories import catalogue
from redactor.width_fold import fold_width  # noqa: F401  (re-exported)
from redactor import rules_yaml

_log = logging.getLogger(__name__)

LANGUAGE = "zh"

# Keys this module puts into RecognizerResult.recognition_metadata; detect.py reads them.
META_SOURCE = "redactor_source"
META_ATTRS = "redactor_attrs"

_last_fold: tuple[str, str] | None = None


def folded(text: str) -> str:
    """``fold_width`` with a one-entry cache: every recognizer folds the same text in turn."""
    global _last_fold
    cached = _last_fold
    if cached is not None and cached[0] is text:
        return cached[1]
    out = fold_width(text)
    _last_fold = (text, out)
    return out


_FLAGS = {"MULTILINE": regex.MULTILINE, "IGNORECASE": regex.IGNORECASE, "DOTALL": regex.DOTALL}


class RuleError(ValueError):
    """A rule file is malformed. The message names the file and field, never document text."""


@dataclass
class RulePattern:
    """One pattern of a rule, with the per-pattern options Presidio's Pattern lacks."""

    name: str
    regex: str
    score: float
    # Score a match gets when the validator confirms it (Presidio would give 1.0).
    validated_score: float = 1.0
    # None: use the rule's setting. "never" / "always" / "unvalidated".
    require_context: str | None = None
    # Context words for this pattern only (otherwise the rule's).
    context: list[str] | None = None
    context_re: Any = None
    # The leading part read leftwards from the match (see the module docstring).
    left: str | None = None
    left_required: bool = False
    left_max: int = 40
    left_re: Any = None

    def extend_left(self, text: str, start: int, floor: int) -> int | None:
        """Where the match starts once its leading part is added (None: a required leading
        part is missing). The part never reaches back past ``floor``."""
        m = self.left_re.search(text, max(floor, start - self.left_max), start)
        if m is None:
            return None if self.left_required else start
        return m.start()


def _words_re(words):
    if not words:
        return None
    return regex.compile("|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)))


# validator name (the YAML ``validator`` field) -> class
VALIDATORS: dict[str, type["RulePatternRecognizer"]] = {}


def register_validator(name: str):
    """Class decorator: make a recognizer class selectable by ``validator: <name>`` in YAML."""

    def deco(cls):
        VALIDATORS[name] = cls
        return cls

    return deco


class RulePatternRecognizer(PatternRecognizer):
    """A Presidio PatternRecognizer whose knowledge comes from one rule file."""

    # Extra YAML keys a subclass understands (copied into ``self.options``).
    OPTION_KEYS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, spec: dict[str, Any], path: Path | None = None):
        self.spec = spec
        self.rule_id: str = spec["id"]
        self.article: str = spec.get("article", "")
        self.rule_path = path
        self.rule_patterns: dict[str, RulePattern] = {}
        for p in spec.get("patterns") or []:
            rp = RulePattern(
                name=p["name"],
                regex=p["regex"],
                score=float(p["score"]),
                validated_score=float(p.get("validated_score", 1.0)),
                require_context=p.get("require_context"),
                context=p.get("context"),
                left=p.get("left"),
                left_required=bool(p.get("left_required", False)),
                left_max=int(p.get("left_max", 40)),
            )
            rp.context_re = _words_re(rp.context)
            self.rule_patterns[rp.name] = rp
        self.context_words: list[str] = list(spec.get("context") or [])
        self.context_window: int = int(spec.get("context_window", 20))
        self.context_after: int = int(spec.get("context_after", 0))
        self.context_boost: float = float(spec.get("context_boost", 0.3))
        self.require_context: str = spec.get("require_context", "never")
        self.options: dict[str, Any] = {k: spec[k] for k in self.OPTION_KEYS if k in spec}
        # Words that, right after / right before a match, show it is something else
        # (13812345678元 is an amount, 第1234号 a serial number).
        after = list(spec.get("not_after") or [])
        before = list(spec.get("not_before") or [])
        self._not_after_re = regex.compile("|".join(map(regex.escape, sorted(after, key=len, reverse=True)))) if after else None
        self._not_before_re = (
            regex.compile("(?:" + "|".join(map(regex.escape, sorted(before, key=len, reverse=True))) + r")\s*$")
            if before
            else None
        )
        flags = 0
        for f in spec.get("flags", ["MULTILINE"]):
            flags |= _FLAGS[f]
        self._context_re = _words_re(self.context_words)
        for rp in self.rule_patterns.values():
            if rp.left:
                # \Z at the search's end position: the part must end where the match starts
                rp.left_re = regex.compile(f"(?:{rp.left})\\Z", flags)
        self._document_gate = tuple(spec.get("document_gate") or ())
        patterns = [Pattern(name=p.name, regex=p.regex, score=p.score) for p in self.rule_patterns.values()]
        if not patterns:
            # Presidio insists on patterns; a subclass with its own matching (address) may have none.
            patterns = [Pattern(name="_never", regex=r"(?!x)x", score=0.0)]
        super().__init__(
            supported_entity=spec["entity"],
            name=f"rule:{self.rule_id}",
            supported_language=LANGUAGE,
            patterns=patterns,
            # Context is handled here with a character window; leave Presidio's lemma
            # enhancer nothing to do.
            context=None,
            global_regex_flags=flags,
            version=str(spec.get("version", "1")),
        )

    # -- hooks for subclasses -------------------------------------------------------

    def refine(self, text: str, result: RecognizerResult, pattern_name: str) -> RecognizerResult | None:
        """Look at the match in its surroundings; return None to drop it. ``text`` is folded."""
        return result

    def extra_results(self, text: str) -> list[RecognizerResult]:
        """Matches found by other means than the rule's patterns (``text`` is folded)."""
        return []

    # -- helpers ------------------------------------------------------------------------

    def excluded_by_neighbours(self, text: str, start: int, end: int) -> bool:
        """A ``not_after`` word right after or a ``not_before`` word right before the match."""
        if self._not_after_re is not None and self._not_after_re.match(text, end):
            return True
        if self._not_before_re is not None and self._not_before_re.search(text, max(0, start - 8), start):
            return True
        return False

    def has_context(self, text: str, start: int, end: int, words_re=None) -> bool:
        """Is a context word within ``context_window`` chars before / ``context_after`` after?"""
        words_re = words_re or self._context_re
        if words_re is None:
            return False
        lo = max(0, start - self.context_window)
        if words_re.search(text, lo, start):
            return True
        if self.context_after:
            return bool(words_re.search(text, end, min(len(text), end + self.context_after)))
        return False

    def make_result(
        self, start: int, end: int, score: float, pattern_name: str, attrs: dict | None = None, entity: str | None = None
    ) -> RecognizerResult:
        result = RecognizerResult(
            entity_type=entity or self.supported_entities[0],
            start=start,
            end=end,
            score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name,
                original_score=score,
                pattern_name=pattern_name,
                textual_explanation=f"Detected by `{self.name}` using `{pattern_name}`",
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                META_SOURCE: self.name,
                META_ATTRS: dict(attrs or {}),
            },
        )
        return result

    # -- Presidio entry point -----------------------------------------------------------

    def applies_to(self, text: str) -> bool:
        """False: the document cannot hold what this rule finds (``document_gate``); skip it."""
        return not self._document_gate or any(g in text for g in self._document_gate)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        ftext = folded(text)
        if not self.applies_to(ftext):
            return []
        raw = self._pattern_results(ftext, regex_flags) if self.rule_patterns else []
        out: list[RecognizerResult] = []
        last_end: dict[str, int] = {}  # per pattern: a leading part never overlaps its previous match
        for r in raw:
            expl = r.analysis_explanation
            rp = self.rule_patterns[expl.pattern_name]
            if rp.left_re is not None:
                start = rp.extend_left(ftext, r.start, last_end.get(rp.name, 0))
                last_end[rp.name] = r.end
                if start is None:
                    continue
                r.start = start
            validated = expl.validation_result
            if validated is True:
                r.score = rp.validated_score
            if self.excluded_by_neighbours(ftext, r.start, r.end):
                continue
            need = rp.require_context or self.require_context
            ctx = self.has_context(ftext, r.start, r.end, rp.context_re)
            if not ctx and (need == "always" or (need == "unvalidated" and validated is not True)):
                continue
            if ctx:
                r.score = min(EntityRecognizer.MAX_SCORE, r.score + self.context_boost)
            meta = r.recognition_metadata
            meta[META_SOURCE] = self.name
            meta.setdefault(META_ATTRS, {})
            meta[META_ATTRS]["pattern"] = rp.name
            if ctx:
                meta[META_ATTRS]["context"] = True
            # Presidio's lemma enhancer must not boost again.
            meta[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            refined = self.refine(ftext, r, rp.name)
            if refined is not None and refined.score > 0:
                out.append(refined)
        out.extend(self.extra_results(ftext))
        return EntityRecognizer.remove_duplicates(out) if out else out

    def _pattern_results(self, text: str, regex_flags: int | None = None) -> list[RecognizerResult]:
        """What Presidio's ``PatternRecognizer.analyze`` returns for our patterns, without its
        per-pattern bookkeeping: it reads the clock twice and formats a debug line for every
        pattern on every document (three quarters of the rules' time on a short judgment,
        where most patterns match nothing). The same compiled patterns (Presidio's own cache
        on each ``Pattern``), the same regex timeout, the same results in the same order:
        each match validated and invalidated, scored and explained exactly as there, then
        Presidio's ``remove_duplicates`` (which also orders them)."""
        flags = regex_flags if regex_flags else self.global_regex_flags
        results: list[RecognizerResult] = []
        for pattern in self.patterns:
            if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
                pattern.compiled_with_flags = flags
                pattern.compiled_regex = regex.compile(pattern.regex, flags=flags)
            try:
                for match in pattern.compiled_regex.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                    start, end = match.span()
                    if start == end:
                        continue
                    current_match = text[start:end]
                    score = pattern.score
                    validation_result = self.validate_result(current_match)
                    description = self.build_regex_explanation(
                        self.name, pattern.name, pattern.regex, score, validation_result, flags)
                    result = RecognizerResult(
                        entity_type=self.supported_entities[0], start=start, end=end, score=score,
                        analysis_explanation=description,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                    if validation_result is not None:
                        result.score = EntityRecognizer.MAX_SCORE if validation_result else EntityRecognizer.MIN_SCORE
                    if self.invalidate_result(current_match):
                        result.score = EntityRecognizer.MIN_SCORE
                    if result.score > EntityRecognizer.MIN_SCORE:
                        results.append(result)
                    description.score = result.score
            except TimeoutError:
                _log.warning("Regex pattern '%s' timed out after %s seconds, skipping.",
                             pattern.name, REGEX_TIMEOUT_SECONDS)
        return EntityRecognizer.remove_duplicates(results) if results else results

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.rule_id} -> {self.supported_entities[0]}>"


def load_rule_file(path: Path) -> dict[str, Any]:
    """Read and check one rule file; raise RuleError naming the file and the problem."""
    try:
        spec = rules_yaml.load_file(path)
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"{path}: cannot read rule file ({type(exc).__name__})") from exc
    if not isinstance(spec, dict):
        raise RuleError(f"{path}: a rule file is a mapping")
    for key in ("id", "entity", "article"):
        if not spec.get(key):
            raise RuleError(f"{path}: missing '{key}'")
    if spec["entity"] not in catalogue().names():
        raise RuleError(f"{path}: entity '{spec['entity']}' is not a category of rules/categories.yaml")
    validator = spec.get("validator", "none")
    if validator not in VALIDATORS and regex.fullmatch(r"[a-z_][a-z0-9_]*", str(validator)):
        # A validator module named like its validator registers itself on import, so a new
        # recognizer works even before it is listed in recognizers/__init__.py's _MODULES.
        import importlib

        try:
            importlib.import_module(f"redactor.recognizers.{validator}")
        except ModuleNotFoundError:
            pass
    if validator not in VALIDATORS:
        raise RuleError(f"{path}: unknown validator '{validator}'")
    for i, p in enumerate(spec.get("patterns") or []):
        for key in ("name", "regex", "score"):
            if key not in p:
                raise RuleError(f"{path}: pattern {i} lacks '{key}'")
        try:
            regex.compile(p["regex"])
        except regex.error as exc:
            raise RuleError(f"{path}: pattern '{p['name']}' does not compile: {exc}") from exc
    for key in ("require_context",):
        if spec.get(key, "never") not in ("never", "always", "unvalidated"):
            raise RuleError(f"{path}: {key} must be never, always or unvalidated")
    for f in spec.get("flags", []):
        if f not in _FLAGS:
            raise RuleError(f"{path}: unknown regex flag '{f}'")
    return spec


def build_recognizer(path: Path) -> RulePatternRecognizer:
    spec = load_rule_file(path)
    cls = VALIDATORS[spec.get("validator", "none")]
    return cls(spec, path)


VALIDATORS["none"] = RulePatternRecognizer
