"""Property-based and fuzz tests (hypothesis) for the readers, the offset maps, the detectors
and the audit chain.

- Readers, fed arbitrary or mutated bytes, either read the file or raise UnreadableDocument:
  never another exception (which would end as "internal error").
- Offset maps: for TXT, DOCX and PDF documents built here, a random span of the text maps to
  source characters that ARE those characters (DOCX text node slices, pdfium page characters),
  and writing an edit over it then reading the file back gives exactly the edited text.
- Detectors: on arbitrary text they never raise and every finding's value is its span.
  (Check-digit validators have their own properties in tests/recognizers/: test_id_card.py,
  test_bank_account.py, test_uscc.py.)
- verify_chain: any single edit, deletion, duplication, swap or truncation of a chain fails.

atheris is not used: it needs a libFuzzer build and long runs; hypothesis reaches the same
reader code paths within the CI time budget.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from redactor.apply import apply_edits
from redactor.document import Edit
from redactor.errors import UnreadableDocument
from redactor.formats.docx import reader as docx_reader
from redactor.formats.pdf import reader as pdf_reader
from redactor.formats.txt import reader as txt_reader
from tests.helpers.hostile_corpus import CID, docx_bytes, pdf_bytes

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])

CJK = "原告被告曹兰张伟李强住北京市海淀区中关村大街号院楼室公民身份号码电话审判长书记员本院认为某"
ALPHABET = CJK + "0123456789Xx，。：；（）、 \t"
line_text = st.text(alphabet=ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip())


def _read_or_refuse(reader, path: Path):
    try:
        return reader.read(path)
    except UnreadableDocument as exc:
        assert exc.reason and str(exc)
        return None


# --- readers on hostile bytes -------------------------------------------------------------------


@FAST
@given(data=st.binary(max_size=4000))
def test_txt_reader_reads_or_refuses_any_bytes(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("t") / "x.txt"
    p.write_bytes(data)
    doc = _read_or_refuse(txt_reader, p)
    if doc is not None:
        assert doc.text.strip()
        assert doc.offset_map.locate(0, len(doc.text))[0].start == 0


def _mutate(data: bytes, draws) -> bytes:
    buf = bytearray(data)
    for kind, pos, val in draws:
        if not buf:
            break
        i = pos % len(buf)
        if kind == 0:
            buf[i] = val
        elif kind == 1:
            del buf[i:i + val]
        elif kind == 2:
            buf[i:i] = bytes([val]) * (val % 17 + 1)
        else:
            buf = buf[:i]
    return bytes(buf)


mutations = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 1 << 20), st.integers(0, 255)), min_size=1,
                     max_size=6)
_DOCX = docx_bytes()
_PDF = pdf_bytes()


@FAST
@given(draws=mutations)
def test_docx_reader_reads_or_refuses_mutated_packages(tmp_path_factory, draws):
    p = tmp_path_factory.mktemp("d") / "x.docx"
    p.write_bytes(_mutate(_DOCX, draws))
    _read_or_refuse(docx_reader, p)


@FAST
@given(draws=mutations, xml=st.text(alphabet="<>/&;=\"' wpr:tabc" + CJK, max_size=60))
def test_docx_reader_reads_or_refuses_mutated_xml(tmp_path_factory, draws, xml):
    """Valid zip, damaged document.xml (the XML parser's paths, not just the zip's)."""
    with zipfile.ZipFile(io.BytesIO(_DOCX)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    doc = members["word/document.xml"]
    cut = draws[0][1] % len(doc)
    members["word/document.xml"] = _mutate(doc[:cut] + xml.encode() + doc[cut:], draws[1:])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in members.items():
            zf.writestr(n, d)
    p = tmp_path_factory.mktemp("d") / "x.docx"
    p.write_bytes(buf.getvalue())
    _read_or_refuse(docx_reader, p)


@FAST
@given(draws=mutations)
def test_pdf_reader_reads_or_refuses_mutated_files(tmp_path_factory, draws):
    p = tmp_path_factory.mktemp("p") / "x.pdf"
    p.write_bytes(_mutate(_PDF, draws))
    _read_or_refuse(pdf_reader, p)


# --- offset maps --------------------------------------------------------------------------------


def _span_in_a_line(text: str, data) -> tuple[int, int]:
    """A random non-empty span inside one line (no synthetic separators inside it)."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n\t]+", text)]
    lo, hi = data.draw(st.sampled_from(lines))
    start = data.draw(st.integers(lo, hi - 1))
    end = data.draw(st.integers(start + 1, hi))
    return start, end


