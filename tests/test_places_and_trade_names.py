"""Places and businesses a model reads as persons (issue 14, over-redaction): the end of a
longer place name (九[龙镇], 陈[家镇], 官[庄村]; not 村委长[田村]: 长 ends a title), a place before its government (陈贵镇政府), and a
string the judgment itself uses as a place or a trade name (吉庆茶楼, 马山商务宾馆). Sentence
shapes read off the LeCaRD tune split, with the real pipeline (rules and the shipped model)
where the model decides, and NotNames where the grammar does.
"""

from __future__ import annotations

import pytest

from redactor.not_names import NotNames
from tests.helpers.text_pipeline import redact, why_not_a_name as _why


@pytest.mark.parametrize("text, value", [
    ("时任绵竹市九龙镇副镇长的被告人蒋发贵", "龙镇"),
    ("至崇明区陈家镇新桥村8队，窃得电缆", "家镇"),
    ("在清化镇官庄村领航网吧门口", "庄村"),
    ("牧原农牧有限公司在龙曲镇张山村投资修建养猪场", "山村"),
    ("在铜鼓县温泉镇万家岭拟建红砖隧道窑", "家岭"),
])
def test_two_characters_ending_a_longer_place_name_are_a_place(text, value):
    assert _why(text, value) == "place"


@pytest.mark.parametrize("text, value", [
    ("被告人李四将钱交给王镇，王镇收下。", "王镇"),   # after 给: a person
    ("镇长王村主持会议。", "王村"),                    # after a role word: a person
    ("被告人王镇于2019年盗窃。", "王镇"),              # after a role word
])
def test_a_two_character_name_ending_in_a_unit_stays_a_name_where_a_person_is_introduced(text, value):
    assert _why(text, value) is None


def test_a_place_before_its_government_or_a_village_before_zhuang_cun_is_a_place():
    text = "工程款由陈贵镇政府拨付，他借开的走私车在王官庄村发生车祸。"
    assert _why(text, "陈贵", model=False) == "place"
    assert _why(text, "王官", model=False) == "place"


@pytest.mark.parametrize("text, value", [
    ("在株洲市荷塘区天鹅花园吉庆茶楼二楼开设赌场", "吉庆"),
    ("被告人谭猛在绍兴市越城区马山商务宾馆被抓获", "马山"),
    ("便商量在此地开办众鑫砖厂", "众鑫"),
    ("刘勋田等人来到武冈大酒店8088房间", "武冈"),
    ("张某戊在某村佳佳烧烤店内", "佳佳"),
])
def test_a_trade_name_runs_on_into_its_business(text, value):
    i = text.find(value)
    assert NotNames(text).starts_trade_name(i + len(value))


@pytest.mark.parametrize("text, value", [
    ("被告人张伟到宾馆开房。", "张伟"),
    ("李四回酒店休息。", "李四"),
    ("王五住旅馆。", "王五"),
    ("张伟向星光有限公司借款。", "张伟"),
])
def test_a_person_going_to_a_business_is_no_trade_name(text, value):
    i = text.find(value)
    assert not NotNames(text).starts_trade_name(i + len(value))


# Whole passages where the shipped model reads a place or a trade name as a person at one
# mention; before the vote every mention of it was renamed (九龙某, 吉某2, 马某商务宾馆, 众某砖厂). The persons around them are still masked.
@pytest.mark.parametrize("text, kept, masked", [
    ("2011年期间，时任绵竹市九龙镇副镇长的被告人蒋发贵与该镇的商人刘某某相识。商人刘某某找到时任绵竹市"
     "九龙镇党委书记的蒋发贵。刘某某将20万元中的10万元自己留下后，给时任九龙镇党委书记的李泽贵分了3万元。",
     "九龙镇", "蒋发贵"),
    ("被告人丁某某在株洲市荷塘区天鹅花园吉庆茶楼二楼开设赌场。因为吉庆楼的生意不好，刘某某与蔡某某商量，"
     "以吉庆楼麻将馆作价6万元入股，我和陈某某是以吉庆茶馆入股。", "吉庆", None),
    ("被告人谭猛在绍兴市越城区马山商务宾馆被警察抓获归案。其等人就又改到马山吃宵夜，在马山打架的时候，"
     "双方都有砍刀。", "马山", "谭猛"),
    ("被告人张水平与李某商量在此地开办众鑫砖厂。她自己负责资金的周转，众鑫一起开采低质煤的具体数量不清楚。"
     "众鑫砖厂的账目由张某记录。", "众鑫", "张水平"),
])
def test_a_place_or_trade_name_the_judgment_uses_as_such_is_not_renamed(text, kept, masked):
    red = redact(text)
    assert red.count(kept) == text.count(kept), red
    if masked:
        assert masked not in red, red


