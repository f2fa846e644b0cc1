"""The printer's one named worker thread (style guide §4): every call into CUPS happens there."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

from .base import PrintedJob, Printer, PrinterStatus

THREAD_NAME = "dev-printer"


class PrinterWorker:
    """Runs a ``Printer``'s blocking calls on ``dev-printer`` and hands back futures, so the UI never waits."""

    def __init__(self, printer: Printer):
        self.printer = printer
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_NAME)

    def status(self) -> Future[PrinterStatus]:
        return self._executor.submit(self._on_thread, self.printer.status)

    def print_pdf(self, pdf: bytes, *, title: str) -> Future[PrintedJob]:
        return self._executor.submit(self._on_thread, self.printer.print_pdf, pdf, title=title)

    @staticmethod
    def _on_thread(fn, *args, **kwargs):
        assert threading.current_thread().name.startswith(THREAD_NAME), "printer call off its thread"
        return fn(*args, **kwargs)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
