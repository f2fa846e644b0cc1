"""Local staff accounts: clerks (协管员/经办员), technicians and administrators.

Passwords are hashed with argon2id (argon2-cffi). Five failed logins lock an account for a while; an
account created with an initial password must change it at first login. Every login, failure, lockout
and change goes to the audit callable the composition root passes in (the store's ``audit``).
Accounts live in their own small SQLite file beside the queue, with the same durability PRAGMAs.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kiosk.errors import StorageError, UserFacingError
from kiosk.store.model import Actor

MAX_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60
USERNAME_RE = re.compile(r"^[a-z][a-z0-9_.-]{2,31}$")

AuditFn = Callable[..., object]  # store.audit(actor, actor_ref, event, outcome, details)


class Role(enum.StrEnum):
    CLERK = "clerk"
    TECHNICIAN = "technician"
    ADMIN = "admin"


ROLE_LABELS = {Role.CLERK: "协管员", Role.TECHNICIAN: "技术员", Role.ADMIN: "管理员"}


class LoginFailed(UserFacingError):
    code = "login_failed"
    message = "用户名或密码错误"


class AccountLocked(UserFacingError):
    code = "account_locked"
    message = "账号已锁定，请稍后再试或联系管理员"


class PasswordChangeRequired(UserFacingError):
    code = "password_change_required"
    message = "首次登录，请先修改初始密码"


class WeakPassword(UserFacingError):
    code = "weak_password"
    message = "密码至少8位，须同时包含字母和数字"


class AccountExists(UserFacingError):
    code = "account_exists"
    message = "该用户名已存在"


class NoSuchAccount(UserFacingError):
    code = "no_such_account"
    message = "没有这个用户"


@dataclass(frozen=True)
class Account:
    username: str
    role: Role
    display_name: str
    must_change_password: bool
    failures: int
    locked_until: float  # epoch seconds; 0 when not locked

    @property
    def actor_ref(self) -> str:
        """How the audit log and transactions name this person: role and login, never a personal ID."""
        return f"{self.role.value}:{self.username}"

    def is_locked(self, now: float) -> bool:
        return self.locked_until > now


def check_password_strength(password: str) -> None:
    if len(password) < 8 or not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        raise WeakPassword(detail="password policy: length >= 8 with letters and digits")


_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
"""


