"""Policy conditions are a registry of named predicates (issue 20 item 1, redactor/conditions.py):
a court's YAML names only conditions that exist, and a new condition is one function plus
the policy line that uses it. Real policies, the real loader and the real redact_text."""

from __future__ import annotations

import pytest

from redactor import conditions
from redactor.api import redact_text
from redactor.policy import load_policy, registry
from redactor.policy_schema import PolicyError

JUDGMENT = ("北京市海淀区人民法院\n民事判决书\n（2024）京0108民初123号\n"
            "原告张伟，男，1980年1月2日出生，住北京市海淀区花园路8号。\n被告李强，男，住北京市朝阳区。\n"
            "原告张伟与被告李强房屋租赁合同纠纷一案，本院依法审理。\n")


def _policy_file(tmp_path, when: str):
    path = tmp_path / "court.yaml"
    # a withhold list replaces the one it extends: the state-secret rule is restated
    path.write_text("extends: strict\nwithhold:\n- id: state_secret\n  when: {finding_category: STATE_SECRET_MARK}\n"
                    "- id: tenancy_test\n  article: 法释〔2016〕19号 第四条\n"
                    f"  reason: a test rule\n  when: {{{when}}}\n", encoding="utf-8")
    return path


@pytest.fixture
def court_condition():
    """A condition a court might add: the heading names a given dispute."""
    @conditions.withhold_condition("heading_contains", value="terms")
    def heading_contains(facts, terms):
        return any(t in facts.text[:400] for t in terms)

    yield heading_contains
    del conditions.WITHHOLD_CONDITIONS["heading_contains"], conditions.WITHHOLD_VALUE_KINDS["heading_contains"]


def test_a_new_condition_is_one_function_and_a_policy_line(tmp_path, court_condition):
    assert redact_text(JUDGMENT, "strict", ner=None).status == "published"
    policy = load_policy(_policy_file(tmp_path, "heading_contains: [房屋租赁]"))
    result = redact_text(JUDGMENT, policy, ner=None)
    assert (result.status, result.reason) == ("withheld", "a test rule")
    other = load_policy(_policy_file(tmp_path, "heading_contains: [买卖合同]"))
    assert redact_text(JUDGMENT, other, ner=None).status == "published"


def test_a_condition_that_does_not_exist_is_refused_at_load(tmp_path):
    with pytest.raises(PolicyError) as err:
        load_policy(_policy_file(tmp_path, "heading_contains: [房屋租赁]"))  # not registered here
    assert "heading_contains" in str(err.value)
    with pytest.raises(PolicyError) as err:
        load_policy(_policy_file(tmp_path, "case_typ: civil"))
    assert "case_type" in str(err.value)  # the suggestion


def test_a_conditions_value_is_checked_by_its_kind(tmp_path):
    with pytest.raises(PolicyError):
        load_policy(_policy_file(tmp_path, "case_type: civill"))
    with pytest.raises(PolicyError):
        load_policy(_policy_file(tmp_path, "cause_contains: []"))
    assert load_policy(_policy_file(tmp_path, "case_type: civil")).withhold[-1].when == {"case_type": "civil"}


def test_the_schema_accepts_exactly_the_registered_conditions():
    reg = registry()
    assert reg.withhold_when == tuple(conditions.WITHHOLD_CONDITIONS)
    assert reg.anonymize_when == tuple(conditions.ANONYMIZE_CONDITIONS)
    for name in ("strict", "spc2016"):
        pol = load_policy(name)
        for rule in pol.withhold:
            assert set(rule.when) <= set(conditions.WITHHOLD_CONDITIONS)
        for rule in pol.roles.values():
            assert set(rule.anonymize_when) <= set(conditions.ANONYMIZE_CONDITIONS)


def test_an_anonymize_condition_decides_a_kept_role(tmp_path):
    """spc2016 keeps a criminal defendant unless anonymize_when holds: family_cause in a civil
    family case anonymizes a role it would otherwise keep."""
    pol = load_policy("spc2016")
    kept = [r for r, rule in pol.roles.items() if rule.action == "keep" and rule.anonymize_when]
    assert kept, "spc2016 has kept roles with anonymize_when conditions"
