"""Names in bare fact text, round 10 (issue 14 item 2): the grammatical slots the fact-text
grammar did not read yet, on the shapes of real published sentences (XXCQ criminal facts, CJRC
paragraphs), through the real pipeline under strict. Each case failed before the rule it names."""

from __future__ import annotations

import pytest

from tests.test_fact_text_names import run

# (sentence, name, its Art. 9 form under strict)
CASES = [
    # a minority name of one element after a cue only a person follows (minority_name_elements.txt)
    ("2018年7月16日晚上7时许，被告人达来窜至三乡镇平东村某超市。", "达来", "达某"),
    ("接警后，新区派出所民警那仁带领辅警王某、张某出警。", "那仁", "那某"),
    ("被告人黎某家属赔偿被害人宝音5450元。", "宝音", "宝某"),
    ("2018年1月，被告人吉日嘎拉两次潜入某区某小区。", "吉日嘎拉", "吉某"),
    ("2018年5月下旬，被告人旦增贡嘎持探亲签注欲进入香港。", "旦增贡嘎", "旦某"),
    # the object of a verb of returning that jieba fuses with the name (发|还阳|婷)
    ("后公安民警将上述现金发还阳婷。", "阳婷", "阳某"),
    # whose forgiveness was obtained
    ("被告人毛某赔偿被害人10000元，取得了凌欢的谅解。", "凌欢", "凌某"),
    ("被告人房某赔偿了都胜利的相关损失。", "都胜利", "都某"),
    # the subject of a clause a date or a time of day opens
    ("2018年06月份，云晨光在杞县某乡某村盗窃电动车一辆。", "云晨光", "云某"),
    ("当日凌晨4时许，常永远和费某驾驶同一辆五菱面包车窜至某村。", "常永远", "常某"),
    ("1、2017年2月14日吴全伙同易某盗窃。", "吴全", "吴某"),
    ("2018年1月至4月间，赖东方3次在凌晨时分骑自行车盗窃。", "赖东方", "赖某"),
    # where a person lives, what he left
    ("被告人未盗得任何物品。欧爱国住云南省曲靖市师宗县。", "欧爱国", "欧某"),
    ("案发后被告人逃离现场。高团结留下联系电话。", "高团结", "高某"),
    # the householder after the last unit of an address, then 家
    ("被告人窜至华府某栋某单元某室欧爱国家，采取翻窗入室的方式盗窃。", "欧爱国", "欧某"),
    ("被告人到环县某镇某村某队白明家，使用断线钳剪断大门铁锁。", "白明", "白某"),
    ("被告人窜至建平县小塘镇水头村文长江家，盗窃人民币100元。", "文长江", "文某"),
    ("被告人窜至某县经济开发区苗林居委会钱光明家，翻墙入院。", "钱光明", "钱某"),
    # a person named by what he was at the scene
    ("被告人将手机以900元价格卖给老乡万团结，所得钱款二人平分。", "万团结", "万某"),
    ("被告人行出社区大门时被群众孙彩抓住并报案。", "孙彩", "孙某"),
    ("被告人趁保安不备，盗走快递员周金山的两件快递。", "周金山", "周某"),
    ("被告人分别与郭某及吸毒人员向清风、谭前进共同吸食。", "向清风", "向某"),
    ("谷某的姘头沙阳光也在场。", "沙阳光", "沙某"),
    ("原告经案外人文向阳、王某介绍，到被告处工作。", "文向阳", "文某"),
    # a Mongolian name jieba knows as a word, as the householder
    ("被告人王某窜至某县经济开发区苗林居委会宝音家，翻墙入院。", "宝音", "宝某"),
    # a two-character reading whose surname is a preposition, then a fact-text word
    ("2018年6月15日，被告人时驰先后撬锁进入位于某区的被害人家中。", "时驰", "时某"),
    ("采取上述方式，将失主于然放于外衣口袋内的一部手机盗走。", "于然", "于某"),
    # a word-like given name with a function character, bounded by a make or punctuation
    ("在某网吧门口，窃得尚向阳雅迪牌二轮电动车1辆。", "尚向阳", "尚某"),
    ("阿某用现金归还了裴未来；", "裴未来", "裴某"),
    # a Japanese given name with 和
    ("该证据证实：被告人山本和也的供述与辩解；", "山本和也", "山某"),
    # 住 + place after a surname that opens clauses as a word
    ("被告人进行胎儿性别鉴定；应晨光住黑龙江省牡丹江市。", "应晨光", "应某"),
    # words that follow a person
    ("与被告人毕如意相识后，二人对石墩进行盗窃。", "毕如意", "毕某"),
    ("综上，被告人达来秘密通过红包转账转走被害人钱款。", "达来", "达某"),
    ("这时周远方看见谈某和陌生男子一起上车。", "周远方", "周某"),
    ("康某以能帮助冯琰丈夫巴某处理交通事故为由骗取钱财。", "冯琰", "冯某"),
    # a make after a person cue
    ("被告人于某窜至某宿舍，盗走被害人常民主OPPOA37手机1部。", "常民主", "常某"),
    # whose vehicle stood where
    ("被告人伊某发现康娥婕停在路边的红色五羊本田摩托车。", "康娥婕", "康某"),
    # whom the offender beat
    ("持刀、电棒对金胜利进行殴打。", "金胜利", "金某"),
    # surnames read only right after a cue only a person follows (cue_surnames)
    ("5、被告人保新洪于2018年3月31日6时许在本市五华区盗窃。", "保新洪", "保某"),
    ("2018年5月7日11时许，被告人色海洋来到七台河市桃山区某商店。", "色海洋", "色某"),
    ("一天凌晨，被告人谷某伙同宇如意、李某1（均已判决）盗窃。", "宇如意", "宇某"),
    ("被告人黄某伙同阿溟（另案处理）经合谋，盗窃电动车。", "阿溟", "阿某"),
    ("后经派出所民警发现被归还给被害人开佳娥。", "开佳娥", "开某"),
    ("被告人翻入某县某镇某村某组代太平家，盗走家中卧室内的现金。", "代太平", "代某"),
    # a minority name of two elements as the object of a verb of taking
    ("趁被害人杨某熟睡之机，盗窃尼玛顿珠现金200元；", "尼玛顿珠", "尼某"),
    # 撬锁, 开车 follow a person
    ("三、2018年6月，被告人时婳撬锁进入被害人杨某家中。", "时婳", "时某"),
    ("由赵某联系姬刚开车驶入某煤业公司。", "姬刚", "姬某"),
    ("被告人吕某进行搜身以分散其注意力，石骥见状趁机盗走吕某钱包。", "石骥", "石某"),
    # whose room the offender left
    ("后被告人李某离开李姞寝室，带上放在书房门口的笔记本电脑。", "李姞", "李某"),
    # a unit after which only a householder's 家 counts (home_units)
    ("被告人进入某三村西南角牛振兴家院内，盗窃一辆红色电动三轮车。", "牛振兴", "牛某"),
    # 诉称 follows a name (not after 上: 上诉称)
    ("原告温未来诉称，被告拖欠其货款。", "温未来", "温某"),
    # a given name ending in 月 after a person cue, before a fact-text word
    ("报案，公安机关当日将被告人颜珩月在其家中抓获。", "颜珩月", "颜某"),
    # 现金, 放的 follow a person
    ("被告人在室内盗窃李某1现金240元，易未来现金220元。", "易未来", "易某"),
    ("在1号楼西门栋右边被害人赵熠放的一辆电动车被盗。", "赵熠", "赵某"),
    # a partner after a weak 和 where the count says two people
    ("被告人孟某盗窃所得的香烟被其和汪如意二人抽掉或拿去卖钱。", "汪如意", "汪某"),
]


