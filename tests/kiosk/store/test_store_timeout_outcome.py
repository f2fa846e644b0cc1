"""A caller that stops waiting is never told a guess: the outcome of a timed-out enqueue is asked, not assumed.

Real SQLite files. The store's thread is made slow the way it happens on a kiosk: another connection (a CLI
command in another process) holds the write lock, so the enqueue's BEGIN IMMEDIATE waits past the caller's
timeout. No sleeps: the test releases the lock itself, and ``outcome`` queues behind the late enqueue.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from kiosk.config import Config, replace
from kiosk.store import DB_FILE, NotSaved, StorageTimeout
from kiosk.store.model import ItemKind, Transaction
from tests.support.store_kit import fake_txn, new_data_dir, open_test_store

CALLER_TIMEOUT_S = 0.2


@contextmanager
def write_lock_held(db_path) -> Iterator[sqlite3.Connection]:
    """Another connection holding the write lock until the block ends (then it rolls back)."""
    other = sqlite3.connect(db_path, isolation_level=None, timeout=5)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield other
        other.execute("ROLLBACK")
    finally:
        other.close()


def kept_rows(db_path, txn_id: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        items = conn.execute("SELECT acceptance_no FROM items WHERE txn_id = ?", (txn_id,)).fetchall()
        audits = conn.execute("SELECT count(*) FROM audit WHERE event = 'txn.enqueued'").fetchone()[0]
    return [*items, ("audit", audits)]


@pytest.fixture
def store_with(tmp_path):
    """``store_with(busy_timeout_s)`` → (store, db path); every store opened is closed after the test."""
    opened = []

    def make(busy_timeout_s: float):
        data_dir, keys, _ = new_data_dir(tmp_path, "intl")
        config = replace(Config(), store={"busy_timeout_s": busy_timeout_s, "min_free_mb": 0})
        store = open_test_store(data_dir, keys, config=config)
        opened.append(store)
        store.audit("system", "test", "test.opened", "ok", {})  # the file has its schema before the lock
        return store, data_dir / DB_FILE

    yield make
    for store in opened:
        store.close()


def test_the_commit_that_lands_after_the_timeout_is_reported_and_never_doubled(store_with):
    store, db_path = store_with(busy_timeout_s=30)
    txn = fake_txn(1)
    with write_lock_held(db_path):
        with pytest.raises(StorageTimeout) as timed_out:
            store.enqueue(txn, timeout_s=CALLER_TIMEOUT_S)
        assert "暂未确认" in timed_out.value.message  # not "failed": the villager must not apply again
        # still blocked behind the lock: asking now is "not known yet" again, not a wrong "no"
        with pytest.raises(StorageTimeout):
            store.outcome(txn.txn_id, timeout_s=CALLER_TIMEOUT_S)
    # lock released: the late enqueue commits, and the question queued after it sees that commit
    receipt = store.outcome(txn.txn_id, timeout_s=10)
    assert receipt is not None and receipt.txn_id == txn.txn_id
    assert store.confirm(txn, timeout_s=10) == receipt
    again = store.enqueue(txn, timeout_s=10)  # the villager's retry: the same 办件, not a second one
    assert again == receipt
    assert kept_rows(db_path, txn.txn_id) == [(receipt.acceptance_no,), ("audit", 1)]
    assert len(store.list_items()) == 1


def test_an_enqueue_that_gave_up_is_reported_not_saved_and_a_retry_keeps_exactly_one(store_with):
    store, db_path = store_with(busy_timeout_s=0.5)
    txn = fake_txn(2)
    with write_lock_held(db_path):
        with pytest.raises(StorageTimeout):
            store.enqueue(txn, timeout_s=CALLER_TIMEOUT_S)
        # answered once the store's thread has given up on the lock (its busy timeout), lock still held
        assert store.outcome(txn.txn_id, timeout_s=10) is None
        with pytest.raises(NotSaved) as not_saved:
            store.confirm(txn, timeout_s=10)
        assert "未保存" in not_saved.value.message
    receipt = store.enqueue(txn, timeout_s=10)
    assert store.enqueue(txn, timeout_s=10) == receipt
    assert kept_rows(db_path, txn.txn_id) == [(receipt.acceptance_no,), ("audit", 1)]


def test_the_same_id_for_a_different_service_is_a_bug_not_a_merge(store_with):
    store, _ = store_with(busy_timeout_s=1)
    first = fake_txn(3)
    store.enqueue(first)
    other = Transaction(ItemKind.RATING, "YL002", {"level": 5}, txn_id=first.txn_id)
    with pytest.raises(ValueError, match="already kept"):
        store.enqueue(other)
    assert len(store.list_items()) == 1


def test_outcome_survives_a_restart(store_with):
    store, db_path = store_with(busy_timeout_s=1)
    txn = fake_txn(4)
    receipt = store.enqueue(txn)
    keys = store.keys
    store.close()
    with open_test_store(db_path.parent, keys) as reopened:
        assert reopened.outcome(txn.txn_id) == receipt
        assert reopened.outcome("0" * 32) is None
        assert reopened.enqueue(txn) == receipt
        assert len(reopened.list_items()) == 1


class ReleasesLockOnTimeout:
    """The real store, seen by the touchscreen's bridge; the first StorageTimeout frees the held write lock,
    so the late write lands while the bridge asks (the test's hand on the lock, not a sleep)."""

    def __init__(self, store, lock: sqlite3.Connection):
        self._store, self._lock = store, lock
        self.timeouts = 0

    def enqueue(self, txn):
        try:
            return self._store.enqueue(txn)
        except StorageTimeout:
            self.timeouts += 1
            self._lock.execute("ROLLBACK")
            raise

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_the_touchscreen_bridge_says_accepted_when_the_late_write_landed(tmp_path, qapp):
    from ui.bridges.store import StoreBridge

    data_dir, keys, _ = new_data_dir(tmp_path, "intl")
    config = replace(Config(), store={"call_timeout_s": 1.0, "busy_timeout_s": 30, "min_free_mb": 0})
    txn = fake_txn(5)
    with open_test_store(data_dir, keys, config=config) as store:
        store.audit("system", "test", "test.opened", "ok", {})
        lock = sqlite3.connect(data_dir / DB_FILE, isolation_level=None)
        try:
            lock.execute("BEGIN IMMEDIATE")
            seen = ReleasesLockOnTimeout(store, lock)
            receipt = StoreBridge(seen)._enqueue(txn)  # what the pool thread runs; 已受理 on this receipt
        finally:
            lock.close()
        assert seen.timeouts == 1
        assert receipt == store.outcome(txn.txn_id) and receipt.txn_id == txn.txn_id
        assert len(store.list_items()) == 1
