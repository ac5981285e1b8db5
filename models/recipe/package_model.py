"""Copy a trained pipeline into models/ with its name, version and data card in meta.json.

    python models/recipe/package_model.py build/ner/out/model-best models/zh_judgment_ner --version 1.2.0 --o-bias 1.0

--o-bias lowers the output bias of the "O" (not an entity) tag by that many logits: every
character then needs less evidence to be tagged as part of an entity. The tool redacts, so a
missed name (a leak) costs far more than a spurious one; 1.0 trades a little precision for
recall (see models/README.md, "What was tried").
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from redactor.recognizers.ner_spacy import MODEL_NAME


def lower_o_bias(src: Path, dest: Path, delta: float) -> None:
    import spacy

    nlp = spacy.load(src)
    pipe = nlp.get_pipe("char_ner")
    # the tagger's output layer: the only layer with a bias of one value per tag
    (out,) = [layer for layer in pipe.model.walk()
              if layer.has_param("b") and layer.has_dim("nO") and layer.get_dim("nO") == len(pipe.labels)]
    bias = out.get_param("b").copy()
    bias[list(pipe.labels).index("O")] -= delta
    out.set_param("b", bias)
    nlp.to_disk(dest)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--version", required=True)
    ap.add_argument("--o-bias", type=float, default=0.0, help="lower the O tag's output bias by this much")
    args = ap.parse_args()
    if args.dest.exists():
        shutil.rmtree(args.dest)
    if args.o_bias:
        lower_o_bias(args.src, args.dest, args.o_bias)
    else:
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
            {"name": "synthetic judgments (redactor_synth, seeds 0..N-1)", "license": "project's own"},
            {"name": "bare fact sentences with names of every style (models/recipe/name_styles.py)", "license": "project's own"},
            {"name": "CAIL2019 CJRC dev paragraphs, placeholders filled with synthetic names", "license": "none stated"},
            {"name": "CAIL2021 xxcq criminal sentences, defendants/victims filled with synthetic names", "license": "none stated"},
            {"name": "CLUENER2020 train", "license": "none stated"},
            {"name": "Weibo NER train (2nd version)", "license": "CC BY-SA 3.0"},
            {"name": "Resume NER train", "license": "none stated"},
        ],
        license="see models/README.md",
        o_bias=args.o_bias,
    )
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    size = sum(f.stat().st_size for f in args.dest.rglob("*") if f.is_file())
    print(f"{args.dest}: {size / 1e6:.1f} MB, version {MODEL_NAME}-{args.version}")


if __name__ == "__main__":
    main()