@FAST
@given(lines=st.lists(line_text, min_size=1, max_size=6), enc=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
       crlf=st.booleans(), data=st.data())
def test_txt_masked_span_lands_on_its_characters(tmp_path_factory, lines, enc, crlf, data):
    from redactor.formats.txt import writer as txt_writer

    nl = "\r\n" if crlf else "\n"
    text = nl.join(lines) + nl
    d = tmp_path_factory.mktemp("o")
    src = d / "in.txt"
    src.write_bytes(text.encode(enc))
    doc = txt_reader.read(src)
    start, end = _span_in_a_line(doc.text, data)
    for sl in doc.offset_map.locate(start, end):
        assert doc.text[sl.start:sl.end] == doc.text[start:end]
    edit = Edit(start, end, "×" * (end - start))
    txt_writer.write(doc, [edit], d / "out.txt")
    # written back in the encoding read (pure ASCII reads as UTF-8 whatever it was saved as)
    written = (d / "out.txt").read_bytes().decode(doc.source_info["encoding"])
    assert written.replace("\r\n", "\n") == apply_edits(doc.text, [edit])
    assert ("\r\n" in written) == crlf


def _docx_from_runs(paragraphs: list[list[tuple[str, int]]]) -> bytes:
    """Paragraphs of runs; the int picks a run style (plain, bold, hidden, tab after, break after)."""
    def build(d):
        for runs in paragraphs:
            p = d.add_paragraph()
            for text, style in runs:
                r = p.add_run(text)
                if style == 1:
                    r.bold = True
                elif style == 2:
                    r.font.hidden = True
                elif style == 3:
                    r.add_tab()
                elif style == 4:
                    r.add_break()
    return docx_bytes([], build=build)


runs_strategy = st.lists(st.lists(st.tuples(line_text, st.integers(0, 4)), min_size=1, max_size=5), min_size=1,
                         max_size=4)


@SLOW
@given(paragraphs=runs_strategy, data=st.data())
def test_docx_masked_span_lands_on_its_characters(tmp_path_factory, paragraphs, data):
    from redactor.formats.docx import ooxml as dx
    from redactor.formats.docx import writer as docx_writer

    d = tmp_path_factory.mktemp("o")
    src = d / "in.docx"
    src.write_bytes(_docx_from_runs(paragraphs))
    doc = docx_reader.read(src)
    start, end = _span_in_a_line(doc.text, data)
    pkg = dx.open_package(src.read_bytes())
    nodes = {}
    got = ""
    for sl in doc.offset_map.locate(start, end):
        part, idx = sl.anchor
        if part not in nodes:
            nodes[part] = dx.text_nodes(pkg.parse(part))
        got += (nodes[part][idx].text or "")[sl.start:sl.end]
    assert got == doc.text[start:end]
    edit = Edit(start, end, "Ⓧ")
    docx_writer.write(doc, [edit], d / "out.docx")
    assert docx_reader.read(d / "out.docx").text == apply_edits(doc.text, [edit])


