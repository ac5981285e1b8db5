"""Faults during a real run: the disk fills up, an output folder cannot be written, the run is
sent SIGTERM, a worker process is SIGKILLed. Each time the document concerned fails with a
clear reason and nothing half-written, the rest of the batch goes on (or stops cleanly), the
audit chain verifies, and the next run finishes the job.

Disk full uses two real mechanisms: a 384 KiB tmpfs mounted as OUT (needs root or
CAP_SYS_ADMIN; skipped where mounting is not allowed), and RLIMIT_FSIZE on the run's
processes (works for any user: the kernel refuses writes past the limit with EFBIG).
Permission errors use ``chattr +i`` on the output subfolder when running as root (root
ignores mode bits) and ``chmod 555`` otherwise."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redactor.audit import HmacKey, verify_chain
from redactor.batch import BatchOptions, run_batch
from redactor.pipeline import RunConfig
from redactor.policy import load_policy
from tests.helpers import fault_injection
from tests.helpers.hostile_corpus import ID, JUDGMENT_TEXT, PHONE, tree_digest

KEY = "k" * 32
REPO = Path(__file__).resolve().parent.parent


def config() -> RunConfig:
    return RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(KEY.encode(), "test"), ner=None)


def small_corpus(root: Path, n: int, sub: str = "") -> Path:
    d = root / sub if sub else root
    d.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (d / f"doc{i:03d}.txt").write_text(JUDGMENT_TEXT.replace("1234号", f"{1000 + i}号"), encoding="utf-8")
    return root


def big_txt(path: Path, chars: int = 150_000) -> Path:
    filler = "本院认为，原告的诉讼请求于法有据，予以支持。\n"
    path.write_text(JUDGMENT_TEXT + filler * (chars // len(filler)), encoding="utf-8")
    return path


def cli(*args: str, faults: bool = False) -> list[str]:
    """``redact run ARGS --ner none``; with ``faults``, through the test-only launcher whose
    workers honour REDACTOR_FAULT_INJECT (tests/helpers/fault_injection.py)."""
    if faults:
        return fault_injection.command("run", *args, "--ner", "none")
    return [sys.executable, "-m", "redactor.cli", "run", *args, "--ner", "none"]


def env(**kw: str) -> dict:
    e = dict(os.environ, REDACTOR_HMAC_KEY=KEY)
    e[fault_injection.FAULT_ENV] = ""
    # the launcher is a module of the repository's tests package, whatever the working folder
    e["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    e.update(kw)
    return e


def assert_clean(out: Path) -> None:
    assert not [p for p in out.rglob("*") if p.is_file() and (p.name.endswith(".tmp") or p.name.startswith(".redact-"))]
    assert verify_chain(out / "audit.jsonl").ok


def manifest_count(out: Path) -> int:
    m = out / ".redactor" / "manifest.sqlite"
    if not m.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{m}?mode=ro", uri=True, timeout=0.2)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def wait_for(cond, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


# --- disk full -----------------------------------------------------------------------------------


@pytest.fixture()
def tiny_tmpfs(tmp_path):
    mnt = tmp_path / "out"
    mnt.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=384k", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here (not root)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_disk_full_fails_that_document_and_the_rest_publish(tmp_path, tiny_tmpfs):
    src = small_corpus(tmp_path / "in", 3)
    big_txt(src / "big.txt")  # ~450 KB of output: does not fit in 384 KiB
    before = tree_digest(src)
    rep = run_batch([src], tiny_tmpfs, config(), BatchOptions(executor="local", workers=1, timeout_s=60))
    by = {d["input"]: d for d in rep["documents"]}
    assert by["big.txt"]["status"] == "failed" and by["big.txt"]["reason_code"] == "disk_full", by["big.txt"]
    assert "No space left on device" in by["big.txt"]["reason"] and "ENOSPC" in by["big.txt"]["reason"]
    assert [by[f"doc{i:03d}.txt"]["status"] for i in range(3)] == ["published"] * 3
    assert not (tiny_tmpfs / "big.txt").exists()
    assert_clean(tiny_tmpfs)
    assert tree_digest(src) == before


def _limit_file_size(limit: int):
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


def test_file_size_limit_fails_that_document_and_the_rest_publish(tmp_path):
    src = small_corpus(tmp_path / "in", 3)
    big_txt(src / "big.txt")
    out = tmp_path / "out"
    proc = subprocess.run(cli(str(src), "--out", str(out), "--workers", "1"), env=env(), capture_output=True,
                          text=True, preexec_fn=_limit_file_size(200_000), timeout=300)
    assert proc.returncode == 1, proc.stderr
    by = {d["input"]: d for d in json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"]}
    assert by["big.txt"]["reason_code"] == "file_too_large" and "EFBIG" in by["big.txt"]["reason"]
    assert [by[f"doc{i:03d}.txt"]["status"] for i in range(3)] == ["published"] * 3
    assert not (out / "big.txt").exists()
    assert_clean(out)


# --- permission errors -------------------------------------------------------------------------


def _make_unwritable(d: Path) -> None:
    if os.geteuid() == 0:
        r = subprocess.run(["chattr", "+i", str(d)], capture_output=True)
        if r.returncode != 0:
            pytest.skip("root and chattr +i is not supported on this file system")
    else:
        d.chmod(0o555)


def _make_writable(d: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(d)], capture_output=True)
    d.chmod(0o755)


def test_unwritable_output_folder_fails_its_documents_only(tmp_path):
    src = tmp_path / "in"
    small_corpus(src, 2, "locked")
    small_corpus(src, 2, "open")
    out = tmp_path / "out"
    (out / "locked").mkdir(parents=True)
    (out / "blocked").parent.mkdir(parents=True, exist_ok=True)
    small_corpus(src, 1, "blocked")
    (out / "blocked").write_text("a file where the folder should be")
    _make_unwritable(out / "locked")
    try:
        rep = run_batch([src], out, config(), BatchOptions(executor="local", workers=1, timeout_s=60))
        by = {d["input"]: d for d in rep["documents"]}
        for i in range(2):
            locked = by[f"locked/doc{i:03d}.txt"]
            assert locked["status"] == "failed" and locked["reason_code"] == "permission_denied", locked
            assert by[f"open/doc{i:03d}.txt"]["status"] == "published"
        assert by["blocked/doc000.txt"]["status"] == "failed"
        assert by["blocked/doc000.txt"]["reason_code"] == "write_failed"
        assert list((out / "locked").iterdir()) == []  # nothing half-written
        assert_clean(out)
        for d in rep["documents"]:
            assert ID not in d["reason"] and str(src) not in d["reason"]
    finally:
        _make_writable(out / "locked")
    # once fixed, the next run publishes exactly the failed ones
    (out / "blocked").unlink()
    rep = run_batch([src], out, config(), BatchOptions(executor="local", workers=1, timeout_s=60))
    assert rep["totals"]["published"] == 5 and rep["totals"]["reused"] == 2
    assert verify_chain(out / "audit.jsonl").ok


# --- SIGTERM and a killed worker -------------------------------------------------------------------


def test_sigterm_stops_cleanly_and_the_next_run_resumes(tmp_path):
    """SIGTERM to the whole process group, as a service manager stops a job: the workers
    ignore it, the parent stops scheduling, lets what is in flight finish and closes the run."""
    n = 80
    src = small_corpus(tmp_path / "in", n)
    out = tmp_path / "out"
    cmd = cli(str(src), "--out", str(out), "--workers", "2", faults=True)
    # Each document is held 0.1 s (fault injection), so the run lasts ~4 s however fast the
    # machine is and the stop lands mid-run; without it a fast machine finished all 80 inside
    # the first group commit.
    proc = subprocess.Popen(cmd, env=env(REDACTOR_FAULT_INJECT="slow:.txt"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    wait_for(lambda: manifest_count(out) >= 3)
    os.killpg(proc.pid, signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=120)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    done = report["totals"]["documents"]
    assert report["stopped_early"] is True and 3 <= done < n
    assert proc.returncode == 1 and "resume" in stderr  # not taken for a complete run
    assert report["totals"]["failed"] == 0  # what was in flight was finished, not abandoned
    recs = [json.loads(x) for x in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert recs[-1]["type"] == "run_end" and recs[-1]["stopped"] is True
    assert_clean(out)
    assert ID not in stdout + stderr and PHONE not in stdout + stderr
    res = subprocess.run(cmd, env=env(), capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["published"] == n and report["totals"]["reused"] == done
    assert verify_chain(out / "audit.jsonl").ok


def _workers_of(pid: int) -> list[int]:
    """Worker processes of a run: children running multiprocessing's spawn entry point."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (d / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid and b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            out.append(int(d.name))
    return out


def test_a_killed_worker_fails_its_document_and_the_batch_goes_on(tmp_path):
    src = small_corpus(tmp_path / "in", 10)
    out = tmp_path / "out"
    # doc005 keeps its worker busy (fault injection) so the test knows what the worker holds
    proc = subprocess.Popen(cli(str(src), "--out", str(out), "--workers", "1", "--timeout", "120", faults=True),
                            env=env(REDACTOR_FAULT_INJECT="hang:doc005.txt"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wait_for(lambda: manifest_count(out) >= 5)
    time.sleep(0.3)
    workers = _workers_of(proc.pid)
    assert len(workers) == 1
    os.kill(workers[0], signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr
    by = {d["input"]: d for d in json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"]}
    assert by["doc005.txt"]["status"] == "failed" and by["doc005.txt"]["reason_code"] == "worker_crash"
    assert "-9" in by["doc005.txt"]["reason"]
    assert sum(d["status"] == "published" for d in by.values()) == 9
    assert not (out / "doc005.txt").exists()
    assert_clean(out)
