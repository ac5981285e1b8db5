"""The install a court would use (issue 16): a wheel built from the checkout carries the
rules, the policies and the model, and runs the samples from a fresh virtualenv outside the
checkout exactly as the checkout does. Its dependencies come from this interpreter's
site-packages (a .pth file), so nothing is downloaded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpus_samples"


def _build_wheel(dest: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dest), str(REPO)]
    try:
        import wheel  # noqa: F401  (the build needs no index then)

        cmd.insert(5, "--no-build-isolation")
    except ImportError:
        pass  # pip fetches the build backend from its configured index
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        if "setuptools" in proc.stderr and ("No matching distribution" in proc.stderr or "connection" in proc.stderr):
            pytest.skip("no build backend available to pip here")
        raise AssertionError(proc.stderr[-3000:])
    (whl,) = dest.glob("redactor-*.whl")
    return whl


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("wheel")
    whl = _build_wheel(base / "dist")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    # Installed before the dependencies are made visible: pip sees a bare environment.
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", "-q",
                    str(whl)], check=True, capture_output=True, timeout=300)
    site = Path(subprocess.check_output([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    deps = [p for p in sys.path if p.endswith(("site-packages", "dist-packages")) and Path(p).is_dir()
            and Path(p).resolve() != site.resolve()]
    (site / "_redactor_test_deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    return whl, venv


def _env() -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "REDACTOR_RULES", "REDACTOR_MODELS", "VIRTUAL_ENV")}
    env["REDACTOR_HMAC_KEY"] = "11" * 32
    return env


def test_the_wheel_holds_rules_policies_and_model(installed):
    whl, _ = installed
    names = set(zipfile.ZipFile(whl).namelist())
    for rel in ("rules/policies/strict.yaml", "rules/policies/spc2016.yaml", "rules/categories.yaml",
                "rules/dictionaries/roles.yaml",
                "rules/recognizers/id_card.yaml", "models/zh_judgment_ner/meta.json",
                "models/zh_judgment_ner/char_ner/model"):
        assert f"redactor/_data/{rel}" in names, rel
    assert not any("/recipe/" in n for n in names)  # the training recipe is not shipped
    # nor the synthetic-judgment generator of the tests and benchmarks (a development package)
    assert not any(n.startswith(("redactor_synth/", "redactor/synth/")) for n in names)


def test_the_installed_wheel_reads_its_own_data(installed, tmp_path):
    _, venv = installed
    code = ("import redactor, redactor.paths as p; "
            "print(redactor.__file__); print(p.RULES_DIR); print(p.MODELS_DIR)")
    lines = subprocess.check_output([str(venv / "bin" / "python"), "-c", code], cwd=tmp_path, env=_env(),
                                    text=True).split()
    for line in lines:
        assert str(venv) in line and str(REPO) not in line, lines
    env = dict(_env(), REDACTOR_RULES=str(tmp_path / "court_rules"), REDACTOR_MODELS=str(tmp_path / "court_models"))
    lines = subprocess.check_output([str(venv / "bin" / "python"), "-c", code], cwd=tmp_path, env=env,
                                    text=True).split()
    assert lines[1:] == [str(tmp_path / "court_rules"), str(tmp_path / "court_models")]


def test_the_installed_wheel_redacts_the_samples_as_the_checkout_does(installed, tmp_path):
    _, venv = installed
    inp = tmp_path / "samples"
    inp.mkdir()
    for p in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(p, inp / p.name)
        meta = p.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, inp / meta.name)
    args = ["run", str(inp), "--workers", "1", "--json"]
    wheel_run = subprocess.run([str(venv / "bin" / "redact"), *args, "--out", str(tmp_path / "wheel_out")],
                               cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=600)
    assert wheel_run.returncode == 0, wheel_run.stderr[-3000:]
    repo_run = subprocess.run([sys.executable, "-m", "redactor.cli", *args, "--out", str(tmp_path / "repo_out")],
                              cwd=REPO, env=_env(), capture_output=True, text=True, timeout=600)
    assert repo_run.returncode == 0, repo_run.stderr[-3000:]
    # --json prints one line per document, then the totals line
    totals = json.loads(wheel_run.stdout.strip().splitlines()[-1])
    assert totals["documents"] == 5 and totals["failed"] == 0 and totals["published"] >= 3
    reports = [json.loads((tmp_path / o / "report.json").read_text(encoding="utf-8"))
               for o in ("wheel_out", "repo_out")]
    assert reports[0]["fingerprint"] == reports[1]["fingerprint"]  # same policy, model and version
    published = {o: {p.name: p.read_bytes() for p in (tmp_path / o).glob("*.txt")} for o in ("wheel_out", "repo_out")}
    assert published["wheel_out"] == published["repo_out"] and len(published["wheel_out"]) == totals["published"]


def test_the_editable_checkout_reads_the_top_level_folders():
    from redactor import paths

    if os.environ.get("REDACTOR_RULES") or os.environ.get("REDACTOR_MODELS"):
        pytest.skip("overridden in this environment")
    assert paths.RULES_DIR == REPO / "rules" and paths.MODELS_DIR == REPO / "models"
