"""Start-up costs (issue 18): the parent process of `redact run` imports no detection stack
(Presidio, spaCy: about 1.2 CPU s), reads the model's version from its metadata, and a broken
rule pack still stops the run with one clear error before OUT exists, now found where the
rules are loaded anyway (the first worker). Real commands in real subprocesses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from redactor.paths import RULES_DIR

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus_samples"
HEAVY = ("presidio_analyzer", "presidio_anonymizer", "spacy", "thinc", "jieba")

# Runs `redact run` in this process (as the console script does) and, at exit, writes which
# heavy modules the parent process had imported. Guarded by __main__: a spawned worker
# imports this file as __mp_main__ and must not start a run of its own.
_PARENT = """
import atexit, json, sys
HEAVY = {heavy!r}
def _report():
    with open({report!r}, "w") as fh:
        json.dump(sorted(m for m in HEAVY if m in sys.modules), fh)
if __name__ == "__main__":
    atexit.register(_report)
    sys.argv = ["redact", *sys.argv[1:]]
    from redactor.cli import app
    app()
"""


def _python(code: str, *args: str, env=None, cwd=None):
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300,
                          env=env, cwd=cwd)


def test_importing_the_parent_modules_imports_no_detection_stack():
    code = ("import json, sys\n"
            "import redactor.cli, redactor.batch, redactor.pipeline, redactor.executors, redactor.api, redactor.config\n"
            "import redactor.decide, redactor.review_decisions, redactor.detect_cli\n"
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout) == []


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_parent_of_a_run_imports_no_detection_stack(tmp_path, workers):
    """The workers detect (the judgment is published with its names masked); the parent only
    schedules, writes the audit, the manifest and the report."""
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLES / "civil_loan.txt", tmp_path / "in")
    shutil.copy(SAMPLES / "criminal_theft.txt", tmp_path / "in")
    script = tmp_path / "parent.py"
    report = tmp_path / "parent_modules.json"
    script.write_text(_PARENT.format(heavy=HEAVY, report=str(report)), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), "run", "in", "--out", "out", "--workers", workers, "-q"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    run = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [d["status"] for d in run["documents"]] == ["published", "published"]
    assert all(d["counts"] for d in run["documents"])  # something was found and masked: the model and rules ran
    assert json.loads(report.read_text(encoding="utf-8")) == []


def test_model_version_read_from_metadata_is_the_loaded_models():
    from redactor.ner_backends import backend_version, judgment_model_version
    from redactor.pipeline import model_version
    from redactor.recognizers.ner import get_backend

    from_metadata = f"judgment@{judgment_model_version()}"
    loaded = get_backend("judgment")
    assert from_metadata == f"{loaded.name}@{loaded.version}"
    assert backend_version("judgment") == model_version("judgment") == from_metadata
    assert model_version("no-such-backend") == "no-such-backend"
    assert model_version(None) == "none"


@pytest.fixture
def broken_rules(tmp_path):
    rules = tmp_path / "court_rules"
    shutil.copytree(RULES_DIR, rules)
    spec = rules / "recognizers" / "phone.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("regex:", "regex: '(unclosed'\n    old_regex:", 1), encoding="utf-8")
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLES / "civil_loan.txt", tmp_path / "in")
    return rules


@pytest.mark.parametrize("executor", ["local", "inline"])
def test_a_broken_rule_pack_stops_the_run_before_out_exists(tmp_path, broken_rules, executor):
    env = dict(os.environ, REDACTOR_RULES=str(broken_rules))
    env.pop("REDACTOR_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "redactor.cli", "run", "in", "--out", "out", "--workers", "1",
                           "--executor", executor, "-q"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env=env)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("warning:")]
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith("error: cannot load the rule packs:"), proc.stderr[-2000:]
    assert "phone.yaml" in lines[0] and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()
