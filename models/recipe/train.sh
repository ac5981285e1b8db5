#!/usr/bin/env bash
# Rebuild models/zh_judgment_ner from scratch on a CPU (about 15-20 minutes on 2 shared cores).
#   bash models/recipe/train.sh            # all data (synthetic + real paragraphs + public NER sets)
#   EXTRA="--no-public --no-real" bash models/recipe/train.sh   # synthetic judgments only
# Env: STEPS (default 3500), VERSION (default 1.3.0), O_BIAS (default 0; 1.1.0 used 1.0: the O tag's output bias is
# lowered by that much when packaging, recall over precision), OUT (default build/ner), EXTRA (build_data flags),
#      BASELINE (a model directory evaluate.py scores in the same run, e.g. the previous version)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-build/ner}
STEPS=${STEPS:-3500}
VERSION=${VERSION:-1.3.0}
O_BIAS=${O_BIAS:-0}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2} OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-2}

python models/recipe/build_data.py --out "$OUT" ${EXTRA:-}
python -m spacy train models/recipe/config.cfg \
  --code redactor/recognizers/ner_spacy.py \
  --output "$OUT/out" \
  --paths.train "$OUT/train.spacy" --paths.dev "$OUT/dev.spacy" \
  --training.max_steps "$STEPS"
python models/recipe/package_model.py "$OUT/out/model-best" models/zh_judgment_ner --version "$VERSION" --o-bias "$O_BIAS"
python models/recipe/evaluate.py --synthetic 40 --json "$OUT/eval.json" ${BASELINE:+--baseline "$BASELINE"}
