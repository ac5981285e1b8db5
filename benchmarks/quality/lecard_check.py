"""Over-redaction check on complete real judgments as published (issue 14).

    .venv/bin/python benchmarks/quality/lecard_check.py [--limit N] [--set all|heldaside|tune]
        [--profiles strict,spc2016] [--changes FILE] [--examples 4] [--json]

Source: ``../shared/data/judgments-dev/lecard_full_dev.jsonl.gz`` (997 complete criminal
judgments, already anonymized where the law says: defendants mostly in clear, victims and
witnesses as 某), read at run time, never copied into the repository.

Each judgment is redacted under each profile (one loaded pipeline per profile) and every
change is classified against the original text. What the original says is read here,
independently of the redactor:

- **court staff**: names after 审判长/审判员/代理审判员/人民陪审员/书记员/法官助理/执行员/速录员…
  on a signature-shaped line anywhere in the document (before an appended 附：相关法律条文
  too), several on one line (审判长A审判员B), suffixes （代）/（兼）, spaced names 王　伟;
- **prosecutors**: names after 检察员/代理检察员/助理检察员/检察员助理/检察官/(副)检察长/公诉人 (lists with 、);
- **lawyers and agents**: the names of an agent's or defender's line (诉讼代理人X，…; 上述…原告人的委托
  诉讼代理人：X，…; 辩护人暨诉讼代理人X): a lawyer where the line names a firm or 律师 (or the label is
  指定辩护人, whom the legal-aid office appoints from its lawyers), else an ``agent``, a natural
  person (诉讼代理人甄江，男，…系甄某之子: strict masks him, spc2016 keeps him); a name after
  辩护人/诉讼代理人 in the body that no such line lists is a lawyer, unless it is what a defence
  submission is about (辩护人提出许波系坦白: the defendant);
- **defendants**: the names of the party lines (被告人X，男… / 上诉人（原审被告人）X…);
- **titles**: every 《…》.

A change (a masking edit of the redactor) is then, in this order: ``title`` (inside a 《…》),
``court_staff``, ``prosecutor``, ``lawyer``, ``agent``; on a defendant's name ``defendant`` (the whole
name: strict's rule; under spc2016 every one is an error) or ``partial_name`` (part of a
name: 乔浩柱 → 乔某柱; also part of a name the redactor itself masks whole elsewhere);
``already_anonymized`` (the original holds 某/×/*: 房某某 → 房某); ``word`` (the span is a
dictionary word or cuts one: jieba's dictionary, e.g. 被害人陈述 → 被害人陈某, 董事长 → 董某长;
names the document uses are never words here); ``identifier`` / ``address`` / other
categories by the redactor's finding category; ``other_name`` (a name-shaped span none of the
above explains: a victim or relative in clear — correct under both profiles, listed to read).

Also counted: ID/phone/bank-card numbers in clear in the output (18-digit IDs with a valid
check digit, mobiles, Luhn-valid 16-19 digit cards or a card/account cue before the digits).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from redactor.paths import REPO_ROOT

def _surnames() -> set[str]:
    from redactor.paths import DICTIONARIES_DIR

    out: set[str] = set()
    for fname in ("surnames.txt", "compound_surnames.txt", "foreign_surnames.txt"):
        for ln in (DICTIONARIES_DIR / fname).read_text(encoding="utf-8").splitlines():
            if not ln.startswith("#"):
                out.update(ln.split())
    return out


SURNAMES = _surnames()
LECARD = REPO_ROOT.parent / "shared" / "data" / "judgments-dev" / "lecard_full_dev.jsonl.gz"

STAFF_LABELS = ("代理审判长", "审判长", "代理审判员", "助理审判员", "审判员", "人民陪审员", "陪审员", "见习书记员",
                "代理书记员", "书记员", "法官助理", "执行员", "速录员", "司法警察", "执行长")
_STAFF_LABEL = "|".join(STAFF_LABELS)
_STAFF_LINE = re.compile(rf"^[\s　]*(?:{_STAFF_LABEL})")
_STAFF_ITEM = re.compile(
    rf"(?P<label>{_STAFF_LABEL})(?:[（(][兼代][）)])?[\s　:：。]*"
    rf"(?P<name>[\u4e00-\u9fa5·](?:[\s　]?[\u4e00-\u9fa5·]){{1,7}}?)"
    rf"(?=[\s　]*(?:[（(][^）)]{{1,4}}[）)])?[\s　]*(?:{_STAFF_LABEL}|附|[二〇○0一]{{2}}[〇○0一二三四五六七八九]{{2}}年|$))")
_PROSECUTOR = re.compile(r"(?:代理检察员|助理检察员|检察员助理|检察官助理|检察员|检察官|副检察长|检察长|公诉人)[：:]?")
_LIST_NAME = re.compile(r"(?P<name>[\u4e00-\u9fa5·]{2,4}?)(?=出庭|出席|到庭|支持|参加|履行|、|和|及|，|,|。|；|（|\(|$)")
_LAWYER = re.compile(r"(?:辩护人|诉讼代理人|委托代理人)[：:]?(?P<name>[\u4e00-\u9fa5·]{2,4}?)(?=[，,（(]|系|为|是)")
# A body sentence about a defence (辩护人提出许波系坦白, 辩护人关于石超系…, 辩护人对徐振强是从犯): what
# follows 辩护人 there is the defendant the submission is about, not the defender.
_NOT_DEFENDER = re.compile(r"^(?:提出|所提|关于|对|称|辩称|认为|提供|意见|的|就|以|与|在|向|均|亦|也)")
# An agent's or defender's line in the header: who it acts for (上述六附带民事诉讼原告人的, 以上五原告人,
# 被害人耿某1的), the label(s), the names; the rest of the line says whether it is a lawyer.
_AGENT_LINE = re.compile(
    r"^[\s　]*(?:[^，,。；;：:\s]{1,40}?的|(?:以上|上述|上列)[^，,。；;：:\s]{0,30}?)?(?:共同)?"
    r"(?P<label>委托诉讼代理人|委托代理人|诉讼代理人|特别授权代理人|委托辩护人|指定辩护人|辩护人|辨护人)"
    r"(?:暨(?:委托)?(?:诉讼)?代理人)?[：:]?[\s　]*"
    r"(?P<names>[\u4e00-\u9fa5·]{2,5}?(?:、[\u4e00-\u9fa5·]{2,5}?)*)(?=[，,（(。]|$)(?P<rest>.*)$")
_LAWYER_MARKER = re.compile(r"律师事务所|法律服务所|法律援助中心|律师|法律工作者|公职律师")
_DEFENDANT_LINE = re.compile(
    r"^[\s　]*(?:上诉人|原审被告人|被告人|罪犯|被告|申诉人|被申诉人)(?:[（(][^）)]{0,12}[）)])?[：:]?"
    r"(?P<name>[\u4e00-\u9fa5·]{2,12}?)"
    r"(?=[，,][\s　]*(?:男|女|曾用名|化名|绰号|别名|又名|外号|小名|自报|公民身份|身份证|出生|\d{4}年)"
    r"|[（(](?:曾用名|化名|绰号|别名|又名|外号|小名|自报|男|女))")
_TITLE = re.compile(r"《[^《》\n]{1,80}》")
_ANONYMIZED = re.compile(r"[某×Xx*＊]")
_PLACE_END = re.compile(r"(?:村|湾|镇|乡|县|市|区|街|路|庄|屯|组|寨|岗|沟|坝|桥)$")
_PLACE_NEXT = re.compile(r"(?:社区|村|居委|镇|乡|县|市|区|街道|路|大道|庄|屯|组|工业|开发区|园区)")
_ORG_NEXT = re.compile(r"[^\s的之、，。；：,和与及在向从“”（()）让该本其给到去来是为对被把将由]{0,2}?(?:有限公司|公司|集团|厂|商行|超市|药房|酒店|宾馆|门市|经营部)")
_MINORITY_START = re.compile(r"^[阿艾买吐热古迪努帕麦依玉叶哈图木沙扎次格卓顿央达尼拉旦德平洛多边曲普索白贡强仁巴其乌额苏那敖吉宝斯朝萨孟毕约迈詹保伊谢穆托彼安乔奥娜玛索伊]")
_LIST_ITEM = re.compile(r"[、，,]$")
NAME_SHAPE = re.compile(r"^[\u4e00-\u9fa5·]{2,12}$")

# Numbers that must not stay in clear (checked on the output, independently of the redactor).
_ID18 = re.compile(r"(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")
_CARD = re.compile(r"(?<![0-9])(?P<cue>(?:卡号|账号|帐号|银行卡|账户|帐户|尾号)[^0-9，。；\n]{0,8})?(?P<n>\d{16,19})(?![0-9Xx×*＊])")


def _id_ok(v: str) -> bool:
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * k for c, k in zip(v[:17], w))
    return "10X98765432"[s % 11] == v[17].upper()


def _luhn(v: str) -> bool:
    total, alt = 0, False
    for c in reversed(v):
        d = int(c)
        if alt:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
        alt = not alt
    return total % 10 == 0


def numbers_in_clear(text: str) -> list[tuple[str, str]]:
    out = [("ID_CARD", m.group(0)) for m in _ID18.finditer(text) if _id_ok(m.group(0))]
    out += [("PHONE", m.group(0)) for m in _MOBILE.finditer(text)]
    ids = {v for _, v in out}
    out += [("BANK_ACCOUNT", m.group("n")) for m in _CARD.finditer(text)
            if m.group("n") not in ids and (m.group("cue") or _luhn(m.group("n")))]
    return out


def is_heldaside(row_id) -> bool:
    return zlib.crc32(str(row_id).encode()) % 4 == 0


@dataclass
class Reading:
    """What the original judgment says, read without the redactor."""

    staff: list[tuple[int, int, str]] = field(default_factory=list)  # signature-line names (spans)
    staff_names: set[str] = field(default_factory=set)
    prosecutors: set[str] = field(default_factory=set)
    lawyers: set[str] = field(default_factory=set)
    # agents and defenders whose own line names no firm (诉讼代理人甄江，男，…系甄某之子): natural
    # persons, whom strict masks; a lawyer's line names the firm (Art. 11(2)); a 指定辩护人 is
    # always a lawyer (the legal-aid office appoints one, 刑事诉讼法第三十五条)
    agents: set[str] = field(default_factory=set)
    defendants: set[str] = field(default_factory=set)
    titles: list[tuple[int, int]] = field(default_factory=list)


def read_judgment(text: str) -> Reading:
    r = Reading()
    pos = 0
    for line in text.split("\n"):
        if _STAFF_LINE.match(line) and len(line) < 80:
            for m in _STAFF_ITEM.finditer(line):
                raw = m.group("name")
                name = re.sub(r"[\s　]", "", raw)
                if 2 <= len(name) <= 6 and not _ANONYMIZED.search(name):
                    r.staff.append((pos + m.start("name"), pos + m.end("name"), name))
                    r.staff_names.add(name)
        am = _AGENT_LINE.match(line)
        if am and len(line) < 150 and not _NOT_DEFENDER.match(am.group("names")):
            lawyer = am.group("label") == "指定辩护人" or bool(_LAWYER_MARKER.search(am.group("rest")))
            for nm in am.group("names").split("、"):
                if not _ANONYMIZED.search(nm):
                    (r.lawyers if lawyer else r.agents).add(nm)
        dm = _DEFENDANT_LINE.match(line)
        if dm and not _ANONYMIZED.search(dm.group("name")) and "公司" not in dm.group("name"):
            r.defendants.add(dm.group("name"))
        pos += len(line) + 1
    for m in _PROSECUTOR.finditer(text):
        i = m.end()
        while True:
            nm = _LIST_NAME.match(text, i)
            if not nm or _ANONYMIZED.search(nm.group("name")):
                break
            r.prosecutors.add(nm.group("name"))
            i = nm.end()
            if i < len(text) and text[i] in "、和及":
                i += 1
                continue
            break
    header_read = r.lawyers | r.agents
    for m in _LAWYER.finditer(text):
        nm = m.group("name")
        if not _ANONYMIZED.search(nm) and not _NOT_DEFENDER.match(nm) and nm not in r.defendants and not any(
                h in nm or nm in h for h in header_read):
            r.lawyers.add(nm)  # a defender the header does not list (as before: a lawyer)
    r.titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
    # A name the document uses for one role is not another's (a defendant's surname line).
    r.defendants -= r.staff_names | r.prosecutors | r.lawyers | r.agents
    return r


def _occurrences(text: str, names) -> list[tuple[int, int, str]]:
    out = []
    for n in names:
        i = text.find(n)
        while i >= 0:
            out.append((i, i + len(n), n))
            i = text.find(n, i + 1)
    return out


def _overlap(a0, a1, spans):
    for s in spans:
        if a0 < s[1] and s[0] < a1:
            return s
    return None


class _Words:
    """jieba's dictionary, to tell a legal or ordinary word from a name."""

    def __init__(self):
        import logging

        import jieba

        jieba.setLogLevel(logging.ERROR)
        jieba.initialize()
        import jieba.posseg

        self.jieba, self.freq = jieba, jieba.dt.FREQ
        self.tags = jieba.posseg.dt.word_tag_tab

    def cuts_word(self, text: str, start: int, end: int, names: set[str]) -> tuple[str, str] | None:
        """(word, jieba tag) of the dictionary word the span [start, end) is, or that runs
        through its first character (被害人[陈述], [董事]长, 申[请]); a word that only begins
        inside the span and runs past its end is a name fused with what follows (李春[海因]), not
        counted."""
        a = max(0, start - 12)
        b = min(len(text), end + 12)
        nl = text.rfind("\n", a, start)  # stay inside the line
        a = nl + 1 if nl >= 0 else a
        nl = text.find("\n", end, b)
        b = nl if nl >= 0 else b
        pos = a
        inside = []
        for tok in self.jieba.lcut(text[a:b], HMM=False):
            t0, t1 = pos, pos + len(tok)
            pos = t1
            if t1 <= start or t0 >= end:
                continue
            if len(tok) >= 2 and self.freq.get(tok, 0) >= 3 and tok not in names:
                if t0 <= start < t1 and (t0 < start or t1 >= end):
                    return tok, self.tags.get(tok, "")
                if start <= t0 and t1 <= end:
                    inside.append(tok)
        if inside and "".join(inside) == text[start:end]:
            return "".join(inside), self.tags.get(inside[0], "")
        return None

    def word_at_end(self, text: str, start: int, end: int) -> str | None:
        """A dictionary word of 2+ characters the span ends with, after 2+ characters of a name."""
        for k in (2, 3):
            tail = text[end - k:end]
            if end - k - start >= 2 and self.freq.get(tail, 0) >= 50 and not self.tags.get(tail, "").startswith("nr"):
                return tail
        return None


