"""audit: one hash-chained JSON record per masked span (Art. 22: 全程留痕、永久可追溯).

Each record carries ``prev`` (the previous record's hash) and ``hash`` (SHA-256 of its own
canonical JSON without ``hash``). Original values appear only as an HMAC-SHA256 under a
key from the environment (REDACTOR_HMAC_KEY) or a key file, never in clear. Each run
opens with a ``run_start`` record and closes with a ``run_end`` record that counts the
run's records, so a truncated or cut file does not verify.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

GENESIS = "0" * 64


@dataclass
class HmacKey:
    key: bytes
    source: str  # "env", "file:<path>", "development"

    @property
    def key_id(self) -> str:
        return hashlib.sha256(b"redactor-key-id" + self.key).hexdigest()[:12]


def load_hmac_key(key_file: Path | None = None) -> HmacKey:
    """The keyed-hash key: REDACTOR_HMAC_KEY, a key file, or a per-user development key."""
    env = os.environ.get("REDACTOR_HMAC_KEY")
    if env:
        return HmacKey(env.encode("utf-8"), "env")
    path = key_file or (os.environ.get("REDACTOR_HMAC_KEY_FILE") and Path(os.environ["REDACTOR_HMAC_KEY_FILE"]))
    if path:
        return HmacKey(Path(path).read_bytes().strip(), f"file:{path}")
    dev = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "redactor" / "dev-hmac.key"
    if not dev.exists():
        dev.parent.mkdir(parents=True, exist_ok=True)
        tmp = dev.with_suffix(".tmp")
        tmp.write_text(secrets.token_hex(32))
        os.chmod(tmp, 0o600)
        os.replace(tmp, dev)
    return HmacKey(dev.read_bytes().strip(), "development")


def keyed_hash(key: HmacKey, value: str) -> str:
    return hmac.new(key.key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def _canonical(rec: dict[str, Any]) -> bytes:
    return json.dumps(rec, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def record_hash(rec: dict[str, Any]) -> str:
    body = {k: v for k, v in rec.items() if k != "hash"}
    return hashlib.sha256(_canonical(body)).hexdigest()


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def operator_name() -> str:
    try:
        return os.environ.get("REDACTOR_OPERATOR") or getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"


class AuditLog:
    """Appends records to OUT/audit.jsonl, continuing the chain of earlier runs."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._drop_partial_line()
        self.prev = self._last_hash()
        self._fh = None
        self.count = 0

    def _drop_partial_line(self) -> None:
        """A run killed while writing leaves half a line with no newline: cut it off.
        The run it belonged to is then closed by ``close_interrupted_run``."""
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            keep = data.rfind(b"\n") + 1
            with open(self.path, "r+b") as fh:
                fh.truncate(keep)
                fh.flush()
                os.fsync(fh.fileno())

    def close_interrupted_run(self) -> bool:
        """If the last run has no run_end (killed), append one saying so, with its count."""
        if not self.path.exists():
            return False
        open_run, count = None, 0
        with open(self.path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if rec.get("type") == "run_start":
                    open_run, count = rec.get("run_id"), 0
                elif rec.get("type") == "run_end":
                    open_run = None
                else:
                    count += 1
        if open_run is None:
            return False
        self.append({"type": "run_end", "run_id": open_run, "records": count, "interrupted": True,
                     "time": now_iso()})
        self.count -= 1  # the recovery record belongs to the old run, not this one
        return True

    def _last_hash(self) -> str:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return GENESIS
        last = None
        with open(self.path, "rb") as fh:
            for line in fh:
                if line.strip():
                    last = line
        if last is None:
            return GENESIS
        return json.loads(last)["hash"]

    def __enter__(self) -> "AuditLog":
        self._fh = open(self.path, "a", encoding="utf-8")
        return self

    def __exit__(self, *exc) -> None:
        if self._fh:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None

    def append(self, rec: dict[str, Any]) -> dict[str, Any]:
        rec = dict(rec)
        rec["prev"] = self.prev
        rec["hash"] = record_hash(rec)
        assert self._fh is not None, "use AuditLog as a context manager"
        self._fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
        self.prev = rec["hash"]
        self.count += 1
        return rec

    def sync(self) -> None:
        """Flush and fsync: what the manifest says is done must be on disk first."""
        if self._fh:
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def extend(self, recs: Iterable[dict[str, Any]]) -> None:
        for r in recs:
            self.append(r)
        if self._fh:
            self._fh.flush()


@dataclass
class ChainReport:
    ok: bool
    records: int
    runs: int
    problem: str = ""
    line: int | None = None


def verify_chain(path: Path) -> ChainReport:
    """Check every link; any edit, insertion, deletion, reordering or truncation fails."""
    prev = GENESIS
    n = runs = 0
    open_run: dict[str, Any] | None = None
    in_run = 0
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return ChainReport(False, 0, 0, f"cannot read the audit file: {type(exc).__name__}")
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            return ChainReport(False, n, runs, "a record is not valid JSON", i)
        if rec.get("prev") != prev:
            return ChainReport(False, n, runs, "broken link: a record was inserted, deleted or reordered", i)
        if record_hash(rec) != rec.get("hash"):
            return ChainReport(False, n, runs, "a record's content does not match its hash (edited)", i)
        kind = rec.get("type")
        if kind == "run_start":
            if open_run is not None:
                return ChainReport(False, n, runs, "a run has no run_end record (cut short)", i)
            open_run, in_run = rec, 0
        elif kind == "run_end":
            if open_run is None or rec.get("run_id") != open_run.get("run_id"):
                return ChainReport(False, n, runs, "run_end without its run_start", i)
            if rec.get("records") != in_run:
                return ChainReport(False, n, runs, "run_end counts a different number of records", i)
            open_run = None
            runs += 1
        else:
            in_run += 1
        prev = rec["hash"]
        n += 1
    if open_run is not None:
        return ChainReport(False, n, runs, "the last run has no run_end record (truncated or interrupted)")
    if n == 0:
        return ChainReport(False, 0, 0, "the audit file is empty")
    return ChainReport(True, n, runs)
