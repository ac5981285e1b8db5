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
    # X家 is X's home, never a name 白明家
    ("被告人到环县某镇某村某队白明家，使用断线钳剪断大门铁锁。", "白某家"),
])
def test_words_and_verbs_around_the_new_slots_stay(text, kept):
    _outcome, red = run(text, "strict")
    assert kept in red, red
