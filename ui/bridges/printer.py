"""Receipt printing off the UI thread: render the PDF on a pool thread, print on the printer's worker."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from .jobs import run_async

log = logging.getLogger(__name__)


class PrinterBridge(QObject):
    done = Signal(str)  # plain Chinese: printed, or why not (the receipt stays on screen either way)

    def __init__(self, printer: Any, config: Any, *, sign: Callable[[bytes], bytes] | None = None,
                 device_id: str = "", parent: QObject | None = None):
        super().__init__(parent)
        from drivers.printer.worker import PrinterWorker

        self.worker = PrinterWorker(printer)
        self.config = config
        self.sign = sign
        self.device_id = device_id or "kiosk"
        self.ok = True
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def qr_text(self, acceptance_no: str, service_code: str, today: dt.date) -> str:
        """Signed by the terminal when a device key is there (the hub can verify it); else the bare number."""
        if self.sign is None or not service_code:
            return acceptance_no
        from drivers.printer.receipt_code import ReceiptCode, build_receipt_code

        return build_receipt_code(ReceiptCode(acceptance_no, self.device_id, service_code, today), self.sign)

    def print_receipt(self, receipt: dict) -> None:
        def render_and_print() -> str:
            from drivers.printer.documents import Receipt
            from drivers.printer.render import render_in_child

            doc = Receipt(acceptance_no=receipt["acceptance_no"], service_name=receipt["service"],
                          accepted_at=dt.datetime.strptime(receipt["date"], "%Y-%m-%d %H:%M"),
                          time_limit=f"{receipt['time_limit_days']}个工作日" if receipt.get("time_limit_days") else "",
                          qr_text=receipt["qr"], device_name=self.config.kiosk.device_name,
                          office=f"{self.config.kiosk.county}人力资源和社会保障局",
                          notes=tuple(receipt.get("assisted", ())))  # 帮办: the way and the clerk
            # in a child process: the app never holds reportlab's ~97 MB of CJK fonts
            pdf = render_in_child(doc, paper_width_mm=self.config.printer.paper_width_mm)
            self.worker.print_pdf(pdf, title=doc.pdf_title()).result(timeout=60)
            return "回执已打印，请取走"

        run_async(self._pool, render_and_print, self.done.emit, self.done.emit)

    def stop(self) -> None:
        self._pool.waitForDone(10_000)
        self.worker.close()
