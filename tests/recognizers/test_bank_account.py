"""BANK_ACCOUNT (rules/recognizers/bank_account.yaml): the Luhn check (property-based), cards and
accounts, and what is not one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from redactor.recognizers.bank_account import luhn_check_digit, luhn_valid
from tests.helpers.rule_results import make_id, run, values


# -- the Luhn check (property-based) ------------------------------------------------------

@given(st.text(alphabet="0123456789", min_size=15, max_size=18))
def test_luhn_computed_check_digit_validates(payload):
    assert luhn_valid(payload + luhn_check_digit(payload))


@given(st.text(alphabet="0123456789", min_size=15, max_size=18), st.data())
def test_luhn_one_changed_digit_invalidates(payload, data):
    number = payload + luhn_check_digit(payload)
    pos = data.draw(st.integers(0, len(number) - 1))
    delta = data.draw(st.integers(1, 9))
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    assert not luhn_valid(changed)


# -- BANK_ACCOUNT ------------------------------------------------------------------------------

CARD_OK = "622202123456789012" + luhn_check_digit("622202123456789012")  # 19 digits
CARD_BAD = CARD_OK[:-1] + str((int(CARD_OK[-1]) + 1) % 10)


def test_luhn_valid_card_found_anywhere(recognizers):
    found = run(recognizers, "bank_account", f"被告向{CARD_OK}转入")
    assert [v for _, v, _, _ in found] == [CARD_OK]
    assert found[0][3]["luhn"] is True


def test_luhn_invalid_card_only_with_context(recognizers):
    assert values(recognizers, "bank_account", f"被告向{CARD_BAD}转入") == []
    found = run(recognizers, "bank_account", f"原告的银行卡号{CARD_BAD}，")
    assert [v for _, v, _, _ in found] == [CARD_BAD]
    assert found[0][2] < run(recognizers, "bank_account", f"原告的银行卡号{CARD_OK}，")[0][2]


def test_card_in_groups_of_four(recognizers):
    spaced = " ".join([CARD_OK[i : i + 4] for i in range(0, 16, 4)] + [CARD_OK[16:]])
    assert values(recognizers, "bank_account", f"账号：{spaced}。") == [spaced]


def test_corporate_account_only_with_context(recognizers):
    assert values(recognizers, "bank_account", "开户行中国银行，账号123456789012。") == ["123456789012"]
    assert values(recognizers, "bank_account", "编号123456789012。") == []


def test_bank_not_amount_phone_or_id(recognizers):
    assert values(recognizers, "bank_account", f"账户转入{CARD_OK}元") == []
    assert values(recognizers, "bank_account", "账户绑定手机13812345678") == []
    luhn_id = next(
        make_id(f"11010519800101{n:03d}")
        for n in range(1000)
        if luhn_valid(make_id(f"11010519800101{n:03d}"))
    )
    assert values(recognizers, "bank_account", f"身份证号{luhn_id}") == []


def test_card_numbers_whose_groups_a_pdf_line_wrap_merged(recognizers):
    # 6219 7753 3550 7191 wrapped after 6219: the reader joins the lines without the space
    assert values(recognizers, "bank_account", "账户（账号62197753 3550 7191）向原告") == ["62197753 3550 7191"]
    assert values(recognizers, "bank_account", "卡号6225 21035527 4219，") == ["6225 21035527 4219"]
    # not a card: 20 digits in groups, or amounts
    assert values(recognizers, "bank_account", "共计2023 1234 5678 9012 3456元") == []


def test_the_next_numbers_of_a_list_share_its_context(recognizers):
    """账号分别是：A、B: B is past the context window, but in the same list (a real judgment
    published the second of two Alipay accounts in clear)."""
    a, b = "2088212381420953", "2088922652002329"  # Alipay numbers: no Luhn check
    assert values(recognizers, "bank_account", f"两个支付宝（账号分别是：{a}、{b}）") == [a, b]
    assert values(recognizers, "bank_account", f"两个支付宝（账号分别是：×××、{b}）") == [b]
    assert values(recognizers, "bank_account", f"三张卡（卡号分别为{a}、{CARD_BAD}和{b}）") == [a, CARD_BAD, b]
    # a list with no account cue stays what it was
    assert values(recognizers, "bank_account", f"编号分别是：{a}、{b}") == []