def _ctx(text: str, a: int, b: int, w: int = 14) -> str:
    return text[max(0, a - w):a].replace("\n", "⏎") + "[" + text[a:b] + "]" + text[b:b + w].replace("\n", "⏎")


def classify(text: str, decisions, reading: Reading, words: _Words, profile: str):
    """(kind, original, replacement, context) for every masking decision."""
    pros = _occurrences(text, reading.prosecutors)
    laws = _occurrences(text, reading.lawyers)
    agts = _occurrences(text, reading.agents)
    defs = _occurrences(text, reading.defendants)
    # a judge's name inside a defendant's longer one (审判长刘华, 上诉人刘华光) is the defendant's
    staff_spans = reading.staff + [o for o in _occurrences(text, reading.staff_names)
                                   if not any(d[0] <= o[0] and o[1] <= d[1] and d[1] - d[0] > o[1] - o[0] for d in defs)]
    masked_names = {text[d.finding.start:d.finding.end] for d in decisions
                    if d.masks and d.finding.category == "PERSON"}
    whole_names = {n for n in masked_names if NAME_SHAPE.match(n) and not _ANONYMIZED.search(n) and len(n) >= 3}
    known = reading.defendants | reading.staff_names | reading.prosecutors | reading.lawyers | reading.agents
    name_occ = _occurrences(text, whole_names)
    outside_names = {text[d.finding.start:d.finding.end] for d in decisions
                     if d.masks and d.finding.category == "PERSON" and not _overlap(d.finding.start, d.finding.end, reading.titles)}
    out = []
    for d in decisions:
        if not d.masks:
            continue
        a, b = d.finding.start, d.finding.end
        orig = text[a:b]
        cat = d.finding.category
        ctx = _ctx(text, a, b)
        if _overlap(a, b, reading.titles):
            # A person's name inside a title (《关于对李春华作除名处理的请示》) follows the person's rule.
            kind = ("title_person" if orig in known or (orig in outside_names and NAME_SHAPE.match(orig)
                    and not words.cuts_word(text, a, b, known)) else "title")
        elif _overlap(a, b, staff_spans):
            kind = "court_staff"
        elif _overlap(a, b, pros):
            kind = "prosecutor"
        elif _overlap(a, b, laws):
            kind = "lawyer"
        elif _overlap(a, b, agts):
            kind = "agent"  # a natural person acting as agent or defender (strict masks them)
        elif (hits := [s for s in defs if a < s[1] and s[0] < b]):
            kind = "defendant" if any(a <= s[0] and b >= s[1] for s in hits) else "partial_name"
        elif cat in ("ID_CARD", "PHONE", "BANK_ACCOUNT", "PLATE", "PASSPORT", "EMAIL", "PROPERTY_CERT"):
            kind = "identifier"
        elif cat.startswith("ADDRESS"):
            kind = "address"
        elif cat != "PERSON":
            kind = "other:" + cat
        elif _ANONYMIZED.search(orig):
            kind = "already_anonymized"
        elif orig[:1] in "“\"" or (orig[:1] in "小老阿" and orig[:1] not in SURNAMES and len(orig) <= 3):
            kind = "nickname"  # “小胖”, 小江: a person's nickname (a person reference, not a word)
        elif any(a < s1 and s0 < b and not (a <= s0 and b >= s1) for s0, s1, _n in name_occ):
            kind = "partial_name"
        elif (w := words.cuts_word(text, a, b, known | whole_names)):
            if w[0] == orig and _LIST_ITEM.search(text[max(0, a - 1):a]) and text[b:b + 1] in "、，,。等和及" and (orig[:1] in SURNAMES or orig[:2] in SURNAMES):
                # 余某、[黄海]、李某: a dictionary word standing as a list member is read as a name
                # (not counted as an error; listed to read).
                kind = "ambiguous_name"
            else:
                kind = "place" if w[1].startswith("ns") else "word"
            ctx += f"  ({w[0]}/{w[1]})"
        elif _PLACE_END.search(orig) or _PLACE_NEXT.match(text, b):
            kind = "place"
        elif _ORG_NEXT.match(text, b):
            kind = "organisation"  # [徐州博]灿公司: part of a trade name
        elif (tail := words.word_at_end(text, a, b)):
            kind = "word"  # [张志成笔录]: a name and the word after it
            ctx += f"  (ends in {tail})"
        elif not (orig[:2] in SURNAMES or orig[:1] in SURNAMES) and not _MINORITY_START.match(orig):
            kind = "word"
            ctx += "  (no surname)"
        else:
            kind = "other_name"
        out.append((kind, orig, d.replacement, ctx))
    return out


