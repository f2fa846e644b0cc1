"""The hub's database through SQLAlchemy Core: SQLite by default, PostgreSQL by URL.

The hub process keeps no state of its own: dedup is the primary key on ``applications.txn_id`` and
an ``INSERT .. ON CONFLICT DO NOTHING`` (both dialects), so several hub processes may share one
PostgreSQL. Each batch is stored in one database transaction: either all its new items and its
checkpoint are committed, or none are and the kiosk will resend.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

metadata = sa.MetaData()

tokens = sa.Table(
    "tokens", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # the token itself is shown once, never stored
    sa.Column("village", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("used_at", sa.String(40)),
    sa.Column("device_id", sa.String(64)),
)

devices = sa.Table(
    "devices", metadata,
    sa.Column("device_id", sa.String(64), primary_key=True),
    sa.Column("village", sa.Text, nullable=False),
    sa.Column("suite", sa.String(8), nullable=False),
    sa.Column("public_key", sa.Text, nullable=False),
    sa.Column("enrolled_at", sa.String(40), nullable=False),
    sa.Column("revoked_at", sa.String(40)),
    sa.Column("last_seen", sa.String(40)),
    sa.Column("checkpoint_seq", sa.Integer, nullable=False, server_default="0"),
    sa.Column("checkpoint_head", sa.String(128), nullable=False, server_default=""),
    sa.Column("flagged", sa.Boolean, nullable=False, server_default=sa.false()),
)

applications = sa.Table(
    "applications", metadata,
    sa.Column("txn_id", sa.String(64), primary_key=True),  # the idempotency key: one row per 办件, ever
    sa.Column("device_id", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("service_code", sa.String(64), nullable=False),
    sa.Column("acceptance_no", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("received_at", sa.String(40), nullable=False),
    sa.Column("batch_id", sa.String(64), nullable=False),
    sa.Column("content", sa.Text, nullable=False),  # the decrypted canonical JSON
)

checkpoints = sa.Table(
    "checkpoints", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("device_id", sa.String(64), nullable=False, index=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("head_hash", sa.String(128), nullable=False),
    sa.Column("time", sa.String(40), nullable=False),
    sa.Column("signature", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # ok / flagged
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("received_at", sa.String(40), nullable=False),
)

bundles = sa.Table(
    "bundles", metadata,
    sa.Column("kind", sa.String(32), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("body", sa.Text, nullable=False),  # the signed Bundle document as sent
    sa.Column("sha256", sa.String(64), nullable=False),
)

app_updates = sa.Table(  # app update bundles (sync/hub/updates.py); the bytes are files in the hub folder
    "app_updates", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # publication order: newest is latest
    sa.Column("suite", sa.String(8), nullable=False),
    sa.Column("version", sa.String(64), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("file", sa.String(128), nullable=False),
    sa.Column("published_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("suite", "version"),
)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Device:
    device_id: str
    village: str
    suite: str
    public_key: str
    enrolled_at: str
    revoked_at: str | None
    last_seen: str | None
    checkpoint_seq: int
    checkpoint_head: str
    flagged: bool


@dataclass(frozen=True)
class NewItem:
    txn_id: str
    kind: str
    service_code: str
    acceptance_no: str
    created_at: str
    content: str


@dataclass(frozen=True)
class CheckpointRecord:
    seq: int
    head_hash: str
    time: str
    signature: str
    status: str
    reason: str


class TokenError(Exception):
    """The enrolment token is unknown or already used."""


class HubDB:
    """All the hub's reads and writes. Safe to share between threads (the engine pools connections)."""

    def __init__(self, url: str):
        self.url = url
        kwargs: dict[str, Any] = {"future": True}
        if url.startswith("sqlite"):
            # short busy timeout: a locked database becomes a 503 quickly and the kiosk retries
            kwargs["connect_args"] = {"timeout": 2.0, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine = sa.create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def _insert(self, table: sa.Table):
        return (postgresql.insert(table) if self.engine.dialect.name == "postgresql" else sqlite.insert(table))

    # --- tokens and devices --------------------------------------------------------------------

    def create_token(self, village: str) -> str:
        # Hex, not token_urlsafe: a url-safe token starts with '-' one time in 64, and then
        # `kiosk enroll --token -Xy…` reads it as an option and the technician is stuck.
        token = secrets.token_hex(16)
        with self.engine.begin() as c:
            c.execute(tokens.insert().values(token_hash=hash_token(token), village=village, created_at=now_iso()))
        return token

    def list_tokens(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            rows = c.execute(sa.select(tokens).order_by(tokens.c.created_at)).mappings().all()
        return [{"token": r["token_hash"][:8] + "…", "village": r["village"], "created_at": r["created_at"],
                 "used_by": r["device_id"] or ""} for r in rows]

    def enrol(self, token: str, device_id: str, suite: str, public_key: str) -> Device:
        """Consume a one-time token and register (or re-register) the device key, atomically."""
        with self.engine.begin() as c:
            used = c.execute(
                tokens.update()
                .where(tokens.c.token_hash == hash_token(token), tokens.c.used_at.is_(None))
                .values(used_at=now_iso(), device_id=device_id)
                .returning(tokens.c.village)
            ).first()
            if used is None:
                raise TokenError("token unknown or already used")
            village = used[0]
            c.execute(devices.delete().where(devices.c.device_id == device_id))
            c.execute(devices.insert().values(device_id=device_id, village=village, suite=suite,
                                              public_key=public_key, enrolled_at=now_iso()))
        device = self.device(device_id)
        assert device is not None
        return device

    def device(self, device_id: str) -> Device | None:
        with self.engine.connect() as c:
            row = c.execute(sa.select(devices).where(devices.c.device_id == device_id)).mappings().first()
        return Device(**row) if row else None

    def list_devices(self) -> list[Device]:
        with self.engine.connect() as c:
            rows = c.execute(sa.select(devices).order_by(devices.c.enrolled_at)).mappings().all()
        return [Device(**r) for r in rows]

    def revoke(self, device_id: str) -> bool:
        with self.engine.begin() as c:
            res = c.execute(devices.update().where(devices.c.device_id == device_id).values(revoked_at=now_iso()))
        return res.rowcount == 1

    # --- batches -------------------------------------------------------------------------------

    def known_txn_ids(self, txn_ids: Iterable[str]) -> set[str]:
        ids = list(txn_ids)
        if not ids:
            return set()
        with self.engine.connect() as c:
            rows = c.execute(sa.select(applications.c.txn_id).where(applications.c.txn_id.in_(ids))).all()
        return {r[0] for r in rows}

    def store_batch(self, device_id: str, batch_id: str, items: list[NewItem],
                    checkpoint: CheckpointRecord | None, advance_to: tuple[int, str] | None) -> set[str]:
        """Insert new items (duplicates are skipped by the unique key) and the checkpoint in ONE
        transaction. Returns the txn_ids this call actually inserted."""
        inserted: set[str] = set()
        received = now_iso()
        with self.engine.begin() as c:
            for item in items:
                stmt = self._insert(applications).values(
                    txn_id=item.txn_id, device_id=device_id, kind=item.kind, service_code=item.service_code,
                    acceptance_no=item.acceptance_no, created_at=item.created_at, received_at=received,
                    batch_id=batch_id, content=item.content,
                ).on_conflict_do_nothing(index_elements=["txn_id"]).returning(applications.c.txn_id)
                # RETURNING, not rowcount: psycopg reports no rowcount for a skipped conflict
                if c.execute(stmt).first() is not None:
                    inserted.add(item.txn_id)
            values: dict[str, Any] = {"last_seen": received}
            if checkpoint is not None:
                c.execute(checkpoints.insert().values(device_id=device_id, received_at=received,
                                                      **checkpoint.__dict__))
                if checkpoint.status == "flagged":
                    values["flagged"] = True
            if advance_to is not None:
                values["checkpoint_seq"], values["checkpoint_head"] = advance_to
            c.execute(devices.update().where(devices.c.device_id == device_id).values(**values))
        return inserted

    def list_applications(self, device_id: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        q = sa.select(applications).order_by(applications.c.received_at, applications.c.txn_id).limit(limit)
        if device_id:
            q = q.where(applications.c.device_id == device_id)
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings().all()]

    def count_applications(self) -> int:
        with self.engine.connect() as c:
            return int(c.execute(sa.select(sa.func.count()).select_from(applications)).scalar_one())

    def known_checkpoint(self, device_id: str, cp: Any) -> bool:
        q = sa.select(checkpoints.c.id).where(checkpoints.c.device_id == device_id, checkpoints.c.seq == cp.seq,
                                              checkpoints.c.head_hash == cp.head_hash, checkpoints.c.status == "ok")
        with self.engine.connect() as c:
            return c.execute(q.limit(1)).first() is not None

    def list_checkpoints(self, device_id: str) -> list[dict[str, Any]]:
        q = sa.select(checkpoints).where(checkpoints.c.device_id == device_id).order_by(checkpoints.c.id)
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings().all()]

    # --- bundles -------------------------------------------------------------------------------

    def next_bundle_version(self, kind: str) -> int:
        with self.engine.connect() as c:
            v = c.execute(sa.select(sa.func.max(bundles.c.version)).where(bundles.c.kind == kind)).scalar()
        return int(v or 0) + 1

    def put_bundle(self, kind: str, version: int, body: str) -> None:
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        with self.engine.begin() as c:
            c.execute(bundles.insert().values(kind=kind, version=version, body=body, sha256=digest))

    def latest_bundles(self) -> list[dict[str, Any]]:
        newest = (sa.select(bundles.c.kind, sa.func.max(bundles.c.version).label("version"))
                  .group_by(bundles.c.kind).subquery())
        q = sa.select(bundles).join(newest, sa.and_(bundles.c.kind == newest.c.kind,
                                                    bundles.c.version == newest.c.version))
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings().all()]

    def bundle(self, kind: str) -> dict[str, Any] | None:
        return next((b for b in self.latest_bundles() if b["kind"] == kind), None)

    # --- app update bundles --------------------------------------------------------------------

    def put_app_update(self, suite: str, version: str, size: int, sha256: str, file: str) -> dict[str, Any]:
        row = {"suite": suite, "version": version, "size": size, "sha256": sha256, "file": file,
               "published_at": now_iso()}
        with self.engine.begin() as c:
            c.execute(app_updates.insert().values(**row))
        return row

    def app_updates(self, suite: str | None = None) -> list[dict[str, Any]]:
        """Newest first."""
        q = sa.select(app_updates).order_by(app_updates.c.id.desc())
        if suite:
            q = q.where(app_updates.c.suite == suite)
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings().all()]

    def app_update(self, suite: str, version: str) -> dict[str, Any] | None:
        q = sa.select(app_updates).where(app_updates.c.suite == suite, app_updates.c.version == version)
        with self.engine.connect() as c:
            row = c.execute(q).mappings().first()
        return dict(row) if row else None


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
