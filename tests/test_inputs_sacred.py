"""Inputs are sacred (issue 16): a run whose OUT overlaps the inputs is refused before
anything is written, whatever shape the overlap takes (same folder, an input file inside
OUT, OUT through a link, relative paths, ``.``); every input that cannot be read is a
``failed`` entry with its reason, never skipped in silence."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from redactor.audit import HmacKey
from redactor.batch import BatchOptions, UnsafeOut, run_batch
from redactor.pipeline import RunConfig
from redactor.policy import load_policy

SAMPLES = Path(__file__).resolve().parent.parent / "corpus_samples"


def _config() -> RunConfig:
    return RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"test-key", "test"), ner=None)


def _inputs(folder: Path) -> Path:
    """in/civil_loan.txt (published) and in/divorce_withheld.txt (withheld: its OUT copy is deleted)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("civil_loan.txt", "divorce_withheld.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def _snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def _refused(inputs: list[Path], out: Path, cwd: Path | None = None) -> str:
    before_cwd = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        with pytest.raises(UnsafeOut) as err:
            run_batch(inputs, out, _config(), BatchOptions(executor="inline"))
    finally:
        os.chdir(before_cwd)
    return str(err.value)


def test_out_is_the_input_folder(tmp_path):
    src = _inputs(tmp_path / "in4")
    before = _snapshot(src)
    assert "is the input" in _refused([src], src)
    assert _snapshot(src) == before and not (src / ".redactor").exists() and not (src / "audit.jsonl").exists()


def test_out_is_the_folder_of_an_input_file(tmp_path):
    src = _inputs(tmp_path / "in1")
    before = _snapshot(src)
    _refused([src / "civil_loan.txt"], src)
    assert _snapshot(src) == before and not (src / "report.json").exists()


def test_out_contains_the_input_folder(tmp_path):
    src = _inputs(tmp_path / "top" / "in")
    _refused([src], tmp_path / "top")
    assert not (tmp_path / "top" / ".redactor").exists()


def test_out_is_an_input_file(tmp_path):
    src = _inputs(tmp_path / "in")
    before = _snapshot(src)
    _refused([src / "civil_loan.txt"], src / "civil_loan.txt")
    assert _snapshot(src) == before


def test_relative_paths_and_dot(tmp_path):
    src = _inputs(tmp_path / "in")
    before = _snapshot(src)
    _refused([Path(".")], Path("."), cwd=src)
    _refused([Path("civil_loan.txt")], Path("."), cwd=src)
    _refused([Path("in")], Path("in/../in/."), cwd=tmp_path)
    _refused([Path("./in/civil_loan.txt")], Path("."), cwd=tmp_path)
    assert _snapshot(src) == before
    assert sorted(os.listdir(tmp_path)) == ["in"]


def test_out_is_a_link_to_the_input_folder(tmp_path):
    src = _inputs(tmp_path / "in")
    (tmp_path / "out").symlink_to(src, target_is_directory=True)
    before = _snapshot(src)
    _refused([src], tmp_path / "out")
    assert _snapshot(src) == before


def test_input_is_a_link_into_out(tmp_path):
    """An input folder holding a link to a file that lives inside OUT."""
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(SAMPLES / "civil_loan.txt", out / "civil_loan.txt")
    src = tmp_path / "in"
    src.mkdir()
    (src / "civil_loan.txt").symlink_to(out / "civil_loan.txt")
    before = _snapshot(out)
    _refused([src], out)
    assert _snapshot(out) == before and not (out / ".redactor").exists()


def test_a_link_inside_out_leads_into_the_inputs(tmp_path):
    src = _inputs(tmp_path / "in")
    (src / "a").mkdir()
    shutil.copy(SAMPLES / "civil_loan.txt", src / "a" / "civil_loan.txt")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a").symlink_to(src / "a", target_is_directory=True)  # OUT/a/... would write into in/a
    before = _snapshot(src)
    _refused([src], out)
    assert _snapshot(src) == before


def test_out_inside_the_input_folder_holding_documents_is_refused(tmp_path):
    """A folder of judgments inside the input folder would be skipped as OUT and overwritten."""
    src = _inputs(tmp_path / "in")
    (src / "more").mkdir()
    shutil.copy(SAMPLES / "civil_loan.txt", src / "more" / "civil_loan.txt")
    before = _snapshot(src)
    _refused([src], src / "more")
    assert _snapshot(src) == before


def test_out_inside_the_input_folder_new_or_earlier_out_is_allowed(tmp_path):
    """OUT as a new folder inside the input folder: the walk skips it, no input is touched,
    and a rerun into the same OUT (it holds .redactor/) is allowed too."""
    src = _inputs(tmp_path / "in")
    before = _snapshot(src)
    for _ in range(2):
        report = run_batch([src], src / "redacted", _config(), BatchOptions(executor="inline"))
        assert report["totals"]["documents"] == 2
    after = {k: v for k, v in _snapshot(src).items() if not k.startswith("redacted/")}
    assert after == before


def test_cli_refusal_is_one_error_line_exit_2_and_nothing_written(tmp_path):
    src = _inputs(tmp_path / "in4")
    before = _snapshot(src)
    proc = subprocess.run([sys.executable, "-m", "redactor.cli", "run", ".", "--out", ".", "--ner", "none"],
                          cwd=src, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("warning:")]
    assert len(lines) == 1 and lines[0].startswith("error: --out"), proc.stderr
    assert _snapshot(src) == before and sorted(os.listdir(src)) == ["civil_loan.txt", "divorce_withheld.txt"]
