"""The store's outbox on real SQLite files: enqueue, states, receipts, purge, stats, events, epochs."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from kiosk.config import Config, replace
from kiosk.events import EventHub, QueueChanged, TransactionQueued
from kiosk.store.model import ItemState
from tests.support.store_kit import fake_txn, new_data_dir, open_item, open_test_store


class Clock:
    def __init__(self, t: float = 1_800_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture(params=["gm", "intl"])
def kit(request, tmp_path):
    data_dir, keys, hub_private = new_data_dir(tmp_path, request.param)
    return data_dir, keys, hub_private


def test_enqueue_is_durable_and_opens_with_the_hub_key(kit):
    data_dir, keys, hub_private = kit
    with open_test_store(data_dir, keys) as store:
        receipts = [store.enqueue(fake_txn(i, image_bytes=2000)) for i in range(5)]
    assert len({r.acceptance_no for r in receipts}) == 5
    assert receipts[0].acceptance_no.startswith("SL") and receipts[0].acceptance_no.endswith("000001")
    assert keys.device_id[-4:] in receipts[0].acceptance_no
    # a second process-like open sees everything and the hub can read it
    with open_test_store(data_dir, keys) as store:
        items = store.claim_batch(100, 10**9)
        assert [i.txn_id for i in items] == [r.txn_id for r in receipts]
        doc = open_item(items[2], hub_private, keys.device_id)
        assert doc["payload"]["n"] == 2
        assert doc["meta"]["acceptance_no"] == receipts[2].acceptance_no
        assert store.verify_audit().ok


def test_pragmas_are_set_on_the_file(kit):
    data_dir, keys, _ = kit
    with open_test_store(data_dir, keys) as store:
        store.enqueue(fake_txn())
        conn = sqlite3.connect(store.path)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        conn.close()


def test_no_personal_data_in_clear_in_the_file(kit):
    data_dir, keys, _ = kit
    with open_test_store(data_dir, keys) as store:
        store.enqueue(fake_txn())
    raw = b"".join(p.read_bytes() for p in data_dir.glob("store.sqlite3*"))
    assert "测试人".encode() not in raw and b"11010119900307001X" not in raw


def test_state_machine_and_receipts(kit):
    data_dir, keys, _ = kit
    with open_test_store(data_dir, keys) as store:
        ids = [store.enqueue(fake_txn(i)).txn_id for i in range(4)]
        batch = store.claim_batch(3, 10**9)
        assert [b.state for b in batch] == [ItemState.SENT] * 3 and batch[0].attempts == 1
        again = store.claim_batch(10, 10**9)  # sent-but-unacknowledged items are re-sent, then the queued one
        assert [b.txn_id for b in again] == ids and again[0].attempts == 2
        applied = store.apply_receipts([(ids[0], "accepted", ""), (ids[1], "duplicate", ""),
                                        (ids[2], "rejected", "材料不全"), ("unknown", "accepted", "")])
        assert applied == {"accepted": 1, "duplicate": 1, "rejected": 1}
        assert store.stats().counts == {"queued": 0, "sent": 1, "acknowledged": 2, "rejected": 1}
        assert [b.txn_id for b in store.claim_batch(10, 10**9)] == [ids[3]]
        # a late receipt cannot move a final item back
        assert store.apply_receipts([(ids[2], "accepted", "")])["accepted"] == 0
        with pytest.raises(ValueError):
            store.apply_receipts([(ids[3], "maybe", "")])


def test_claim_batch_respects_byte_cap_but_always_sends_one(kit):
    data_dir, keys, _ = kit
    with open_test_store(data_dir, keys) as store:
        for i in range(3):
            store.enqueue(fake_txn(i, image_bytes=5000))
        assert len(store.claim_batch(10, 1)) == 1
        assert len(store.claim_batch(10, 15_000)) == 2


def test_purge_only_after_acknowledgement_and_retention(kit):
    data_dir, keys, _ = kit
    clock = Clock()
    with open_test_store(data_dir, keys, clock=clock) as store:
        a, b = (store.enqueue(fake_txn(i, image_bytes=3000)).txn_id for i in range(2))
        store.claim_batch(10, 10**9)
        store.apply_receipts([(a, "accepted", "")])
        assert store.purge_acknowledged() == 0  # retention not reached
        clock.t += 91 * 86400
        assert store.purge_acknowledged() == 1
        assert store.sealed_item(a).sealed == b""
        assert len(store.sealed_item(b).sealed) > 3000  # never acknowledged: kept
        assert store.verify_audit().ok


def test_stats_oldest_age_and_bytes(kit):
    data_dir, keys, _ = kit
    clock = Clock()
    with open_test_store(data_dir, keys, clock=clock) as store:
        assert store.stats().oldest_pending_age_s is None
        store.enqueue(fake_txn(image_bytes=1000))
        clock.t += 120
        stats = store.stats()
        assert stats.oldest_pending_age_s == pytest.approx(120)
        assert stats.pending_bytes == stats.total_bytes > 1000


def test_events_published(kit):
    data_dir, keys, _ = kit
    hub = EventHub()
    seen = []
    hub.subscribe(TransactionQueued, seen.append)
    hub.subscribe(QueueChanged, seen.append)
    with open_test_store(data_dir, keys, events=hub) as store:
        r = store.enqueue(fake_txn())
    assert seen[0] == TransactionQueued(r.txn_id, r.acceptance_no, "YL001")
    assert seen[1] == QueueChanged(1, 0, 0, 0)


def test_epoch_rotates_on_restart_and_every_n_items(kit):
    data_dir, keys, _ = kit
    config = replace(Config(), crypto={"suite": keys.suite, "epoch_max_items": 2})
    with open_test_store(data_dir, keys, config=config) as store:
        for i in range(5):
            store.enqueue(fake_txn(i))
        epochs = [i.epoch_id for i in reversed(store.list_items())]
    assert epochs[0] == epochs[1] != epochs[2] == epochs[3] != epochs[4]
    with open_test_store(data_dir, keys, config=config) as store:
        store.enqueue(fake_txn(9))
        assert store.list_items(1)[0].epoch_id not in epochs


def test_epoch_rotates_after_max_hours(kit):
    data_dir, keys, _ = kit
    clock = Clock()
    config = replace(Config(), crypto={"suite": keys.suite, "epoch_max_hours": 1.0})
    with open_test_store(data_dir, keys, config=config, clock=clock) as store:
        store.enqueue(fake_txn(0))
        clock.t += 3599
        store.enqueue(fake_txn(1))
        clock.t += 2
        store.enqueue(fake_txn(2))
        e = [i.epoch_id for i in reversed(store.list_items())]
    assert e[0] == e[1] != e[2]


def test_new_hub_key_takes_effect_for_the_next_item(kit):
    data_dir, keys, old_private = kit
    from kiosk.crypto import get_suite

    new_hub = get_suite(keys.suite).new_wrap_keypair()
    with open_test_store(data_dir, keys) as store:
        store.enqueue(fake_txn(0))
        store.set_hub_public_key(new_hub.public_text)
        store.enqueue(fake_txn(1))
        first, second = store.claim_batch(10, 10**9)
    assert open_item(first, old_private, keys.device_id)["payload"]["n"] == 0
    assert open_item(second, new_hub.private, keys.device_id)["payload"]["n"] == 1


def test_calls_from_many_threads_are_serialised(kit):
    data_dir, keys, _ = kit
    with open_test_store(data_dir, keys) as store:
        results, errors = [], []

        def worker(k: int) -> None:
            try:
                for i in range(10):
                    results.append(store.enqueue(fake_txn(k * 100 + i)).acceptance_no)
            except Exception as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors
        assert len(set(results)) == 40
        assert store.verify_audit().records == 40 + 1  # plus one epoch record
