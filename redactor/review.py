"""Reviewer pages: what was masked and why, side by side, and the decisions that correct it.

These pages show ORIGINAL values: they are for reviewers only and are written to a review
folder beside OUT (``OUT.review/`` by default), never into the published tree. Each page
is self-contained (inline CSS and JS, no network) and works from a file or any static
server; ``redact serve`` adds a local API so a decision is saved straight to the decisions
file.

    OUT.review/index.html          documents by status, the review queue first
    OUT.review/pages/<doc>.html    one page per document
    OUT.review/decisions.yaml      the reviewers' decisions (see redactor/review_decisions.py)

Its length (over 500 lines): the site (which documents, their plans), the page builder and
the small local server share the page model and its escaping rules; split apart, a change
to what a page shows would have to be made in two places. The CSS, JS and messages are
already data (``review_assets/``).
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import os
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from redactor.categories import catalogue
from redactor.document import Action, Decision, Finding

STATUS_ORDER = {"review": 0, "failed": 1, "withheld": 2, "published": 3}
# From rules/categories.yaml: the kept spans the page shows so a reviewer can mask one the
# policy kept (kept_shown), and the categories of the mask menu, in the file's order
# (reviewer_mask).
KEPT_SHOWN = catalogue().with_flag("kept_shown")
MASK_CATEGORIES = catalogue().in_order_with("reviewer_mask")


def _asset(name: str) -> str:
    return resources.files("redactor").joinpath("review_assets", name).read_text(encoding="utf-8")


LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"  # the court's reviewers read Chinese; --lang en for others


def messages(lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The page's words in ``lang`` (review_assets/messages.json): labels of categories (those
    of rules/categories.yaml, then the page's own codes), states, actions, roles and statuses,
    the page's texts and the script's messages."""
    if lang not in LANGUAGES:
        raise ReviewError(f"unknown language {lang!r} (one of: {', '.join(LANGUAGES)})")
    return _all_messages()[lang]


_MESSAGES: dict[str, Any] = {}


def _all_messages() -> dict[str, Any]:
    if not _MESSAGES:
        loaded = json.loads(_asset("messages.json"))
        for lang, m in loaded.items():
            m["categories"] = {**catalogue().labels(lang), **m.get("categories", {})}
        _MESSAGES.update(loaded)
    return _MESSAGES


def label(m: dict[str, Any], table: str, code: str | None) -> str:
    """A code's label (PERSON -> 人名); the code itself where the language has none (English)."""
    if not code:
        return ""
    return m[table].get(code) or code


def _json_for_script(data: Any) -> str:
    """JSON safe inside <script>: no closing tag, no HTML comment opener."""
    s = json.dumps(data, ensure_ascii=False)
    return s.replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def page_name(rel: str) -> str:
    """A file name for a document's page: readable, unique, no folders."""
    stem = re.sub(r"[^\w.\-]+", "_", rel).strip("._")[:80] or "document"
    return f"{stem}-{hashlib.sha256(rel.encode('utf-8')).hexdigest()[:8]}.html"


# --- the spans a page shows ----------------------------------------------------------

@dataclass
class SpanView:
    i: int
    start: int
    end: int
    category: str
    kind: str  # mask | confirmed | review | reviewer-mask | reviewer-keep | kept
    action: str
    rule: str
    article: str
    score: float
    detector: str
    role: str | None
    replacement: str
    value: str
    mentions: int = 1
    decided: dict[str, str] | None = None

    @property
    def masks(self) -> bool:
        return self.kind in ("mask", "confirmed", "reviewer-mask")


def _kind(d: Decision) -> str:
    if d.rule == "review:keep":
        return "reviewer-keep"
    if d.rule in ("review:mask", "review:replacement") and d.finding.source.startswith("reviewer:"):
        return "reviewer-mask"
    if d.rule in ("review:confirm", "review:replacement"):
        return "confirmed"
    if d.action == Action.REVIEW:
        return "review"
    if d.masks:
        return "mask"
    return "kept"


