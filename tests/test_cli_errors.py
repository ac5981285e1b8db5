"""No traceback for a user's mistake anywhere in the CLI (issue 16): one `error:` line,
exit 2, nothing written; the traceback only with REDACTOR_DEBUG=1. Real commands in real
subprocesses."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "corpus_samples"


def _redact(args, cwd: Path, env_extra=None, timeout=300):
    env = dict(os.environ, **(env_extra or {}))
    env.pop("REDACTOR_DEBUG", None) if not (env_extra or {}).get("REDACTOR_DEBUG") else None
    return subprocess.run([sys.executable, "-m", "redactor.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def _one_error_line(proc) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("warning:")]
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr + proc.stdout
    return lines[0]


@pytest.fixture
def work(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLES / "civil_loan.txt", tmp_path / "in")
    (tmp_path / "bad.yaml").write_text("extends: strict\npersons: {roles: [\n", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- strict\n- spc2016\n", encoding="utf-8")
    (tmp_path / "decisions.yaml").write_text("decisions: [\n", encoding="utf-8")
    return tmp_path


CASES = {
    "bad_yaml_policy": (["run", "in", "--out", "out", "--policy", "bad.yaml"], "not valid YAML"),
    "list_policy": (["run", "in", "--out", "out", "--policy", "list.yaml"], "not a list"),
    "bad_decisions": (["run", "in", "--out", "out", "--decisions", "decisions.yaml"], "decisions"),
    "negative_workers": (["run", "in", "--out", "out", "--workers", "-3"], "--workers"),
    "scheduler_without_dask": (["run", "in", "--out", "out", "--scheduler", "tcp://127.0.0.1:9"], "--scheduler"),
    "missing_denylist_dir": (["run", "in", "--out", "out", "--denylist-dir", "nowhere"], "--denylist-dir"),
    "audit_verify_a_folder": (["audit", "verify", "in"], "is a folder"),
    "detect_bad_policy": (["detect", "in/civil_loan.txt", "--policy", "list.yaml"], "not a list"),
    # Click's own usage errors: one line too, not a usage line and a boxed message
    "unknown_option": (["run", "in", "--out", "out", "--polcy", "strict"], "No such option: --polcy"),
    "unknown_command": (["rnu", "in"], "No such command 'rnu'"),
    "missing_inputs": (["run"], "Missing argument"),
    "bad_int": (["run", "in", "--out", "out", "--workers", "two"], "--workers"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_user_mistake_is_one_error_line_and_exit_2(work, case):
    args, words = CASES[case]
    line = _one_error_line(_redact([*args, "--ner", "none"] if args[0] in ("run", "detect") else args, work))
    assert words in line
    assert not (work / "out").exists()


def test_unreachable_dask_scheduler_fails_fast_and_leaves_no_out(work):
    pytest.importorskip("distributed")
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = _redact(["run", "in", "--out", "out", "--ner", "none", "--executor", "dask",
                    "--scheduler", f"tcp://127.0.0.1:{port}"], work, timeout=120)
    assert "Timed out" in _one_error_line(proc) or "connect" in _one_error_line(proc)
    assert not (work / "out").exists()


def test_port_in_use_is_one_line_and_the_traceback_only_with_debug(work):
    run = _redact(["run", "in", "--out", "out", "--ner", "none"], work)
    assert run.returncode == 0, run.stderr[-2000:]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = str(s.getsockname()[1])
        line = _one_error_line(_redact(["serve", "out", "--port", port, "--ner", "none"], work, timeout=120))
        assert "already in use" in line
        assert not list(work.rglob("*.html")), "pages were built before the port was found taken"
        debug = _redact(["serve", "out", "--port", port, "--ner", "none"], work, {"REDACTOR_DEBUG": "1"}, timeout=120)
        assert debug.returncode != 0 and "Traceback" in debug.stderr