@pytest.mark.parametrize("text,name,form", CASES)
def test_a_name_in_a_grammatical_slot_is_masked(text, name, form):
    _outcome, red = run(text, "strict")
    assert name not in red and form in red, red


@pytest.mark.parametrize("text,kept", [
    # a verb that runs on into a word is no verb before a name (给付|借款, 赔偿费|中…)
    ("扣除部分利息后，杨某实际给付借款156万元。", "付借款"),
    ("赔偿费中有300万元是自己出的。", "赔偿费中有"),
    # a date then 任 is the post someone took
    ("部主任，2011年9月16日任生产经营处处长。", "任生产"),
    # with no comma after the date a one-character follow word proves nothing
    ("期间孙以将其杀害及剁掉其手指相威胁。", "孙以将"),
    # 租住 is a word: the name ends before 租
    ("公安人员对被告人马镕租住的本市某区平房进行搜查。", "马某租住"),
    # 后仅 is no name (仅 is a function word), 时任/时年 are words, 对方/房屋 no names
    ("指使后仅负责望风。", "后仅"),
    ("被告人时任某公司经理，被告人时年三十岁。", "时任某公司经理"),
    ("对方进行殴打。对房屋进行拆除。", "对方进行殴打。对房屋"),
    # a cue then a word or a verb, not a name with an unlisted surname
    ("被告人归案后如实供述。被告人独自来到现场。被告人趁夜来到某村。被告人不构成自首。", "被告人趁夜来到某村。被告人不构成自首"),
    ("其子由陈倩一人独立抚养。民警接王浩报警后赶到。", "其子由"),
    ("被告人保证不再犯，被害人开车离开。", "被告人保证不再犯，被害人开车离开"),
    ("他回到某组代理人家。", "代理人家"),
    ("上诉人金剑上诉称，原判认定事实错误。", "某上诉称"),
    # 内 is no given-name character
    ("篮子里的一个粉红色挎包被盗走，包内有现金500元。", "包内有现金"),
    ("他把冰毒和麻古二人分了。", "冰毒和麻古二人"),
    ("被告人王某同月在本市盗窃。", "同月在本市"),
    ("离开廉江后的第二天，他又回到廉江后便去了。", "离开廉江后的第二天，他又回到廉江后"),
    # X家 is X's home, never a name 白明家
    ("被告人到环县某镇某村某队白明家，使用断线钳剪断大门铁锁。", "白某家"),
])
def test_words_and_verbs_around_the_new_slots_stay(text, kept):
    _outcome, red = run(text, "strict")
    assert kept in red, red


@pytest.mark.parametrize("text,partners", [
    ("在某长途车站停车场，被告人蒋颖珍与张发财共同窃得耿某、谢某电动车电瓶3组。", ["张发财"]),
    ("11月30日，被告人陶雨桐与达瓦卓玛、央金旦增、古梅薇、古亮流窜至平远镇某村，将赵某家一头黄牛盗走。",
     ["达瓦卓玛", "央金旦增", "古梅薇", "古亮"]),
])
def test_the_partners_of_a_joint_act_are_co_defendants(text, partners):
    _outcome, kept = run(text, "spc2016")
    _outcome, masked = run(text, "strict")
    for name in partners:
        assert name in kept, kept  # spc2016 keeps defendants (Art. 11(1))
        assert name not in masked, masked


def test_a_partner_in_life_or_one_dealt_with_elsewhere_is_no_co_defendant():
    from redactor.structure import parse_structure

    assert parse_structure("被告人张三与李四共同生活多年，后因琐事发生争执。").cue_roles.get("李四") != "criminal_defendant"
    _outcome, red = run("日凌晨4时许，被告人柳承敏与何太平、熊宇宙、张力量（另处）一起盗窃某店。", "spc2016")
    assert "张力量" not in red and "何太平" in red, red
