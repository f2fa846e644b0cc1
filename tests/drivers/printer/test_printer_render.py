"""Documents rendered in a child process (issue 8, the printer's memory): the JSON round trip is exact, the
child's PDF says what the in-process one says (with the same verifying QR), the caller never loads the
fonts, and a child that crashes or hangs is a plain-Chinese printer error with nothing printed."""

import dataclasses
import datetime as dt
import json
import subprocess
import sys

import pytest

from drivers.printer.documents import InsuranceProof, InsuranceRecord
from drivers.printer.proofs import (
    BenefitLine,
    BenefitStatement,
    ContributionLine,
    Issue,
    PaymentVoucher,
    RecordStatement,
)
from drivers.printer.receipt_code import verify_receipt_code
from drivers.printer.render import RenderFailed, decode, encode, render, render_in_child
from drivers.printer.service import DocumentPrinter
from drivers.printer.virtual import VirtualPrinter
from drivers.printer.worker import PrinterWorker
from tests.support.cups import pdf_qr_values, pdf_text

FAKE_NAME, FAKE_ID = "王𠮷祥", "110101199003071234"  # a fake identity
AT = dt.datetime(2026, 11, 23, 10, 5)
ISSUE = Issue("QY20261123AB12CD34", "示范县人力资源和社会保障局", "DEV-0042", AT, "RSKHZ1|QY|DEV|SB-022|20261123|AAAA")
LINES = (ContributionLine(2024, "城乡居民基本养老保险", 12, 500.0, 40.0), ContributionLine(2025, "城乡居民基本养老保险", 6, 300.5))


def documents(receipt):
    return [
        dataclasses.replace(receipt, notes=("帮办：工作人员代为操作", "协管员：张*")),
        InsuranceProof(FAKE_NAME, FAKE_ID, (InsuranceRecord("城乡居民基本养老保险", "正常参保", "2012-07", 160),), AT,
                       "示范县社会保险事业管理局", "RSKHZ1|SL1|DEV|proof|20261123|AAAA", purpose="办理贷款"),
        RecordStatement(FAKE_NAME, FAKE_ID, LINES, ISSUE),
        PaymentVoucher(FAKE_NAME, FAKE_ID, 2024, LINES[:1], ISSUE),
        BenefitStatement(FAKE_NAME, FAKE_ID, (BenefitLine("基础养老金", "正常发放", 188.0, "2021-01"),), ISSUE),
    ]


def test_every_document_survives_the_json_round_trip_exactly(receipt):
    for doc in documents(receipt):
        again, width = decode(encode(doc, paper_width_mm=58))
        assert again == doc and type(again) is type(doc) and width == 58


def test_anything_but_a_print_document_is_refused():
    with pytest.raises(ValueError):
        decode(json.dumps({"document": {"$type": "Popen", "args": ["sh"]}}).encode())
    with pytest.raises(ValueError):
        decode(b"not json")


def test_the_child_renders_what_this_process_renders_with_a_verifying_qr(receipt, fonts, device_key, verifier,
                                                                          tmp_path):
    in_child = render_in_child(receipt, paper_width_mm=58)
    here = render(receipt, fonts, paper_width_mm=58)
    assert in_child.startswith(b"%PDF")
    assert pdf_text(in_child, tmp_path) == pdf_text(here, tmp_path)
    [value] = pdf_qr_values(in_child, tmp_path)
    assert value == receipt.qr_text
    code = verify_receipt_code(value, lambda device: verifier(device_key.public_key()))
    assert code.acceptance_no == receipt.acceptance_no


def test_printing_through_the_child_leaves_no_fonts_in_the_caller(tmp_path):
    # a fresh interpreter: this test process has the fonts already (the session fixture)
    script = f"""
import datetime as dt, sys
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from drivers.printer.documents import Receipt
from drivers.printer.service import DocumentPrinter
from drivers.printer.virtual import VirtualPrinter
from drivers.printer.worker import PrinterWorker
worker = PrinterWorker(VirtualPrinter(Path({str(tmp_path)!r})))
receipt = Receipt("SL20261123000123", "城乡居民基本养老保险参保登记", dt.datetime(2026, 11, 23, 10, 5), "5个工作日",
                  "SL20261123000123", holder_name="王𠮷祥")
outcome = DocumentPrinter(worker).print_receipt(receipt, wait_s=30)
worker.close()
print(outcome.printed, sorted(n for n in pdfmetrics.getRegisteredFontNames() if "HanaMin" in n))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["True", "[]"]
    [printed] = tmp_path.glob("*.pdf")
    assert "受理编号：SL20261123000123" in pdf_text(printed.read_bytes(), tmp_path)


def test_a_crashing_child_is_a_plain_chinese_error_and_nothing_is_printed(receipt, tmp_path):
    crash = (sys.executable, "-c", "import sys; sys.stdin.read(); raise MemoryError('王𠮷祥')")
    with pytest.raises(RenderFailed) as caught:
        render_in_child(receipt, argv=crash)
    assert caught.value.message.startswith("打印机故障，回执已显示在屏幕上") and "exit 1" in caught.value.detail
    assert "MemoryError" in caught.value.detail and FAKE_NAME not in caught.value.detail  # the type, not the text

    worker = PrinterWorker(VirtualPrinter(tmp_path / "printed"))
    try:
        outcome = DocumentPrinter(worker).print_proof(documents(receipt)[1])
        assert outcome.printed  # the real child works through the service
        broken = DocumentPrinter(worker, render_argv=crash).print_receipt(receipt)
    finally:
        worker.close()
    assert not broken.printed and isinstance(broken.error, RenderFailed) and broken.pdf == b""
    assert broken.message.startswith("打印机故障")
    assert len(list((tmp_path / "printed").glob("*.pdf"))) == 1


def test_a_hung_child_is_stopped_at_the_timeout(receipt):
    hang = (sys.executable, "-c", "import sys, time; sys.stdin.read(); time.sleep(60)")
    with pytest.raises(RenderFailed) as caught:
        render_in_child(receipt, timeout_s=1.0, argv=hang)
    assert "within 1s" in caught.value.detail
