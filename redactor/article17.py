"""Art. 17 of 法发〔2018〕20号 beyond personal data: what the pipeline and the policy call.

The recognizers (state_secret, adjudicative_secret, tech_investigation, trade_secret, health
in redactor/recognizers/) run with all the others on the document's text. This module adds
what a text recognizer cannot do by itself:

* ``metadata_findings`` — classification markings in DOCX properties / PDF info and XMP
  (法释〔2016〕19号 第四条第（一）项: withheld, wherever the marking is);
* ``state_secret_reason`` — the withholding reason: the marking's kind and level and where it
  was found, never its text;
* ``denylist_findings_for`` — a clerk's per-case trade-secret deny list (redactor/denylist.py);
* ``policy_category`` / ``category_rule_for`` — which policy rule applies to a finding:
  deny-list terms get ``TRADE_SECRET_DENYLIST`` (masked) while detected trade-secret
  passages get ``TRADE_SECRET`` (review); HEALTH applies only in the case types the
  policy lists under ``HEALTH.only_causes`` (family and personality-rights disputes,
  法释〔2016〕19号 第十条第一款第（一）、（四）项), elsewhere the health term stays.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from redactor.denylist import denylist_findings, load_denylist
from redactor.document import Category, Document, Finding
from redactor.paths import RECOGNIZERS_DIR

# The recognizers (and Presidio under them) are imported where a document is read, never by
# the parent process of a run, which imports this module through decide but runs no rule.

DENYLIST_RULE = "TRADE_SECRET_DENYLIST"
HEALTH_OFF_RULE = "HEALTH_OUTSIDE_SCOPE"


@lru_cache(maxsize=4)
def _state_secret_recognizer(rules_dir: str):
    from redactor.recognizers.base import build_recognizer

    return build_recognizer(Path(rules_dir) / "state_secret.yaml")


def metadata_findings(doc: Document, rules_dir: Path | None = None) -> list[Finding]:
    """STATE_SECRET_MARK findings for markings in the document's metadata values.

    A metadata value is not part of ``doc.text``, so the finding is a zero-length span at 0
    whose ``attrs["location"]`` names the property (``metadata:core:title``); the policy's
    withhold rule only needs the category. ``value`` is "" so nothing downstream can print
    the marking.
    """
    from redactor.recognizers.base import META_ATTRS

    rec = _state_secret_recognizer(str(rules_dir or RECOGNIZERS_DIR))
    out: list[Finding] = []
    for key in sorted(doc.metadata):
        value = doc.metadata[key]
        if not isinstance(value, str) or not value.strip():
            continue
        for r in rec.analyze(value, None):
            attrs = dict((r.recognition_metadata or {}).get(META_ATTRS) or {})
            attrs["location"] = f"metadata:{key}"
            out.append(Finding(0, 0, Category.STATE_SECRET_MARK.value, rec.name, round(float(r.score), 4), "", attrs))
    return out


def _where(f: Finding, doc: Document | None) -> str:
    """Where a marking is: a metadata key, a DOCX part (header/footer/body), a PDF page."""
    loc = f.attrs.get("location")
    if loc:
        return str(loc)
    if doc is None or f.end <= f.start:
        return "text"
    slices = doc.offset_map.locate(f.start, f.end)
    if not slices:
        return "text"
    anchor = slices[0].anchor
    if doc.format.value == "docx" and anchor and isinstance(anchor[0], str):
        part = anchor[0].rsplit("/", 1)[-1]
        for kind in ("header", "footer", "footnotes", "endnotes", "comments"):
            if part.startswith(kind):
                return kind
        return "body"
    if doc.format.value == "pdf" and anchor and isinstance(anchor[0], int):
        return f"page {anchor[0] + 1}"
    return "text"


def state_secret_reason(findings: list[Finding], doc: Document | None = None) -> str:
    """'state-secret marking found: classification_mark 机密 (header); internal_notice (metadata:core:title)'.

    Kinds, levels and places only: the marking's text (its term, the notice's words) never
    appears, so the reason can go to the report, the audit and the console.
    """
    from redactor.recognizers.state_secret import describe

    parts: list[str] = []
    for f in findings:
        if f.category != Category.STATE_SECRET_MARK.value:
            continue
        part = f"{describe(f.attrs)} ({_where(f, doc)})"
        if part not in parts:
            parts.append(part)
    return "state-secret marking found: " + "; ".join(parts) if parts else ""


def denylist_findings_for(doc: Document, path: Path | None = None, denylist_dir: Path | None = None,
                          rel: str | None = None) -> list[Finding]:
    """Findings for every mention of the document's deny-list terms (none if it has no list).

    Raises redactor.denylist.DenylistError (reason ``bad_denylist``) for a list that cannot be
    used: the document then fails instead of being published with its secrets unmasked.
    """
    terms = load_denylist(Path(path or doc.path), denylist_dir, rel)
    return denylist_findings(doc.text, terms)


# --- policy -----------------------------------------------------------------------------

def _cause_text(text: str, structure) -> str:
    cause = getattr(structure, "cause", None) or ""
    if cause:
        return cause
    # No parsed cause: the head of the judgment names it (原告…与被告…隐私权纠纷一案).
    return text[:3000]


def health_applies(text: str, structure, policy) -> bool:
    """Is health status deleted in this case? Only where the policy's ``HEALTH.only_causes``
    matches the cause (family and personality-rights disputes, Art. 10(1),(4)); a policy that
    lists no ``only_causes`` applies HEALTH everywhere."""
    causes = policy.category_rule(Category.HEALTH.value).only_causes
    if not causes:
        return True
    cause = _cause_text(text, structure)
    if getattr(structure, "cause", None):
        return any(c in cause for c in causes)
    return any(f"{c}纠纷" in cause or f"{c}责任纠纷" in cause for c in causes)


def policy_category(text: str, finding: Finding, structure, policy) -> str:
    """The name of the policy's category rule that governs ``finding``.

    TRADE_SECRET from a deny list -> ``TRADE_SECRET_DENYLIST`` if the policy has it;
    HEALTH outside the policy's causes -> ``HEALTH_OUTSIDE_SCOPE`` (kept: its rule in
    rules/categories.yaml).
    Everything else: its own category.
    """
    cat = finding.category
    if cat == Category.TRADE_SECRET.value and finding.attrs.get("denylist"):
        if DENYLIST_RULE in (getattr(policy, "categories", None) or {}):
            return DENYLIST_RULE
    if cat == Category.HEALTH.value and not health_applies(text, structure, policy):
        return HEALTH_OFF_RULE
    return cat
