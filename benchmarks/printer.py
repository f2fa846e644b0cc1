"""Printer speed, each against a baseline measured in the same run.

1. Render: a 受理回执 (CJK text with font fallback, subset-embedded HanaMin, vector QR) versus the same
   layout in reportlab's built-in Helvetica with ASCII text and no QR: the price of CJK + QR. Target: a
   receipt renders in < 150 ms on the kiosk, so the screen never waits for it.
2. Print: CupsPrinter.print_pdf (status check, lp, polling lpstat until the job has left the queue) on a
   private cupsd versus a bare `lp` submit of the same PDF: the price of knowing the job came out.
   Skipped unless run as root with cupsd installed.
3. Memory (issue 8): the app's RSS after printing one receipt with the fonts loaded in the app (as before)
   versus rendered in a child process (``drivers.printer.render``), each in a fresh interpreter; and what
   the child costs per print: child render versus an in-process render with the fonts already loaded,
   and versus the first in-process render (fonts parsed), which the app no longer ever pays.

Usage: python benchmarks/printer.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from timing import median_seconds as timed  # noqa: E402  (benchmarks/timing.py; run as a script)

from drivers.printer.cups import CupsPrinter  # noqa: E402
from drivers.printer.documents import Receipt, render_receipt  # noqa: E402
from drivers.printer.fonts import load_fonts  # noqa: E402
from drivers.printer.receipt_code import ReceiptCode, build_receipt_code  # noqa: E402
from drivers.printer.render import render_in_child  # noqa: E402
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


APP_PRINTS_ONE = """
import json, sys, time
sys.path[:0] = [{root!r}, {root!r} + "/benchmarks"]  # the repo, and this folder for timing.py
from benchmarks.printer import receipt
from drivers.printer.documents import render_receipt
from drivers.printer.render import render_in_child

def rss_mb():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) / 1024

before = rss_mb()
start = time.perf_counter()
if {in_child!r}:
    pdf = render_in_child(receipt())
else:
    from drivers.printer.fonts import load_fonts
    pdf = render_receipt(receipt(), load_fonts())
print(json.dumps({{"before": before, "after": rss_mb(), "first_s": time.perf_counter() - start, "ok": pdf[:4] == b"%PDF"}}))
"""


def app_after_one_print(in_child: bool) -> dict:
    code = APP_PRINTS_ONE.format(root=str(Path(__file__).resolve().parents[1]), in_child=in_child)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def memory_and_child_cost(sample: Receipt, fonts, rounds: int) -> None:
    runs = {mode: [app_after_one_print(mode) for _ in range(3)] for mode in (False, True)}
    assert all(r["ok"] for rs in runs.values() for r in rs)

    def med(mode: bool, key: str) -> float:
        return statistics.median(r[key] for r in runs[mode])

    print(f"app RSS after printing one receipt (median of 3 fresh processes): fonts in the app "
          f"{med(False, 'after'):.0f} MB (+{med(False, 'after') - med(False, 'before'):.0f}), rendered in a child "
          f"{med(True, 'after'):.0f} MB (+{med(True, 'after') - med(True, 'before'):.0f}), "
          f"ratio {med(True, 'after') / med(False, 'after'):.2f}x")
    child = timed(lambda: render_in_child(sample), rounds)
    warm = timed(lambda: render_receipt(sample, fonts), rounds)
    first = med(False, "first_s")
    print(f"print latency: child render {child * 1000:.0f} ms vs in-process with fonts loaded {warm * 1000:.0f} ms "
          f"(ratio {child / warm:.1f}x, median of {rounds}); vs the app's first in-process render "
          f"{first * 1000:.0f} ms (ratio {child / first:.2f}x)")


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
    memory_and_child_cost(sample, fonts, max(3, args.rounds // 6))

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
