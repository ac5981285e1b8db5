"""Run the pipeline over trees of documents and leave OUT as the contract describes.

OUT/<relative path>        the published documents (mirroring each input folder)
OUT/audit.jsonl            the hash-chained audit record (appended, run by run)
OUT/report.json            one entry per input plus run totals
OUT/.redactor/manifest.sqlite  what was done to each input (resume, incremental reruns)
OUT/.redactor/lock         held while a run writes OUT

The batch layer wraps the per-document pipeline and never reaches inside it. Documents
are streamed (a bounded number in flight), each worker process loads rules and models
once, and a document that crashes its worker, hangs past the time limit or exhausts the
memory limit ends as ``failed`` with the reason while the batch goes on.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import stat
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

from redactor import __version__
from redactor.audit import AuditLog, failed_record, now_iso
from redactor.review_decisions import document_fingerprint
from redactor.executors import ConfigurationError, make_executor  # noqa: F401  (ConfigurationError: for callers)
from redactor.manifest import Manifest
from redactor.out_guard import UnsafeOut, check_out  # noqa: F401  (UnsafeOut: for callers)
from redactor.pipeline import DocumentResult, RunConfig, file_sha256, fsync_dir
from redactor.formats import SUPPORTED_SUFFIXES
from redactor.formats.legacy import published_rel

# Files that look like judgments in a format we cannot read: reported as failed, not ignored.
UNSUPPORTED_DOCUMENT_SUFFIXES = (".wpt", ".pages")
STATE_DIR = ".redactor"
COMMIT_EVERY_S = 0.5
COMMIT_EVERY_DOCS = 64


class OutLocked(RuntimeError):
    """Another run is writing the same OUT."""


def preflight(config: RunConfig, executor: str = "local") -> None:
    """Stop a run that cannot work with a clear error before anything is written: an unknown
    NER backend here; a broken rule file or model where they are loaded anyway (a local
    executor's first worker, the inline executor: redactor/executors.py), so that the parent
    of a local run never imports Presidio and spaCy. A Dask cluster's workers are elsewhere:
    the rules are loaded here, once, for them."""
    from redactor.ner_backends import available_backends

    if config.ner and config.ner not in available_backends():
        raise ConfigurationError(f"unknown NER backend {config.ner!r} (known: {', '.join(available_backends())})")
    if executor == "dask":
        from redactor.recognizers import load_rule_recognizers

        try:
            load_rule_recognizers()
        except Exception as exc:
            raise ConfigurationError(f"cannot load the rule packs: {exc}") from exc


@dataclass(frozen=True)
class InputFile:
    path: Path
    rel: str
    # Why this input cannot be read at all (an unreadable folder, a broken link, a FIFO):
    # it is reported as failed with this reason instead of being skipped silently.
    problem: str = ""
    problem_code: str = ""


@dataclass
class BatchOptions:
    workers: int = 1
    executor: str = "local"  # local | dask
    scheduler: str | None = None  # dask scheduler address
    timeout_s: float = 600.0  # per document
    memory_mb: int = 0  # per worker address-space limit; 0 = none
    force: bool = False  # redo everything, ignoring the manifest


_FOLDER_PROBLEMS = ("unreadable_folder", "folder_link")  # reported whatever the folder is called


def iter_inputs(inputs: list[Path], out: Path) -> Iterator[InputFile]:
    """Every document under the inputs, sorted, skipping hidden folders, sidecars and OUT.

    Every input is accounted for: a folder that cannot be listed, a link that leads nowhere
    or to a folder, and a document name that is not a regular file (a FIFO, a device) come
    back with ``problem`` set, to be reported as failed, never skipped in silence."""
    out = Path(out).resolve()
    seen: set[str] = set()
    published: dict[str, str] = {}  # OUT/<name> -> the input that writes it
    for root in inputs:
        root = Path(root)
        if root.is_file() or not root.is_dir():
            cands: Iterator[InputFile] = iter([_classify(root, root.name)])
        else:
            cands = _walk(root, out)
        for item in cands:
            if item.path.name.lower().endswith(".denylist.txt"):
                continue  # a clerk's trade-secret deny list, never a judgment to publish
            suf = item.path.suffix.lower()
            if item.problem_code in _FOLDER_PROBLEMS or suf in SUPPORTED_SUFFIXES \
                    or suf in UNSUPPORTED_DOCUMENT_SUFFIXES:
                rel = item.rel
                if rel in seen:
                    rel = f"{root.name}/{rel}"
                seen.add(rel)
                # a.doc is published as a.doc.docx: beside an input a.doc.docx both would write
                # the same file, and one published document would be the other's.
                pub = published_rel(rel)
                if pub in published and not item.problem:
                    yield InputFile(item.path, rel, f"it would be published as {pub}, which the input "
                                    f"{published[pub]} also writes (rename one of them)", "output_collision")
                    continue
                published.setdefault(pub, rel)
                yield InputFile(item.path, rel, item.problem, item.problem_code)


def _classify(p: Path, rel: str) -> InputFile:
    """An input file, with the reason it cannot be read when it is not a regular file."""
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if os.path.islink(p):
            return InputFile(p, rel, "a broken symbolic link (its target does not exist)", "broken_link")
        return InputFile(p, rel, "the file disappeared before it was read", "io_error")
    except OSError as exc:
        return InputFile(p, rel, f"cannot read the file ({type(exc).__name__})", "io_error")
    if stat.S_ISDIR(st.st_mode):
        return InputFile(p, rel, "a symbolic link to a folder (not followed: pass the folder itself)",
                         "folder_link")
    if not stat.S_ISREG(st.st_mode):
        return InputFile(p, rel, f"not a regular file ({_file_kind(st.st_mode)})", "special_file")
    return InputFile(p, rel)


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "a special file"


def _walk(root: Path, out: Path) -> Iterator[InputFile]:
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            yield _unreadable_folder(root, errors.pop())
        dp = Path(dirpath)
        links = [d for d in dirnames if not d.startswith(".") and (dp / d).is_symlink() and (dp / d).resolve() != out]
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (dp / d).resolve() != out)
        for fn in sorted(filenames + links):
            if not fn.startswith("."):
                p = dp / fn
                yield _classify(p, p.relative_to(root).as_posix())
    while errors:
        yield _unreadable_folder(root, errors.pop())


def _unreadable_folder(root: Path, exc: OSError) -> InputFile:
    p = Path(exc.filename) if exc.filename else root
    try:
        rel = p.relative_to(root).as_posix()
    except ValueError:
        rel = p.name
    return InputFile(p, rel if rel != "." else root.name,
                     f"cannot read the folder ({type(exc).__name__}): its documents are not processed",
                     "unreadable_folder")


def run_fingerprint(config: RunConfig) -> str:
    """What, besides the input bytes, decides the output: policy, model, tool version, and a
    full verify (``--verify full`` must re-check documents a sampled run already published)."""
    from redactor.pipeline import model_version

    parts = [config.policy.fingerprint, model_version(config.ner), __version__]
    if getattr(config, "verify", "sampled") == "full":
        parts.append("verify:full")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class _Lock:
    def __init__(self, path: Path):
        self.path = path
        self.fh = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            raise OutLocked(f"another redact run is writing {self.path.parent.parent}; wait for it to finish")
        self.fh.truncate(0)
        self.fh.write(f"{os.getpid()}\n")
        self.fh.flush()
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fh.fileno(), fcntl.LOCK_UN)
        self.fh.close()


def out_lock(out: Path) -> _Lock:
    """The lock a run holds on its output folder (others that append to its audit take it too)."""
    return _Lock(Path(out) / STATE_DIR / "lock")


def _clean_partial_outputs(out: Path) -> None:
    """Temporary files a killed run left behind are never published."""
    for dirpath, _, filenames in os.walk(out):
        for fn in filenames:
            if fn.startswith(".") and fn.endswith(".tmp"):
                try:
                    os.unlink(os.path.join(dirpath, fn))
                except OSError:
                    pass


def run_batch(inputs: list[Path], out: Path, config: RunConfig, options: BatchOptions | None = None,
              on_result: Callable[[DocumentResult, bool], None] | None = None,
              on_total: Callable[[int], None] | None = None) -> dict:
    """Redact every input into OUT; returns the report (also written to OUT/report.json).

    Raises UnsafeOut (OUT overlaps the inputs), ConfigurationError (rules, model or
    executor cannot start) or OutLocked before anything is written: a run that cannot start
    leaves no OUT behind."""
    options = options or BatchOptions()
    out = Path(out)
    items = list(iter_inputs(inputs, out))
    check_out(inputs, out, [(i.path, published_rel(i.rel)) for i in items], SUPPORTED_SUFFIXES + UNSUPPORTED_DOCUMENT_SUFFIXES,
              STATE_DIR)
    preflight(config, options.executor)
    # No more local workers than documents: each one loads the rules and the model (about
    # 1.5 CPU s), which a clerk redacting one file would wait for twice on two cores.
    readable = sum(1 for i in items if not i.problem)
    if options.executor == "local" and options.workers > max(1, readable):
        options = replace(options, workers=max(1, readable))
    # The executor starts (a Dask scheduler is reached, worker processes spawn) before OUT
    # is created: one that cannot start stops the run with nothing written.
    with _started(make_executor(options, config, out)) as ex:
        out.mkdir(parents=True, exist_ok=True)
        state = out / STATE_DIR
        with out_lock(out):
            return _run_locked(inputs, items, out, state, config, options, on_result, on_total, ex)


@contextmanager
def _started(executor):
    """Enter an executor; a failure to start is a ConfigurationError naming what failed."""
    try:
        ex = executor.__enter__()
    except ConfigurationError:
        raise
    except Exception as exc:
        kind = type(executor).__name__.removesuffix("Executor").lower()
        raise ConfigurationError(f"the {kind} executor cannot start ({type(exc).__name__}: {exc})") from exc
    try:
        yield ex
    finally:
        executor.__exit__(None, None, None)


def _run_locked(inputs, items, out, state, config, options, on_result, on_total, executor) -> dict:
    _clean_partial_outputs(out)
    started = time.time()
    run_id = uuid.uuid4().hex
    fingerprint = run_fingerprint(config)
    manifest = Manifest(state / "manifest.sqlite")
    entries: dict[str, dict] = {}
    stop = {"flag": False}

    def on_sigterm(signum, frame):  # stop cleanly: finish what is in flight, close the chain
        stop["flag"] = True

    old_handler = signal.signal(signal.SIGTERM, on_sigterm) if _main_thread() else None
    try:
        with AuditLog(out / "audit.jsonl", config.hmac_key) as audit:
            audit.close_interrupted_run()
            audit.append({"type": "run_start", "run_id": run_id, "time": now_iso(), "tool": __version__,
                          "policy": {"profile": config.policy.profile, "version": config.policy.version,
                                     "fingerprint": config.policy.fingerprint},
                          "fingerprint": fingerprint, "operator": config.operator,
                          "key_id": config.hmac_key.key_id, "key_source": config.hmac_key.source,
                          "encrypted_originals": ({"key_id": config.reveal_key.key_id}
                                                  if config.reveal_key is not None else None),
                          "decisions": _decisions_ref(config)})
            start_count = audit.count
            todo: list[tuple[InputFile, str]] = []
            doc_fps: dict[str, str] = {}
            for item in items:
                if item.problem:
                    res = DocumentResult(item.rel, "failed", item.problem, item.problem_code)
                    audit.append(failed_record(item.rel, "", res, config))
                    entries[item.rel] = res.report_entry()
                    if on_result:
                        on_result(res, False)
                    continue
                try:
                    sha = file_sha256(item.path)
                except OSError as exc:
                    res = DocumentResult(item.rel, "failed", f"cannot read the file ({type(exc).__name__})",
                                         "io_error")
                    entries[item.rel] = res.report_entry()
                    if on_result:
                        on_result(res, False)
                    continue
                row = None if options.force else manifest.get(item.rel)
                doc_fp = _doc_fingerprint(fingerprint, config, item)
                if row and row.sha256 == sha and row.fingerprint == doc_fp and row.status != "failed" \
                        and _output_intact(out, row):
                    entries[item.rel] = dict(row.entry, reused=True)
                    if on_result:
                        on_result(_result_from_entry(row.entry), True)
                    continue
                # The fingerprint taken here, before the document is read, is the one its
                # manifest row records: a deny list or decision changed while it runs then
                # differs on the next run, which redoes it (taken after, it could record a
                # list the output was not made with).
                doc_fps[item.rel] = doc_fp
                todo.append((item, sha))
            if on_total:
                on_total(len(todo) + len(entries))

            # Group commit, at most every COMMIT_EVERY_S seconds or COMMIT_EVERY_DOCS
            # documents: the audit records of the documents done since the last commit are
            # flushed and fsynced, the folders their outputs were renamed into are fsynced,
            # then their manifest rows are committed in one transaction. Why this is safe:
            # every output was fsynced before its rename (pipeline.redact_document), so a
            # published name holds a complete, verified file whether or not the rename
            # itself reached the disk; and the manifest marks a document done only after its
            # rename and its audit records are on disk. A crash (killed process, power loss)
            # between two commits loses at most that window: the documents without a row are
            # redone by the next run (same bytes, renamed over atomically), the audit's
            # unterminated tail is cut and the open run closed (AuditLog). One folder fsync
            # per commit replaces one per document.
            pending: list[tuple] = []
            last_commit = [time.monotonic()]

            def commit() -> None:
                if pending:
                    audit.sync()
                    for folder in _output_folders(out, pending):
                        fsync_dir(folder)
                    manifest.put_many(pending)
                    pending.clear()
                last_commit[0] = time.monotonic()

            def tick() -> None:
                if pending and time.monotonic() - last_commit[0] >= COMMIT_EVERY_S:
                    commit()

            def handle(item: InputFile, sha: str, res: DocumentResult) -> None:
                # A document that failed (unreadable, timed out, its worker died) is in the
                # chain too, with its reason: the audit accounts for every input of the run.
                audit.extend(res.audit or ([failed_record(item.rel, sha, res, config)] if res.status == "failed" else []))
                entry = res.report_entry()
                entries[item.rel] = entry
                out_sha = res.output_sha256 or (file_sha256(out / res.output) if res.output else None)
                doc_fp = doc_fps.pop(item.rel, None) or _doc_fingerprint(fingerprint, config, item)
                pending.append((item.rel, sha, doc_fp, res.status, res.output, out_sha, entry, now_iso()))
                if time.monotonic() - last_commit[0] >= COMMIT_EVERY_S or len(pending) >= COMMIT_EVERY_DOCS:
                    commit()
                if on_result:
                    on_result(res, False)

            try:
                executor.run(todo, handle, should_stop=lambda: stop["flag"], tick=tick)
            finally:
                commit()
            audit.append({"type": "run_end", "run_id": run_id, "time": now_iso(),
                          "records": audit.count - start_count, "stopped": stop["flag"]})
            last_hash = audit.prev
    finally:
        manifest.close()
        if old_handler is not None:
            signal.signal(signal.SIGTERM, old_handler)

    docs = [entries[k] for k in sorted(entries)]
    totals = {s: sum(1 for d in docs if d["status"] == s) for s in ("published", "withheld", "review", "failed")}
    totals["documents"] = len(docs)
    totals["reused"] = sum(1 for d in docs if d.get("reused"))
    report = {
        "tool": {"name": "redactor", "version": __version__},
        "run_id": run_id,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(time.time() - started, 3),
        "stopped_early": stop["flag"],
        "policy": {"profile": config.policy.profile, "version": config.policy.version,
                   "fingerprint": config.policy.fingerprint},
        "ner": config.ner,
        "fingerprint": fingerprint,
        "inputs": [str(Path(p).resolve()) for p in inputs],
        "decisions": _decisions_ref(config),
        "hmac_key": {"id": config.hmac_key.key_id, "source": config.hmac_key.source},
        "audit": {"file": "audit.jsonl", "last_hash": last_hash},
        "totals": totals,
        "documents": docs,
    }
    tmp = out / ".report.json.tmp"
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, out / "report.json")
    return report


def _doc_fingerprint(fingerprint: str, config: RunConfig, item: InputFile) -> str:
    """The run fingerprint plus what applies to this document only: reviewer decisions and
    the clerk's deny lists. A change in either redoes just this document."""
    from redactor.denylist import denylist_fingerprint

    fp = document_fingerprint(fingerprint, config.decisions, item.rel)
    deny = denylist_fingerprint(item.path, config.denylist_dir, item.rel)
    return hashlib.sha256(f"{fp}|{deny}".encode()).hexdigest()[:16] if deny else fp


def _output_folders(out: Path, rows: list[tuple]) -> list[Path]:
    """The folders the documents of ``rows`` were published into (or had a stale copy removed
    from), with the folders above them up to OUT (a subfolder created for them is an entry of
    its parent): each once, deepest first."""
    folders: set[str] = set()
    root = os.fspath(out)
    for row in rows:
        folder = os.path.dirname(os.path.join(root, row[4] or published_rel(row[0])))
        while folder not in folders and len(folder) >= len(root):
            folders.add(folder)
            if folder == root:
                break
            folder = os.path.dirname(folder)
    return [Path(f) for f in sorted(folders, key=len, reverse=True)]


def _decisions_ref(config: RunConfig) -> dict | None:
    """Which reviewer decisions file the run applied (its path and hash, never its content)."""
    d = config.decisions
    return {"file": d.source, "sha256": d.sha256, "decisions": len(d.decisions)} if d is not None else None


def _output_intact(out: Path, row) -> bool:
    if row.status != "published":
        return True
    p = out / row.output
    return p.is_file() and file_sha256(p) == row.output_sha256


def _result_from_entry(entry: dict) -> DocumentResult:
    return DocumentResult(input=entry["input"], status=entry["status"], reason=entry.get("reason", ""))


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
