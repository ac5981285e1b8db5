"""audit: one hash-chained JSON record per masked span (Art. 22: 全程留痕、永久可追溯).

Each record carries ``prev`` (the previous record's hash) and ``hash`` (SHA-256 of its own
canonical JSON without ``hash`` and ``seal``). Original values appear only as an HMAC-SHA256
under a key from the environment (REDACTOR_HMAC_KEY) or a key file, never in clear (or,
when the operator enables it, encrypted under a separate key: redactor/originals.py).
Each run opens with a ``run_start`` record and closes with a ``run_end`` record that counts
the run's records, so a truncated or cut file does not verify.

A hash chain alone can be recomputed by whoever can write the file. Every record is
therefore also *sealed*: ``seal`` = HMAC-SHA256 of its ``hash`` under a key derived from
the HMAC key, so only a holder of the key can produce a chain that verifies with the key
(``redact audit verify`` checks seals when the key is available).

Keys: a production run (``--production`` or REDACTOR_PRODUCTION=1) requires a real key
(REDACTOR_HMAC_KEY or a key file, at least 32 bytes, a key file readable by its owner
only) and stops with exit code 2 without one. Outside production a per-user development
key is created and used, every record of the run says so (``key_source: development``),
and the console warns.

What the records of one document say (``span_records``, ``document_record``,
``failed_record``, and ``review_item`` for the report) is built here too, next to the
chain that holds them: the pipeline calls these, the batch writes what they return.
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
from typing import TYPE_CHECKING, Any, Iterable

from redactor import __version__

if TYPE_CHECKING:  # the pipeline imports this module, never the other way round
    from redactor.document import Decision, Document
    from redactor.pipeline import DocumentResult, RunConfig

GENESIS = "0" * 64


MIN_PRODUCTION_KEY_BYTES = 32
PRODUCTION_ENV = "REDACTOR_PRODUCTION"


class AuditFileError(RuntimeError):
    """The existing audit file cannot be continued (its head is not a record)."""


class AuditKeyError(RuntimeError):
    """The audit key is missing or unfit for the run's mode (a usage error: exit code 2)."""


