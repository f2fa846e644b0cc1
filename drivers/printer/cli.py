"""`kiosk printer status` and `kiosk printer test-page`: for the technician at the terminal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

from .base import PrinterState
from .documents import Receipt
from .receipt_code import ReceiptCode, build_receipt_code
from .service import DocumentPrinter, make_printer
from .worker import PrinterWorker

_STATE_WORDS = {
    PrinterState.READY: "就绪",
    PrinterState.PRINTING: "正在打印",
    PrinterState.OFFLINE: "未连接或已停用",
    PrinterState.OUT_OF_PAPER: "缺纸",
    PrinterState.ERROR: "故障",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser("printer", help="打印机：状态与测试页 (printer status and test page)")
    sub = parser.add_subparsers(dest="printer_command", metavar="ACTION", required=True)
    for name, handler, help_text in (
        ("status", _status, "show the printer state"),
        ("test-page", _test_page, "print a sample receipt (fake data) and report the outcome"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--queue", help="CUPS queue (default: config [printer] name)")
        p.add_argument("--server", help="CUPS server socket or host:port (default: config [printer] cups_server)")
        p.set_defaults(handler=handler)
        if name == "test-page":
            p.add_argument("--save", type=Path, help="also write the rendered PDF to this file")


def _section(args, ctx):
    section = ctx.config.printer
    overrides = {k: v for k, v in (("name", args.queue), ("cups_server", args.server)) if v}
    if overrides and section.driver == "none":
        overrides["driver"] = "cups"
    return dataclasses.replace(section, **overrides)


def _status(args, ctx) -> int:
    printer = make_printer(_section(args, ctx), ctx.data_dir)
    if printer is None:
        print("打印机：未配置 (printer.driver = none)")
        return 1
    worker = PrinterWorker(printer)
    try:
        status = worker.status().result(timeout=60)
    finally:
        worker.close()
    print(f"打印机 {printer.name or '(默认)'}：{_STATE_WORDS[status.state]} ({status.state.value})")
    if status.detail:
        print(f"  {status.detail}")
    return 0 if status.can_print else 1


def _test_page(args, ctx) -> int:
    section = _section(args, ctx)
    printer = make_printer(section, ctx.data_dir)
    worker = PrinterWorker(printer) if printer else None
    now = dt.datetime.now().replace(microsecond=0)
    code = ReceiptCode("TEST" + now.strftime("%Y%m%d%H%M%S"), "TEST-DEVICE", "test-page", now.date())
    # a test page is not a real receipt: its "signature" is a plain digest no hub key will accept
    qr_text = build_receipt_code(code, lambda payload: hashlib.sha256(b"test-page|" + payload).digest())
    receipt = Receipt(
        acceptance_no=code.acceptance_no,
        service_name="打印测试页（非正式回执）",
        accepted_at=now,
        time_limit="测试",
        qr_text=qr_text,
        holder_name="测试用户",
        device_name=ctx.config.kiosk.device_name,
        office=f"{ctx.config.kiosk.county}人力资源和社会保障局",
        notes=("生僻字测试：𠮷 䶮 㵘",),
    )
    try:
        outcome = DocumentPrinter(worker, paper_width_mm=section.paper_width_mm).print_receipt(receipt)
    finally:
        if worker:
            worker.close()
    if args.save:
        args.save.write_bytes(outcome.pdf)
        print(f"PDF 已保存：{args.save}")
    print(outcome.message)
    if outcome.error is not None:
        print(f"  ({outcome.error.code}: {outcome.error.detail})")
        return 1
    print(f"  作业 {outcome.job.job_id}")
    return 0