@pytest.fixture(scope="module")
def pdf_doc(tmp_path_factory):
    """A page of judgment-like lines, some long enough to wrap (joined by the reader)."""
    lines = ["北京市海淀区人民法院", "原告：曹兰，女，1985年3月12日出生，住北京市海淀区中关村大街27号院3号楼502室，"
             "公民身份号码110101198503121236，电话13812345678。", "被告：李强，男，住北京市朝阳区。",
             "审 判 长　钱多多"]
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics

    width = A4[0] - 144
    wrapped = []
    for line in lines:
        cur = ""
        for ch in line:
            if pdfmetrics.stringWidth(cur + ch, CID, 12) > width:
                wrapped.append(cur)
                cur = ""
            cur += ch
        wrapped.append(cur)
    p = tmp_path_factory.mktemp("pdf") / "j.pdf"
    p.write_bytes(pdf_bytes(wrapped))
    return pdf_reader.read(p)


@FAST
@given(data=st.data())
def test_pdf_span_maps_to_the_page_characters(pdf_doc, data):
    start, end = _span_in_a_line(pdf_doc.text, data)
    pdf = pdfium.PdfDocument(str(pdf_doc.path))
    try:
        got = ""
        for sl in pdf_doc.offset_map.locate(start, end):
            tp = pdf[sl.anchor[0]].get_textpage()
            got += "".join(chr(pdfium_c.FPDFText_GetUnicode(tp, k)) for k in range(sl.start, sl.end))
    finally:
        pdf.close()
    # characters the reader synthesised (a space it inferred) have no source
    assert got == "".join(ch for i, ch in enumerate(pdf_doc.text[start:end], start)
                          if pdf_doc.offset_map.source_of(i) is not None)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_pdf_masked_span_is_what_reads_back_masked(pdf_doc, tmp_path_factory, data):
    from redactor.formats import pdf as pdf_writer

    start, end = _span_in_a_line(pdf_doc.text, data)
    assume(pdf_doc.text[start:end].strip())
    edit = Edit(start, end, "×" * (end - start))
    out = tmp_path_factory.mktemp("o") / "out.pdf"
    pdf_writer.write(pdf_doc, [edit], out)
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert squash(pdf_reader.read(out).text) == squash(apply_edits(pdf_doc.text, [edit]))


# --- detectors ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def analyzer():
    from redactor.detect import build_analyzer

    return build_analyzer(ner=None)


@FAST
@given(text=st.text(alphabet=ALPHABET + "\n-－０１２３４５６７８９@.abcXYZ京A粤B", max_size=300))
def test_detectors_never_raise_and_values_are_their_spans(analyzer, text):
    from redactor.detect import detect

    for f in detect(text, analyzer):
        assert 0 <= f.start < f.end <= len(text)
        assert f.value == text[f.start:f.end]
        assert 0.0 <= f.score <= 1.0


# --- the audit chain ------------------------------------------------------------------------------


@FAST
@given(n=st.integers(1, 6), kind=st.sampled_from(["edit", "delete", "duplicate", "swap", "truncate", "cut"]),
       data=st.data())
def test_any_single_tampering_breaks_the_chain(tmp_path_factory, n, kind, data):
    from redactor.audit import AuditLog, HmacKey, verify_chain

    p = tmp_path_factory.mktemp("a") / "audit.jsonl"
    key = HmacKey(b"k" * 32, "test")
    with AuditLog(p, key) as log:
        log.append({"type": "run_start", "run_id": "r"})
        for i in range(n):
            log.append({"type": "span", "i": i, "category": "ID_CARD", "value_hmac": "a" * 64})
        log.append({"type": "run_end", "run_id": "r", "records": n})
    assert verify_chain(p, key).ok
    lines = p.read_text(encoding="utf-8").splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    if kind == "edit":
        rec = json.loads(lines[i])
        field = data.draw(st.sampled_from(sorted(rec)))
        rec[field] = data.draw(st.one_of(st.integers(), st.text(max_size=5))) if field != "prev" else "0" * 64
        assume(json.dumps(rec, sort_keys=True) != json.dumps(json.loads(lines[i]), sort_keys=True))
        lines[i] = json.dumps(rec, sort_keys=True)
    elif kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = data.draw(st.integers(0, len(lines) - 1))
        assume(lines[i] != lines[j])
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "truncate":
        lines = lines[:i]
    else:
        lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i]) - 1))]
    p.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    assert not verify_chain(p, key).ok
