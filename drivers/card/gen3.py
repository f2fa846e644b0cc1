"""Third-generation (spec 3.00) 社保卡: the two-step "加密机" (HSM) authentication. Pure: no I/O, no keys.

A 3.0 card gives only EF05 01 (card identification code), 03 (version) and 07 (card number) freely;
the rest answers 6982 until the terminal passes EXTERNAL AUTHENTICATE with the card's RKSSSE key
(reference/smartcard.md §1.7–1.8). The kiosk never holds that key:

1. step 1 (card worker): INTERNAL AUTHENTICATE with a fresh random (the card proves it is genuine) and
   GET CHALLENGE; the answers go to the county crypto service as an ``AuthChallenge``;
2. the crypto service checks the internal-auth answer and returns the 16-byte SM4 cryptogram;
3. step 2 (card worker): EXTERNAL AUTHENTICATE with it, then EF05/EF06 read as on a 2.0 card.

A cryptogram is tried once: a wrong one is a typed error, never a retry loop that would use up the
card's authentication tries. When the crypto service cannot be reached, the kiosk falls back to a
session by card number with ``identity_confirmed=False``; the villager types the ID number and the hub
confirms card number ↔ ID number on sync (``confirm_typed_id``, ``identity_to_confirm``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Protocol

from kiosk.domain import Holder
from kiosk.errors import UserFacingError
from kiosk.validators import check_id_number, normalize

from .base import CardDataError, CardError

INTERNAL_RANDOM_LEN = 16  # SM4 block: Lc=0x10 as in `00 88 00 00 10 …`
CHALLENGE_LEN = 8
CRYPTOGRAM_LEN = 16
RKSSSE_KEY_REF = 0x0A  # P2 of EXTERNAL AUTHENTICATE: the RKSSSE key
FREE_EF05_TAGS = (0x01, 0x03, 0x07)  # readable on a 3.0 card before authentication
DEFAULT_ALGORITHM = "01"  # what terminals assume when the FCI carries no 9F0C flag

# Codes a CryptoService raises (as ``UserFacingError.code``) so sync needs no import of drivers.
OFFLINE_CODES = frozenset({"hsm_offline", "hsm_timeout"})
NOT_GENUINE_CODE = "not_genuine"


def internal_authenticate(random: bytes) -> bytes:
    if len(random) != INTERNAL_RANDOM_LEN:
        raise ValueError(f"internal-auth random must be {INTERNAL_RANDOM_LEN} bytes")
    return bytes([0x00, 0x88, 0x00, 0x00, INTERNAL_RANDOM_LEN]) + random


def get_challenge() -> bytes:
    return bytes([0x00, 0x84, 0x00, 0x00, CHALLENGE_LEN])


def external_authenticate(cryptogram: bytes) -> bytes:
    if len(cryptogram) != CRYPTOGRAM_LEN:
        raise ValueError(f"cryptogram must be {CRYPTOGRAM_LEN} bytes")
    return bytes([0x00, 0x82, 0x00, RKSSSE_KEY_REF, CRYPTOGRAM_LEN]) + cryptogram


def is_third_generation(version: str) -> bool:
    return version.strip().startswith("3")


def algorithm_flag(fci: bytes) -> str:
    """The ``9F0C 03 86 01 xx`` algorithm flag of the SSSE FCI as two hex digits (default "01")."""
    at = fci.find(bytes.fromhex("9F0C038601"))
    if at < 0 or at + 6 > len(fci):
        return DEFAULT_ALGORITHM
    return f"{fci[at + 5]:02X}"


def region_of(card_id: bytes) -> str:
    """First 6 hex digits of the card identification code: the issuing region (统筹区)."""
    text = card_id[:3].hex()
    return text if text.isdigit() else ""


def expect_length(data: bytes, length: int, what: str) -> bytes:
    if len(data) != length:
        raise CardDataError(detail=f"{what}: {len(data)} bytes, expected {length}")
    return data


@dataclass(frozen=True)
class AuthChallenge:
    """Step 1's outcome, what the crypto service needs to make the EXTERNAL AUTHENTICATE cryptogram."""

    region: str
    atr: bytes
    algorithm: str
    card_id: bytes  # EF05 01, 16 bytes
    card_number: str
    version: str
    internal_random: bytes
    internal_response: bytes
    challenge: bytes

    def __repr__(self) -> str:  # the card number is personal
        return f"AuthChallenge(region={self.region!r}, version={self.version!r}, algorithm={self.algorithm!r})"


class CryptoService(Protocol):
    """The county crypto service as the card driver sees it (the composition root provides it).

    Returns the 16-byte cryptogram. Raises a ``UserFacingError`` whose ``code`` is one of
    ``OFFLINE_CODES`` (unreachable or too slow: the kiosk falls back), ``NOT_GENUINE_CODE`` (the card's
    internal authentication failed), or any other code (refused: the read fails with that message).
    """

    def external_auth(self, request: AuthChallenge) -> bytes: ...


class CardNotGenuine(CardError):
    code = NOT_GENUINE_CODE
    message = "这张社保卡未通过真伪校验，请到窗口办理"


class ExternalAuthFailed(CardError):
    """The card refused the cryptogram. Never retried: each try uses up one of the card's auth tries."""

    code = "auth_failed"
    message = "社保卡认证未通过，请到窗口办理"


class CryptoServiceRefused(CardError):
    code = "hsm_refused"
    message = "县里的读卡服务暂时不能认证此卡，请到窗口办理"


class InvalidIdNumber(UserFacingError):
    code = "id_number"


def provisional_holder(card_number: str, version: str, card_id: bytes, reason: str) -> Holder:
    """The offline fallback's holder: the card, not yet the person (name and ID number to come)."""
    return Holder(id_number="", name="", card_number=card_number, card_version=version,
                  region_code=region_of(card_id), identity_confirmed=False,
                  extra={"fallback": reason})


def confirm_typed_id(holder: Holder, typed: str) -> Holder:
    """The holder with the ID number the villager (or a clerk in 帮办 mode) typed, check digit verified.

    Still ``identity_confirmed=False``: only the hub can tie the card number to the ID number.
    Raises InvalidIdNumber with the validator's plain-Chinese message.
    """
    problem = check_id_number(typed)
    if problem:
        raise InvalidIdNumber(problem, detail=f"typed ID number refused ({len(typed)} chars)")
    id_number = normalize(typed).upper()
    extra = {**holder.extra, "identity_to_confirm": {"card_number": holder.card_number, "id_number": id_number}}
    return dataclasses.replace(holder, id_number=id_number, identity_confirmed=False, extra=extra)


def identity_to_confirm(holder: Holder) -> dict[str, str] | None:
    """What a transaction payload carries under ``"identity_to_confirm"`` for an unconfirmed holder."""
    if holder.identity_confirmed:
        return None
    claim = holder.extra.get("identity_to_confirm")
    return dict(claim) if claim else None


__all__ = [
    "AuthChallenge",
    "CardNotGenuine",
    "CryptoService",
    "CryptoServiceRefused",
    "ExternalAuthFailed",
    "InvalidIdNumber",
    "algorithm_flag",
    "confirm_typed_id",
    "external_authenticate",
    "get_challenge",
    "identity_to_confirm",
    "internal_authenticate",
    "is_third_generation",
    "provisional_holder",
]
