"""Complete synthetic judgments with ground truth.

``generate_judgment(seed, kind=None, length=None)`` returns a ``SyntheticJudgment``: the plain
text of a whole judgment (court, title, case number, party header, procedure, claims, facts,
reasoning, disposition, costs, appeal notice, signature block) plus, for every sensitive or
must-keep value in it, its category, exact span, role, and what the ``strict`` and
``spc2016`` profiles must do with it (publication-rules.md section 4), and the expected
document status (publish, or withhold under Art. 4).

Templates are written in our own words after the shapes of real judgments; no real judgment
text is copied. Everything is drawn from ``random.Random(seed)``.
"""

from __future__ import annotations

import bisect
import json
import random
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterable

from redactor_synth import identifiers as ids
from redactor_synth import names
from redactor_synth.places import (
    Address,
    County,
    business_address,
    county_near,
    intermediate_court,
    random_county,
    residence,
    scene_location,
)

KINDS = (
    "loan", "sales", "traffic", "labour", "inheritance", "divorce", "theft", "fraud",
    "injury", "juvenile", "administrative", "mediation", "civil_ruling",
)
# Rough mix of what courts publish (and withhold); used when ``kind`` is None.
_KIND_WEIGHTS = (18, 10, 12, 8, 5, 6, 10, 7, 7, 3, 6, 5, 3)

MASK, KEEP = "mask", "keep"
COURT_STAFF = {"presiding_judge", "judge", "juror", "judge_assistant", "clerk"}
# Names kept under both profiles: court staff, lawyers acting as agents/defenders,
# legal representatives / principals of organisations (Art. 11; section 4 of the rules).
_KEPT_PERSON_ROLES = COURT_STAFF | {"lawyer", "legal_rep", "agency_principal"}
_ART8_2_ROLES = {"victim", "witness", "appraiser", "civil_plaintiff", "victim_relative"}
_ALWAYS_MASKED = {"ID_CARD", "PHONE", "BANK_ACCOUNT", "PLATE", "PROPERTY_CERT", "EMAIL", "PASSPORT"}
_ALWAYS_KEPT = {"USCC", "ORGANIZATION", "CASE_NUMBER", "STATUTE", "ADDRESS_ADMIN", "LOCATION"}


# ====================================================================== data model


@dataclass
class TruthItem:
    """One labelled value: ``text[start:end] == value``."""

    start: int
    end: int
    value: str
    category: str  # redactor.document.Category value, plus STATUTE
    role: str | None  # plaintiff, victim, judge, lawyer, ... (the owner's role)
    entity: str | None  # id of the person/organisation it belongs to
    strict: str  # "mask" | "keep"
    spc2016: str  # "mask" | "keep"
    basis: str  # the article that decides it

    def action(self, profile: str) -> str:
        return self.strict if profile == "strict" else self.spc2016


@dataclass
class Paragraph:
    style: str  # court | title | case_number | header | body | table_header | table_row | signature | date | note
    start: int
    end: int


@dataclass
class SyntheticJudgment:
    seed: int | str
    kind: str
    case_type: str  # civil | criminal | administrative
    cause: str  # 案由
    doc_type: str  # 民事判决书 ...
    court: str
    case_number: str
    judgment_date: date
    text: str
    paragraphs: list[Paragraph]
    items: list[TruthItem]
    entities: list[dict[str, Any]]
    status: str  # publish | withhold
    withhold_article: str = ""
    withhold_reason: str = ""
    docx_author: str | None = None  # a party's name to leak through DOCX core properties

    @property
    def title(self) -> str:
        return self.doc_type

    def lines(self) -> list[tuple[str, str]]:
        """(style, text) per paragraph, in order."""
        return [(p.style, self.text[p.start:p.end]) for p in self.paragraphs]

    def masked_values(self, profile: str = "strict") -> set[str]:
        return {i.value for i in self.items if i.action(profile) == MASK}

    def kept_values(self, profile: str = "strict") -> set[str]:
        return {i.value for i in self.items if i.action(profile) == KEEP}

    def hints(self) -> dict[str, str]:
        """What a NAME.meta.json sidecar (contract.md) would say about this document."""
        return {
            "case_type": self.case_type,
            "cause": self.cause,
            "case_number": self.case_number,
            "judgment_date": self.judgment_date.isoformat(),
        }

    def truth(self, include_text: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "seed": self.seed,
            "kind": self.kind,
            "case_type": self.case_type,
            "cause": self.cause,
            "doc_type": self.doc_type,
            "court": self.court,
            "case_number": self.case_number,
            "judgment_date": self.judgment_date.isoformat(),
            "expected_status": {"strict": self.status, "spc2016": self.status},
            "withhold_article": self.withhold_article,
            "withhold_reason": self.withhold_reason,
            "docx_author": self.docx_author,
            "entities": self.entities,
            "items": [asdict(i) for i in self.items],
            "paragraphs": [asdict(p) for p in self.paragraphs],
        }
        if include_text:
            d["text"] = self.text
        return d

    def to_json(self, include_text: bool = True) -> str:
        return json.dumps(self.truth(include_text), ensure_ascii=False, indent=1, sort_keys=False)


# ====================================================================== text building


class M:
    """A labelled mention inside a paragraph."""

    __slots__ = ("value", "category", "ent")

    def __init__(self, value: str, category: str, ent: "Ent | None"):
        self.value = value
        self.category = category
        self.ent = ent

    def __len__(self) -> int:
        return len(self.value)


Piece = "str | M"
_PH = re.compile(r"\{(\w+)\}")
_TEMPLATE_CACHE: dict[str, list[tuple[bool, str]]] = {}


def _parse(template: str) -> list[tuple[bool, str]]:
    parsed = _TEMPLATE_CACHE.get(template)
    if parsed is None:
        parsed, pos = [], 0
        for m in _PH.finditer(template):
            if m.start() > pos:
                parsed.append((False, template[pos:m.start()]))
            parsed.append((True, m.group(1)))
            pos = m.end()
        if pos < len(template):
            parsed.append((False, template[pos:]))
        _TEMPLATE_CACHE[template] = parsed
    return parsed


def T(template: str, **kw: Any) -> list:
    """Fill ``{name}`` placeholders with strings, mentions, or lists of them."""
    out: list = []
    for is_ph, s in _parse(template):
        if not is_ph:
            out.append(s)
            continue
        v = kw[s]
        if isinstance(v, list):
            out.extend(v)
        elif isinstance(v, (str, M)):
            out.append(v)
        else:
            out.append(str(v))
    return out


def _plen(pieces: list) -> int:
    return sum(len(p) for p in pieces)


# ====================================================================== entities


@dataclass(eq=False)
class Ent:
    id: str
    role: str
    name: str  # full name as written
    person: names.Person | None = None  # None for organisations
    attrs: dict[str, Any] = field(default_factory=dict)

    # -- natural-person details, filled on demand by Ctx
    address: Address | None = None
    id_number: str | None = None
    phone: str | None = None
    # -- organisation details
    short: str | None = None
    uscc: str | None = None
    legal_rep: "Ent | None" = None

    @property
    def is_person(self) -> bool:
        return self.person is not None

    @property
    def n(self) -> M:
        return M(self.name, "PERSON" if self.is_person else "ORGANIZATION", self)

    @property
    def s(self) -> M:
        """Short name of an organisation (恒达公司)."""
        return M(self.short or self.name, "ORGANIZATION", self)


_CN_DIGITS = "零一二三四五六七八九"


