"""Shared fixtures for the printer tests: fonts, a real Ed25519 device key, a sample receipt."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from drivers.printer.documents import Receipt
from drivers.printer.fonts import load_fonts
from drivers.printer.receipt_code import ReceiptCode, build_receipt_code
from tests.support.cups import private_cups  # noqa: F401  (fixture)

FAKE_NAME = "王𠮷祥"  # a fake identity with an Ext B character


@pytest.fixture(scope="session")
def fonts():
    return load_fonts()


@pytest.fixture(scope="session")
def device_key():
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="session")
def verifier():
    """public key → a receipt_code Verify function, as the hub builds it from the enrolled key."""

    def for_key(public_key):
        def verify(message: bytes, signature: bytes) -> bool:
            try:
                public_key.verify(signature, message)
            except InvalidSignature:
                return False
            return True

        return verify

    return for_key


@pytest.fixture
def receipt(device_key) -> Receipt:
    code = ReceiptCode("SL20261123000123", "DEV-0042", "cjylbx-enrol", dt.date(2026, 11, 23))
    return Receipt(
        acceptance_no=code.acceptance_no,
        service_name="城乡居民基本养老保险参保登记",
        accepted_at=dt.datetime(2026, 11, 23, 10, 5),
        time_limit="5个工作日",
        qr_text=build_receipt_code(code, device_key.sign),
        holder_name=FAKE_NAME,
        device_name="示范村便民服务中心1号机",
        office="示范县人力资源和社会保障局",
    )
