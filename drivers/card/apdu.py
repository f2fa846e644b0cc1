"""APDUs of the 社保卡 basic application, T=0 handling and the status-word table. Pure: no I/O.

``exchange`` takes the raw transmit function of whatever transport is underneath (pyscard, the in-process
virtual card, a test script), so the same code runs everywhere. Neither pcscd nor pyscard handles
61xx / 6Cxx for a T=0 card: that is this module's job (reference/smartcard.md pitfall 6).
"""

from __future__ import annotations

from collections.abc import Callable

from .base import (
    CardCommandFailed,
    CardDataError,
    CardError,
    PinBlocked,
    PsamRequired,
    WrongPin,
)

Transmit = Callable[[bytes], bytes]

# DF name of the SSSE: "sx1.sh." + "社会保障" in GBK.
SSSE_NAME = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")
EF05 = b"\xef\x05"
EF06 = b"\xef\x06"

# A real card answers 61xx a handful of times at most; more means a broken card or a loop.
MAX_GET_RESPONSE = 16


def select_by_name(name: bytes) -> bytes:
    return bytes([0x00, 0xA4, 0x04, 0x00, len(name)]) + name


def select_ef(fid: bytes) -> bytes:
    return bytes([0x00, 0xA4, 0x02, 0x00, len(fid)]) + fid


def read_record_by_tag(tag: int, le: int = 0) -> bytes:
    """READ RECORD addressed by the item's tag (P2=00), as every field reader does."""
    return bytes([0x00, 0xB2, tag, 0x00, le & 0xFF])


def get_response(le: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, 0x00, le & 0xFF])


def verify(pin_digits: str) -> bytes:
    """VERIFY with the PIN packed as BCD (6 digits → 3 bytes), padded with F for an odd count."""
    packed = bytes.fromhex(pin_digits + ("F" if len(pin_digits) % 2 else ""))
    return bytes([0x00, 0x20, 0x00, 0x00, len(packed)]) + packed


def with_le(apdu: bytes, le: int) -> bytes:
    """The same command with Le replaced (case 2) or appended (case 4); for the 6Cxx re-send."""
    if len(apdu) == 5 and apdu[1] in (0xB2, 0xB0, 0xC0, 0x84, 0xCA):
        return apdu[:4] + bytes([le & 0xFF])
    if len(apdu) > 5 and len(apdu) == 5 + apdu[4] + 1:
        return apdu[:-1] + bytes([le & 0xFF])
    return apdu + bytes([le & 0xFF])


def split_sw(response: bytes) -> tuple[bytes, int]:
    if len(response) < 2:
        raise CardDataError(detail=f"response of {len(response)} bytes has no status word")
    return response[:-2], (response[-2] << 8) | response[-1]


def exchange(transmit: Transmit, apdu: bytes) -> tuple[bytes, int]:
    """Send one command the T=0 way: follow 61xx with GET RESPONSE, re-send once on 6Cxx.

    Returns the data and the final status word, which may still be an error: see ``check``.
    """
    data, sw = split_sw(transmit(apdu))
    if sw >> 8 == 0x6C:
        data, sw = split_sw(transmit(with_le(apdu, sw & 0xFF)))
        if sw >> 8 == 0x6C:
            raise CardDataError(detail="card asked twice for a different Le (6Cxx)")
    collected = bytearray(data)
    for _ in range(MAX_GET_RESPONSE):
        if sw >> 8 != 0x61:
            return bytes(collected), sw
        data, sw = split_sw(transmit(get_response(sw & 0xFF)))
        collected += data
    raise CardDataError(detail="too many 61xx in a row")


def check(sw: int, *, command: str, version: str = "", on_6a82: type[CardError] = CardCommandFailed) -> None:
    """Raise the typed error for a status word; return for 9000.

    ``command`` names the step (never data) for the log. ``version`` is the card's spec version if
    known, so a 6982 on a third-generation card gets the PSAM message.
    """
    if sw == 0x9000:
        return
    detail = f"{command}: SW={sw:04X}" + (f" (card {version})" if version else "")
    if sw == 0x6982:
        raise PsamRequired(detail=detail)
    if sw in (0x6983, 0x63C0):
        raise PinBlocked(detail=detail)
    if sw & 0xFFF0 == 0x63C0:
        raise WrongPin(sw & 0x0F, detail=detail)
    if sw == 0x6A82:
        raise on_6a82(detail=detail)
    raise CardCommandFailed(detail=f"{detail} ({SW_MEANING.get(sw, 'unknown status')})")


# For the log only: what each status word means (GB/T 16649 / ISO 7816-4). The villager sees the
# CardError's message, never this.
SW_MEANING: dict[int, str] = {
    0x6281: "returned data may be corrupted",
    0x6283: "selected file invalidated",
    0x6581: "memory failure",
    0x6700: "wrong length",
    0x6981: "command incompatible with file structure",
    0x6982: "security status not satisfied",
    0x6983: "authentication method blocked",
    0x6984: "reference data invalidated",
    0x6985: "conditions of use not satisfied",
    0x6986: "command not allowed (no current EF)",
    0x6A80: "incorrect data field",
    0x6A81: "function not supported",
    0x6A82: "file not found",
    0x6A83: "record not found",
    0x6A86: "incorrect P1 P2",
    0x6A88: "referenced data not found",
    0x6B00: "wrong parameters P1 P2",
    0x6D00: "instruction not supported",
    0x6E00: "class not supported",
    0x6F00: "no precise diagnosis",
    0x9303: "application permanently locked",
}

SW_RECORD_NOT_FOUND = 0x6A83

__all__ = [
    "EF05",
    "EF06",
    "SSSE_NAME",
    "SW_MEANING",
    "Transmit",
    "check",
    "exchange",
    "get_response",
    "read_record_by_tag",
    "select_by_name",
    "select_ef",
    "split_sw",
    "verify",
    "with_le",
]
