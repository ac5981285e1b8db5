"""The DETECT stage end to end: the Presidio engine wiring, Findings, offsets, NER."""

from __future__ import annotations


import pytest
from presidio_analyzer.nlp_engine import NoOpNlpEngine

from redactor.detect import build_analyzer, default_analyzer, detect
from redactor.categories import catalogue
from redactor.document import Finding
from redactor.formats.txt import reader as txt_reader
from redactor.recognizers import RuleError
from redactor.recognizers.bank_account import luhn_check_digit
from redactor.recognizers.id_card import gb11643_check_digit
from redactor.recognizers.ner import LacBackend, NerRecognizer, get_backend, register_backend
from redactor.recognizers.uscc import gb32100_check_char

ID_NUMBER = "41010219850312" + "123"
ID_NUMBER += gb11643_check_digit(ID_NUMBER)
CARD = "622848001234567890"
CARD += luhn_check_digit(CARD)
USCC = "91410100MA44B6C7D"
USCC += gb32100_check_char(USCC)

JUDGMENT = f"""河南省郑州市金水区人民法院
民事判决书
（2023）豫0105民初1234号
原告：张伟，男，1985年3月12日出生，汉族，住河南省郑州市金水区经三路15号院2号楼1单元302号，公民身份号码{ID_NUMBER}，联系电话138 1234 5678。
委托诉讼代理人：王芳，河南某某律师事务所律师。
被告：郑州某某商贸有限公司，住所地河南省郑州市二七区大学路80号，统一社会信用代码{USCC}。
法定代表人：李强，该公司经理。
原告向本院提出诉讼请求：被告返还借款50000元。事实和理由：2022年5月6日，原告通过其中国农业银行账户{CARD}向被告转账50000元，被告法定代表人李强驾驶豫AD12345号小型轿车前来取款，并约定以被告名下豫(2020)郑州市不动产权第0123456号房屋作担保。原告电子邮箱zhangwei1985@example.com。
审判员　赵敏
书记员　孙丽
"""


@pytest.fixture(scope="module")
def rules_only():
    return build_analyzer(ner=None)


def by_category(findings, category):
    return [f.value for f in findings if f.category == category]


def test_engine_is_offline_and_holds_only_our_recognizers(rules_only):
    assert isinstance(rules_only.nlp_engine, NoOpNlpEngine)
    assert rules_only.supported_languages == ["zh"]
    names = {r.name for r in rules_only.registry.recognizers}
    assert names and all(n.startswith("rule:") for n in names)
    assert "rule:id_card" in names and "rule:address" in names


def test_findings_on_a_judgment(rules_only):
    findings = detect(JUDGMENT, rules_only)
    assert all(isinstance(f, Finding) for f in findings)
    for f in findings:
        assert JUDGMENT[f.start : f.end] == f.value
        assert f.category in catalogue().names()
        assert f.source.startswith("rule:")
        assert 0 < f.score <= 1
    assert by_category(findings, "CASE_NUMBER") == ["（2023）豫0105民初1234号"]
    assert by_category(findings, "ID_CARD") == [ID_NUMBER]
    assert by_category(findings, "PHONE") == ["138 1234 5678"]
    assert by_category(findings, "BANK_ACCOUNT") == [CARD]
    assert by_category(findings, "USCC") == [USCC]
    assert by_category(findings, "PLATE") == ["豫AD12345"]
    assert by_category(findings, "PROPERTY_CERT") == ["豫(2020)郑州市不动产权第0123456号"]
    assert by_category(findings, "EMAIL") == ["zhangwei1985@example.com"]
    assert by_category(findings, "ADDRESS_ADMIN") == ["河南省郑州市金水区", "河南省郑州市二七区"]
    assert by_category(findings, "ADDRESS_DETAIL") == ["经三路15号院2号楼1单元302号", "大学路80号"]
    cues = [f.attrs["cue"] for f in findings if f.category == "ADDRESS_DETAIL"]
    assert cues == ["住", "住所地"]
    id_finding = next(f for f in findings if f.category == "ID_CARD")
    assert id_finding.source == "rule:id_card" and id_finding.score >= 0.95
    assert findings == sorted(findings, key=lambda f: (f.start, -f.end, f.category, f.source))


def test_nothing_numeric_is_claimed_twice_by_a_wrong_category(rules_only):
    findings = detect(JUDGMENT, rules_only)
    id_span = next(f.span for f in findings if f.category == "ID_CARD")
    case_span = next(f.span for f in findings if f.category == "CASE_NUMBER")
    for f in findings:
        if f.category in ("PHONE", "BANK_ACCOUNT", "PASSPORT"):
            assert not (f.start < id_span[1] and id_span[0] < f.end)
            assert not (f.start < case_span[1] and case_span[0] < f.end)
    # amounts and dates stay untouched
    assert not any("50000" in f.value or "2022" in f.value for f in findings if f.category != "CASE_NUMBER")


