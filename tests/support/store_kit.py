"""Test helpers for the store: a data dir with keys, a fake transaction, opening items with the hub key."""

from __future__ import annotations

from pathlib import Path

from kiosk.crypto.sealing import open_sealed
from kiosk.keys import DeviceKeys, create_device_keys, read_escrowed_hub_private_key
from kiosk.store import DB_FILE, Store
from kiosk.store.model import Attachment, ItemKind, OutboxItem, Transaction


def new_data_dir(root: Path, suite: str) -> tuple[Path, DeviceKeys, bytes]:
    """Keys for a fresh data dir, with a stand-alone hub whose private key the test keeps."""
    keys, _escrow = create_device_keys(root, suite)
    return root, keys, read_escrowed_hub_private_key(root)


def open_test_store(data_dir: Path, keys: DeviceKeys, **kwargs) -> Store:
    return Store.open(data_dir / DB_FILE, suite=keys.suite, keys=keys, **kwargs)


def fake_txn(i: int = 0, *, image_bytes: int = 0, service_code: str = "YL001") -> Transaction:
    attachments = (Attachment("photo", "image/jpeg", bytes([i % 256]) * image_bytes),) if image_bytes else ()
    return Transaction(ItemKind.APPLICATION, service_code, {"name": "测试人", "id_number": "11010119900307001X", "n": i},
                       attachments, actor_ref=f"p:test{i}")


def open_item(item: OutboxItem, hub_private: bytes, device_id: str) -> dict:
    return open_sealed(item.sealed, hub_private, txn_id=item.txn_id, kind=item.kind, service_code=item.service_code,
                       device_id=device_id)
