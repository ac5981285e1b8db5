"""Everything that shows original values is written 0600 (issue 16): the `redact diff` page
too, even under a permissive umask and over an existing world-readable file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "corpus_samples"


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_diff_page_is_owner_only(tmp_path):
    page = tmp_path / "diff.html"
    page.write_text("old", encoding="utf-8")
    page.chmod(0o644)  # an earlier page left world-readable is replaced, not reused
    src = SAMPLES / "civil_loan.txt"
    proc = subprocess.run([sys.executable, "-c", "import os, sys; os.umask(0); from redactor.cli import app; "
                           "sys.argv = ['redact'] + sys.argv[1:]; app()",
                           "diff", str(src), str(src), "-o", str(page)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _mode(page) == 0o600 and "civil_loan.txt" in page.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["diff.html"]  # no temporary file left


def test_write_private_text_under_a_zero_umask(tmp_path):
    from redactor.private_files import write_private_text

    old = os.umask(0)
    try:
        write_private_text(tmp_path / "page.html", "原告张伟")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "page.html") == 0o600
