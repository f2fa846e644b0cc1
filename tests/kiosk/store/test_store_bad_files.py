"""Corrupt, foreign or mismatched files: a clear StorageError naming the file, and nothing overwritten."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from kiosk.errors import ConfigError, StorageError
from kiosk.keys import create_device_keys, load_device_keys
from tests.support.store_kit import fake_txn, new_data_dir, open_test_store


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def kit(tmp_path):
    return new_data_dir(tmp_path, "intl")


def test_text_file_in_place_of_the_database(kit):
    data_dir, keys, _ = kit
    db = data_dir / "store.sqlite3"
    db.write_text("这不是数据库 " * 200)
    before = _digest(db)
    with pytest.raises(StorageError) as err:
        open_test_store(data_dir, keys)
    assert str(db) in err.value.detail and _digest(db) == before
    assert err.value.message == "终端数据存储出错，请联系管理员"


def test_sqlite_file_of_another_application(kit):
    data_dir, keys, _ = kit
    db = data_dir / "store.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB)")
    conn.commit()
    conn.close()
    before = _digest(db)
    with pytest.raises(StorageError, match="another application") as err:
        open_test_store(data_dir, keys)
    assert str(db) in err.value.detail and _digest(db) == before


def test_corrupted_pages_fail_integrity_check(kit):
    data_dir, keys, _ = kit
    with open_test_store(data_dir, keys) as store:
        for i in range(40):
            store.enqueue(fake_txn(i, image_bytes=3000))
    conn = sqlite3.connect(data_dir / "store.sqlite3")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    db = data_dir / "store.sqlite3"
    data = bytearray(db.read_bytes())
    for page in (2, 3, 5):  # scribble over b-tree pages, leaving the header page intact
        start = page * page_size + 8
        data[start:start + 200] = b"\xa5" * 200
    db.write_bytes(bytes(data))
    before = _digest(db)
    with pytest.raises(StorageError) as err:
        open_test_store(data_dir, keys)
    assert str(db) in err.value.detail and _digest(db) == before


def test_wrong_keys_for_this_database(kit, tmp_path):
    data_dir, keys, _ = kit
    with open_test_store(data_dir, keys) as store:
        store.enqueue(fake_txn())
    other_keys, _ = create_device_keys(tmp_path / "other", "intl")
    with pytest.raises(StorageError, match="belongs to other keys") as err:
        open_test_store(data_dir, other_keys)
    assert str(data_dir / "store.sqlite3") in err.value.detail
    with open_test_store(data_dir, keys) as store:  # still intact for the right keys
        assert store.stats().counts["queued"] == 1 and store.verify_audit().ok


def test_missing_database_is_not_created_when_not_asked(kit):
    data_dir, keys, _ = kit
    with pytest.raises(StorageError, match="kiosk init"):
        open_test_store(data_dir, keys, create=False)
    assert not (data_dir / "store.sqlite3").exists()


def test_missing_or_damaged_key_files_name_the_file(kit):
    data_dir, keys, _ = kit
    (data_dir / "keys" / "audit-mac.key").write_text("zz")
    with pytest.raises(ConfigError) as err:
        load_device_keys(data_dir)
    assert "audit-mac.key" in err.value.detail
    (data_dir / "keys" / "device-signing.key").unlink()
    with pytest.raises(ConfigError, match="device-signing.key"):
        load_device_keys(data_dir)


def test_keys_never_overwritten(kit):
    data_dir, keys, _ = kit
    before = _digest(data_dir / "keys" / "audit-mac.key")
    with pytest.raises(StorageError, match="refusing to overwrite"):
        create_device_keys(data_dir, "intl")
    assert _digest(data_dir / "keys" / "audit-mac.key") == before


def test_suite_mismatch_between_config_and_keys(kit):
    data_dir, _keys, _ = kit
    with pytest.raises(ConfigError, match="suite"):
        load_device_keys(data_dir, "gm")


def test_key_files_are_private(kit):
    data_dir, _keys, _ = kit
    for path in (data_dir / "keys").iterdir():
        assert path.stat().st_mode & 0o077 == 0, path
