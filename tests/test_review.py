"""Reviewer decisions and review pages, without a browser (tests/test_review_browser.py drives
Chromium). Real files, the real LAC backend, the real `redact` command line in-process."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from docx import Document as DocxDocument
from typer.testing import CliRunner

from redactor.apply import apply_edits, edits_from_decisions
from redactor.audit import HmacKey, keyed_hash, verify_chain
from redactor.cli import app
from redactor.review_apply import apply_decisions, decision_records
from redactor.review_decisions import (DecisionSet, DecisionsError, ReviewDecision, add_decisions, default_review_dir,
                                       document_fingerprint, load_decisions, parse_decision)
from redactor.pipeline import RunConfig, analyze
from redactor.policy import load_policy
from redactor.formats import read_document
from tests.helpers.civil_judgment import ID, JUDGMENT, PHONE, REVIEW_POLICY

KEY = HmacKey(b"review-test-key", "test")
runner = CliRunner()


def _d(**kw) -> ReviewDecision:
    base = {"document": "civil/a.txt", "reviewer": "审核员甲", "time": "2024-05-06T10:00:00Z"}
    base.update(kw)
    return parse_decision(base)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    p = tmp_path_factory.mktemp("doc") / "a.txt"
    p.write_text(JUDGMENT, encoding="utf-8")
    doc = read_document(p)
    strict = RunConfig(policy=load_policy("strict"), hmac_key=KEY, ner="lac")
    return doc, strict, analyze(doc, strict)[2]


def _redacted(doc, outcome) -> str:
    return apply_edits(doc.text, edits_from_decisions(outcome.decisions))


# --- apply_decisions on a real outcome ---------------------------------------------------

def test_keep_a_name_keeps_every_mention_and_renumbers_the_others(analysed):
    doc, cfg, outcome = analysed
    before = _redacted(doc, outcome)
    assert "曹某1" in before and "曹某2" in before and "曹兰" not in before
    out, applied = apply_decisions(doc.text, outcome, [_d(action="keep", value="曹兰", category="PERSON")], KEY,
                                   cfg.policy)
    after = _redacted(doc, out)
    assert after.count("曹兰") == JUDGMENT.count("曹兰") == 6
    # The witness is now the only 曹: Art. 9 numbers only when two people collide.
    assert "曹某2" not in after and "曹某1" not in after and after.count("曹某") == 2
    assert ID not in after and PHONE not in after
    (a,) = applied
    assert a.effect == "kept" and len(a.spans) == 6 and a.category == "PERSON"
    # The audit record names the reviewer and time, with a keyed hash and never the value.
    (rec,) = decision_records(doc, "civil/a.txt", applied, KEY, "op")
    assert rec["type"] == "review_decision" and rec["reviewer"] == "审核员甲"
    assert rec["decided_at"] == "2024-05-06T10:00:00Z" and rec["mentions"] == 6
    assert rec["value_hmac"] == keyed_hash(KEY, "曹兰") and "曹兰" not in json.dumps(rec, ensure_ascii=False)


def test_mask_a_missed_term_masks_every_mention_even_across_a_line_break(analysed):
    doc, cfg, outcome = analysed
    assert "青霜7号" in _redacted(doc, outcome)
    d = _d(action="mask", value="青霜7号", category="TRADE_SECRET")
    out, applied = apply_decisions(doc.text, outcome, [d], KEY, cfg.policy)
    after = _redacted(doc, out)
    assert "青霜" not in after and after.count("“×××”") == 2
    assert applied[0].effect == "masked" and len(applied[0].spans) == 2
    masked = [x for x in out.decisions if x.rule == "review:mask"]
    assert {x.finding.category for x in masked} == {"TRADE_SECRET"}
    assert all(x.finding.source == "reviewer:审核员甲" for x in masked)
    assert edits_from_decisions(out.decisions)  # still non-overlapping: apply() accepts them


def test_mask_a_missed_name_gets_its_article_9_form(analysed):
    doc, cfg, outcome = analysed
    out, _ = apply_decisions(doc.text, outcome, [_d(action="mask", value="王芳", category="PERSON")], KEY,
                             cfg.policy)
    after = _redacted(doc, out)
    assert "王芳" not in after and "委托诉讼代理人：王某，" in after


def test_confirm_a_queued_item_masks_it_and_publishes(analysed, tmp_path):
    doc, _, _ = analysed
    pol = tmp_path / "p.yaml"
    pol.write_text(REVIEW_POLICY, encoding="utf-8")
    cfg = RunConfig(policy=load_policy(pol), hmac_key=KEY, ner="lac")
    outcome = analyze(doc, cfg)[2]
    assert outcome.verdict.status == "review"
    # Another decision alone does not release it: the phone is still undecided.
    out, _ = apply_decisions(doc.text, outcome, [_d(action="keep", value="曹兰")], KEY, cfg.policy)
    assert out.verdict.status == "review"
    out, applied = apply_decisions(doc.text, outcome, [_d(action="confirm", value=PHONE)], KEY, cfg.policy)
    assert out.verdict.status == "publish" and applied[0].effect == "confirmed"
    assert PHONE not in _redacted(doc, out)
    # Keeping it instead also decides it: published with the number in clear.
    out, _ = apply_decisions(doc.text, outcome, [_d(action="keep", value=PHONE)], KEY, cfg.policy)
    assert out.verdict.status == "publish" and PHONE in _redacted(doc, out)


def test_document_decisions_withhold_but_never_lift_a_policy_withholding(analysed):
    doc, cfg, outcome = analysed
    out, applied = apply_decisions(doc.text, outcome, [_d(action="withhold")], KEY, cfg.policy)
    assert out.verdict.status == "withhold" and "第四条" in out.verdict.article
    from redactor.decide import Outcome
    from redactor.document import DocumentVerdict

    held = Outcome(DocumentVerdict("withhold", "state secret marking", "第四条第（一）项"), outcome.decisions, {})
    out, applied = apply_decisions(doc.text, held, [_d(action="publish")], KEY, cfg.policy)
    assert out.verdict.status == "withhold" and applied[0].effect == "refused"


def test_span_decision_is_tied_to_the_document_version_and_last_decision_wins(analysed):
    doc, cfg, outcome = analysed
    first = doc.text.index("青霜")
    span_d = {"document": "civil/a.txt", "action": "mask", "scope": "span", "span": [first, first + 4],
              "value": "青霜7号", "category": "TRADE_SECRET", "document_sha256": doc.sha256,
              "reviewer": "r", "time": "t"}
    ds = DecisionSet([parse_decision(span_d)])
    out, _ = apply_decisions(doc.text, outcome, ds.for_document("civil/a.txt", doc.sha256), KEY, cfg.policy)
    assert _redacted(doc, out).count("青霜") == 1  # only that mention
    assert ds.for_document("civil/a.txt", "another-version") == []
    later = DecisionSet([_d(action="keep", value="曹兰", time="t1"), _d(action="confirm", value="曹兰", time="t2")])
    (only,) = later.for_document("civil/a.txt")
    assert only.action == "confirm"


def test_invalid_decisions_fail_with_messages_that_carry_no_value(tmp_path):
    f = tmp_path / "decisions.yaml"
    f.write_text(yaml.safe_dump({"version": 1, "decisions": [
        {"document": "a.txt", "action": "keep", "value": "曹兰", "reviewer": "r", "time": "t"},
        {"document": "a.txt", "action": "keep", "value": "秘密的名字", "time": "t"}]}, allow_unicode=True),
        encoding="utf-8")
    with pytest.raises(DecisionsError) as e:
        load_decisions(f)
    assert "#2" in str(e.value) and "reviewer" in str(e.value) and "秘密" not in str(e.value)
    with pytest.raises(DecisionsError):
        parse_decision({"document": "a", "action": "mask", "value": "x", "reviewer": "r", "time": "t"})  # no category
    with pytest.raises(DecisionsError):
        parse_decision({"document": "a", "action": "unmask", "value": "x", "reviewer": "r", "time": "t"})
    # A misspelt top-level key would apply no decision at all: refused, not read as an empty file.
    f.write_text(yaml.safe_dump({"version": 1, "decsions": [
        {"document": "a.txt", "action": "keep", "value": "曹兰", "reviewer": "r", "time": "t"}]}, allow_unicode=True),
        encoding="utf-8")
    with pytest.raises(DecisionsError, match="unknown key 'decsions'"):
        load_decisions(f)


def test_manifest_fingerprint_changes_only_with_this_documents_decisions(tmp_path):
    f = tmp_path / "d.yaml"
    assert add_decisions(f, [_d(action="keep", value="曹兰")]) == 1
    assert add_decisions(f, [_d(action="keep", value="曹兰")]) == 0  # exact repeat
    ds = load_decisions(f)
    assert document_fingerprint("fp", ds, "other.txt") == "fp" == document_fingerprint("fp", None, "civil/a.txt")
    fp1 = document_fingerprint("fp", ds, "civil/a.txt")
    add_decisions(f, [_d(action="confirm", value=PHONE)])
    assert fp1 != "fp" and document_fingerprint("fp", load_decisions(f), "civil/a.txt") != fp1
    assert "CONTAINS ORIGINAL VALUES" in f.read_text(encoding="utf-8")
    assert oct(f.stat().st_mode & 0o777) == "0o600"


# --- the command line: run, review, decide, run again --------------------------------------

def _tree(base: Path) -> set[str]:
    return {p.relative_to(base).as_posix() for p in base.rglob("*")}


def _run(inp: Path, out: Path, pol: Path, *extra: str):
    r = runner.invoke(app, ["run", str(inp), "--out", str(out), "--policy", str(pol), "--executor", "inline",
                            "--workers", "1", "--json", *extra], catch_exceptions=False)
    return r


@pytest.fixture()
def workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("REDACTOR_HMAC_KEY", "review-test-key")
    monkeypatch.setenv("REDACTOR_OPERATOR", "nightly")
    inp = tmp_path / "in"
    (inp / "civil").mkdir(parents=True)
    (inp / "civil" / "a.txt").write_text(JUDGMENT, encoding="utf-8")
    (inp / "b.txt").write_text(JUDGMENT.replace(PHONE, "").replace("的联系电话为", ""), encoding="utf-8")
    docx = DocxDocument()
    for line in JUDGMENT.replace(PHONE, "").replace("的联系电话为", "").split("\n"):
        docx.add_paragraph(line)
    docx.save(inp / "c.docx")
    pol = tmp_path / "review-phones.yaml"
    pol.write_text(REVIEW_POLICY, encoding="utf-8")
    out = tmp_path / "out"
    r = _run(inp, out, pol)
    assert r.exit_code == 0, r.output
    return inp, out, pol


def test_review_pages_go_beside_the_published_tree_never_into_it(workspace):
    inp, out, pol = workspace
    before = _tree(out)
    r = runner.invoke(app, ["review", str(out), "--input", str(inp), "--policy", str(pol)])
    assert r.exit_code == 0, r.output
    assert _tree(out) == before  # nothing added to OUT
    rdir = default_review_dir(out)
    assert rdir == out.parent / "out.review"
    pages = sorted((rdir / "pages").glob("*.html"))
    assert len(pages) == 3
    docx_page = next(p for p in pages if p.name.startswith("c.docx")).read_text(encoding="utf-8")
    assert 'data-cat="ID_CARD"' in docx_page and ID in docx_page
    assert '<html lang="zh-CN">' in docx_page and "身份证号" in docx_page and "下一个待审核" in docx_page
    index = (rdir / "index.html").read_text(encoding="utf-8")
    # The review queue first: civil/a.txt (phone queued) before b.txt (published).
    assert index.index("civil/a.txt") < index.index("b.txt") and "仅限审核人员" in index and "待审核" in index
    assert "有待审核的项目，审核后方可发布" in index  # the reason code's label before the run's detail
    page = next(p for p in pages if p.name.startswith("civil_a.txt")).read_text(encoding="utf-8")
    # Self-contained: nothing fetched from anywhere.
    for needle in ("http://", "https://", " src=", "<link", "@import", "url("):
        assert needle not in page
    assert "法释〔2016〕19号 第十条第一款第（一）项" in page and "ID_CARD" in page
    # Published files never contain review material or originals.
    for f in out.rglob("*"):
        if f.is_file() and f.suffix in (".txt", ".json", ".jsonl"):
            body = f.read_text(encoding="utf-8", errors="replace")
            assert "仅限审核人员" not in body and "REVIEWERS ONLY" not in body and ID not in body
    r = runner.invoke(app, ["review", str(out), "--input", str(inp), "--policy", str(pol),
                            "--review-dir", str(out / "review")])
    assert r.exit_code == 2 and not (out / "review").exists()


def test_decisions_file_changes_the_next_run_and_is_audited(workspace):
    inp, out, pol = workspace
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    status = {d["input"]: d["status"] for d in report["documents"]}
    assert status == {"civil/a.txt": "review", "b.txt": "published", "c.docx": "published"}
    assert not (out / "civil" / "a.txt").exists()
    # A reviewer edits the YAML by hand beside OUT (found there by default).
    dec = default_review_dir(out) / "decisions.yaml"
    dec.parent.mkdir()
    dec.write_text(f"""version: 1
