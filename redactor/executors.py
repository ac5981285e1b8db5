"""Where documents run: in this process, in local worker processes, or on a Dask cluster.

Every executor streams: at most a few documents per worker are in flight, so memory stays
bounded whatever the corpus size. Results come back to the parent, which alone writes the
audit chain, the manifest and the report, so every executor leaves the same OUT. Each output
is fsynced where it is written; the folders it is renamed into are fsynced by the parent once
per group commit (``redact_document(..., sync_folder=False)``, redactor/batch.py says why).

- ``inline``: this process, no isolation (debugging, tests of the pipeline itself).
- ``local``: worker processes (pebble): each loads rules and models once; a document that
  crashes its worker or runs past the time limit is failed and the worker replaced.
- ``dask``: a Dask distributed cluster (``--scheduler tcp://HOST:PORT``); workers read the
  inputs and write OUT through a path they all share.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, TimeoutError as FutureTimeout, wait
from pathlib import Path
from typing import Callable

from redactor.pipeline import DocumentResult, RunConfig, get_analyzer, redact_document

DASK_CONNECT_TIMEOUT_S = float(os.environ.get("REDACTOR_DASK_CONNECT_TIMEOUT", "5"))
# How long the first local worker may take to import and load the rules and the model (a few
# seconds on an idle machine, far longer on a loaded one; not the per-document limit).
WORKER_START_TIMEOUT_S = 600.0

Handle = Callable[[object, str, DocumentResult], None]

_config: RunConfig | None = None
_out: Path | None = None
# Why this process could not load the rules or the model ("" when it could): the executor
# asks a fresh worker before any document runs and stops the run with it (ConfigurationError).
_load_problem = ""


class ConfigurationError(RuntimeError):
    """The rule packs or the NER backend cannot be loaded: nothing can run."""


def load_detection(ner: str | None, admin_dictionary: bool = True) -> str:
    """Load the NER model and the rule packs, once per process; "" or why they cannot be
    loaded (the file and the problem, never a document's text). Where documents run, not in
    the parent process: the parent of a local run imports neither Presidio nor spaCy."""
    if ner:
        try:
            from redactor.ner_backends import get_backend

            get_backend(ner)
        except Exception as exc:
            return f"cannot load the NER backend {ner!r}: {type(exc).__name__}: {exc}"
    try:
        get_analyzer(ner, admin_dictionary)  # the rule packs (the model is already loaded)
    except Exception as exc:
        return f"cannot load the rule packs: {exc}"
    return ""


def _init_worker(config: RunConfig, out: Path, memory_mb: int = 0) -> None:
    """Runs once per worker process: limits, then rules and models loaded once."""
    global _config, _out, _load_problem
    from redactor.logs import quiet_libraries

    quiet_libraries()
    # A service manager stops a run by sending SIGTERM to the whole process group: the parent
    # alone decides (it stops scheduling and lets the documents in flight finish), so a worker
    # is not cut off in the middle of one. The pool still stops a worker that overruns the
    # time limit: SIGTERM, then SIGKILL after a short grace.
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _config, _out = config, out
    _load_problem = load_detection(config.ner, config.admin_dictionary)


def _load_problem_of_worker() -> str:
    """The first task of a local pool: did its worker load the rules and the model?"""
    return _load_problem


def _work(path: Path, rel: str) -> DocumentResult:
    """What a local worker runs on one document. The isolation tests put a function of their
    own in its place (tests/helpers/fault_injection.py) to crash, hang or slow a worker; the product
    itself has no such switch."""
    assert _config is not None and _out is not None
    if _load_problem:  # a replacement worker that could not load them: nothing is published
        return _failed(rel, "the worker cannot load the rule packs or the NER model", "worker_error")
    return redact_document(path, rel, _out, _config, sync_folder=False)  # the batch fsyncs the folders


def _failed(rel: str, reason: str, code: str) -> DocumentResult:
    return DocumentResult(input=rel, status="failed", reason=reason, reason_code=code)


class InlineExecutor:
    def __init__(self, config: RunConfig, out: Path):
        self.config, self.out = config, out

    def __enter__(self):
        _init_worker(self.config, self.out)
        if _load_problem:
            raise ConfigurationError(_load_problem)
        return self

    def __exit__(self, *exc):
        return False

    def run(self, todo, handle: Handle, should_stop=lambda: False, tick=None) -> None:
        for item, sha in todo:
            if should_stop():
                break
            handle(item, sha, redact_document(item.path, item.rel, self.out, self.config, sync_folder=False))


class LocalExecutor:
    def __init__(self, config: RunConfig, out: Path, workers: int, timeout_s: float, memory_mb: int):
        self.config, self.out = config, out
        self.workers, self.timeout_s, self.memory_mb = max(1, workers), timeout_s, memory_mb
        self.pool = None

    def __enter__(self):
        from pebble import ProcessPool

        # spawn, not fork: the parent may hold ONNX Runtime threads, and forking a process
        # with live threads can deadlock the child.
        self.pool = ProcessPool(max_workers=self.workers, initializer=_init_worker,
                                initargs=(self.config, self.out, self.memory_mb),
                                context=multiprocessing.get_context("spawn"))
        # A broken rule pack or model stops the run here, before OUT exists and before any
        # document runs; the first worker loads them anyway, so asking it costs nothing.
        try:
            problem = self.pool.schedule(_load_problem_of_worker).result(timeout=WORKER_START_TIMEOUT_S)
        except Exception as exc:
            self.__exit__()
            raise ConfigurationError(f"the first worker did not start ({type(exc).__name__})") from exc
        if problem:
            self.__exit__()
            raise ConfigurationError(problem)
        return self

    def __exit__(self, *exc):
        self.pool.close()
        self.pool.join()
        return False

    def run(self, todo, handle: Handle, should_stop=lambda: False, tick=None) -> None:
        from pebble import ProcessExpired

        pending: dict = {}
        it = iter(todo)
        limit = self.workers * 2

        def submit_more():
            while len(pending) < limit and not should_stop():
                try:
                    item, sha = next(it)
                except StopIteration:
                    return
                try:
                    fut = self.pool.schedule(_work, args=(item.path, item.rel), timeout=self.timeout_s or None)
                except RuntimeError:
                    # The pool itself is broken (a worker could not start): every document
                    # left fails with the reason; the run still closes its audit and report.
                    handle(item, sha, _failed(item.rel, "the worker pool failed to start", "pool_error"))
                    continue
                pending[fut] = (item, sha)

        submit_more()
        while pending:
            # Wake up at least every half second even while a document runs long, so the
            # batch can commit what is already done (``tick``).
            done, _ = wait(list(pending), timeout=0.5, return_when=FIRST_COMPLETED)
            if tick:
                tick()
            for fut in done:
                item, sha = pending.pop(fut)
                try:
                    res = fut.result()
                except FutureTimeout:
                    res = _failed(item.rel, f"took longer than the {self.timeout_s:g} s limit per document",
                                  "timeout")
                except ProcessExpired as exc:
                    res = _failed(item.rel, f"the worker process died (exit code {exc.exitcode})", "worker_crash")
                except MemoryError:
                    res = _failed(item.rel, "exceeded the memory limit per worker", "memory_limit")
                except Exception as exc:  # never echo document content
                    res = _failed(item.rel, f"worker error ({type(exc).__name__})", "worker_error")
                if res.status == "failed":
                    _remove_partial(self.out, item.rel)
                handle(item, sha, res)
            submit_more()


def _remove_partial(out: Path, rel: str) -> None:
    dest = out / rel
    for p in dest.parent.glob(f".{dest.name}.*.tmp") if dest.parent.exists() else []:
        try:
            p.unlink()
        except OSError:
            pass


def _dask_task(path: str, rel: str, out: str, config: RunConfig) -> DocumentResult:
    """Runs on a Dask worker; the analyzer is cached in the worker process (get_analyzer)."""
    return redact_document(Path(path), rel, Path(out), config, sync_folder=False)


class DaskExecutor:
    def __init__(self, config: RunConfig, out: Path, scheduler: str, workers: int):
        self.config, self.out, self.scheduler, self.workers = config, out, scheduler, workers
        self.client = None

    def __enter__(self):
        from distributed import Client

        # A scheduler that cannot be reached stops the run quickly, before OUT exists.
        self.client = Client(self.scheduler, timeout=f"{DASK_CONNECT_TIMEOUT_S}s")
        return self

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        return False

    def run(self, todo, handle: Handle, should_stop=lambda: False, tick=None) -> None:
        from distributed import as_completed

        n_workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        limit = max(2, n_workers * 4)
        it = iter(todo)
        meta: dict = {}
        ac = as_completed()

        def submit_one() -> bool:
            try:
                item, sha = next(it)
            except StopIteration:
                return False
            fut = self.client.submit(_dask_task, str(item.path.resolve()), item.rel, str(self.out.resolve()),
                                     self.config, pure=False)
            meta[fut.key] = (item, sha)
            ac.add(fut)
            return True

        for _ in range(limit):
            if not submit_one():
                break
        for fut in ac:
            item, sha = meta.pop(fut.key)
            try:
                res = fut.result()
            except Exception as exc:
                res = _failed(item.rel, f"worker error ({type(exc).__name__})", "worker_error")
            handle(item, sha, res)
            fut.release()
            if not should_stop():
                submit_one()


def make_executor(options, config: RunConfig, out: Path):
    if options.executor == "dask":
        if not options.scheduler:
            raise ValueError("--executor dask needs --scheduler tcp://HOST:PORT")
        return DaskExecutor(config, out, options.scheduler, options.workers)
    if options.executor == "inline":
        return InlineExecutor(config, out)
    return LocalExecutor(config, out, options.workers, options.timeout_s, options.memory_mb)
