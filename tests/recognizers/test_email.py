"""EMAIL (rules/recognizers/email.yaml)."""

from __future__ import annotations

from tests.helpers.rule_results import values


# -- EMAIL -------------------------------------------------------------------------------------


def test_emails(recognizers):
    assert values(recognizers, "email", "邮箱zhang.wei+law@example.com.cn。") == ["zhang.wei+law@example.com.cn"]
    assert values(recognizers, "email", "联系邮箱：ab_c@qq.com，") == ["ab_c@qq.com"]
    assert values(recognizers, "email", "a@b") == []
    assert values(recognizers, "email", "x@example.c0m") == []
