"""The shipped model loads with plain spaCy once redactor is installed: its components are
registered through spaCy's entry points (pyproject.toml, [project.entry-points.spacy_factories])."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "zh_judgment_ner"


def _config_factories() -> set[str]:
    names = set()
    for line in (MODEL / "config.cfg").read_text(encoding="utf-8").splitlines():
        if line.startswith("factory = "):
            names.add(line.split("=", 1)[1].strip().strip('"'))
    return names


def test_every_factory_of_the_model_is_declared_as_an_entry_point():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    eps = declared["project"]["entry-points"]["spacy_factories"]
    assert _config_factories() == {"char_bigrams", "char_ner"} <= set(eps)
    for name, target in eps.items():
        module, attr = target.split(":")
        import importlib

        assert callable(getattr(importlib.import_module(module), attr)), name


def test_plain_spacy_load_finds_the_components(tmp_path):
    installed = {ep.name for ep in entry_points(group="spacy_factories")}
    if not {"char_bigrams", "char_ner"} <= installed:
        pytest.skip("redactor's entry points are not installed: run `pip install -e .` again")
    # A fresh interpreter outside the repository that imports nothing of redactor itself.
    code = (
        "import json, spacy\n"
        f"nlp = spacy.load({str(MODEL)!r})\n"
        "assert nlp.pipe_names == ['char_bigrams', 'char_ner'], nlp.pipe_names\n"
        "doc = nlp('原告张伟与被告北京星光科技有限公司买卖合同纠纷一案，审判员王强。')\n"
        "print(json.dumps([[e.text, e.label_] for e in doc.ents], ensure_ascii=False))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    ents = {tuple(e) for e in json.loads(r.stdout.strip().splitlines()[-1])}
    assert ("张伟", "PERSON") in ents and ("王强", "PERSON") in ents
    assert ("北京星光科技有限公司", "ORGANIZATION") in ents
