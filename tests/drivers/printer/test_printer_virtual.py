"""The virtual printer and the printer worker thread, and the service that always hands back the PDF."""

import threading

import pytest

from drivers.printer.base import PrinterOutOfPaper, PrinterState
from drivers.printer.service import DocumentPrinter
from drivers.printer.virtual import VirtualPrinter
from drivers.printer.worker import THREAD_NAME, PrinterWorker


@pytest.fixture
def virtual(tmp_path):
    return VirtualPrinter(tmp_path / "printed")


@pytest.fixture
def worker(virtual):
    worker = PrinterWorker(virtual)
    yield worker
    worker.close()


def test_jobs_land_as_pdfs_from_the_printer_thread(virtual, worker):
    seen_on = []
    original = virtual.print_pdf

    def spying(pdf, *, title):
        seen_on.append(threading.current_thread().name)
        return original(pdf, title=title)

    virtual.print_pdf = spying
    job = worker.print_pdf(b"%PDF-1.4 fake", title="t").result(timeout=10)
    assert job.pages_source.read_bytes() == b"%PDF-1.4 fake"
    assert seen_on[0].startswith(THREAD_NAME) and seen_on[0] != threading.current_thread().name


def test_out_of_paper_gives_the_receipt_on_screen_with_a_plain_message(virtual, worker, receipt, fonts):
    virtual.set_state(PrinterState.OUT_OF_PAPER)
    outcome = DocumentPrinter(worker, fonts=fonts).print_receipt(receipt)
    assert not outcome.printed
    assert isinstance(outcome.error, PrinterOutOfPaper)
    assert outcome.message.startswith("打印机缺纸")
    assert outcome.pdf.startswith(b"%PDF")
    assert not list(virtual.out_dir.glob("*.pdf"))

    virtual.set_state(PrinterState.READY)
    again = DocumentPrinter(worker, fonts=fonts).print_receipt(receipt)
    assert again.printed and again.job.pages_source.read_bytes() == again.pdf
    assert again.message == "回执已打印，请取走"


def test_no_printer_still_gives_the_receipt(receipt, fonts):
    outcome = DocumentPrinter(None, fonts=fonts).print_receipt(receipt)
    assert not outcome.printed and outcome.pdf.startswith(b"%PDF")
    assert "未配置打印机" in outcome.message
