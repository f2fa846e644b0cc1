"""The audit log detects edit, deletion, reordering, insertion and truncation behind a checkpoint."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.store.audit import GENESIS_HASH, make_record
from kiosk.store.model import Actor
from tests.support.store_kit import fake_txn, new_data_dir, open_test_store


@pytest.fixture(params=["gm", "intl"])
def populated(request, tmp_path):
    data_dir, keys, _ = new_data_dir(tmp_path, request.param)
    with open_test_store(data_dir, keys) as store:
        for i in range(6):
            store.enqueue(fake_txn(i))
        store.audit(Actor.CLERK, "clerk:zhang", "clerk.login", "ok", {"terminal": 1})
        assert store.verify_audit().summary() == "ok 8 records"
    return data_dir, keys


def _tamper(store_path, *statements):
    conn = sqlite3.connect(store_path, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    conn.execute("PRAGMA foreign_keys=OFF")
    for sql, args in statements:
        conn.execute(sql, args)
    conn.close()


def _verify(data_dir, keys):
    with open_test_store(data_dir, keys) as store:
        return store.verify_audit()


def test_append_only_triggers_refuse_plain_edits(populated):
    data_dir, keys = populated
    conn = sqlite3.connect(data_dir / "store.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET outcome = 'fail' WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit WHERE seq = 2")
    conn.close()


@pytest.mark.parametrize("column,value", [("outcome", "fail"), ("actor_ref", "p:someone"), ("event", "x"),
                                          ("time", "2020-01-01T00:00:00.000Z"), ("details_hash", "00" * 32)])
def test_edit_any_field_names_the_record(populated, column, value):
    data_dir, keys = populated
    _tamper(data_dir / "store.sqlite3", (f"UPDATE audit SET {column} = ? WHERE seq = 4", (value,)))
    result = _verify(data_dir, keys)
    assert not result.ok and result.first_bad_seq == 4


def test_deletion_in_the_middle(populated):
    data_dir, keys = populated
    _tamper(data_dir / "store.sqlite3", ("DELETE FROM audit WHERE seq = 3", ()))
    result = _verify(data_dir, keys)
    assert (result.ok, result.first_bad_seq) == (False, 3) and "missing" in result.reason


def test_reordering_two_records(populated):
    data_dir, keys = populated
    _tamper(data_dir / "store.sqlite3",
            ("UPDATE audit SET seq = -5 WHERE seq = 5", ()),
            ("UPDATE audit SET seq = 5 WHERE seq = 6", ()),
            ("UPDATE audit SET seq = 6 WHERE seq = -5", ()))
    result = _verify(data_dir, keys)
    assert (result.ok, result.first_bad_seq) == (False, 5)


def test_insertion_with_a_guessed_mac(populated):
    """An inserted record (renumbering the rest) fails at the insertion point even with a valid MAC shape."""
    data_dir, keys = populated
    conn = sqlite3.connect(data_dir / "store.sqlite3")
    (prev,) = conn.execute("SELECT hash FROM audit WHERE seq = 2").fetchone()
    conn.close()
    from kiosk.crypto import get_suite

    forged = make_record(get_suite(keys.suite), b"\x00" * 32, seq=3, time="2026-01-01T00:00:00.000Z",
                         actor="clerk", actor_ref="clerk:x", event="txn.enqueued", outcome="ok", details={},
                         prev_hash=prev)
    rows = [("UPDATE audit SET seq = seq + 1000 WHERE seq >= 3", ()),
            ("UPDATE audit SET seq = seq - 999 WHERE seq >= 1000", ()),
            ("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tuple(forged.__dict__.values()))]
    _tamper(data_dir / "store.sqlite3", *rows)
    result = _verify(data_dir, keys)
    assert (result.ok, result.first_bad_seq) == (False, 3) and "MAC" in result.reason


def test_appended_forgery_without_the_key(populated):
    data_dir, keys = populated
    conn = sqlite3.connect(data_dir / "store.sqlite3")
    (prev,) = conn.execute("SELECT hash FROM audit WHERE seq = 8").fetchone()
    conn.close()
    from kiosk.crypto import get_suite

    forged = make_record(get_suite(keys.suite), b"wrong key".ljust(32, b"!"), seq=9, time="t", actor="system",
                         actor_ref="x", event="e", outcome="ok", details={}, prev_hash=prev)
    _tamper(data_dir / "store.sqlite3", ("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                          tuple(forged.__dict__.values())))
    assert _verify(data_dir, keys).first_bad_seq == 9


def test_truncation_behind_the_last_checkpoint(populated):
    data_dir, keys = populated  # closing the store wrote a checkpoint at seq 8
    _tamper(data_dir / "store.sqlite3", ("DELETE FROM audit WHERE seq >= 7", ()))
    result = _verify(data_dir, keys)
    assert (result.ok, result.first_bad_seq) == (False, 7) and "truncated" in result.reason


def test_truncation_and_rechaining_cannot_match_the_checkpoint(populated):
    data_dir, keys = populated
    _tamper(data_dir / "store.sqlite3", ("UPDATE checkpoints SET head_hash = ?", (GENESIS_HASH,)))
    result = _verify(data_dir, keys)
    assert not result.ok and "signature" in result.reason


def test_checkpoint_signature_verifies_with_the_device_public_key(populated):
    data_dir, keys = populated
    with open_test_store(data_dir, keys) as store:
        cp = store.checkpoint()
        from kiosk.crypto import get_suite
        from kiosk.store.audit import checkpoint_message

        suite = get_suite(keys.suite)
        msg = checkpoint_message(cp.device_id, cp.seq, cp.head_hash, cp.time)
        assert suite.verify(keys.signing_public, msg, cp.signature)
        assert cp.head_hash == store.audit_records()[-1].hash


def test_records_hold_no_details_in_clear(populated):
    data_dir, keys = populated
    with open_test_store(data_dir, keys) as store:
        store.audit(Actor.VILLAGER, "p:abc", "card.read", "ok", {"id_number": "110101199003071234"})
        raw = (data_dir / "store.sqlite3").read_bytes() + (data_dir / "store.sqlite3-wal").read_bytes()
    assert b"110101199003071234" not in raw
