"""Printer speed, each against a baseline measured in the same run.

1. Render: a 受理回执 (CJK text with font fallback, subset-embedded HanaMin, vector QR) versus the same
   layout in reportlab's built-in Helvetica with ASCII text and no QR: the price of CJK + QR. Target: a
   receipt renders in < 150 ms on the kiosk, so the screen never waits for it.
2. Print: CupsPrinter.print_pdf (status check, lp, polling lpstat until the job has left the queue) on a
   private cupsd versus a bare `lp` submit of the same PDF: the price of knowing the job came out.
   Skipped unless run as root with cupsd installed.

Usage: python benchmarks/printer.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from drivers.printer.cups import CupsPrinter  # noqa: E402
from drivers.printer.documents import Receipt, render_receipt  # noqa: E402
from drivers.printer.fonts import load_fonts  # noqa: E402
from drivers.printer.receipt_code import ReceiptCode, build_receipt_code  # noqa: E402
from tests.support.cups import PrivateCups, cupsd_available  # noqa: E402


def receipt() -> Receipt:
    code = ReceiptCode("SL20261123000123", "DEV-0042", "cjylbx-enrol", dt.date(2026, 11, 23))
    return Receipt("SL20261123000123", "城乡居民基本养老保险参保登记", dt.datetime(2026, 11, 23, 10, 5), "5个工作日",
                   build_receipt_code(code, lambda payload: bytes(64)), holder_name="王𠮷祥",
                   device_name="示范村便民服务中心1号机", office="示范县人力资源和社会保障局")


def plain_receipt() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(226, 400), pageCompression=1)
    y = 380
    for line in ("RECEIPT", "No: SL20261123000123", "Service: pension enrolment", "Time: 2026-11-23 10:05",
                 "Limit: 5 working days", "Applicant: W*X", "Office: county HRSS bureau", "Device: village 1"):
        canvas.setFont("Helvetica", 10)
        canvas.drawString(11, y, line)
        y -= 16
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def timed(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    fonts = load_fonts()
    sample = receipt()
    render_receipt(sample, fonts)  # warm: font parsing happens once per process
    cjk = timed(lambda: render_receipt(sample, fonts), args.rounds)
    plain = timed(plain_receipt, args.rounds)
    print(f"render: receipt {cjk * 1000:.1f} ms, Helvetica baseline {plain * 1000:.1f} ms, "
          f"ratio {cjk / plain:.1f}x (median of {args.rounds})")

    if not cupsd_available():
        print("print: skipped (needs root and cupsd)")
        return 0
    root = Path(tempfile.mkdtemp(prefix="kcups-bench-"))
    cups = PrivateCups(root)
    try:
        cups.start()
        queue = cups.add_queue("bench")
        pdf = render_receipt(sample, fonts)
        spool = root / "receipt.pdf"
        spool.write_bytes(pdf)
        printer = CupsPrinter("bench", server=cups.server, poll_interval_s=0.02)
        rounds = max(5, args.rounds // 3)
        full = timed(lambda: printer.print_pdf(pdf, title="bench"), rounds)
        bare = timed(lambda: cups.run("lp", "-d", "bench", str(spool)), rounds)
        print(f"print: driver (until done) {full * 1000:.1f} ms, bare lp submit {bare * 1000:.1f} ms, "
              f"ratio {full / bare:.1f}x (median of {rounds}; {len(queue.outputs())} jobs came out)")
    finally:
        cups.stop()
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
