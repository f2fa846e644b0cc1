"""The audit log's record format and its verification: pure functions, no I/O.

Each record is ``seq, time, actor, actor_ref, event, outcome, details_hash, prev_hash, hash, mac``:
``hash`` is the suite's digest of the canonical record (which includes ``prev_hash``, chaining it to the
one before), ``mac`` is HMAC-SM3 / HMAC-SHA256 of ``hash`` under the device's audit key. ``details``
themselves are never stored, only their hash, so the log holds no plaintext personal data.

Signed checkpoints ``(device_id, seq, head_hash, time)`` anchor the head: deleting records behind the
last checkpoint (truncation) is detected locally, and the hub checks each new checkpoint extends the
last one it saw.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kiosk.crypto import Suite
from kiosk.crypto.sealing import canonical_json

GENESIS_HASH = "00" * 32


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    time: str
    actor: str
    actor_ref: str
    event: str
    outcome: str
    details_hash: str
    prev_hash: str
    hash: str
    mac: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Checkpoint:
    device_id: str
    seq: int
    head_hash: str
    time: str
    signature: bytes = field(repr=False)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    records: int
    first_bad_seq: int | None = None
    reason: str = ""
    checkpoints: int = 0

    def summary(self) -> str:
        if self.ok:
            return f"ok {self.records} records"
        return f"FAILED at record {self.first_bad_seq}: {self.reason}"


def details_hash(suite: Suite, details: dict[str, Any]) -> str:
    return suite.digest(canonical_json(details)).hex()


def record_hash(suite: Suite, seq: int, time: str, actor: str, actor_ref: str, event: str, outcome: str,
                d_hash: str, prev_hash: str) -> str:
    return suite.digest(canonical_json([seq, time, actor, actor_ref, event, outcome, d_hash, prev_hash])).hex()


def make_record(suite: Suite, key: bytes, *, seq: int, time: str, actor: str, actor_ref: str, event: str,
                outcome: str, details: dict[str, Any], prev_hash: str) -> AuditRecord:
    d_hash = details_hash(suite, details)
    h = record_hash(suite, seq, time, actor, actor_ref, event, outcome, d_hash, prev_hash)
    return AuditRecord(seq, time, actor, actor_ref, event, outcome, d_hash, prev_hash, h,
                       suite.mac(key, bytes.fromhex(h)).hex())


def checkpoint_message(device_id: str, seq: int, head_hash: str, time: str) -> bytes:
    return f"village-kiosk audit checkpoint v1\n{device_id}\n{seq}\n{head_hash}\n{time}\n".encode()


def key_check_value(suite: Suite, key: bytes) -> str:
    """Stored in the DB so a wrong audit key is caught at open, before anything is written."""
    return suite.mac(key, b"village-kiosk audit key check").hex()


def _mac_ok(suite: Suite, key: bytes, rec: AuditRecord) -> bool:
    try:
        return suite.mac(key, bytes.fromhex(rec.hash)).hex() == rec.mac
    except ValueError:
        return False


def verify_records(suite: Suite, key: bytes, records: Iterable[AuditRecord], checkpoints: Iterable[Checkpoint],
                   device_public: str) -> VerifyResult:
    """Walk the chain in seq order; report the first record that was edited, deleted, reordered or
    inserted, then check every checkpoint's signature and that the log still reaches it."""
    prev_hash, expected_seq, hashes = GENESIS_HASH, 1, {}
    for rec in records:
        if rec.seq != expected_seq:
            return VerifyResult(False, expected_seq - 1, expected_seq,
                                f"record {expected_seq} is missing (next present is {rec.seq})")
        recomputed = record_hash(suite, rec.seq, rec.time, rec.actor, rec.actor_ref, rec.event, rec.outcome,
                                 rec.details_hash, rec.prev_hash)
        if recomputed != rec.hash:
            return VerifyResult(False, rec.seq - 1, rec.seq, f"record {rec.seq} was edited (hash mismatch)")
        if not _mac_ok(suite, key, rec):
            return VerifyResult(False, rec.seq - 1, rec.seq, f"record {rec.seq} has a bad MAC (forged or wrong key)")
        if rec.prev_hash != prev_hash:
            return VerifyResult(False, rec.seq - 1, rec.seq,
                                f"record {rec.seq} does not follow record {rec.seq - 1} (reordered or inserted)")
        hashes[rec.seq] = rec.hash
        prev_hash, expected_seq = rec.hash, expected_seq + 1
    count = expected_seq - 1
    n_cp = 0
    for cp in checkpoints:
        n_cp += 1
        message = checkpoint_message(cp.device_id, cp.seq, cp.head_hash, cp.time)
        if not suite.verify(device_public, message, cp.signature):
            return VerifyResult(False, count, cp.seq, f"checkpoint at record {cp.seq} has a bad signature")
        if cp.seq > count:
            return VerifyResult(False, count, count + 1,
                                f"log truncated: records {count + 1}..{cp.seq} are missing behind the checkpoint at {cp.seq}")
        if cp.seq and hashes.get(cp.seq) != cp.head_hash:
            return VerifyResult(False, count, cp.seq, f"record {cp.seq} does not match its signed checkpoint")
    return VerifyResult(True, count, checkpoints=n_cp)