decisions:
- {{document: civil/a.txt, action: confirm, value: '{PHONE}', category: PHONE, reviewer: 审核员甲, time: '2024-05-06T10:00:00Z'}}
- {{document: civil/a.txt, action: mask, value: 青霜7号, category: TRADE_SECRET, reviewer: 审核员甲, time: '2024-05-06T10:01:00Z'}}
- {{document: civil/a.txt, action: keep, value: 曹丽, category: PERSON, reviewer: 审核员甲, time: '2024-05-06T10:02:00Z'}}
""", encoding="utf-8")
    r = _run(inp, out, pol)  # no --force: the manifest must see the decisions changed
    assert r.exit_code == 0, r.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    entry = {d["input"]: d for d in report["documents"]}
    assert entry["civil/a.txt"]["status"] == "published" and not entry["civil/a.txt"].get("reused")
    assert entry["b.txt"].get("reused")  # untouched by the decisions
    published = (out / "civil" / "a.txt").read_text(encoding="utf-8")
    assert PHONE not in published and "青霜" not in published and "曹兰" not in published
    assert published.count("曹丽") == 2 and "曹某" in published
    recs = [json.loads(ln) for ln in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    mine = [x for x in recs if x["type"] == "review_decision"]
    assert {x["action"] for x in mine} == {"confirm", "mask", "keep"}
    assert all(x["reviewer"] == "审核员甲" and x["decided_at"].startswith("2024-05-06") for x in mine)
    assert {x["effect"] for x in mine} == {"confirmed", "masked", "kept"}
    spans = [x for x in recs if x["type"] == "span" and x["detector"].startswith("reviewer:")]
    assert len(spans) == 2 and {x["category"] for x in spans} == {"TRADE_SECRET"}
    blob = (out / "audit.jsonl").read_text(encoding="utf-8")
    assert PHONE not in blob and "青霜" not in blob and "曹丽" not in blob
    assert verify_chain(out / "audit.jsonl").ok
    assert report["decisions"]["decisions"] == 3
    # A third run with the same decisions redoes nothing.
    r = _run(inp, out, pol)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert all(d.get("reused") for d in report["documents"])
    # The report names the input roots, so `redact review OUT` finds the originals alone.
    r = runner.invoke(app, ["review", str(out), "--policy", str(pol)])
    assert r.exit_code == 0 and "3 of 3" in r.output, r.output


def test_page_export_imports_and_a_broken_file_stops_the_run(workspace, tmp_path):
    inp, out, pol = workspace
    exported = tmp_path / "decisions-a.json"
    exported.write_text(json.dumps({"version": 1, "decisions": [
        {"document": "civil/a.txt", "action": "confirm", "value": PHONE, "category": "PHONE", "scope": "all",
         "reviewer": "乙", "time": "2024-05-07T09:00:00Z"}]}, ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(app, ["review", str(out), "--input", str(inp), "--policy", str(pol), "--import", str(exported)])
    assert r.exit_code == 0 and "imported 1" in r.output
    assert len(load_decisions(default_review_dir(out) / "decisions.yaml").decisions) == 1
    page = next((default_review_dir(out) / "pages").glob("civil_a*")).read_text(encoding="utf-8")
    assert "所有待审核项都已决定" in page
    bad = tmp_path / "bad.yaml"
    bad.write_text("decisions: [{document: civil/a.txt, action: keep, value: 曹兰}]", encoding="utf-8")
    r = _run(inp, out, pol, "--decisions", str(bad))
    assert r.exit_code == 2 and "decision #1" in r.output and "reviewer" in r.output and "曹兰" not in r.output


def test_serve_writes_decisions_and_refuses_other_origins(workspace):
    from redactor.review import ReviewSite, make_server

    inp, out, pol = workspace
    site = ReviewSite.open(out, inputs=[inp], policy=str(pol))
    site.build_all()
    server = make_server(site, "127.0.0.1", 0, reviewer="丙")
    port = server.server_address[1]
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        body = json.dumps({"decisions": [{"document": "civil/a.txt", "action": "keep", "value": "曹兰",
                                          "category": "PERSON", "time": "2024-05-08T08:00:00Z"}]})

        def post(headers):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("POST", "/api/decisions", body=body.encode(), headers=headers)
            resp = c.getresponse()
            return resp.status, json.loads(resp.read() or b"{}")

        js = {"Content-Type": "application/json"}
        assert post({**js, "Origin": "http://evil.example"})[0] == 403
        assert post({**js, "Host": "evil.example"})[0] == 403
        assert post({"Content-Type": "text/plain"})[0] == 415
        status, reply = post(js)
        assert status == 200 and reply["saved"] == 1
        (d,) = load_decisions(site.decisions_path).decisions
        assert d.reviewer == "丙" and d.action == "keep"  # the server's reviewer fills in a missing name
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("GET", "/index.html")
        assert c.getresponse().status == 200
    finally:
        server.shutdown()
        server.server_close()


def test_diff_command_writes_a_side_by_side_page(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("原告：曹兰，女。\n电话13812345678。", encoding="utf-8")
    b.write_text("原告：曹某，女。\n电话×××。", encoding="utf-8")
    r = runner.invoke(app, ["diff", str(a), str(b), "-o", str(tmp_path / "d.html")])
    assert r.exit_code == 0
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert page.count('class="sp k-mask first"') == 2 and ">某</mark>" in page and ">×××</mark>" in page


# --- one Art. 9 numbering ----------------------------------------------------------------

LECARD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "judgments-dev" / "lecard_full_dev.jsonl.gz"


@pytest.mark.skipif(not LECARD.exists(), reason="../shared/data/judgments-dev not available")
def test_renumbering_after_decisions_numbers_people_as_person_resolution_did(tmp_path):
    """A reviewer's decision renumbers the names still anonymized with the numbering persons.py
    used (anonymize.number_people, each mention's person and first appearance): with nothing
    changed, no form changes, also in real judgments full of 王某1/王某2."""
    import gzip

    from redactor.review_apply import _renumber_names

    cfg = RunConfig(policy=load_policy("strict"), hmac_key=KEY, ner="judgment")
    numbered = 0
    with gzip.open(LECARD, "rt", encoding="utf-8") as fh:
        for i, line in zip(range(12), fh):
            p = tmp_path / f"real_{i}.txt"
            p.write_text(json.loads(line)["text"], encoding="utf-8")
            doc = read_document(p)
            outcome = analyze(doc, cfg)[2]
            ds = list(outcome.decisions)
            _renumber_names(doc.text, ds, outcome)
            assert [d.replacement for d in ds] == [d.replacement for d in outcome.decisions], p.name
            numbered += any(d.replacement.endswith("2") for d in ds if d.finding.category == "PERSON")
    assert numbered >= 3  # the documents do number people who share a form
