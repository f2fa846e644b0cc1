"""The receipt is printed off the UI thread on the real virtual printer (a PDF), with a signed QR text."""

import datetime as dt
import subprocess

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from drivers.printer.base import PrinterState
from drivers.printer.receipt_code import verify_receipt_code
from drivers.printer.virtual import VirtualPrinter
from kiosk.config.schema import Config
from ui.bridges.printer import PrinterBridge

RECEIPT = {"acceptance_no": "SL20261123K0001000001", "service": "城乡居民基本养老保险参保登记",
           "date": "2026-11-23 10:30", "time_limit_days": 15}


def test_prints_receipt_pdf_with_verifiable_qr(qtbot, tmp_path):
    key = Ed25519PrivateKey.generate()
    printer = VirtualPrinter(tmp_path / "out")
    bridge = PrinterBridge(printer, Config(), sign=key.sign, device_id="K0001")
    try:
        qr = bridge.qr_text(RECEIPT["acceptance_no"], "GR001", dt.date(2026, 11, 23))
        code = verify_receipt_code(qr, lambda _dev: lambda msg, sig: key.public_key().verify(sig, msg) is None)
        assert code.acceptance_no == RECEIPT["acceptance_no"]
        with qtbot.waitSignal(bridge.done, timeout=20_000) as done:
            bridge.print_receipt({**RECEIPT, "qr": qr})
        assert done.args == ["回执已打印，请取走"]
        [pdf] = (tmp_path / "out").glob("*.pdf")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert RECEIPT["acceptance_no"] in text
    finally:
        bridge.stop()


def test_out_of_paper_is_a_plain_message(qtbot, tmp_path):
    printer = VirtualPrinter(tmp_path / "out")
    printer.set_state(PrinterState.OUT_OF_PAPER)
    bridge = PrinterBridge(printer, Config())
    try:
        with qtbot.waitSignal(bridge.done, timeout=20_000) as done:
            bridge.print_receipt({**RECEIPT, "qr": RECEIPT["acceptance_no"]})
        assert "缺纸" in done.args[0]
        assert not list((tmp_path / "out").glob("*.pdf"))
    finally:
        bridge.stop()
