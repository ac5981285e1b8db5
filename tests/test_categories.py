"""A new category is one entry in rules/categories.yaml plus the recognizer that finds it
(issue 20): no code change, and it is detected, decided, masked in the published file,
labelled on the review pages and recorded in the audit. The real command line on a court's
own copy of rules/ (REDACTOR_RULES), in a fresh process as a court would run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from redactor import review
from redactor.categories import CategoriesError, catalogue, load_catalogue
from redactor.decide import HARD_KEEP, PASSAGE_CATEGORIES, STRONG_CATEGORIES
from redactor.document import Category
from redactor.policy import load_policy, registry

ROOT = Path(__file__).resolve().parent.parent
VIN = "LSVAG2180E2100001"
JUDGMENT = ("北京市海淀区人民法院\n民事判决书\n（2024）京0108民初456号\n"
            "原告张伟，男，1980年1月2日出生，住北京市海淀区花园路8号。\n被告李强，男，住北京市朝阳区。\n"
            "原告张伟与被告李强买卖合同纠纷一案，本院依法审理。\n"
            f"经审理查明，被告向原告出售二手轿车一辆，车辆识别代号{VIN}。\n"
            f"原告于2024年3月1日付清全部价款，被告当日将{VIN}号轿车交付原告。\n")
ARTICLE = "法释〔2016〕19号 第十条第一款第（一）、（二）项（车辆识别代号）"
ENTRY = {"label": {"zh": "车辆识别代号"}, "strong": True, "reviewer_mask": True,
         "rule": {"action": "delete", "replacement": "×××", "article": ARTICLE}}
RECOGNIZER = f"""id: vehicle_vin
entity: VEHICLE_VIN
article: "{ARTICLE}"
validator: none
require_context: always
patterns:
  - {{name: vin, regex: '(?<![A-Za-z0-9])[A-HJ-NPR-Z0-9]{{17}}(?![A-Za-z0-9])', score: 0.6}}
context: [车辆识别代号, 车架号]
context_window: 20
"""


def _rules(tmp_path: Path, entry: dict | None) -> Path:
    """A court's copy of rules/ with the recognizer and (unless None) the categories.yaml entry."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "recognizers" / "vehicle_vin.yaml").write_text(RECOGNIZER, encoding="utf-8")
    if entry is not None:
        spec = yaml.safe_load((rules / "categories.yaml").read_text(encoding="utf-8"))
        spec["categories"]["VEHICLE_VIN"] = entry
        (rules / "categories.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
    return rules


def _redact(rules: Path, tmp_path: Path, *argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("REDACTOR_RULES", "REDACTOR_OPERATOR")}
    env.update(REDACTOR_RULES=str(rules), REDACTOR_HMAC_KEY="categories-test-key")
    return subprocess.run([sys.executable, "-m", "redactor.cli", *argv], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_new_category_is_one_entry_and_its_recognizer(tmp_path):
    rules = _rules(tmp_path, ENTRY)
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "sale.txt").write_text(JUDGMENT, encoding="utf-8")
    out = tmp_path / "out"
    run = _redact(rules, tmp_path, "run", str(inp), "--out", str(out), "--policy", "strict", "--ner", "none",
                  "--executor", "inline", "--workers", "1", "--quiet")
    assert run.returncode == 0, run.stderr

    # Detected and decided by the entry's rule: both mentions masked (strong: the one with no
    # cue word beside it too), the published file carries neither.
    published = (out / "sale.txt").read_text(encoding="utf-8")
    assert VIN not in published
    assert "车辆识别代号×××。" in published and "被告当日将×××号轿车" in published
    assert VIN not in run.stdout + run.stderr

    # Recorded in the audit with the category, its rule and the article; never the value.
    audit = (out / "audit.jsonl").read_text(encoding="utf-8")
    assert VIN not in audit
    spans = [r for r in map(json.loads, audit.splitlines()) if r.get("type") == "span"
             and r["category"] == "VEHICLE_VIN"]
    assert len(spans) == 2
    assert {(r["rule"], r["article"], r["action"], r["replacement"]) for r in spans} == {
        ("category:VEHICLE_VIN", ARTICLE, "delete", "×××")}
    assert {r["detector"] for r in spans} == {"rule:vehicle_vin", "propagate"}

    # Labelled on the review pages, and offered in the reviewer's mask menu.
    pages = _redact(rules, tmp_path, "review", str(out), "--input", str(inp))
    assert pages.returncode == 0, pages.stderr
    page = next((tmp_path / "out.review" / "pages").glob("sale*.html")).read_text(encoding="utf-8")
    assert 'data-cat="VEHICLE_VIN"' in page and "车辆识别代号" in page
    assert '<option value="VEHICLE_VIN">车辆识别代号</option>' in page


def test_a_recognizer_whose_category_is_not_in_categories_yaml_stops_the_run(tmp_path):
    """Fail closed: a finding no entry describes would have no rule, so nothing is published."""
    rules = _rules(tmp_path, None)
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "sale.txt").write_text(JUDGMENT, encoding="utf-8")
    out = tmp_path / "out"
    run = _redact(rules, tmp_path, "run", str(inp), "--out", str(out), "--policy", "strict", "--ner", "none",
                  "--executor", "inline", "--quiet")
    assert run.returncode != 0
    assert "VEHICLE_VIN" in run.stderr and VIN not in run.stderr
    assert not (out / "sale.txt").exists()