def test_full_width_text_keeps_original_values(rules_only):
    text = "联系电话：１３８１２３４５６７８，案号（２０２３）豫０１０５民初１２３４号。"
    findings = detect(text, rules_only)
    assert by_category(findings, "PHONE") == ["１３８１２３４５６７８"]
    assert by_category(findings, "CASE_NUMBER") == ["（２０２３）豫０１０５民初１２３４号"]
    assert all(text[f.start : f.end] == f.value for f in findings)


def test_detect_takes_a_document(tmp_path, rules_only):
    path = tmp_path / "judgment.txt"
    path.write_bytes(JUDGMENT.replace("\n", "\r\n").encode("gb18030"))
    doc = txt_reader.read(path)
    findings = detect(doc, rules_only)
    assert all(doc.text[f.start : f.end] == f.value for f in findings)
    assert ID_NUMBER in by_category(findings, "ID_CARD")


def test_empty_text_has_no_findings(rules_only):
    assert detect("", rules_only) == []


def test_a_court_can_add_its_own_recognizer_as_data(tmp_path):
    rules = tmp_path / "recognizers"
    rules.mkdir()
    (rules / "employee_id.yaml").write_text(
        "id: employee_id\n"
        "entity: ID_CARD\n"
        'article: "法释〔2016〕19号 第十条第一款第（六）项"\n'
        "patterns:\n"
        "  - {name: badge, regex: 'GH-[0-9]{6}', score: 0.6}\n"
        "context: [工号]\n"
        "require_context: always\n",
        encoding="utf-8",
    )
    analyzer = build_analyzer(ner=None, rules_dir=rules)
    assert [(f.value, f.source) for f in detect("其工号GH-123456，", analyzer)] == [("GH-123456", "rule:employee_id")]
    assert detect("编号GH-123456", analyzer) == []
    (rules / "broken.yaml").write_text("id: x\nentity: PHONE\n", encoding="utf-8")
    with pytest.raises(RuleError, match="broken.yaml"):
        build_analyzer(ner=None, rules_dir=rules)


# -- NER ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lac():
    return get_backend("lac")


def test_lac_finds_the_party_in_a_header_sentence(lac):
    text = "原告：张伟，男，1985年3月12日出生，汉族，住北京市海淀区中关村大街1号院3号楼502室。"
    (spans,) = lac.entities([text])
    people = [(text[s:e], label) for s, e, label, _ in spans if label == "PERSON"]
    assert ("张伟", "PERSON") in people
    assert all(0 <= s < e <= len(text) for s, e, _, _ in spans)


def test_lac_offsets_survive_splitting_of_long_texts(lac):
    sentence = "被告人李强于2020年在上海市浦东新区盗窃财物。"
    text = sentence * 60  # well over the 500-character model window
    (spans,) = lac.entities([text])
    people = [s for s, e, label, _ in spans if label == "PERSON" and text[s:e] == "李强"]
    assert len(people) == 60


def test_ner_findings_through_the_engine(lac):
    analyzer = build_analyzer(ner="lac")
    findings = detect(JUDGMENT, analyzer)
    people = {f.value for f in findings if f.category == "PERSON"}
    assert "张伟" in people
    ner = [f for f in findings if f.source.startswith("ner:")]
    assert ner and all(f.source == f"ner:lac@{lac.version}" for f in ner)
    assert all(JUDGMENT[f.start : f.end] == f.value for f in findings)
    # the rule findings are all still there
    assert by_category(findings, "ID_CARD") == [ID_NUMBER]


def test_backend_registry():
    class FixedBackend:
        name, version = "fixed", "1"

        def entities(self, texts):
            return [[(0, 2, "PERSON", 0.9)] if t.startswith("张伟") else [] for t in texts]

    register_backend("fixed", FixedBackend)
    assert get_backend("fixed") is get_backend("fixed")
    results = NerRecognizer(get_backend("fixed")).analyze("张伟到庭", None)
    assert [(r.start, r.end, r.entity_type) for r in results] == [(0, 2, "PERSON")]
    with pytest.raises(KeyError):
        get_backend("no-such-model")
    assert isinstance(get_backend("lac"), LacBackend)


def test_default_analyzer_is_built_once():
    assert default_analyzer() is default_analyzer()
    # The default NER backend is the shipped judgment model (LAC stays selectable).
    assert any(r.name.startswith("ner:judgment@") for r in default_analyzer().registry.recognizers)
