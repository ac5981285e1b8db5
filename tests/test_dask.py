"""Scale-out: the same job on a real local Dask cluster (scheduler + worker processes)
leaves the same published files, report statuses and a verifying audit chain."""

from __future__ import annotations

import pytest

from redactor.audit import verify_chain
from redactor.batch import BatchOptions, run_batch

from tests.helpers.batch_corpus import config, make_corpus

distributed = pytest.importorskip("distributed")


def test_dask_cluster_output_equals_local_byte_for_byte(tmp_path):
    src = make_corpus(tmp_path / "in", 6)
    local = run_batch([src], tmp_path / "local", config(), BatchOptions(executor="inline"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = run_batch([src], tmp_path / "dask", config(),
                           BatchOptions(executor="dask", scheduler=cluster.scheduler_address))
    a = {p.relative_to(tmp_path / "local"): p.read_bytes() for p in (tmp_path / "local").rglob("*.txt")}
    b = {p.relative_to(tmp_path / "dask"): p.read_bytes() for p in (tmp_path / "dask").rglob("*.txt")}
    assert a == b and len(a) == 6
    assert [(d["input"], d["status"]) for d in local["documents"]] == \
           [(d["input"], d["status"]) for d in remote["documents"]]
    assert verify_chain(tmp_path / "dask" / "audit.jsonl").ok
