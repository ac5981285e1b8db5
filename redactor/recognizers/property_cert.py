"""Certificate numbers of immovable property: 不动产权证, 房产证, 土地使用证."""

from __future__ import annotations

from redactor.recognizers.base import RulePatternRecognizer, register_validator


@register_validator("property_cert")
class PropertyCertRecognizer(RulePatternRecognizer):
    """Patterns carry the formats; this records which certificate it is."""

    def refine(self, text, result, pattern_name):
        result.recognition_metadata["redactor_attrs"]["kind"] = pattern_name
        return result
