"""The whole line on real files: read -> detect -> decide -> apply -> write -> verify -> audit.

Uses the real LAC NER backend (loaded once for the module)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from redactor.audit import HmacKey
from redactor.pipeline import RunConfig, redact_document
from redactor.policy import load_policy
from redactor.formats import read_document
from redactor.formats.docx import extract as docx_texts
from redactor.formats.pdf import extract as pdf_texts

ID = "110101198503121236"
HEADER = [
    "北京市海淀区人民法院",
    "民事判决书",
    "（2023）京0108民初1234号",
    f"原告：曹兰，女，1985年3月12日出生，汉族，住北京市海淀区中关村大街1号院3号楼502室，公民身份号码{ID}。",
    "委托诉讼代理人：王芳，北京市君合律师事务所律师。",
    "被告：北京星光科技有限公司，住所地北京市朝阳区建国路1号，统一社会信用代码91110105MA01ABCD1X。",
    "法定代表人：赵建国，该公司总经理。",
    "原告曹兰与被告北京星光科技有限公司民间借贷纠纷一案，本院于2023年1月5日立案后，依法公开开庭进行了审理。",
    "经审理查明：2021年3月，被告向曹兰借款10万元，约定月息1%，曹兰的联系电话为13812345678。",
    "判决如下：被告北京星光科技有限公司于本判决生效之日起十日内偿还原告曹兰借款100000元。",
    "审 判 长　钱多多",
    "二〇二三年五月六日",
    "书 记 员　孙丽",
]


@pytest.fixture(scope="module")
def cfg():
    return RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"test", "test"))  # default NER


def _all_text(texts: list[str]) -> str:
    return "".join("".join(t.split()) for t in texts)


def test_txt_gb18030_roundtrip(tmp_path, cfg):
    src = tmp_path / "in" / "a.txt"
    src.parent.mkdir()
    src.write_bytes("\n".join(HEADER).encode("gb18030"))
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    res = redact_document(src, "a.txt", tmp_path / "out", cfg)
    assert res.status == "published", res.reason
    out = (tmp_path / "out" / "a.txt").read_bytes().decode("gb18030")
    assert ID not in out and "13812345678" not in out and "曹兰" not in out
    assert "曹某" in out and "王芳" in out and "钱多多" in out and "孙丽" in out
    assert "（2023）京0108民初1234号" in out and "91110105MA01ABCD1X" in out
    assert "住北京市海淀区，" in out or "住北京市海淀区，公民" in out
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    # The audit records carry keyed hashes, never values.
    blob = json.dumps(res.audit, ensure_ascii=False)
    assert ID not in blob and "曹兰" not in blob and len(res.audit) >= 5


def _docx_with_split_name_and_author(path: Path) -> None:
    d = DocxDocument()
    for line in HEADER[:8]:
        d.add_paragraph(line)
    p = d.add_paragraph("经审理查明：被告向")
    r1 = p.add_run("曹")
    r1.bold = True
    r2 = p.add_run("兰")
    r2.italic = True
    p.add_run(f"借款10万元，曹兰的身份证号{ID}。")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "证据"
    t.cell(0, 1).text = "曹兰的借条"
    d.sections[0].header.paragraphs[0].text = "曹兰诉星光公司"
    for line in HEADER[9:]:
        d.add_paragraph(line)
    d.core_properties.author = "曹兰"
    d.core_properties.last_modified_by = "曹兰"
    d.save(path)


def test_docx_name_across_runs_and_author_property(tmp_path, cfg):
    src = tmp_path / "in" / "b.docx"
    src.parent.mkdir()
    _docx_with_split_name_and_author(src)
    res = redact_document(src, "b.docx", tmp_path / "out", cfg)
    assert res.status == "published", res.reason
    out = tmp_path / "out" / "b.docx"
    everything = _all_text(docx_texts(out))
    raw = b"".join(zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist()).decode("utf-8", "replace")
    for leaked in ("曹兰", ID):
        assert leaked not in everything and leaked not in raw
    assert "被告向曹某借款" in everything
    assert "王芳" in everything and "（2023）京0108民初1234号" in everything
    reread = read_document(out)
    assert "曹某" in reread.text and "曹兰" not in " ".join(reread.metadata.values())


def _pdf_with_name_broken_across_lines(path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setAuthor("曹兰")
    size, left = 12, 72
    width = A4[0] - 2 * left
    y = A4[1] - 72
    filler = "本院经审理查明原告与被告之间存在民间借贷关系双方约定借款期限"
    lines = HEADER[:8]
    # A full-width line ending in 曹, the next starting with 兰: a name broken across a line.
    line = "经审理查明："
    k = 0
    while pdfmetrics.stringWidth(line + filler[k % len(filler)] + "曹", "STSong-Light", size) <= width:
        line += filler[k % len(filler)]
        k += 1
    lines = lines + [line + "曹", "兰向被告借款10万元。"] + HEADER[9:]
    for ln in lines:
        c.setFont("STSong-Light", size)
        # Long header lines: draw them wrapped by character.
        cur = ""
        for ch in ln:
            if pdfmetrics.stringWidth(cur + ch, "STSong-Light", size) > width:
                c.drawString(left, y, cur)
                y -= 20
                cur = ""
            cur += ch
        c.drawString(left, y, cur)
        y -= 20
    c.save()


def test_pdf_name_broken_across_line(tmp_path, cfg):
    src = tmp_path / "in" / "c.pdf"
    src.parent.mkdir()
    _pdf_with_name_broken_across_lines(src)
    doc = read_document(src)
    assert doc.text.count("曹兰") >= 4
    res = redact_document(src, "c.pdf", tmp_path / "out", cfg)
    assert res.status == "published", res.reason
    everything = _all_text(pdf_texts(tmp_path / "out" / "c.pdf"))
    assert "曹兰" not in everything and ID not in everything and "13812345678" not in everything
    assert "钱多多" in everything and "王芳" in everything


def test_unreadable_documents_fail_closed(tmp_path, cfg):
    src = tmp_path / "in"
    src.mkdir()
    (src / "scan.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
    (src / "junk.docx").write_bytes(b"PK\x03\x04garbage")
    (src / "bin.txt").write_bytes(bytes(range(256)) * 4)
    for name in ("scan.pdf", "junk.docx", "bin.txt"):
        res = redact_document(src / name, name, tmp_path / "out", cfg)
        assert res.status == "failed" and res.reason and res.reason_code
        assert not (tmp_path / "out" / name).exists()


def test_withheld_document_is_not_written(tmp_path, cfg):
    src = tmp_path / "in" / "d.txt"
    src.parent.mkdir()
    src.write_text("\n".join(HEADER).replace("民间借贷纠纷", "离婚纠纷"), encoding="utf-8")
    res = redact_document(src, "d.txt", tmp_path / "out", cfg)
    assert res.status == "withheld" and "第四条" in res.article
    assert not (tmp_path / "out" / "d.txt").exists()
    assert res.audit and res.audit[-1]["status"] == "withheld"
