"""Motor-vehicle number plates (GA 36-2018), including new-energy plates."""

from __future__ import annotations

from redactor.recognizers.base import RulePatternRecognizer, register_validator


@register_validator("plate")
class PlateRecognizer(RulePatternRecognizer):
    """The pattern carries the format; this records which kind of plate matched."""

    def refine(self, text, result, pattern_name):
        value = text[result.start : result.end].replace("·", "").replace(" ", "")
        attrs = result.recognition_metadata["redactor_attrs"]
        attrs["kind"] = {"new_energy": "new_energy", "embassy": "embassy"}.get(pattern_name, "ordinary")
        attrs["province"] = value[0]
        return result
