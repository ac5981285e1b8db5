"""Readers for every corpus the NER recipe trains or evaluates on, as (text, spans) examples.

A span is (start, end, label) in character offsets, label one of PERSON / LOCATION /
ORGANIZATION. Some examples also carry "unknown" regions: character ranges whose label is not
known (a real name left in a published judgment, a place LAC found but nobody annotated).
Training marks those tokens as missing; evaluation ignores predictions inside them.

Sources:
- synthetic judgments from ``redactor_synth`` (regenerated from seeds: the project's own data);
- real judgment paragraphs (``../shared/data/judgments-dev/cjrc_dev.jsonl``) whose anonymized
  placeholders (张某, 李某某, 王x3, 曹0 ...) are filled with synthetic names;
- CLUENER2020, Weibo NER, Resume NER (``../shared/data/ner/``), mapped to the three labels.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
import sys
from typing import Iterator

# redactor_synth is a development package at the repository's root (the wheel does not carry it)
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from redactor_synth import generate_judgment  # noqa: E402
from redactor_synth import names as synth_names  # noqa: E402

import name_styles  # noqa: E402

PERSON, LOCATION, ORGANIZATION = "PERSON", "LOCATION", "ORGANIZATION"
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

Span = tuple[int, int, str]


@dataclass
class Example:
    text: str
    spans: list[Span]
    unknown: list[tuple[int, int]] = field(default_factory=list)
    source: str = ""
    styles: list[str] = field(default_factory=list)  # name style of each PERSON span, where known


# ---------------------------------------------------------------- synthetic judgments

_SYNTH_LABELS = {
    "PERSON": PERSON,
    "ORGANIZATION": ORGANIZATION,
    "LOCATION": LOCATION,
    "ADDRESS_ADMIN": LOCATION,
    "ADDRESS_DETAIL": LOCATION,
}
_SENTENCE_END = re.compile(r"[。；！？\n]")


def _merge_adjacent(spans: list[Span]) -> list[Span]:
    """An address is an admin part followed by a detail part: one LOCATION. Overlaps keep the longer."""
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[Span] = []
    for s in spans:
        if out and s[0] < out[-1][1]:  # overlap: keep the first (longest at that start)
            continue
        if out and s[2] == LOCATION and out[-1][2] == LOCATION and s[0] == out[-1][1]:
            out[-1] = (out[-1][0], s[1], LOCATION)
            continue
        out.append(s)
    return out


def anonymized_form(rng: random.Random, surname: str) -> str:
    """How a published judgment writes an already-anonymized name (not a PERSON for the model)."""
    return surname + rng.choice(["某", "某", "某某", "某1", "某2", "某甲", "×", "××", "x1"])


def rare_name(rng: random.Random) -> str:
    """A name from the tail a few hundred judgments under-represent: compound and rare
    surnames, one-character given names, minority and foreign names."""
    from datetime import date

    birth = date(1950 + rng.randrange(55), 1 + rng.randrange(12), 1 + rng.randrange(28))
    r = rng.random()
    if r < 0.15:
        return synth_names.random_person(rng, birth).full
    if r < 0.55:
        surname = rng.choice(synth_names._COMPOUND)
    elif r < 0.85:
        surname = rng.choice(synth_names._RARE)
    else:
        surname = synth_names.han_surname(rng)
    return synth_names.han_person(rng, birth, surname=surname).full


def synthetic_sentences(seeds: range, anonymized_rate: float = 0.06, max_chars: int = 300,
                        rename_rate: float = 0.25) -> Iterator[Example]:
    """Sentences of synthetic judgments with their PERSON/LOCATION/ORGANIZATION spans.

    A few person mentions are rewritten into their anonymized form (张某, 李某某) and left
    unlabelled: an already anonymized name is not a name to find again. A quarter of the
    others are renamed, with ``rare_name`` (南宫秋伟 must not become 南 + 宫秋伟) or a name in one of the
    contract's styles (``name_styles.name``).
    """
    seen: set[int] = set()
    for seed in seeds:
        rng = random.Random(zlib.crc32(f"sent-{seed}".encode()))
        j = generate_judgment(seed)
        spans = _merge_adjacent(
            [(i.start, i.end, _SYNTH_LABELS[i.category]) for i in j.items if i.category in _SYNTH_LABELS]
        )
        text = j.text
        start = 0
        for m in list(_SENTENCE_END.finditer(text)) + [None]:
            end = m.end() if m else len(text)
            piece = text[start:end]
            s0 = start
            start = end
            if not piece.strip() or len(piece) > max_chars * 3:
                continue
            inside = [(a - s0, b - s0, lab) for a, b, lab in spans if a >= s0 and b <= end]
            # a span crossing the cut: skip the sentence rather than learn a broken boundary
            if any(a < end and b > s0 and not (a >= s0 and b <= end) for a, b, _ in spans):
                continue
            key = zlib.crc32(piece.encode())
            if key in seen and not inside:
                continue
            seen.add(key)
            piece_text, new_spans, shift = "", [], 0
            last = 0
            for a, b, lab in inside:
                piece_text += piece[last:a]
                value = piece[a:b]
                if lab == PERSON and len(value) in (2, 3) and rng.random() < anonymized_rate:
                    piece_text += anonymized_form(rng, value[0])
                    last = b
                    continue
                if lab == PERSON and rng.random() < rename_rate:
                    value = rare_name(rng) if rng.random() < 0.4 else name_styles.name(rng)[0]
                if True:
                    new_spans.append((len(piece_text), len(piece_text) + len(value), lab))
                    piece_text += value
                last = b
            piece_text += piece[last:]
            yield Example(piece_text.rstrip("\n"), [s for s in new_spans if s[1] <= len(piece_text.rstrip("\n"))], source="synthetic")


# ---------------------------------------------------------------- real paragraphs, placeholders filled

_FREQ = set(synth_names._FREQ_NAMES) | set(synth_names._COMPOUND)
_ALL_SURNAMES = _FREQ | set(synth_names._RARE)
_COMPOUND_RE = "|".join(synth_names._COMPOUND)
# 张某 / 李某某 / 王某1 / 张x3 / 黄×× / 曹0 / 王12: a surname then an anonymization mark.
_PLACEHOLDER = re.compile(
    rf"(?<![×xX])(?P<sur>{_COMPOUND_RE}|[\u4e00-\u9fff])"
    rf"(?P<mark>某某?[甲乙丙丁1-9]?\d?|[xX×]{{1,3}}\d{{0,2}}|\d{{1,2}}某{{0,2}})"
    # not a date, an amount or another mask; a year glued to the index is fine (张x62011年)
    rf"(?:(?![\d×xX年月日号时元万%.．点分秒岁公])|(?=(?:19|20)\d\d年))"
)


# Surnames that are also common word characters next to a number or a mask.
_WORDLIKE_SURNAMES = set("路付向于和将与共计号楼栋区村组街巷弄层单元期年月日时分秒第支交万千百亿")


def placeholders(text: str) -> list[tuple[int, int, str]]:
    """(start, end, surname) of each anonymized name in a published paragraph."""
    out = []
    for m in _PLACEHOLDER.finditer(text):
        sur, mark = m.group("sur"), m.group("mark")
        if sur not in _ALL_SURNAMES:
            continue
        if not mark.startswith("某"):  # 路1 / 付5 / 向x are more often words than names
            if sur in _WORDLIKE_SURNAMES or (m.start() > 0 and text[m.start() - 1] in "第于至在和与及的方向路号"):
                continue
        out.append((m.start(), m.end(), sur))
    return out


def cjrc_paragraphs() -> list[dict]:
    path = SHARED_DATA / "judgments-dev" / "cjrc_dev.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def cjrc_is_heldout(pid: str) -> bool:
    """A fixed quarter of the real paragraphs is never trained on."""
    return zlib.crc32(pid.encode()) % 4 == 0


def cjrc_is_dev(pid: str) -> bool:
    """A tenth of the rest is the checkpoint-selection split (not the held-aside quarter)."""
    return not cjrc_is_heldout(pid) and zlib.crc32(f"dev-{pid}".encode()) % 10 == 0


def _fill_name(rng: random.Random, surname: str) -> str:
    from datetime import date

    r = rng.random()
    if r < 0.08:
        return synth_names.random_person(rng, date(1980, 1, 1)).full
    return synth_names.han_person(rng, date(1970 + rng.randrange(40), 1, 1), surname=surname).full


def filled_paragraph(text: str, rng: random.Random, pick_name=None, skip=None) -> Example:
    """Replace every placeholder by a synthetic name (the same placeholder, the same name).

    ``pick_name(rng, surname) -> (name, style)`` chooses the name (default: a Han name with the
    placeholder's surname, sometimes a minority or foreign one); the style of each PERSON span is
    kept in ``Example.styles``. ``skip(placeholder)``: leave that one as published, unknown."""
    names: dict[str, tuple[str, str]] = {}
    out, spans, styles, unknown, last = "", [], [], [], 0
    for a, b, sur in placeholders(text):
        ph = text[a:b]
        if skip and skip(ph):  # left as published, and not scored
            out += text[last:b]
            unknown.append((len(out) - len(ph), len(out)))
            last = b
            continue
        if ph not in names:
            names[ph] = pick_name(rng, sur) if pick_name else (_fill_name(rng, sur), "")
        out += text[last:a]
        new, style = names[ph]
        spans.append((len(out), len(out) + len(new), PERSON))
        styles.append(style)
        out += new
        last = b
    out += text[last:]
    return Example(out, spans, unknown, source="cjrc", styles=styles)


def add_lac_unknowns(examples: list[Example], lac) -> None:
    """Regions LAC calls PER/LOC/ORG outside the known names become 'unknown' (real names the
    publisher left, places and organisations nobody annotated here)."""
    for ex in examples:
        known = ex.spans
        pos = 0
        for word, tag in lac.run(ex.text):
            a, b = pos, pos + len(word)
            pos = b
            if tag in ("PER", "LOC", "ORG") and not any(a < kb and b > ka for ka, kb, _ in known):
                ex.unknown.append((a, b))


def chunks(ex: Example, max_chars: int = 400) -> Iterator[Example]:
    """Cut a long example at sentence ends without cutting a span."""
    if len(ex.text) <= max_chars:
        yield ex
        return
    cuts = [m.end() for m in re.finditer(r"[。；;！？]", ex.text)]
    bounds, start = [], 0
    for c in cuts + [len(ex.text)]:
        if c - start >= max_chars // 2 or c == len(ex.text):
            if any(a < c < b for a, b, _ in ex.spans) or any(a < c < b for a, b in ex.unknown):
                continue
            bounds.append((start, c))
            start = c
    for a, b in bounds:
        yield Example(
            ex.text[a:b],
            [(s - a, e - a, lab) for s, e, lab in ex.spans if s >= a and e <= b],
            [(s - a, e - a) for s, e in ex.unknown if s >= a and e <= b],
            ex.source,
        )


# ---------------------------------------------------------------- public NER corpora

_CLUENER = {"name": PERSON, "address": LOCATION, "company": ORGANIZATION, "organization": ORGANIZATION,
            "government": ORGANIZATION}


def _json_objects(path: Path) -> Iterator[dict]:
    raw = path.read_text(encoding="utf-8")
    dec = json.JSONDecoder()
    i = 0
    while i < len(raw):
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            break
        obj, i = dec.raw_decode(raw, i)
        yield obj


def cluener(split: str) -> list[Example]:
    path = SHARED_DATA / "ner" / "cluener2020" / f"{split}.json"
    out = []
    for obj in _json_objects(path):
        spans = []
        for lab, ents in (obj.get("label") or {}).items():
            if lab not in _CLUENER:
                continue
            for _, positions in ents.items():
                for a, b in positions:
                    spans.append((a, b + 1, _CLUENER[lab]))
        out.append(Example(obj["text"], _merge_adjacent(spans) if spans else [], source="cluener"))
    return out


def _bio_sentences(path: Path, mapping: dict[str, str], weibo: bool) -> list[Example]:
    out: list[Example] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush():
        if not chars:
            return
        text = "".join(chars)
        spans, cur = [], None
        for i, t in enumerate(tags + ["O"]):
            prefix, _, typ = t.partition("-")
            lab = mapping.get(typ)
            if cur and (prefix in ("O", "B", "S") or lab != cur[2] or not lab):
                spans.append((cur[0], i, cur[2]))
                cur = None
            if lab and prefix in ("B", "S"):
                cur = (i, None, lab)
            elif lab and prefix in ("I", "M", "E") and cur is None:
                cur = (i, None, lab)
            if cur and prefix in ("E", "S"):
                spans.append((cur[0], i + 1, cur[2]))
                cur = None
        out.append(Example(text, spans, source=path.parent.name))
        chars.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 2:
            flush()
            continue
        ch = parts[0][0] if weibo else parts[0]
        chars.append(ch)
        tags.append(parts[-1])
    flush()
    return out


_WEIBO = {"PER.NAM": PERSON, "LOC.NAM": LOCATION, "GPE.NAM": LOCATION, "ORG.NAM": ORGANIZATION}
_RESUME = {"NAME": PERSON, "LOC": LOCATION, "ORG": ORGANIZATION}


def weibo(split: str) -> list[Example]:
    return _bio_sentences(SHARED_DATA / "ner" / "weibo" / f"weiboNER_2nd_conll.{split}", _WEIBO, weibo=True)


def resume(split: str) -> list[Example]:
    return _bio_sentences(SHARED_DATA / "ner" / "resume" / f"{split}.char.bmes", _RESUME, weibo=False)


# ---------------------------------------------------------------- real criminal sentences (xxcq)

_XXCQ_PERSON_LABELS = ("NHCS", "NHVI")  # defendant / suspect, victim
_REAL_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,9}")
_NOT_A_NAME = re.compile(r"姓|等|男子|女子|某人|老板|绰号")
_STARS = re.compile(r"(?P<sur>[\u4e00-\u9fff])\*+")


def xxcq_sentences() -> list[dict]:
    path = SHARED_DATA / "judgments-dev" / "xxcq_dev.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def xxcq_is_heldout(rid: str) -> bool:
    """The same held-aside quarter rule as the paragraphs: never trained on, never chosen on."""
    return zlib.crc32(str(rid).encode()) % 4 == 0


def xxcq_is_dev(rid: str) -> bool:
    """A tenth of the rest is the checkpoint-selection split (not the held-aside quarter)."""
    return not xxcq_is_heldout(rid) and zlib.crc32(f"dev-{rid}".encode()) % 10 == 0


def xxcq_people(rec: dict) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The person mentions of one labelled sentence: (start, end, surname or "") to fill, and
    (start, end) regions whose identity is unclear (nicknames in quotes, 一姓“李”的男子, 黄).

    Labelled defendants and victims that are placeholders (朱某某, 王某甲, 王**) or real names left
    in clear (何斌) are both filled; every other placeholder of the sentence (a witness 证人张某)
    is found by ``placeholders``."""
    text = rec["context"]
    fill: list[tuple[int, int, str]] = []
    unclear: list[tuple[int, int]] = []
    for ent in rec["entities"]:
        if ent["label"] not in _XXCQ_PERSON_LABELS:
            continue
        for s in ent["span"]:
            a, b = map(int, s.split(";"))
            value = text[a:b]
            ph = placeholders(value)
            if ph and ph[0][0] == 0 and ph[0][1] == len(value):
                fill.append((a, b, ph[0][2]))
            elif _STARS.fullmatch(value):
                fill.append((a, b, value[0]))
            elif _REAL_NAME.fullmatch(value) and not _NOT_A_NAME.search(value):
                fill.append((a, b, ""))
            else:
                unclear.append((a, b))
    for a, b, sur in placeholders(text):
        if not any(a < fb and b > fa for fa, fb, _ in fill) and not any(a < ub and b > ua for ua, ub in unclear):
            fill.append((a, b, sur))
    fill = sorted(set(fill))
    out, last = [], -1
    for f in fill:  # overlapping labels: keep the first
        if f[0] >= last:
            out.append(f)
            last = f[1]
    return out, unclear


def filled_sentence(rec: dict, rng: random.Random, pick_name, keep_anonymized: float = 0.06) -> Example:
    """Replace each person mention by ``pick_name(rng, surname) -> (name, style)`` (the same value,
    the same name) → PERSON; a few placeholders are left as published (not a PERSON). Returns the
    example, with the style of each PERSON span in ``Example.styles``."""
    text = rec["context"]
    fill, unclear = xxcq_people(rec)
    names: dict[str, tuple[str, str] | None] = {}
    out, spans, styles, unknown, last = "", [], [], [], 0
    marks = [(a, b, "fill", sur) for a, b, sur in fill] + [(a, b, "unclear", "") for a, b in unclear]
    for a, b, kind, sur in sorted(marks):
        if a < last:
            continue
        out += text[last:a]
        value = text[a:b]
        if kind == "unclear":
            unknown.append((len(out), len(out) + len(value)))
            out += value
        else:
            if value not in names:
                is_placeholder = sur and value[len(sur):][:1] in "某×xX*0123456789"
                names[value] = None if is_placeholder and rng.random() < keep_anonymized else pick_name(rng, sur or None)
            if names[value] is None:
                out += value
            else:
                new, style = names[value]
                spans.append((len(out), len(out) + len(new), PERSON))
                styles.append(style)
                out += new
        last = b
    out += text[last:]
    return Example(out, spans, unknown, source="xxcq", styles=styles)