# Classes that are errors under each profile (the rest are the policy at work).
# strict keeps prosecutors (rules/policies/strict.yaml: they act in office) and masks agents
# who are no lawyers; spc2016 keeps both (Art. 11(2)).
ERRORS = {
    "strict": ("title", "court_staff", "prosecutor", "lawyer", "partial_name", "word", "place", "organisation"),
    "spc2016": ("title", "title_person", "court_staff", "prosecutor", "lawyer", "agent", "partial_name", "word",
                "place", "organisation", "defendant"),
}


def run(rows: list[dict], profile: str, ner: str | None = "judgment", changes: list | None = None,
        n_examples: int = 4) -> dict:
    from redactor.apply import apply_edits, edits_from_decisions
    from redactor.audit import HmacKey
    from redactor.document import Document, DocumentFormat, OffsetMap
    from redactor.pipeline import RunConfig, analyze
    from redactor.policy import load_policy

    config = RunConfig(policy=load_policy(profile), hmac_key=HmacKey(b"lecard-check", "eval"), ner=ner)
    words = _Words()
    kinds, docs_with = Counter(), Counter()
    examples: dict[str, list] = defaultdict(list)
    staff_total = staff_kept = titles_total = titles_kept = 0
    pros_total = pros_kept = def_total = def_kept = 0
    numbers_left, numbers_src = Counter(), Counter()
    number_examples = []
    verdicts = Counter()
    chars, t0 = 0, time.perf_counter()
    for row in rows:
        text = row["text"]
        chars += len(text)
        doc = Document(Path("lecard.txt"), DocumentFormat.TXT, text, OffsetMap(), "0" * 64)
        doc.offset_map.add(0, len(text), ("txt",), 0)
        _st, _f, outcome = analyze(doc, config)
        verdicts[outcome.verdict.status] += 1
        decisions = outcome.decisions
        red = apply_edits(text, edits_from_decisions(decisions))
        reading = read_judgment(text)
        masked = [(d.finding.start, d.finding.end) for d in decisions if d.masks]
        for s0, s1, _n in reading.staff:
            staff_total += 1
            staff_kept += not _overlap(s0, s1, masked)
        for s0, s1 in reading.titles:
            titles_total += 1
            titles_kept += not _overlap(s0, s1, masked)
        for s0, s1, _n in _occurrences(text, reading.prosecutors):
            pros_total += 1
            pros_kept += not _overlap(s0, s1, masked)
        for s0, s1, _n in _occurrences(text, reading.defendants):
            def_total += 1
            def_kept += not _overlap(s0, s1, masked)
        seen = set()
        for kind, orig, rep, ctx in classify(text, decisions, reading, words, profile):
            kinds[kind] += 1
            if kind not in seen:
                docs_with[kind] += 1
                seen.add(kind)
            if len(examples[kind]) < n_examples and (orig, rep) not in {(e[0], e[1]) for e in examples[kind]}:
                examples[kind].append((orig, rep, ctx))
            if changes is not None:
                changes.append({"profile": profile, "doc": row["id"], "kind": kind, "original": orig,
                                "replacement": rep, "context": ctx})
        for cat, v in numbers_in_clear(text):
            numbers_src[cat] += 1
        for cat, v in numbers_in_clear(red):
            numbers_left[cat] += 1
            if len(number_examples) < n_examples:
                i = red.find(v)
                number_examples.append((cat, red[max(0, i - 12):i + len(v) + 4].replace("\n", "⏎")))
    elapsed = time.perf_counter() - t0

    def rate(k, n):
        return {"n": n, "kept": k, "rate": round(k / n, 4) if n else None}

    return {
        "profile": profile, "documents": len(rows), "verdicts": dict(verdicts),
        "court_staff_kept": rate(staff_kept, staff_total), "titles_kept": rate(titles_kept, titles_total),
        "prosecutors_kept": rate(pros_kept, pros_total), "defendant_mentions_kept": rate(def_kept, def_total),
        "changes_by_kind": dict(kinds.most_common()), "documents_with_kind": dict(docs_with.most_common()),
        "documents_with_an_error": None,  # filled below
        "errors": ERRORS[profile],
        "numbers_in_clear_source": dict(numbers_src), "numbers_left_in_clear": dict(numbers_left),
        "number_examples": number_examples,
        "examples": {k: v for k, v in examples.items()},
        "seconds": round(elapsed, 1), "chars_per_second": int(chars / elapsed) if elapsed else None,
    }