def cn_num(n: int) -> str:
    """Chinese numeral as used in statute articles and sentences: 675 -> 六百七十五, 15 -> 十五."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n >= 10000:
        hi, lo = divmod(n, 10000)
        return cn_num(hi) + "万" + (("零" if lo < 1000 else "") + _cn_under_10000(lo) if lo else "")
    return _cn_under_10000(n)


def _cn_under_10000(n: int) -> str:
    out, zero = "", False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
                zero = False
            out += _CN_DIGITS[d] + unit
        elif out:
            zero = True
    return out


def cn_date_upper(d: date) -> str:
    """二〇二三年五月六日 (signature-block date)."""
    y = "".join("〇一二三四五六七八九"[int(c)] for c in str(d.year))
    return f"{y}年{cn_num(d.month)}月{cn_num(d.day)}日"


def dt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def art(*nums: int) -> str:
    return "、".join(f"第{cn_num(n)}条" for n in nums)


def yuan(n: int | float) -> str:
    if isinstance(n, float) and not n.is_integer():
        return f"{n:.2f}元"
    return f"{int(n)}元"


def cn_yuan(n: int) -> str:
    return cn_num(n) + "元"


def months_cn(m: int) -> str:
    y, mo = divmod(m, 12)
    s = ""
    if y:
        s += f"{cn_num(y)}年"
    if mo:
        s += f"{cn_num(mo)}个月"
    return s


# ====================================================================== generation context


class Ctx:
    """Everything one judgment draws from: the rng, the court, the people and the dates."""

    def __init__(self, rng: random.Random, kind: str):
        self.rng = rng
        self.kind = kind
        self.case_type = {"theft": "criminal", "fraud": "criminal", "injury": "criminal", "juvenile": "criminal",
                          "administrative": "administrative"}.get(kind, "civil")
        self.criminal = self.case_type == "criminal"
        self.family = kind in ("inheritance", "divorce")
        self.county: County = random_county(rng)
        prov = self.county.province.name
        self.p_minority = 0.45 if prov in ("新疆维吾尔自治区", "西藏自治区") else (0.15 if prov in ("内蒙古自治区", "青海省", "宁夏回族自治区") or "自治州" in self.county.city.name else 0.03)
        self.date = date(2016, 3, 1) + timedelta(days=rng.randint(0, 3215))  # to the end of 2024
        self.filed = self.date - timedelta(days=rng.randint(25, 160))
        self.entities: list[Ent] = []
        self._names: set[str] = set()
        self.new_law = self.date >= date(2021, 1, 1)  # 民法典 in force

    # --- dates
    def before(self, d: date, lo: int, hi: int) -> date:
        return d - timedelta(days=self.rng.randint(lo, hi))

    # --- people
    def person(self, role: str, *, min_age: int = 22, max_age: int = 68, sex: str | None = None,
               surname: str | None = None, han: bool = False, county: County | None = None,
               p_foreign: float = 0.012, birth: date | None = None, **attrs: Any) -> Ent:
        rng = self.rng
        fixed_birth = birth
        for _ in range(50):
            birth = fixed_birth or names.random_birth(rng, self.date, min_age, max_age)
            if surname is not None:
                p = names.han_person(rng, birth, sex, surname)
            elif han:
                p = names.han_person(rng, birth, sex)
            else:
                p = names.random_person(rng, birth, sex, p_minority=self.p_minority, p_foreign=p_foreign)
            if p.full not in self._names and not any(p.full in o or o in p.full for o in self._names):
                break
        self._names.add(p.full)
        e = Ent(f"P{len(self.entities) + 1}", role, p.full, p, dict(attrs))
        e.attrs.setdefault("county", county or county_near(rng, self.county))
        self.entities.append(e)
        return e

    def staff(self, role: str) -> Ent:
        return self.person(role, min_age=26, max_age=58, p_foreign=0.0, county=self.county)

    def org(self, role: str, name: str, short: str | None = None, *, county: County | None = None,
            with_uscc: bool = True, rep_title: str | None = "执行董事") -> Ent:
        e = Ent(f"O{len(self.entities) + 1}", role, name, None, {})
        e.short = short
        county = county or county_near(self.rng, self.county)
        e.attrs["county"] = county
        e.address = business_address(self.rng, county)
        if with_uscc:
            e.uscc = ids.uscc(self.rng, county.code)
        if rep_title:
            e.legal_rep = self.person("legal_rep", min_age=30, max_age=65, p_foreign=0.0)
            e.legal_rep.attrs["title"] = rep_title
            e.legal_rep.attrs["org"] = e.id
        self.entities.append(e)
        return e

    def company(self, role: str) -> Ent:
        county = county_near(self.rng, self.county)
        full, short = ids.company(self.rng, county)
        while any(e.name == full for e in self.entities):
            full, short = ids.company(self.rng, county)
        return self.org(role, full, short, county=county,
                        rep_title=self.rng.choice(["执行董事", "总经理", "董事长", "执行董事兼总经理", "经理"]))

    def simple_org(self, role: str, name: str) -> Ent:
        e = Ent(f"O{len(self.entities) + 1}", role, name, None, {})
        self.entities.append(e)
        return e

    # --- personal data, created once per person so every mention agrees
    def home(self, e: Ent) -> Address:
        if e.address is None:
            e.address = residence(self.rng, e.attrs["county"])
        return e.address

    def idno(self, e: Ent) -> str:
        if e.id_number is None:
            p = e.person
            assert p is not None
            county = e.attrs["county"]
            if p.birth.year < 1975 and self.rng.random() < 0.05:
                e.id_number = ids.legacy_id(self.rng, county.code, p.birth, p.sex)
            else:
                e.id_number = ids.resident_id(self.rng, county.code, p.birth, p.sex)
        return e.id_number

    def tel(self, e: Ent) -> str:
        if e.phone is None:
            e.phone = ids.format_mobile(self.rng, ids.mobile(self.rng))
        return e.phone

    def account(self, e: Ent, bank: str | None = None) -> tuple[str, str]:
        accts = e.attrs.setdefault("accounts", [])
        if accts and (bank is None or accts[0][0] == bank) and self.rng.random() < 0.7:
            return accts[0]
        b, num = ids.bank_account(self.rng, bank)
        accts.append((b, ids.format_account(self.rng, num)))
        return accts[-1]

    def plate_of(self, e: Ent) -> str:
        if "plate" not in e.attrs:
            e.attrs["plate"] = ids.plate(self.rng, e.attrs["county"].city)
        return e.attrs["plate"]

    # --- mention helpers
    def m_id(self, e: Ent) -> M:
        return M(self.idno(e), "ID_CARD", e)

    def m_phone(self, e: Ent) -> M:
        return M(self.tel(e), "PHONE", e)

    def m_addr(self, e: Ent, addr: Address | None = None) -> list:
        a = addr or self.home(e)
        return [M(a.admin_part, "ADDRESS_ADMIN", e), M(a.detail_part, "ADDRESS_DETAIL", e)]

    def m_acct(self, e: Ent, bank: str | None = None) -> tuple[str, M]:
        b, num = self.account(e, bank)
        return b, M(num, "BANK_ACCOUNT", e)

    def m_plate(self, e: Ent) -> M:
        return M(self.plate_of(e), "PLATE", e)

    def m_cert(self, owner: Ent, county: County) -> M:
        return M(ids.property_cert(self.rng, county, self.rng.randint(2008, self.date.year - 1)), "PROPERTY_CERT", owner)

    def m_loc(self, county: County | None = None) -> M:
        return M(scene_location(self.rng, county or self.county), "LOCATION", None)

    def statute(self, title: str) -> list:
        return ["《", M(title, "STATUTE", None), "》"]

    # --- common header lines
    def natural_header(self, label: str, e: Ent, *, colon: bool = True, with_id: bool | None = None,
                       occupation: bool = True, extra: list | None = None) -> list:
        rng, p = self.rng, e.person
        assert p is not None
        sep = "：" if colon else ""
        out: list = [label, sep, e.n, "，", p.sex, "，", dt(p.birth), "出生，"]
        if p.is_foreign:
            out += [p.nationality, "国籍，护照号码", M(ids.passport(rng, p.nationality), "PASSPORT", e)]
            out += ["，住", *self.m_addr(e), "。"]
            return out
        out += [p.ethnicity]
        if occupation and rng.random() < 0.5:
            out += ["，", rng.choice(["无业", "农民", "务工", "个体经营者", "退休职工", "公司职员", "自由职业"])]
        if extra:
            out += extra
        out += ["，住", *self.m_addr(e)]
        if with_id is None:
            with_id = rng.random() < 0.6
        if with_id:
            out += [rng.choice(["，公民身份号码", "，身份证号码", "，公民身份号码："]), self.m_id(e)]
        out.append("。")
        return out

    def org_header(self, label: str, o: Ent) -> list[list]:
        rng = self.rng
        assert o.address is not None
        first: list = [label, "：", o.n, "，住所地", M(o.address.admin_part, "ADDRESS_ADMIN", o),
                       M(o.address.detail_part, "ADDRESS_DETAIL", o)]
        paras: list[list] = [first]
        if o.uscc and rng.random() < 0.5:
            first += ["，统一社会信用代码", M(o.uscc, "USCC", o), "。"]
        elif o.uscc:
            first.append("。")
            paras.append(["统一社会信用代码：", M(o.uscc, "USCC", o), "。"])
        else:
            first.append("。")
        if o.legal_rep is not None:
            label2 = "负责人" if o.name.endswith(("分公司", "支行", "分行")) else "法定代表人"
            paras.append([label2, "：", o.legal_rep.n, "，该", "公司" if "公司" in o.name else "单位",
                          o.legal_rep.attrs.get("title", "负责人"), "。"])
        return paras

    def lawyer_line(self, label: str, client_role: str, province=None) -> tuple[list, Ent]:
        lw = self.person("lawyer", min_age=26, max_age=60, p_foreign=0.0, county=self.county)
        firm_name = ids.law_firm(self.rng, province or self.county.province)
        firm = self.simple_org("law_firm", firm_name)
        lw.attrs["firm"] = firm.id
        lw.attrs["client_role"] = client_role
        tail = "律师" if self.rng.random() < 0.85 else "实习律师"
        return [label, "：", lw.n, "，", firm.n, tail, "。"], lw

    def relative_agent_line(self, label: str, party: Ent) -> tuple[list, Ent]:
        """A close relative acting as agent (委托诉讼代理人…，系原告之子), with a plausible age."""
        rng, pp = self.rng, party.person
        assert pp is not None
        age = pp.age_on(self.date)
        options = [("之妻" if pp.sex == "男" else "之夫", age - 5, age + 5)]
        if age >= 45:
            options += [("之子", 20, age - 20), ("之女", 20, age - 20)]
        if age <= 45:
            options += [("之父", age + 20, min(85, age + 35)), ("之母", age + 20, min(85, age + 33))]
        options += [("之兄", age + 1, age + 12), ("之弟", max(18, age - 12), age - 1)]
        relation, lo, hi = rng.choice(options)
        lo, hi = max(18, lo), max(18, min(90, hi))
        if hi < lo:
            relation, lo, hi = options[0][0], max(18, age - 5), max(18, age + 5)
        sex = "男" if relation[-1] in "父子兄弟夫" else "女"
        surname = pp.surname if pp.kind == "han" and relation in ("之父", "之子", "之女", "之兄", "之弟") else None
        ag = self.person("agent", sex=sex, surname=surname, han=True, county=party.attrs["county"], min_age=lo, max_age=hi)
        ag.attrs["relation"] = relation
        p = ag.person
        line = [label, "：", ag.n, "，", p.sex, "，", dt(p.birth), "出生，", p.ethnicity, "，住", *self.m_addr(ag),
                "，系", party.n, relation, "。"]
        return line, ag


# ====================================================================== decisions


def _decide(category: str, ent: Ent | None, ctx: Ctx) -> tuple[str, str, str]:
    """(strict, spc2016, basis) for one labelled value."""
    if category in _ALWAYS_MASKED:
        owner = "natural person" if ent is None or ent.is_person else "organisation"
        return MASK, MASK, "Art. 10(1)" if owner == "natural person" else "Art. 10(2)"
    if category == "ADDRESS_DETAIL":
        if ent is not None and ent.is_person:
            return MASK, MASK, "Art. 10(1) home address below county/district"
        return KEEP, KEEP, "Art. 11(1) domicile of an organisation"
    if category in _ALWAYS_KEPT:
        basis = {"ADDRESS_ADMIN": "Art. 11(1) county/district of residence kept",
                 "LOCATION": "place of an event, not a home address",
                 "CASE_NUMBER": "case number is public", "STATUTE": "statute titles are public",
                 "USCC": "Art. 11(1) organisation code kept"}.get(category, "Art. 11(1) organisations kept")
        return KEEP, KEEP, basis
    if category == "PERSON":
        assert ent is not None
        role = ent.role
        if role in _KEPT_PERSON_ROLES:
            return KEEP, KEEP, "court staff / lawyer / legal representative are public (Art. 11)"
        if ent.attrs.get("minor") or role in ("minor", "statutory_agent") or ent.person.age_on(ctx.date) < 18:
            return MASK, MASK, "Art. 8(3) minors and their statutory agents"
        if ctx.family:
            return MASK, MASK, "Art. 8(1) marriage/family and inheritance disputes"
        if ctx.criminal and role in _ART8_2_ROLES:
            return MASK, MASK, "Art. 8(2) victims, witnesses, appraisers in criminal cases"
        return MASK, KEEP, "strict: every natural person; spc2016: Art. 11 keeps this name"
    raise ValueError(category)


# ====================================================================== the judgment skeleton


@dataclass
class Parts:
    cause: str
    doc_type: str
    case_kind: str  # 民初 / 刑初 / 行初
    header: list[list]
    procedure: list[list]
    claims: list[list] = field(default_factory=list)
    evidence_intro: list[list] = field(default_factory=list)
    table: list[list[list]] = field(default_factory=list)  # rows of cells (each cell a piece list)
    facts: list[list] = field(default_factory=list)
    reasoning: list[list] = field(default_factory=list)
    disposition: list[list] = field(default_factory=list)
    tail: list[list] = field(default_factory=list)  # costs + appeal notice
    pad: Callable[[], list[list]] | None = None
    pad_row: Callable[[], list[list]] | None = None
    status: str = "publish"
    withhold_article: str = ""
    withhold_reason: str = ""
    collegial: bool = False
    author: Ent | None = None
    facts_insert_at: int | None = None  # where padding goes inside the facts (default: at the end)


def _signature(ctx: Ctx, collegial: bool) -> list[tuple[str, list]]:
    rng = ctx.rng
    out: list[tuple[str, list]] = []
    spaced = rng.random() < 0.7

    def nm(e: Ent) -> M:
        return M(names.spaced(e.name) if spaced else e.name, "PERSON", e)

    if collegial:
        pj = ctx.staff("presiding_judge")
        out.append(("signature", ["审　判　长　", nm(pj)]))
        for _ in range(2):
            if rng.random() < 0.5:
                j = ctx.staff("juror")
                out.append(("signature", ["人民陪审员　", nm(j)]))
            else:
                j = ctx.staff("judge")
                out.append(("signature", ["审　判　员　", nm(j)]))
    else:
        j = ctx.staff("judge")
        out.append(("signature", ["审　判　员　", nm(j)]))
    out.append(("date", [cn_date_upper(ctx.date)]))
    if rng.random() < 0.3:
        out.append(("note", ["本件与原本核对无异"]))
    if rng.random() < 0.5:
        a = ctx.staff("judge_assistant")
        out.append(("signature", ["法官助理　", nm(a)]))
    c = ctx.staff("clerk")
    out.append(("signature", ["书　记　员　", nm(c)]))
    return out


def _procedure_law(ctx: Ctx) -> dict[str, str]:
    """Article numbers of the Civil Procedure Law in force on the judgment date."""
    d = ctx.date
    if d < date(2017, 7, 1):
        return {"evidence": art(64), "default": art(144), "delay": art(253), "withdraw": art(145), "reject": art(119, 124, 154)}
    if d < date(2022, 1, 1):
        return {"evidence": art(64), "default": art(144), "delay": art(253), "withdraw": art(145), "reject": art(119, 124, 154)}
    if d < date(2024, 1, 1):
        return {"evidence": art(67), "default": art(147), "delay": art(260), "withdraw": art(148), "reject": art(122, 127, 157)}
    return {"evidence": art(67), "default": art(147), "delay": art(264), "withdraw": art(148), "reject": art(122, 127, 157)}


def _civil_appeal(ctx: Ctx, ruling: bool = False) -> list:
    days = "十日" if ruling else "十五日"
    what = "裁定书" if ruling else "判决书"
    upper = intermediate_court(ctx.county.city)
    return [f"如不服本{what[:-1]}，可以在{what}送达之日起{days}内，向本院递交上诉状，并按对方当事人或者代表人的人数提出副本，上诉于",
            M(upper, "ORGANIZATION", None), "。"]


def _criminal_appeal(ctx: Ctx) -> list:
    upper = intermediate_court(ctx.county.city)
    return ["如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向", M(upper, "ORGANIZATION", None),
            "提出上诉。书面上诉的，应当提交上诉状正本一份，副本二份。"]


def _once(fn: Callable[[], list[list]]) -> Callable[[], list[list]]:
    """Mark a padding variant that makes sense only once per judgment."""
    fn.once = True  # type: ignore[attr-defined]
    return fn


def _cycle(rng: random.Random, variants: list[Callable[[], list[list]]]) -> Callable[[], list[list]]:
    """Padding source: runs the variants in shuffled rounds, dropping one-shot ones after use,
    so a long judgment gets many different findings rather than one paragraph repeated."""
    pool = list(variants)
    order: list[Callable[[], list[list]]] = []

    def next_paragraphs() -> list[list]:
        if not order:
            order.extend(rng.sample(pool, len(pool)))
        fn = order.pop()
        if getattr(fn, "once", False) and fn in pool and len(pool) > 1:
            pool.remove(fn)
        return fn()

    return next_paragraphs


def _evidence_table_header() -> list[list]:
    return [["序号"], ["证据名称"], ["证明内容"]]


# ====================================================================== case kinds
# Each builder returns Parts. Helpers shared by civil kinds come first.


def _civil_parties(ctx: Ctx, plaintiff: Ent, defendants: list[Ent], *, lawyer_for_plaintiff: float = 0.7,
                   lawyer_for_defendant: float = 0.4, label_p: str = "原告", label_d: str = "被告",
                   relative_agents: bool = True) -> list[list]:
    rng = ctx.rng
    header: list[list] = []

    def add_party(label: str, e: Ent, p_lawyer: float) -> None:
        if e.is_person:
            header.append(ctx.natural_header(label, e))
        else:
            header.extend(ctx.org_header(label, e))
        if rng.random() < p_lawyer:
            line, agent = ctx.lawyer_line("委托诉讼代理人", e.role)
            header.append(line)
            e.attrs["agent"] = agent
        elif relative_agents and e.is_person and rng.random() < 0.15:
            line, agent = ctx.relative_agent_line("委托诉讼代理人", e)
            header.append(line)
            e.attrs["agent"] = agent

    add_party(label_p, plaintiff, lawyer_for_plaintiff)
    for d in defendants:
        add_party(label_d, d, lawyer_for_defendant)
    return header


def _names_joined(ents: list[Ent]) -> list:
    out: list = []
    for i, e in enumerate(ents):
        if i:
            out.append("、")
        out.append(e.n)
    return out


def _civil_procedure(ctx: Ctx, plaintiff: Ent, defendants: list[Ent], cause: str, collegial: bool,
                     absent: Ent | None = None) -> list:
    proc = "普通程序" if collegial else "简易程序"
    out = T("原告{p}与被告{d}{cause}一案，本院于{filed}立案后，依法适用{proc}，公开开庭进行了审理。",
            p=plaintiff.n, d=_names_joined(defendants), cause=cause, filed=dt(ctx.filed), proc=proc)

    def present(label: str, e: Ent) -> list:
        agent = e.attrs.get("agent")
        if agent is None:
            return [label, e.n]
        return [label, e.n, "及其委托诉讼代理人", agent.n]

    out += present("原告", plaintiff)
    for d in defendants:
        if d is absent:
            continue
        if d.is_person or d.attrs.get("agent") is None:
            out += ["，"] + present("被告", d)
        else:  # an organisation appears through its agent
            out += ["，被告", d.s if d.short else d.n, "的委托诉讼代理人", d.attrs["agent"].n]
    out.append("到庭参加诉讼。")
    if absent is not None:
        out += T("被告{d}经本院传票传唤，无正当理由拒不到庭参加诉讼，本院依法缺席审理。", d=absent.n)
    out.append("本案现已审理终结。")
    return out


def _loan(ctx: Ctx) -> Parts:
    rng = ctx.rng
    plaintiff = ctx.person("plaintiff") if rng.random() < 0.85 else ctx.company("plaintiff")
    debtor = ctx.person("defendant")
    defendants = [debtor]
    spouse = None
    if rng.random() < 0.4:
        spouse = ctx.person("defendant", sex="女" if debtor.person.sex == "男" else "男", county=debtor.attrs["county"])
        spouse.address = ctx.home(debtor)
        defendants.append(spouse)
    collegial = rng.random() < 0.35
    principal = rng.choice([2, 3, 5, 6, 8, 10, 12, 15, 20, 30, 50, 80]) * 10000
    rate = rng.choice([0, 6, 8, 10, 12, 15, 24]) if not ctx.new_law else rng.choice([0, 3.85, 6, 8, 10, 12, 14.8])
    lend_day = ctx.before(ctx.filed, 200, 1500)
    due_day = lend_day + timedelta(days=rng.choice([90, 180, 365, 730]))
    repaid = rng.choice([0, 0, 5000, 10000, 20000]) if principal > 20000 else 0
    cause = "民间借贷纠纷"
    header = _civil_parties(ctx, plaintiff, defendants)
    absent = debtor if rng.random() < 0.25 else None
    proc = _civil_procedure(ctx, plaintiff, defendants, cause, collegial, absent)
    law = _procedure_law(ctx)
    p_bank, p_acct = ctx.m_acct(plaintiff)
    d_bank, d_acct = ctx.m_acct(debtor)
    rate_txt = f"年利率{rate}%" if rate else "不计利息"
    claims = [T("{p}向本院提出诉讼请求：1.判令被告{d}偿还借款本金{amt}及利息（以{amt2}为基数，自{due}起按{rate}计算至实际清偿之日止）；"
                "{extra}{n}.本案诉讼费用由被告承担。",
                p=plaintiff.n, d=_names_joined(defendants), amt=yuan(principal - repaid), amt2=yuan(principal - repaid),
                due=dt(due_day + timedelta(days=1)),
                rate="年利率" + (f"{rate}%" if rate else "3.85%"),
                extra=(T("2.判令被告{s}对上述债务承担共同还款责任；", s=spouse.n) if spouse else []),
                n="3" if spouse else "2")]
    claims.append(T("事实和理由：{ld}，被告{d}因{why}向原告借款{amt}，并出具借条一份，约定借款期限至{due}，{rate}。"
                    "原告当日通过{pb}账户（账号{pa}）向被告{d}名下{db}账户（账号{da}）转账支付了上述款项。借款到期后，"
                    "经原告多次催要，被告{paid}。原告为维护自身合法权益，诉至法院。",
                    ld=dt(lend_day), d=debtor.n, why=rng.choice(["资金周转", "做生意需要资金", "购买车辆", "装修房屋", "支付工程款"]),
                    amt=yuan(principal), due=dt(due_day), rate=rate_txt, pb=p_bank, pa=p_acct, db=d_bank, da=d_acct,
                    paid=("仅偿还了" + yuan(repaid) + "，余款至今未还") if repaid else "至今分文未还"))
    if absent is None:
        claims.append(T("{d}辩称，{text}", d=debtor.n, text=rng.choice([
            "借款属实，但因经营困难暂时无力偿还，请求法院允许分期还款。",
            "借款本金数额无异议，但原告主张的利息过高，请求依法调整。",
            "已经通过微信和现金方式陆续偿还部分款项，实际欠款数额没有原告主张的那么多。",
        ])))
    if spouse:
        claims.append(T("{s}辩称，对{d}借款一事不知情，该借款未用于家庭共同生活，不应由其承担还款责任。", s=spouse.n, d=debtor.n))
    intro = [["当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。对当事人无异议的证据，本院予以确认并在卷佐证。原告提交的证据如下："]]
    rows = [
        [["借条一份"], ["证明被告", debtor.n, "向原告借款", yuan(principal), "的事实"]],
        [["银行转账凭证"], ["证明原告通过尾号", p_acct.value[-4:], "的账户向被告账户（账号", d_acct, "）交付借款的事实"]],
        [["微信聊天记录"], ["证明原告多次催要借款，被告（手机号", ctx.m_phone(debtor), "）承诺还款的事实"]],
    ]
    if spouse:
        rows.append([["结婚证复印件"], ["证明被告", debtor.n, "与", spouse.n, "系夫妻关系"]])
    facts = [T("本院经审理认定事实如下：{ld}，被告{d}向原告{p}借款{amt}，并出具借条一份，载明：“今借到{p}人民币{amt}，{rate}，于{due}前归还。借款人：{d}”。"
               "同日，原告通过{pb}向被告{d}转账{amt}。",
               ld=dt(lend_day), d=debtor.n, p=plaintiff.n, amt=yuan(principal), rate=rate_txt, due=dt(due_day), pb=p_bank)]
    if repaid:
        facts.append(T("借款到期后，被告{d}于{pd}偿还原告{r}，余款{left}至今未还。", d=debtor.n, pd=dt(due_day + timedelta(days=rng.randint(10, 90))),
                       r=yuan(repaid), left=yuan(principal - repaid)))
    if spouse:
        facts.append(T("另查明，被告{d}与被告{s}于{md}登记结婚，现住{addr}。", d=debtor.n, s=spouse.n,
                       md=dt(ctx.before(lend_day, 400, 6000)), addr=ctx.m_addr(debtor)))
    civil = ctx.statute("中华人民共和国民法典") if ctx.new_law else ctx.statute("中华人民共和国合同法")
    arts = art(667, 674, 675, 676) if ctx.new_law else art(196, 206, 207, 211)
    reasoning = [T("本院认为，合法的借贷关系受法律保护。原告{p}提交的借条、转账凭证等证据能够相互印证，足以证明双方之间存在真实的借贷关系，"
                   "且原告已经实际交付借款。被告{d}未按约定期限履行还款义务，应承担相应的民事责任。{spouse_txt}"
                   "关于利息，原告主张的利率未超过合同成立时一年期贷款市场报价利率四倍，本院予以支持。",
                   p=plaintiff.n, d=debtor.n,
                   spouse_txt=(T("被告{s}与被告{d}系夫妻关系，该笔借款发生在婚姻关系存续期间，且用于家庭共同生活，属于夫妻共同债务，被告{s}应承担共同还款责任。", s=spouse.n, d=debtor.n) if spouse else []))]
    reasoning.append(T("综上所述，依照{civil}{arts}，{proc}{pa}{absent}之规定，判决如下：",
                       civil=civil, arts=arts, proc=ctx.statute("中华人民共和国民事诉讼法"), pa=law["evidence"],
                       absent=("、" + law["default"]) if absent else ""))
    disp = [T("一、被告{d}于本判决生效之日起十日内偿还原告{p}借款本金{amt}及利息（以{amt}为基数，自{due}起按{rate}计算至实际清偿之日止）；",
              d=_names_joined(defendants), p=plaintiff.n, amt=yuan(principal - repaid), due=dt(due_day + timedelta(days=1)),
              rate="年利率" + (f"{rate}%" if rate else "3.85%"))]
    disp.append(["二、驳回原告", plaintiff.n, "的其他诉讼请求。"])
    fee = int(principal * 0.011) + 50
    tail = [T("如果未按本判决指定的期间履行给付金钱义务，应当依照{law}{a}之规定，加倍支付迟延履行期间的债务利息。",
              law=ctx.statute("中华人民共和国民事诉讼法"), a=law["delay"]),
            T("案件受理费{fee}{half}，由被告{d}负担。", fee=yuan(fee), half=("，减半收取" + yuan(fee // 2)) if not collegial else "",
              d=_names_joined(defendants)),
            _civil_appeal(ctx)]

    def repay() -> list[list]:
        d2 = ctx.before(ctx.filed, 30, 400)
        bank, acct = ctx.m_acct(debtor)
        return [T("又查明，{d2}，被告{d}通过其名下{bank}账户（账号{acct}）向原告转账{amt}，附言“还款”。原告认可收到该笔款项，但主张系偿还双方之间另一笔借款，对此原告未能提供证据证明，本院不予采信。",
                  d2=dt(d2), d=debtor.n, bank=bank, acct=acct, amt=yuan(rng.choice([2000, 3000, 5000, 8000, 10000])))]

    def call() -> list[list]:
        return [T("庭审中，原告陈述{d2}曾通过电话（{ph}）向被告{d}催要借款，被告当时表示“{said}”，被告对此予以认可。",
                  d2=dt(ctx.before(ctx.filed, 10, 500)), ph=ctx.m_phone(debtor), d=debtor.n,
                  said=rng.choice(["过段时间一定还上", "等工程款结算后马上还", "年底前还清", "先还一部分利息"]))]

    def assets() -> list[list]:
        return [T("另查明，被告{d}现住{addr}，其名下有{plate}号小型轿车一辆。原告在诉讼中申请财产保全，本院依法查封了该车辆。",
                  d=debtor.n, addr=ctx.m_addr(debtor), plate=ctx.m_plate(debtor))]

    def witness() -> list[list]:
        w = ctx.person("witness")
        return [T("证人{w}出庭作证称，{d2}其在场看到原告将现金{amt}交给被告{d}，被告当场出具了收条。证人住{addr}，与原告系{rel}关系。",
                  w=w.n, d2=dt(ctx.before(ctx.filed, 100, 900)), amt=yuan(rng.choice([5000, 10000, 20000])), d=debtor.n,
                  addr=ctx.m_addr(w), rel=rng.choice(["同事", "朋友", "邻居", "同乡"]))]

    def chat() -> list[list]:
        return [T("原告提交的微信聊天记录显示，{d2}，被告{d}向原告发送消息称“{msg}”，原告回复要求其尽快还款。被告对聊天记录的真实性无异议。",
                  d2=dt(ctx.before(ctx.filed, 10, 600)), d=debtor.n,
                  msg=rng.choice(["钱我记着呢，这个月一定想办法", "最近手头紧，下个月先还你一万", "利息能不能少算一点", "房子卖了就还你"]))]

    pad = _cycle(rng, [repay, call, _once(assets), witness, chat])

    def pad_row() -> list[list]:
        return [["转账记录（" + dt(ctx.before(ctx.filed, 10, 300)) + "）"], ["证明被告通过账户", ctx.m_acct(debtor)[1], "部分还款的事实"]]

    return Parts(cause, "民事判决书", "民初", header, [proc], claims, intro, rows, facts, reasoning, disp, tail,
                 pad, pad_row, collegial=collegial, author=plaintiff if plaintiff.is_person else None)


def _sales(ctx: Ctx) -> Parts:
    rng = ctx.rng
    seller, buyer = ctx.company("plaintiff"), ctx.company("defendant")
    guarantor = ctx.person("defendant") if rng.random() < 0.5 else None
    defendants = [buyer] + ([guarantor] if guarantor else [])
    collegial = rng.random() < 0.5
    goods = rng.choice(["钢材", "水泥", "电缆", "建筑模板", "办公家具", "服装面料", "电子元器件", "化肥", "饲料", "机械配件"])
    total = rng.randint(8, 300) * 10000 + rng.choice([0, 3600, 8250, 4500])
    paid = int(total * rng.choice([0.3, 0.5, 0.6, 0.7])) // 100 * 100
    owe = total - paid
    sign_day = ctx.before(ctx.filed, 250, 1200)
    cause = "买卖合同纠纷"
    header = _civil_parties(ctx, seller, defendants, lawyer_for_plaintiff=0.9, lawyer_for_defendant=0.6)
    proc = _civil_procedure(ctx, seller, defendants, cause, collegial)
    law = _procedure_law(ctx)
    s_bank, s_acct = ctx.m_acct(seller)
    contract_no = f"{rng.choice(['HT', 'XS', 'GX'])}{sign_day.year}{rng.randint(1, 999):03d}"
    claims = [T("{s}向本院提出诉讼请求：1.判令被告{b}支付货款{owe}及逾期付款违约金（以{owe}为基数，按同期全国银行间同业拆借中心公布的贷款市场报价利率的1.5倍，自起诉之日起计算至实际付清之日止）；"
                "{g}3.本案诉讼费、保全费由被告承担。",
                s=seller.s, b=buyer.n, owe=yuan(owe),
                g=(T("2.判令被告{g}对上述债务承担连带保证责任；", g=guarantor.n) if guarantor else ["2.判令被告承担原告为实现债权支出的律师费；"])),
              T("事实和理由：{sd}，原告与被告{b}签订编号为{no}的《{goods}购销合同》，约定被告向原告购买{goods}，合同总价款{total}，"
                "货到验收合格后三十日内付清全部货款，货款汇入原告在{sb}开立的账户（账号{sa}）。合同签订后，原告依约分批交付了全部货物，被告仅支付货款{paid}，余款经催要未果。",
                sd=dt(sign_day), b=buyer.n, no=contract_no, goods=goods, total=yuan(total), sb=ids.bank_branch(rng, s_bank, seller.attrs["county"]), sa=s_acct, paid=yuan(paid))]
    claims.append(T("{b}辩称，原告交付的部分{goods}存在质量问题，我方已经通知原告退换，原告未予处理，故我方有权拒付相应货款；原告主张的违约金计算标准过高。", b=buyer.s, goods=goods))
    if guarantor:
        claims.append(T("{g}辩称，其在合同上签字系见证人身份，并未作出保证的意思表示，不应承担保证责任。", g=guarantor.n))
    intro = [["原告围绕其诉讼请求提交了以下证据，被告对证据的真实性均无异议，本院予以确认："]]
    rows = [
        [["《" + goods + "购销合同》"], ["证明原、被告之间存在买卖合同关系及合同约定的内容"]],
        [["送货单", str(rng.randint(5, 30)), "份"], ["证明原告已交付全部货物，由被告员工签收"]],
        [["银行回单"], ["证明被告已付款", yuan(paid), "，付款账户为", ctx.m_acct(buyer)[1]]],
        [["对账函"], ["证明双方于", dt(ctx.before(ctx.filed, 20, 120)), "对账确认欠款", yuan(owe)]],
    ]
    driver = ctx.person("outsider", han=True)
    facts = [T("本院经审理认定事实如下：{sd}，原告{s}（卖方）与被告{b}（买方）签订《{goods}购销合同》，约定由原告向被告供应{goods}，"
               "合同总价款{total}，交货地点为被告指定的工地，运费由原告承担。",
               sd=dt(sign_day), s=seller.n, b=buyer.n, goods=goods, total=yuan(total)),
             T("合同签订后，原告委托案外人{drv}驾驶车牌号为{pl}的货车分{n}次向被告送货，被告工作人员在送货单上签字确认。截至{cd}，被告共支付货款{paid}，尚欠{owe}。",
               drv=driver.n, pl=ctx.m_plate(driver), n=cn_num(rng.randint(3, 12)), cd=dt(ctx.before(ctx.filed, 10, 90)), paid=yuan(paid), owe=yuan(owe))]
    if guarantor:
        facts.append(T("合同尾部“担保人”一栏有被告{g}的签名，并注明“对买方付款义务承担连带责任”。{g}系被告{b}的股东。", g=guarantor.n, b=buyer.s))
    civil = ctx.statute("中华人民共和国民法典") if ctx.new_law else ctx.statute("中华人民共和国合同法")
    arts = art(509, 577, 579, 626) if ctx.new_law else art(60, 107, 109, 159)
    if guarantor:
        arts = art(509, 577, 579, 626, 688) if ctx.new_law else arts
    gart = ["，", *ctx.statute("中华人民共和国担保法"), art(18)] if guarantor and not ctx.new_law else []
    reasoning = [T("本院认为，原告与被告{b}签订的买卖合同系双方真实意思表示，内容不违反法律、行政法规的强制性规定，合法有效。原告已依约交付货物，被告应按约支付货款。"
                   "被告辩称货物存在质量问题，但未在约定的检验期间内提出异议，亦未提交证据证明，本院不予采纳。{g}",
                   b=buyer.s, g=(T("被告{g}在合同担保人处签名并注明承担连带责任，其关于见证人的抗辩与书面约定不符，本院不予采信。", g=guarantor.n) if guarantor else [])),
                 T("依照{civil}{arts}{gart}，{proc}{pa}之规定，判决如下：", civil=civil, arts=arts,
                   gart=gart,
                   proc=ctx.statute("中华人民共和国民事诉讼法"), pa=law["evidence"])]
    disp = [T("一、被告{b}于本判决生效之日起十日内支付原告{s}货款{owe}及逾期付款违约金（以{owe}为基数，自{fd}起按同期全国银行间同业拆借中心公布的一年期贷款市场报价利率的1.5倍计算至实际付清之日止）；",
              b=buyer.n, s=seller.n, owe=yuan(owe), fd=dt(ctx.filed))]
    if guarantor:
        disp.append(T("二、被告{g}对上述第一项债务承担连带清偿责任，其承担责任后，有权向被告{b}追偿；", g=guarantor.n, b=buyer.n))
    disp.append([("三" if guarantor else "二") + "、驳回原告", seller.n, "的其他诉讼请求。"])
    fee = int(owe * 0.01) + 80
    tail = [T("如果未按本判决指定的期间履行给付金钱义务，应当依照{law}{a}之规定，加倍支付迟延履行期间的债务利息。",
              law=ctx.statute("中华人民共和国民事诉讼法"), a=law["delay"]),
            T("案件受理费{fee}，保全费{bf}，由被告{b}负担。", fee=yuan(fee), bf=yuan(min(5000, fee // 3)), b=buyer.n),
            _civil_appeal(ctx)]

    def dunning() -> list[list]:
        return [T("另查明，{d2}，原告向被告{b}发出《催款函》，要求其于十五日内付清欠款，被告签收后未予回复。原告为此支付律师代理费{fee}。",
                  d2=dt(ctx.before(ctx.filed, 30, 600)), b=buyer.n, fee=yuan(rng.choice([5000, 8000, 10000, 20000])))]

    def sms() -> list[list]:
        emp = ctx.person("outsider", han=True)
        return [T("又查明，{d2}，被告{b}的采购负责人{emp}通过手机（{ph}）向原告业务员发送短信，确认尚欠货款{owe}，并承诺分期支付。",
                  d2=dt(ctx.before(ctx.filed, 30, 600)), b=buyer.s, emp=emp.n, ph=ctx.m_phone(emp), owe=yuan(owe))]

    def appraisal() -> list[list]:
        return [T("庭审中，被告{b}申请对部分{goods}的质量进行鉴定，后又以鉴定费用过高为由撤回申请。本院经释明，被告表示不再申请鉴定。", b=buyer.s, goods=goods)]

    def delivery() -> list[list]:
        drv = ctx.person("outsider", han=True)
        rec = ctx.person("outsider", han=True)
        return [T("{d2}，原告委托司机{drv}驾驶{pl}号货车向被告送货{t}吨，被告工作人员{rec}在送货单上签字确认收货，并备注“数量无误”。",
                  d2=dt(ctx.before(ctx.filed, 60, 700)), drv=drv.n, pl=ctx.m_plate(drv), t=str(rng.randint(5, 80)), rec=rec.n)]

    pad = _cycle(rng, [_once(dunning), sms, _once(appraisal), delivery])

    def pad_row() -> list[list]:
        return [["送货单（" + dt(ctx.before(ctx.filed, 60, 500)) + "）"], ["证明当日送货", str(rng.randint(5, 80)), "吨，承运车辆", ctx.m_plate(driver)]]

    return Parts(cause, "民事判决书", "民初", header, [proc], claims, intro, rows, facts, reasoning, disp, tail,
                 pad, pad_row, collegial=collegial, author=seller.legal_rep)


def _traffic(ctx: Ctx) -> Parts:
    rng = ctx.rng
    victim = ctx.person("plaintiff", min_age=18, max_age=75)
    driver = ctx.person("defendant", min_age=20, max_age=60)
    city = ctx.county.city
    ins = ctx.org("defendant", ids.insurer(rng, city), None, county=ctx.county, rep_title="总经理")
    ins.short = "保险公司"
    collegial = rng.random() < 0.3
    acc_day = ctx.before(ctx.filed, 60, 500)
    cause = "机动车交通事故责任纠纷"
    header = _civil_parties(ctx, victim, [driver, ins], lawyer_for_plaintiff=0.8, lawyer_for_defendant=0.3)
    proc = _civil_procedure(ctx, victim, [driver, ins], cause, collegial)
    law = _procedure_law(ctx)
    hospital = rng.choice(["人民医院", "中心医院", "第一人民医院", "中医院", "骨科医院"])
    hosp_name = (ctx.county.city.name if not ctx.county.city.is_pseudo else ctx.county.name) + hospital if rng.random() < 0.5 else ctx.county.name + hospital
    days = rng.randint(7, 45)
    injury = rng.choice(["右胫腓骨骨折", "左锁骨骨折", "多发肋骨骨折", "腰椎压缩性骨折", "右桡骨远端骨折", "头皮裂伤、脑震荡"])
    med = rng.randint(8000, 120000)
    total = med + rng.randint(10000, 150000)
    vehicle = rng.choice(["小型轿车", "小型普通客车", "轻型厢式货车", "重型半挂牵引车"])
    witness = ctx.person("witness", han=rng.random() < 0.9)
    v_vehicle = rng.choice(["电动自行车", "两轮摩托车", "自行车"])
    scene = ctx.m_loc()
    claims = [T("{v}向本院提出诉讼请求：1.判令被告赔偿原告医疗费、误工费、护理费、住院伙食补助费、营养费、交通费、残疾赔偿金、精神损害抚慰金等各项损失共计{total}；"
                "2.被告{ins}在机动车交通事故责任强制保险和商业第三者责任保险限额内承担赔偿责任；3.本案诉讼费由被告承担。",
                v=victim.n, total=yuan(total), ins=ins.n),
              T("事实和理由：{ad}{hh}时许，被告{d}驾驶{pl}号{veh}沿{scene}行驶时，与原告驾驶的{vv}相撞，造成原告受伤、车辆损坏的交通事故。"
                "该事故经交警部门认定，被告{d}负事故的全部责任，原告无责任。被告{d}驾驶的车辆在被告{ins}处投保了交强险和商业第三者责任险。",
                ad=dt(acc_day), hh=cn_num(rng.randint(7, 22)), d=driver.n, pl=ctx.m_plate(driver), veh=vehicle, scene=scene, vv=v_vehicle, ins=ins.s)]
    claims.append(T("{d}辩称，对事故经过和责任认定无异议，事故车辆已投保，应由保险公司在保险限额内赔偿；事故发生后其已垫付医疗费{adv}，请求在本案中一并处理。",
                    d=driver.n, adv=yuan(rng.choice([2000, 5000, 10000]))))
    claims.append(T("{ins}辩称，对事故发生及投保情况无异议，但原告主张的部分费用过高，且诉讼费、鉴定费不属于保险理赔范围，不应由保险公司承担。", ins=ins.s))
    intro = [["当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了质证。对当事人无异议的证据，本院予以确认并在卷佐证。证据目录如下："]]
    rows = [
        [["道路交通事故认定书"], ["证明事故经过及被告", driver.n, "负全部责任"]],
        [["住院病历、出院证明"], ["证明原告在", hosp_name, "住院治疗", str(days), "天"]],
        [["医疗费票据"], ["证明原告支出医疗费", yuan(med)]],
        [["保险单"], ["证明", ctx.m_plate(driver), "号车辆投保情况"]],
        [["证人", witness.n, "证言"], ["证明事故发生经过"]],
    ]
    facts = [T("本院经审理认定事实如下：{ad}，被告{d}驾驶{pl}号{veh}沿{scene}由东向西行驶时，与原告{v}驾驶的{vv}相撞，致原告受伤。"
               "事故发生时，行人{w}在路边目睹了事故经过，并拨打了报警电话。经{police}交通管理大队认定，被告{d}负事故全部责任，原告{v}无责任。",
               ad=dt(acc_day), d=driver.n, pl=ctx.m_plate(driver), veh=vehicle, scene=scene, v=victim.n, vv=v_vehicle, w=witness.n,
               police=ctx.county.police()),
             T("原告伤后被送往{h}住院治疗{days}天，诊断为{inj}，支出医疗费{med}。经{jd}司法鉴定所鉴定，原告的伤情构成十级伤残，误工期一百五十日，护理期六十日，营养期六十日。",
               h=hosp_name, days=str(days), inj=injury, med=yuan(med), jd=ctx.county.city.short if not ctx.county.city.is_pseudo else ctx.county.short),
             T("另查明，被告{d}驾驶的{pl}号车辆登记所有人为被告{d}，该车在被告{ins}处投保了交强险及保险金额为100万元的商业第三者责任险（含不计免赔），事故发生在保险期间内。原告系{kind}居民，事故发生前在{emp}工作。",
               d=driver.n, pl=ctx.m_plate(driver), ins=ins.n, kind=rng.choice(["城镇", "农村"]), emp=ctx.company("outsider").n)]
    civil = ctx.statute("中华人民共和国民法典") if ctx.new_law else ctx.statute("中华人民共和国侵权责任法")
    arts = art(1165, 1179, 1208, 1213) if ctx.new_law else art(6, 16, 48)
    ins_pay = min(total, 180000 + rng.randint(0, 100000))
    reasoning = [T("本院认为，公民的生命健康权受法律保护。本案事故经交警部门认定，被告{d}负事故全部责任，该认定程序合法、事实清楚，本院予以采信。"
                   "被告{d}驾驶的车辆在被告{ins}处投保了交强险和商业三者险，故原告的损失应先由被告{ins}在交强险责任限额内予以赔偿，不足部分由被告{ins}在商业三者险限额内按照保险合同予以赔偿。"
                   "经核定，原告的各项损失合计{sum}。",
                   d=driver.n, ins=ins.s, sum=yuan(ins_pay)),
                 T("依照{civil}{arts}，{road}{ra}，{proc}{pa}之规定，判决如下：", civil=civil, arts=arts,
                   road=ctx.statute("中华人民共和国道路交通安全法"), ra=art(76), proc=ctx.statute("中华人民共和国民事诉讼法"), pa=law["evidence"])]
    disp = [T("一、被告{ins}于本判决生效之日起十日内赔偿原告{v}各项损失共计{sum}；", ins=ins.n, v=victim.n, sum=yuan(ins_pay)),
            ["二、驳回原告", victim.n, "的其他诉讼请求。"]]
    fee = int(total * 0.01) + 50
    tail = [T("如果未按本判决指定的期间履行给付金钱义务，应当依照{law}{a}之规定，加倍支付迟延履行期间的债务利息。",
              law=ctx.statute("中华人民共和国民事诉讼法"), a=law["delay"]),
            T("案件受理费{fee}，由原告{v}负担{a}，被告{d}负担{b}。", fee=yuan(fee), v=victim.n, a=yuan(fee // 4), d=driver.n, b=yuan(fee - fee // 4)),
            _civil_appeal(ctx)]

    def wage() -> list[list]:
        bank, acct = ctx.m_acct(victim)
        return [T("关于误工费，原告提交了其所在单位出具的误工证明及工资发放记录，显示原告事故前月平均工资{w}，工资通过{b}账户（账号{a}）发放，本院予以确认。",
                  w=yuan(rng.randint(3000, 9000)), b=bank, a=acct)]

    def nursing() -> list[list]:
        rel = ctx.person("relative", surname=victim.person.surname if victim.person.kind == "han" else None, han=True)
        return [T("关于护理费，原告住院期间由其亲属{r}护理，{r}系{job}，住{addr}，本院参照当地居民服务业平均工资标准计算护理费。",
                  r=rel.n, job=rng.choice(["农民", "个体经营者", "无固定职业"]), addr=ctx.m_addr(rel))]

    def testimony() -> list[list]:
        w = ctx.person("witness")
        return [T("证人{w}出庭作证称：事发时其在路边等车，看到一辆{veh}行驶速度较快，与骑车的原告发生碰撞。证人联系电话为{ph}。",
                  w=w.n, veh=vehicle, ph=ctx.m_phone(w))]

    def checkup() -> list[list]:
        return [T("{d2}，原告到{h}复查，支出门诊费{amt}，有门诊票据及病历为证。",
                  d2=dt(acc_day + timedelta(days=rng.randint(30, 200))), h=hosp_name, amt=yuan(rng.randint(100, 3000)))]

    pad = _cycle(rng, [_once(wage), _once(nursing), testimony, checkup])

    def pad_row() -> list[list]:
        return [["门诊票据（" + dt(acc_day + timedelta(days=rng.randint(1, 60))) + "）"], ["证明原告支出门诊费", yuan(rng.randint(100, 3000))]]

    return Parts(cause, "民事判决书", "民初", header, [proc], claims, intro, rows, facts, reasoning, disp, tail,
                 pad, pad_row, collegial=collegial, author=victim)


def _labour(ctx: Ctx) -> Parts:
    rng = ctx.rng
    worker = ctx.person("plaintiff", min_age=20, max_age=58)
    employer = ctx.company("defendant")
    collegial = rng.random() < 0.3
    start = ctx.before(ctx.filed, 600, 3000)
    end = ctx.before(ctx.filed, 80, 300)
    wage = rng.randint(30, 120) * 100
    years = max(1, (end - start).days // 365)
    comp = wage * years * 2
    arb_no = f"{ctx.county.city.short if not ctx.county.city.is_pseudo else ctx.county.short}劳人仲案字〔{end.year}〕第{rng.randint(10, 2999)}号"
    cause = "劳动争议"
    header = _civil_parties(ctx, worker, [employer], lawyer_for_plaintiff=0.5, lawyer_for_defendant=0.7)
    proc = _civil_procedure(ctx, worker, [employer], cause, collegial)
    law = _procedure_law(ctx)
    bank, acct = ctx.m_acct(worker)
    claims = [T("{w}向本院提出诉讼请求：1.判令被告支付违法解除劳动合同赔偿金{comp}；2.判令被告支付拖欠的工资{owed}；3.判令被告支付未休年休假工资报酬{leave}；4.本案诉讼费由被告负担。",
                w=worker.n, comp=yuan(comp), owed=yuan(wage * 2), leave=yuan(wage // 2)),
              T("事实和理由：原告于{sd}入职被告处，从事{job}工作，月工资{wage}，工资通过原告{bank}账户（账号{acct}）发放。{ed}，被告以原告严重违反规章制度为由口头通知原告解除劳动合同，且未支付最后两个月工资。"
                "原告申请劳动仲裁，{arb}仲裁裁决书仅支持了原告的部分请求，原告不服，诉至法院。",
                sd=dt(start), job=rng.choice(["仓库管理", "车间操作", "销售", "司机", "会计", "保洁"]), wage=yuan(wage), bank=bank, acct=acct, ed=dt(end), arb=arb_no),
              T("{e}辩称，原告多次无故旷工，严重违反公司考勤制度，公司解除劳动合同合法，不应支付赔偿金；拖欠工资系因原告未办理离职交接手续，公司愿意在交接完毕后支付。", e=employer.s)]
    intro = [["原告提交了劳动合同、工资流水、仲裁裁决书等证据；被告提交了考勤记录、员工手册、解除通知书等证据。本院对证据认证如下："]]
    rows = [
        [["劳动合同"], ["证明原告自", dt(start), "起在被告处工作，月工资", yuan(wage)]],
        [["工资流水"], ["证明被告通过账户", acct, "向原告发放工资至", dt(end - timedelta(days=60))]],
        [["仲裁裁决书"], ["证明本案经过劳动仲裁前置程序"]],
        [["考勤记录"], ["被告用以证明原告旷工，原告不认可其真实性"]],
    ]
    facts = [T("经审理查明：{sd}，原告{w}入职被告{e}，双方签订了期限为三年的书面劳动合同，期满后续签。原告月工资{wage}，被告为原告缴纳了社会保险。原告登记的联系电话为{ph}，住址为{addr}。",
               sd=dt(start), w=worker.n, e=employer.n, wage=yuan(wage), ph=ctx.m_phone(worker), addr=ctx.m_addr(worker)),
             T("{ed}，被告向原告出具《解除劳动合同通知书》，以原告当月旷工三日为由解除劳动合同。被告未能提供证据证明其员工手册经过民主程序制定并已向原告公示。",
               ed=dt(end)),
             T("原告于{ad}向{arb}申请仲裁。该委作出{no}仲裁裁决，裁决被告支付原告工资{w2}，驳回原告的其他仲裁请求。原告不服，于法定期限内诉至本院。",
               ad=dt(end + timedelta(days=rng.randint(10, 40))),
               arb=(ctx.county.city.name if not ctx.county.city.is_pseudo else ctx.county.name) + "劳动人事争议仲裁委员会", no=arb_no, w2=yuan(wage * 2))]
    reasoning = [T("本院认为，用人单位因劳动者严重违反规章制度而解除劳动合同的，应当对规章制度的合法有效及劳动者违纪事实承担举证责任。被告提交的考勤记录系其单方制作，原告不予认可，被告亦未提交其他证据佐证，"
                   "故被告解除与原告的劳动合同缺乏事实依据，属于违法解除，应当依法支付赔偿金。原告在职期间月平均工资为{wage}，工作年限为{y}年，被告应支付赔偿金{comp}。",
                   wage=yuan(wage), y=cn_num(years), comp=yuan(comp)),
                 T("依照{lc}{arts}，{proc}{pa}之规定，判决如下：", lc=ctx.statute("中华人民共和国劳动合同法"), arts=art(30, 39, 47, 48, 87),
                   proc=ctx.statute("中华人民共和国民事诉讼法"), pa=law["evidence"])]
    disp = [T("一、被告{e}于本判决生效之日起十日内支付原告{w}违法解除劳动合同赔偿金{comp}；", e=employer.n, w=worker.n, comp=yuan(comp)),
            T("二、被告{e}于本判决生效之日起十日内支付原告{w}工资{w2}；", e=employer.n, w=worker.n, w2=yuan(wage * 2)),
            ["三、驳回原告", worker.n, "的其他诉讼请求。"]]
    tail = [T("如果未按本判决指定的期间履行给付金钱义务，应当依照{law}{a}之规定，加倍支付迟延履行期间的债务利息。",
              law=ctx.statute("中华人民共和国民事诉讼法"), a=law["delay"]),
            ["案件受理费10元，由被告", employer.n, "负担。"], _civil_appeal(ctx)]

    def colleague() -> list[list]:
        c = ctx.person("witness", han=True)
        return [T("庭审中，原告申请的证人{c}出庭作证，证明原告在被告主张旷工的期间内曾经向车间主任请假，证人系原告同事，住{addr}。",
                  c=c.n, addr=ctx.m_addr(c))]

    def insurance() -> list[list]:
        bank, acct = ctx.m_acct(worker)
        return [T("另查明，被告为原告缴纳社会保险至{d}，原告的社会保障卡所关联的{b}账户（账号{a}）于同月停止收到工资。", d=dt(end), b=bank, a=acct)]

    def leave() -> list[list]:
        return [T("关于年休假，被告提交的休假审批单显示原告于{y}年度已休年假五天，原告对签名的真实性无异议，本院予以确认。", y=str(end.year - 1))]

    def overtime() -> list[list]:
        m = ctx.before(end, 30, 600)
        return [T("{y}年{mo}月，原告共计加班{h}小时，有考勤打卡记录为证，被告已按规定支付了加班工资。", y=str(m.year), mo=str(m.month), h=str(rng.randint(8, 60)))]

    pad = _cycle(rng, [colleague, _once(insurance), _once(leave), overtime])

    def pad_row() -> list[list]:
        return [["请假条（" + dt(ctx.before(end, 5, 200)) + "）"], ["证明原告请假经过批准"]]

    return Parts(cause, "民事判决书", "民初", header, [proc], claims, intro, rows, facts, reasoning, disp, tail,
                 pad, pad_row, collegial=collegial, author=worker)


def _inheritance(ctx: Ctx) -> Parts:
    rng = ctx.rng
    family = names.han_surname(rng)
    home_county = county_near(rng, ctx.county, 0.9)
    father = ctx.person("decedent", min_age=70, max_age=95, sex="男", surname=family, county=home_county)
    mother = ctx.person("decedent", min_age=68, max_age=93, sex="女", han=True, county=home_county)
    kids = [ctx.person(rng.choice(["plaintiff", "plaintiff"]), min_age=38, max_age=65, surname=family, county=county_near(rng, home_county))]
    n_def = rng.randint(1, 3)
    for _ in range(n_def):
        kids.append(ctx.person("defendant", min_age=35, max_age=65, surname=family, county=county_near(rng, home_county)))
    plaintiff, defendants = kids[0], kids[1:]
    collegial = rng.random() < 0.5
    f_death = ctx.before(ctx.filed, 200, 2000)
    m_death = ctx.before(f_death, -150, 1500)
    house_addr = residence(rng, home_county, urban=True)
    cause = "继承纠纷" if rng.random() < 0.5 else "法定继承纠纷"
    # no relative agents: every close relative of the decedent is already named as an heir
    header = _civil_parties(ctx, plaintiff, defendants, lawyer_for_plaintiff=0.6, lawyer_for_defendant=0.3,
                            relative_agents=False)
    proc = _civil_procedure(ctx, plaintiff, defendants, cause, collegial)
    law = _procedure_law(ctx)
    cert = ctx.m_cert(father, home_county)
    bank, acct = ctx.m_acct(father)
    deposit = rng.randint(20, 400) * 1000
    n_heirs = len(kids)
    claims = [T("{p}向本院提出诉讼请求：1.依法分割被继承人{f}、{m}遗留的位于{addr}的房屋一套（不动产权证号：{cert}），原告继承其中{share}份额；"
                "2.依法分割被继承人{f}名下{bank}账户（账号{acct}）内的存款{dep}；3.诉讼费用由被告负担。",
                p=plaintiff.n, f=father.n, m=mother.n, addr=ctx.m_addr(father, house_addr), cert=cert, share=f"1/{n_heirs}",
                bank=bank, acct=acct, dep=yuan(deposit)),
              T("事实和理由：被继承人{f}与{m}系夫妻，共生育{n}名子女，即原告{p}及被告{d}。{f}于{fd}去世，{m}于{md}去世，二人生前未留有遗嘱。"
                "上述房屋系二人婚后购买的夫妻共同财产，现由被告{d0}居住使用。原告多次要求分割遗产未果，故诉至法院。",
                f=father.n, m=mother.n, n=cn_num(n_heirs), p=plaintiff.n, d=_names_joined(defendants),
                fd=dt(f_death), md=dt(m_death), d0=defendants[0].n),
              T("{d0}辩称，父母生前一直由其照顾，其尽了主要赡养义务，分配遗产时应当多分；其他兄弟姐妹很少探望老人。", d0=defendants[0].n)]
    intro = [["原告为证明其主张，提交了以下证据："]]
    rows = [
        [["户籍证明、亲属关系证明"], ["证明原、被告均为被继承人", father.n, "、", mother.n, "的子女"]],
        [["死亡证明"], ["证明被继承人分别于", dt(f_death), "、", dt(m_death), "死亡"]],
        [["不动产权证书"], ["证明房屋登记在", father.n, "名下，证号", cert]],
        [["存款明细"], ["证明", father.n, "名下账户", acct, "内有存款", yuan(deposit)]],
    ]
    facts = [T("经审理查明：被继承人{f}与{m}系夫妻关系，二人共生育子女{n}人，即原告{p}、被告{d}。{f}的父母、{m}的父母均先于二人死亡。",
               f=father.n, m=mother.n, n=cn_num(n_heirs), p=plaintiff.n, d=_names_joined(defendants)),
             T("{f}于{fd}因病去世，{m}于{md}去世，二人生前均未立遗嘱，亦未与他人签订遗赠扶养协议。",
               f=father.n, fd=dt(f_death), m=mother.n, md=dt(m_death)),
             T("位于{addr}的房屋（建筑面积{area}平方米）登记在{f}名下，系{f}与{m}婚姻关系存续期间购买。{f}名下{bank}账户（账号{acct}）截至其去世时余额为{dep}。"
               "被继承人去世后，该房屋由被告{d0}居住，其联系电话为{ph}。",
               addr=ctx.m_addr(father, house_addr), area=f"{rng.randint(55, 140)}.{rng.randint(10, 99)}", f=father.n, m=mother.n, bank=bank, acct=acct,
               dep=yuan(deposit), d0=defendants[0].n, ph=ctx.m_phone(defendants[0]))]
    succ = ctx.statute("中华人民共和国民法典") if ctx.new_law else ctx.statute("中华人民共和国继承法")
    arts = art(1122, 1123, 1127, 1130) if ctx.new_law else art(2, 3, 10, 13)
    reasoning = [T("本院认为，继承从被继承人死亡时开始。被继承人{f}、{m}生前未立遗嘱，其遗产应按法定继承办理。原告{p}与被告{d}均为第一顺序继承人。"
                   "被告{d0}与被继承人共同生活并尽了主要扶养义务，分配遗产时可以适当多分。",
                   f=father.n, m=mother.n, p=plaintiff.n, d=_names_joined(defendants), d0=defendants[0].n),
                 T("依照{s}{arts}，{proc}{pa}之规定，判决如下：", s=succ, arts=arts, proc=ctx.statute("中华人民共和国民事诉讼法"), pa=law["evidence"])]
    disp = [T("一、位于{addr}的房屋由被告{d0}继承所有，被告{d0}于本判决生效之日起三十日内支付原告{p}房屋折价款{amt}；",
              addr=ctx.m_addr(father, house_addr), d0=defendants[0].n, p=plaintiff.n, amt=yuan(rng.randint(10, 80) * 10000)),
            T("二、被继承人{f}名下{bank}账户（账号{acct}）内的存款由原告{p}与被告{d}各继承{share}；", f=father.n, bank=bank, acct=acct,
              p=plaintiff.n, d=_names_joined(defendants), share=yuan(deposit // n_heirs)),
            ["三、驳回原告", plaintiff.n, "的其他诉讼请求。"]]
    tail = [T("案件受理费{fee}，由原告{p}负担{a}，被告{d0}负担{b}。", fee=yuan(2300), p=plaintiff.n, a=yuan(1150), d0=defendants[0].n, b=yuan(1150)),
            _civil_appeal(ctx)]

    def sibling_home() -> list[list]:
        other = rng.choice(defendants)
        return [T("另查明，被告{o}现住{addr}，在被继承人生病住院期间曾支付医疗费{amt}。", o=other.n, addr=ctx.m_addr(other), amt=yuan(rng.randint(3, 40) * 1000))]

    def renounce() -> list[list]:
        other = rng.choice(defendants)
        return [T("庭审中，被告{o}表示放弃对被继承人存款的继承，原告{p}对此无异议。", o=other.n, p=plaintiff.n)]

    def cousin() -> list[list]:
        c = ctx.person("relative", surname=family, min_age=30, max_age=60)
        return [T("被继承人{m}生前曾向其侄子{c}借款{amt}，{c}到庭陈述该借款已经由原告{p}代为偿还，其联系电话为{ph}。",
                  m=mother.n, c=c.n, amt=yuan(rng.randint(5, 50) * 1000), p=plaintiff.n, ph=ctx.m_phone(c))]

    def care() -> list[list]:
        kid = rng.choice(kids)
        return [T("{d2}至{d3}期间，被继承人{f}在{h}住院治疗，住院期间主要由{k}陪护。", d2=dt(ctx.before(f_death, 60, 400)),
                  d3=dt(ctx.before(f_death, 1, 50)), f=father.n, h=ctx.county.name + "人民医院", k=kid.n)]

    pad = _cycle(rng, [sibling_home, _once(renounce), cousin, care])

    def pad_row() -> list[list]:
        return [["照片", str(rng.randint(3, 12)), "张"], ["证明被告", defendants[0].n, "照顾老人的情况"]]

    return Parts(cause, "民事判决书", "民初", header, [proc], claims, intro, rows, facts, reasoning, disp, tail,
                 pad, pad_row, collegial=collegial, author=plaintiff)


def _divorce(ctx: Ctx) -> Parts:
    rng = ctx.rng
    wife = ctx.person("plaintiff", min_age=24, max_age=55, sex="女")
    husband = ctx.person("defendant", min_age=25, max_age=58, sex="男")
    if rng.random() < 0.4:
        wife.role, husband.role = "defendant", "plaintiff"
        plaintiff, defendant = husband, wife
    else:
        plaintiff, defendant = wife, husband
    wed = ctx.before(ctx.filed, 1500, 7000)
    child_birth = wed + timedelta(days=rng.randint(300, 2000))
    if ctx.date.year - child_birth.year >= 17:
        child_birth = date(ctx.date.year - rng.randint(3, 15), child_birth.month, min(child_birth.day, 28))
    child_sex = rng.choice("男女")
    sur = husband.person.surname if husband.person.kind == "han" else None
    child = ctx.person("minor", sex=child_sex, surname=sur, han=sur is None, birth=child_birth, minor=True)
    collegial = rng.random() < 0.25
    cause = "离婚纠纷"
    header = _civil_parties(ctx, plaintiff, [defendant], lawyer_for_plaintiff=0.6, lawyer_for_defendant=0.3)
    proc = _civil_procedure(ctx, plaintiff, [defendant], cause, collegial)
    proc = [p if not isinstance(p, str) else p.replace("公开开庭", "不公开开庭") for p in proc]
    law = _procedure_law(ctx)
    home = ctx.home(husband)
    support = rng.choice([500, 800, 1000, 1500, 2000])
    cert = ctx.m_cert(husband, husband.attrs["county"])
    claims = [T("{p}向本院提出诉讼请求：1.判令原、被告离婚；2.婚生{cs}{c}由原告抚养，被告每月支付抚养费{sup}至其年满十八周岁；3.依法分割夫妻共同财产；4.诉讼费由被告负担。",
                p=plaintiff.n, cs="子" if child_sex == "男" else "女", c=child.n, sup=yuan(support)),
              T("事实和理由：原、被告于{wd}登记结婚，于{cb}生育{c}。婚后双方因家庭琐事经常发生争吵，被告{why}，夫妻感情已经彻底破裂。",
                wd=dt(wed), cb=dt(child_birth), c=child.n, why=rng.choice(["沉迷赌博，欠下外债", "多次对原告实施家庭暴力", "长期在外不归，不履行家庭义务", "脾气暴躁，经常辱骂原告"])),
              T("{d}辩称，夫妻感情尚未破裂，不同意离婚；如法院判决离婚，要求孩子由其抚养。", d=defendant.n)]
    facts = [T("经审理查明：原告{p}与被告{d}于{wd}在婚姻登记机关登记结婚，{cb}生育{cs}{c}。婚后双方共同居住在{addr}。",
               p=plaintiff.n, d=defendant.n, wd=dt(wed), cb=dt(child_birth), cs="一子" if child_sex == "男" else "一女", c=child.n, addr=ctx.m_addr(husband, home)),
             T("{sd}，原告曾以夫妻感情破裂为由诉至本院要求离婚，后撤回起诉。此后双方分居至今。婚姻关系存续期间，双方购买位于{addr}的房屋一套，登记在被告名下，证号{cert}，尚欠银行贷款约{loan}。",
               sd=dt(ctx.before(ctx.filed, 200, 700)), addr=ctx.m_addr(husband, residence(rng, husband.attrs["county"], urban=True)), cert=cert,
               loan=yuan(rng.randint(10, 60) * 10000)),
             T("另查明，婚生{cs}{c}现随原告生活，在{school}就读。原告的联系电话为{ph}。",
               cs="子" if child_sex == "男" else "女", c=child.n, school=ctx.county.short + rng.choice(["实验小学", "第一中学", "第二小学", "幼儿园"]), ph=ctx.m_phone(plaintiff))]
    mar = ctx.statute("中华人民共和国民法典") if ctx.new_law else ctx.statute("中华人民共和国婚姻法")
    arts = art(1079, 1084, 1085, 1087) if ctx.new_law else art(32, 36, 37, 39)
    reasoning = [T("本院认为，原、被告婚后未能建立起深厚的夫妻感情，分居已满一年，经本院调解无效，应认定夫妻感情确已破裂，对原告的离婚请求本院予以支持。"
                   "婚生{cs}{c}自分居以来一直随原告生活，从有利于子女身心健康成长的原则出发，{c}由原告抚养为宜。",
                   cs="子" if child_sex == "男" else "女", c=child.n),
                 T("依照{m}{arts}，{proc}{pa}之规定，判决如下：", m=mar, arts=arts, proc=ctx.statute("中华人民共和国民事诉讼法"), pa=law["evidence"])]
    disp = [T("一、准予原告{p}与被告{d}离婚；", p=plaintiff.n, d=defendant.n),
            T("二、婚生{cs}{c}由原告{p}抚养，被告{d}自本判决生效之次月起每月支付抚养费{sup}，至{c}年满十八周岁时止；",
              cs="子" if child_sex == "男" else "女", c=child.n, p=plaintiff.n, d=defendant.n, sup=yuan(support)),
            T("三、登记在被告名下的房屋（证号{cert}）归被告{d}所有，剩余贷款由被告偿还，被告支付原告房屋折价款{amt}。",
              cert=cert, d=defendant.n, amt=yuan(rng.randint(10, 50) * 10000))]
    tail = [T("案件受理费300元，由原告{p}负担。", p=plaintiff.n), _civil_appeal(ctx)]

    def mother_testimony() -> list[list]:
        r = ctx.person("relative", sex="女", min_age=50, max_age=75, han=True)
        return [T("庭审中，原告申请其母亲{r}出庭作证，{r}陈述：被告{d}婚后经常酗酒，多次与原告发生争吵，{d2}原告曾因此报警。",
                  r=r.n, d=defendant.n, d2=dt(ctx.before(ctx.filed, 100, 800)))]

    def account() -> list[list]:
        bank, acct = ctx.m_acct(defendant)
        return [T("另查明，被告{d}名下有{bank}账户（账号{acct}），截至起诉之日余额为{amt}，双方确认该款项系夫妻共同财产。",
                  d=defendant.n, bank=bank, acct=acct, amt=yuan(rng.randint(1000, 90000)))]

    def car() -> list[list]:
        return [T("又查明，双方婚后购买{pl}号小型轿车一辆，现由被告{d}使用。", pl=ctx.m_plate(defendant), d=defendant.n)]

    def school() -> list[list]:
        return [T("{y}年，原告为{c}支付课外辅导费用{amt}，被告对此无异议。", y=str(ctx.before(ctx.filed, 30, 700).year), c=child.n, amt=yuan(rng.randint(2000, 20000)))]

    pad = _cycle(rng, [_once(mother_testimony), account, _once(car), school])

    return Parts(cause, "民事判决书", "民初", header, proc and [proc], claims, [], [], facts, reasoning, disp, tail,
                 pad, None, status="withhold", withhold_article="Art. 4(4)",
                 withhold_reason="离婚诉讼（涉及未成年子女抚养）", collegial=collegial, author=plaintiff)


def _criminal_defendant_header(ctx: Ctx, d: Ent, crime: str, custody_day: date, *, minor: bool = False) -> list:
    rng = ctx.rng
    p = d.person
    birthplace = d.attrs["county"].admin_prefix(True)
    edu = rng.choice(["小学文化", "初中文化", "高中文化", "中专文化", "大专文化"]) if not minor else rng.choice(["初中文化", "初中在读", "小学文化"])
    job = rng.choice(["无业", "农民", "务工", "个体户"]) if not minor else rng.choice(["学生", "无业"])
    out: list = ["被告人", d.n, "，", p.sex, "，", dt(p.birth), "出生于", M(birthplace, "ADDRESS_ADMIN", d), "，"]
    if not p.is_foreign:
        out += ["公民身份号码", ctx.m_id(d), "，", p.ethnicity, "，"]
    else:
        out += [p.nationality, "国籍，护照号码", M(ids.passport(rng, p.nationality), "PASSPORT", d), "，"]
    out += [edu, "，", job, "，住", *ctx.m_addr(d), "。"]
    if rng.random() < 0.3 and not minor:
        prior = ctx.before(custody_day, 700, 3000)
        out += [dt(prior), "因犯盗窃罪被判处有期徒刑", months_cn(rng.choice([6, 8, 10, 12, 18])), "，", dt(prior + timedelta(days=rng.randint(200, 500))), "刑满释放。"]
    police = ctx.county.police()
    out += ["因涉嫌犯", crime, "于", dt(custody_day), "被", police, "刑事拘留，"]
    if rng.random() < 0.6 and not minor:
        out += ["同年", f"{(custody_day + timedelta(days=30)).month}月{(custody_day + timedelta(days=30)).day}日", "经", ctx.county.procuratorate(), "批准逮捕。现羁押于",
                ctx.county.city.short if not ctx.county.city.is_pseudo else ctx.county.short, "市看守所。"]
    else:
        out += ["同年", f"{(custody_day + timedelta(days=25)).month}月{(custody_day + timedelta(days=25)).day}日", "被取保候审。"]
    return out


def _criminal_common(ctx: Ctx, defendant: Ent, crime: str, collegial: bool, minor: bool = False,
                     statutory_agent: Ent | None = None) -> tuple[list[list], list, date, Ent | None]:
    rng = ctx.rng
    custody = ctx.before(ctx.filed, 20, 120)
    header: list[list] = [["公诉机关", M(ctx.county.procuratorate(), "ORGANIZATION", None), "。"]]
    header.append(_criminal_defendant_header(ctx, defendant, crime, custody, minor=minor))
    if statutory_agent is not None:
        p = statutory_agent.person
        header.append(["法定代理人", statutory_agent.n, "，", p.sex, "，", dt(p.birth), "出生，", p.ethnicity, "，住", *ctx.m_addr(statutory_agent),
                       "，系被告人", defendant.n, "之", "母" if p.sex == "女" else "父", "。"])
    lawyer = None
    if rng.random() < 0.75 or minor:
        label = "指定辩护人" if minor or rng.random() < 0.2 else "辩护人"
        line, lawyer = ctx.lawyer_line(label, "accused")
        line[1] = ""  # criminal headers write 辩护人王芳，… without a colon
        header.append(line)
    proc_name = ctx.county.procuratorate()
    ind_no = f"{ctx.county.name[:2]}检刑诉〔{ctx.filed.year}〕{rng.randint(10, 999)}号"
    proc = T("{pc}以{no}起诉书指控被告人{d}犯{crime}，于{fd}向本院提起公诉。本院受理后，依法{how}，{open}开庭审理了本案。{pc2}指派检察员出庭支持公诉，被告人{d}{agent}{lw}到庭参加诉讼。现已审理终结。",
             pc=M(proc_name, "ORGANIZATION", None), no=ind_no, d=defendant.n, crime=crime, fd=dt(ctx.filed),
             how="组成合议庭" if collegial else "适用简易程序，实行独任审判", open="不公开" if minor else "公开",
             pc2=M(proc_name, "ORGANIZATION", None),
             agent=(T("及其法定代理人{a}", a=statutory_agent.n) if statutory_agent else []),
             lw=(T("、辩护人{l}", l=lawyer.n) if lawyer else []))
    return header, proc, custody, lawyer


def _sentence(ctx: Ctx, months: int, fine: int, custody: date) -> list:
    end = custody + timedelta(days=int(months * 30.4))
    return [f"有期徒刑{months_cn(months)}，并处罚金人民币{cn_yuan(fine)}。（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日，即自{dt(custody)}起至{dt(end)}止。罚金已缴纳。）"]


def _theft(ctx: Ctx, *, juvenile: bool = False) -> Parts:
    rng = ctx.rng
    crime = "盗窃罪"
    minor_defendant = juvenile
    if juvenile:
        crime = rng.choice(["盗窃罪", "抢劫罪"])
        # 16 or 17 when the offence was committed (theft needs 16, Criminal Law Art. 17)
        birth = ctx.filed - timedelta(days=rng.randint(16 * 365 + 300, 18 * 365 - 30))
        d = ctx.person("accused", han=True, birth=birth, minor=True)
        agent_sex = rng.choice("男女")
        sa = ctx.person("statutory_agent", min_age=36, max_age=50, sex=agent_sex, county=d.attrs["county"],
                        surname=d.person.surname if agent_sex == "男" else None, han=True)
        sa.address = ctx.home(d)
    else:
        d = ctx.person("accused", min_age=19, max_age=60, p_foreign=0.02)
        sa = None
    collegial = juvenile or rng.random() < 0.3
    header, proc, custody, lawyer = _criminal_common(ctx, d, crime, collegial, minor=minor_defendant, statutory_agent=sa)
    n_victims = rng.randint(1, 3)
    victims = [ctx.person("victim", min_age=18, max_age=75) for _ in range(n_victims)]
    witness = ctx.person("witness")
    counts: list[list] = []
    total = 0
    loot_pool = [("电动自行车一辆", 800, 3500), ("手机一部", 1200, 6000), ("现金", 500, 8000), ("笔记本电脑一台", 2500, 9000),
                 ("金项链一条", 3000, 12000), ("摩托车一辆", 2000, 6000)]

    def count(i: int, v: Ent) -> list:
        nonlocal total
        item, lo, hi = rng.choice(loot_pool)
        val = rng.randint(lo, hi) // 10 * 10
        total += val
        day = ctx.before(custody, 3, 120)
        if item == "手机一部":
            thing = T("被害人{v}放在柜台上的{brand}手机一部（手机号码{ph}）", v=v.n, brand=rng.choice(["华为", "苹果", "小米", "OPPO", "vivo"]), ph=ctx.m_phone(v))
        elif item == "摩托车一辆":
            thing = T("被害人{v}停放在此的{pl}号摩托车一辆", v=v.n, pl=ctx.m_plate(v))
        elif item == "现金":
            thing = T("被害人{v}放在抽屉内的现金", v=v.n)
        else:
            thing = T("被害人{v}的{item}", v=v.n, item=item)
        how = "秘密窃取" if crime == "盗窃罪" else "以持刀威胁的方式强行劫取"
        return T("{n}、{day}{h}时许，被告人{d}在{loc}，{how}{thing}。经价格认定，被盗（劫）财物价值人民币{val}。",
                 n=cn_num(i), day=dt(day), h=cn_num(rng.randint(0, 23)), d=d.n, loc=ctx.m_loc(), how=how, thing=thing, val=yuan(val))

    for i, v in enumerate(victims, 1):
        counts.append(count(i, v))
    charge = [T("{pc}指控：被告人{d}于{y}年间，在{area}境内{how2}他人财物，并当庭出示了被害人陈述、证人证言、价格认定结论书等证据。",
                pc=M(ctx.county.procuratorate(), "ORGANIZATION", None), d=d.n, y=str(custody.year), area=ctx.county.name,
                how2="多次秘密窃取" if crime == "盗窃罪" else "以胁迫手段劫取")]
    charge.append(T("公诉机关认为，被告人{d}以非法占有为目的，{how}他人财物，数额较大，其行为已构成{crime}，提请本院依法判处。被告人{d}自愿认罪认罚，公诉机关建议判处有期徒刑{m}，并处罚金。",
                    d=d.n, how="多次秘密窃取" if crime == "盗窃罪" else "以暴力、胁迫方法劫取", crime=crime, m=months_cn(rng.choice([6, 8, 10, 12, 18, 24]))))
    defense = [T("被告人{d}对公诉机关指控的犯罪事实和罪名无异议，表示认罪认罚。{lw}", d=d.n,
                 lw=(T("辩护人{l}提出，被告人到案后如实供述，系初犯，认罪认罚，且已退赔被害人经济损失，建议对其从轻处罚。", l=lawyer.n) if lawyer else []))]
    facts = [["经审理查明："]] + counts
    evidence = T("上述事实，被告人{d}在开庭审理过程中亦无异议，且有被害人{vs}的陈述，证人{w}的证言，价格认定结论书，扣押、发还清单，调取的监控录像，"
                 "被告人{d}的供述与辩解，户籍证明，到案经过等证据证实，足以认定。",
                 d=d.n, vs=_names_joined(victims), w=witness.n)
    facts.append(evidence)
    facts.append(T("另查明，案发后被告人{d}的亲属代为退赔被害人经济损失，取得了被害人{v}的谅解。", d=d.n, v=victims[0].n))
    crim = ctx.statute("中华人民共和国刑法")
    art_main = 264 if crime == "盗窃罪" else 263
    months = rng.choice([6, 7, 8, 10, 12, 14, 18, 24]) if crime == "盗窃罪" else rng.choice([36, 42, 48])
    if juvenile:
        months = max(6, months // 2)
    reasoning = [T("本院认为，被告人{d}以非法占有为目的，{how}他人财物，{amount}，其行为已构成{crime}。公诉机关指控的罪名成立。{minor}"
                   "被告人{d}到案后如实供述自己的罪行，系坦白，依法可以从轻处罚；其自愿认罪认罚，可依法从宽处理；其退赔被害人损失并取得谅解，可酌情从轻处罚。{lw}",
                   d=d.n, how="秘密窃取" if crime == "盗窃罪" else "采用胁迫方法当场劫取", tot=yuan(total),
                   amount="数额较大" if crime == "盗窃罪" else "", crime=crime,
                   minor=("被告人犯罪时已满十六周岁未满十八周岁，系未成年人，依法应当从轻或者减轻处罚。" if juvenile else ""),
                   lw=(T("辩护人{l}的相关辩护意见，本院予以采纳。", l=lawyer.n) if lawyer else []))]
    arts = [art_main] + ([17] if juvenile else []) + [67, 52, 53, 64]
    reasoning.append(T("依照{crim}{arts}{j}，{cpl}{a15}之规定，判决如下：", crim=crim,
                       arts="、".join(f"第{cn_num(a)}条" + (("第三款" if a == 67 else ("第四款" if a == 17 and ctx.date >= date(2021, 3, 1) else ("第三款" if a == 17 else "")))) for a in arts),
                       j="", cpl=ctx.statute("中华人民共和国刑事诉讼法"), a15=art(15)))
    fine = rng.choice([1000, 2000, 3000, 5000, 8000, 10000])
    disp = [T("一、被告人{d}犯{crime}，判处", d=d.n, crime=crime) + _sentence(ctx, months, fine, custody),
            T("二、扣押在案的作案工具予以没收；被告人{d}的违法所得予以追缴，发还被害人。", d=d.n)]
    tail = [_criminal_appeal(ctx)]

    def extra_count() -> list[list]:
        v = ctx.person("victim", min_age=18, max_age=75)
        victims.append(v)
        return [count(len(victims), v)]

    def statement() -> list[list]:
        w = ctx.person("witness")
        return ("late", [T("证人{w}的证言证实：{d2}，其在{loc}看到被告人{d}{what}。证人联系电话{ph}。",
                  w=w.n, d2=dt(ctx.before(custody, 3, 120)), loc=ctx.m_loc(), d=d.n,
                  what=rng.choice(["推着一辆电动车匆忙离开", "在停车场内来回张望", "将一部手机低价出售", "背着一个黑色双肩包翻越围墙"]), ph=ctx.m_phone(w))])

    pad = _cycle(rng, [extra_count, statement])

    parts = Parts(crime, "刑事判决书", "刑初", header, [proc], charge + defense, [], [], facts, reasoning, disp, tail,
                  pad, None, collegial=collegial, author=None)
    parts.facts_insert_at = 1 + len(counts)
    if juvenile:
        parts.status, parts.withhold_article, parts.withhold_reason = "withhold", "Art. 4(2)", "未成年人犯罪"
    return parts


def _fraud(ctx: Ctx) -> Parts:
    rng = ctx.rng
    crime = "诈骗罪"
    d = ctx.person("accused", min_age=20, max_age=55)
    collegial = rng.random() < 0.5
    header, proc, custody, lawyer = _criminal_common(ctx, d, crime, collegial)
    victims = [ctx.person("victim", min_age=20, max_age=80) for _ in range(rng.randint(1, 3))]
    witness = ctx.person("witness")
    d_bank, d_acct = ctx.m_acct(d)
    total = 0
    schemes = [
        ("谎称能够帮助被害人{v}的子女安排工作", "安置费"),
        ("冒充某网络购物平台客服，以退款为由诱骗被害人{v}", "验证金"),
        ("谎称其在银行有熟人可以办理低息贷款，骗取被害人{v}", "手续费"),
        ("以合伙投资开设饭店为名，骗取被害人{v}", "投资款"),
        ("虚构其亲属住院急需用钱的事实，骗取被害人{v}", "借款"),
    ]

    def count(i: int, v: Ent) -> list:
        nonlocal total
        scheme, money = rng.choice(schemes)
        amt = rng.randint(3, 300) * 1000
        total += amt
        day = ctx.before(custody, 20, 400)
        v_bank, v_acct = ctx.m_acct(v)
        return T("{n}、{day}，被告人{d}通过手机号码{dph}联系被害人{v}（手机号码{vph}），" + scheme.replace("{v}", "") + "，致使被害人{v}先后通过其{vb}账户（账号{va}）向被告人{d}控制的{db}账户（账号{da}）转账{money}共计人民币{amt}。所得款项被被告人{d}用于个人消费。",
                 n=cn_num(i), day=dt(day), d=d.n, dph=ctx.m_phone(d), v=v.n, vph=ctx.m_phone(v), vb=v_bank, va=v_acct, db=d_bank, da=d_acct,
                 money=money, amt=yuan(amt))

    counts = [count(i, v) for i, v in enumerate(victims, 1)]
    charge = [T("{pc}指控：被告人{d}虚构事实、隐瞒真相，采用电话联系、网络聊天等方式骗取被害人{vs}等人钱款，所得款项均被其挥霍。",
                pc=M(ctx.county.procuratorate(), "ORGANIZATION", None), d=d.n, vs=victims[0].n)]
    charge.append(T("公诉机关认为，被告人{d}以非法占有为目的，虚构事实、隐瞒真相，骗取他人财物，数额较大，应当以{crime}追究其刑事责任。", d=d.n, crime=crime))
    defense = [T("被告人{d}对指控的事实无异议，但辩称部分款项系借款，其有归还的意愿。{lw}", d=d.n,
                 lw=(T("辩护人{l}提出，被告人系初犯、偶犯，到案后如实供述，建议从轻处罚并适用缓刑。", l=lawyer.n) if lawyer else []))]
    facts = [["经审理查明："]] + counts
    facts.append(T("上述事实，有被害人{vs}的陈述，证人{w}的证言，银行交易明细，通话记录，手机短信截图，辨认笔录，被告人{d}的供述与辩解等证据证实。",
                   vs=_names_joined(victims), w=witness.n, d=d.n))
    facts.append(T("另查明，被告人{d}于{cd}在其住处被公安机关抓获，到案后如实供述了上述犯罪事实。证人{w}证实，被告人{d}曾向其借用身份证办理了尾号为{tail}的银行卡。",
                   d=d.n, cd=dt(custody), w=witness.n, tail=d_acct.value[-4:]))
    crim = ctx.statute("中华人民共和国刑法")
    months = rng.choice([8, 10, 12, 18, 24, 36, 42])
    reasoning = [T("本院认为，被告人{d}以非法占有为目的，虚构事实，骗取他人财物，数额较大，其行为已构成{crime}。被告人{d}关于部分款项系借款的辩解，与被害人陈述及银行交易记录不符，本院不予采纳。"
                   "被告人{d}到案后如实供述自己的罪行，依法可以从轻处罚。",
                   d=d.n, tot=yuan(total), crime=crime),
                 T("依照{crim}{arts}之规定，判决如下：", crim=crim, arts=f"第二百六十六条、第六十七条第三款、第五十二条、第五十三条、第六十四条")]
    fine = rng.choice([5000, 10000, 20000, 30000])
    disp = [T("一、被告人{d}犯{crime}，判处", d=d.n, crime=crime) + _sentence(ctx, months, fine, custody),
            T("二、责令被告人{d}退赔被害人{v}经济损失。", d=d.n, v=_names_joined(victims))]
    tail = [_criminal_appeal(ctx)]

    def extra_count() -> list[list]:
        v = ctx.person("victim", min_age=20, max_age=80)
        victims.append(v)
        return [count(len(victims), v)]

    def bank_record() -> list[list]:
        bank, acct = ctx.m_acct(d)
        return ("late", [T("银行交易明细显示，被告人{d}名下{bank}账户（账号{acct}）于{d2}收到上述款项后，当日即被转出或在自动取款机上取现。",
                  d=d.n, bank=bank, acct=acct, d2=dt(ctx.before(custody, 10, 300)))])

    pad = _cycle(rng, [extra_count, bank_record])

    parts = Parts(crime, "刑事判决书", "刑初", header, [proc], charge + defense, [], [], facts, reasoning, disp, tail,
                  pad, None, collegial=collegial, author=None)
    parts.facts_insert_at = 1 + len(counts)
    return parts


def _injury(ctx: Ctx) -> Parts:
    rng = ctx.rng
    crime = "故意伤害罪"
    d = ctx.person("accused", min_age=19, max_age=60)
    collegial = True
    victim = ctx.person("victim", min_age=18, max_age=70)
    header, proc, custody, lawyer = _criminal_common(ctx, d, crime, collegial)
    civil_p = None
    if rng.random() < 0.5:
        civil_p = victim
        header.insert(1, ["附带民事诉讼原告人", victim.n, "，", victim.person.sex, "，", dt(victim.person.birth), "出生，",
                          victim.person.ethnicity if not victim.person.is_foreign else victim.person.nationality, "，住", *ctx.m_addr(victim), "。"])
    witnesses = [ctx.person("witness") for _ in range(rng.randint(1, 3))]
    appraiser = ctx.person("appraiser", min_age=30, max_age=60, han=True)
    day = ctx.before(custody, 1, 60)
    grade = rng.choice(["轻伤一级", "轻伤二级", "重伤二级"])
    loc = ctx.m_loc()
    charge = [T("{pc}指控：{day}{h}时许，被告人{d}在{loc}因{why}与被害人{v}发生争执，后被告人{d}持{tool}击打被害人{v}头部、面部，致被害人{v}受伤。经鉴定，被害人{v}的损伤程度为{grade}。",
                pc=M(ctx.county.procuratorate(), "ORGANIZATION", None), day=dt(day), h=cn_num(rng.randint(0, 23)), d=d.n, loc=loc,
                why=rng.choice(["停车问题", "饮酒琐事", "债务纠纷", "邻里纠纷"]), v=victim.n, tool=rng.choice(["木棍", "啤酒瓶", "砖块"]), grade=grade)]
    charge.append(T("公诉机关认为，被告人{d}故意伤害他人身体，致一人{grade}，其行为已构成{crime}。", d=d.n, grade=grade, crime=crime))
    if civil_p:
        charge.append(T("附带民事诉讼原告人{v}诉称，被告人的犯罪行为造成其医疗费、误工费、护理费等经济损失共计{amt}，请求判令被告人赔偿。", v=victim.n, amt=yuan(rng.randint(10, 90) * 1000)))
    defense = [T("被告人{d}对指控的事实无异议，但辩称系被害人先动手。{lw}", d=d.n,
                 lw=(T("辩护人{l}提出，本案系因民间纠纷引发，被害人有过错，被告人有自首情节，建议从轻处罚。", l=lawyer.n) if lawyer else []))]
    facts = [T("经审理查明：{day}晚，被告人{d}与被害人{v}在{loc}因琐事发生口角，继而厮打。其间，被告人{d}持械击打被害人{v}头部，致其受伤倒地。证人{ws}在场目睹并拨打了120急救电话。",
               day=dt(day), d=d.n, v=victim.n, loc=loc, ws=_names_joined(witnesses)),
             T("经{city}公安司法鉴定中心鉴定人{a}鉴定，被害人{v}的损伤程度为{grade}。案发后，被告人{d}主动到公安机关投案，如实供述了犯罪事实。",
               city=ctx.county.city.short if not ctx.county.city.is_pseudo else ctx.county.province.short, a=appraiser.n, v=victim.n, grade=grade, d=d.n),
             T("上述事实，有被害人{v}的陈述，证人{ws}的证言，鉴定意见，现场勘验笔录，辨认笔录，被告人{d}的供述与辩解等证据证实，足以认定。",
               v=victim.n, ws=_names_joined(witnesses), d=d.n)]
    crim = ctx.statute("中华人民共和国刑法")
    months = rng.choice([8, 10, 12, 18, 24, 36]) if grade != "重伤二级" else rng.choice([36, 42, 48, 60])
    reasoning = [T("本院认为，被告人{d}故意伤害他人身体，致一人{grade}，其行为已构成{crime}。被告人{d}案发后主动投案，如实供述犯罪事实，系自首，依法可以从轻处罚。",
                   d=d.n, grade=grade, crime=crime),
                 T("依照{crim}第二百三十四条、第六十七条第一款、第三十六条之规定，判决如下：", crim=crim)]
    disp = [T("一、被告人{d}犯{crime}，判处有期徒刑{m}。（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日。）", d=d.n, crime=crime, m=months_cn(months))]
    if civil_p:
        disp.append(T("二、被告人{d}于本判决生效之日起十日内赔偿附带民事诉讼原告人{v}经济损失{amt}。", d=d.n, v=victim.n, amt=yuan(rng.randint(8, 60) * 1000)))
    tail = [_criminal_appeal(ctx)]

    def friend() -> list[list]:
        w = ctx.person("witness")
        witnesses.append(w)
        return ("late", [T("证人{w}证实：案发当晚其与被害人{v}一起吃饭，被告人{d}过来后双方发生争吵，其看到被告人手里拿着东西朝被害人头上打去。证人{w}的联系电话为{ph}。",
                  w=w.n, v=victim.n, d=d.n, ph=ctx.m_phone(w))])

    def waiter() -> list[list]:
        w = ctx.person("witness")
        witnesses.append(w)
        return ("late", [T("证人{w}证实：其系饭店服务员，当晚听到店外有争吵声，出门后看到被害人{v}头部流血躺在地上，被告人{d}站在旁边。证人住{addr}。",
                  w=w.n, v=victim.n, d=d.n, addr=ctx.m_addr(w))])

    pad = _cycle(rng, [friend, waiter])

    parts = Parts(crime, "刑事判决书", "刑初", header, [proc], charge + defense, [], [], facts, reasoning, disp, tail,
                  pad, None, collegial=collegial)
    parts.facts_insert_at = 2
    return parts


def _administrative(ctx: Ctx) -> Parts:
    rng = ctx.rng
    plaintiff = ctx.person("plaintiff")
    police_name = ctx.county.police()
    agency = ctx.org("defendant", police_name, None, county=ctx.county, with_uscc=False, rep_title=None)
    rep = ctx.person("legal_rep", min_age=40, max_age=58, p_foreign=0.0)
    rep.attrs["title"] = "局长"
    agency.legal_rep = rep
    principal = ctx.person("agency_principal", min_age=38, max_age=58, p_foreign=0.0)
    staff_agent = ctx.person("agent", min_age=25, max_age=50, p_foreign=0.0)
    third = ctx.person("third_party") if rng.random() < 0.5 else None
    collegial = True
    incident = ctx.before(ctx.filed, 60, 300)
    decision_day = incident + timedelta(days=rng.randint(5, 40))
    dec_no = f"{police_name[:2]}公（治）行罚决字〔{decision_day.year}〕{rng.randint(100, 9999)}号"
    days = rng.choice([5, 7, 10])
    cause = "治安行政处罚"
    header = [ctx.natural_header("原告", plaintiff)]
    line, lw = ctx.lawyer_line("委托代理人", "plaintiff")
    if rng.random() < 0.6:
        header.append(line)
    header.append(["被告", "：", agency.n, "，住所地", M(agency.address.admin_part, "ADDRESS_ADMIN", agency), M(agency.address.detail_part, "ADDRESS_DETAIL", agency), "。"])
    header.append(["法定代表人：", rep.n, "，局长。"])
    header.append(["行政机关出庭负责人：", principal.n, "，该局副局长。"])
    header.append(["委托代理人：", staff_agent.n, "，该局工作人员。"])
    if third:
        header.append(ctx.natural_header("第三人", third))
    proc = T("原告{p}不服被告{a}治安行政处罚一案，于{fd}向本院提起行政诉讼。本院于同日立案后，依法向被告送达了起诉状副本及应诉通知书。本院依法组成合议庭，于{hd}公开开庭审理了本案。"
             "原告{p}，被告{a}的行政机关负责人{pr}及委托代理人{sa}{tp}到庭参加诉讼。本案现已审理终结。",
             p=plaintiff.n, a=agency.n, fd=dt(ctx.filed), hd=dt(ctx.filed + timedelta(days=rng.randint(20, 60))), pr=principal.n, sa=staff_agent.n,
             tp=(T("，第三人{t}", t=third.n) if third else []))
    what = T("{day}，原告{p}在{loc}与第三人{t}因琐事发生争执并相互推搡", day=dt(incident), p=plaintiff.n, loc=ctx.m_loc(), t=third.n) if third else \
        T("{day}，原告{p}在{loc}因停车问题与他人发生争执并相互推搡", day=dt(incident), p=plaintiff.n, loc=ctx.m_loc())
    claims = [T("被告于{dd}作出{no}行政处罚决定书，认定{what}，决定对原告处以行政拘留{d}日的处罚。", dd=dt(decision_day), no=dec_no, what=what, d=cn_num(days)),
              T("原告{p}诉称，其系正当防卫，并未殴打他人，被告认定事实不清、证据不足，请求判决撤销被告作出的{no}行政处罚决定书。", p=plaintiff.n, no=dec_no),
              T("被告{a}辩称，被告作出的处罚决定认定事实清楚，证据确实充分，程序合法，适用法律正确，请求驳回原告的诉讼请求。被告向本院提交了受案登记表、询问笔录、现场视频、处罚告知笔录等证据。", a=agency.n)]
    intro = [["经庭审质证，本院对证据作如下确认："]]
    rows = [
        [["受案登记表"], ["证明被告依法受理案件"]],
        [["原告", plaintiff.n, "的询问笔录"], ["证明原告承认推搡对方"]],
        [["现场视频"], ["证明双方相互推搡的过程"]],
        [["处罚告知笔录"], ["证明被告履行了告知义务，原告拒绝签字"]],
    ]
    facts = [T("经审理查明，{what}。{police}接警后出警，于当日受案调查，并依法对原告{p}进行了询问。原告在询问笔录中留存的联系电话为{ph}。",
               what=what, police=agency.n, p=plaintiff.n, ph=ctx.m_phone(plaintiff)),
             T("{dd}，被告在履行了处罚前告知程序后，作出{no}行政处罚决定书，对原告处以行政拘留{d}日，并于当日送达原告。原告不服，诉至本院。",
               dd=dt(decision_day), no=dec_no, d=cn_num(days))]
    law = ctx.statute("中华人民共和国行政诉讼法")
    reasoning = [T("本院认为，根据{pl}{a7}的规定，被告作为县级以上人民政府公安机关，具有作出本案被诉行政处罚的法定职权。被告提交的询问笔录、现场视频等证据能够相互印证，足以证明原告存在殴打他人的违法行为。"
                   "被告在作出处罚决定前履行了告知义务，程序合法。原告关于其系正当防卫的主张缺乏证据支持，本院不予采纳。",
                   pl=ctx.statute("中华人民共和国治安管理处罚法"), a7=art(7)),
                 T("依照{law}{a69}之规定，判决如下：", law=law, a69=art(69))]
    disp = [["驳回原告", plaintiff.n, "的诉讼请求。"]]
    tail = [["案件受理费50元，由原告", plaintiff.n, "负担。"], _civil_appeal(ctx)]

    def relative() -> list[list]:
        r = ctx.person("relative", han=True)
        return [T("另查明，原告{p}在案发当日被送往医院检查，其住址为{addr}。被告在作出处罚决定前，曾通知原告家属{r}到场，{r}的联系电话为{ph}。",
                  p=plaintiff.n, addr=ctx.m_addr(plaintiff), r=r.n, ph=ctx.m_phone(r))]

    def witness() -> list[list]:
        return [T("庭审中，原告申请证人{w}出庭作证，证人称其看到对方先动手推搡原告。经质证，被告认为证人与原告系朋友关系，其证言证明力较低。",
                  w=ctx.person("witness").n)]

    def hearing() -> list[list]:
        return [T("{d2}，被告对原告进行了第{n}次询问，原告在询问笔录上签字确认。", d2=dt(incident + timedelta(days=rng.randint(0, 4))), n=cn_num(rng.randint(2, 4)))]

    pad = _cycle(rng, [_once(relative), witness, hearing])

    def pad_row() -> list[list]:
        return [["证人证言"], ["证明事发经过"]]

    return Parts(cause, "行政判决书", "行初", header, [proc], claims, intro, rows, facts, reasoning, disp, tail,
                 pad, pad_row, collegial=collegial, author=plaintiff)


def _mediation(ctx: Ctx) -> Parts:
    rng = ctx.rng
    base = rng.choice(["民间借贷纠纷", "买卖合同纠纷", "房屋租赁合同纠纷", "机动车交通事故责任纠纷"])
    plaintiff = ctx.person("plaintiff")
    defendant = ctx.person("defendant") if rng.random() < 0.7 else ctx.company("defendant")
    header = _civil_parties(ctx, plaintiff, [defendant], lawyer_for_plaintiff=0.5, lawyer_for_defendant=0.3)
    proc = T("原告{p}与被告{d}{cause}一案，本院于{fd}立案后，依法适用简易程序进行了审理。", p=plaintiff.n, d=defendant.n, cause=base, fd=dt(ctx.filed))
    amt = rng.randint(2, 40) * 5000
    claims = [T("原告{p}向本院提出诉讼请求：判令被告支付{amt}及利息。事实和理由：{d1}，双方发生{what}，被告应付款项经原告多次催要未果。",
                p=plaintiff.n, amt=yuan(amt), d1=dt(ctx.before(ctx.filed, 100, 900)), what=base.replace("纠纷", "关系"))]
    facts = [["本案审理过程中，经本院主持调解，双方当事人自愿达成如下协议："]]
    bank, acct = ctx.m_acct(plaintiff)
    n1 = amt // 2
    disp = [T("一、被告{d}于{d1}前支付原告{p}{n1}，于{d2}前支付剩余款项{n2}，款项汇入原告{bank}账户（账号{acct}）；",
              d=defendant.n, d1=dt(ctx.date + timedelta(days=30)), p=plaintiff.n, n1=yuan(n1), d2=dt(ctx.date + timedelta(days=90)), n2=yuan(amt - n1),
              bank=bank, acct=acct),
            ["二、被告如未按期足额支付任何一期款项，原告有权就全部未付款项申请强制执行；"],
            ["三、双方就本案再无其他争议。"],
            ["案件受理费减半收取", yuan(rng.randint(100, 1500)), "，由被告负担。"],
            ["上述协议，不违反法律规定，本院予以确认。"],
            ["本调解书经各方当事人签收后，即具有法律效力。"]]

    def call() -> list[list]:
        who = defendant if defendant.is_person else plaintiff
        return [T("原告补充陈述称，{d2}曾通过电话（{ph}）与{w}协商还款事宜，对方表示愿意分期偿还。", d2=dt(ctx.before(ctx.filed, 20, 300)),
                  ph=ctx.m_phone(who), w=who.n)]

    def evidence() -> list[list]:
        return [T("原告为证明其主张，提交了{what}，证明{d2}双方之间发生{amt}的往来。", what=rng.choice(["收条一份", "转账凭证", "微信聊天记录", "结算单", "对账单", "催款通知"]),
                  d2=dt(ctx.before(ctx.filed, 20, 900)), amt=yuan(rng.randint(1, 200) * 500))]

    def partial() -> list[list]:
        who = defendant if defendant.is_person else plaintiff
        bank, acct = ctx.m_acct(who)
        return [T("{d2}，被告通过{bank}账户（账号{acct}）向原告支付{amt}，双方确认该款已从欠款中扣除。",
                  d2=dt(ctx.before(ctx.filed, 20, 900)), bank=bank, acct=acct, amt=yuan(rng.randint(1, 60) * 500))]

    def bystander() -> list[list]:
        w = ctx.person("witness")
        return [T("原告申请证人{w}到庭陈述，{w}称其在{d2}见证了双方{what}，证人住{addr}。", w=w.n, d2=dt(ctx.before(ctx.filed, 30, 900)),
                  what=rng.choice(["对账", "签订协议", "交付款项", "协商还款"]), addr=ctx.m_addr(w))]

    pad = _cycle(rng, [call, evidence, partial, bystander])

    return Parts(base, "民事调解书", "民初", header, [proc], claims, [], [], [], [], facts + disp, [],
                 pad, None, status="withhold", withhold_article="Art. 4(3)", withhold_reason="以调解方式结案",
                 author=plaintiff)


def _civil_ruling(ctx: Ctx) -> Parts:
    rng = ctx.rng
    plaintiff = ctx.company("plaintiff") if rng.random() < 0.5 else ctx.person("plaintiff")
    defendant = ctx.company("defendant")
    cause = rng.choice(["买卖合同纠纷", "建设工程施工合同纠纷", "服务合同纠纷"])
    header = _civil_parties(ctx, plaintiff, [defendant], lawyer_for_plaintiff=0.8, lawyer_for_defendant=0.6)
    law = _procedure_law(ctx)
    sign = ctx.before(ctx.filed, 200, 1000)
    arb = (ctx.county.city.name if not ctx.county.city.is_pseudo else ctx.county.province.name) + "仲裁委员会"
    proc = T("原告{p}与被告{d}{cause}一案，本院于{fd}立案。", p=plaintiff.n, d=defendant.n, cause=cause, fd=dt(ctx.filed))
    amt = rng.randint(5, 200) * 10000
    claims = [T("{p}向本院提出诉讼请求：1.判令被告支付合同款{amt}及违约金；2.本案诉讼费用由被告承担。事实和理由：双方于{sd}签订合同，原告已经履行合同义务，被告至今未支付合同款。",
                p=plaintiff.n, amt=yuan(amt), sd=dt(sign)),
              T("被告{d}在提交答辩状期间提出异议称，双方签订的合同第十五条约定“因本合同引起的争议，提交{arb}仲裁”，人民法院对本案无管辖权，请求驳回原告的起诉。",
                d=defendant.n, arb=arb)]
    facts = [T("本院经审查认为，原告{p}与被告{d}于{sd}签订的合同中约定了仲裁条款，该约定系双方真实意思表示，且约定的仲裁机构明确，仲裁协议合法有效。"
               "当事人达成书面仲裁协议申请仲裁、不得向人民法院起诉，故原告的起诉不符合起诉条件，应予驳回。",
               p=plaintiff.n, d=defendant.n, sd=dt(sign)),
             T("依照{proc}{a}之规定，裁定如下：", proc=ctx.statute("中华人民共和国民事诉讼法"), a=law["reject"])]
    disp = [["驳回原告", plaintiff.n, "的起诉。"],
            ["案件受理费", yuan(rng.randint(500, 9000)), "，退还原告", plaintiff.n, "。"]]
    tail = [_civil_appeal(ctx, ruling=True)]

    def contact() -> list[list]:
        e = ctx.person("outsider", han=True)
        return [T("原告为证明其主张，提交了合同、付款凭证、催款函等证据。催款函载明的收件人为被告{d}的项目负责人{e}，联系电话{ph}。",
                  d=defendant.s, e=e.n, ph=ctx.m_phone(e))]

    def clause() -> list[list]:
        return [T("原告{p}认为，合同中的仲裁条款系被告提供的格式条款，被告未向原告作出提示和说明，该条款对原告不发生效力。本院认为，该条款以加粗字体印制，原告在合同上签字确认，原告的主张不能成立。",
                  p=plaintiff.s if not plaintiff.is_person else plaintiff.n)]

    def performance() -> list[list]:
        return [T("原告陈述，{d2}其已完成合同约定的第{n}阶段义务，被告于同日出具验收单。", d2=dt(ctx.before(ctx.filed, 30, 600)), n=cn_num(rng.randint(1, 5)))]

    pad = _cycle(rng, [contact, _once(clause), performance])

    parts = Parts(cause, "民事裁定书", "民初", header, [proc], claims, [], [], facts, [], disp, tail, pad, None)
    parts.facts_insert_at = 0
    return parts


_BUILDERS: dict[str, Callable[[Ctx], Parts]] = {
    "loan": _loan,
    "sales": _sales,
    "traffic": _traffic,
    "labour": _labour,
    "inheritance": _inheritance,
    "divorce": _divorce,
    "theft": _theft,
    "fraud": _fraud,
    "injury": _injury,
    "juvenile": lambda ctx: _theft(ctx, juvenile=True),
    "administrative": _administrative,
    "mediation": _mediation,
    "civil_ruling": _civil_ruling,
}


# ====================================================================== assembly


def _target_length(rng: random.Random, length: int | None) -> int:
    if length is not None:
        return max(0, int(length))
    r = rng.random()
    if r < 0.55:
        return rng.randint(2000, 4500)
    if r < 0.85:
        return rng.randint(5000, 9000)
    return rng.randint(9000, 20000)


def _build(seed: int | str, kind: str, length: int | None, rng: random.Random) -> SyntheticJudgment:
    ctx = Ctx(rng, kind)
    target = _target_length(rng, length)
    parts = _BUILDERS[kind](ctx)
    court = ctx.county.basic_court()
    serial = rng.randint(1, 12000 if parts.case_kind == "民初" else 3000)
    case_no = ids.case_number(ctx.filed.year, ctx.county.court_code(), parts.case_kind, serial)
    court_m = M(court, "ORGANIZATION", None)
    sig = _signature(ctx, parts.collegial)

    # Paragraphs as (style, pieces). The facts section grows by padding until the target length.
    head: list[tuple[str, list]] = [("court", [court_m]), ("title", [parts.doc_type]), ("case_number", [M(case_no, "CASE_NUMBER", None)])]
    head += [("header", h) for h in parts.header]
    body_pre: list[tuple[str, list]] = [("body", p) for p in parts.procedure + parts.claims + parts.evidence_intro]
    table: list[tuple[str, list]] = []
    rows = list(parts.table)
    facts = [("body", p) for p in parts.facts]
    after: list[tuple[str, list]] = [("body", p) for p in parts.reasoning + parts.disposition + parts.tail]

    def render_table() -> list[tuple[str, list]]:
        if not rows:
            return []
        out = [("table_header", _join_cells(_evidence_table_header()))]
        for i, r in enumerate(rows, 1):
            out.append(("table_row", _join_cells([[str(i)]] + r)))
        return out

    def total_len() -> int:
        n = 0
        for group in (head, body_pre, render_table(), facts, after, sig):
            for _, pieces in group:
                n += _plen(pieces) + 1
        return n

    insert_at = len(facts) if parts.facts_insert_at is None else parts.facts_insert_at
    length_now = total_len()
    seen_pads: set[str] = set()
    guard = 0
    while length_now < target and parts.pad is not None and guard < 400:
        guard += 1
        if parts.pad_row is not None and rng.random() < 0.3:
            row = parts.pad_row()
            rows.append(row)
            length_now += _plen(_join_cells([["00"]] + row)) + 1
        else:
            new = parts.pad()
            late = isinstance(new, tuple)
            paras_new = new[1] if late else new
            key = "\n".join(_plain(p) for p in paras_new)
            if key in seen_pads:  # a long judgment gets new findings, never a repeated paragraph
                continue
            seen_pads.add(key)
            for p in paras_new:
                if late:
                    facts.append(("body", p))
                else:
                    facts.insert(insert_at, ("body", p))
                    insert_at += 1
                length_now += _plen(p) + 1
    table = render_table()
    paragraphs = head + body_pre + table + facts + after + sig

    text_parts: list[str] = []
    paras: list[Paragraph] = []
    items: list[TruthItem] = []
    decided: dict[tuple[str, int], tuple[str, str, str]] = {}
    pos = 0
    for style, pieces in paragraphs:
        start = pos
        for piece in pieces:
            if isinstance(piece, M):
                if piece.value:
                    key = (piece.category, id(piece.ent))
                    dec = decided.get(key)
                    if dec is None:
                        dec = decided[key] = _decide(piece.category, piece.ent, ctx)
                    strict, spc, basis = dec
                    items.append(TruthItem(pos, pos + len(piece.value), piece.value, piece.category,
                                           _role_of(piece), piece.ent.id if piece.ent else None, strict, spc, basis))
                text_parts.append(piece.value)
                pos += len(piece.value)
            else:
                text_parts.append(piece)
                pos += len(piece)
        paras.append(Paragraph(style, start, pos))
        text_parts.append("\n")
        pos += 1
    text = "".join(text_parts)

    entities = [_entity_dict(e, ctx) for e in ctx.entities]
    author = None
    if parts.author is not None and rng.random() < 0.5:
        author = parts.author.name
    return SyntheticJudgment(
        seed=seed, kind=kind, case_type=ctx.case_type, cause=parts.cause, doc_type=parts.doc_type, court=court,
        case_number=case_no, judgment_date=ctx.date, text=text, paragraphs=paras, items=items, entities=entities,
        status=parts.status, withhold_article=parts.withhold_article, withhold_reason=parts.withhold_reason,
        docx_author=author,
    )


def _plain(pieces: list) -> str:
    return "".join(p.value if isinstance(p, M) else p for p in pieces)


def _join_cells(cells: list[list]) -> list:
    out: list = []
    for i, c in enumerate(cells):
        if i:
            out.append("\t")
        out.extend(c)
    return out


def _role_of(m: M) -> str | None:
    if m.ent is not None:
        return m.ent.role
    return {"ORGANIZATION": "court_or_agency", "CASE_NUMBER": None, "STATUTE": None, "LOCATION": None}.get(m.category)


def _entity_dict(e: Ent, ctx: Ctx) -> dict[str, Any]:
    d: dict[str, Any] = {"id": e.id, "role": e.role, "name": e.name, "type": "person" if e.is_person else "organization"}
    if e.person is not None:
        p = e.person
        d.update(kind=p.kind, surname=p.surname, given=p.given, sex=p.sex, birth=p.birth.isoformat(),
                 ethnicity=p.ethnicity, nationality=p.nationality, minor=bool(e.attrs.get("minor")) or p.age_on(ctx.date) < 18)
        strict, spc, basis = _decide("PERSON", e, ctx)
        d.update(strict=strict, spc2016=spc, basis=basis)
        for k in ("relation", "title", "firm", "org", "client_role"):
            if k in e.attrs:
                d[k] = e.attrs[k]
        if e.id_number:
            d["id_number"] = e.id_number
    else:
        if e.short:
            d["short"] = e.short
        if e.uscc:
            d["uscc"] = e.uscc
        if e.legal_rep is not None:
            d["legal_rep"] = e.legal_rep.id
    return d


def _consistent(j: SyntheticJudgment) -> bool:
    """Every occurrence of a value to be masked (under either profile) lies inside a span masked
    under that profile. Otherwise evaluation by string search (contract.md: a leak is any
    occurrence of the original string) would count text the truth never asked to mask."""
    text = j.text
    profiles = ("strict", "spc2016")
    spans = {p: sorted((i.start, i.end) for i in j.items if i.action(p) == MASK) for p in profiles}
    starts = {p: [a for a, _ in spans[p]] for p in profiles}
    masked = {p: j.masked_values(p) for p in profiles}
    for value, k in _occurrences(text, masked["strict"] | masked["spc2016"]):
        for p in profiles:
            if value in masked[p]:
                idx = bisect.bisect_right(starts[p], k) - 1  # labelled spans never overlap
                if idx < 0 or spans[p][idx][1] < k + len(value):
                    return False
    return True


def _occurrences(text: str, values: set[str]) -> Iterable[tuple[str, int]]:
    """(value, start) for every occurrence, overlapping ones included."""
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - pyahocorasick is a project dependency
        for v in values:
            k = text.find(v)
            while k >= 0:
                yield v, k
                k = text.find(v, k + 1)
        return
    auto = ahocorasick.Automaton()
    for v in values:
        auto.add_word(v, v)
    auto.make_automaton()
    for end, v in auto.iter(text):
        yield v, end - len(v) + 1


def generate_judgment(seed: int | str, kind: str | None = None, length: int | None = None) -> SyntheticJudgment:
    """A complete synthetic judgment with ground truth, deterministic in (seed, kind, length).

    ``kind``: one of KINDS (None draws one from a realistic mix). ``length``: a target number
    of characters; the facts are padded (more counts, more evidence, more findings) until the
    text reaches it. Without it, lengths vary between about 2,000 and 20,000 characters.
    """
    for attempt in range(20):
        rng = random.Random(seed if attempt == 0 else f"{seed}/retry{attempt}")
        k = kind or rng.choices(KINDS, weights=_KIND_WEIGHTS)[0]
        if k not in _BUILDERS:
            raise ValueError(f"unknown judgment kind {k!r}; expected one of {', '.join(KINDS)}")
        j = _build(seed, k, length, rng)
        if _consistent(j):
            return j
    raise RuntimeError("could not generate a self-consistent judgment")  # pragma: no cover


def generate_corpus(n: int, start_seed: int = 0, kinds: Iterable[str] | None = None,
                    length: int | None = None) -> Iterable[SyntheticJudgment]:
    """``n`` judgments with seeds start_seed, start_seed+1, ...; kinds cycle if given."""
    kinds = list(kinds) if kinds else None
    for i in range(n):
        yield generate_judgment(start_seed + i, kinds[i % len(kinds)] if kinds else None, length)