def production_mode(flag: bool | None = None) -> bool:
    """``--production`` wins; otherwise REDACTOR_PRODUCTION=1/true/yes."""
    if flag is not None:
        return flag
    return os.environ.get(PRODUCTION_ENV, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass
class HmacKey:
    key: bytes
    source: str  # "env", "file:<path>", "development"

    @property
    def key_id(self) -> str:
        return hashlib.sha256(b"redactor-key-id" + self.key).hexdigest()[:12]


def load_hmac_key(key_file: Path | None = None, production: bool | None = None) -> HmacKey:
    """The keyed-hash key: REDACTOR_HMAC_KEY, a key file, or (outside production only) a
    per-user development key. Raises AuditKeyError with a clear, key-free message."""
    production = production_mode(production)
    env = os.environ.get("REDACTOR_HMAC_KEY")
    key: HmacKey | None = None
    if env:
        key = HmacKey(env.encode("utf-8"), "env")
    else:
        path = key_file or (os.environ.get("REDACTOR_HMAC_KEY_FILE") and Path(os.environ["REDACTOR_HMAC_KEY_FILE"]))
        if path:
            path = Path(path)
            try:
                data = path.read_bytes().strip()
            except OSError as exc:
                raise AuditKeyError(f"cannot read the HMAC key file {path} ({type(exc).__name__})") from None
            if production and path.stat().st_mode & 0o077:
                raise AuditKeyError(f"the HMAC key file {path} is readable by other users; chmod 600 it")
            key = HmacKey(data, f"file:{path}")
    if key is not None:
        if not key.key:
            raise AuditKeyError("the HMAC key is empty")
        if production and len(key.key) < MIN_PRODUCTION_KEY_BYTES:
            raise AuditKeyError(f"a production HMAC key must be at least {MIN_PRODUCTION_KEY_BYTES} bytes "
                                "(generate one with `redact audit keygen FILE`)")
        return key
    if production:
        raise AuditKeyError("a production run needs an HMAC key: set REDACTOR_HMAC_KEY or REDACTOR_HMAC_KEY_FILE, "
                            "or pass --hmac-key-file (generate one with `redact audit keygen FILE`)")
    return development_key()


def development_key() -> HmacKey:
    """A random per-user key kept in ~/.config/redactor: stable across runs, never for publication."""
    dev = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "redactor" / "dev-hmac.key"
    if not dev.exists():
        dev.parent.mkdir(parents=True, exist_ok=True)
        tmp = dev.with_suffix(".tmp")
        tmp.write_text(secrets.token_hex(32))
        os.chmod(tmp, 0o600)
        os.replace(tmp, dev)
    return HmacKey(dev.read_bytes().strip(), "development")


def generate_key_file(path: Path) -> Path:
    """A new random 256-bit key (hex) in ``path``, owner-readable only; never overwrites."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return path


def seal_key(key: HmacKey) -> bytes:
    """The key that seals audit records, derived from the HMAC key (one-way: giving an auditor
    the seal key does not let them test guesses against the values' keyed hashes)."""
    return hmac.new(key.key, b"redactor audit seal v1", hashlib.sha256).digest()


def record_seal(skey: bytes, rec_hash: str) -> str:
    # hmac.digest: the one-shot C path, the same HMAC-SHA256 as hmac.new(...) without
    # building an HMAC object per record (a judgment writes hundreds).
    return hmac.digest(skey, rec_hash.encode("ascii"), "sha256").hex()


def keyed_hash(key: HmacKey, value: str) -> str:
    return hmac.digest(key.key, value.encode("utf-8"), "sha256").hex()


def _canonical(rec: dict[str, Any]) -> bytes:
    return json.dumps(rec, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def record_hash(rec: dict[str, Any]) -> str:
    body = {k: v for k, v in rec.items() if k not in ("hash", "seal")}
    return hashlib.sha256(_canonical(body)).hexdigest()


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def operator_name() -> str:
    try:
        return os.environ.get("REDACTOR_OPERATOR") or getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"


def _lines_backwards(fh, chunk: int = 1 << 16, with_partial: bool = False):
    """Yield (offset, line) of the non-blank lines of a binary file, last first, reading
    fixed-size chunks from the end. A trailing piece without a newline is yielded only
    with ``with_partial`` (as the offset where it starts)."""
    fh.seek(0, os.SEEK_END)
    pos = fh.tell()
    buf = b""
    first = True
    while pos > 0:
        step = min(chunk, pos)
        pos -= step
        fh.seek(pos)
        buf = fh.read(step) + buf
        parts = buf.split(b"\n")
        buf = parts[0]
        # parts[1:] are complete lines (each preceded by a newline inside the buffer)
        offset = pos + len(parts[0]) + 1
        offsets = []
        for part in parts[1:]:
            offsets.append((offset, part))
            offset += len(part) + 1
        for i, (off, part) in enumerate(reversed(offsets)):
            if first:
                first = False
                if i == 0 and part != b"" and not with_partial:
                    continue  # the unterminated tail
                if i == 0 and part == b"":
                    continue  # the empty piece after the final newline
                if with_partial and i == 0:
                    yield off, part
                    return
            if part.strip():
                yield off, part
    if buf.strip() and not first:
        yield 0, buf
    elif buf.strip() and first and with_partial:
        yield 0, buf


class AuditLog:
    """Appends records to OUT/audit.jsonl, continuing the chain of earlier runs."""

    def __init__(self, path: Path, key: HmacKey | None = None):
        self.path = Path(path)
        self._seal_key = seal_key(key) if key is not None else None
        self._drop_partial_line()
        self.prev = self._last_hash()
        self._fh = None
        self.count = 0

    def _drop_partial_line(self) -> None:
        """A run killed while writing leaves half a line with no newline: cut it off.
        The run it belonged to is then closed by ``close_interrupted_run``. Reads only the
        end of the file: the audit grows every night and must not be loaded whole."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        with open(self.path, "r+b") as fh:
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) == b"\n":
                return
            keep = 0
            for offset, _ in _lines_backwards(fh, with_partial=True):
                keep = offset
                break
            fh.truncate(keep)
            fh.flush()
            os.fsync(fh.fileno())

    def close_interrupted_run(self) -> bool:
        """If the last run has no run_end (killed), append one saying so, with its count.
        Walks back from the end only as far as the last run_start or run_end."""
        if not self.path.exists():
            return False
        open_run, count = None, 0
        with open(self.path, "rb") as fh:
            for _, line in _lines_backwards(fh):
                rec = self._record(line)
                kind = rec.get("type")
                if kind == "run_end":
                    return False
                if kind == "run_start":
                    open_run = rec.get("run_id")
                    break
                count += 1
        if open_run is None:
            return False
        self.append({"type": "run_end", "run_id": open_run, "records": count, "interrupted": True,
                     "time": now_iso()})
        self.count -= 1  # the recovery record belongs to the old run, not this one
        return True

    def _record(self, line: bytes) -> dict:
        try:
            rec = json.loads(line)
        except ValueError:
            rec = None
        if not isinstance(rec, dict):
            raise AuditFileError(f"{self.path} holds a line that is not an audit record: the file was "
                                 "altered; check it with `redact audit verify` before running again")
        return rec

    def _last_hash(self) -> str:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return GENESIS
        with open(self.path, "rb") as fh:
            last = next((line for _, line in _lines_backwards(fh)), None)
        if last is None:
            return GENESIS
        try:
            head = json.loads(last)["hash"]
            if not isinstance(head, str):
                raise TypeError
            return head
        except (ValueError, KeyError, TypeError):
            raise AuditFileError(f"the last line of {self.path} is not an audit record: the file was altered; "
                                 "check it with `redact audit verify` before running again") from None

    def __enter__(self) -> "AuditLog":
        # A large buffer: records are written out when the batch syncs (a group commit),
        # not a few at a time.
        self._fh = open(self.path, "a", encoding="utf-8", buffering=1 << 20)
        return self

    def __exit__(self, *exc) -> None:
        if self._fh:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None

    def append(self, rec: dict[str, Any]) -> dict[str, Any]:
        rec = dict(rec)
        rec.pop("hash", None)
        rec.pop("seal", None)
        rec["prev"] = self.prev
        # The line is the canonical body (what record_hash hashes) with hash and seal added
        # at its end: one JSON encoding per record instead of two (a judgment writes hundreds).
        body = _canonical(rec)
        rec["hash"] = hashlib.sha256(body).hexdigest()
        tail = f',"hash":"{rec["hash"]}"'
        if self._seal_key is not None:
            rec["seal"] = record_seal(self._seal_key, rec["hash"])
            tail += f',"seal":"{rec["seal"]}"'
        assert self._fh is not None, "use AuditLog as a context manager"
        self._fh.write(body[:-1].decode("utf-8") + tail + "}\n")
        self.prev = rec["hash"]
        self.count += 1
        return rec

    def sync(self) -> None:
        """Flush and fsync: what the manifest says is done must be on disk first."""
        if self._fh:
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def extend(self, recs: Iterable[dict[str, Any]]) -> None:
        """Append records in order. They stay in the file's buffer until ``sync`` (or the
        buffer fills): the batch syncs before the manifest marks their documents done, so a
        run killed before that loses only records of documents the next run redoes."""
        for r in recs:
            self.append(r)


@dataclass
class ChainReport:
    ok: bool
    records: int
    runs: int
    problem: str = ""
    line: int | None = None
    sealed: bool = False  # True when every record's seal was checked with the key
    development_runs: int = 0  # runs made with the development key


def verify_chain(path: Path, key: HmacKey | None = None) -> ChainReport:
    """Check every link; any edit, insertion, deletion, reordering or truncation fails.

    With ``key``, every record must also carry a valid seal: a chain rewritten by someone
    without the key (every hash recomputed) fails too."""
    skey = seal_key(key) if key is not None else None
    dev_runs = 0
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
        if not isinstance(rec, dict) or not isinstance(rec.get("hash"), str):
            return ChainReport(False, n, runs, "a line is not an audit record", i)
        if rec.get("prev") != prev:
            return ChainReport(False, n, runs, "broken link: a record was inserted, deleted or reordered", i)
        if record_hash(rec) != rec.get("hash"):
            return ChainReport(False, n, runs, "a record's content does not match its hash (edited)", i)
        # compare_digest on bytes: a tampered seal may hold any character (str needs ASCII).
        if skey is not None and not hmac.compare_digest(str(rec.get("seal", "")).encode("utf-8"),
                                                        record_seal(skey, rec["hash"]).encode("utf-8")):
            problem = "a record has no seal" if "seal" not in rec else "a record's seal is wrong (rewritten without the key, or another key)"
            return ChainReport(False, n, runs, problem, i)
        kind = rec.get("type")
        if kind == "run_start":
            dev_runs += rec.get("key_source") == "development"
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
    return ChainReport(True, n, runs, sealed=skey is not None, development_runs=dev_runs)


# --- The records of one document (built by the pipeline, written by the batch's AuditLog) ---


def review_item(text: str, d: Decision) -> dict[str, Any]:
    """Context for a reviewer in the report, with the value itself masked."""
    f = d.finding
    before = text[max(0, f.start - 20):f.start]
    after = text[f.end:f.end + 20]
    return {"start": f.start, "end": f.end, "category": f.category, "rule": d.rule, "article": d.article,
            "context": f"{before}[{f.category}]{after}"}


def span_records(doc: Document, decisions: list[Decision], config: "RunConfig") -> list[dict[str, Any]]:
    """One audit record per masked span. A judgment masks a few hundred spans, mostly the
    same few names again and again: what is the same for the whole document (policy, time,
    operator, key) is built once, and each distinct value is hashed once."""
    common = {
        "type": "span",
        "document": doc.doc_id,
        "input_sha256": doc.sha256,
        "policy": policy_ref(config),
        "key_id": config.hmac_key.key_id,
        "time": now_iso(),
        "operator": config.operator,
        "tool": __version__,
    }
    value_hmacs: dict[str, str] = {}
    records = []
    for d in decisions:
        if not d.masks:
            continue
        f = d.finding
        value_hmac = value_hmacs.get(f.value)
        if value_hmac is None:
            value_hmac = value_hmacs[f.value] = keyed_hash(config.hmac_key, f.value)
        rec = dict(common)
        rec.update({
            "location": {"start": f.start, "end": f.end,
                         "source": [[list(s.anchor), s.start, s.end] for s in doc.offset_map.locate(f.start, f.end)]},
            "category": f.category,
            "role": d.role,
            "detector": f.source,
            "score": round(float(f.score), 4),
            "rule": d.rule,
            "article": d.article,
            "action": d.action.value,
            "replacement": d.replacement,
            "value_hmac": value_hmac,
        })
        if config.reveal_key is not None:
            from redactor.originals import add_encrypted_original

            add_encrypted_original(rec, config.reveal_key, f.value)
        records.append(rec)
    return records


def policy_ref(config: "RunConfig") -> dict[str, str]:
    """Which policy decided: every audit record names it."""
    return {"profile": config.policy.profile, "version": config.policy.version,
            "fingerprint": config.policy.fingerprint}


def failed_record(rel: str, sha256: str, res: "DocumentResult", config: "RunConfig") -> dict[str, Any]:
    """The audit record of a document that could not be processed: its reason, never its text."""
    return {
        "type": "document",
        "input": rel,
        "input_sha256": sha256 or res.sha256,
        "status": "failed",
        "reason": res.reason,
        "reason_code": res.reason_code,
        "policy": policy_ref(config),
        "time": now_iso(),
        "operator": config.operator,
        "tool": __version__,
    }


def document_record(doc: Document, res: "DocumentResult", config: "RunConfig") -> dict[str, Any]:
    return {
        "type": "document",
        "document": doc.doc_id,
        "input": res.input,
        "input_sha256": doc.sha256,
        "status": res.status,
        "reason": res.reason,
        "article": res.article,
        "counts": res.counts,
        "policy": policy_ref(config),
        "time": now_iso(),
        "operator": config.operator,
        "tool": __version__,
    }
