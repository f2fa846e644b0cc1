"""The 权益记录单, 缴费凭证 and 待遇权益单 as PDF: what each prints (and masks), a QR that verifies,
pages for a long history, and printing through a real cupsd with the document kept when it fails."""

import datetime as dt

import pytest

from drivers.printer.base import PrinterOutOfPaper
from drivers.printer.cups import CupsPrinter
from drivers.printer.proofs import (
    BENEFIT_SERVICE,
    RECORD_SERVICE,
    VOUCHER_SERVICE,
    BenefitLine,
    BenefitStatement,
    ContributionLine,
    Issue,
    PaymentVoucher,
    RecordStatement,
    render_statement,
)
from drivers.printer.receipt_code import ReceiptCode, build_receipt_code, verify_receipt_code
from drivers.printer.service import DocumentPrinter
from drivers.printer.worker import PrinterWorker
from tests.support.cups import pdf_qr_values, pdf_text

FAKE_NAME, FAKE_ID = "王𠮷祥", "110101199003071234"  # a fake identity
AT = dt.datetime(2026, 11, 23, 10, 5)


def issue(device_key, number: str, service: str) -> Issue:
    code = build_receipt_code(ReceiptCode(number, "DEV-0042", service, AT.date()), device_key.sign)
    return Issue(number=number, office="示范县人力资源和社会保障局", device_name="DEV-0042", issued_at=AT,
                 verification_code=code)


def years(first: int, last: int) -> tuple[ContributionLine, ...]:
    return tuple(ContributionLine(y, "城乡居民基本养老保险", 12, 300.0 + 100 * (y % 3), 40.0)
                 for y in range(first, last + 1))


def flat(text: str) -> str:
    return "".join(text.split())


def test_record_statement_lists_every_year_masked_with_a_verifying_qr(fonts, device_key, verifier, tmp_path):
    doc = RecordStatement(FAKE_NAME, FAKE_ID, years(2012, 2025), issue(device_key, "QY20261123AB12CD34",
                                                                       RECORD_SERVICE))
    pdf = render_statement(doc, fonts)
    text = flat(pdf_text(pdf, tmp_path))
    for expected in ("社会保险个人权益记录单", "姓名：王*祥", "公民身份号码：110101********1234",
                     "记录期间：2012—2025年", "打印终端：DEV-0042", "打印时间：2026年11月23日10:05",
                     "凭证编号：QY20261123AB12CD34", "2012城乡居民基本养老保险12500.0040.00", "2013城乡居民基本养老保险12300.0040.00",
                     "合计：缴费168个月，个人缴费5,600.00元，政府补贴560.00元"):
        assert expected in text, expected
    assert FAKE_NAME not in text and FAKE_ID not in text
    assert all(str(y) in text for y in range(2012, 2026))
    [value] = pdf_qr_values(pdf, tmp_path)
    code = verify_receipt_code(value, lambda device: verifier(device_key.public_key()))
    assert (code.acceptance_no, code.service_code) == ("QY20261123AB12CD34", RECORD_SERVICE)
    assert FAKE_ID not in doc.pdf_title() and "王" not in doc.pdf_title()


def test_payment_voucher_is_one_year_with_the_full_name(fonts, device_key, tmp_path):
    doc = PaymentVoucher(FAKE_NAME, FAKE_ID, 2024, tuple(c for c in years(2023, 2025) if c.year == 2024),
                         issue(device_key, "QY20261123AB12CD34", VOUCHER_SERVICE))
    text = flat(pdf_text(render_statement(doc, fonts), tmp_path))
    for expected in ("养老保险参保缴费凭证", f"姓名：{FAKE_NAME}", f"公民身份号码：{FAKE_ID}", "缴费年度：2024年",
                     "2024城乡居民基本养老保险12500.0040.00", "兹证明上述人员2024年度"):
        assert expected in text, expected
    assert "2023城乡" not in text and "2025城乡" not in text
    assert doc.pdf_title() == "缴费凭证 2024 QY20261123AB12CD34"


def test_benefit_statement_masks_and_says_what_is_paid(fonts, device_key, tmp_path):
    doc = BenefitStatement(FAKE_NAME, FAKE_ID, (BenefitLine("城乡居民基本养老金", "正常发放", 213.5, "2018-04"),),
                           issue(device_key, "DY20261123FFEE0011", BENEFIT_SERVICE))
    pdf = render_statement(doc, fonts)
    text = flat(pdf_text(pdf, tmp_path))
    for expected in ("养老待遇权益单", "姓名：王*祥", "城乡居民基本养老金正常发放213.502018-04", "扫码核验本权益单"):
        assert expected in text, expected
    assert FAKE_NAME not in text and FAKE_ID not in text
    assert pdf_qr_values(pdf, tmp_path) == [doc.issue.verification_code]


def test_a_long_history_continues_on_a_second_page_with_nothing_lost(fonts, device_key, tmp_path):
    doc = RecordStatement(FAKE_NAME, FAKE_ID, years(1960, 2025), issue(device_key, "QY1", RECORD_SERVICE))
    pdf = render_statement(doc, fonts)
    pages = pdf_text(pdf, tmp_path).split("\f")
    assert len([p for p in pages if p.strip()]) >= 2 and "（续）" in pages[1]
    text = flat("".join(pages))
    assert all(f"{y}城乡居民" in text for y in range(1960, 2026))
    assert "合计：缴费792个月" in text
    assert pdf_qr_values(pdf, tmp_path) == [doc.issue.verification_code] * len([p for p in pages if p.strip()])


@pytest.mark.cups
def test_statement_prints_through_cupsd_or_stays_on_screen(private_cups, fonts, device_key, tmp_path):
    queue = private_cups.add_queue("proofs")
    worker = PrinterWorker(CupsPrinter(queue.name, server=private_cups.server, job_timeout_s=20,
                                       poll_interval_s=0.05))
    try:
        doc = RecordStatement(FAKE_NAME, FAKE_ID, years(2020, 2025), issue(device_key, "QY2", RECORD_SERVICE))
        printer = DocumentPrinter(worker, fonts=fonts)
        outcome = printer.print_statement(doc, wait_s=30)
        assert outcome.printed, outcome.error
        assert queue.wait_for_output(outcome.job.job_id) == outcome.pdf
        assert "社会保险个人权益记录单" in pdf_text(outcome.pdf, tmp_path)

        queue.inject_fault("media-empty")
        failed = printer.print_statement(doc, wait_s=30)
        assert isinstance(failed.error, PrinterOutOfPaper)  # and the same document goes to the screen instead
        assert pdf_text(failed.pdf, tmp_path) == pdf_text(outcome.pdf, tmp_path)
    finally:
        worker.close()
    unconfigured = DocumentPrinter(None, fonts=fonts).print_statement(doc)
    assert not unconfigured.printed and pdf_text(unconfigured.pdf, tmp_path) == pdf_text(outcome.pdf, tmp_path)
