"""Policies fail closed (issue 16): a typo is an error naming the file, the key path and the
line, with the allowed values and a did-you-mean, before any document is read; a category
without a rule is an error at load time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import redactor.policy as policy_mod
from redactor.categories import catalogue
from redactor.policy import PolicyError, load_policy

SAMPLES = Path(__file__).resolve().parent.parent / "corpus_samples"
RULES = Path(__file__).resolve().parent.parent / "rules"


def _policy(tmp_path: Path, text: str, name: str = "court.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _error(path: Path) -> str:
    with pytest.raises(PolicyError) as err:
        load_policy(path)
    return str(err.value)


def test_british_spelling_of_an_action_is_an_error_not_a_kept_name(tmp_path):
    """The issue's case: `anonymise` returned 0 and published 原告：何子林."""
    p = _policy(tmp_path, "extends: strict\npersons:\n  roles:\n    party: {action: anonymise}\n")
    msg = _error(p)
    assert str(p) in msg and "line 4" in msg and "persons.roles.party.action" in msg
    assert "allowed: keep, anonymize" in msg and "did you mean 'anonymize'" in msg


@pytest.mark.parametrize("text,where,hint", [
    ("extends: strict\ncategories:\n  PHONES: {action: delete}\n", "line 3: categories.PHONES", "'PHONE'"),
    ("extends: strict\ncategories:\n  PHONE: {action: delete, replacment: x}\n",
     "line 3: categories.PHONE.replacment", "'replacement'"),
    ("extends: strict\ncategories:\n  PHONE: {action: remove}\n", "line 3: categories.PHONE.action", None),
    ("extends: strict\npersons:\n  roles:\n    partyy: {action: keep}\n", "line 4: persons.roles.partyy", "'party'"),
    ("extends: strict\npersons:\n  unknown_rol: keep\n", "line 3: persons.unknown_rol", "'unknown_role'"),
    ("extends: strict\npersons:\n  roles:\n    party: {action: keep, anonymize_when: [family]}\n",
     "line 4: persons.roles.party.anonymize_when.0", "'family_cause'"),
    ("extends: strict\nwithhold:\n  - id: x\n    when: {case_typ: criminal}\n", "line 4: withhold.0.when.case_typ",
     "'case_type'"),
    ("extends: strict\nwithhold:\n  - id: x\n    when: {case_type: crimnal}\n", "line 4: withhold.0.when.case_type",
     "'criminal'"),
    ("extends: strict\nwithhold:\n  - id: x\n    when: {}\n", "line 4: withhold.0.when", None),
    ("extends: strict\ncategorys: {}\n", "line 2: categorys", "'categories'"),
    ("extends: strict\ncategories:\n  PLATE: {keep_prefix: -1}\n", "line 3: categories.PLATE.keep_prefix", None),
    ("extends: strict\ncategories:\n  PHONE: {action: delete, only_causes: [离婚]}\n",
     "line 3: categories.PHONE.only_causes", None),
])
def test_each_kind_of_typo_names_file_key_path_and_line(tmp_path, text, where, hint):
    p = _policy(tmp_path, text)
    msg = _error(p)
    assert msg.startswith(str(p)) and where in msg, msg
    if hint:
        assert f"did you mean {hint}" in msg and "allowed:" in msg, msg


def test_malformed_yaml_a_list_and_a_missing_parent(tmp_path):
    assert "line 3: not valid YAML" in _error(_policy(tmp_path, "extends: strict\npersons: {roles: [\n"))
    assert "not a list" in _error(_policy(tmp_path, "- a\n- b\n"))
    msg = _error(_policy(tmp_path, "extends: strcit\n"))
    assert "line 1: extends: policy not found: strcit" in msg and "spc2016, strict" in msg
    a = _policy(tmp_path, "extends: b.yaml\n", "a.yaml")
    _policy(tmp_path, "extends: a.yaml\n", "b.yaml")
    assert "inheritance loop" in _error(a)


def test_a_parent_file_beside_the_child_is_found_and_checked(tmp_path):
    _policy(tmp_path, "extends: spc2016\ncategories:\n  PHONE: {actoin: delete}\n", "court_base.yaml")
    child = _policy(tmp_path, "extends: court_base.yaml\nprofile: court\n")
    msg = _error(child)
    assert "court_base.yaml, line 3: categories.PHONE.actoin" in msg


