"""ONLINE_ACCOUNT (rules/recognizers/online_account.yaml): WeChat IDs, QQ numbers and account
names, the contact details real judgments quote in facts and statements; ordinary Latin words
and numbers without an account cue stay."""

from __future__ import annotations

from tests.helpers.rule_results import values


def test_wechat_generated_ids_anywhere(recognizers):
    assert values(recognizers, "online_account", "对方用wxid_h71bs8ga47hi22向其转账") == ["wxid_h71bs8ga47hi22"]


def test_account_names_after_an_account_cue(recognizers):
    assert values(recognizers, "online_account", "我的微信号码“xu1314wei1314”") == ["xu1314wei1314"]
    assert values(recognizers, "online_account", "微信（账号：liuwei746）") == ["liuwei746"]
    assert values(recognizers, "online_account", "两个微信（账号分别是：wei369liu、wxid_36e4qdcdjw6s22）") == [
        "wei369liu", "wxid_36e4qdcdjw6s22"]


def test_qq_numbers_only_after_qq(recognizers):
    assert values(recognizers, "online_account", "被告人QQ号123456789，") == ["123456789"]
    assert values(recognizers, "online_account", "被告人共盗窃123456789元，") == []


def test_words_and_codes_without_a_cue_or_a_digit_stay(recognizers):
    assert values(recognizers, "online_account", "他用iPhone手机通过微信转账，到KTV唱歌") == []
    assert values(recognizers, "online_account", "编号ABC123456，型号JKYJ-1KV-50") == []
