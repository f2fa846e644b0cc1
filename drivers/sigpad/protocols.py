"""What the driver and the emulator need to know about each protocol: line settings, commands, codecs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from . import hanvon, isdv4, topaz, wacom4
from .base import PadCapabilities
from .framing import PacketDecoder


@dataclass(frozen=True)
class ProtocolSpec:
    name: str
    baud: int
    parity: str  # pyserial's PARITY_NONE "N" / PARITY_ODD "O"
    decoder: type[PacketDecoder]
    encode_pen: Callable[..., bytes]
    default_capabilities: PadCapabilities
    sample_rate_hz: int  # what real pads of the kind send while the pen is near
    query: tuple[bytes, ...] = ()  # sent in order to learn the capabilities; empty: the pad has no query
    start: bytes = b""
    stop: bytes = b""

    def capabilities(self, max_x: int = 0, max_y: int = 0, max_pressure: int = 0) -> PadCapabilities:
        """The defaults, with whatever config overrides (0 keeps the default)."""
        overrides = {k: v for k, v in (("max_x", max_x), ("max_y", max_y), ("max_pressure", max_pressure)) if v}
        return dataclasses.replace(self.default_capabilities, **overrides)


PROTOCOLS: dict[str, ProtocolSpec] = {
    "isdv4": ProtocolSpec("isdv4", isdv4.BAUD, "N", isdv4.Isdv4Decoder, isdv4.encode_pen,
                          isdv4.DEFAULT_CAPABILITIES, 133, query=(isdv4.CMD_QUERY,),
                          start=isdv4.CMD_START, stop=isdv4.CMD_STOP),
    "hanvon": ProtocolSpec("hanvon", hanvon.BAUD, "N", hanvon.HanvonDecoder, hanvon.encode_pen,
                           hanvon.DEFAULT_CAPABILITIES, 100),
    "wacom4": ProtocolSpec("wacom4", wacom4.BAUD, "N", wacom4.Wacom4Decoder, wacom4.encode_pen,
                           wacom4.DEFAULT_CAPABILITIES, 100, query=(wacom4.CMD_MODEL, wacom4.CMD_MAXIMA),
                           start=wacom4.CMD_START, stop=wacom4.CMD_STOP),
    "topaz": ProtocolSpec("topaz", topaz.BAUD, "O", topaz.TopazDecoder, topaz.encode_pen,
                          topaz.DEFAULT_CAPABILITIES, 120),
}

# Tried in this order by protocol = "auto": only pads that answer a query can be recognised.
PROBE_ORDER = ("isdv4", "wacom4")


def decoder_for(name: str, capabilities: PadCapabilities | None = None) -> PacketDecoder:
    spec = PROTOCOLS[name]
    return spec.decoder(capabilities or spec.default_capabilities)
