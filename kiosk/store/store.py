"""The secure transaction store: sealed outbox items and the audit log in one SQLite file.

``enqueue`` seals the transaction for the hub, appends its audit record and inserts the item in ONE
SQLite transaction, and returns the 受理编号 only after that commit is durable (WAL, synchronous=FULL).
It is idempotent on the transaction's own ``txn_id``; when a caller's wait runs out (``StorageTimeout``)
``outcome``/``confirm`` tell whether that commit landed after all, so nobody is told a guess.
All database work happens on the store's own thread (``DbThread``); the public methods may be called
from any thread.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kiosk.config.schema import Config, CryptoSection, StoreSection
from kiosk.crypto import CryptoError, Suite, get_suite
from kiosk.crypto.sealing import Epoch, plaintext_document, seal
from kiosk.errors import StorageError, StorageFull
from kiosk.events import EventHub, QueueChanged, TransactionQueued
from kiosk.ids import TxnId
from kiosk.keys import DeviceKeys

from . import schema
from .audit import (
    GENESIS_HASH,
    AuditRecord,
    Checkpoint,
    VerifyResult,
    checkpoint_message,
    key_check_value,
    make_record,
    verify_records,
)
from .model import Actor, ItemState, OutboxItem, QueueStats, Receipt, Transaction

log = logging.getLogger(__name__)


class NotSaved(StorageError):
    """A timed-out enqueue turned out not to have committed: the villager must be told, and may submit again."""

    code = "not_saved"
    message = "办理未保存成功，请重新提交；如果还不行，请到窗口办理"


RECEIPT_STATES = {"accepted": ItemState.ACKNOWLEDGED, "duplicate": ItemState.ACKNOWLEDGED,
                  "rejected": ItemState.REJECTED}
_ITEM_COLUMNS = "txn_id, kind, service_code, acceptance_no, created_at, epoch_id, state, attempts"


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _sections(config: Config | None) -> tuple[StoreSection, CryptoSection]:
    if config is None:
        return StoreSection(), CryptoSection()
    return getattr(config, "store", StoreSection()), getattr(config, "crypto", CryptoSection())


class Store:
    """Use ``Store.open``; close with ``close()`` (or as a context manager)."""

    def __init__(self, db_path: Path, suite: Suite, keys: DeviceKeys, config: Config | None,
                 events: EventHub | None, clock: Callable[[], float], create: bool):
        from .worker import DbThread

        self.path = db_path
        self.suite = suite
        self._keys = keys
        self._store_cfg, self._crypto_cfg = _sections(config)
        self._events = events
        self._clock = clock
        self._epoch: Epoch | None = None
        self._announced_epoch = b""  # the epoch whose start is in the audit log (written with its first item)
        self._hub_public = keys.hub_public
        self._head: tuple[int, str] = (0, GENESIS_HASH)
        self._checkpointed_seq = 0
        self._counts: dict[str, int] = {}
        self._db = DbThread(f"store-db:{db_path.name}", lambda: self._connect(create),
                            timeout_s=self._store_cfg.call_timeout_s)

    @classmethod
    def open(cls, db_path: str | os.PathLike, *, suite: Suite | str, keys: DeviceKeys,
             config: Config | None = None, events: EventHub | None = None,
             clock: Callable[[], float] = time.time, create: bool = True) -> Store:
        suite_impl = get_suite(suite) if isinstance(suite, str) else suite
        if suite_impl.name != keys.suite:
            raise StorageError(detail=f"{db_path}: keys are for suite {keys.suite!r}, not {suite_impl.name!r}")
        return cls(Path(db_path), suite_impl, keys, config, events, clock, create)

    @property
    def keys(self) -> DeviceKeys:
        return self._keys

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- opening (runs on the DB thread) ------------------------------------------------------------

    def _connect(self, create: bool) -> sqlite3.Connection:
        conn = schema.connect(self.path, create=create, busy_timeout_s=self._store_cfg.busy_timeout_s)
        try:
            self._bind_identity(conn)
            row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            self._head = (row[0], row[1]) if row else (0, GENESIS_HASH)
            row = conn.execute("SELECT max(seq) FROM checkpoints").fetchone()
            self._checkpointed_seq = row[0] or 0
            self._counts = self._count_states(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise schema.storage_error(exc, self.path, "reading") from None
        except StorageError:
            conn.close()
            raise
        return conn

    def _bind_identity(self, conn: sqlite3.Connection) -> None:
        """The DB remembers its device, suite and audit key check; a mismatch means wrong keys."""
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        mine = {"device_id": self._keys.device_id, "suite": self.suite.name,
                "audit_key_check": key_check_value(self.suite, self._keys.audit_key)}
        if not meta:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", mine.items())
            conn.execute("COMMIT")
            return
        for key, value in mine.items():
            if meta.get(key) != value:
                raise StorageError(detail=f"{self.path} belongs to other keys ({key} does not match "
                                          f"{self._keys.device_id}'s keys folder); nothing was changed")

    @staticmethod
    def _count_states(conn: sqlite3.Connection) -> dict[str, int]:
        counts = {s.value: 0 for s in ItemState}
        counts.update(dict(conn.execute("SELECT state, count(*) FROM items GROUP BY state").fetchall()))
        return counts

    # --- writing helpers (DB thread) ------------------------------------------------------------------

    def _append_audit(self, conn: sqlite3.Connection, actor: str, actor_ref: str, event: str, outcome: str,
                      details: dict[str, Any], now: float) -> AuditRecord:
        seq, prev = self._head
        rec = make_record(self.suite, self._keys.audit_key, seq=seq + 1, time=_iso(now), actor=str(actor),
                          actor_ref=actor_ref, event=event, outcome=outcome, details=details, prev_hash=prev)
        conn.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (rec.seq, rec.time, rec.actor, rec.actor_ref, rec.event, rec.outcome, rec.details_hash,
                      rec.prev_hash, rec.hash, rec.mac))
        self._head = (rec.seq, rec.hash)
        return rec

    def _write(self, conn: sqlite3.Connection, body: Callable[[], Any], doing: str) -> Any:
        """Run ``body`` in one IMMEDIATE transaction; on any failure roll back and restore the head."""
        head, counts = self._head, dict(self._counts)
        try:
            conn.execute("BEGIN IMMEDIATE")
            result = body()
            conn.execute("COMMIT")
            return result
        except BaseException as exc:
            self._head, self._counts = head, counts
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    log.warning("rollback after a failed %s also failed", doing)
            if isinstance(exc, sqlite3.Error | OSError):
                raise schema.storage_error(exc, self.path, doing) from None
            raise

    def _check_free_space(self) -> None:
        if self._store_cfg.min_free_mb <= 0:
            return
        free = shutil.disk_usage(self.path.parent).free
        if free < self._store_cfg.min_free_mb * 1024 * 1024:
            raise StorageFull(detail=f"{self.path.parent}: {free // (1024 * 1024)} MB free, "
                                     f"store.min_free_mb is {self._store_cfg.min_free_mb}")

    def _current_epoch(self, now: float) -> Epoch:
        epoch = self._epoch
        if epoch is not None and not epoch.expired(now, self._crypto_cfg.epoch_max_items,
                                                   self._crypto_cfg.epoch_max_hours):
            return epoch
        if epoch is not None:
            epoch.wipe()
        try:
            self._epoch = Epoch.start(self.suite, self._hub_public, now)
        except CryptoError as exc:
            raise StorageError(detail=f"hub public key unusable: {exc}") from None
        return self._epoch

    # --- enqueue ----------------------------------------------------------------------------------------

    def enqueue(self, txn: Transaction, *, timeout_s: float | None = None) -> Receipt:
        """Seal and queue one transaction; returns its 受理编号 only after the durable commit.

        The same ``txn.txn_id`` again returns the record already kept (same 受理编号), never a second item.
        Raises ``StorageTimeout`` when the wait runs out: the item may still commit, see ``confirm``.
        """
        receipt = self._db.call(lambda conn: self._enqueue(conn, txn), timeout_s)
        self._announce(receipt, txn)
        return receipt

    def outcome(self, txn_id: TxnId | str, timeout_s: float | None = None) -> Receipt | None:
        """Did this transaction commit? Its receipt if so, None if it did not and never will.

        Requests run in order on the store's thread, so after a ``StorageTimeout`` this is answered only
        once the late enqueue has committed or failed. Raises ``StorageTimeout`` while that is still running.
        """
        return self._db.call(lambda conn: self._kept(conn, txn_id), timeout_s)

    def confirm(self, txn: Transaction, timeout_s: float | None = None) -> Receipt:
        """After ``enqueue`` raised ``StorageTimeout``: the receipt if it committed after all, else ``NotSaved``."""
        receipt = self.outcome(txn.txn_id, timeout_s)
        if receipt is None:
            raise NotSaved(detail=f"txn {txn.txn_id}: the enqueue that timed out did not commit")
        self._announce(receipt, txn)
        return receipt

    def _announce(self, receipt: Receipt, txn: Transaction) -> None:
        if self._events is not None:
            self._events.publish(TransactionQueued(receipt.txn_id, receipt.acceptance_no, txn.service_code))
            self._publish_counts()

    @staticmethod
    def _kept(conn: sqlite3.Connection, txn_id: str) -> Receipt | None:
        row = conn.execute("SELECT acceptance_no, created_ts FROM items WHERE txn_id = ?", (txn_id,)).fetchone()
        return None if row is None else Receipt(txn_id, row[0], dt.datetime.fromtimestamp(row[1], dt.UTC))

    def _enqueue(self, conn: sqlite3.Connection, txn: Transaction) -> Receipt:
        txn_id = txn.txn_id
        kept = conn.execute("SELECT kind, service_code FROM items WHERE txn_id = ?", (txn_id,)).fetchone()
        if kept is not None:
            if tuple(kept) != (str(txn.kind), txn.service_code):  # a reused id is a bug, never a silent merge
                raise ValueError(f"txn id {txn_id} is already kept for {kept[0]} {kept[1]}, "
                                 f"not {txn.kind} {txn.service_code}")
            return self._kept(conn, txn_id)  # type: ignore[return-value]
        self._check_free_space()
        now = self._clock()
        epoch = self._current_epoch(now)
        created_at = _iso(now)
        day = dt.datetime.fromtimestamp(now).strftime("%Y%m%d")

        def body() -> Receipt:
            # the daily number comes from the unique index (rows outlive purges), so no counter page is written
            prefix = f"SL{day}{self._keys.device_id[-4:]}"
            (last,) = conn.execute("SELECT max(acceptance_no) FROM items WHERE acceptance_no >= ? "
                                   "AND acceptance_no < ?", (prefix, prefix + "~")).fetchone()
            acceptance_no = f"{prefix}{(int(last[len(prefix):]) if last else 0) + 1:06d}"
            meta = {"txn_id": txn_id, "acceptance_no": acceptance_no, "created_at": created_at,
                    "kind": str(txn.kind), "service_code": txn.service_code, "device_id": self._keys.device_id,
                    "actor": str(txn.actor), "actor_ref": txn.actor_ref, "clerk_ref": txn.clerk_ref,
                    "assisted": txn.assisted}
            plaintext = plaintext_document(txn.payload, [(a.name, a.media_type, a.data) for a in txn.attachments], meta)
            sealed = seal(epoch, plaintext, txn_id=txn_id, kind=str(txn.kind), service_code=txn.service_code,
                          device_id=self._keys.device_id)
            if epoch.epoch_id != self._announced_epoch:
                self._append_audit(conn, Actor.SYSTEM, "store", "crypto.epoch_started", "ok",
                                   {"epoch_id": epoch.epoch_hex, "wrapped_key": base64.b64encode(epoch.wrapped_key).decode()},
                                   now)
            details = {"txn_id": txn_id, "acceptance_no": acceptance_no, "kind": str(txn.kind),
                       "service_code": txn.service_code, "clerk_ref": txn.clerk_ref, "epoch_id": epoch.epoch_hex,
                       "sealed_tag": sealed[-16:].hex()}  # the AEAD tag already authenticates every sealed byte
            rec = self._append_audit(conn, txn.actor, txn.actor_ref, "txn.enqueued", "ok", details, now)
            conn.execute(
                "INSERT INTO items (txn_id, acceptance_no, kind, service_code, created_at, created_ts, epoch_id,"
                " sealed, size, state, audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)",
                (txn_id, acceptance_no, str(txn.kind), txn.service_code, created_at, now, epoch.epoch_hex,
                 sealed, len(sealed), rec.seq))
            self._counts[ItemState.QUEUED] += 1
            return Receipt(txn_id, acceptance_no, dt.datetime.fromtimestamp(now, dt.UTC))

        receipt = self._write(conn, body, "enqueue")
        self._announced_epoch = epoch.epoch_id
        return receipt

    # --- audit ----------------------------------------------------------------------------------------

    def audit(self, actor: Actor | str, actor_ref: str, event: str, outcome: str, details: dict[str, Any]) -> int:
        """Append one audit record in its own durable transaction; returns its seq."""

        def run(conn: sqlite3.Connection) -> int:
            now = self._clock()
            return self._write(conn, lambda: self._append_audit(conn, actor, actor_ref, event, outcome,
                                                                  details, now).seq, "audit")

        return self._db.call(run)

    def audit_records(self, after_seq: int = 0, limit: int | None = None) -> list[AuditRecord]:
        def run(conn: sqlite3.Connection) -> list[AuditRecord]:
            rows = conn.execute("SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?",
                                (after_seq, -1 if limit is None else limit)).fetchall()
            return [AuditRecord(*row) for row in rows]

        return self._db.call(run)

    def checkpoints(self) -> list[Checkpoint]:
        def run(conn: sqlite3.Connection) -> list[Checkpoint]:
            rows = conn.execute("SELECT device_id, seq, head_hash, time, signature FROM checkpoints ORDER BY id")
            return [Checkpoint(d, s, h, t, base64.b64decode(sig)) for d, s, h, t, sig in rows]

        return self._db.call(run)

    def checkpoint(self) -> Checkpoint:
        """Sign the current head (device, seq, head hash, time) and keep it in the checkpoints table."""

        def run(conn: sqlite3.Connection) -> Checkpoint:
            seq, head = self._head
            when = _iso(self._clock())
            sig = self.suite.sign(self._keys.signing_private, checkpoint_message(self._keys.device_id, seq, head, when))
            cp = Checkpoint(self._keys.device_id, seq, head, when, sig)

            def body() -> None:
                conn.execute("INSERT INTO checkpoints (device_id, seq, head_hash, time, signature) VALUES (?, ?, ?, ?, ?)",
                             (cp.device_id, cp.seq, cp.head_hash, cp.time, base64.b64encode(sig).decode()))

            self._write(conn, body, "checkpoint")
            self._checkpointed_seq = seq
            return cp

        return self._db.call(run)

    def verify_audit(self) -> VerifyResult:
        records = self.audit_records()
        return verify_records(self.suite, self._keys.audit_key, records, self.checkpoints(), self._keys.signing_public)

    # --- outbox for sync ---------------------------------------------------------------------------------

    def claim_batch(self, max_items: int, max_bytes: int) -> list[OutboxItem]:
        """The oldest queued or sent items (at least one if any), marked SENT with attempts + 1."""

        def run(conn: sqlite3.Connection) -> list[OutboxItem]:
            rows = conn.execute(
                f"SELECT {_ITEM_COLUMNS}, sealed FROM items WHERE state IN ('queued', 'sent') "
                "ORDER BY created_ts, rowid LIMIT ?", (max_items,)).fetchall()
            chosen, total = [], 0
            for row in rows:
                if chosen and total + len(row[-1]) > max_bytes:
                    break
                chosen.append(row)
                total += len(row[-1])
            if not chosen:
                return []
            now = self._clock()

            def body() -> None:
                conn.executemany("UPDATE items SET state = 'sent', attempts = attempts + 1, last_sent_ts = ? "
                                 "WHERE txn_id = ?", [(now, r[0]) for r in chosen])
                self._counts = self._count_states(conn)

            self._write(conn, body, "claim batch")
            return [OutboxItem(r[0], r[1], r[2], r[3], r[4], r[5], r[8], ItemState.SENT, r[7] + 1) for r in chosen]

        items = self._db.call(run)
        if items:
            self._publish_counts()
        return items

    def apply_receipts(self, receipts: Iterable[Any]) -> dict[str, int]:
        """Apply the hub's per-item receipts: accepted / duplicate → acknowledged, rejected → rejected.

        Takes ``(txn_id, status, reason)`` tuples or objects with those attributes. Unknown ids and
        items already final are ignored. Returns counts by status applied.
        """
        normalised = []
        for r in receipts:
            txn_id, status, reason = (r.txn_id, r.status, r.reason) if hasattr(r, "txn_id") else r
            if status not in RECEIPT_STATES:
                raise ValueError(f"unknown receipt status {status!r}")
            normalised.append((txn_id, status, reason or ""))

        def run(conn: sqlite3.Connection) -> dict[str, int]:
            now = self._clock()
            applied = {"accepted": 0, "duplicate": 0, "rejected": 0}

            def body() -> None:
                for txn_id, status, reason in normalised:
                    cur = conn.execute(
                        "UPDATE items SET state = ?, reason = ?, acked_ts = ? "
                        "WHERE txn_id = ? AND state IN ('queued', 'sent')",
                        (RECEIPT_STATES[status].value, reason, now, txn_id))
                    applied[status] += cur.rowcount
                if any(applied.values()):
                    self._append_audit(conn, Actor.SYSTEM, "sync", "sync.receipts", "ok", dict(applied), now)
                self._counts = self._count_states(conn)

            self._write(conn, body, "apply receipts")
            return applied

        applied = self._db.call(run)
        self._publish_counts()
        return applied

    def purge_acknowledged(self, older_than: dt.timedelta | float | None = None) -> int:
        """Blank the sealed payload of items acknowledged longer ago than ``older_than`` (default:
        store.retention_days). The row stays as a record; secure_delete zeroes the freed pages."""
        if older_than is None:
            older_than = dt.timedelta(days=self._store_cfg.retention_days)
        seconds = older_than.total_seconds() if isinstance(older_than, dt.timedelta) else float(older_than)

        def run(conn: sqlite3.Connection) -> int:
            now = self._clock()

            def body() -> int:
                cur = conn.execute("UPDATE items SET sealed = X'', purged = 1 WHERE state = 'acknowledged' "
                                   "AND purged = 0 AND acked_ts <= ?", (now - seconds,))
                if cur.rowcount:
                    self._append_audit(conn, Actor.SYSTEM, "store", "store.purged", "ok",
                                       {"items": cur.rowcount, "older_than_s": seconds}, now)
                return cur.rowcount

            return self._write(conn, body, "purge")

        return self._db.call(run)

    # --- reading ----------------------------------------------------------------------------------------

    def stats(self) -> QueueStats:
        def run(conn: sqlite3.Connection) -> QueueStats:
            oldest, pending = conn.execute(
                "SELECT min(created_ts), coalesce(sum(size), 0) FROM items WHERE state IN ('queued', 'sent')").fetchone()
            (total,) = conn.execute("SELECT coalesce(sum(length(sealed)), 0) FROM items").fetchone()
            age = None if oldest is None else max(0.0, self._clock() - oldest)
            return QueueStats(self._count_states(conn), age, pending, total)

        return self._db.call(run)

    def list_items(self, limit: int = 100, state: ItemState | str | None = None) -> list[OutboxItem]:
        """Newest first, without the sealed bytes (``sealed`` is empty)."""

        def run(conn: sqlite3.Connection) -> list[OutboxItem]:
            where, args = ("WHERE state = ?", [str(state)]) if state else ("", [])
            rows = conn.execute(f"SELECT {_ITEM_COLUMNS} FROM items {where} ORDER BY created_ts DESC, rowid DESC "
                                "LIMIT ?", (*args, limit)).fetchall()
            return [OutboxItem(r[0], r[1], r[2], r[3], r[4], r[5], b"", ItemState(r[6]), r[7]) for r in rows]

        return self._db.call(run)

    def sealed_item(self, txn_id: str) -> OutboxItem | None:
        def run(conn: sqlite3.Connection) -> OutboxItem | None:
            r = conn.execute(f"SELECT {_ITEM_COLUMNS}, sealed FROM items WHERE txn_id = ?", (txn_id,)).fetchone()
            return None if r is None else OutboxItem(r[0], r[1], r[2], r[3], r[4], r[5], r[8], ItemState(r[6]), r[7])

        return self._db.call(run)

    def integrity_check(self) -> str:
        return self._db.call(lambda conn: "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check")))

    # --- keys and life cycle -----------------------------------------------------------------------------

    def set_hub_public_key(self, public_text: str) -> None:
        """Enrolment installed a new hub key: the next item starts a new epoch wrapped to it."""

        def run(conn: sqlite3.Connection) -> None:
            self._hub_public = public_text
            if self._epoch is not None:
                self._epoch.wipe()
                self._epoch = None

        self._db.call(run)

    def _publish_counts(self) -> None:
        if self._events is not None:
            c = self._counts
            self._events.publish(QueueChanged(c.get("queued", 0), c.get("sent", 0), c.get("acknowledged", 0),
                                              c.get("rejected", 0)))

    def close(self) -> None:
        """Checkpoint a head that moved, wipe the epoch key, stop the DB thread. Safe to call twice."""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        try:
            if self._head[0] > self._checkpointed_seq:
                self.checkpoint()
        except StorageError as exc:  # a full disk must not stop the shutdown
            log.warning("closing checkpoint not written: %s", exc.detail)
        if self._epoch is not None:
            self._epoch.wipe()
        self._db.close()
