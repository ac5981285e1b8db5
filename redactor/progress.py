"""Progress for people: a bar on a terminal, plain periodic lines otherwise, a summary table.

Only paths, statuses, counts and rates are printed: never a detected value.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


class ProgressReporter:
    def __init__(self, enabled: bool = True, interval_s: float = 10.0, stream=None):
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.tty = enabled and self.stream.isatty()
        self.interval_s = interval_s
        self.total = 0
        self.done = self.failed = self.reused = 0
        self.t0 = self._t_first = time.time()
        self._last_line = 0.0
        self._bar = None
        self._task = None

    def __enter__(self):
        if self.tty:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("redacting"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]:.1f} docs/s"), TimeRemainingColumn(),
                                 TextColumn("{task.fields[failed]} failed"), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("run", total=None, failed=0, rate=0.0)
        return self

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
        return False

    def set_total(self, n: int) -> None:
        self.total = n
        if self._bar is not None:
            self._bar.update(self._task, total=n)

    def update(self, res, reused: bool = False) -> None:
        self.done += 1
        self.failed += res.status == "failed"
        self.reused += reused
        # The rate counts from the first finished document: start-up (imports, the model in
        # every worker) is paid once and would make the first ETA many times too long.
        now = time.time()
        if self.done == 1:
            self._t_first = now
        rate = (self.done - 1) / max(1e-6, now - self._t_first) if self.done > 1 else 0.0
        if self._bar is not None:
            self._bar.update(self._task, advance=1, failed=self.failed, rate=rate)
        elif self.enabled and time.time() - self._last_line >= self.interval_s:
            self._last_line = time.time()
            left = max(0, self.total - self.done)
            pace = f"{rate:.1f} docs/s, ETA {left / rate:.0f} s" if rate > 0 else "ETA after the next document"
            print(f"redacting: {self.done}/{self.total or '?'} documents, {pace}, {self.failed} failed",
                  file=self.stream, flush=True)

    def summary(self, report: dict, out: Path) -> None:
        out_stream = sys.stdout
        for d in report["documents"]:
            if d["status"] != "published":
                print(f"{d['status']:>9}  {d['input']}  {d['reason']}", file=out_stream)
        t = report["totals"]
        rows = [("documents", t["documents"]), ("published", t["published"]), ("withheld", t["withheld"]),
                ("to review", t["review"]), ("failed", t["failed"]), ("unchanged (skipped)", t.get("reused", 0))]
        width = max(len(r[0]) for r in rows)
        print("", file=out_stream)
        for name, n in rows:
            print(f"  {name:<{width}}  {n:>6}", file=out_stream)
        print(f"  {'seconds':<{width}}  {report['seconds']:>6}", file=out_stream)
        print(f"output: {out}  (report.json, audit.jsonl)", file=out_stream)
