"""Hanvon (汉王) serial EMR digitizers: 7-byte packets, 19200 8N1, no commands.

Layout from the tslib ``hanvon`` plugin: byte 0 is ``0x80`` (pen out of range) or ``0xA0`` (in range,
bit 5), bit 4 marks a packet to skip; bytes 1..6 carry X/Y/pressure in the ISDV4 layout. The pad has
no capability query, so the maxima come from config (or the defaults below); the tip is down when the
pressure is above zero.
"""

from __future__ import annotations

from .base import PadCapabilities, PenEvent
from .framing import INVALID, PacketDecoder, parse_seven_bit_fields, seven_bit_fields

BAUD = 19200
PACKET_LENGTH = 7
DEFAULT_CAPABILITIES = PadCapabilities(max_x=0x2000, max_y=0x1800, max_pressure=1023, model="Hanvon")


class HanvonDecoder(PacketDecoder):
    name = "hanvon"
    default_capabilities = DEFAULT_CAPABILITIES

    def packet_length(self, first: int) -> int:
        return PACKET_LENGTH

    def decode_packet(self, packet: bytes, t: float):
        first = packet[0]
        if first & 0x10:
            return None
        if first & 0x4F:
            return INVALID
        x, y, pressure = parse_seven_bit_fields(packet)
        if not self.plausible(x, y, pressure):
            return INVALID
        proximity = bool(first & 0x20)
        return PenEvent(x, y, pressure, down=proximity and pressure > 0, t=t, proximity=proximity)


def encode_pen(x: int, y: int, pressure: int, down: bool, proximity: bool = True) -> bytes:
    pressure = max(pressure, 1) if down else 0
    return bytes((0xA0 if proximity else 0x80, *seven_bit_fields(x, y, pressure)))
