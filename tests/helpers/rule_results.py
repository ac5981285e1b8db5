"""What one rule recognizer finds, in text order, and identifiers built for the recognizer tests
(tests/recognizers/): a valid resident ID number and one with a broken check digit, made
here, not copied from anywhere."""

from __future__ import annotations

from redactor.recognizers.id_card import gb11643_check_digit


def run(recognizers, rule_id, text):
    """(entity, value, score, attrs) for each result of one recognizer, in text order."""
    results = recognizers[rule_id].analyze(text, None)
    out = []
    for r in sorted(results, key=lambda r: (r.start, r.end)):
        out.append((r.entity_type, text[r.start : r.end], r.score, r.recognition_metadata["redactor_attrs"]))
    return out


def values(recognizers, rule_id, text):
    return [v for _, v, _, _ in run(recognizers, rule_id, text)]


def make_id(prefix17: str) -> str:
    return prefix17 + gb11643_check_digit(prefix17)


ID_OK = make_id("11010519491231002")
ID_BAD = ID_OK[:17] + ("0" if ID_OK[17] != "0" else "1")


def found(recognizers, rule_id: str, text: str) -> list[str]:
    """The values one recognizer finds, by start offset."""
    return [text[r.start:r.end] for r in sorted(recognizers[rule_id].analyze(text, None), key=lambda r: r.start)]
