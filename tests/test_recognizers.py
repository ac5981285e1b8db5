"""The rule recognizers of the DETECT stage, one at a time, on real rule files."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.recognizers import RuleError, build_recognizer, load_rule_recognizers
from redactor.recognizers.bank_account import luhn_check_digit, luhn_valid
from redactor.recognizers.id_card import gb11643_check_digit, gb11643_valid, id_number_kind
from redactor.recognizers.ner import split_for_model
from redactor.recognizers.uscc import USCC_CHARSET, gb32100_check_char, gb32100_valid


@pytest.fixture(scope="module")
def recognizers():
    return {r.rule_id: r for r in load_rule_recognizers()}


def run(recognizers, rule_id, text):
    """(entity, value, score, attrs) for each result of one recognizer, in text order."""
    results = recognizers[rule_id].analyze(text, None)
    out = []
    for r in sorted(results, key=lambda r: (r.start, r.end)):
        out.append((r.entity_type, text[r.start : r.end], r.score, r.recognition_metadata["redactor_attrs"]))
    return out


def values(recognizers, rule_id, text):
    return [v for _, v, _, _ in run(recognizers, rule_id, text)]


def make_id(prefix17: str) -> str:
    return prefix17 + gb11643_check_digit(prefix17)


# A valid and a check-digit-broken ID built here, not copied from anywhere.
ID_OK = make_id("11010519491231002")
ID_BAD = ID_OK[:17] + ("0" if ID_OK[17] != "0" else "1")


# -- the rule files ---------------------------------------------------------------------


def test_every_rule_file_loads_and_cites_an_article(recognizers):
    assert {
        "id_card",
        "phone",
        "bank_account",
        "plate",
        "email",
        "property_cert",
        "passport",
        "uscc",
        "address",
        "case_number",
    } <= set(recognizers)
    for r in recognizers.values():
        assert "法释" in r.article or "规定" in r.article
        assert r.supported_language == "zh"


def test_malformed_rule_file_is_refused_with_file_name(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nentity: NOT_A_CATEGORY\narticle: x\npatterns: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match="bad.yaml"):
        build_recognizer(bad)
    bad.write_text("id: bad\nentity: PHONE\narticle: x\npatterns:\n  - {name: p, regex: '([', score: 0.5}\n")
    with pytest.raises(RuleError, match="does not compile"):
        build_recognizer(bad)
    bad.write_text("id: bad\nentity: PHONE\narticle: x\nvalidator: nope\npatterns: []\n")
    with pytest.raises(RuleError, match="unknown validator"):
        build_recognizer(bad)


# -- validators (property-based) ------------------------------------------------------------

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


# -- PHONE -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["13812345678", "138-1234-5678", "138 1234 5678", "+86 138 1234 5678", "+8613812345678", "19912345678"],
)
def test_mobile_formats(recognizers, number):
    found = run(recognizers, "phone", f"联系电话{number}，")
    assert [(v, a["kind"]) for _, v, _, a in found] == [(number, "mobile")]


def test_mobile_without_context_is_still_found_but_lower(recognizers):
    bare = run(recognizers, "phone", "其13812345678号码")
    ctx = run(recognizers, "phone", "手机13812345678。")
    assert bare[0][1] == ctx[0][1] == "13812345678"
    assert bare[0][2] < ctx[0][2]


@pytest.mark.parametrize("number", ["010-62345678", "(0371)65551234", "0371-6555123", "（010）62345678", "0755-82345678-801"])
def test_landlines_with_area_code(recognizers, number):
    assert values(recognizers, "phone", f"办公电话{number}。") == [number]


def test_partly_masked_mobile_needs_context(recognizers):
    assert values(recognizers, "phone", "联系电话138****5678。") == ["138****5678"]
    assert values(recognizers, "phone", "编号138****5678。") == []


def test_bare_landline_and_local_number_need_context(recognizers):
    assert values(recognizers, "phone", "电话037165551234") == ["037165551234"]
    assert values(recognizers, "phone", "编码037165551234") == []
    assert values(recognizers, "phone", "电话：65551234。") == ["65551234"]
    assert values(recognizers, "phone", "共计65551234人次") == []


@pytest.mark.parametrize(
    "text",
    [
        "借款13812345678元",  # an amount
        "合计人民币13812345678.00元",
        f"公民身份号码{ID_OK}",  # a phone-like run inside an ID number
        "（2023）豫0102民初13812号",  # a case number
        "2023年1月12日，20230112",  # dates
        "账号6222021234567890128",  # inside an account
        "第13812345678号",
        "11111111111",
        "12345678901",  # no mobile prefix 12x
    ],
)
def test_non_phones(recognizers, text):
    assert values(recognizers, "phone", text) == []


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


# -- PLATE -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plate,kind",
    [
        ("京A12345", "ordinary"),
        ("豫PU094挂", "ordinary"),
        ("粤B·12345", "ordinary"),
        ("京AD12345", "new_energy"),
        ("沪AFA1234", "new_energy"),
        ("京A12345D", "new_energy"),
        ("苏A1234警", "ordinary"),
        ("沪A1234领", "ordinary"),
        ("川A1234学", "ordinary"),
    ],
)
def test_plates(recognizers, plate, kind):
    found = run(recognizers, "plate", f"驾驶{plate}号小型轿车")
    assert [(v, a["kind"]) for _, v, _, a in found] == [(plate, kind)]


@pytest.mark.parametrize("text", ["京ABCDE", "京a12345", "京A1234", "京A123456", "京IO1234"])
def test_non_plates(recognizers, text):
    assert values(recognizers, "plate", text) == []


# -- EMAIL -------------------------------------------------------------------------------------


def test_emails(recognizers):
    assert values(recognizers, "email", "邮箱zhang.wei+law@example.com.cn。") == ["zhang.wei+law@example.com.cn"]
    assert values(recognizers, "email", "联系邮箱：ab_c@qq.com，") == ["ab_c@qq.com"]
    assert values(recognizers, "email", "a@b") == []
    assert values(recognizers, "email", "x@example.c0m") == []


# -- PROPERTY_CERT -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cert",
    [
        "京(2019)海淀区不动产权第0012345号",
        "苏（2020）南京市不动产权第0123456号",
        "X京房权证海字第123456号",
        "京房权证朝私字第012345号",
        "沪房地浦字(2005)第012345号",
        "京海国用(2005)第1234号",
        "京朝国用（2005出）第00123号",
    ],
)
def test_property_certificates(recognizers, cert):
    assert values(recognizers, "property_cert", f"取得{cert}，") == [cert]


def test_property_number_after_label(recognizers):
    assert values(recognizers, "property_cert", "房产证号：1102345678，") == ["1102345678"]
    assert values(recognizers, "property_cert", "编号：1102345678，") == []


# -- PASSPORT ------------------------------------------------------------------------------------


def test_passport_needs_context(recognizers):
    assert values(recognizers, "passport", "护照号码E12345678，") == ["E12345678"]
    assert values(recognizers, "passport", "护照号EA1234567") == ["EA1234567"]
    assert values(recognizers, "passport", "编号E12345678，") == []
    # other countries' numbers right after the label: digits only, letters and digits mixed
    assert values(recognizers, "passport", "美利坚合众国国籍，护照号码514564200，住") == ["514564200"]
    assert values(recognizers, "passport", "德国国籍，护照号：C01X00T47。") == ["C01X00T47"]
    assert values(recognizers, "passport", "护照号码为110101199001011237") == []  # an ID number is not one


def test_permits(recognizers):
    assert values(recognizers, "passport", "往来港澳通行证C12345678") == ["C12345678"]
    assert values(recognizers, "passport", "台胞证号码12345678。") == ["12345678"]
    assert values(recognizers, "passport", "回乡证H1234567801") == ["H1234567801"]
    # a bare 8-digit number next to 护照 is not a 台胞证 number
    assert values(recognizers, "passport", "护照有效期至20251231") == []


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


# -- ADDRESS -----------------------------------------------------------------------------------


def address_parts(recognizers, text):
    return [(e, v) for e, v, _, _ in run(recognizers, "address", text)]


@pytest.mark.parametrize(
    "text,admin,detail",
    [
        ("汉族，住北京市海淀区中关村大街1号院3号楼502室。", "北京市海淀区", "中关村大街1号院3号楼502室"),
        ("住所地北京市朝阳区建国路88号。", "北京市朝阳区", "建国路88号"),
        ("现住河南省郑州市金水区经三路15号院2号楼1单元302号系原告之子", "河南省郑州市金水区", "经三路15号院2号楼1单元302号"),
        ("户籍地内蒙古自治区呼和浩特市新城区海东路3号，", "内蒙古自治区呼和浩特市新城区", "海东路3号"),
        ("住海淀区中关村南大街5号", "海淀区", "中关村南大街5号"),
        ("住江苏省苏州市昆山市玉山镇同心村5组，", "江苏省苏州市昆山市", "玉山镇同心村5组"),
        ("家住湖北省恩施土家族苗族自治州恩施市舞阳坝街道金桂社区2组，", "湖北省恩施土家族苗族自治州恩施市", "舞阳坝街道金桂社区2组"),
        ("住上海市浦东新区张江路100弄5号601室", "上海市浦东新区", "张江路100弄5号601室"),
        ("住广东省广州市天河区天河路1号", "广东省广州市天河区", "天河路1号"),
        ("住南京市鼓楼区中山路8号", "南京市鼓楼区", "中山路8号"),
        ("住重庆市荣昌县昌元街道昌州大道西段", "重庆市荣昌县", "昌元街道昌州大道西段"),
        ("经常居住地：长阳土家族自治县龙舟坪镇郑家榜村", "长阳土家族自治县", "龙舟坪镇郑家榜村"),
        ("暂住在河北省石家庄市长安区阳光小区3栋2单元501室。", "河北省石家庄市长安区", "阳光小区3栋2单元501室"),
    ],
)
def test_address_split_admin_detail(recognizers, text, admin, detail):
    parts = address_parts(recognizers, text)
    assert ("ADDRESS_ADMIN", admin) in parts
    assert ("ADDRESS_DETAIL", detail) in parts
    # the two spans touch: nothing of the address is left between them
    found = run(recognizers, "address", text)
    a = next(r for r in recognizers["address"].analyze(text, None) if r.entity_type == "ADDRESS_ADMIN")
    d = next(r for r in recognizers["address"].analyze(text, None) if r.entity_type == "ADDRESS_DETAIL" and text[r.start : r.end] == detail)
    assert a.end == d.start
    assert found[0][3]["cue"]


# Names the suffix rules alone get wrong (乡 inside a name, 州 before 省, 市 before 民, 县区,
# long banner names) and bare 住 right after a name; details that are only 街道/乡 + 村委会.
@pytest.mark.parametrize(
    "text,admin,detail",
    [
        ("李某住河南省许昌市魏都区黄泥镇西坡村。", "河南省许昌市魏都区", "黄泥镇西坡村"),
        ("王某住临夏回族自治州东乡族自治县青山街道周庄村委会八组。", "临夏回族自治州东乡族自治县", "青山街道周庄村委会八组"),
        ("住山东省济宁市金乡县永丰镇后湾村四组，", "山东省济宁市金乡县", "永丰镇后湾村四组"),
        ("住河南省新乡市延津县刘集镇王楼村委会十组。", "河南省新乡市延津县", "刘集镇王楼村委会十组"),
        ("住贵州省遵义市余庆县育才东路175号院2号楼3单元2903室。", "贵州省遵义市余庆县", "育才东路175号院2号楼3单元2903室"),
        ("住张掖市民乐县青年路345号金地家园33栋3单元1902室。", "张掖市民乐县", "青年路345号金地家园33栋3单元1902室"),
        ("住江西省赣州市赣县区梅林镇东风村，", "江西省赣州市赣县区", "梅林镇东风村"),
        ("住阿拉善盟额济纳旗高村镇沙日嘎查93号。", "阿拉善盟额济纳旗", "高村镇沙日嘎查93号"),
        ("住内蒙古自治区包头市达尔罕茂明安联合旗桥头苏木沙日村六组。", "内蒙古自治区包头市达尔罕茂明安联合旗", "桥头苏木沙日村六组"),
        ("住嘉兴市桐乡市黄泥街道前营村。", "嘉兴市桐乡市", "黄泥街道前营村"),
        ("住南阳市社旗县安乐街道马庄村委会。", "南阳市社旗县", "安乐街道马庄村委会"),
        ("周某住宁波市镇海区长岭乡后湾村委会。", "宁波市镇海区", "长岭乡后湾村委会"),
    ],
)
@pytest.mark.parametrize("dictionary", [True, False], ids=["dictionary", "suffix-rules-only"])
def test_address_hard_admin_names(recognizers, text, admin, detail, dictionary):
    from redactor.recognizers.address import AddressRecognizer

    AddressRecognizer.use_dictionary = dictionary
    try:
        parts = address_parts(recognizers, text)
    finally:
        AddressRecognizer.use_dictionary = True
    assert parts == [("ADDRESS_ADMIN", admin), ("ADDRESS_DETAIL", detail)]


@pytest.mark.parametrize(
    "text,units,detail",
    [
        # invented names, in no dictionary: the suffix rules read them
        ("张某住黑水省白岭市青石县柳河镇东岗村3组。", ["黑水省", "白岭市", "青石县"], "柳河镇东岗村3组"),
        ("住云岭省金沙州乡宁塘县大坪乡新寨村委会。", ["云岭省", "金沙州", "乡宁塘县"], "大坪乡新寨村委会"),
        ("住乌兰察布市察哈尔右翼西旗白音镇", ["察哈尔右翼西旗"], "白音镇"),
    ],
)
def test_address_names_outside_the_dictionary(recognizers, text, units, detail):
    from redactor.recognizers.address import load_admin_divisions

    assert not set(units) & set(load_admin_divisions())
    admin = text[text.index("住") + 1 : text.index(detail)]
    assert address_parts(recognizers, text) == [("ADDRESS_ADMIN", admin), ("ADDRESS_DETAIL", detail)]


@pytest.mark.parametrize("text", ["他一把抓住河边的树枝。", "记住了路线", "民警当场控制住张某。", "被告人挡住城区道路"])
def test_bare_zhu_after_a_word_needs_an_administrative_unit(recognizers, text):
    assert address_parts(recognizers, text) == []


def test_address_starting_at_a_town(recognizers):
    assert address_parts(recognizers, "男，汉族，住城关镇东关村3组。") == [("ADDRESS_DETAIL", "城关镇东关村3组")]


def test_address_stops_where_prose_begins(recognizers):
    parts = address_parts(recognizers, "卢某在其住所武胜县沿口镇东升街12号容留李某吸毒")
    assert ("ADDRESS_DETAIL", "沿口镇东升街12号") in parts
    parts = address_parts(recognizers, "某公司（住所地北京市海淀区农大南路1号院2号楼2层）签订合同")
    assert parts == [("ADDRESS_ADMIN", "北京市海淀区"), ("ADDRESS_DETAIL", "农大南路1号院2号楼2层")]


def test_address_admin_only(recognizers):
    assert address_parts(recognizers, "被告住所地在北京市海淀区，本院有管辖权") == [("ADDRESS_ADMIN", "北京市海淀区")]


def test_address_exact_offsets_and_cue(recognizers):
    text = "被告：李某某，女，1990年1月1日出生，住所地：北京市西城区金融街9号。"
    results = recognizers["address"].analyze(text, None)
    spans = sorted((r.start, r.end, r.entity_type) for r in results)
    start = text.index("北京市")
    assert spans == [(start, start + 6, "ADDRESS_ADMIN"), (start + 6, start + 6 + len("金融街9号"), "ADDRESS_DETAIL")]
    assert all(r.recognition_metadata["redactor_attrs"]["cue"] == "住所地" for r in results)


@pytest.mark.parametrize(
    "text",
    [
        "原告住院治疗期间花费医疗费",
        "带孩子回家住后原告向东辽县人民法院提起诉讼",
        "，住户所欠房款经结算后一律交村委会",
        "该市场位于城区",
        "判处管制，依法实行社区矫正，由居住地社区矫正机构负责执行",
        "毕某也居住在该宿舍内看管被害人",
        "被告人家住本村",
    ],
)
def test_non_addresses(recognizers, text):
    assert address_parts(recognizers, text) == []


def test_detail_patterns_without_cue(recognizers):
    assert values(recognizers, "address", "被告在中山路12号开设店铺") == ["中山路12号"]
    assert values(recognizers, "address", "位于张庄村5组的房屋") == ["张庄村5组"]
    assert values(recognizers, "address", "坐落于嘉城花园3栋2单元1003室的房屋") == ["嘉城花园3栋2单元1003室"]
    assert values(recognizers, "address", "在对该小区1栋601室进行搜查") == ["1栋601室"]
    # an entrance (门) instead of a unit (单元)
    assert values(recognizers, "address", "位于漾濞彝族自治县海棠名苑13号楼2门601号的房屋") == ["海棠名苑13号楼2门601号"]
    assert values(recognizers, "address", "住建设路8号3号楼2门101室") == ["建设路8号3号楼2门101室"]


# -- CASE_NUMBER -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number,case_type,instance",
    [
        ("（2023）豫0102民初1234号", "civil", "first"),
        ("(2020)京01刑终45号", "criminal", "second"),
        ("〔2019〕最高法行申123号", "administrative", "retrial_application"),
        ("(2011)荣4民初字第1929号", "civil", "first"),
        ("（2018）粤0305执异12号", "enforcement", "enforcement_objection"),
        ("【2021】苏委赔1号", "state_compensation", None),
    ],
)
def test_case_numbers(recognizers, number, case_type, instance):
    found = run(recognizers, "case_number", f"本院作出{number}判决")
    assert [v for _, v, _, _ in found] == [number]
    attrs = found[0][3]
    assert attrs["case_type"] == case_type
    assert attrs.get("instance") == instance


def test_property_certificate_is_no_case_number(recognizers):
    assert values(recognizers, "case_number", "京(2019)海淀区不动产权第0012345号") == []


# -- splitting for the model -----------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="张伟住北京。，；\n0123", max_size=2000), st.integers(5, 300))
def test_split_for_model_round_trip(text, max_chars):
    pieces = split_for_model(text, max_chars)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= max_chars for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)


def test_card_numbers_whose_groups_a_pdf_line_wrap_merged(recognizers):
    # 6219 7753 3550 7191 wrapped after 6219: the reader joins the lines without the space
    assert values(recognizers, "bank_account", "账户（账号62197753 3550 7191）向原告") == ["62197753 3550 7191"]
    assert values(recognizers, "bank_account", "卡号6225 21035527 4219，") == ["6225 21035527 4219"]
    # not a card: 20 digits in groups, or amounts
    assert values(recognizers, "bank_account", "共计2023 1234 5678 9012 3456元") == []
