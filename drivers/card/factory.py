"""Builds the configured card reader for the composition root and the CLI."""

from __future__ import annotations

from kiosk.config.schema import CardSection
from kiosk.events import EventHub

from .base import CardReader
from .session import Trace


def make_card_reader(section: CardSection, events: EventHub, *, trace: Trace | None = None) -> CardReader | None:
    """The reader named in ``[card]``, not started; None when ``driver = "none"``.

    pyscard is imported only for the real driver, so the demo runs without it.
    """
    if section.driver == "none":
        return None
    if section.driver == "virtual":
        from .virtual import VirtualCardReader

        return VirtualCardReader(events, read_timeout_s=section.read_timeout_s, trace=trace,
                                 psam_configured=bool(section.psam_reader))
    from .pcsc import PcscCardReader

    return PcscCardReader(events, reader=section.reader, psam_reader=section.psam_reader,
                          read_timeout_s=section.read_timeout_s, trace=trace)
