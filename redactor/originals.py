"""Encrypted originals for authorised re-identification (off unless the operator enables it).

With ``redact run --reveal-key-file FILE`` each span record of the audit trail also carries
the masked original value encrypted with AES-256-GCM (``cryptography``'s AEAD, a random
96-bit nonce per value) under a key that is NOT the HMAC key: whoever holds only the HMAC
key (the operator, an auditor checking seals) cannot read values, and whoever holds the
reveal key (a court's authorised officer) can, with ``redact audit reveal``.

The ciphertext is bound to its record: the associated data is the document's SHA-256, the
span's offsets and its category, so a ciphertext copied into another record does not
decrypt. A wrong key or an altered ciphertext fails authentication; nothing is revealed.

Key file: 32 random bytes as 64 hex characters (``redact audit keygen FILE``), readable by
its owner only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ALGORITHM = "AES-256-GCM"
NONCE_BYTES = 12


class RevealKeyError(RuntimeError):
    """The reveal key is missing, malformed or unfit (a usage error)."""


class RevealFailed(RuntimeError):
    """A value could not be decrypted: wrong key, or the record was altered."""


@dataclass(frozen=True)
class RevealKey:
    key: bytes
    source: str

    @property
    def key_id(self) -> str:
        return hashlib.sha256(b"redactor-reveal-key-id" + self.key).hexdigest()[:12]


def load_reveal_key(path: Path, hmac_key: bytes | None = None) -> RevealKey:
    path = Path(path)
    try:
        raw = path.read_bytes().strip()
    except OSError as exc:
        raise RevealKeyError(f"cannot read the reveal key file {path} ({type(exc).__name__})") from None
    try:
        key = binascii.unhexlify(raw)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise RevealKeyError(f"the reveal key file {path} must hold 64 hex characters (a 256-bit key); "
                             "create one with `redact audit keygen FILE`")
    if path.stat().st_mode & 0o077:
        raise RevealKeyError(f"the reveal key file {path} is readable by other users; chmod 600 it")
    if hmac_key is not None and (raw == hmac_key.strip() or key == hmac_key):
        raise RevealKeyError("the reveal key must differ from the HMAC key")
    return RevealKey(key, f"file:{path}")


def _aad(binding: dict[str, Any]) -> bytes:
    return json.dumps(binding, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def binding_of(record: dict[str, Any]) -> dict[str, Any]:
    """What a ciphertext is bound to: document bytes, span offsets, category."""
    loc = record.get("location") or {}
    return {"input_sha256": record.get("input_sha256"), "start": loc.get("start"), "end": loc.get("end"),
            "category": record.get("category")}


def encrypt_value(key: RevealKey, value: str, binding: dict[str, Any]) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    ct = AESGCM(key.key).encrypt(nonce, value.encode("utf-8"), _aad(binding))
    return {"alg": ALGORITHM, "key_id": key.key_id, "nonce": base64.b64encode(nonce).decode("ascii"),
            "ct": base64.b64encode(ct).decode("ascii")}


def decrypt_value(key: RevealKey, enc: dict[str, Any], binding: dict[str, Any]) -> str:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not isinstance(enc, dict) or enc.get("alg") != ALGORITHM:
        raise RevealFailed("unknown encryption of the original value")
    try:
        nonce = base64.b64decode(enc["nonce"], validate=True)
        ct = base64.b64decode(enc["ct"], validate=True)
        return AESGCM(key.key).decrypt(nonce, ct, _aad(binding)).decode("utf-8")
    except (InvalidTag, KeyError, ValueError, TypeError, binascii.Error):
        raise RevealFailed("cannot decrypt the original value: wrong key, or the record was altered") from None


def add_encrypted_original(record: dict[str, Any], key: RevealKey, value: str) -> dict[str, Any]:
    """Add ``value_enc`` to a span record (after its location, document and category are set)."""
    record["value_enc"] = encrypt_value(key, value, binding_of(record))
    return record


def reveal_records(path: Path, key: RevealKey, document: str | None = None) -> list[dict[str, Any]]:
    """The decrypted originals of an audit file's span records (optionally one document's:
    its id or SHA-256 prefix). Raises RevealFailed on the first record that does not decrypt."""
    out = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        if not isinstance(rec, dict) or "value_enc" not in rec:
            continue
        if document and not (str(rec.get("document", "")).startswith(document)
                             or str(rec.get("input_sha256", "")).startswith(document)):
            continue
        if rec["value_enc"].get("key_id") != key.key_id:
            raise RevealFailed(f"line {lineno}: the value was encrypted under another key "
                               f"(key id {rec['value_enc'].get('key_id')})")
        value = decrypt_value(key, rec["value_enc"], binding_of(rec))
        loc = rec.get("location") or {}
        out.append({"line": lineno, "document": rec.get("document"), "start": loc.get("start"),
                    "end": loc.get("end"), "category": rec.get("category"), "replacement": rec.get("replacement"),
                    "value": value})
    return out
