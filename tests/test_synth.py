"""The synthetic-judgment generator: determinism, exact spans, valid identifiers, truth rules,
and real DOCX/PDF files readable by python-docx / pypdf."""

from __future__ import annotations

import bisect
import filecmp
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from redactor_synth import KINDS, generate_judgment, render
from redactor_synth import identifiers as ids
from redactor_synth import names
from redactor_synth.places import gazetteer, residence

REPO = Path(__file__).resolve().parent.parent
SEEDS = range(12)

# one batch shared by the property tests: every kind, several seeds
_BATCH = [generate_judgment(seed, kind=kind) for kind in KINDS for seed in SEEDS[:4]]


def test_same_seed_same_judgment_and_truth():
    for kind in KINDS:
        a, b = generate_judgment(7, kind=kind), generate_judgment(7, kind=kind)
        assert a.text == b.text
        assert a.to_json() == b.to_json()
    assert generate_judgment(7, kind="loan").text != generate_judgment(8, kind="loan").text


def test_generation_does_not_touch_global_random():
    random.seed(123)
    expected = random.random()
    random.seed(123)
    generate_judgment(5)
    assert random.random() == expected


def test_every_span_is_exact():
    for j in _BATCH:
        assert j.items
        for it in j.items:
            assert j.text[it.start:it.end] == it.value, (j.kind, it)
        for p in j.paragraphs:
            assert "\n" not in j.text[p.start:p.end]


def test_masked_values_only_occur_inside_masked_spans():
    """String-search leak measurement must be unambiguous."""
    for j in _BATCH:
        for profile in ("strict", "spc2016"):
            spans = sorted((i.start, i.end) for i in j.items if i.action(profile) == "mask")
            starts = [s for s, _ in spans]
            for value in j.masked_values(profile):
                for m in re.finditer(re.escape(value), j.text):
                    k = bisect.bisect_right(starts, m.start()) - 1
                    assert k >= 0 and spans[k][1] >= m.end(), (j.kind, profile, value)


def test_identifiers_have_valid_check_digits():
    seen = {"ID_CARD": 0, "USCC": 0, "BANK_ACCOUNT": 0}
    for j in _BATCH:
        births = {e["id"]: e["birth"] for e in j.entities if e["type"] == "person"}
        for it in j.items:
            if it.category == "ID_CARD":
                seen["ID_CARD"] += 1
                birth = births[it.entity].replace("-", "")
                if len(it.value) == 18:
                    assert ids.id_valid(it.value), it.value
                    assert it.value[6:14] == birth  # the number agrees with the person
                else:  # legacy 15-digit number: two-digit year
                    assert len(it.value) == 15 and it.value[6:12] == birth[2:]
            elif it.category == "USCC":
                seen["USCC"] += 1
                assert ids.uscc_valid(it.value), it.value
            elif it.category == "BANK_ACCOUNT":
                seen["BANK_ACCOUNT"] += 1
                digits = it.value.replace(" ", "")
                assert 16 <= len(digits) <= 19 and ids.luhn_ok(digits), it.value
    assert all(seen.values()), seen


def test_validators_against_known_values():
    assert ids.id_valid("11010519491231002X")  # the GB 11643 worked example
    assert not ids.id_valid("110105194912310021")
    assert ids.uscc_valid("91350100M000100Y43")  # a published example code
    assert not ids.uscc_valid("91350100M000100Y44")
    assert ids.luhn_ok("79927398713") and not ids.luhn_ok("79927398710")
    rng = random.Random(1)
    for _ in range(200):
        assert ids.uscc_valid(ids.uscc(rng, "410105"))
        assert ids.luhn_ok(ids.bank_account(rng)[1])
        p = ids.plate(rng, gazetteer().cities[0])
        assert len(p) in (7, 8) and "I" not in p[1:] and "O" not in p[1:]


