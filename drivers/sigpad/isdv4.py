"""Wacom ISDV4 / W8001 serial digitizers (also inside many OEM 电磁签名屏): 9-byte pen packets, 38400 8N1.

Layout from the Linux driver ``drivers/input/touchscreen/wacom_w8001.c``. Byte 0 has bit 7 (sync); bit 6
marks an 11-byte control reply (the answer to the ``*`` query, laid out like a pen packet, carrying the
maxima); bit 4 a touch packet, which a signature ignores. Commands are single ASCII bytes.
"""

from __future__ import annotations

from .base import PadCapabilities, PenEvent
from .framing import INVALID, PacketDecoder, parse_seven_bit_fields, seven_bit_fields

BAUD = 38400
CMD_STOP, CMD_START, CMD_QUERY = b"0", b"1", b"*"
PEN_LENGTH, CONTROL_LENGTH, TOUCH_LENGTH = 9, 11, 5
RESOLUTION = 100  # points per mm (W8001_PEN_RESOLUTION)
DEFAULT_CAPABILITIES = PadCapabilities(max_x=24576, max_y=18432, max_pressure=1023,
                                       points_per_mm=RESOLUTION, model="ISDV4")


class Isdv4Decoder(PacketDecoder):
    name = "isdv4"
    default_capabilities = DEFAULT_CAPABILITIES

    def packet_length(self, first: int) -> int:
        if first & 0x40:
            return CONTROL_LENGTH
        if first & 0x10:
            return TOUCH_LENGTH
        return PEN_LENGTH

    def decode_packet(self, packet: bytes, t: float):
        first = packet[0]
        if first & 0x40:
            x, y, pressure = parse_seven_bit_fields(packet)
            if x and y and pressure:
                self.set_capabilities(PadCapabilities(x, y, pressure, points_per_mm=RESOLUTION,
                                                      model=f"ISDV4 v{packet[9]}.{packet[10]}"), reported=True)
            return None
        if first & 0x10:
            return None  # finger touch: not a signature
        if first & 0x08:
            return INVALID  # reserved bit
        x, y, pressure = parse_seven_bit_fields(packet)
        if not self.plausible(x, y, pressure):
            return INVALID
        proximity = bool(first & 0x20)
        return PenEvent(x, y, pressure, down=bool(first & 0x01) and proximity, t=t, proximity=proximity)


def encode_pen(x: int, y: int, pressure: int, down: bool, proximity: bool = True) -> bytes:
    first = 0x80 | (0x20 if proximity else 0) | (0x01 if down else 0)
    return bytes((first, *seven_bit_fields(x, y, pressure), 0, 0))


def encode_capabilities(caps: PadCapabilities, version: tuple[int, int] = (1, 23)) -> bytes:
    """The 11-byte reply to ``*``."""
    return bytes((0xC0, *seven_bit_fields(caps.max_x, caps.max_y, caps.max_pressure), 0, 0, *version))
