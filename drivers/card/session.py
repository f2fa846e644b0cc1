"""One conversation with a 社保卡 over any transmit function: select SSSE, read EF05/EF06, VERIFY.

Transport-agnostic (the pcsc driver, the in-process virtual reader and the benchmark all use it) and free
of threads. A third-generation card is authenticated (``gen3``: internal auth + RKSSSE external auth via
the injected crypto service) between the free EF05 items and the protected ones.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.domain import Holder
from kiosk.errors import UserFacingError

from . import apdu, gen3
from .base import (
    CardDataError,
    CardError,
    InvalidPinFormat,
    NotSocialSecurityCard,
    PinResult,
    PsamNotSupported,
    PsamRequired,
    WrongPin,
)
from .records import EF05_ITEMS, EF06_ITEMS, Item, decode_ascii, holder_from_items, parse_record

Trace = Callable[[str], None]
log = logging.getLogger(__name__)


@dataclass
class CardRead:
    """What one read produced: the raw records by tag (for peer checks) and the parsed holder."""

    records: dict[int, bytes] = field(default_factory=dict)
    fci: bytes = b""
    holder: Holder | None = None

    def __repr__(self) -> str:  # records hold personal data
        return f"CardRead(items={sorted(self.records)}, holder={self.holder!r})"


def _hex(data: bytes) -> str:
    return data.hex(" ").upper()


class CardSession:
    def __init__(self, transmit: apdu.Transmit, *, trace: Trace | None = None, psam_configured: bool = False,
                 crypto: gen3.CryptoService | None = None, atr: bytes = b"",
                 on_authenticating: Callable[[], None] | None = None):
        self._raw_transmit = transmit
        self._trace = trace
        self._psam_configured = psam_configured
        self._crypto = crypto
        self._atr = atr
        self._on_authenticating = on_authenticating
        self.version = ""

    # --- the APDU layer ---------------------------------------------------------------------------

    def send(self, command: bytes, *, personal: bool = False, secret: bool = False) -> tuple[bytes, int]:
        """One command with T=0 handling; ``personal`` masks the answer in the trace, ``secret`` the command."""
        if self._trace is None:
            return apdu.exchange(self._raw_transmit, command)
        trace = self._trace

        def traced(c: bytes) -> bytes:
            trace("→ " + (_hex(c[:5]) + " **" * (len(c) - 5) if secret else _hex(c)))
            r = self._raw_transmit(c)
            if personal and len(r) > 4:
                trace("← " + _hex(r[:2]) + " **" * (len(r) - 4) + " " + _hex(r[-2:]))
            else:
                trace("← " + _hex(r))
            return r

        return apdu.exchange(traced, command)

    def transmit(self, command: bytes) -> bytes:
        data, sw = self.send(command)
        return data + sw.to_bytes(2, "big")

    # --- the steps --------------------------------------------------------------------------------

    def select_application(self) -> bytes:
        """SELECT SSSE by name; returns the FCI. 6A82 here means the card is not a 社保卡."""
        fci, sw = self.send(apdu.select_by_name(apdu.SSSE_NAME))
        apdu.check(sw, command="SELECT SSSE", on_6a82=NotSocialSecurityCard)
        return fci

    def read_file(self, fid: bytes, items: tuple[Item, ...], into: CardRead) -> None:
        _, sw = self.send(apdu.select_ef(fid))
        apdu.check(sw, command=f"SELECT {fid.hex().upper()}", on_6a82=NotSocialSecurityCard)
        self.read_records(items, into)

    def read_records(self, items: tuple[Item, ...], into: CardRead) -> None:
        """READ RECORD of each item in the current EF."""
        for item in items:
            data, sw = self.send(apdu.read_record_by_tag(item.tag, item.length + 2), personal=item.personal)
            if sw == apdu.SW_RECORD_NOT_FOUND and not item.required:
                continue
            try:
                apdu.check(sw, command=f"READ RECORD {item.tag:02X}", version=self.version)
            except PsamRequired as exc:
                if self._psam_configured:
                    raise PsamNotSupported(detail=exc.detail + "; PSAM authentication not implemented yet") from exc
                raise
            into.records[item.tag] = data
            if item.tag == 0x03:
                self.version = parse_record(0x03, data).decode("ascii", errors="replace")

    def read_items(self) -> CardRead:
        result = CardRead()
        result.fci = self.select_application()
        free = tuple(i for i in EF05_ITEMS if i.tag in gen3.FREE_EF05_TAGS)
        self.read_file(apdu.EF05, free, result)
        if self._crypto is not None and gen3.is_third_generation(self.version):
            self.authenticate(result)  # no SELECT in between: EF05 stays the current file
        self.read_records(tuple(i for i in EF05_ITEMS if i.tag not in gen3.FREE_EF05_TAGS), result)
        self.read_file(apdu.EF06, EF06_ITEMS, result)
        return result

    def read(self) -> CardRead:
        """The whole basic read: raw records and the parsed Holder. Raises a CardError subclass.

        A 3.0 card whose crypto service is unreachable gives a provisional holder (card number only,
        ``identity_confirmed=False``) instead of an error: the offline fallback.
        """
        result = CardRead()
        try:
            result = self.read_items()
        except _CryptoOffline as offline:
            values = {tag: parse_record(tag, raw) for tag, raw in offline.partial.records.items()}
            offline.partial.holder = gen3.provisional_holder(
                records_text(values, 0x07), self.version, values.get(0x01, b""), offline.code)
            log.info("third-generation card read offline (%s): identity to be confirmed", offline.code)
            return offline.partial
        values = {tag: parse_record(tag, raw) for tag, raw in result.records.items()}
        result.holder = holder_from_items(values)
        return result

    def authenticate(self, read_so_far: CardRead) -> None:
        """The HSM two-step for a 3.0 card: internal auth + challenge → crypto service → external auth."""
        card_id = parse_record(0x01, read_so_far.records[0x01])
        random = os.urandom(gen3.INTERNAL_RANDOM_LEN)
        response, sw = self.send(gen3.internal_authenticate(random))
        apdu.check(sw, command="INTERNAL AUTHENTICATE", version=self.version)
        challenge, sw = self.send(gen3.get_challenge())
        apdu.check(sw, command="GET CHALLENGE", version=self.version)
        request = gen3.AuthChallenge(
            region=gen3.region_of(card_id), atr=self._atr, algorithm=gen3.algorithm_flag(read_so_far.fci),
            card_id=card_id, card_number=records_text({0x07: parse_record(0x07, read_so_far.records[0x07])}, 0x07),
            version=self.version,
            internal_random=random,
            internal_response=gen3.expect_length(response, gen3.INTERNAL_RANDOM_LEN, "INTERNAL AUTHENTICATE"),
            challenge=gen3.expect_length(challenge, gen3.CHALLENGE_LEN, "GET CHALLENGE"),
        )
        if self._on_authenticating is not None:
            self._on_authenticating()
        assert self._crypto is not None
        try:
            cryptogram = self._crypto.external_auth(request)
        except CardError:
            raise
        except UserFacingError as exc:
            if exc.code in gen3.OFFLINE_CODES:
                raise _CryptoOffline(exc.code, read_so_far) from exc
            if exc.code == gen3.NOT_GENUINE_CODE:
                raise gen3.CardNotGenuine(detail=exc.detail) from exc
            raise gen3.CryptoServiceRefused(exc.message, detail=f"{exc.code}: {exc.detail}") from exc
        if len(cryptogram) != gen3.CRYPTOGRAM_LEN:
            raise gen3.CryptoServiceRefused(detail=f"cryptogram of {len(cryptogram)} bytes")
        _, sw = self.send(gen3.external_authenticate(cryptogram), secret=True)
        if sw != 0x9000:  # tried once only: a retry loop would use up the card's tries
            raise gen3.ExternalAuthFailed(detail=f"EXTERNAL AUTHENTICATE: SW={sw:04X} "
                                                 f"({apdu.SW_MEANING.get(sw, 'unknown status')})")

    def verify_pin(self, pin: str) -> PinResult:
        """VERIFY against the SSSE. Only ever called on a service's request; the PIN is not traced."""
        if not (pin.isascii() and pin.isdigit() and len(pin) == 6):
            raise InvalidPinFormat(detail=f"PIN of {len(pin)} characters refused before reaching the card")
        self.select_application()
        _, sw = self.send(apdu.verify(pin), secret=True)
        try:
            apdu.check(sw, command="VERIFY")
        except WrongPin as exc:
            return PinResult(ok=False, tries_left=exc.tries_left)
        return PinResult(ok=True)


class _CryptoOffline(Exception):
    """The crypto service could not be reached: carries what was read so far for the fallback."""

    def __init__(self, code: str, partial: CardRead):
        super().__init__(code)
        self.code = code
        self.partial = partial


def records_text(values: dict[int, bytes], tag: int) -> str:
    return decode_ascii(values[tag], "card number") if tag in values else ""


__all__ = ["CardDataError", "CardRead", "CardSession", "Trace"]
