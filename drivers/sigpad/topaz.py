"""Topaz SigLite / SignatureGem pads: 5-byte packets, 19200 8O1 (reverse-engineered, see topaz-dext).

Byte 0: bit 7 sync, bit 6 pen near, bit 0 pen down, bits 4..2 the packet type (0/1/4 coordinates,
7 pressure, 2 model/serial info). X and Y are 12 bit; ``0x0FFF, 0x0FFF`` is a filler. The pads have no
capability query; the active area comes from config or the SigLite 1x5 defaults below. Most Topaz pads
report no pressure, so a down pen counts as full pressure unless a pressure packet said otherwise.
"""

from __future__ import annotations

from .base import PadCapabilities, PenEvent
from .framing import INVALID, PacketDecoder

BAUD = 19200
PACKET_LENGTH = 5
COORDINATE_TYPES = frozenset({0, 1, 4})
PRESSURE_TYPE, INFO_TYPE = 7, 2
FILLER = 0x0FFF
DEFAULT_CAPABILITIES = PadCapabilities(max_x=2650, max_y=2100, max_pressure=1023, min_x=500, min_y=700,
                                       points_per_mm=410 / 25.4, model="Topaz SigLite 1x5")


class TopazDecoder(PacketDecoder):
    name = "topaz"
    default_capabilities = DEFAULT_CAPABILITIES

    def __init__(self, capabilities: PadCapabilities | None = None):
        super().__init__(capabilities)
        self._pressure: int | None = None  # from the last pressure packet, on pads that send them

    def packet_length(self, first: int) -> int:
        return PACKET_LENGTH

    def decode_packet(self, packet: bytes, t: float):
        b0, b1, b2, b3, b4 = packet
        kind = (b0 >> 2) & 7
        if kind == INFO_TYPE:
            return None
        if kind == PRESSURE_TYPE:
            if self._locked and not self._dropped:  # junk can look like one; only trust it inside a clean run
                self._pressure = (b4 & 0x07) << 7 | (b3 & 0x7F)
            return None
        if kind not in COORDINATE_TYPES or b2 & 0xE0 or b4 & 0xE0:
            return INVALID
        x, y = (b2 & 0x1F) << 7 | (b1 & 0x7F), (b4 & 0x1F) << 7 | (b3 & 0x7F)
        if x == FILLER and y == FILLER:
            return None
        down = bool(b0 & 0x01)
        pressure = (self._pressure if self._pressure is not None else self.capabilities.max_pressure) if down else 0
        if not self.plausible(x, y, pressure):
            return INVALID
        return PenEvent(x, y, pressure, down=down, t=t, proximity=bool(b0 & 0x40) or down)


def encode_pen(x: int, y: int, pressure: int, down: bool, proximity: bool = True) -> bytes:
    first = 0x80 | (0x40 if proximity else 0) | (0x01 if down else 0)
    return bytes((first, x & 0x7F, (x >> 7) & 0x1F, y & 0x7F, (y >> 7) & 0x1F))
