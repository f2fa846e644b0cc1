"""The clerk's ledger book on the kiosk: encrypted drafts and which months were reported.

Queued items are sealed to the hub, so the kiosk cannot read back what it sent. Drafts (half-filled
forms about villagers) are therefore kept here, encrypted under a key derived from the clerk's own
password with argon2id: only that clerk, logged in, can read them; a stolen disk shows nothing.
What stays in clear is non-personal: ledger code, period, counts and times.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw

from kiosk.crypto import CryptoError, Suite
from kiosk.errors import StorageError, UserFacingError

BOOK_FILE = "ledgers.sqlite3"
NONCE_SIZE = 12


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost; RFC 9106's second recommended option scaled to a kiosk (≈50 ms, 19 MiB)."""

    time_cost: int = 2
    memory_kib: int = 19 * 1024
    parallelism: int = 1


class DraftLocked(UserFacingError):
    code = "draft_locked"
    message = "草稿无法打开：请用填写草稿的协管员账号登录"


@dataclass
class DraftKey:
    """A clerk's draft key while they are logged in; ``wipe()`` it at logout or idle timeout."""

    username: str
    key: bytearray = field(repr=False)

    def wipe(self) -> None:
        for i in range(len(self.key)):
            self.key[i] = 0
        self.key = bytearray()


@dataclass(frozen=True)
class Draft:
    draft_id: str
    ledger_code: str
    period: str
    values: dict[str, Any] = field(repr=False)
    updated_at: float


_SCHEMA = """
CREATE TABLE IF NOT EXISTS draft_keys (
    username TEXT PRIMARY KEY,
    salt BLOB NOT NULL,
    check_nonce BLOB NOT NULL,
    check_ct BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS drafts (
    draft_id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    ledger_code TEXT NOT NULL,
    period TEXT NOT NULL,
    nonce BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    txn_id TEXT PRIMARY KEY,
    ledger_code TEXT NOT NULL,
    period TEXT NOT NULL,
    action TEXT NOT NULL,            -- 'entry' or 'close'
    submitted_at REAL NOT NULL
);
"""


