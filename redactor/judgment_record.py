"""What the structure parser returns.

``JudgmentStructure`` (document kind, case number, cause, judgment date; the people of the
header and the signature block; the roles the body cues give), ``Person`` (one of those
people) and ``NameSpan`` (where a name was seen, with the role it implies). A module of its
own so that each reader fills it without importing the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date



@dataclass
class Person:
    """A person (or organisation) the header or signature block names."""

    name: str
    role: str  # canonical role: party, criminal_defendant, victim, lawyer, judge, ...
    role_label: str  # as written: 原告, 上诉人（原审被告）, 审判长 ...
    is_org: bool = False
    birth_date: date | None = None
    represents: str | None = None  # for agents and legal representatives: whom they act for
    line: int | None = None  # header line index

    def age_on(self, day: date | None) -> int | None:
        if not (self.birth_date and day):
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


@dataclass
class NameSpan:
    """Where the parser saw a name: ``text[start:end]``, with the role it implies."""

    start: int
    end: int
    name: str
    role: str
    is_org: bool = False
    # read as a member of a list a person cue opens (closed by 、: 王建晓、刘国会、张宝泉; or
    # the last one after a name): a name even where it ends like an organisation (会, 社, 行)
    listed: bool = False


@dataclass
class JudgmentStructure:
    document_kind: str | None = None  # 判决书, 裁定书, 调解书 ...
    title: str | None = None
    court: str | None = None
    case_number: str | None = None
    case_type: str | None = None  # civil, criminal, administrative, enforcement, compensation
    instance: str | None = None  # first, second, retrial
    cause: str | None = None
    judgment_date: date | None = None
    people: dict[str, Person] = field(default_factory=dict)  # from the header and the signature block
    cue_roles: dict[str, str] = field(default_factory=dict)  # names placed only by body cues
    name_spans: list[NameSpan] = field(default_factory=list)

    def role_of(self, name: str) -> str | None:
        """The header or signature block's role for ``name``, else the body cue's."""
        p = self.people.get(name)
        if p:
            return p.role
        return self.cue_roles.get(name)

    def minors(self) -> list[Person]:
        out = []
        for p in self.people.values():
            age = p.age_on(self.judgment_date)
            if age is not None and age < 18:
                out.append(p)
        return out