def build_spans(text: str, findings: list[Finding], decisions: list[Decision], person_roles: dict[str, str],
                policy=None, applied: list | None = None) -> list[SpanView]:
    """Every decision of the outcome, plus the kept findings that do not overlap one."""
    views: list[SpanView] = []
    taken: list[tuple[int, int]] = []
    for d in decisions:
        f = d.finding
        views.append(SpanView(0, f.start, f.end, f.category, _kind(d), d.action.value, d.rule, d.article,
                              round(float(f.score), 3), f.source, d.role, d.replacement, text[f.start:f.end]))
        taken.append((f.start, f.end))
    # Kept findings: longest first, one per place, so nested NER/rule spans do not pile up.
    seen: set[tuple[int, int]] = set()
    for f in sorted(findings, key=lambda f: (-(f.end - f.start), f.start)):
        if f.category not in KEPT_SHOWN or (f.start, f.end) in seen or f.end <= f.start:
            continue
        if "\n" in text[f.start:f.end]:
            continue  # a model span across lines is noise, not a kept value
        if any(a < f.end and f.start < b for a, b in taken):
            continue
        seen.add((f.start, f.end))
        taken.append((f.start, f.end))
        role, rule, article = None, "policy:keep", ""
        if f.category == "PERSON":
            role = person_roles.get(re.sub(r"\s+", "", f.value))
            rule = f"person:{role or 'unknown'}:keep"
            if policy is not None and role:
                article = policy.role_rule(role).article
        elif policy is not None:
            cr = policy.category_rule(f.category)
            article = cr.article
            rule = f"category:{f.category}:keep"
        views.append(SpanView(0, f.start, f.end, f.category, "kept", "keep", rule, article, round(float(f.score), 3),
                              f.source, role, text[f.start:f.end], text[f.start:f.end]))
    views.sort(key=lambda v: (v.start, v.end))
    counts = Counter(re.sub(r"\s+", "", v.value) for v in views)
    decided_by_span: dict[tuple[int, int], dict[str, str]] = {}
    for a in applied or []:
        for s in a.spans:
            decided_by_span[s] = {"action": a.decision.action, "reviewer": a.decision.reviewer,
                                  "time": a.decision.time}
    for i, v in enumerate(views):
        v.i = i
        v.mentions = counts[re.sub(r"\s+", "", v.value)]
        v.decided = decided_by_span.get((v.start, v.end))
    return views


# --- the document page ---------------------------------------------------------------

def _tip(v: SpanView, m: dict[str, Any]) -> str:
    t = m["ui"]
    parts = [label(m, "categories", v.category), label(m, "kinds", v.kind), v.rule, v.article,
             f"{t['score']} {v.score}", v.detector]
    if v.role:
        parts.insert(1, f"{t['role']} {label(m, 'roles', v.role)}")
    return " · ".join(p for p in parts if p)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _render_row(text: str, ps: int, pe: int, views: list[SpanView], m: dict[str, Any]) -> tuple[str, str, bool]:
    left, right = [], []
    pos = ps
    changed = False
    for v in views:
        if v.end <= ps or v.start >= pe:
            continue
        a, b = max(v.start, ps), min(v.end, pe)
        if a > pos:
            piece = html.escape(text[pos:a])
            left.append(piece)
            right.append(piece)
        first = v.start >= ps
        cls = f"sp k-{v.kind}" + (" first" if first else " cont")
        tip = html.escape(_tip(v, m))
        attrs = f'data-i="{v.i}" data-cat="{html.escape(v.category)}" title="{tip}"'
        left.append(f'<mark class="{cls}" {attrs}>{html.escape(text[a:b])}</mark>')
        if v.masks:
            changed = True
            if first:
                # A deletion leaves nothing to click: a small marker in the page's language.
                empty = f' empty" data-deleted="{html.escape(m["ui"]["deleted_mark"])}' if v.replacement == "" else ""
                right.append(f'<mark class="rp k-{v.kind}{empty}" data-i="{v.i}" data-cat="{html.escape(v.category)}" '
                             f'title="{tip}">{html.escape(v.replacement)}</mark>')
        else:
            right.append(f'<mark class="rp k-{v.kind}" data-i="{v.i}" data-cat="{html.escape(v.category)}" '
                         f'title="{tip}">{html.escape(text[a:b])}</mark>')
        pos = b
    if pos < pe:
        piece = html.escape(text[pos:pe])
        left.append(piece)
        right.append(piece)
    return "".join(left), "".join(right), changed


