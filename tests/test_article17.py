"""Art. 17 of 法发〔2018〕20号 beyond personal data, on real rule files and real DOCX/PDF/TXT files:
state-secret markings (withheld), adjudicative secrets (removed), technical investigation (×),
trade secrets (a clerk's deny list masked; detected passages sent to review), health (per policy).
Over-redaction is a defect too: every category has negatives that must stay untouched."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
import yaml
from docx import Document as DocxDocument
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

import redactor.decide
import redactor.pipeline
from redactor import article17
from redactor.apply import apply_edits, edits_from_decisions
from redactor.audit import HmacKey
from redactor.denylist import DenylistError, denylist_findings, denylist_fingerprint, denylist_paths, load_denylist, parse_denylist
from redactor.document import Action, Decision
from redactor.pipeline import RunConfig, redact_document
from redactor.policy import load_policy
from redactor.formats import read_document
from redactor.structure import JudgmentStructure
from redactor.formats import format_for

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpus_samples" / "article17"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))["samples"]


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def cfg():
    return RunConfig(policy=load_policy("spc2016"), hmac_key=HmacKey(b"test", "test"), ner=None)


# What each recognizer finds on its own is in tests/recognizers/ (test_state_secret.py,
# test_adjudicative_secret.py, test_tech_investigation.py, test_trade_secret.py, test_health.py);
# here: what the pipeline does with it on real files.

# --- 1. State-secret markings --------------------------------------------------------------


def _docx(path: Path, paragraphs, header: str | None = None, **props) -> Path:
    d = DocxDocument()
    for para in paragraphs:
        p = d.add_paragraph()
        for piece in para if isinstance(para, list) else [para]:
            p.add_run(piece)
    if header:
        d.sections[0].header.paragraphs[0].text = header
    for k, v in props.items():
        setattr(d.core_properties, k, v)
    d.save(path)
    return path


def _pdf(path: Path, lines, **info) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = Canvas(str(path), pagesize=A4, invariant=1)
    for k, v in info.items():
        getattr(c, f"set{k}")(v)
    c.setFont("STSong-Light", 11)
    y = A4[1] - 60
    for line in lines:
        c.drawString(50, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path


CIVIL = [
    "北京市朝阳区人民法院",
    "民事判决书",
    "（2023）京0105民初4321号",
    "原告：北京远帆科技有限公司，住所地北京市朝阳区。",
    "被告：北京恒通物流有限公司，住所地北京市通州区。",
    "原告北京远帆科技有限公司与被告北京恒通物流有限公司运输合同纠纷一案，本院公开开庭进行了审理。",
    "判决如下：被告北京恒通物流有限公司于本判决生效之日起十日内支付原告运费人民币30000元。",
    "审 判 长　欧阳明",
    "书 记 员　方圆",
]


def test_marking_in_docx_header_withholds_with_value_free_reason(tmp_path, cfg):
    src = _docx(tmp_path / "a.docx", CIVIL, header="绝密★长期")
    res = redact_document(src, "a.docx", tmp_path / "out", cfg)
    assert res.status == "withheld" and "第四条第（一）项" in res.article
    assert not (tmp_path / "out" / "a.docx").exists()
    doc = read_document(src)
    findings = [f for f in article17.metadata_findings(doc)]
    from redactor.detect import build_analyzer, detect
    findings += detect(doc, build_analyzer(None))
    reason = article17.state_secret_reason(findings, doc)
    assert reason == "state-secret marking found: classification_mark 绝密 (header)"
    blob = json.dumps([res.report_entry(), res.audit], ensure_ascii=False) + reason
    assert "★" not in blob and "长期" not in blob


def test_statement_in_body_withholds_and_denial_publishes(tmp_path, cfg):
    lines = CIVIL[:6] + ["本案涉及国家秘密，依法不公开开庭审理。"] + CIVIL[6:]
    (tmp_path / "yes.txt").write_text("\n".join(lines), encoding="utf-8")
    assert redact_document(tmp_path / "yes.txt", "yes.txt", tmp_path / "out", cfg).status == "withheld"
    lines = CIVIL[:6] + ["本案不涉及国家秘密。"] + CIVIL[6:]
    (tmp_path / "no.txt").write_text("\n".join(lines), encoding="utf-8")
    res = redact_document(tmp_path / "no.txt", "no.txt", tmp_path / "out", cfg)
    assert res.status == "published"
    assert "本案不涉及国家秘密。" in (tmp_path / "out" / "no.txt").read_text(encoding="utf-8")


def test_markings_in_docx_and_pdf_metadata(tmp_path):
    docx = read_document(_docx(tmp_path / "m.docx", CIVIL, title="机密★5年", keywords="判决"))
    pdf = read_document(_pdf(tmp_path / "m.pdf", CIVIL, Subject="内部资料 注意保存", Title="民事判决书"))
    plain = read_document(_pdf(tmp_path / "p.pdf", CIVIL, Subject="运输合同纠纷", Keywords="不涉及国家秘密"))
    fd, fp = article17.metadata_findings(docx), article17.metadata_findings(pdf)
    assert [(f.category, f.attrs["kind"], f.attrs.get("level"), f.attrs["location"]) for f in fd] == [
        ("STATE_SECRET_MARK", "classification_mark", "机密", "metadata:core:title")]
    assert [(f.attrs["kind"], f.attrs["location"]) for f in fp] == [("internal_notice", "metadata:Subject")]
    assert article17.metadata_findings(plain) == []
    # The finding carries no text: nothing downstream can print the marking.
    assert all(f.value == "" and f.start == f.end == 0 for f in fd + fp)
    reason = article17.state_secret_reason(fd + fp)
    assert "metadata:core:title" in reason and "★" not in reason and "注意保存" not in reason


# --- 4. Trade secrets: detected passages go to review --------------------------------------


def test_trade_secret_passage_blocks_publication_with_masked_context(tmp_path, cfg):
    src = SAMPLES / "trade_secret_review.docx"
    res = redact_document(src, "r.docx", tmp_path / "out", cfg)
    assert res.status == "review" and not (tmp_path / "out" / "r.docx").exists()
    assert res.review_items and {i["category"] for i in res.review_items} == {"TRADE_SECRET"}
    blob = json.dumps(res.report_entry(), ensure_ascii=False)
    assert "环氧树脂42%" not in blob and "1800r/min" not in blob


# --- 4b. Trade secrets: the clerk's deny list ------------------------------------------------

def test_denylist_files_next_to_document_and_in_a_folder(tmp_path):
    doc = tmp_path / "in" / "civil" / "a.docx"
    doc.parent.mkdir(parents=True)
    doc.write_bytes(b"")
    (doc.parent / "a.denylist.txt").write_text("\ufeff# 书记员词表\n星光配方\n\n星光配方\n", encoding="utf-8")
    d = tmp_path / "lists"
    (d / "civil").mkdir(parents=True)
    (d / "a.docx.denylist.txt").write_text("XG-7\n", encoding="utf-8")
    (d / "civil" / "a.denylist.txt").write_text("蓝鲸计划\n", encoding="utf-8")
    (d / "b.denylist.txt").write_text("无关\n", encoding="utf-8")
    assert [p.name for p in denylist_paths(doc)] == ["a.denylist.txt"]
    assert load_denylist(doc) == ["星光配方"]
    assert load_denylist(doc, d, "civil/a.docx") == ["星光配方", "XG-7", "蓝鲸计划"]
    # a resumed run redoes the document when its list changes
    before = denylist_fingerprint(doc, d, "civil/a.docx")
    (d / "civil" / "a.denylist.txt").write_text("蓝鲸计划\n白鹭项目\n", encoding="utf-8")
    assert before and denylist_fingerprint(doc, d, "civil/a.docx") != before
    assert denylist_fingerprint(tmp_path / "none.txt") == ""


@pytest.mark.parametrize("content, problem", [
    ("星光配方\n密\n".encode("utf-8"), "line 2"),
    ("星光配方\n".encode("gb18030"), "not UTF-8"),
])
def test_bad_denylist_fails_closed_without_values(tmp_path, content, problem):
    p = tmp_path / "a.denylist.txt"
    p.write_bytes(content)
    with pytest.raises(DenylistError) as exc:
        parse_denylist(p)
    assert problem in str(exc.value) and "星光" not in str(exc.value) and "密" not in str(exc.value).replace("denylist", "")
    assert exc.value.reason == "bad_denylist"


def test_denylist_matching_rules():
    text = "原告的ＸＧ－７工艺与xg-7相同，XG-70不同，星光\n配方与星 光配方一致；AXG-7不算。"
    got = [(text[f.start:f.end], f.attrs) for f in denylist_findings(text, ["XG-7", "星光配方"])]
    assert [v for v, _ in got] == ["ＸＧ－７", "xg-7", "星光\n配方", "星 光配方"]
    assert all(a["denylist"] is True and "term_index" in a for _, a in got)
    assert denylist_findings(text, []) == []


def _mask_and_write(doc, findings, dest: Path) -> list[str]:
    """Mask deny-list findings the way the policy will (delete, ×××) through the real writer."""
    decisions = [Decision(f, Action.DELETE, "×××", "category:TRADE_SECRET_DENYLIST", "法释〔2016〕19号 第十条第一款第（三）项")
                 for f in findings]
    edits = edits_from_decisions(decisions)
    writer = format_for(doc.format)
    writer.write(doc, edits, dest)
    return [squash(t) for t in writer.extract(dest)], apply_edits(doc.text, edits)


def test_denylist_masks_every_mention_across_docx_runs(tmp_path):
    paras = CIVIL[:6] + [
        ["经审理查明：被告将", "星", "光配", "方", "用于其产品，", "星光配方", "系原告所有。"],
        ["被告的", "XG", "-7", "工艺参数与原告相同。"],
    ] + CIVIL[6:]
    src = _docx(tmp_path / "s.docx", paras)
    doc = read_document(src)
    findings = denylist_findings(doc.text, ["星光配方", "XG-7"])
    assert len(findings) == 3
    texts, redacted = _mask_and_write(doc, findings, tmp_path / "s.out.docx")
    for t in texts:
        assert "星光配方" not in t and "XG-7" not in t
    assert "北京远帆科技有限公司" in redacted and "（2023）京0105民初4321号" in redacted


def test_denylist_masks_term_broken_over_pdf_lines(tmp_path):
    lines = CIVIL[:6] + ["经审理查明：被告使用了原告的灵犀主", "轴加工方案，其代号为HX-", "2000，灵犀主轴系原告自主研发。"] + CIVIL[6:]
    src = _pdf(tmp_path / "s.pdf", lines)
    doc = read_document(src)
    findings = denylist_findings(doc.text, ["灵犀主轴", "HX-2000"])
    assert len(findings) == 3
    texts, redacted = _mask_and_write(doc, findings, tmp_path / "s.out.pdf")
    for t in texts:
        assert "灵犀主轴" not in t and "HX-2000" not in t and "HX2000" not in t
    assert "加工方案" in redacted and "欧阳明" in redacted


# --- policy: which rule governs a finding --------------------------------------------------

@pytest.fixture(scope="module")
def a17_policy(tmp_path_factory):
    """spc2016 plus the two category lines issue 5 asks the policy owner to add."""
    p = tmp_path_factory.mktemp("pol") / "a17.yaml"
    p.write_text(yaml.safe_dump({"extends": "spc2016", "profile": "a17", "categories": {
        "HEALTH": {"action": "partial", "keep_prefix": 0, "mask_char": "×",
                   "only_causes": ["继承", "赡养", "抚养", "隐私权", "名誉权", "人格权"], "article": "法释〔2016〕19号 第十条第一款第（一）、（四）项"},
        "TRADE_SECRET_DENYLIST": {"action": "delete", "replacement": "×××", "article": "法释〔2016〕19号 第十条第一款第（三）项"},
    }}, allow_unicode=True), encoding="utf-8")
    return load_policy(p)


def test_policy_category(a17_policy):
    from redactor.document import Finding

    deny = Finding(0, 4, "TRADE_SECRET", "denylist", 1.0, "星光配方", {"denylist": True})
    passage = Finding(0, 4, "TRADE_SECRET", "rule:trade_secret", 0.6, "配方为A", {"denylist": False})
    health = Finding(0, 3, "HEALTH", "rule:health", 0.8, "抑郁症", {})
    privacy, theft, unknown = JudgmentStructure(cause="隐私权纠纷"), JudgmentStructure(cause="故意伤害罪"), JudgmentStructure()
    assert article17.policy_category("", deny, privacy, a17_policy) == "TRADE_SECRET_DENYLIST"
    assert article17.policy_category("", passage, privacy, a17_policy) == "TRADE_SECRET"
    assert article17.policy_category("", health, privacy, a17_policy) == "HEALTH"
    assert article17.policy_category("", health, theft, a17_policy) == article17.HEALTH_OFF_RULE
    # no parsed cause: the head of the text names it
    assert article17.policy_category("原告甲与被告乙名誉权纠纷一案", health, unknown, a17_policy) == "HEALTH"
    assert article17.policy_category("被告人甲故意伤害一案", health, unknown, a17_policy) == article17.HEALTH_OFF_RULE
    # a policy without the lines: its own rules, unchanged
    plain = load_policy("spc2016")
    plain.categories.pop("TRADE_SECRET_DENYLIST")
    plain.categories.pop("HEALTH_OUTSIDE_SCOPE")
    assert article17.policy_category("", deny, privacy, plain) == "TRADE_SECRET"
    # the rule a policy does not restate is the one of rules/categories.yaml; one gone from
    # the policy altogether falls to OTHER's, which masks (never a silent keep)
    assert load_policy("spc2016").category_rule(article17.HEALTH_OFF_RULE).action == "keep"
    assert plain.category_rule(article17.HEALTH_OFF_RULE) == plain.categories["OTHER"]
    assert plain.category_rule(article17.HEALTH_OFF_RULE).action == "delete"


# --- corpus_samples/article17: each category on realistic judgments --------------------------

def _wired() -> bool:
    """The lead's wiring of redactor/article17.py into the pipeline, decide and spc2016."""
    return ("article17" in inspect.getsource(redactor.pipeline) and "article17" in inspect.getsource(redactor.decide)
            and "TRADE_SECRET_DENYLIST" in load_policy("spc2016").categories)


