"""The run manifest (SQLite in OUT/.redactor/): what was done to each input, so a rerun
skips what is unchanged and redoes what changed (document, policy, model or tool).

A row is committed only after the document's output is in place and its audit records
are on disk, so after a crash the next run redoes exactly the documents without a row.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    input TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,
    output TEXT,
    output_sha256 TEXT,
    entry TEXT NOT NULL,
    updated TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class ManifestRow:
    input: str
    sha256: str
    fingerprint: str
    status: str
    output: str | None
    output_sha256: str | None
    entry: dict[str, Any]


class Manifest:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute(SCHEMA)

    def get(self, rel: str) -> ManifestRow | None:
        cur = self.conn.execute(
            "SELECT input, sha256, fingerprint, status, output, output_sha256, entry FROM documents WHERE input=?",
            (rel,))
        r = cur.fetchone()
        if not r:
            return None
        return ManifestRow(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]))

    def put(self, rel: str, sha256: str, fingerprint: str, status: str, output: str | None,
            output_sha256: str | None, entry: dict[str, Any], updated: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?)",
            (rel, sha256, fingerprint, status, output, output_sha256,
             json.dumps(entry, ensure_ascii=False, sort_keys=True), updated))

    def put_many(self, rows: list[tuple]) -> None:
        """Rows of (input, sha256, fingerprint, status, output, output_sha256, entry, updated), one transaction."""
        self.conn.execute("BEGIN")
        try:
            self.conn.executemany(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?)",
                [(r[0], r[1], r[2], r[3], r[4], r[5], json.dumps(r[6], ensure_ascii=False, sort_keys=True), r[7])
                 for r in rows])
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()
