"""ID_CARD (rules/recognizers/id_card.yaml): the GB 11643 check digit (property-based), resident ID
numbers in the forms judgments print them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.recognizers.id_card import gb11643_valid, id_number_kind
from tests.helpers.rule_results import ID_BAD, ID_OK, make_id, run, values


# -- the GB 11643 check digit (property-based) ----------------------------------------------

digits17 = st.text(alphabet="0123456789", min_size=17, max_size=17)


@given(digits17)
def test_gb11643_computed_check_digit_validates(first17):
    assert gb11643_valid(make_id(first17))


@given(digits17, st.integers(0, 17), st.integers(1, 9))
def test_gb11643_one_changed_digit_invalidates(first17, pos, delta):
    number = make_id(first17)
    chars = list(number)
    if pos == 17:
        alphabet = "0123456789X"
        chars[17] = alphabet[(alphabet.index(chars[17]) + delta) % 11]
    else:
        chars[pos] = str((int(chars[pos]) + delta) % 10)
    assert not gb11643_valid("".join(chars))


# -- ID_CARD ---------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    area=st.integers(110000, 659999),
    date=st.dates(min_value=__import__("datetime").date(1920, 1, 1), max_value=__import__("datetime").date(2020, 12, 31)),
    seq=st.integers(0, 999),
)
def test_valid_id_found_with_exact_span(recognizers, area, date, seq):
    number = make_id(f"{area}{date:%Y%m%d}{seq:03d}")
    text = f"被告人李某，男，{number}，汉族。"
    found = run(recognizers, "id_card", text)
    assert [(e, v) for e, v, _, _ in found] == [("ID_CARD", number)]
    assert found[0][2] >= 0.95


def test_id_check_digit_decides_without_context(recognizers):
    assert values(recognizers, "id_card", f"编号{ID_OK}。") == [ID_OK]
    assert values(recognizers, "id_card", f"编号{ID_BAD}。") == []


def test_id_with_wrong_check_digit_is_kept_next_to_id_context_at_lower_score(recognizers):
    found = run(recognizers, "id_card", f"公民身份号码{ID_BAD}，")
    assert [v for _, v, _, _ in found] == [ID_BAD]
    assert 0.5 <= found[0][2] < 0.95
    assert found[0][3]["kind"] == "badcheck18"


def test_id_with_x_and_full_width_digits(recognizers):
    x_id = next(i for i in (make_id(f"32010219850312{n:03d}") for n in range(1000)) if i.endswith("X"))
    assert values(recognizers, "id_card", f"身份证号{x_id}") == [x_id]
    full = ID_OK.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    text = f"身份证号码：{full}。"
    assert values(recognizers, "id_card", text) == [full]  # value in its original width


def test_id_impossible_date_dropped(recognizers):
    bad_date = make_id("11010519490231002")  # 31 February
    assert values(recognizers, "id_card", f"身份证号{bad_date}") == []


def test_id_not_inside_longer_digit_runs(recognizers):
    assert values(recognizers, "id_card", f"流水号9{ID_OK}1") == []
    assert values(recognizers, "id_card", f"编号A{ID_OK}") == []


def test_id_printed_in_groups_or_split_by_a_line_wrap(recognizers):
    spaced = f"{ID_OK[:6]} {ID_OK[6:14]} {ID_OK[14:]}"
    assert values(recognizers, "id_card", f"公民身份号码{spaced}，") == [spaced]
    assert values(recognizers, "id_card", f"身份证号{ID_OK[:14]} {ID_OK[14:]}，") == [f"{ID_OK[:14]} {ID_OK[14:]}"]
    bad = ID_OK[:17] + ("0" if ID_OK[17] != "0" else "1")
    assert values(recognizers, "id_card", f"编号{bad[:6]} {bad[6:]}，") == []  # wrong check digit, no context


def test_legacy_15_digit_id(recognizers):
    found = run(recognizers, "id_card", "身份证号码110105491231002，")
    assert [(v, a["kind"]) for _, v, _, a in found] == [("110105491231002", "legacy15")]
    assert values(recognizers, "id_card", "身份证号码110105491331002，") == []  # month 13
    assert id_number_kind("110105491231002") == "legacy15"


def test_partly_masked_id_needs_context(recognizers):
    assert values(recognizers, "id_card", "身份证号410102********123X。") == ["410102********123X"]
    assert values(recognizers, "id_card", "编号410102********123X。") == []
