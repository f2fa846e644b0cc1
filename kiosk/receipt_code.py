"""The text inside a receipt's QR code, signed by the terminal so the hub (or a clerk's phone) can tell a
real 受理回执 from a forged one. Pure: the signing and checking functions are passed in (the device key
lives with the crypto suite, not here), so the hub checks with the same code and the device's public key.

Format (one line, ASCII, '|'-separated; short so the code stays small enough for a 58 mm roll)::

    RSKHZ1|<受理编号>|<device id>|<service code>|<YYYYMMDD>|<signature, base64url without padding>

The signature covers everything before the last '|', as UTF-8. No personal data goes in: the hub finds
the 办件 by its 受理编号.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.errors import UserFacingError

PREFIX = "RSKHZ1"
_SEP = "|"

Sign = Callable[[bytes], bytes]
Verify = Callable[[bytes, bytes], bool]  # (message, signature) → valid?


class InvalidReceiptCode(UserFacingError):
    code = "receipt_code_invalid"
    message = "回执二维码无法验证，请到窗口核实"


@dataclass(frozen=True)
class ReceiptCode:
    acceptance_no: str
    device_id: str
    service_code: str
    issued_on: dt.date

    def payload(self) -> bytes:
        fields = (self.acceptance_no, self.device_id, self.service_code)
        for value in fields:
            if not value or _SEP in value or not value.isprintable() or not value.isascii():
                raise ValueError(f"receipt code field must be non-empty printable ASCII without '|': {value!r}")
        return _SEP.join((PREFIX, *fields, self.issued_on.strftime("%Y%m%d"))).encode()


def build_receipt_code(code: ReceiptCode, sign: Sign) -> str:
    payload = code.payload()
    signature = base64.urlsafe_b64encode(sign(payload)).rstrip(b"=")
    return (payload + _SEP.encode() + signature).decode("ascii")


def parse_receipt_code(text: str) -> tuple[ReceiptCode, bytes, bytes]:
    """Split a scanned text into its fields, the signed bytes and the signature; nothing is checked yet."""
    parts = text.strip().split(_SEP)
    if len(parts) != 6 or parts[0] != PREFIX:
        raise InvalidReceiptCode(detail=f"not a {PREFIX} code ({len(parts)} fields)")
    _, acceptance_no, device_id, service_code, day, signature = parts
    try:
        issued_on = dt.datetime.strptime(day, "%Y%m%d").date()
        raw_signature = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    except (ValueError, binascii.Error) as exc:
        raise InvalidReceiptCode(detail=f"malformed date or signature: {exc}") from exc
    code = ReceiptCode(acceptance_no, device_id, service_code, issued_on)
    return code, text.strip().rsplit(_SEP, 1)[0].encode(), raw_signature


def verify_receipt_code(text: str, verify_for_device: Callable[[str], Verify]) -> ReceiptCode:
    """Check a scanned code. ``verify_for_device(device_id)`` returns that terminal's verify function
    (the hub looks up the key it enrolled); an unknown device should raise ``InvalidReceiptCode``."""
    code, signed, signature = parse_receipt_code(text)
    if not verify_for_device(code.device_id)(signed, signature):
        raise InvalidReceiptCode(detail=f"bad signature for device {code.device_id}")
    return code
