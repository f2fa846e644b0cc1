"""One conversation with a 社保卡 over any transmit function: select SSSE, read EF05/EF06, VERIFY.

Transport-agnostic (the pcsc driver, the in-process virtual reader and the benchmark all use it) and free
of threads. A later issue adds the third-generation two-step authentication (internal auth + RKSSSE
external auth) as further methods here, between ``select_application`` and ``read_items``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.domain import Holder

from . import apdu
from .base import (
    CardDataError,
    InvalidPinFormat,
    NotSocialSecurityCard,
    PinResult,
    PsamNotSupported,
    PsamRequired,
    WrongPin,
)
from .records import EF05_ITEMS, EF06_ITEMS, Item, holder_from_items, parse_record

Trace = Callable[[str], None]


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
    def __init__(self, transmit: apdu.Transmit, *, trace: Trace | None = None, psam_configured: bool = False):
        self._raw_transmit = transmit
        self._trace = trace
        self._psam_configured = psam_configured
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
        self.read_file(apdu.EF05, EF05_ITEMS, result)
        self.read_file(apdu.EF06, EF06_ITEMS, result)
        return result

    def read(self) -> CardRead:
        """The whole basic read: raw records and the parsed Holder. Raises a CardError subclass."""
        result = self.read_items()
        values = {tag: parse_record(tag, raw) for tag, raw in result.records.items()}
        result.holder = holder_from_items(values)
        return result

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


__all__ = ["CardDataError", "CardRead", "CardSession", "Trace"]