class LedgerBook:
    def __init__(self, path: str | os.PathLike, suite: Suite, *, clock: Callable[[], float] = time.time,
                 kdf: KdfParams = KdfParams()):
        self.path = Path(path)
        self._suite = suite
        self._clock = clock
        self._kdf = kdf
        self._lock = threading.Lock()  # a clerk's few clicks a minute: one connection behind a lock suffices
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "secure_delete=ON"):
                self._db.execute(f"PRAGMA {pragma}")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StorageError(detail=f"cannot open ledger book {self.path}: {exc}") from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- keys -------------------------------------------------------------------------------------------

    def _derive(self, password: str, salt: bytes) -> bytearray:
        return bytearray(hash_secret_raw(password.encode("utf-8"), salt, time_cost=self._kdf.time_cost,
                                         memory_cost=self._kdf.memory_kib, parallelism=self._kdf.parallelism,
                                         hash_len=self._suite.data_key_size, type=Type.ID))

    def _check_aad(self, username: str) -> bytes:
        return b"ledger-draft-key-check|" + username.encode()

    def unlock(self, username: str, password: str) -> DraftKey:
        """The clerk's draft key. Call after ``AccountStore.authenticate`` succeeded: the first call for a
        clerk creates their salt; a later call with another password raises DraftLocked."""
        with self._lock:
            row = self._db.execute("SELECT salt, check_nonce, check_ct FROM draft_keys WHERE username = ?",
                                   (username,)).fetchone()
        if row is None:
            salt, nonce = os.urandom(16), os.urandom(NONCE_SIZE)
            key = self._derive(password, salt)
            check = self._suite.aead_encrypt(bytes(key), nonce, b"", self._check_aad(username))
            with self._lock:
                self._db.execute("INSERT OR IGNORE INTO draft_keys VALUES (?, ?, ?, ?)", (username, salt, nonce, check))
                (stored,) = self._db.execute("SELECT salt FROM draft_keys WHERE username = ?", (username,)).fetchone()
            if stored == salt:
                return DraftKey(username, key)
            return self.unlock(username, password)  # another thread made the salt first: check against it
        key = self._derive(password, row[0])
        try:
            self._suite.aead_decrypt(bytes(key), row[1], row[2], self._check_aad(username))
        except CryptoError:
            raise DraftLocked(detail=f"draft key check failed for {username}") from None
        return DraftKey(username, key)

    def rekey(self, old: DraftKey, new_password: str) -> DraftKey:
        """After a password change: re-encrypt this clerk's drafts under the new password's key."""
        drafts = self.drafts(old)
        with self._lock:
            self._db.execute("DELETE FROM draft_keys WHERE username = ?", (old.username,))
        new = self.unlock(old.username, new_password)
        for d in drafts:
            self.save_draft(new, d.ledger_code, d.period, d.values, draft_id=d.draft_id)
        return new

    # --- drafts -----------------------------------------------------------------------------------------

    @staticmethod
    def _aad(username: str, draft_id: str, ledger_code: str, period: str) -> bytes:
        # binds the ciphertext to its row: a draft copied onto another clerk's or month's row will not open
        return "|".join(("ledger-draft", username, draft_id, ledger_code, period)).encode()

    def save_draft(self, key: DraftKey, ledger_code: str, period: str, values: dict[str, Any],
                   draft_id: str | None = None) -> str:
        draft_id = draft_id or uuid.uuid4().hex
        nonce = os.urandom(NONCE_SIZE)
        plain = json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")
        ct = self._suite.aead_encrypt(bytes(key.key), nonce, plain, self._aad(key.username, draft_id, ledger_code, period))
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (draft_id, key.username, ledger_code, period, nonce, ct, self._clock()))
        return draft_id

    def drafts(self, key: DraftKey, ledger_code: str | None = None, period: str | None = None) -> list[Draft]:
        """This clerk's drafts, decrypted, oldest first."""
        query, args = "SELECT draft_id, ledger_code, period, nonce, ciphertext, updated_at FROM drafts WHERE username = ?", [key.username]
        if ledger_code:
            query, args = query + " AND ledger_code = ?", [*args, ledger_code]
        if period:
            query, args = query + " AND period = ?", [*args, period]
        with self._lock:
            rows = self._db.execute(query + " ORDER BY updated_at, draft_id", args).fetchall()
        out = []
        for draft_id, code, per, nonce, ct, updated in rows:
            try:
                plain = self._suite.aead_decrypt(bytes(key.key), nonce, ct, self._aad(key.username, draft_id, code, per))
            except CryptoError:
                raise DraftLocked(detail=f"draft {draft_id} does not open with {key.username}'s key") from None
            out.append(Draft(draft_id, code, per, json.loads(plain), updated))
        return out

    def draft(self, key: DraftKey, draft_id: str) -> Draft:
        for d in self.drafts(key):
            if d.draft_id == draft_id:
                return d
        raise UserFacingError("没有这份草稿", detail=f"no draft {draft_id} for {key.username}", code="no_draft")

    def discard_draft(self, key: DraftKey, draft_id: str) -> bool:
        with self._lock:
            cur = self._db.execute("DELETE FROM drafts WHERE draft_id = ? AND username = ?", (draft_id, key.username))
        return cur.rowcount > 0

    def draft_count(self, username: str) -> int:
        """How many drafts a clerk has (for the home screen before the key is unlocked)."""
        with self._lock:
            return self._db.execute("SELECT count(*) FROM drafts WHERE username = ?", (username,)).fetchone()[0]

    # --- what was reported ---------------------------------------------------------------------------------

    def record_submission(self, txn_id: str, ledger_code: str, period: str, action: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO submissions VALUES (?, ?, ?, ?, ?)",
                             (txn_id, ledger_code, period, action, self._clock()))

    def closed_periods(self) -> set[tuple[str, str]]:
        with self._lock:
            rows = self._db.execute("SELECT DISTINCT ledger_code, period FROM submissions WHERE action = 'close'")
            return {(c, p) for c, p in rows}

    def entry_counts(self, period: str) -> dict[str, int]:
        """Entries submitted per ledger for a period (the clerk screen's progress line)."""
        with self._lock:
            rows = self._db.execute("SELECT ledger_code, count(*) FROM submissions WHERE period = ? AND action = 'entry'"
                                    " GROUP BY ledger_code", (period,)).fetchall()
        return dict(rows)
