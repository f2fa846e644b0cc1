"""The receipt QR code lives in ``kiosk.receipt_code`` (pure, so the hub checks codes with the same
code); this name stays for the printer's callers."""

from kiosk.receipt_code import (
    PREFIX,
    InvalidReceiptCode,
    ReceiptCode,
    Sign,
    Verify,
    build_receipt_code,
    parse_receipt_code,
    verify_receipt_code,
)

__all__ = ["PREFIX", "InvalidReceiptCode", "ReceiptCode", "Sign", "Verify", "build_receipt_code",
           "parse_receipt_code", "verify_receipt_code"]