def test_an_entry_without_a_rule_is_refused_unless_a_policy_gives_one(tmp_path):
    rules = _rules(tmp_path, {"label": {"zh": "车辆识别代号"}})
    code = ("from redactor.policy import load_policy, PolicyError\n"
            "try:\n    load_policy('strict')\nexcept PolicyError as e:\n    print('refused:', e)\n")
    proc = subprocess.run([sys.executable, "-c", code], env={**os.environ, "REDACTOR_RULES": str(rules)},
                          capture_output=True, text=True, timeout=120)
    assert "refused:" in proc.stdout and "no rule for category VEHICLE_VIN" in proc.stdout, proc.stdout + proc.stderr


# --- the shipped file: what the rest of the code derives from it ---------------------------

def test_every_list_derives_from_categories_yaml():
    cat = catalogue()
    assert STRONG_CATEGORIES == cat.with_flag("strong") and "ONLINE_ACCOUNT" in STRONG_CATEGORIES
    assert PASSAGE_CATEGORIES == {"ADJUDICATIVE_SECRET", "TECH_INVESTIGATION", "TRADE_SECRET"}
    assert HARD_KEEP == {"CASE_NUMBER", "USCC"}
    assert review.MASK_CATEGORIES == cat.in_order_with("reviewer_mask") and review.MASK_CATEGORIES[-1] == "OTHER"
    assert review.messages("zh")["categories"]["ONLINE_ACCOUNT"] == "网络账号"
    assert review.messages("en")["categories"].get("ONLINE_ACCOUNT") is None  # English shows the name
    assert {c.value for c in Category} <= set(cat.names())
    assert set(cat.rule_names()) <= set(registry().categories)


def test_a_policy_that_names_no_category_gets_each_categorys_rule_with_its_article(tmp_path):
    p = tmp_path / "mini.yaml"
    p.write_text("profile: mini\nwithhold:\n- id: state_secret\n  when: {finding_category: STATE_SECRET_MARK}\n",
                 encoding="utf-8")
    mini, spc = load_policy(p), load_policy("spc2016")
    assert mini.categories == spc.categories
    for name, info in catalogue().categories.items():
        if info.rule is not None:
            assert mini.category_rule(name).action == info.rule["action"]
            assert mini.category_rule(name).article == info.rule["article"]
    # a court's entry merges over the category's rule, key by key
    court = tmp_path / "court.yaml"
    court.write_text("extends: spc2016\ncategories:\n  PHONE: {action: review}\n", encoding="utf-8")
    phone = load_policy(court).category_rule("PHONE")
    assert (phone.action, phone.article) == ("review", catalogue().categories["PHONE"].rule["article"])


def test_a_broken_entry_names_the_file_and_the_entry(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    path = tmp_path / "rules" / "categories.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec["categories"]["PHONE"]["strng"] = True
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CategoriesError, match=r"categories\.PHONE: unknown key 'strng'"):
        load_catalogue(tmp_path / "rules")
    del spec["categories"]["PHONE"]["strng"], spec["categories"]["PERSON"]
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CategoriesError, match="no entry for PERSON"):
        load_catalogue(tmp_path / "rules")