def test_case_number_matches_court_and_case_type():
    kind_code = {"criminal": "刑初", "administrative": "行初", "civil": "民初"}
    for j in _BATCH:
        m = re.fullmatch(r"（(\d{4})）(\w)(\d{4})(民初|刑初|行初)(\d+)号", j.case_number)
        assert m, j.case_number
        assert m.group(4) == kind_code[j.case_type]
        assert int(m.group(1)) <= j.judgment_date.year
        lines = j.lines()
        assert lines[0] == ("court", j.court) and lines[2] == ("case_number", j.case_number)
        assert any(i.category == "CASE_NUMBER" and i.value == j.case_number for i in j.items)


def test_document_status_follows_article_4():
    expected = {"divorce": "Art. 4(4)", "juvenile": "Art. 4(2)", "mediation": "Art. 4(3)"}
    for j in _BATCH:
        if j.kind in expected:
            assert j.status == "withhold" and j.withhold_article == expected[j.kind]
        else:
            assert j.status == "publish" and not j.withhold_article


def _roles(j, profile, action):
    return {i.role for i in j.items if i.category == "PERSON" and i.action(profile) == action}


def test_profiles_treat_roles_as_the_rules_say():
    staff = {"judge", "presiding_judge", "juror", "judge_assistant", "clerk"}
    for j in _BATCH:
        kept = _roles(j, "strict", "keep")  # strict: only these natural persons keep their names
        assert kept <= staff | {"lawyer", "legal_rep", "agency_principal"}, (j.kind, kept)
        assert kept <= _roles(j, "spc2016", "keep")  # spc2016 never masks more names than strict
        assert staff & _roles(j, "strict", "keep")  # every judgment is signed
        if j.kind in ("inheritance", "divorce"):  # Art. 8(1): every family name
            assert _roles(j, "spc2016", "keep") <= staff | {"lawyer", "legal_rep"}
        if j.case_type == "criminal":  # Art. 8(2)
            masked = _roles(j, "spc2016", "mask")
            assert "victim" in masked
        if j.kind in ("theft", "fraud", "injury"):  # adult defendants are named under spc2016 only
            assert "accused" in _roles(j, "spc2016", "keep") and "accused" in _roles(j, "strict", "mask")
        minors = {e["id"] for e in j.entities if e["type"] == "person" and e["minor"]}
        for it in j.items:
            if it.entity in minors and it.category == "PERSON":  # Art. 8(3), whatever the role
                assert it.strict == it.spc2016 == "mask"
            if it.category in ("ID_CARD", "PHONE", "BANK_ACCOUNT", "PLATE", "PROPERTY_CERT", "PASSPORT"):
                assert it.strict == it.spc2016 == "mask"
            if it.category in ("USCC", "CASE_NUMBER", "STATUTE", "ADDRESS_ADMIN"):
                assert it.strict == it.spc2016 == "keep"


def test_juvenile_defendant_is_a_minor():
    for seed in SEEDS:
        j = generate_judgment(seed, kind="juvenile")
        accused = [e for e in j.entities if e["role"] == "accused"]
        assert accused and all(e["minor"] or e["birth"] > str(j.judgment_date.year - 19) for e in accused)
        assert any(e["role"] == "statutory_agent" for e in j.entities)


def test_length_target_pads_the_facts():
    for kind in ("loan", "theft", "mediation", "administrative"):
        j = generate_judgment(3, kind=kind, length=12000)
        assert 12000 <= len(j.text) < 14500, (kind, len(j.text))
        # padding brings new findings, not one paragraph repeated
        bodies = [t for s, t in j.lines() if s == "body"]
        assert len(set(bodies)) == len(bodies)
    lengths = [len(generate_judgment(s).text) for s in range(60)]
    assert min(lengths) >= 2000 and max(lengths) > 9000


def test_addresses_split_admin_and_detail():
    rng = random.Random(4)
    counties = gazetteer().residence_counties
    assert len(gazetteer().provinces) == 31 and len(gazetteer().cities) >= 150 and len(counties) >= 400
    for _ in range(300):
        a = residence(rng, rng.choice(counties))
        assert a.full == a.admin_part + a.detail_part
        assert a.admin_part.endswith(a.county.name)
        assert a.detail_part and not a.detail_part.startswith(a.county.name)


