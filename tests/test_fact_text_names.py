"""Names in bare fact text (issue 14): read from the grammar of a judgment, on the shapes of
real published sentences (XXCQ criminal facts, LeCaRD judgments), through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.apply import apply_edits, edits_from_decisions
from redactor.audit import HmacKey
from redactor.document import Document, DocumentFormat, OffsetMap
from redactor.pipeline import RunConfig, analyze
from redactor.policy import load_policy
from redactor.structure import name_at, parse_structure

_CONFIGS = {p: RunConfig(policy=load_policy(p), hmac_key=HmacKey(b"t", "t"), ner="judgment")
            for p in ("strict", "spc2016")}


def run(text: str, profile: str):
    doc = Document(Path("t.txt"), DocumentFormat.TXT, text, OffsetMap(), "0" * 64)
    doc.offset_map.add(0, len(text), ("txt",), 0)
    _st, _findings, outcome = analyze(doc, _CONFIGS[profile])
    return outcome, apply_edits(text, edits_from_decisions(outcome.decisions))


# (sentence, name, its Art. 9 form under strict)
AFTER_A_ROLE_WORD = [
    ("被告人马祥武归案后如实供述自己的罪行。", "马祥武", "马某"),
    ("2018年9月，被告人应未来于2018年10月3日在本市盗窃电动车一辆。", "应未来", "应某"),
    ("原告邹开心通过京东商城购买了一台冰箱。", "邹开心", "邹某"),
    ("窃得被害人周全蓝色电动车一辆。", "周全", "周某"),
    ("被告人伊琳娜·索科洛娃在当阳市某超市内盗窃化妆品。", "伊琳娜·索科洛娃", "伊某"),
    ("被告人敖其尔至本市某小区盗窃。", "敖其尔", "敖某"),
    ("被告人旦增次珍在拉萨市某商场内盗窃手机一部。", "旦增次珍", "旦某"),
    ("被告人车欢在本市某路段盗窃电瓶。", "车欢", "车某"),
    ("2018年5月7日23时许，被告人向开心走至本市秀峰区某巷内。", "向开心", "向某"),
    ("被告人王俊旭窜至本市某小区。", "王俊旭", "王某"),
    ("被告人汤翀璟系澄迈县某砖厂（普通合伙）负责人。", "汤翀璟", "汤某"),
]


@pytest.mark.parametrize("text,name,form", AFTER_A_ROLE_WORD)
def test_a_name_right_after_a_role_word_is_masked(text, name, form):
    _outcome, red = run(text, "strict")
    assert name not in red and form in red, red


def test_a_sentence_that_starts_with_a_role_word_is_no_party_header():
    st = parse_structure("被告人马祥武归案后如实供述自己的罪行。")
    assert not any(p.is_org for p in st.people.values())
    assert st.cue_roles.get("马祥武") == "criminal_defendant"


def test_the_reading_with_the_strongest_evidence_after_it_wins():
    assert name_at("李强窜至本市", 0) == 2  # 窜至 follows a name: not 李强窜
    assert name_at("车欢在本市", 0, person_cue=True) == 2  # after 被告人: 车 is a surname
    assert name_at("应未来于2018年", 0) == 3
    assert name_at("方提交的证据", 0) is None  # 方 is a word (原告方提交…)


LISTS = [
    ("被告人陈斌、王铭霖、王俊旭窜至本市某小区。", ["陈斌", "王铭霖", "王俊旭"]),
    ("被告人石磊、熊伟纠合他人至某村。", ["石磊", "熊伟"]),
    ("被告人石磊和熊伟纠合他人至某村。", ["石磊", "熊伟"]),
    ("2018年5月31日7时许，被告人朴成浩、关胜利、闫俊6人在某地下通道处盗窃。", ["朴成浩", "关胜利", "闫俊"]),
    ("1.2018年4月16日12时许，被告人陈某华、吉日嘎拉二人在某小区盗窃。", ["吉日嘎拉"]),
]


@pytest.mark.parametrize("text,names", LISTS)
def test_every_defendant_of_a_list_is_masked_under_strict_and_kept_under_spc2016(text, names):
    outcome, red = run(text, "strict")
    assert not any(n in red for n in names), red
    outcome, red = run(text, "spc2016")
    assert all(red.count(n) == text.count(n) for n in names), red
    assert all(outcome.person_roles.get(n) == "criminal_defendant" for n in names), outcome.person_roles


@pytest.mark.parametrize("text,names", [
    ("被告人雷某伙同杨瑞、潘英至长丰县某商铺盗窃电线。", ["杨瑞", "潘英"]),
    ("公安民警阮美玲、吉日嘎拉追上被告人并将其抓获。", ["阮美玲", "吉日嘎拉"]),
    ("老板严潇珈被迫拿出现金2000元。", ["严潇珈"]),
    ("被告人将从杨瑞、潘英处购买的香烟卖出。", ["杨瑞", "潘英"]),
])
def test_names_after_other_cues_are_masked_in_both_profiles(text, names):
    for profile in ("strict", "spc2016"):
        _outcome, red = run(text, profile)
        assert not any(n in red for n in names), (profile, red)


@pytest.mark.parametrize("text,name", [
    ("被告人贺某盗走骆慧停放在幸福世家小区2栋地下室的电动车。", "骆慧"),
    ("窃得部分手机后，被告人将手机卖给任山，卖得100元。", "任山"),
    ("2、2017年12月22日6时许，唐学习再次来到西安市某学院南校区。", "唐学习"),
    ("趁董钰休息时，秘密窃取董钰放在床头的手机。", "董钰"),
    ("经统计，纪璟潇通过前述两种方式骗逃通行费用。", "纪璟潇"),
])
def test_names_with_no_role_word_are_read_from_the_grammar(text, name):
    _outcome, red = run(text, "strict")
    assert name not in red, red


@pytest.mark.parametrize("text", [
    "依照《中华人民共和国刑法》第二百六十四条之规定，违法所得的一切财物，应当予以追缴。",
    "上述事实，有被告人供述、证人证言、户籍证明、到案经过等证据证实。",
    "经审理查明，原判认定的事实与查明的事实一致。",
    "被告人到案后，能如实供述其犯罪事实，曾因犯盗窃罪被判刑。",
    "未经对方同意，不得擅自变更，致使被害人重伤、死亡。",
    "周惠安想把炉子向车下抬，店主向南跑。",
])
def test_legal_and_ordinary_words_are_not_read_as_names(text):
    for profile in ("strict", "spc2016"):
        outcome, red = run(text, profile)
        assert red == text or "周惠安" in text, (profile, red)
        assert not any(d.finding.value in ("供述", "查明", "能如实", "曾因犯", "国刑法", "应当予", "方同意", "重伤",
                                           "向南跑", "车下抬") for d in outcome.decisions)


@pytest.mark.parametrize("text,names", [
    ("被告人骆欣婷伙同易静妍、江新华（二人另案处理）经预谋后，驾车到某小区。", ["易静妍", "江新华"]),
    ("被告人唐雨敏伙同常文、常飞（均已判决），来到某医院对面路边。", ["常文", "常飞"]),
    ("被告人雷雅红伙同莫秋轩（刑拘在逃）至长丰县某商铺。", ["莫秋轩"]),
])
def test_spc2016_anonymizes_persons_dealt_with_in_another_case(text, names):
    outcome, red = run(text, "spc2016")
    assert not any(n in red for n in names), red
    assert all(outcome.person_roles.get(n) == "co_offender_elsewhere" for n in names)
    defendant = text[3:6]
    assert defendant in red  # the defendant of this case stays (Art. 11(1))
    article = next(d.article for d in outcome.decisions if d.role == "co_offender_elsewhere")
    assert "第十一条" in article


@pytest.mark.parametrize("text,gone,kept", [
    ("被告人王某暂住处杭州市下城区西文街中粮方圆府10幢604房间。", "西文街中粮方圆府10幢604房间", "暂住处杭州市下城区"),
    ("被告人王某在其租住屋（汉滨区江北中渡村一组215号）内将手机藏匿。", "江北中渡村一组215号", "租住屋（汉滨区"),
    ("被告人王某，住所地莆田市城厢区振兴镇健康村4组77号。", "振兴镇健康村4组77号", "住所地莆田市城厢区"),
])
def test_a_natural_persons_home_in_the_facts_is_cut_to_the_district(text, gone, kept):
    for profile in ("strict", "spc2016"):
        _outcome, red = run(text, profile)
        assert gone not in red and kept in red, (profile, red)


def test_an_organisations_domicile_in_the_facts_stays():
    text = "被告福建某某贸易有限公司，住所地莆田市城厢区振兴镇健康村4组77号。"
    _outcome, red = run(text, "spc2016")
    assert "振兴镇健康村4组77号" in red


def test_a_bank_card_named_by_its_bank_is_deleted_even_when_its_checksum_fails():
    number = "6222021234567890123"  # fails Luhn
    text = f"被告人将被害人工行的{number}卡内存款2万元转走。"
    for profile in ("strict", "spc2016"):
        _outcome, red = run(text, profile)
        assert number not in red, (profile, red)


def test_hepatitis_is_health_data_in_a_privacy_case():
    text = "原告张某与被告李某隐私权纠纷一案。经审理查明，被告在微信群中称原告患有乙型病毒性肝炎。"
    _outcome, red = run(text, "spc2016")
    assert "乙型病毒性肝炎" not in red


@pytest.mark.parametrize("text, name", [
    ("2018年4月的一天，被告人迟春天翻墙进入六安市裕安区某小区。", "迟春天"),  # 迟: a surname outside 百家姓
    ("宽甸镇某网吧内，被告人隋树林趁被害人王某熟睡之机盗走手机一部。", "隋树林"),
    ("被告人伊藤健太伙同他人窜至本市某小区。", "伊藤健太"),  # a Japanese surname in Han script
])
def test_names_with_surnames_beyond_the_classic_list_are_read(text, name):
    _o, strict = run(text, "strict")
    assert name not in strict
    _o, spc = run(text, "spc2016")
    assert name in spc  # a defendant, kept under spc2016


def test_the_last_member_of_a_defendant_list_is_a_defendant_under_spc2016():
    # real shape: 被告人A、B经商谋，驾驶… — B runs into the sentence, the list reader finds it
    text = "2017年12月25日6时许，被告人周欣怡、农家旻经商谋，驾驶一辆二轮摩托车来到海丰县某镇。"
    _o, spc = run(text, "spc2016")
    assert "周欣怡" in spc and "农家旻" in spc
    _o, strict = run(text, "strict")
    assert "农家旻" not in strict


def test_a_sentence_ending_in_a_count_is_no_organisation_header():
    # 被害人X…手机1部，: 部 counts the phone; the line is no victim organisation's header
    st = parse_structure("被害人徐希望金立GN3003手机1部，价值200元；")
    assert not any(ns.is_org for ns in st.name_spans)


def test_a_householder_named_after_hu_zhu_is_masked():
    _o, out = run("某日凌晨，被告人攀爬阳台进入某室内实施盗窃，窃得户主宋树林现金人民币800余元。", "spc2016")
    assert "宋树林" not in out


@pytest.mark.parametrize("text, name", [
    ("裕安区某镇某村**组林太平家，未盗得财物。", "林太平"),  # the address's last unit, then 家
    ("门进入*号楼*单元**室刘建设家中，盗窃现金3000元。", "刘建设"),
    ("赣县沙地105国道旁看到何长青停放的没有拔钥匙的黑色女式助力车。", "何长青"),
    ("被告人刘某驾驶其电动三轮车到蒲江县某处，将孙璟停放在路边的电瓶车的电瓶盗走。", "孙璟"),
    ("被告人杨某在崇州市某医院附近，盗窃李红旗停放在路边一辆电动三轮车。", "李红旗"),  # 红旗: no banner
])
def test_an_owner_named_by_the_address_or_the_verb_before_is_masked(text, name):
    _o, out = run(text, "spc2016")
    assert name not in out


@pytest.mark.parametrize("text, name", [
    ("家属已赔偿被害人陈婕15000元，已取得谅解。", "陈婕"),  # an amount ends the name
    ("采取同样手段进入被害人高快乐位于渭滨区某小区的家中，盗走现金。", "高快乐"),
    ("2018年4月16日凌晨，被告人松本明美窜至某县人民医院。", "松本明美"),  # 松本 is a word too
])
def test_names_after_a_person_cue_end_where_the_sentence_goes_on(text, name):
    _o, out = run(text, "strict")
    assert name not in out


def test_an_ordinal_compound_surname_word_is_not_read_as_a_name():
    from redactor.structure import plausible_name
    text = "依照第五项中的规定"
    assert not plausible_name(text, 2, 6)
