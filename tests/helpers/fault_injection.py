"""Fault injection for the isolation tests: crash, hang or slow down a real worker process.

Test-only, on purpose: the product has no switch that makes its workers misbehave, so an
environment variable left set on a court's server does nothing. A test turns faults on in
one of two ways, and only then is ``REDACTOR_FAULT_INJECT`` read:

- in the test's own process (``run_batch`` with the local executor): ``install(monkeypatch)``
  replaces the function a local worker runs on one document (``redactor.executors._work``)
  by ``faulty_work``; the spawned workers receive it by name and import it from here;
- a ``redact`` command in a subprocess: ``python -m tests.helpers.fault_injection run ...`` (the
  arguments of ``redact``) installs it and then runs the command line.

``REDACTOR_FAULT_INJECT="crash:NAME,hang:NAME,slow:NAME"`` picks the documents whose path
ends with NAME: ``crash`` ends the worker process (exit code 70), ``hang`` sleeps an hour
(the per-document time limit ends it), ``slow`` holds the document 0.1 s.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from redactor import executors

FAULT_ENV = "REDACTOR_FAULT_INJECT"
_real_work = executors._work  # taken before install() replaces it


def faulty_work(path: Path, rel: str):
    """The worker's job on one document, after the fault the environment names for it."""
    for part in os.environ.get(FAULT_ENV, "").split(","):
        kind, _, name = part.partition(":")
        if name and rel.endswith(name):
            if kind == "crash":
                os._exit(70)
            if kind == "hang":
                time.sleep(3600)
            if kind == "slow":
                time.sleep(0.1)
    return _real_work(path, rel)


def install(monkeypatch=None) -> None:
    """Local workers run ``faulty_work`` from now on (undone with the test's monkeypatch)."""
    if monkeypatch is not None:
        monkeypatch.setattr(executors, "_work", faulty_work)
    else:
        executors._work = faulty_work


def command(*args: str) -> list[str]:
    """``redact ARGS...`` as a subprocess whose workers honour ``REDACTOR_FAULT_INJECT``."""
    return [sys.executable, "-m", "tests.helpers.fault_injection", *args]


if __name__ == "__main__":
    # Installed from the module under its own name (not this __main__ copy), so the workers
    # unpickle tests.helpers.fault_injection.faulty_work.
    from tests.helpers import fault_injection

    fault_injection.install()
    from redactor.cli import app

    sys.exit(app())
