"""Run a blocking call (store, device, printer) on a thread pool and deliver the outcome by signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRunnable, QThreadPool

from kiosk.errors import UserCancelled, UserFacingError

log = logging.getLogger(__name__)
GENERIC_MESSAGE = UserFacingError.message


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], on_ok: Callable[[Any], None], on_error: Callable[[str], None]):
        super().__init__()
        self._fn, self._on_ok, self._on_error = fn, on_ok, on_error

    def run(self) -> None:
        try:
            result = self._fn()
        except UserCancelled:
            return
        except UserFacingError as exc:
            log.warning("%s: %s", exc.code, exc.detail)
            self._on_error(exc.message)
        except Exception:  # a bug: log it, show the generic apology, keep the kiosk running
            log.exception("background job failed")
            self._on_error(GENERIC_MESSAGE)
        else:
            self._on_ok(result)


def run_async(pool: QThreadPool, fn: Callable[[], Any], on_ok: Callable[[Any], None],
              on_error: Callable[[str], None]) -> None:
    """``on_ok``/``on_error`` should be bound ``Signal.emit`` methods, so they arrive on the UI thread."""
    pool.start(_Job(fn, on_ok, on_error))
