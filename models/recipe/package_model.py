"""Copy a trained pipeline into models/ with its name, version and data card in meta.json.

    python models/recipe/package_model.py build/ner/out/model-best models/zh_judgment_ner --version 1.0.0
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from redactor.recognizers.ner_spacy import MODEL_NAME


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--version", required=True)
    args = ap.parse_args()
    if args.dest.exists():
        shutil.rmtree(args.dest)
    shutil.copytree(args.src, args.dest)
    meta_path = args.dest / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name=MODEL_NAME,
        version=args.version,
        description="Chinese court-judgment NER (PERSON / LOCATION / ORGANIZATION): one token per "
        "character, a hashed-embedding CNN BILUO tagger (component char_ner, defined in "
        "redactor/recognizers/ner_spacy.py). See models/README.md.",
        sources=[
            {"name": "synthetic judgments (redactor.synth, seeds 0..N-1)", "license": "project's own"},
            {"name": "CAIL2019 CJRC dev paragraphs, placeholders filled with synthetic names", "license": "none stated"},
            {"name": "CLUENER2020 train", "license": "none stated"},
            {"name": "Weibo NER train (2nd version)", "license": "CC BY-SA 3.0"},
            {"name": "Resume NER train", "license": "none stated"},
        ],
        license="see models/README.md",
    )
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    size = sum(f.stat().st_size for f in args.dest.rglob("*") if f.is_file())
    print(f"{args.dest}: {size / 1e6:.1f} MB, version {MODEL_NAME}-{args.version}")


if __name__ == "__main__":
    main()