def document_page(text: str, views: list[SpanView], meta: dict[str, Any]) -> str:
    """One self-contained page: original | redacted, aligned by paragraph, in ``meta["lang"]``
    (Chinese by default). Categories show in the side panel, never as tags in the text."""
    m = messages(meta.get("lang", DEFAULT_LANGUAGE))
    t = m["ui"]
    rows = []
    for n, (ps, pe) in enumerate(_paragraphs(text), 1):
        la, lb, changed = _render_row(text, ps, pe, views, m)
        if not la.strip() and not lb.strip():
            continue
        cls = ' class="changed"' if changed else ""
        rows.append(f'<tr id="para-{n}"{cls}><td class="ln">{n}</td><td class="orig" data-start="{ps}">{la}</td>'
                    f'<td class="red">{lb}</td></tr>')
    by_cat = Counter(v.category for v in views)
    masked_cat = Counter(v.category for v in views if v.masks)
    esc = html.escape
    filters = "".join(
        f'<label><input type="checkbox" class="cat-filter" data-cat="{esc(c)}" checked> '
        f'{esc(label(m, "categories", c))} <span class="n">{masked_cat.get(c, 0)}/{n}</span></label>'
        for c, n in sorted(by_cat.items()))
    options = "".join(f'<option value="{c}">{esc(label(m, "categories", c))}</option>' for c in MASK_CATEGORIES)
    data = {
        "document": meta["document"], "sha256": meta.get("sha256", ""), "page": meta.get("page", "document"),
        "status": meta.get("status", ""), "spans": [asdict(v) for v in views],
        "i18n": {k: m[k] for k in ("js", "categories", "kinds", "actions", "roles")},
    }
    status = esc(meta.get("status", ""))
    status_label = esc(label(m, "statuses", meta.get("status", "")))
    title = esc(meta.get("title") or meta["document"])
    notices = "".join(f'<p class="notice">{esc(n)}</p>' for n in meta.get("notices", []))
    counts = "，".join(f"{esc(label(m, 'categories', k))} {v}" for k, v in sorted(masked_cat.items())) \
        or esc(t["nothing_masked"])
    pending_review = sum(1 for v in views if v.kind == "review")
    index_link = meta.get("index_href")
    back = f'<a href="{esc(index_link)}">{esc(t["all_documents"])}</a>' if index_link else ""
    preview = esc(t["preview"]) if status == "review" else ""
    fields = ("value", "category", "state", "action", "role", "rule", "article", "replacement", "mentions",
              "decided", "score", "detector")
    ids = {"state": "kind"}
    detail = "".join(f'<dt>{esc(t[f])}</dt><dd id="d-{ids.get(f, f)}"></dd>' for f in fields)
    document_buttons = "" if status in ("diff", "failed") else f"""
  <h2>{esc(t["document"])}</h2>
  <div class="buttons doc-buttons">
    <button id="b-publish" title="{esc(t["publish_title"])}">{esc(t["publish"])}</button>
    <button id="b-withhold" title="{esc(t["withhold_title"])}">{esc(t["withhold"])}</button>
  </div>"""
    return f"""<!doctype html>
<html lang="{m["html_lang"]}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:">
<meta name="robots" content="noindex">
<title>{title} — {esc(t["review_title"])}</title>
<style>{_asset("review.css")}</style></head>
<body data-status="{status}">
<header class="bar">
  {back}
  <h1>{title}</h1>
  <span class="status {status}" id="status" data-status="{status}">{status_label}</span>
  <span class="warn">{esc(t["reviewers_only"])}</span>
  <span id="counts">{counts}</span>
  <span id="to-review">{pending_review} {esc(t["to_review"])}</span>
  <span class="filters" id="filters">{filters}
    <label><input type="checkbox" id="show-kept" checked> {esc(t["kept_spans"])}</label></span>
</header>
{notices}
<div class="layout">
<main>
<table class="sbs" id="sbs"><colgroup><col style="width:3em"><col><col></colgroup>
<tr><th></th><th>{esc(t["original"])}</th><th>{esc(t["redacted"])}{preview}</th></tr>
{"".join(rows)}
</table>
</main>
<aside class="panel" id="panel">
  <div class="buttons nav">
    <button id="b-undecided" class="primary" title="n">{esc(t["next_undecided"])} <kbd>n</kbd></button>
    <button id="b-prev" title="k">{esc(t["prev"])}</button><button id="b-next" title="j">{esc(t["next"])}</button>
  </div>
  <h2>{esc(t["span"])} <span id="pos"></span></h2>
  <dl class="detail">{detail}</dl>
  <div class="buttons">
    <button id="b-keep" title="{esc(t["keep_title"])} (u)">{esc(t["keep"])} <kbd>u</kbd></button>
    <button id="b-confirm" title="{esc(t["confirm_title"])} (c)">{esc(t["confirm"])} <kbd>c</kbd></button>
    <button id="b-mask" title="{esc(t["mask_title"])} (m)">{esc(t["mask"])} <kbd>m</kbd></button>
    <select id="mask-category" title="{esc(t["mask_category"])}">{options}</select>
  </div>{document_buttons}
  <p class="reviewer-row"><label>{esc(t["reviewer"])} <input id="reviewer" size="14" autocomplete="name"
     placeholder="{esc(t["reviewer_placeholder"])}"></label></p>
  <h2>{esc(t["decisions_in_page"])} (<span id="pending-count">0</span>)</h2>
  <ul class="decisions" id="pending"></ul>
  <div class="tools">
    <button id="export" class="primary" title="{esc(t["export_title"])} (e)">{esc(t["export"])} <kbd>e</kbd></button>
    <button id="save" class="primary" style="display:none" title="{esc(t["save_title"])}">{esc(t["save"])}</button>
  </div>
  <p id="msg"></p>
  <textarea id="export-json" readonly></textarea>
  <p class="keys">{t["keys"]}</p>
</aside>
</div>
<script type="application/json" id="review-data">{_json_for_script(data)}</script>
<script>{_asset("review.js")}</script>
</body></html>
"""