class AccountStore:
    def __init__(
        self,
        db_path: str | Path,
        *,
        audit: AuditFn | None = None,
        clock: Callable[[], float] = time.time,
        hasher: PasswordHasher | None = None,
    ):
        self._path = Path(db_path)
        self._audit = audit
        self._clock = clock
        self._hasher = hasher or PasswordHasher()
        self._lock = threading.Lock()  # logins are rare; one lock around one connection is enough here
        try:
            self._db = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "secure_delete=ON", "foreign_keys=ON"):
                self._db.execute(f"PRAGMA {pragma}")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StorageError(detail=f"cannot open accounts database {self._path}: {exc}") from None
        # verifying against this keeps an unknown username as slow as a wrong password
        self._dummy_hash = self._hasher.hash("not-a-real-password-0")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- queries -------------------------------------------------------------------------------------

    def _row(self, username: str) -> tuple | None:
        return self._db.execute(
            "SELECT username, role, display_name, must_change_password, failures, locked_until, password_hash"
            " FROM accounts WHERE username = ?",
            (username,),
        ).fetchone()

    @staticmethod
    def _account(row: tuple) -> Account:
        return Account(row[0], Role(row[1]), row[2], bool(row[3]), row[4], row[5])

    def get(self, username: str) -> Account:
        with self._lock:
            row = self._row(username)
        if row is None:
            raise NoSuchAccount(detail=f"no account {username!r}")
        return self._account(row)

    def list(self) -> list[Account]:
        with self._lock:
            rows = self._db.execute(
                "SELECT username, role, display_name, must_change_password, failures, locked_until, ''"
                " FROM accounts ORDER BY role, username"
            ).fetchall()
        return [self._account(r) for r in rows]

    # --- changes -------------------------------------------------------------------------------------

    def add(self, username: str, role: Role | str, display_name: str, initial_password: str, *, by: str = "system") -> Account:
        role = Role(role)
        if not USERNAME_RE.match(username):
            raise UserFacingError("用户名须为3-32位小写字母、数字或._-，以字母开头", detail=f"bad username {username!r}")
        check_password_strength(initial_password)
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._lock:
            try:
                self._db.execute(
                    "INSERT INTO accounts (username, role, display_name, password_hash, created_at) VALUES (?,?,?,?,?)",
                    (username, role.value, display_name, self._hasher.hash(initial_password), created),
                )
            except sqlite3.IntegrityError:
                raise AccountExists(detail=f"account {username!r} exists") from None
        self._record(by, "account_created", "ok", {"username": username, "role": role.value})
        return self.get(username)

    def authenticate(self, username: str, password: str) -> Account:
        """The account on success. Raises LoginFailed (with tries left), AccountLocked or
        PasswordChangeRequired (the password was right, but must be changed before any work)."""
        now = self._clock()
        with self._lock:
            row = self._row(username)
            if row is None:
                self._verify(self._dummy_hash, password)
                outcome = "unknown_user"
            else:
                account = self._account(row)
                if account.is_locked(now):
                    outcome = "locked"
                elif self._verify(row[6], password):
                    self._db.execute("UPDATE accounts SET failures = 0, locked_until = 0 WHERE username = ?", (username,))
                    outcome = "ok"
                else:
                    failures = account.failures + 1
                    locked_until = now + LOCKOUT_SECONDS if failures >= MAX_FAILURES else 0
                    self._db.execute(
                        "UPDATE accounts SET failures = ?, locked_until = ? WHERE username = ?",
                        (0 if locked_until else failures, locked_until, username),
                    )
                    outcome = "locked_now" if locked_until else "bad_password"
        self._record(f"{row[1]}:{username}" if row else "system:unknown-user", "login", outcome, {})
        if outcome == "ok":
            account = self.get(username)
            if account.must_change_password:
                raise PasswordChangeRequired(detail=f"{username} still has the initial password")
            return account
        if outcome in ("locked", "locked_now"):
            minutes = max(1, int((self.get(username).locked_until - now + 59) // 60))
            raise AccountLocked(f"密码错误次数过多，账号已锁定，请{minutes}分钟后再试", detail=f"{username} locked")
        if outcome == "bad_password":
            left = MAX_FAILURES - (account.failures + 1)
            raise LoginFailed(f"用户名或密码错误，还可尝试{left}次", detail=f"bad password for {username}")
        raise LoginFailed(detail="unknown username")

    def change_password(self, username: str, old_password: str, new_password: str) -> Account:
        check_password_strength(new_password)
        if old_password == new_password:
            raise WeakPassword("新密码不能与原密码相同", detail="password unchanged")
        try:
            self.authenticate(username, old_password)
        except PasswordChangeRequired:
            pass  # exactly the case this call is for
        with self._lock:
            self._db.execute(
                "UPDATE accounts SET password_hash = ?, must_change_password = 0 WHERE username = ?",
                (self._hasher.hash(new_password), username),
            )
        self._record(self.get(username).actor_ref, "password_changed", "ok", {})
        return self.get(username)

    def reset_password(self, username: str, new_initial_password: str, *, by: str) -> None:
        """An administrator sets a new initial password; the owner must change it at next login."""
        check_password_strength(new_initial_password)
        self.get(username)
        with self._lock:
            self._db.execute(
                "UPDATE accounts SET password_hash = ?, must_change_password = 1, failures = 0, locked_until = 0"
                " WHERE username = ?",
                (self._hasher.hash(new_initial_password), username),
            )
        self._record(by, "password_reset", "ok", {"username": username})

    def unlock(self, username: str, *, by: str) -> None:
        self.get(username)
        with self._lock:
            self._db.execute("UPDATE accounts SET failures = 0, locked_until = 0 WHERE username = ?", (username,))
        self._record(by, "account_unlocked", "ok", {"username": username})

    def remove(self, username: str, *, by: str) -> None:
        self.get(username)
        with self._lock:
            self._db.execute("DELETE FROM accounts WHERE username = ?", (username,))
        self._record(by, "account_removed", "ok", {"username": username})

    # --- helpers -------------------------------------------------------------------------------------

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _record(self, actor_ref: str, event: str, outcome: str, details: dict) -> None:
        if self._audit is None:
            return
        role = actor_ref.split(":", 1)[0]
        actor = Actor(role) if role in Actor._value2member_map_ else Actor.SYSTEM
        self._audit(actor, actor_ref, event, outcome, details)
