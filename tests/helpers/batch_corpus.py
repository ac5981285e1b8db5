"""A folder of small civil judgments for the batch, Dask and fault tests: ``make_corpus(root, n)``
writes n documents in two subfolders (a/, b/), each with its own case number and plaintiff;
``config()`` is a run's settings without NER (fast) and with a fixed audit key."""

from __future__ import annotations

from pathlib import Path

from redactor.audit import HmacKey
from redactor.pipeline import RunConfig
from redactor.policy import load_policy

ID = "110101198503121236"
TEMPLATE = """北京市海淀区人民法院
民事判决书
（2023）京0108民初{n}号
原告：张{g}，女，1985年3月12日出生，汉族，住北京市海淀区中关村大街{n}号，公民身份号码{id}。
被告：李强，男，1979年1月2日出生，汉族，住北京市朝阳区。
原告张{g}与被告李强民间借贷纠纷一案，本院于2023年1月5日立案后，依法公开开庭进行了审理。
经审理查明：李强向张{g}借款10万元，电话13812345678。
审 判 长　钱多多
二〇二三年五月六日
书 记 员　孙丽
"""
GIVEN = "伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def make_corpus(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = root / ("a" if i % 2 else "b")
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:03d}.txt").write_text(TEMPLATE.format(n=1000 + i, g=GIVEN[i % len(GIVEN)], id=ID),
                                             encoding="utf-8")
    return root


def config(profile="strict") -> RunConfig:
    return RunConfig(policy=load_policy(profile), hmac_key=HmacKey(b"test-key", "test"), ner=None)
