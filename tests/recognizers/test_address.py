"""ADDRESS_ADMIN / ADDRESS_DETAIL (rules/recognizers/address.yaml): addresses split into the county
and what is below it."""

from __future__ import annotations

import pytest

from tests.helpers.rule_results import run, values


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
    address = recognizers["address"]  # this test's own instance (build_analyzer(admin_dictionary=False))
    address.use_dictionary = dictionary
    try:
        parts = address_parts(recognizers, text)
    finally:
        address.use_dictionary = True
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