# --- the index page ------------------------------------------------------------------

def _reason(m: dict[str, Any], row: dict[str, Any]) -> str:
    """A document's reason in the page's language: the reason code's label, then the detail
    the run recorded (policy and reader details are not translated)."""
    detail = row.get("reason") or ""
    code_label = m["reasons"].get(row.get("reason_code") or "")
    if not code_label:
        return detail
    return f"{code_label}（{detail}）" if detail else code_label


def index_page(report: dict[str, Any], rows: list[dict[str, Any]], notices: list[str] | None = None,
               lang: str = DEFAULT_LANGUAGE) -> str:
    """Documents of a run by status (the review queue first), counts per category."""
    m = messages(lang)
    t = m["ui"]
    esc = html.escape
    rows = sorted(rows, key=lambda r: (STATUS_ORDER.get(r["status"], 9), r["document"]))
    body = []
    for r in rows:
        link = (f'<a href="{esc(r["page"])}">{esc(r["document"])}</a>' if r.get("page")
                else esc(r["document"]))
        cats = "".join(f"<span>{esc(label(m, 'categories', k))} {v}</span>"
                       for k, v in sorted((r.get("counts") or {}).items()))
        body.append(
            f'<tr class="doc" data-status="{esc(r["status"])}"><td>{link}</td>'
            f'<td><span class="status {esc(r["status"])}">{esc(label(m, "statuses", r["status"]))}</span></td>'
            f'<td>{esc(_reason(m, r))}</td><td>{r.get("review_items", 0)}</td>'
            f'<td class="cats">{cats}</td><td>{r.get("decisions", 0)}</td>'
            f'<td>{esc(r.get("note") or "")}</td></tr>')
    totals = report.get("totals", {})
    tot = "".join(f"<span>{esc(label(m, 'statuses', k))}: {v}</span>" for k, v in totals.items() if k != "reused")
    pol = report.get("policy", {})
    notes = "".join(f'<p class="notice">{esc(n)}</p>' for n in notices or [])
    run = esc(str(report.get("run_id", ""))[:8])
    return f"""<!doctype html>
<html lang="{m["html_lang"]}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="robots" content="noindex">
<title>{esc(t["run_title"])} {run}</title>
<style>{_asset("review.css")}</style></head><body>
<header class="bar"><h1>{esc(t["run_title"])} {run}</h1>
<span class="warn">{esc(t["reviewers_only_index"])}</span>
<span>{esc(t["policy"])} {esc(str(pol.get("profile", "")))} {esc(str(pol.get("version", "")))}</span>
<span class="totals">{tot}</span></header>
{notes}
<table class="index" id="documents"><tr><th>{esc(t["index_document"])}</th><th>{esc(t["index_status"])}</th>
<th>{esc(t["index_reason"])}</th><th>{esc(t["index_to_review"])}</th>
<th>{esc(t["index_masked"])}</th><th>{esc(t["index_decisions"])}</th><th></th></tr>
{"".join(body)}
</table></body></html>
"""


