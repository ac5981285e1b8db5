"""Build the realistic re-identified sets of issue 14: real judgment text, published placeholders
replaced by synthetic names in the contract's mix, known truth per person (style and role).

Sources, read at run time from ``../shared/data/judgments-dev/`` and never copied into the
repository:

- ``cjrc_dev.jsonl``: 999 fact paragraphs (civil and criminal) with placeholders 张某1, 黄x3, 王4,
  陈5某. The placeholder grammar and its filters (a blurred place 昌x1县, a trade name 明21工贸,
  an amount 100万某) are build_eval.py's; the names are realnames.py's. 40 % of the paragraphs
  get build_eval's synthetic header and signature (court staff, lawyers, a company party); the
  rest stay bare fact text. Every paragraph gets 1-3 inserted identifier sentences.
- ``xxcq_dev.jsonl``: 3,658 criminal sentences with labelled spans, NHCS (defendant/suspect)
  and NHVI (victim). A labelled placeholder (朱某某, 王某甲, 张**1) becomes a synthetic name; a
  labelled name published in clear (李宝林) stays and is scored as style ``published``; other
  placeholders in the sentence (证人张某, 民警李某) become names of role witness/other. All stay
  bare sentences; one in five gets an identifier sentence.

Roles: defendant (被告人/罪犯/犯罪嫌疑人 or NHCS), victim (被害人/失主 or NHVI), party (原告/被告/
第三人/上诉人...), witness (证人), other; legal representatives, court staff and lawyers are
must-keep, agents (委托代理人/辩护人) are not scored.

Split: the held-aside quarter is ``zlib.crc32(str(id).encode()) % 4 == 0`` for both sources
(the NER engineer never trains on it; it is the headline); the rest is ``tune``.

Deterministic: one seeded RNG per source row.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import build_eval as be
from realnames import NamePool, Person

from redactor.paths import REPO_ROOT

DATA = REPO_ROOT.parent / "shared" / "data" / "judgments-dev"
CJRC = DATA / "cjrc_dev.jsonl"
XXCQ = DATA / "xxcq_dev.jsonl"
WRAP_SHARE = 0.4  # at least half of the CJRC paragraphs stay bare; XXCQ sentences are all bare

_ROLE_WORDS = [
    ("defendant", r"(?:原审)?被告人|罪犯|犯罪嫌疑人|嫌疑人|同案犯|被执行人"),
    ("victim", r"被害人|被害单位|失主|受害人"),
    ("witness", r"证人"),
    ("party", r"原告人?|被告|第三人|上诉人|被上诉人|申请人|被申请人|申请执行人|原审原告|原审第三人"),
]
_ROLE_LEFT = re.compile("(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _ROLE_WORDS) + r")(?:[：:]|为|是|系)?$")
# A person written as a published placeholder inside a labelled XXCQ span (朱某某, 王某甲, 张**1, 赵某).
_LABELLED_PLACEHOLDER = re.compile(r"^(?P<sur>[\u4e00-\u9fa5]{1,2}?)(?:某{1,3}[甲乙丙丁戊己庚辛壬癸]?\d{0,3}|某[\u4e00-\u9fa5]{1,2}|\*{1,3}\d{0,3}|[xX×]\d{0,3}|\d{1,3}某?)$")
_CLEAR_NAME = re.compile(r"^[\u4e00-\u9fa5·]{2,12}$")


def is_heldaside(row_id) -> bool:
    """The held-aside quarter (issue 14): never trained on, reported as the headline."""
    return zlib.crc32(str(row_id).encode()) % 4 == 0


@dataclass
class RealDoc:
    id: str
    set: str  # cjrc | xxcq
    heldaside: bool
    text: str
    header: bool
    case_type: str
    must_mask: list[tuple[str, str]] = field(default_factory=list)
    must_keep: list[tuple[str, str]] = field(default_factory=list)
    # Every synthetic or published person: {name, style, role, after_defendant_word}.
    persons: list[dict] = field(default_factory=list)


def _role_left(src: str, start: int) -> str:
    m = _ROLE_LEFT.search(src[max(0, start - 8):start])
    if m:
        return next(k for k, _ in _ROLE_WORDS if m.group(k))
    rl = be.ROLE_LEFT.search(src[max(0, start - 8):start])
    if rl:
        if rl.group(1) in ("法定代表人", "负责人", "审判长", "审判员", "书记员", "律师"):
            return "keep"
        return "agent"
    return ""


def fill_placeholders(src: str, rng: random.Random, pool: NamePool, fixed: dict[tuple[int, int], str] | None = None):
    """Replace the person placeholders of ``src``. ``fixed`` maps spans already known to be
    persons (labelled XXCQ spans) to their role. Returns (text, {token: Person}, {token: role})."""
    fixed = fixed or {}
    mapping: dict[str, Person] = {}
    roles: dict[str, str] = {}
    out, last = [], 0
    spans: list[tuple[int, int, str]] = []  # (start, end, token) to replace, in order
    taken = set()
    for (a, b), role in sorted(fixed.items()):
        tok = src[a:b]
        m = _LABELLED_PLACEHOLDER.match(tok)
        if not m:
            continue
        spans.append((a, b, tok))
        taken.update(range(a, b))
        roles.setdefault(tok, role)
    for m in be.PLACEHOLDER.finditer(src):
        if m.start() in taken or (m.end() - 1) in taken:
            continue
        token, tail = m.group(0), m.group("tail") or m.group("tail2")
        before = src[max(0, m.start() - 1):m.start()]
        if tail.startswith("某") and before and (before in "某" or before.isdigit() or before in "余百千万亿"):
            continue
        if before.isdigit() or src[m.end():m.end() + 1] == "醛":
            continue  # 20万2某 (an amount), 牛某甲醛 (a word the publisher blurred)
        after = src[m.end():m.end() + 12]
        if be._PLACE_AFTER.match(after):
            spans.append((m.start(), m.end(), "\0place"))
            continue
        om = be._ORG_AFTER.match(after)
        if om and not be._ORG_STOP.search(om.group(0)):
            spans.append((m.start(), m.end(), "\0org"))
            continue
        spans.append((m.start(), m.end(), token))
        role = _role_left(src, m.start())
        if role and not roles.get(token):
            roles[token] = role
        roles.setdefault(token, "")
    spans.sort()
    for a, b, tok in spans:
        if a < last:
            continue  # a labelled span repeated or overlapping another
        out.append(src[last:a])
        if tok == "\0place":
            out.append(rng.choice(["东城", "新华", "永安", "清河", "白云"]))
        elif tok == "\0org":
            out.append(rng.choice(["鑫源", "恒达", "宏图", "瑞丰", "华盛"]))
        else:
            if tok not in mapping:
                m = _LABELLED_PLACEHOLDER.match(tok) or be.PLACEHOLDER.match(tok)
                sur = m.group("sur") if m and "sur" in m.re.groupindex else None
                if m and not sur and "sur2" in m.re.groupindex:
                    sur = m.group("sur2")
                if sur and "某" in sur:
                    sur = None  # 某某峰: the publisher hid the surname too
                mapping[tok] = pool.person(sur)
            out.append(mapping[tok].full)
        last = b
    out.append(src[last:])
    return "".join(out), mapping, roles


def _after_defendant_word(text: str, name: str) -> bool:
    """Named right after 被告人 or in a 被告人 list, and not one dealt with elsewhere (另案处理,
    已判决, 在逃: the policy's rule for those is still open, issue 14 item 4)."""
    if re.search(re.escape(name) + r"[（(](?:另案|另处|已判|在逃|已被判|另行|均另案|已另案)", text):
        return False
    return bool(re.search(r"被告人(?:(?:[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5]{2,6}·[\u4e00-\u9fa5]{2,5})[、和及与]){0,4}" + re.escape(name), text))


def _person_records(text: str, people: list[tuple[Person, str]]) -> list[dict]:
    return [{"name": p.full, "style": p.style, "role": role or "other",
             "after_defendant_word": _after_defendant_word(text, p.full)} for p, role in people]


def _identifiers(rng: random.Random, text: str, whos: list[str], n: int, mask: list) -> str:
    county = be.pl.random_county(rng)
    sentences = [be._identifier_sentence(rng, rng.choice(whos), county, mask) for _ in range(n)]
    return be._insert_sentences(rng, text, sentences)


def build_cjrc_row(row: dict, rng: random.Random, wrap: bool) -> RealDoc | None:
    src = row["text"]
    case_type, cause = be._guess_case(src, rng)
    pool = NamePool(rng, src)
    body, mapping, roles = fill_placeholders(src, rng, pool)
    if not mapping:
        return None
    mask, keep, keep_people, people = [], [], set(), []
    for tok, p in mapping.items():
        role = roles.get(tok, "")
        if role == "keep":
            keep.append((p.full, "LEGAL_REP_OR_STAFF"))
            keep_people.add(p.full)
        elif role == "agent":
            continue  # a lawyer or a lay agent: the paragraph does not say; not scored
        else:
            mask.append((p.full, "PERSON"))
            people.append((p, role))
    maskable = [p.full for p, _ in people] or [next(iter(mapping.values())).full]
    body = _identifiers(rng, body, maskable, rng.randint(1, 3), mask)
    for sm in be.STATUTE.finditer(body):
        keep.append((sm.group(1), "STATUTE"))
    for cm in be.CASE_NO.finditer(body):
        keep.append((cm.group(0), "CASE_NUMBER"))
    masked_names = [v for v, c in mask if c == "PERSON"]
    for om in be.COMPANY.finditer(body):
        org = be._ROLE_PREFIX.sub("", om.group(1))
        if len(org) >= 6 and not any(n in org for n in masked_names):
            keep.append((org, "ORGANIZATION"))
    text, header = body, False
    if wrap:
        order = list(mapping)
        head, sig = be._header(rng, list(mapping.values()), roles, order, mapping, case_type, cause,
                               be.pl.random_county(rng), mask, keep, keep_people)
        text, header = head + body + "\n" + sig, True
        known = {p.full for p, _ in people}
        for v, c in mask:  # a party the header invented (no party in the paragraph)
            if c == "PERSON" and v not in known and v not in keep_people:
                people.append((Person(v, "ordinary", "男", be.date(1980, 1, 1), "汉族"), "party"))
    return RealDoc(row["id"], "cjrc", is_heldaside(row["id"]), text, header, case_type,
                   be._dedupe(mask), be._dedupe(keep), _person_records(text, people))


def build_xxcq_row(row: dict, rng: random.Random) -> RealDoc | None:
    src = row["context"]
    fixed: dict[tuple[int, int], str] = {}
    published: list[tuple[str, str]] = []
    for ent in row["entities"]:
        role = {"NHCS": "defendant", "NHVI": "victim"}.get(ent["label"])
        if not role:
            continue
        for s in ent["span"]:
            a, b = map(int, s.split(";"))
            value = src[a:b]
            if _LABELLED_PLACEHOLDER.match(value):
                fixed[(a, b)] = role
            elif _CLEAR_NAME.match(value) and "姓" not in value and "男子" not in value and "女子" not in value:
                published.append((value, role))
    pool = NamePool(rng, src)
    text, mapping, roles = fill_placeholders(src, rng, pool, fixed)
    people: list[tuple[Person, str]] = []
    for tok, p in mapping.items():
        role = roles.get(tok, "")
        if role in ("keep", "agent"):
            continue
        people.append((p, role))
    for value, role in dict(published).items():
        if value not in {p.full for p, _ in people}:
            people.append((Person(value, "published", "男", be.date(1980, 1, 1), "汉族"), role))
    if not people:
        return None
    mask = [(p.full, "PERSON") for p, _ in people]
    if rng.random() < 0.2:
        text = _identifiers(rng, text, [p.full for p, _ in people], 1, mask)
    keep = [(sm.group(1), "STATUTE") for sm in be.STATUTE.finditer(text)]
    return RealDoc(str(row["id"]), "xxcq", is_heldaside(row["id"]), text, False, "criminal",
                   be._dedupe(mask), be._dedupe(keep), _person_records(text, people))


def build(which: str = "heldaside", sets: tuple[str, ...] = ("cjrc", "xxcq"), limit: int | None = None,
          seed: int = 14) -> list[RealDoc]:
    """``which``: heldaside | tune | all. ``limit``: at most N source rows per set."""
    docs: list[RealDoc] = []
    for name in sets:
        path = CJRC if name == "cjrc" else XXCQ
        seen = 0
        ids: set[str] = set()
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                rid = str(row["id"])
                held = is_heldaside(rid)
                if (which == "heldaside" and not held) or (which == "tune" and held) or rid in ids:
                    continue
                ids.add(rid)
                if limit is not None and seen >= limit:
                    break
                seen += 1
                rng = random.Random(f"{seed}:{name}:{rid}")
                doc = build_cjrc_row(row, rng, rng.random() < WRAP_SHARE) if name == "cjrc" else build_xxcq_row(row, rng)
                if doc is not None:
                    docs.append(doc)
    return docs


def main() -> None:
    import argparse
    from collections import Counter

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="heldaside", choices=["heldaside", "tune", "all"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out", type=Path, help="JSONL to write (outside the repository)")
    a = ap.parse_args()
    docs = build(a.set, limit=a.limit)
    styles = Counter(p["style"] for d in docs for p in d.persons)
    roles = Counter(p["role"] for d in docs for p in d.persons)
    print(f"{len(docs)} documents ({sum(d.header for d in docs)} with a header); styles {dict(styles)}; roles {dict(roles)}")
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(asdict(d), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