def test_names_cover_all_kinds():
    rng = random.Random(9)
    from datetime import date

    born = date(1980, 1, 1)
    people = [names.random_person(rng, born, p_minority=0.2, p_foreign=0.1) for _ in range(3000)]
    kinds = {p.kind for p in people}
    assert kinds == {"han", "minority", "transliterated", "latin"}
    han = [p for p in people if p.kind == "han"]
    assert all(p.full == p.surname + p.given and 1 <= len(p.given) <= 2 for p in han)
    assert any(len(p.surname) == 2 for p in han)  # compound surnames (欧阳, 司马 ...)
    assert all("某" not in p.full and "x" not in p.full.lower() for p in people)
    assert any("·" in p.full for p in people if p.kind == "minority")
    assert all(re.fullmatch(r"[A-Z][a-z]+ [A-Z]+", p.full) for p in people if p.kind == "latin")
    top = sum(p.surname in "王李张刘陈" for p in han) / len(han)
    assert 0.2 < top < 0.45  # the big five surnames are about a third of the population


def test_txt_docx_pdf_render_and_read_back(tmp_path):
    import docx
    import pypdf

    j = generate_judgment(21, kind="traffic", length=7000)
    t1 = render.write_txt(j, tmp_path / "a.txt", encoding="gb18030")
    assert t1.read_bytes().decode("gb18030") == j.text

    d1 = render.write_docx(j, tmp_path / "a.docx", author="某甲")
    d2 = render.write_docx(j, tmp_path / "b.docx", author="某甲")
    assert d1.read_bytes() == d2.read_bytes()  # deterministic bytes
    doc = docx.Document(str(d1))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert j.case_number in body and j.court in body
    assert doc.core_properties.author == "某甲"
    assert len(doc.tables) == 1
    table_text = "\n".join("\t".join(c.text for c in r.cells) for r in doc.tables[0].rows)
    assert table_text == "\n".join(t for s, t in j.lines() if s.startswith("table_"))

    p1 = render.write_pdf(j, tmp_path / "a.pdf")
    p2 = render.write_pdf(j, tmp_path / "b.pdf")
    assert p1.read_bytes() == p2.read_bytes()
    reader = pypdf.PdfReader(str(p1))
    assert len(reader.pages) >= 2
    text = "".join(page.extract_text() for page in reader.pages)
    assert j.case_number in text and j.court in text
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=0.1)  # A4


def test_corpus_samples_are_complete_and_reproducible(tmp_path):
    samples = REPO / "corpus_samples"
    subprocess.run([sys.executable, str(samples / "make_samples.py"), str(tmp_path)], check=True,
                   capture_output=True)
    inputs = sorted(p.name for p in samples.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    assert len(inputs) >= 12
    assert {p.rsplit(".", 1)[1] for p in inputs} == {"txt", "docx", "pdf"}
    for name in inputs + ["civil_ruling_arbitration.meta.json"]:
        assert filecmp.cmp(samples / name, tmp_path / name, shallow=False), name
    statuses = {}
    for name in inputs:
        stem = name.rsplit(".", 1)[0]
        truth_file = samples / ".truth" / f"{stem}.json"
        assert filecmp.cmp(truth_file, tmp_path / ".truth" / f"{stem}.json", shallow=False)
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        statuses[truth["kind"]] = truth["expected_status"]["strict"]
        if name.endswith(".txt"):
            assert (samples / name).read_bytes().decode(truth["encoding"]) == truth["text"]
    assert {k for k, v in statuses.items() if v == "withhold"} == {"divorce", "juvenile", "mediation"}
    assert {"loan", "sales", "traffic", "theft", "fraud", "administrative", "inheritance"} <= set(statuses)