def load_rows(which: str = "all", limit: int | None = None, path: Path = LECARD) -> list[dict]:
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            held = is_heldaside(row["id"])
            if (which == "heldaside" and not held) or (which == "tune" and held):
                continue
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
    return rows


def summary(rep: dict) -> str:
    p = rep["profile"]
    lines = [f"### {p}: {rep['documents']} judgments, verdicts {rep['verdicts']}, {rep['seconds']} s "
             f"({rep['chars_per_second']} chars/s)", "",
             "| kept | n | kept | rate |", "|---|---:|---:|---:|"]
    for k in ("court_staff_kept", "titles_kept", "prosecutors_kept", "defendant_mentions_kept"):
        v = rep[k]
        lines.append(f"| {k.replace('_kept', '')} | {v['n']} | {v['kept']} | {v['rate']} |")
    lines += ["", f"| change ({p}) | changes | documents | error under {p} | examples (original → replacement, context) |",
              "|---|---:|---:|---|---|"]
    for k, n in rep["changes_by_kind"].items():
        ex = "; ".join(f"{o}→{r or '∅'} `{c}`" for o, r, c in rep["examples"].get(k, [])[:3])
        lines.append(f"| {k} | {n} | {rep['documents_with_kind'][k]} | {'**yes**' if k in rep['errors'] else 'no'} | {ex} |")
    lines += ["", f"numbers in clear: source {rep['numbers_in_clear_source']}, output {rep['numbers_left_in_clear']}"
              + (f" e.g. {rep['number_examples']}" if rep["number_examples"] else "")]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description="issue 14: what redaction changes in complete real judgments")
    ap.add_argument("--source", type=Path, default=LECARD)
    ap.add_argument("--set", default="all", choices=["all", "heldaside", "tune"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--profiles", default="strict,spc2016")
    ap.add_argument("--ner", default="judgment")
    ap.add_argument("--changes", type=Path, help="write every change with its class and context (JSONL)")
    ap.add_argument("--examples", type=int, default=4)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not a.source.is_file():
        print(f"error: source not found: {a.source}", file=sys.stderr)
        return 2
    rows = load_rows(a.set, a.limit, a.source)
    changes: list | None = [] if a.changes else None
    reports = []
    for profile in a.profiles.split(","):
        per_doc: list = []
        rep = run(rows, profile, a.ner, per_doc, a.examples)
        errs = {c["doc"] for c in per_doc if c["kind"] in ERRORS[profile]}
        rep["documents_with_an_error"] = len(errs)
        if changes is not None:
            changes += per_doc
        reports.append(rep)
    if a.changes:
        with open(a.changes, "w", encoding="utf-8") as fh:
            for c in changes:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    if a.json:
        print(json.dumps(reports, ensure_ascii=False))
    else:
        for rep in reports:
            print(summary(rep))
            print(f"\ndocuments with at least one error under {rep['profile']}: {rep['documents_with_an_error']} "
                  f"of {rep['documents']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