@pytest.fixture(scope="module")
def corpus_cfg():
    # Deny lists are found next to their documents (NAME.denylist.txt), as in `redact run`.
    return RunConfig(policy=load_policy("spc2016"), hmac_key=HmacKey(b"test", "test"), ner="lac")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_sample(name, tmp_path, corpus_cfg):
    exp = EXPECTED[name]
    if exp.get("needs_wiring") and not _wired():
        pytest.skip("awaits the pipeline/decide/policy wiring of redactor/article17.py (issue 5 report)")
    res = redact_document(SAMPLES / name, name, tmp_path, corpus_cfg)
    assert res.status == exp["status"], res.reason
    report = json.dumps(res.report_entry(), ensure_ascii=False)
    if _wired():  # the detailed, value-free reason comes with the wiring
        for s in exp.get("reason_contains", []):
            assert s in res.reason
    for s in exp.get("reason_lacks", []):
        assert s not in report
    if exp.get("review_categories"):
        assert {i["category"] for i in res.review_items} == set(exp["review_categories"])
        for s in exp.get("context_lacks", []):
            assert s not in report
    if res.status != "published":
        assert not (tmp_path / name).exists()
        return
    texts = [squash(t) for t in format_for(read_document(SAMPLES / name).format).extract(tmp_path / name)]
    body = squash(read_document(tmp_path / name).text)
    for s in exp.get("gone", []):
        assert all(squash(s) not in t for t in texts), f"{name}: a value that must go is readable"
    for s in exp.get("stay", []):
        assert squash(s) in body, f"{name}: a value that must stay was touched"
    if exp.get("x_convention"):
        assert "×" in body
    for cat in exp.get("no_category", []):
        assert cat not in res.counts