def test_a_category_without_a_rule_is_an_error(tmp_path):
    """A policy of its own (no extends) gets each category's rule from rules/categories.yaml;
    a category with none there (a classification marking) needs a rule or a withhold rule."""
    msg = _error(_policy(tmp_path, "profile: mini\ncategories:\n  PHONE: {action: delete}\n"))
    assert "no rule for category STATE_SECRET_MARK" in msg
    tail = msg.split("no rule")[1]
    assert "ID_CARD" not in tail and "PERSON" not in tail


def test_a_new_recognizer_category_without_a_rule_fails_closed(tmp_path, monkeypatch):
    """A court adds a rule pack for a new category: until the policy says what happens to it,
    no run starts (a category without a rule would be published as found)."""
    recs = tmp_path / "recognizers"
    shutil.copytree(RULES / "recognizers", recs)
    (recs / "employee_id.yaml").write_text(
        "id: employee_id\nentity: EMPLOYEE_ID\narticle: x\npatterns:\n  - {name: e, regex: 'E[0-9]{6}', score: 0.9}\n",
        encoding="utf-8")
    monkeypatch.setattr(policy_mod, "RECOGNIZERS_DIR", recs)
    with pytest.raises(PolicyError, match="no rule for category EMPLOYEE_ID"):
        load_policy("strict")
    ok = _policy(tmp_path, "extends: strict\ncategories:\n  EMPLOYEE_ID: {action: delete, article: x}\n")
    assert load_policy(ok).category_rule("EMPLOYEE_ID").action == "delete"


def test_a_rule_with_no_action_after_merging_is_an_error(tmp_path):
    """A rule may leave its action to the parent; one the parent does not have needs its own."""
    assert load_policy(_policy(tmp_path, "extends: strict\npersons:\n  roles:\n    witness: {article: x}\n"))
    msg = _error(_policy(tmp_path, "extends: strict\npersons:\n  roles:\n    other: {article: x}\n"))
    assert "line 4: persons.roles.other: the role rule has no action" in msg


def test_shipped_policies_and_a_valid_court_policy_load(tmp_path):
    for name in ("strict", "spc2016"):
        assert load_policy(name).categories
    p = _policy(tmp_path, "extends: spc2016\nprofile: court\ncategories:\n  PHONE: {action: review}\n"
                          "persons:\n  roles:\n    party: {action: anonymize}\n")
    pol = load_policy(p)
    assert pol.category_rule("PHONE").action == "review" and pol.role_rule("party").action == "anonymize"


def test_cli_typo_is_one_error_line_exit_2_and_no_out(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(SAMPLES / "civil_loan.txt", inp)
    pol = _policy(tmp_path, "extends: strict\npersons:\n  roles:\n    party: {action: anonymise}\n")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "redactor.cli", "run", str(inp), "--out", str(out),
                           "--policy", str(pol), "--ner", "none"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "line 4" in lines[0], proc.stderr
    assert not out.exists()


def test_a_misspelt_document_kind_is_an_error_not_a_withhold_rule_that_never_matches(tmp_path):
    msg = _error(_policy(tmp_path, "extends: strict\nwithhold:\n  - id: m\n    when: {document_kind: 调解}\n"))
    assert "line 4: withhold.0.when.document_kind" in msg and "调解书" in msg


def test_the_registry_matches_what_the_code_reads():
    """The one registry of names in redactor/policy.py against the modules that use them."""

    from redactor import article17, structure

    assert set(structure.CASE_TYPES.values()) <= set(policy_mod.CASE_TYPES)
    assert tuple(structure.DOCUMENT_KINDS) == policy_mod.DOCUMENT_KINDS
    # the rule names article17 picks are the derived rules of rules/categories.yaml
    derived = catalogue().derived_rules
    assert {article17.DENYLIST_RULE: "TRADE_SECRET", article17.HEALTH_OFF_RULE: "HEALTH"} == {
        name: of for name, (of, _) in derived.items()}
    # the conditions are the registry of redactor/conditions.py (tests/test_policy_conditions.py)
    assert set(load_policy("spc2016").roles) <= policy_mod.known_roles()
