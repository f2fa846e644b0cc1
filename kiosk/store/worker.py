"""One thread that owns one SQLite connection and serves a request queue.

SQLite connections must not be shared between threads, and one writer keeps the WAL simple: every
database call of the store runs here, callers block on a future with a timeout.

A caller that stops waiting does not stop the request: it stays queued and may still commit. So a timeout
is ``StorageTimeout`` ("not known yet"), never "failed"; requests run strictly in order, so a question asked
after it (``Store.outcome``) is answered only once the late request has finished, and answers truly.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from kiosk.errors import StorageError

T = TypeVar("T")
Request = tuple[Callable[[sqlite3.Connection], Any], Future]


class StorageTimeout(StorageError):
    """The caller stopped waiting; the request may still commit. Ask ``Store.outcome`` before saying anything."""

    code = "storage_timeout"
    message = "终端正忙，办理结果暂未确认，请不要重复办理，稍后到窗口核实"


class DbThread:
    def __init__(self, name: str, connect: Callable[[], sqlite3.Connection], *, timeout_s: float = 60.0):
        self._requests: queue.Queue[Request | None] = queue.Queue()
        self._timeout_s = timeout_s
        self._opened: Future = Future()
        self._thread = threading.Thread(target=self._run, args=(connect,), name=name, daemon=True)
        self._thread.start()
        self._opened.result()  # re-raises the open error (StorageError naming the file) in the caller

    def _run(self, connect: Callable[[], sqlite3.Connection]) -> None:
        try:
            conn = connect()
        except BaseException as exc:
            self._opened.set_exception(exc)
            return
        self._opened.set_result(None)
        try:
            while (request := self._requests.get()) is not None:
                fn, future = request
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(fn(conn))
                except BaseException as exc:
                    future.set_exception(exc)
        finally:
            conn.close()

    def call(self, fn: Callable[[sqlite3.Connection], T], timeout_s: float | None = None) -> T:
        if not self._thread.is_alive():
            raise StorageError(detail="the store is closed")
        future: Future = Future()
        self._requests.put((fn, future))
        try:
            return future.result(timeout_s or self._timeout_s)
        except TimeoutError:
            raise StorageTimeout(detail=f"store request still pending after {timeout_s or self._timeout_s} s; "
                                        "it may yet complete") from None

    def close(self) -> None:
        if self._thread.is_alive():
            self._requests.put(None)
            self._thread.join(timeout=self._timeout_s)
