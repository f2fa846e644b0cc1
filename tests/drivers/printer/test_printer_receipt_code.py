import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from drivers.printer.receipt_code import (
    InvalidReceiptCode,
    ReceiptCode,
    build_receipt_code,
    parse_receipt_code,
    verify_receipt_code,
)

CODE = ReceiptCode("SL20261123000123", "DEV-0042", "cjylbx-enrol", dt.date(2026, 11, 23))


def test_round_trip_with_the_device_key(device_key, verifier):
    text = build_receipt_code(CODE, device_key.sign)
    assert text.startswith("RSKHZ1|SL20261123000123|DEV-0042|cjylbx-enrol|20261123|")
    assert verify_receipt_code(text, lambda device: verifier(device_key.public_key())) == CODE


@pytest.mark.parametrize("field", [1, 2, 3, 4])
def test_any_changed_field_is_refused(device_key, verifier, field):
    parts = build_receipt_code(CODE, device_key.sign).split("|")
    parts[field] = "20261124" if field == 4 else parts[field] + "9"
    with pytest.raises(InvalidReceiptCode):
        verify_receipt_code("|".join(parts), lambda device: verifier(device_key.public_key()))


def test_another_terminals_key_is_refused(device_key, verifier):
    text = build_receipt_code(CODE, Ed25519PrivateKey.generate().sign)
    with pytest.raises(InvalidReceiptCode) as info:
        verify_receipt_code(text, lambda device: verifier(device_key.public_key()))
    assert info.value.message == "回执二维码无法验证，请到窗口核实"


@pytest.mark.parametrize("text", ["", "hello", "RSKHZ1|a|b|c|2026xx01|AAAA", "RSKHZ2|a|b|c|20260101|AAAA", "RSKHZ1|a|b|c|20260101|A"])
def test_malformed_codes_are_refused(text):
    with pytest.raises(InvalidReceiptCode):
        parse_receipt_code(text)


@pytest.mark.parametrize("bad", ["", "a|b", "受理1", "a\nb"])
def test_fields_that_would_break_the_format_are_rejected(bad, device_key):
    with pytest.raises(ValueError):
        build_receipt_code(ReceiptCode(bad, "DEV", "svc", dt.date(2026, 1, 1)), device_key.sign)
