"""The store behind a thread pool: the UI never waits for the disk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from kiosk.ratings import record_rating_level
from kiosk.store.model import ItemKind

from .jobs import run_async

if TYPE_CHECKING:
    from kiosk.store.model import Transaction


class StoreBridge(QObject):
    saved = Signal(str, object)  # tag, Receipt
    failed = Signal(str, str)  # tag, plain-Chinese message

    def __init__(self, store: Any | None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # keep the villager's items in order

    def enqueue(self, tag: str, txn: Transaction) -> None:
        if self.store is None:
            self.failed.emit(tag, "终端数据存储暂不可用，请到窗口办理")
            return
        run_async(self._pool, lambda: self._enqueue(txn),
                  lambda receipt: self.saved.emit(tag, receipt), lambda msg: self.failed.emit(tag, msg))

    def _enqueue(self, txn: Transaction):
        from kiosk.store import StorageTimeout  # loaded with the store by now; not at start-up

        try:
            receipt = self.store.enqueue(txn)
        except StorageTimeout:
            # the write may still land: ask (in order, after it) rather than tell the villager a guess;
            # the answer is the receipt (已受理) or NotSaved (未保存), or StorageTimeout again (未确认)
            receipt = self.store.confirm(txn)
        if txn.kind is ItemKind.RATING:
            # the level in clear (not personal data) for the village's own monthly 好差评 count
            record_rating_level(self.store.audit, int(txn.payload["level"]), txn.service_code, txn.actor_ref)
        return receipt

    def wait_idle(self, ms: int = 10_000) -> bool:
        return self._pool.waitForDone(ms)
