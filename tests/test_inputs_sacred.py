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


# --- every input accounted for ---------------------------------------------------------

def _entries(report: dict) -> dict[str, dict]:
    return {d["input"]: d for d in report["documents"]}


def test_broken_link_fifo_and_folder_link_are_failed_entries(tmp_path):
    src = _inputs(tmp_path / "in")
    (src / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(src / "pipe.txt")
    elsewhere = _inputs(tmp_path / "elsewhere")
    (src / "linked").symlink_to(elsewhere, target_is_directory=True)
    report = run_batch([src], tmp_path / "out", _config(), BatchOptions(executor="inline"))
    e = _entries(report)
    assert e["gone.txt"]["status"] == "failed" and e["gone.txt"]["reason_code"] == "broken_link"
    assert e["pipe.txt"]["status"] == "failed" and "FIFO" in e["pipe.txt"]["reason"]
    assert e["linked"]["status"] == "failed" and e["linked"]["reason_code"] == "folder_link"
    assert e["civil_loan.txt"]["status"] == "published"
    assert report["totals"]["failed"] == 3


def test_a_fifo_given_by_name_is_failed_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    report = run_batch([fifo], tmp_path / "out", _config(), BatchOptions(executor="inline"))
    assert _entries(report)["pipe.txt"]["reason_code"] == "special_file"


class _AsNobody:
    """Run a block with the permissions of an unprivileged user: root reads every folder,
    so an unreadable folder can only be simulated by dropping the effective uid."""

    def __enter__(self):
        self.was = os.geteuid()
        if self.was == 0:
            try:
                os.setegid(65534)
                os.seteuid(65534)
            except OSError:
                pytest.skip("cannot drop privileges to simulate an unreadable folder")
        return self

    def __exit__(self, *exc):
        if self.was == 0:
            os.seteuid(0)
            os.setegid(0)


def test_an_unreadable_folder_is_a_failed_entry_and_exit_1(tmp_path):
    base = Path(os.environ.get("TMPDIR", "/tmp")) / f"redactor-unreadable-{os.getpid()}"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(mode=0o777)
    base.chmod(0o777)
    try:
        src = _inputs(base / "in")
        locked = src / "locked"
        locked.mkdir()
        shutil.copy(SAMPLES / "civil_loan.txt", locked / "secret_case.txt")
        for p in [src, *src.iterdir()]:
            p.chmod(0o777 if p.is_dir() else 0o666)
        locked.chmod(0)
        out = base / "out"
        # Warm every import first: the unprivileged user cannot read root's interpreter.
        run_batch([SAMPLES / "civil_loan.txt"], base / "warm", _config(), BatchOptions(executor="inline"))
        with _AsNobody():
            if os.access(locked, os.R_OK, effective_ids=True):
                pytest.skip("this user can read a folder with mode 000")
            report = run_batch([src], out, _config(), BatchOptions(executor="inline"))
        e = _entries(report)
        assert e["locked"]["status"] == "failed" and e["locked"]["reason_code"] == "unreadable_folder"
        assert "PermissionError" in e["locked"]["reason"]
        assert e["civil_loan.txt"]["status"] == "published"
        assert report["totals"]["failed"] == 1  # the CLI exits 1 on it
    finally:
        (base / "in" / "locked").chmod(0o755) if (base / "in" / "locked").exists() else None
        shutil.rmtree(base, ignore_errors=True)


def test_two_inputs_published_under_one_name_the_second_is_failed(tmp_path):
    """a.rtf is published as a.rtf.docx: an input a.rtf.docx beside it would write the same
    file, so one report entry would describe the other's published document."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.rtf").write_text(r"{\rtf1\ansi 原告张伟诉被告李强。}", encoding="ascii", errors="ignore")
    shutil.copy(SAMPLES / "sales_contract.docx", src / "a.rtf.docx")
    report = run_batch([src], tmp_path / "out", _config(), BatchOptions(executor="inline"))
    e = _entries(report)
    assert e["a.rtf.docx"]["status"] == "failed" and e["a.rtf.docx"]["reason_code"] == "output_collision"
    assert "a.rtf" in e["a.rtf.docx"]["reason"]
    assert e["a.rtf"]["status"] in ("published", "failed")  # failed only where LibreOffice is missing
    published = [p.name for p in (tmp_path / "out").iterdir() if p.suffix == ".docx"]
    assert published in ([], ["a.rtf.docx"])
