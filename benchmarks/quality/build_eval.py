"""Build the quality evaluation set: real judgment text, synthetic identities, known truth.

The source is ``../shared/data/judgments-dev/cjrc_dev.jsonl`` (real fact paragraphs whose
names were published as placeholders: 张某1, 黄x3, 王4, 曹0, 陈5某 ...). It is read at run
time and never copied into the repository. For each paragraph this script

- replaces every person placeholder with a synthetic name (same placeholder -> same name;
  mostly Han names with the placeholder's surname, sometimes ethnic-minority or foreign
  names, so Art. 9's forms are exercised);
- inserts synthetic identifiers into the facts (resident ID numbers, mobile and landline
  phones, bank accounts, plates, home addresses with a detail below the county);
- wraps most paragraphs in a synthetic header (court, title, case number, party lines with
  birth date, residence, ID number, agents and their law firm, a company party with its
  legal representative, USCC and domicile) and a signature block, so roles are known; the
  rest stay bare fact paragraphs (the parser must cope with no header at all);
- records the ground truth under ``strict``: ``must_mask`` (value, category) and
  ``must_keep`` (value, category).

Deterministic: the same input gives the same set (one seeded RNG per paragraph).
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from redactor.paths import DICTIONARIES_DIR, REPO_ROOT

# redactor_synth is a development package at the repository's root (the wheel does not carry it)
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from redactor_synth import identifiers as idf  # noqa: E402
from redactor_synth import names as nm  # noqa: E402
from redactor_synth import places as pl  # noqa: E402

DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data" / "judgments-dev" / "cjrc_dev.jsonl"


def _surnames() -> set[str]:
    words = set()
    for fname in ("surnames.txt", "compound_surnames.txt"):
        for ln in (DICTIONARIES_DIR / fname).read_text(encoding="utf-8").splitlines():
            if not ln.startswith("#"):
                words.update(ln.split())
    return words


SURNAMES = _surnames()
_SINGLE = "".join(sorted(s for s in SURNAMES if len(s) == 1))
_COMPOUND = "|".join(sorted((s for s in SURNAMES if len(s) == 2), key=len, reverse=True))
# A bare-digit placeholder (曹0, 马62) is only taken where a name can stand: not after a digit
# (20时5), not inside a case number ((2011)荣4民初字), and followed by what follows names.
_BARE_FOLLOW = r"(?=[与和及、,，。；;:：的系在于向为是之将被把对从(（)）“”\"称等也已未即诉均夫妻]|$)(?![,，]\d)"
# ... and preceded by what precedes names (原告曹0, 取名马62, 、王4), not by a word (生活费5).
_BARE_LEFT = r"(?:(?<=^)|(?<=[，,。；;：:、（(“\"\s告人与和及系的被向将由对名女子妻夫父母叫给让同经称即孩儿弟兄姐妹证友见帮请找把到为是]))"
PLACEHOLDER = re.compile(
    rf"(?<![\d.．)）])(?P<sur>{_COMPOUND}|[{_SINGLE}])"
    rf"(?P<tail>某某?[甲乙丙丁戊己庚辛壬癸]?\d{{0,3}}|[xX×]\d{{1,3}}|\d{{1,3}}某)"
    rf"|{_BARE_LEFT}(?P<sur2>{_COMPOUND}|[{_SINGLE}])(?P<tail2>\d{{1,3}}){_BARE_FOLLOW}"
)
# A placeholder that is really part of an organisation's trade name (明21工贸公司).
_ORG_AFTER = re.compile(r"^[\u4e00-\u9fa5]{0,8}?(?:公司|工贸|商贸|商行|经营部|合作社|超市|门市|厂|店|酒店|宾馆|医院|学校|工作室|投资|实业|集团|科技)")
_PLACE_AFTER = re.compile(r"^(?:(?:(?![与和及的在于被从对将把给是系为向到至去回住])[\u4e00-\u9fa5])?(?:县|市|镇|乡|村|街道|区|路|街|大街|分行|支行|水库|社区|居委会|村委会|中心|大酒店|职教)|[0-9]|元|万|字|进字|商海|民初)")
_ORG_STOP = re.compile(r"[与和向及、的在于被从对将把给是系为等]")
# Words a 某-placeholder is part of rather than a name (某某村, 陈某九味马钱丸 stays odd but rare).
_LEFT_NOT_NAME = re.compile(r"[\u4e00-\u9fa5]$")
ROLE_LEFT = re.compile(r"(法定代表人|负责人|经营者|审判长|审判员|书记员|委托代理人|委托诉讼代理人|辩护人|代理人|律师)(?:[：:]|为|是|系)?$")
STATUTE = re.compile(r"《([^《》]{2,40}?(?:法|条例|规定|解释|办法|规则|决定))》")
CASE_NO = re.compile(r"[（(]\d{4}[）)][\u4e00-\u9fa50-9]{1,12}?[刑民行执赔][\u4e00-\u9fa5]{0,4}?(?:字第)?\d{1,6}号")
COMPANY = re.compile(r"(?:^|(?<=[，。、；：,;:“（(\s与和向及]))((?:[\u4e00-\u9fa5（）()]){4,30}?(?:有限责任公司|股份有限公司|有限公司))")
_ROLE_PREFIX = re.compile(r"^(?:原告|被告|第三人|上诉人|被上诉人|申请人|被申请人|申请执行人|被执行人|原审原告|原审被告|被告单位)")


@dataclass
class EvalDoc:
    id: str
    text: str
    header: bool
    case_type: str
    cause: str
    must_mask: list[tuple[str, str]] = field(default_factory=list)
    must_keep: list[tuple[str, str]] = field(default_factory=list)


def _guess_case(text: str, rng: random.Random) -> tuple[str, str]:
    crim = re.search(r"被告人|公诉机关|检察院指控|犯罪", text)
    if crim:
        m = re.search(r"(?:犯|构成)([\u4e00-\u9fa5、]{2,10}?罪)", text)
        return "criminal", (m.group(1) if m else "盗窃罪")
    if re.search(r"行政(?:处罚|许可|复议|机关)", text):
        return "administrative", "行政处罚"
    for kw, cause in (("离婚", "离婚纠纷"), ("抚养", "抚养纠纷"), ("继承", "继承纠纷"), ("借款", "民间借贷纠纷"),
                      ("交通事故", "机动车交通事故责任纠纷"), ("劳动", "劳动争议"), ("买卖", "买卖合同纠纷"),
                      ("保险", "保险合同纠纷"), ("租赁", "租赁合同纠纷"), ("担保", "金融借款合同纠纷")):
        if kw in text:
            return "civil", cause
    return "civil", rng.choice(["合同纠纷", "服务合同纠纷", "追偿权纠纷"])


class _Names:
    """Distinct synthetic names for one document; none is a substring of another or of the text."""

    def __init__(self, rng: random.Random, text: str):
        self.rng, self.text, self.used = rng, text, set()

    def _ok(self, full: str) -> bool:
        if full in self.text or any(full in u or u in full for u in self.used):
            return False
        return True

    def person(self, surname: str | None = None, on: date = date(2018, 6, 1), min_age=20, max_age=70,
               han: bool = False) -> nm.Person:
        for _ in range(200):
            birth = nm.random_birth(self.rng, on, min_age, max_age)
            r = self.rng.random()
            if han:
                p = nm.han_person(self.rng, birth)
            elif surname and r < 0.9:
                p = nm.han_person(self.rng, birth, surname=surname)
            else:
                p = nm.random_person(self.rng, birth, p_minority=0.25, p_foreign=0.1)
            if self._ok(p.full):
                self.used.add(p.full)
                return p
        raise RuntimeError("no distinct name")


def _identifier_sentence(rng: random.Random, who: str, county: pl.County, truth: list) -> str:
    kind = rng.choice(["phone", "phone", "id", "bank", "bank", "plate", "plate", "address", "landline"])
    if kind == "phone":
        v = idf.mobile(rng)
        truth.append((v, "PHONE"))
        return rng.choice([f"{who}的手机号码为{v}", f"{who}留下联系电话{v}", f"{who}使用的手机（号码{v}）"])
    if kind == "landline":
        v = idf.landline(rng, county.city.area_code)
        truth.append((v, "PHONE"))
        return f"{who}的联系电话为{v}"
    if kind == "id":
        birth = nm.random_birth(rng, date(2018, 1, 1), 20, 60)
        v = idf.resident_id(rng, county.code, birth, rng.choice("男女"))
        truth.append((v, "ID_CARD"))
        return rng.choice([f"{who}（公民身份号码{v}）", f"{who}的身份证号码为{v}"])
    if kind == "bank":
        bank, v = idf.bank_account(rng)
        truth.append((v, "BANK_ACCOUNT"))
        return rng.choice([f"{who}通过其在{bank}开立的账户（账号{v}）转账", f"款项汇入{who}名下{bank}账户{v}",
                           f"{who}的银行卡号为{v}"])
    if kind == "plate":
        v = idf.plate(rng, county.city)
        truth.append((v, "PLATE"))
        return rng.choice([f"{who}驾驶{v}号小型轿车", f"{who}所有的车牌号为{v}的车辆", f"{who}驾驶的{v}号车"])
    addr = pl.residence(rng, county)
    truth.append((addr.detail_part, "ADDRESS_DETAIL"))
    return f"{who}住{addr.full}" + ("，" if False else "")


def _insert_sentences(rng: random.Random, text: str, sentences: list[str]) -> str:
    """Put each sentence at a sentence/clause boundary (or at the end)."""
    for s in sentences:
        bounds = [m.end() for m in re.finditer(r"[。；]", text)]
        if bounds and rng.random() < 0.8:
            pos = rng.choice(bounds)
            text = text[:pos] + s + "。" + text[pos:]
        else:
            text = text.rstrip("。") + "。" + s + "。"
    return text


def build_document(row: dict, rng: random.Random, wrap: bool) -> EvalDoc | None:
    src = row["text"]
    case_type, cause = _guess_case(src, rng)
    names = _Names(rng, src)
    mapping: dict[str, nm.Person] = {}
    mask: list[tuple[str, str]] = []
    keep: list[tuple[str, str]] = []
    keep_people: set[str] = set()
    out, last = [], 0
    order: list[str] = []  # placeholders in order of first appearance
    roles_seen: dict[str, str] = {}
    for m in PLACEHOLDER.finditer(src):
        token = m.group(0)
        sur, tail = m.group("sur") or m.group("sur2"), m.group("tail") or m.group("tail2")
        before = src[max(0, m.start() - 1):m.start()]
        if tail.startswith("某") and before and before in "某":
            continue
        after = src[m.end():m.end() + 12]
        if tail.startswith("某") and before and (before.isdigit() or before in "余百千万亿"):
            continue  # 100万某: an amount the publisher blurred, not a person
        if _PLACE_AFTER.match(after):
            # 昌x1县人民检察院, 游x镇: a place name the publisher blurred the same way.
            out.append(src[last:m.start()] + rng.choice(["东城", "新华", "永安", "清河", "白云"]))
            last = m.end()
            continue
        om = _ORG_AFTER.match(after)
        if om and not _ORG_STOP.search(om.group(0)):
            out.append(src[last:m.start()] + rng.choice(["鑫源", "恒达", "宏图", "瑞丰", "华盛"]))
            last = m.end()
            continue
        if token not in mapping:
            mapping[token] = names.person(sur)
            order.append(token)
        left = src[max(0, m.start() - 8):m.start()]
        rl = ROLE_LEFT.search(left)
        if rl:
            roles_seen.setdefault(token, rl.group(1))
        else:
            roles_seen.setdefault(token, "")
        out.append(src[last:m.start()] + mapping[token].full)
        last = m.end()
    out.append(src[last:])
    body = "".join(out)
    if not mapping:
        return None
    people = [mapping[t] for t in order]
    for t in order:
        p = mapping[t]
        if roles_seen.get(t) in ("法定代表人", "负责人", "审判长", "审判员", "书记员", "律师"):
            keep.append((p.full, "LEGAL_REP_OR_STAFF"))
            keep_people.add(p.full)
        elif roles_seen.get(t) in ("委托代理人", "委托诉讼代理人", "辩护人", "代理人"):
            pass  # a lawyer or a lay agent: the paragraph does not say; not scored
        else:
            mask.append((p.full, "PERSON"))

    # Identifiers in the facts, tied to people of the paragraph.
    county = pl.random_county(rng)
    maskable = [p.full for p in people if p.full not in keep_people] or [people[0].full]
    sentences = [_identifier_sentence(rng, rng.choice(maskable), county, mask) for _ in range(rng.randint(1, 3))]
    body = _insert_sentences(rng, body, sentences)

    # Must-keep values already in the paragraph: statutes, case numbers, companies.
    for sm in STATUTE.finditer(body):
        keep.append((sm.group(1), "STATUTE"))
    for cm in CASE_NO.finditer(body):
        keep.append((cm.group(0), "CASE_NUMBER"))
    masked_names = [v for v, c in mask if c == "PERSON"]
    for om in COMPANY.finditer(body):
        org = _ROLE_PREFIX.sub("", om.group(1))
        if len(org) >= 6 and not any(n in org for n in masked_names):
            keep.append((org, "ORGANIZATION"))
    for v, c in list(mask):
        if c == "ADDRESS_DETAIL":
            pass

    if not wrap:
        return EvalDoc(row["id"], body, False, case_type, cause, _dedupe(mask), _dedupe(keep))

    header, sig = _header(rng, people, roles_seen, order, mapping, case_type, cause, county, mask, keep, keep_people)
    text = header + body + "\n" + sig
    return EvalDoc(row["id"], text, True, case_type, cause, _dedupe(mask), _dedupe(keep))


def _dedupe(items):
    seen, out = set(), []
    for it in items:
        if it not in seen:
            seen.add(it)
            out.append(it)
    return out


def _person_line(rng, label: str, p: nm.Person, county: pl.County, mask: list, keep: list, judgment: date) -> str:
    parts = [f"{label}{rng.choice(['：', '：', '', ':'])}{p.full}", p.sex, f"{p.birth.year}年{p.birth.month}月{p.birth.day}日出生"]
    if p.ethnicity:
        parts.append(p.ethnicity)
    else:
        parts.append(f"{p.nationality}国籍")
    if rng.random() < 0.5 and not p.is_foreign:
        v = idf.resident_id(rng, county.code, p.birth, p.sex)
        mask.append((v, "ID_CARD"))
        parts.append(rng.choice(["公民身份号码", "身份证号码：", "身份证号"]) + v)
    addr = pl.residence(rng, county)
    mask.append((addr.detail_part, "ADDRESS_DETAIL"))
    keep.append((addr.admin_part, "ADDRESS_ADMIN"))
    parts.append("住" + addr.full)
    if rng.random() < 0.3:
        v = idf.mobile(rng)
        mask.append((v, "PHONE"))
        parts.append("联系电话" + v)
    return "，".join(parts) + "。"


def _header(rng, people, roles_seen, order, mapping, case_type, cause, county, mask, keep, keep_people):
    judgment = date(2018, rng.randint(1, 12), rng.randint(1, 28))
    court = county.basic_court()
    year = judgment.year
    kind = {"criminal": "刑", "civil": "民", "administrative": "行"}[case_type]
    title = {"criminal": "刑事判决书", "civil": "民事判决书", "administrative": "行政判决书"}[case_type]
    number = idf.case_number(year, county.court_code(), kind + "初", rng.randint(1, 9999))
    keep.append((court, "ORGANIZATION"))
    keep.append((number, "CASE_NUMBER"))
    names = _Names(rng, "".join(p.full for p in people))
    names.used |= {p.full for p in people}
    parties = [p for p in people if p.full not in keep_people][:3]
    if not parties:
        extra = names.person()
        mask.append((extra.full, "PERSON"))
        parties = [extra]
    lines = [court, title, number]
    firm = idf.law_firm(rng, county.province)

    def lawyer(label: str) -> str:
        lw = names.person(han=True)
        keep.append((lw.full, "LAWYER"))
        keep.append((firm, "LAW_FIRM"))
        return f"{label}{rng.choice(['：', ''])}{lw.full}，{firm}律师。"

    if case_type == "criminal":
        proc = county.procuratorate()
        keep.append((proc, "ORGANIZATION"))
        lines.append(f"公诉机关{proc}。")
        defendants = parties[:2] if len(parties) > 1 and rng.random() < 0.5 else parties[:1]
        for d in defendants:
            lines.append(_person_line(rng, "被告人", d, county, mask, keep, judgment))
            lines.append(lawyer("辩护人"))
        names_s = "、".join(d.full for d in defendants)
        lines.append(f"{proc}以{county.short}检刑诉〔{year}〕{rng.randint(1, 999)}号起诉书指控被告人{names_s}犯{cause}，"
                     f"于{year}年{rng.randint(1, 5)}月{rng.randint(1, 28)}日向本院提起公诉。本院依法组成合议庭，公开开庭审理了本案。现已审理终结。")
    else:
        plaintiff = parties[0]
        lines.append(_person_line(rng, "原告", plaintiff, county, mask, keep, judgment))
        if rng.random() < 0.7:
            lines.append(lawyer(rng.choice(["委托诉讼代理人", "委托代理人"])))
        defs = []
        for d in parties[1:3]:
            lines.append(_person_line(rng, "被告", d, county, mask, keep, judgment))
            defs.append(d.full)
        if rng.random() < 0.6:
            comp, _short = idf.company(rng, county)
            code = idf.uscc(rng, county.code)
            dom = pl.business_address(rng, county)
            rep = names.person(han=True)
            keep += [(comp, "ORGANIZATION"), (code, "USCC"), (rep.full, "LEGAL_REP_OR_STAFF"), (dom.full, "ORG_DOMICILE")]
            lines.append(f"被告：{comp}，统一社会信用代码{code}，住所地{dom.full}。")
            lines.append(f"法定代表人：{rep.full}，该公司总经理。")
            defs.append(comp)
        defs_s = "、".join(defs) or "被告"
        lines.append(f"原告{plaintiff.full}与被告{defs_s}{cause}一案，本院于{year}年{rng.randint(1, 5)}月{rng.randint(1, 28)}日立案后，"
                     "依法适用普通程序，公开开庭进行了审理。本案现已审理终结。")
    header = "\n".join(lines) + "\n"
    staff = []
    for label in ("审判长", "审判员", "人民陪审员"):
        s = names.person(han=True)
        printed = nm.spaced(s.full) if rng.random() < 0.3 else s.full
        keep.append((printed, "COURT_STAFF"))
        staff.append(f"{label}　{printed}")
    clerk = names.person(han=True)
    keep.append((clerk.full, "COURT_STAFF"))
    d = judgment
    from redactor_synth.judgments import cn_date_upper

    sig = "\n".join(staff + [cn_date_upper(d), f"书记员　{clerk.full}"]) + "\n"
    return header, sig


def is_heldout(pid: str) -> bool:
    """The quarter of the real paragraphs the shipped NER model never trained on
    (models/recipe/corpora.py: cjrc_is_heldout)."""
    import zlib

    return zlib.crc32(pid.encode()) % 4 == 0


def build(source: Path = DEFAULT_SOURCE, limit: int | None = None, seed: int = 2016, wrap_share: float = 0.7,
          heldout_only: bool = False) -> list[EvalDoc]:
    docs = []
    with open(source, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            row = json.loads(line)
            if heldout_only and not is_heldout(row["id"]):
                continue
            rng = random.Random(f"{seed}:{row['id']}")
            doc = build_document(row, rng, wrap=rng.random() < wrap_share)
            if doc is not None:
                docs.append(doc)
    return docs


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out", type=Path, required=True, help="JSONL to write (outside the repository)")
    a = ap.parse_args()
    docs = build(a.source, a.limit)
    with open(a.out, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(asdict(d), ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents -> {a.out}")


if __name__ == "__main__":
    main()
