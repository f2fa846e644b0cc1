"""Builds the configured card reader for the composition root and the CLI."""

from __future__ import annotations

from kiosk.config.schema import CardSection
from kiosk.errors import UserFacingError
from kiosk.events import EventHub

from .base import CardReader
from .gen3 import CryptoService
from .psam import UnsupportedPsam
from .session import Trace


def make_card_reader(section: CardSection, events: EventHub, *, trace: Trace | None = None,
                     crypto: CryptoService | None = None) -> CardReader | None:
    """The reader named in ``[card]``, not started; None when ``driver = "none"``.

    ``crypto`` authenticates third-generation cards (the hub's crypto service, from the composition
    root); without it a configured PSAM reader stands in. pyscard is imported only for the real driver.
    """
    if section.driver == "none":
        return None
    if crypto is None and section.psam_reader:
        crypto = UnsupportedPsam(section.psam_reader)
    if section.driver == "virtual":
        try:
            from .virtual import VirtualCardReader
        except ModuleNotFoundError as exc:  # a terminal's package leaves it out (installer/not-shipped)
            if not (exc.name or "").startswith(f"{__package__}.virtual"):
                raise
            raise UserFacingError("读卡器设置有误，请联系管理员", code="card_config",
                                  detail=f'[card] driver = "virtual" on a build without it: {exc}') from exc

        return VirtualCardReader(events, read_timeout_s=section.read_timeout_s, trace=trace,
                                 psam_configured=bool(section.psam_reader), crypto=crypto)
    from .pcsc import PcscCardReader

    return PcscCardReader(events, reader=section.reader, psam_reader=section.psam_reader,
                          read_timeout_s=section.read_timeout_s, trace=trace, crypto=crypto)
