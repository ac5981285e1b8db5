"""The plain progress lines (no terminal): the pace counts from the first finished document,
so the start-up a run pays once does not make the first ETA many times too long."""

from __future__ import annotations

import io
import re
import time
from types import SimpleNamespace

from redactor.progress import ProgressReporter


def test_first_line_has_no_eta_and_later_ones_leave_start_up_out():
    stream = io.StringIO()
    with ProgressReporter(enabled=True, interval_s=0.0, stream=stream) as p:
        p.set_total(40)
        time.sleep(0.5)  # start-up: imports and models
        ok = SimpleNamespace(status="published")
        p.update(ok)
        for _ in range(3):
            time.sleep(0.02)
            p.update(ok)
        p.update(SimpleNamespace(status="failed"))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "redacting: 1/40 documents, ETA after the next document, 0 failed"
    rate = float(re.search(r"([\d.]+) docs/s", lines[-1]).group(1))
    assert rate > 10, lines  # about 50/s; counted from t0 it would be under 10
    assert lines[-1].startswith("redacting: 5/40 documents") and lines[-1].endswith("1 failed")
