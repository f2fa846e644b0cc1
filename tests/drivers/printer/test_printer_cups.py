"""The CUPS printer against a real private cupsd (tests/support/cups.py): a receipt goes through the
scheduler to the backend, and what comes out is the same PDF, with its text and a QR the hub verifies.
Faults are raised by the backend the way a real one reports them (printer-state-reasons + stop)."""

import pytest

from drivers.printer.base import PrinterOffline, PrinterOutOfPaper, PrinterState
from drivers.printer.cups import CupsPrinter
from drivers.printer.receipt_code import verify_receipt_code
from drivers.printer.service import DocumentPrinter
from drivers.printer.worker import PrinterWorker
from kiosk.cli.main import main as kiosk_main
from tests.support.cups import job_ids_pending, pdf_qr_values, pdf_text

pytestmark = pytest.mark.cups


@pytest.fixture
def queue(private_cups):
    return private_cups.add_queue("kiosk")


@pytest.fixture
def worker(private_cups, queue):
    worker = PrinterWorker(CupsPrinter(queue.name, server=private_cups.server, job_timeout_s=20, poll_interval_s=0.05))
    yield worker
    worker.close()


def test_receipt_prints_through_cupsd_and_its_qr_verifies(worker, queue, receipt, fonts, device_key, verifier,
                                                          tmp_path):
    outcome = DocumentPrinter(worker, fonts=fonts).print_receipt(receipt, wait_s=30)
    assert outcome.printed, outcome.error
    printed = queue.wait_for_output(outcome.job.job_id)
    assert printed == outcome.pdf
    assert "受理编号：SL20261123000123" in pdf_text(printed, tmp_path)
    [value] = pdf_qr_values(printed, tmp_path)
    assert verify_receipt_code(value, lambda device: verifier(device_key.public_key())).acceptance_no == (
        "SL20261123000123"
    )
    assert worker.status().result(timeout=10).state is PrinterState.READY


def test_out_of_paper_cancels_the_job_and_keeps_the_receipt_on_screen(worker, queue, private_cups, receipt, fonts):
    queue.inject_fault("media-empty")
    outcome = DocumentPrinter(worker, fonts=fonts).print_receipt(receipt, wait_s=30)
    assert isinstance(outcome.error, PrinterOutOfPaper)
    assert outcome.message.startswith("打印机缺纸") and outcome.pdf.startswith(b"%PDF")
    assert "media-empty" in outcome.error.detail
    assert job_ids_pending(private_cups, queue.name) == set()  # nothing prints later, unasked
    assert worker.status().result(timeout=10).state is PrinterState.OUT_OF_PAPER
    assert queue.outputs() == []

    # paper refilled, queue re-enabled by the technician: printing works again
    queue.inject_fault(None)
    assert private_cups.run("cupsenable", "-c", queue.name).returncode == 0
    assert DocumentPrinter(worker, fonts=fonts).print_receipt(receipt, wait_s=30).printed


def test_disabled_queue_is_offline_and_nothing_is_queued(worker, queue, private_cups, receipt, fonts):
    assert private_cups.run("cupsdisable", queue.name).returncode == 0
    outcome = DocumentPrinter(worker, fonts=fonts).print_receipt(receipt, wait_s=30)
    assert isinstance(outcome.error, PrinterOffline)
    assert outcome.message.startswith("打印机未连接")
    assert job_ids_pending(private_cups, queue.name) == set()


def test_unknown_queue_and_dead_server_are_offline(private_cups, tmp_path):
    assert CupsPrinter("nope", server=private_cups.server).status().state is PrinterState.OFFLINE
    dead = CupsPrinter("kiosk", server=str(tmp_path / "no.sock"))
    assert dead.status().state is PrinterState.OFFLINE
    with pytest.raises(PrinterOffline):
        dead.print_pdf(b"%PDF", title="t")


def test_cli_status_and_test_page(queue, private_cups, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text(f'[printer]\nname = "{queue.name}"\ncups_server = "{private_cups.server}"\n')
    assert kiosk_main(["--data-dir", str(data), "printer", "status"]) == 0
    assert "就绪" in capsys.readouterr().out
    saved = tmp_path / "test-page.pdf"
    assert kiosk_main(["--data-dir", str(data), "printer", "test-page", "--save", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "回执已打印" in out
    job_id = out.split("作业 ")[1].split()[0]
    assert queue.wait_for_output(job_id) == saved.read_bytes()
    assert "打印测试页" in pdf_text(saved.read_bytes(), tmp_path)

    queue.inject_fault("offline")
    assert kiosk_main(["--data-dir", str(data), "printer", "test-page"]) == 1
    assert "打印机未连接" in capsys.readouterr().out
    assert kiosk_main(["--data-dir", str(data), "printer", "status"]) == 1


def test_empty_queue_name_means_the_cups_default(queue, private_cups):
    printer = CupsPrinter("", server=private_cups.server)
    assert printer.status().state is PrinterState.OFFLINE  # no default destination yet
    assert private_cups.run("lpadmin", "-d", queue.name).returncode == 0
    assert CupsPrinter("", server=private_cups.server).status().state is PrinterState.READY
