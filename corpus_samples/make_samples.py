"""Regenerate the sample judgments in corpus_samples/ (deterministic: same bytes every run).

    python corpus_samples/make_samples.py            # writes next to this script
    python corpus_samples/make_samples.py OUT_DIR    # writes into OUT_DIR instead

Each sample is a complete synthetic judgment from redactor_synth; its ground truth (every
value, span, category, role and the strict / spc2016 action, plus the expected document
status) goes to .truth/<name>.json, a hidden folder so it is never taken as input.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from redactor_synth import generate_judgment  # noqa: E402
from redactor_synth import render  # noqa: E402

# name, kind, seed, target length, options
SAMPLES: list[tuple[str, str, int, int, dict]] = [
    ("civil_loan.txt", "loan", 1101, 4000, {}),
    ("criminal_theft.txt", "theft", 1102, 6000, {}),
    ("divorce_withheld.txt", "divorce", 1103, 3500, {}),
    ("labour_dispute_gb18030.txt", "labour", 1104, 3000, {"encoding": "gb18030"}),
    ("civil_ruling_arbitration.txt", "civil_ruling", 1105, 2500, {"meta": True}),
    ("sales_contract.docx", "sales", 1106, 5000, {}),
    ("criminal_fraud.docx", "fraud", 1107, 7000, {}),
    ("inheritance_family.docx", "inheritance", 1108, 5000, {"author_role": "plaintiff"}),
    ("juvenile_withheld.docx", "juvenile", 1109, 3500, {}),
    ("traffic_accident.pdf", "traffic", 1110, 9000, {}),
    ("administrative_penalty.pdf", "administrative", 1111, 4000, {}),
    ("mediation_withheld.pdf", "mediation", 1112, 2500, {}),
    ("criminal_injury_long.pdf", "injury", 1113, 14000, {}),
    # OFD (GB/T 33190): DocInfo author, an annotation and a custom tag name a party (stripped)
    ("civil_loan_court.ofd", "loan", 1114, 4000, {"leak_role": "plaintiff"}),
]


def make(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    truth_dir = out / ".truth"
    truth_dir.mkdir(exist_ok=True)
    written: list[Path] = []
    for name, kind, seed, length, opts in SAMPLES:
        j = generate_judgment(seed, kind=kind, length=length)
        path = out / name
        stem = path.stem
        encoding = opts.get("encoding", "utf-8")
        if path.suffix == ".txt":
            render.write_txt(j, path, encoding=encoding)
        elif path.suffix == ".docx":
            author = None
            if opts.get("author_role"):
                # a real-world leak: the drafter saved the file under a party's name
                author = next(e["name"] for e in j.entities if e["role"] == opts["author_role"])
                j.docx_author = author
            render.write_docx(j, path, author=author)
        elif path.suffix == ".ofd":
            from redactor.formats.ofd.make import make_ofd, paragraphs_of

            party = next(e["name"] for e in j.entities if e["role"] == opts["leak_role"])
            path.write_bytes(make_ofd(paragraphs_of(j.text), title=j.court, author=party, header=j.court,
                                      annotation=f"{party}已签收", custom_tag=party))
        else:
            render.write_pdf(j, path)
        if path.suffix != ".docx":
            j.docx_author = None  # only a DOCX carries an author property
        written.append(path)
        if opts.get("meta"):
            written.append(render.write_meta(j, out / f"{stem}.meta.json"))
        written.append(render.write_truth(j, truth_dir / f"{stem}.json", file_name=name, encoding=encoding))
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for p in make(target):
        print(p)
