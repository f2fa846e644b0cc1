"""The secure transaction store (encrypted outbox + tamper-evident audit log).

``Store.open(db_path, suite=..., keys=..., config=..., events=...)`` is the full API; ``open_store``
builds one from an initialised data dir, ``open_for_cli`` does that for a CLI handler's context.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.config.schema import Config
from kiosk.events import EventHub
from kiosk.keys import load_device_keys

from .audit import AuditRecord, Checkpoint, VerifyResult
from .store import NotSaved, Store
from .worker import StorageTimeout

DB_FILE = "store.sqlite3"

__all__ = ["DB_FILE", "AuditRecord", "Checkpoint", "NotSaved", "StorageTimeout", "Store", "VerifyResult",
           "open_for_cli", "open_store"]


def open_store(data_dir: str | os.PathLike, config: Config, events: EventHub | None = None, *,
               create: bool = False) -> Store:
    """The store of an initialised data dir (``kiosk init``); never creates one unless asked."""
    data_dir = Path(data_dir)
    keys = load_device_keys(data_dir, config.crypto.suite)
    return Store.open(data_dir / DB_FILE, suite=keys.suite, keys=keys, config=config, events=events, create=create)


def open_for_cli(ctx) -> Store:
    """For a CLI handler: opens the data dir's store and closes it when the command ends."""
    store = open_store(ctx.data_dir, ctx.config)
    ctx.on_close(store.close)
    return store
