"""What the README says about the audit of a Dask run: the same records as a local run's,
document by document, with each document's records together and in the same order; only the
order of the documents (the order they finished in) and the per-run fields differ."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redactor.audit import verify_chain
from redactor.batch import BatchOptions, run_batch

from tests.helpers.batch_corpus import config, make_corpus

distributed = pytest.importorskip("distributed")

# Fields that differ between any two runs, local or not: when, which run, and the chain itself.
PER_RUN = ("time", "prev", "hash", "seal", "run_id")


def _blocks(path: Path) -> tuple[list[dict], list[tuple[str, ...]]]:
    """(run records, one block per document): a document's records end with its document record."""
    runs, blocks, current = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = {k: v for k, v in json.loads(line).items() if k not in PER_RUN}
        if rec["type"] in ("run_start", "run_end"):
            assert not current, "a run record inside a document's records"
            runs.append(rec)
            continue
        current.append(json.dumps(rec, sort_keys=True, ensure_ascii=False))
        if rec["type"] == "document":
            blocks.append(tuple(current))
            current = []
    assert not current
    return runs, blocks


def test_a_dask_runs_audit_has_the_local_records_in_per_document_blocks(tmp_path):
    src = make_corpus(tmp_path / "in", 6)
    run_batch([src], tmp_path / "local", config(), BatchOptions(executor="inline"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        run_batch([src], tmp_path / "dask", config(),
                  BatchOptions(executor="dask", scheduler=cluster.scheduler_address))
    local_runs, local = _blocks(tmp_path / "local" / "audit.jsonl")
    dask_runs, remote = _blocks(tmp_path / "dask" / "audit.jsonl")
    assert len(local) == 6 and sorted(local) == sorted(remote)
    # Every document's block is whole: its span records, then its document record.
    for block in remote:
        docs = {json.loads(r).get("document") for r in block}
        assert len(docs) == 1
    # A one-process run writes the documents in input order; a cluster in the order they finish.
    inputs = [json.loads(b[-1])["input"] for b in local]
    assert inputs == sorted(inputs)
    assert local_runs == dask_runs  # run_start and run_end are the same, but for time and run id
    assert verify_chain(tmp_path / "dask" / "audit.jsonl").ok