def test_a_person_beside_a_business_is_still_masked():
    text = ("经查，张志强在宾馆内与李某发生争执，张志强驾车到宾馆后离开。"
            "被告人王建国经营建国五金店，王建国于2019年3月盗窃电缆。")
    red = redact(text)
    assert "张志强" not in red and "王建国" not in red, red
    # the owner of a household's shop is named, not the shop (杨凤户门市部)
    text = "经查，被告人姚某又到某街超市对面杨凤户门市部盗走香烟13条。"
    i = text.find("杨凤")
    assert not NotNames(text).starts_trade_name(i + 2)


def test_health_words_and_makes_are_no_names():
    text = ("腿部与手部多处有红肿皮炎，无口吐白沫，身体遭受钝性外力作用。签订厂商银授信合作协议。"
            "盗窃一辆黑色建设-雅马哈牌JS110-B型摩托车、24K金“老凤祥”牌金鸡心1枚。")
    nn = NotNames(text)
    for value in ("皮炎", "白沫", "外力", "厂商银", "雅马哈", "老凤祥"):
        i = text.find(value)
        assert nn.vetoes(i, i + len(value)) is not None, value
    # a name that starts like one of them, and a name before 牌照, stay names
    text = "被害人皮小明的车牌照被张伟牌照遮挡。"
    nn = NotNames(text)
    for value in ("皮小明", "张伟"):
        i = text.find(value)
        assert nn.vetoes(i, i + len(value)) is None, value


# A mine is named like a business (a LeCaRD judgment on mining rights, round 8): before, 龙兴 was
# 龙某2 before 铅锌矿 and the model's 龙兴矿 was a person of its own, 龙某3.
MINES = ("经审理查明：灵川大境金丰采选厂、灵川大境龙兴铅锌矿、灵川县龙兴铅锌铜矿均停产。证人林敦尚实际和龙兴矿没有关系。"
         "2010年左右，证人林敦尚称想收购龙兴矿，其与秦某以4500万元的价格收购龙兴矿100％的股权，并从龙兴矿将全部证件取走。"
         "林敦尚不是龙兴矿的所有人。另外龙川金矿的采矿权人是某公司，其登陆龙川金矿网站看到该矿。")


def test_a_mine_the_judgment_names_is_no_person():
    red = redact(MINES)
    assert red.count("龙兴") == MINES.count("龙兴"), red
    assert red.count("龙川金矿") == MINES.count("龙川金矿"), red
    assert "林敦尚" not in red, red  # the witness who bought it is still masked


@pytest.mark.parametrize("text, value", [
    ("经查，李四在矿上干活。", "李四"),
    ("被告人张伟于宾馆内被抓获。", "张伟"),
])
def test_a_person_at_a_business_is_no_trade_name(text, value):
    i = text.find(value)
    assert not NotNames(text).starts_trade_name(i + len(value))


@pytest.mark.parametrize("text, value", [
    ("600万元，位于上海市闵行区黄桦路俊领国际购买酒店式公寓2间", "黄桦路"),
    ("甲等人乘车经过原襄樊市樊城区松鹤路时，发现与阳华军有隙的李某", "松鹤"),
    ("干石某某（另案处理）和资阳区张家塞乡农机专干皮某某（另案处理）", "张家"),
    ("省地质局对湘东区荷尧镇大义村李家湾长坡煤矿周边非法采矿", "李家湾"),
])
def test_a_road_or_township_after_a_district_is_a_place(text, value):
    assert _why(text, value) == "place"


@pytest.mark.parametrize("text, value", [
    ("被告人王某在朝阳区张伟家中盗窃", "张伟"),
    ("被害人在海淀区李明路过时被撞", "李明"),   # 路过 is a verb, not a road
])
def test_a_person_after_a_district_is_still_a_person(text, value):
    assert _why(text, value) is None


def test_a_township_named_after_a_family_is_a_place_anywhere():
    # 茈湖口镇、张家塞乡: X家 then one character and 乡 is a township's name, after a district or not
    out = redact("将采棉机免费发放给茈湖口镇、张家塞乡两地农户，并提供农户签名。因只有张家塞乡和茈湖口镇种植了棉花。")
    assert out.count("张家塞乡") == 2
