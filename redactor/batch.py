"""Run the pipeline over trees of documents and leave OUT as the contract describes.

OUT/<relative path>  the published documents (mirroring each input folder)
OUT/audit.jsonl      the hash-chained audit record (appended, run by run)
OUT/report.json      one entry per input plus run totals

Workers are processes that load rules and models once each. Results are written by the
parent in input order, so OUT is the same whatever the number of workers.
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from redactor import __version__
from redactor.audit import AuditLog, now_iso
from redactor.pipeline import DocumentResult, RunConfig, get_analyzer, redact_document
from redactor.readers import SUPPORTED_SUFFIXES

# Files that look like judgments in a format we cannot read: reported as failed, not ignored.
UNSUPPORTED_DOCUMENT_SUFFIXES = (".doc", ".wps", ".rtf", ".odt", ".ofd", ".wpt", ".pages")


@dataclass(frozen=True)
class InputFile:
    path: Path
    rel: str


def iter_inputs(inputs: list[Path], out: Path) -> Iterator[InputFile]:
    """Every document under the inputs, sorted, skipping hidden folders, sidecars and OUT."""
    out = out.resolve()
    seen: set[str] = set()
    for root in inputs:
        root = Path(root)
        if root.is_file():
            cands = [(root, root.name)]
        else:
            cands = []
            for dirpath, dirnames, filenames in os.walk(root):
                dp = Path(dirpath)
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (dp / d).resolve() != out)
                for fn in sorted(filenames):
                    if fn.startswith("."):
                        continue
                    p = dp / fn
                    cands.append((p, p.relative_to(root).as_posix()))
        for p, rel in cands:
            suf = p.suffix.lower()
            if suf in SUPPORTED_SUFFIXES or suf in UNSUPPORTED_DOCUMENT_SUFFIXES:
                if rel in seen:
                    rel = f"{root.name}/{rel}"
                seen.add(rel)
                yield InputFile(p, rel)


_worker_config: RunConfig | None = None
_worker_out: Path | None = None


def _init_worker(config: RunConfig, out: Path) -> None:
    global _worker_config, _worker_out
    _worker_config, _worker_out = config, out
    get_analyzer(config.ner)


def _work(item: InputFile) -> DocumentResult:
    assert _worker_config is not None and _worker_out is not None
    return redact_document(item.path, item.rel, _worker_out, _worker_config)


def run_batch(inputs: list[Path], out: Path, config: RunConfig, workers: int = 1,
              on_result: Callable[[DocumentResult], None] | None = None) -> dict:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    items = list(iter_inputs(inputs, out))
    started = time.time()
    run_id = uuid.uuid4().hex
    results: list[DocumentResult] = []
    with AuditLog(out / "audit.jsonl") as audit:
        audit.append({"type": "run_start", "run_id": run_id, "time": now_iso(), "tool": __version__,
                      "policy": {"profile": config.policy.profile, "version": config.policy.version,
                                 "fingerprint": config.policy.fingerprint},
                      "operator": config.operator, "key_id": config.hmac_key.key_id,
                      "key_source": config.hmac_key.source, "documents": len(items)})
        start_count = audit.count

        def handle(res: DocumentResult) -> None:
            audit.extend(res.audit)
            results.append(res)
            if on_result:
                on_result(res)

        if workers <= 1 or len(items) <= 1:
            _init_worker(config, out)
            for it in items:
                handle(_work(it))
        else:
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config, out)) as ex:
                for res in ex.map(_work, items, chunksize=1):
                    handle(res)
        audit.append({"type": "run_end", "run_id": run_id, "time": now_iso(),
                      "records": audit.count - start_count})
        last_hash = audit.prev

    totals = {s: sum(1 for r in results if r.status == s) for s in ("published", "withheld", "review", "failed")}
    totals["documents"] = len(results)
    report = {
        "tool": {"name": "redactor", "version": __version__},
        "run_id": run_id,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(time.time() - started, 3),
        "policy": {"profile": config.policy.profile, "version": config.policy.version,
                   "fingerprint": config.policy.fingerprint},
        "ner": config.ner,
        "hmac_key": {"id": config.hmac_key.key_id, "source": config.hmac_key.source},
        "audit": {"file": "audit.jsonl", "last_hash": last_hash},
        "totals": totals,
        "documents": [r.report_entry() for r in results],
    }
    tmp = out / ".report.json.tmp"
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, out / "report.json")
    return report


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def is_tty() -> bool:
    return sys.stderr.isatty()
