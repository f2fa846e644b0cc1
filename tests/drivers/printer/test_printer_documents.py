"""Receipts and proofs rendered to PDF: the text is there, names are masked on the receipt, rare
characters have a glyph, and the QR decodes (pdftoppm + zbar) to a code the hub verifies."""

import dataclasses
import datetime as dt

from drivers.printer.documents import InsuranceProof, InsuranceRecord, render_proof, render_receipt
from drivers.printer.receipt_code import verify_receipt_code
from tests.support.cups import pdf_fonts, pdf_qr_values, pdf_text

FAKE_NAME = "王𠮷祥"  # the fake identity of the receipt fixture


def test_receipt_text_masks_the_name(receipt, fonts, tmp_path):
    text = pdf_text(render_receipt(receipt, fonts), tmp_path)
    for expected in ("受 理 回 执", "受理编号：SL20261123000123", "城乡居民基本养老保险参保登记",
                     "2026年11月23日 10:05", "办理时限：5个工作日", "申请人：王*祥"):
        assert expected in text
    assert "王𠮷" not in text and "𠮷祥" not in text


def test_receipt_qr_decodes_to_a_code_the_hub_verifies(receipt, fonts, device_key, verifier, tmp_path):
    [value] = pdf_qr_values(render_receipt(receipt, fonts, paper_width_mm=58), tmp_path)
    assert value == receipt.qr_text
    code = verify_receipt_code(value, lambda device: verifier(device_key.public_key()))
    assert (code.acceptance_no, code.device_id) == ("SL20261123000123", "DEV-0042")


def test_long_service_names_wrap_instead_of_running_off_the_roll(receipt, fonts, tmp_path):
    long_name = "失业保险金申领及代缴基本医疗保险费与职业培训补贴申请" * 2
    text = pdf_text(render_receipt(dataclasses.replace(receipt, service_name=long_name), fonts,
                                   paper_width_mm=58), tmp_path)
    assert len([line for line in text.splitlines() if line.strip()]) >= 10
    assert "".join(text.split()).count("失业保险金申领") == 2


def test_rare_characters_have_a_glyph_from_hanamin_b(fonts, tmp_path):
    only_in_b = "\U00020001"  # an Ext B character HanaMinA lacks
    assert fonts.missing(FAKE_NAME + "䶮㵘" + only_in_b) == ""
    assert fonts.missing("\U000E0100\uffff") != ""
    name = "王" + only_in_b + "祥"
    assert [font for font, _ in fonts.runs(name)] == ["KioskHanaMinA", "KioskHanaMinB", "KioskHanaMinA"]
    proof = InsuranceProof(
        holder_name=name,
        id_number="110101199003071234",
        records=(InsuranceRecord("城乡居民基本养老保险", "正常参保", "2012-07", 160),),
        issued_at=dt.datetime(2026, 11, 23),
        office="示范县社会保险事业管理局",
        verification_code="RSKHZ1|SL1|DEV|proof|20261123|AAAA",
        purpose="办理贷款",
    )
    pdf = render_proof(proof, fonts)
    assert "HanaMinB" in pdf_fonts(pdf, tmp_path)
    text = pdf_text(pdf, tmp_path)
    # the text layer gives the rare characters back (copy, search, screen readers), not just the glyphs
    for expected in (f"姓名：{name}", "社会保险参保证明", "公民身份号码：110101199003071234", "城乡居民基本养老保险",
                     "160个月"):
        assert expected in text
    assert proof.pdf_title() == "参保证明 110101********1234"
    assert pdf_qr_values(pdf, tmp_path) == [proof.verification_code]
