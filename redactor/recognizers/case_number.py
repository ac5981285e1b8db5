"""Case numbers (案号): public, detected so that the policy keeps them whole and no other
recognizer (phone, account, address) claims a piece of one."""

from __future__ import annotations

import regex

from redactor.recognizers.base import RulePatternRecognizer, register_validator


@register_validator("case_number")
class CaseNumberRecognizer(RulePatternRecognizer):
    """Reads the case type (刑/民/行/执/赔…) and the instance (初/终/再…) from the number,
    using the rule's ``case_types`` and ``instances`` tables."""

    OPTION_KEYS = ("case_types", "instances")

    def __init__(self, spec, path=None):
        super().__init__(spec, path)
        self.case_types: dict[str, str] = dict(self.options.get("case_types") or {})
        self.instances: dict[str, str] = dict(self.options.get("instances") or {})
        keys = sorted(self.case_types, key=len, reverse=True)
        self._type_re = regex.compile("|".join(map(regex.escape, keys))) if keys else None

    def refine(self, text, result, pattern_name):
        value = text[result.start : result.end]
        attrs = result.recognition_metadata["redactor_attrs"]
        m = regex.match(r"[(\[〔【]\s*((?:19|20)[0-9]{2})\s*[)\]〕】]", value)
        if m:
            attrs["year"] = int(m.group(1))
            rest = value[m.end() :]
            # Search for the type after the court code's digits (豫0102民初): a court's
            # abbreviation could contain a type character of its own.
            court = regex.match(r"[\p{Han}]{0,6}?[0-9]+(?=(?![号第字])\p{Han})", rest)
            tm = self._type_re.search(rest, court.end() if court else 0) if self._type_re else None
            if tm:
                attrs["case_type_char"] = tm.group(0)
                attrs["case_type"] = self.case_types[tm.group(0)]
                after = rest[tm.end() :]
                for key in sorted(self.instances, key=len, reverse=True):
                    if after.startswith(key):
                        attrs["instance_char"] = key
                        attrs["instance"] = self.instances[key]
                        break
        return result
