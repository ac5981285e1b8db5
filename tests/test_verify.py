"""verify: a masked value readable in the written file fails it, even where the same value
is also legitimately kept elsewhere (张伟 inside a kept 张伟律师事务所)."""

from __future__ import annotations

import pytest

from redactor.document import Action, Decision, Finding
from redactor.errors import VerificationFailed
from redactor.formats import read_document
from redactor.verify import verify_written

TEXT = "原告张伟委托张伟律师事务所催款。张伟的电话为13812345678。\n"


def _decisions(text: str) -> list[Decision]:
    out = []
    for value, cat, repl in (("张伟", "PERSON", "张某"), ("13812345678", "PHONE", "×××")):
        start = 0
        while (i := text.find(value, start)) >= 0:
            start = i + 1
            if text.startswith("张伟律师事务所", i):
                continue  # the firm's name stays
            out.append(Decision(Finding(i, i + len(value), cat, "test", 1.0, value), Action.ANONYMIZE, repl, "r", "a"))
    return out


@pytest.fixture
def doc(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(TEXT, encoding="utf-8")
    return read_document(src)


def test_the_intended_output_passes(doc, tmp_path):
    redacted = "原告张某委托张伟律师事务所催款。张某的电话为×××。\n"
    out = tmp_path / "out.txt"
    out.write_text(redacted, encoding="utf-8")
    verify_written(doc, _decisions(TEXT), redacted, out)


@pytest.mark.parametrize("written", [
    "原告张伟委托张伟律师事务所催款。张某的电话为×××。\n",  # the name once more than the firm allows
    "原告张某委托张伟律师事务所催款。张某的电话为138 1234 5678。\n",  # the phone, spaced out
])
def test_a_value_still_readable_fails(doc, tmp_path, written):
    redacted = "原告张某委托张伟律师事务所催款。张某的电话为×××。\n"
    out = tmp_path / "out.txt"
    out.write_text(written, encoding="utf-8")
    with pytest.raises(VerificationFailed) as exc:
        verify_written(doc, _decisions(TEXT), redacted, out)
    assert "张伟" not in str(exc.value) and "13812345678" not in str(exc.value)
