"""From a 我的查询 answer to the document printed: pure logic (no Qt objects, no hub), with a real
Ed25519 device key so the QR's signature is checked."""

import datetime as dt

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from drivers.printer.proofs import BenefitStatement, PaymentVoucher, RecordStatement
from kiosk.errors import UserFacingError
from kiosk.receipt_code import verify_receipt_code
from sync import query as q
from ui.bridges.query import CANNOT_ISSUE, document_rows, print_buttons, statement_document

KEY = Ed25519PrivateKey.generate()
NOW = dt.datetime(2026, 11, 23, 10, 5)
FAKE_ID = "110101199003071234"


def reply(kind: str, *, numbered: bool = True) -> q.QueryReply:
    proof = q.IssuedProof(proof_no="QY20261123AB12CD34", holder_name="王𠮷祥", office="示范县人社局", enrolments=())
    answer = q.Answer(holder_name="王𠮷祥", proof=proof if numbered else None,
                      contributions=tuple(q.ContributionYear(year=y, scheme="城乡居民基本养老保险", months=12,
                                                             amount=600.0, subsidy=40.0) for y in (2023, 2024)),
                      benefits=(q.Benefit(kind="城乡居民基本养老金", status="正常发放", monthly_amount=213.5),))
    return q.QueryReply(query_id="x" * 16, kind=kind, answered_at="2026-11-23T02:05:00+00:00", answer=answer)


def check(text: str):
    def verify(message: bytes, signature: bytes) -> bool:
        try:
            KEY.public_key().verify(signature, message)
        except InvalidSignature:
            return False
        return True

    return verify_receipt_code(text, lambda device: verify)


@pytest.mark.parametrize(("key", "kind", "cls", "service"), [
    ("record", "contributions", RecordStatement, "SB-022"),
    ("voucher", "contributions", PaymentVoucher, "SB-021"),
    ("benefit", "benefits", BenefitStatement, "SB-025"),
])
def test_each_document_carries_the_county_number_and_a_signed_code(key, kind, cls, service):
    doc = statement_document(key, reply(kind), FAKE_ID, "DEV-0042", KEY.sign, NOW, year=2024)
    assert isinstance(doc, cls) and doc.issue.number == "QY20261123AB12CD34" and doc.issue.device_name == "DEV-0042"
    code = check(doc.issue.verification_code)
    assert (code.acceptance_no, code.service_code, code.issued_on) == ("QY20261123AB12CD34", service, NOW.date())


def test_the_voucher_holds_only_its_year():
    doc = statement_document("voucher", reply("contributions"), FAKE_ID, "DEV-0042", KEY.sign, NOW, year=2024)
    assert [c.year for c in doc.lines] == [2024]
    assert [r["title"] for r in document_rows(doc)] == ["2024", "说明"]


def test_an_unnumbered_answer_prints_nothing_and_says_why():
    with pytest.raises(UserFacingError) as err:
        statement_document("record", reply("contributions", numbered=False), FAKE_ID, "DEV-0042", KEY.sign, NOW)
    assert err.value.message == CANNOT_ISSUE
    assert print_buttons(reply("contributions", numbered=False)) == []
    assert print_buttons(reply("contributions")) == [{"key": "record"}]
    assert print_buttons(reply("benefits")) == [{"key": "benefit"}]


def test_a_year_without_contributions_is_refused_plainly():
    with pytest.raises(UserFacingError) as err:
        statement_document("voucher", reply("contributions"), FAKE_ID, "DEV-0042", KEY.sign, NOW, year=1999)
    assert err.value.message == "没有查到这一年的缴费记录"
