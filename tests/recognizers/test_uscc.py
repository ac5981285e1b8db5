"""USCC (rules/recognizers/uscc.yaml): the GB 32100 check character (property-based), unified
social credit codes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from redactor.recognizers.uscc import USCC_CHARSET, gb32100_check_char, gb32100_valid
from tests.helpers.rule_results import run, values


# -- the GB 32100 check character (property-based) ------------------------------------------

uscc17 = st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17)


@given(uscc17)
def test_gb32100_computed_check_char_validates(first17):
    assert gb32100_valid(first17 + gb32100_check_char(first17))


@given(uscc17, st.integers(0, 17), st.integers(1, 30))
def test_gb32100_one_changed_char_invalidates(first17, pos, delta):
    code = list(first17 + gb32100_check_char(first17))
    code[pos] = USCC_CHARSET[(USCC_CHARSET.index(code[pos]) + delta) % 31]
    assert not gb32100_valid("".join(code))


def test_gb32100_known_code():
    # The standard's worked example: 91350100M000100Y43 (check character 3).
    assert gb32100_check_char("91350100M000100Y4") == "3"


# -- USCC ----------------------------------------------------------------------------------------

USCC_OK = "91110108MA01B2C34" + gb32100_check_char("91110108MA01B2C34")  # org code MA01B2C3-4
USCC_BAD = USCC_OK[:17] + USCC_CHARSET[(USCC_CHARSET.index(USCC_OK[17]) + 1) % 31]


def test_uscc_valid_and_invalid(recognizers):
    found = run(recognizers, "uscc", f"统一社会信用代码{USCC_OK}，")
    assert [(e, v) for e, v, _, _ in found] == [("USCC", USCC_OK)]
    assert found[0][2] >= 0.95
    assert values(recognizers, "uscc", f"统一社会信用代码{USCC_BAD}，") == []
    assert values(recognizers, "uscc", f"代码为{USCC_OK}的公司") == [USCC_OK]


def test_uscc_without_cue_needs_the_credit_code_shape(recognizers):
    # organisation code MA01B2C3 with a wrong check character, authority/type 91 (enterprise)
    wrong_org = "91110108MA01B2C35" + gb32100_check_char("91110108MA01B2C35")
    assert values(recognizers, "uscc", f"代码为{wrong_org}的公司") == []
    assert values(recognizers, "uscc", f"统一社会信用代码{wrong_org}。") == [wrong_org]
    # an unknown authority/type prefix (Z is not in the charset; 0 is no authority)
    bad_prefix = "01110108MA01B2C34" + gb32100_check_char("01110108MA01B2C34")
    assert values(recognizers, "uscc", f"代码为{bad_prefix}的公司") == []


def test_resident_id_ending_in_x_is_no_uscc_without_cue(recognizers):
    from redactor.recognizers.id_card import gb11643_check_digit

    # a valid resident ID ending in X that also passes the GB 32100 check
    ids = (f"11010519{y}0{m}1{d}00{n}" for y in range(50, 99) for m in range(1, 10) for d in range(0, 3) for n in range(10))
    value = next(p + "X" for p in ids if gb11643_check_digit(p) == "X" and gb32100_check_char(p) == "X")
    assert gb32100_valid(value)
    assert values(recognizers, "uscc", f"身份证号{value}，") == []
    assert values(recognizers, "uscc", f"号码{value}。") == []
    assert values(recognizers, "uscc", f"统一社会信用代码{value}。") == [value]
    assert value in values(recognizers, "id_card", f"身份证号{value}，")


def test_all_digit_uscc_needs_context(recognizers):
    digits = next(
        p + gb32100_check_char(p) for p in (f"9111010800000{n:04d}" for n in range(1000)) if gb32100_check_char(p).isdigit()
    )
    assert values(recognizers, "uscc", f"号码{digits}。") == []
    assert values(recognizers, "uscc", f"统一社会信用代码{digits}。") == [digits]
