"""Staff accounts on a real SQLite file: roles, argon2 hashes, lockout with timed release, forced change."""

import sqlite3

import pytest
from argon2 import PasswordHasher

from kiosk.accounts import (
    LOCKOUT_SECONDS,
    MAX_FAILURES,
    AccountExists,
    AccountLocked,
    AccountStore,
    LoginFailed,
    PasswordChangeRequired,
    Role,
    WeakPassword,
)
from kiosk.errors import UserFacingError
from kiosk.store.model import Actor


class Clock:
    def __init__(self):
        self.now = 1_700_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def env(tmp_path):
    clock = Clock()
    audit = []
    store = AccountStore(
        tmp_path / "accounts.db",
        audit=lambda *a: audit.append(a),
        clock=clock,
        hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),  # fast for tests, same algorithm
    )
    store.add("lihua", Role.CLERK, "李华", "Init1234", by="admin:root")
    yield store, clock, audit
    store.close()


def activate(store):
    store.change_password("lihua", "Init1234", "Village2026")


def test_initial_password_must_be_changed_before_work(env):
    store, _, _ = env
    with pytest.raises(PasswordChangeRequired):
        store.authenticate("lihua", "Init1234")
    activate(store)
    account = store.authenticate("lihua", "Village2026")
    assert account.role is Role.CLERK and not account.must_change_password
    assert account.actor_ref == "clerk:lihua"


def test_password_is_stored_as_argon2id_never_in_clear(env, tmp_path):
    store, _, _ = env
    activate(store)
    row = sqlite3.connect(tmp_path / "accounts.db").execute("SELECT password_hash FROM accounts").fetchone()
    assert row[0].startswith("$argon2id$") and "Village2026" not in row[0]


def test_wrong_password_counts_down_then_locks_then_releases(env):
    store, clock, audit = env
    activate(store)
    for attempt in range(1, MAX_FAILURES):
        with pytest.raises(LoginFailed) as info:
            store.authenticate("lihua", "wrong-pass1")
        assert f"还可尝试{MAX_FAILURES - attempt}次" in info.value.message
    with pytest.raises(AccountLocked) as info:
        store.authenticate("lihua", "wrong-pass1")
    assert "15分钟" in info.value.message
    # locked: even the right password is refused
    with pytest.raises(AccountLocked):
        store.authenticate("lihua", "Village2026")
    clock.now += LOCKOUT_SECONDS + 1
    assert store.authenticate("lihua", "Village2026").username == "lihua"
    outcomes = [a[3] for a in audit if a[2] == "login"]
    assert outcomes.count("bad_password") == MAX_FAILURES - 1
    assert outcomes.count("locked_now") == 1 and outcomes.count("locked") == 1 and outcomes[-1] == "ok"
    assert all(a[0] is Actor.CLERK for a in audit if a[2] == "login")


def test_admin_unlock_releases_at_once(env):
    store, _, audit = env
    activate(store)
    for _ in range(MAX_FAILURES):
        with pytest.raises((LoginFailed, AccountLocked)):
            store.authenticate("lihua", "nope-nope1")
    store.unlock("lihua", by="admin:root")
    assert store.authenticate("lihua", "Village2026").failures == 0
    assert ("admin:root", "account_unlocked") in [(a[1], a[2]) for a in audit]


def test_unknown_user_gives_the_same_message_as_a_wrong_password(env):
    store, _, audit = env
    with pytest.raises(LoginFailed) as info:
        store.authenticate("nobody", "whatever1")
    assert info.value.message == "用户名或密码错误"
    assert audit[-1][1:4] == ("system:unknown-user", "login", "unknown_user")


@pytest.mark.parametrize("password", ["short1", "onlyletters", "12345678"])
def test_weak_passwords_are_refused(env, password):
    store, _, _ = env
    with pytest.raises(WeakPassword):
        store.add("wang", Role.TECHNICIAN, "王工", password)


def test_duplicate_and_bad_usernames(env):
    store, _, _ = env
    with pytest.raises(AccountExists):
        store.add("lihua", Role.CLERK, "李华", "Init1234")
    with pytest.raises(UserFacingError) as info:
        store.add("Bad Name", Role.CLERK, "x", "Init1234")
    assert "用户名" in str(info.value)


def test_reset_forces_change_again(env):
    store, _, _ = env
    activate(store)
    store.reset_password("lihua", "Reset9876", by="admin:root")
    with pytest.raises(PasswordChangeRequired):
        store.authenticate("lihua", "Reset9876")
    assert [a.username for a in store.list()] == ["lihua"]