# --- redact diff: two files, no run ------------------------------------------------------

def diff_views(original: str, redacted: str) -> list[SpanView]:
    """Spans where two texts differ (for ``redact diff``, which has no run to explain them)."""
    sm = difflib.SequenceMatcher(None, original, redacted, autojunk=False)
    views = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        views.append(SpanView(len(views), i1, i2, "CHANGED", "mask", op, "diff", "", 1.0, "diff", None,
                              redacted[j1:j2], original[i1:i2]))
    return views


def diff_page(original: str, redacted: str, title: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Side-by-side page of two texts of the same document, changes highlighted.

    Inserted text (nothing removed on the left) is attached to a zero-width span so it
    still shows on the right."""
    views = [v for v in diff_views(original, redacted)]
    fixed = []
    for v in views:
        if v.start == v.end:  # pure insertion: show it attached to the previous character
            if v.start > 0:
                v.start -= 1
                v.replacement = original[v.start] + v.replacement
                v.value = original[v.start:v.end]
            else:
                continue
        fixed.append(v)
    # Merged neighbours must not overlap.
    out: list[SpanView] = []
    for v in fixed:
        if out and v.start < out[-1].end:
            prev = out[-1]
            prev.replacement += v.replacement[max(0, prev.end - v.start):]
            prev.end = max(prev.end, v.end)
            prev.value = original[prev.start:prev.end]
        else:
            out.append(v)
    for i, v in enumerate(out):
        v.i = i
    return document_page(original, out, {"document": title, "title": title, "status": "diff", "page": "diff",
                                         "lang": lang})


# --- a whole run: OUT/report.json -> OUT.review/ ---------------------------------------

class ReviewError(RuntimeError):
    """The review folder cannot be built (messages carry paths and counts, never values)."""


@dataclass
class ReviewSite:
    """Builds (and rebuilds, for ``redact serve``) the review folder of one run.

    The original text and the spans come from re-reading each input and re-running detect
    and decide (deterministic for the same policy, model and tool version), then applying
    the decisions already in the file, so a page shows what the next run will publish.
    """

    out: Path
    review_dir: Path
    inputs: list[Path]
    config: Any  # pipeline.RunConfig
    decisions_path: Path
    report: dict[str, Any] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    lang: str = DEFAULT_LANGUAGE  # of the pages: zh (default) or en
    rows: list[dict[str, Any]] = field(default_factory=list)  # the index, kept for `serve` to update

    @classmethod
    def open(cls, out: Path, review_dir: Path | None = None, inputs: list[Path] | None = None,
             policy: str | None = None, ner: str | None = None, hmac_key_file: Path | None = None,
             decisions_path: Path | None = None, lang: str = DEFAULT_LANGUAGE) -> "ReviewSite":
        from redactor.audit import load_hmac_key
        from redactor.review_decisions import DECISIONS_FILE, default_review_dir
        from redactor.pipeline import RunConfig
        from redactor.policy import load_policy

        out = Path(out).resolve()
        report_file = out / "report.json"
        if not report_file.is_file():
            raise ReviewError(f"no report.json in {out}: run `redact run ... --out {out}` first")
        report = json.loads(report_file.read_text(encoding="utf-8"))
        review_dir = Path(review_dir).resolve() if review_dir else default_review_dir(out)
        if review_dir == out or out in review_dir.parents:
            raise ReviewError("the review folder must be outside the published tree (it shows original values)")
        roots = [Path(p) for p in (inputs or [])] or [Path(p) for p in report.get("inputs", [])]
        pol_ref = policy or report.get("policy_source") or report.get("policy", {}).get("profile", "strict")
        try:
            pol = load_policy(pol_ref)
        except (FileNotFoundError, ValueError, KeyError) as exc:
            raise ReviewError(f"cannot load policy {pol_ref!r} ({type(exc).__name__}): pass --policy") from exc
        t = messages(lang)["ui"]
        notices = []
        if pol.fingerprint != report.get("policy", {}).get("fingerprint", pol.fingerprint):
            notices.append(f"{t['notice_policy_differs']} ({pol_ref})")
        run_ner = report.get("ner", "lac") if ner is None else (None if ner == "none" else ner)
        config = RunConfig(policy=pol, hmac_key=load_hmac_key(hmac_key_file), ner=run_ner)
        dec = Path(decisions_path) if decisions_path else review_dir / DECISIONS_FILE
        return cls(out, review_dir, roots, config, dec, report, notices, lang=lang)

    def documents(self) -> list[dict[str, Any]]:
        return list(self.report.get("documents", []))

    def find_input(self, rel: str) -> Path | None:
        for root in self.inputs:
            root = Path(root)
            if root.is_file():
                if root.name == rel:
                    return root
                continue
            for cand in (root / rel, root.parent / rel):
                if cand.is_file():
                    return cand
        return None

    def load_decisions(self):
        from redactor.review_decisions import load_decisions

        return load_decisions(self.decisions_path if self.decisions_path.is_file() else None)

    def build_document(self, entry: dict[str, Any], decision_set=None) -> tuple[str | None, str]:
        """Write one document's page; returns (page file name or None, note for the index)."""
        from redactor.errors import RedactorError
        from redactor.pipeline import load_hints, plan_document
        from redactor.formats import read_document

        rel = entry["input"]
        path = self.find_input(rel)
        if path is None:
            return None, "input not found: pass --input with the run's input folder"
        try:
            doc = read_document(path)
            doc.release()  # the page needs the text only, not the parsed source
            doc.hints = load_hints(path)
        except RedactorError as exc:
            return None, f"cannot read: {exc.reason}"
        decision_set = decision_set if decision_set is not None else self.load_decisions()
        plan = plan_document(doc, self.config, rel, decisions=decision_set)
        findings, outcome, applied = plan.findings, plan.outcome, plan.applied
        views = build_spans(doc.text, findings, outcome.decisions, outcome.person_roles, self.config.policy, applied)
        notices = list(self.notices)
        t = messages(self.lang)["ui"]
        if entry.get("sha256") and entry["sha256"] != doc.sha256:
            notices.append(t["notice_input_changed"])
        if entry.get("status") == "review" and outcome.verdict.status == "publish":
            notices.append(t["notice_all_decided"])
        if entry.get("status") in ("withheld",) and entry.get("reason"):
            notices.append(f"{t['notice_withheld']}{entry['reason']} ({entry.get('article', '')})")
        name = page_name(rel)
        page = document_page(doc.text, views, {
            "document": rel, "sha256": doc.sha256, "status": entry.get("status", ""), "page": name[:-5],
            "title": rel, "notices": notices, "index_href": "../index.html", "lang": self.lang})
        dest = self.review_dir / "pages" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        _write_private(dest, page)
        return name, ""

    def build_index(self, rows: list[dict[str, Any]]) -> Path:
        dest = self.review_dir / "index.html"
        _write_private(dest, index_page(self.report, rows, self.notices, self.lang))
        return dest

    def build_all(self) -> dict[str, Any]:
        """Every page and the index; returns counts for the command line."""
        self.review_dir.mkdir(parents=True, exist_ok=True)
        _chmod(self.review_dir, 0o700)
        decision_set = self.load_decisions()
        per_doc = Counter(d.document for d in decision_set.decisions)
        rows, built, missing = [], 0, 0
        for entry in self.documents():
            page, note = (None, "") if entry.get("status") == "failed" else self.build_document(entry, decision_set)
            built += page is not None
            missing += page is None and entry.get("status") != "failed"
            rows.append({"document": entry["input"], "status": entry.get("status", ""), "reason": entry.get("reason", ""),
                         "reason_code": entry.get("reason_code", ""),
                         "counts": entry.get("counts", {}), "review_items": len(entry.get("review_items") or []),
                         "decisions": per_doc.get(entry["input"], 0),
                         "page": f"pages/{page}" if page else None, "note": note})
        self.rows = rows
        index = self.build_index(rows)
        return {"index": str(index), "pages": built, "missing": missing, "documents": len(rows)}


def _chmod(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError:
        pass


def _write_private(dest: Path, text: str) -> None:
    """Pages show original values: readable by their owner only from the first byte, written atomically."""
    from redactor.private_files import write_private_text

    write_private_text(dest, text)


# --- redact serve: the same folder plus a local API ---------------------------------------

def make_server(site: ReviewSite, host: str = "127.0.0.1", port: int = 8765, reviewer: str = ""):
    """A small stdlib HTTP server over the review folder.

    GET serves the pages; GET /api/info says who the default reviewer is; POST
    /api/decisions appends decisions to the decisions file and rebuilds that document's
    page. Requests from other sites are refused (Host and Origin must be this server, the
    body must be JSON), so a web page elsewhere cannot write decisions."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from redactor.review_decisions import DecisionsError, add_decisions, parse_decision

    lock = threading.Lock()

    class Handler(SimpleHTTPRequestHandler):
        server_version = "redactor-review"

        def log_message(self, fmt, *args):  # request lines carry page names only; keep quiet
            pass

        def _allowed_host(self) -> bool:
            bound = self.server.server_address[1]
            hosts = {f"127.0.0.1:{bound}", f"localhost:{bound}", f"[::1]:{bound}", f"{host}:{bound}"}
            return self.headers.get("Host", "") in hosts

        def _json(self, code: int, body: dict) -> None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            super().end_headers()

        def do_GET(self):
            if not self._allowed_host():
                return self._json(403, {"error": "unexpected Host header"})
            if self.path.split("?")[0] == "/api/info":
                return self._json(200, {"reviewer": reviewer, "decisions_file": site.decisions_path.name})
            if self.path.split("?")[0] == "/decisions.yaml":
                return self._json(403, {"error": "the decisions file is not served"})
            return super().do_GET()

        def do_POST(self):
            if not self._allowed_host():
                return self._json(403, {"error": "unexpected Host header"})
            origin = self.headers.get("Origin")
            if origin and origin.split("://", 1)[-1] != self.headers.get("Host"):
                return self._json(403, {"error": "cross-origin request refused"})
            if self.path != "/api/decisions":
                return self._json(404, {"error": "not found"})
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                return self._json(415, {"error": "send JSON"})
            try:
                length = int(self.headers.get("Content-Length", "0"))
                if length <= 0 or length > 2_000_000:
                    return self._json(413, {"error": "body too large or empty"})
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                raw = body.get("decisions") if isinstance(body, dict) else None
                if not isinstance(raw, list) or not raw:
                    return self._json(400, {"error": "no decisions"})
                docs = {e["input"]: e for e in site.documents()}
                parsed = []
                for n, r in enumerate(raw, 1):
                    if isinstance(r, dict) and not r.get("reviewer") and reviewer:
                        r = dict(r, reviewer=reviewer)
                    d = parse_decision(r, f"decision #{n}")
                    if d.document not in docs:
                        return self._json(400, {"error": f"decision #{n}: unknown document"})
                    parsed.append(d)
            except (ValueError, UnicodeDecodeError, DecisionsError) as exc:
                return self._json(400, {"error": str(exc) if isinstance(exc, DecisionsError) else "invalid JSON"})
            with lock:
                saved = add_decisions(site.decisions_path, parsed)
                for rel in {d.document for d in parsed}:
                    site.build_document(docs[rel])
                    for row in site.rows:
                        if row["document"] == rel:
                            row["decisions"] += sum(1 for d in parsed if d.document == rel)
                if site.rows:
                    site.build_index(site.rows)
            return self._json(200, {"saved": saved})

    handler = functools.partial(Handler, directory=str(site.review_dir))
    return ThreadingHTTPServer((host, port), handler)
