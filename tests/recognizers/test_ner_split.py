"""The NER backend's splitting of a text into model-sized pieces (redactor/recognizers/ner.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.recognizers.ner import split_for_model


# -- splitting for the model -----------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="张伟住北京。，；\n0123", max_size=2000), st.integers(5, 300))
def test_split_for_model_round_trip(text, max_chars):
    pieces = split_for_model(text, max_chars)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= max_chars for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
