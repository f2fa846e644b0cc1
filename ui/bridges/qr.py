"""The receipt's QR off the UI thread: the SM2 signature of its text (pure-Python gmalg, 50–230 ms) is made
on the 'receipt-qr' thread, and the picture is drawn by the image provider on Qt's image-loading thread
(Receipt.qml's Image is ``asynchronous``; ``qr_image`` shares nothing, so that is safe)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import unquote

import qrcode
from PySide6.QtCore import QObject, QSize, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

from .jobs import run_async

log = logging.getLogger(__name__)
THREAD_NAME = "receipt-qr"


def qr_image(text: str, box: int = 10) -> QImage:
    code = qrcode.QRCode(border=2, box_size=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    matrix = code.get_matrix()
    n = len(matrix)
    image = QImage(n * box, n * box, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, cell in enumerate(row):
            if cell:
                painter.fillRect(x * box, y * box, box, box, QColor("black"))
    painter.end()
    return image


class QrImages(QQuickImageProvider):
    def __init__(self):
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, ident: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802 (Qt API)
        image = qr_image(unquote(ident))
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image


class ReceiptSigner(QObject):
    """Fills a receipt's ``qr`` on its own thread and hands the receipt back by a queued signal."""

    signed = Signal(dict)  # the receipt dict with "qr" set

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setObjectName(THREAD_NAME)

    def sign(self, receipt: dict, qr_text: Callable[[], str]) -> None:
        def signed_receipt() -> dict:
            try:
                return {**receipt, "qr": qr_text()}
            except Exception:  # a bug in signing must not cost the villager the receipt: the bare number
                log.exception("signing the receipt QR failed; showing the bare acceptance number")
                return {**receipt, "qr": receipt["acceptance_no"]}

        run_async(self._pool, signed_receipt, self.signed.emit, log.error)

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """For shutdown and tests: True once no signature is being made."""
        return self._pool.waitForDone(timeout_ms)
