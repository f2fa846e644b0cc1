"""Opening the store's SQLite file: PRAGMAs, identity and integrity checks, versioned migrations.

Every failure names the file and never recreates over data: a file that is not a database, a database
of another application, a failed ``integrity_check`` or a schema newer than this code all raise
``StorageError``. Only a missing or empty file is initialised.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from kiosk.errors import StorageError, StorageFull

APPLICATION_ID = 0x4B534B31  # "KSK1": marks the file as this kiosk's store

# Migration n takes user_version n-1 to n. Append only; never edit a released step.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_ref TEXT NOT NULL,
        event TEXT NOT NULL,
        outcome TEXT NOT NULL,
        details_hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        mac TEXT NOT NULL
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        time TEXT NOT NULL,
        signature TEXT NOT NULL
    );
    CREATE TABLE items (
        txn_id TEXT PRIMARY KEY,
        acceptance_no TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        service_code TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_ts REAL NOT NULL,
        epoch_id TEXT NOT NULL,
        sealed BLOB NOT NULL,
        size INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'acknowledged', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_sent_ts REAL,
        acked_ts REAL,
        reason TEXT NOT NULL DEFAULT '',
        purged INTEGER NOT NULL DEFAULT 0,
        audit_seq INTEGER NOT NULL REFERENCES audit(seq)
    );
    CREATE INDEX items_by_state ON items(state, created_ts);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
    "PRAGMA foreign_keys=ON",
)


def storage_error(exc: BaseException, path: Path, doing: str) -> StorageError:
    """Map an sqlite3 / OS error to the user-facing kind: a full disk is StorageFull, the rest StorageError."""
    code = getattr(exc, "sqlite_errorcode", None)
    full = (code is not None and code & 0xFF == sqlite3.SQLITE_FULL) or getattr(exc, "errno", None) == errno.ENOSPC \
        or "disk is full" in str(exc)
    detail = f"{path}: {doing} failed: {type(exc).__name__}: {exc}"
    return StorageFull(detail=detail) if full else StorageError(detail=detail)


def apply_pragmas(conn: sqlite3.Connection) -> None:
    for pragma in PRAGMAS:
        conn.execute(pragma)
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        raise sqlite3.OperationalError(f"journal_mode is {mode}, not wal")


def connect(path: Path, *, create: bool, busy_timeout_s: float = 10.0) -> sqlite3.Connection:
    """Open, check and migrate the store at ``path``. Raises StorageError naming the file."""
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise StorageError(detail=f"store database {path} does not exist; run `kiosk init` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=True,
                               timeout=busy_timeout_s)
    except sqlite3.Error as exc:
        raise storage_error(exc, path, "opening") from None
    try:
        _check_and_migrate(conn, path)
    except StorageError:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:  # "file is not a database", I/O errors, a full disk while migrating
        conn.close()
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise StorageError(detail=f"{path} is not a kiosk store database or is damaged ({exc}); "
                                      "it was left untouched") from None
        raise storage_error(exc, path, "opening") from None
    return conn


def _check_and_migrate(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and tables:
        raise StorageError(detail=f"{path} is an SQLite database of another application "
                                  f"(application_id {app_id:#x}); it was left untouched")
    apply_pragmas(conn)
    result = conn.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        first = "; ".join(r[0] for r in result[:3])
        raise StorageError(detail=f"{path} failed integrity_check: {first}; it was left untouched")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StorageError(detail=f"{path} has schema version {version}, newer than this program's "
                                  f"{SCHEMA_VERSION}; update the kiosk software")
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[target - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration into statements (trigger bodies contain ';', so split on complete statements)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out
