"""Old Wacom serial tablets, protocol IV: 7-byte binary packets, 9600 8N1, ASCII commands ending in CR.

Layout from the Linux driver ``drivers/input/tablet/wacom_serial4.c``. Byte 0: bit 7 sync, bit 6 in
proximity, bit 5 stylus, bit 2 pressure bit P0, bits 1..0 X15..14; bytes 1..2 X13..0; byte 3: bits 6..3
buttons (bit 3 is the tip), bit 2 P1, bits 1..0 Y15..14; bytes 4..5 Y13..0; byte 6 pressure P8..P2 as a
signed number (hence the XOR). Replies to ``~#`` (model) and ``~C`` (maxima) are ASCII: ``~C21136,15900\r``.
"""

from __future__ import annotations

import dataclasses
import re

from .base import PadCapabilities, PenEvent
from .framing import INVALID, PacketDecoder

BAUD = 9600
PACKET_LENGTH = 7
CMD_MODEL, CMD_MAXIMA, CMD_START, CMD_STOP = b"~#\r", b"~C\r", b"ST\r", b"SP\r"
EXTRA_Z_BITS = 2
MAX_REPLY = 64
DEFAULT_CAPABILITIES = PadCapabilities(max_x=5040, max_y=3780, max_pressure=(0x80 << EXTRA_Z_BITS) - 1,
                                       points_per_mm=1000 / 25.4, model="Wacom IV")
_MAXIMA = re.compile(rb"~C(\d{1,5}),(\d{1,5})")


class Wacom4Decoder(PacketDecoder):
    name = "wacom4"
    default_capabilities = DEFAULT_CAPABILITIES

    def __init__(self, capabilities: PadCapabilities | None = None):
        super().__init__(capabilities)
        self.model_reported = ""

    def packet_length(self, first: int) -> int:
        return PACKET_LENGTH

    def take_text(self, data: bytearray, start: int) -> int:
        if data[start] != ord("~"):
            return start
        end = data.find(b"\r", start, start + MAX_REPLY)
        if end < 0:
            return -1 if len(data) - start < MAX_REPLY else start
        self._reply(bytes(data[start:end]))
        return end + 1

    def _reply(self, text: bytes) -> None:
        if text.startswith(b"~#"):
            self.model_reported = text[2:].decode("ascii", "replace").strip()
            self.set_capabilities(dataclasses.replace(self.capabilities, model=self.model_reported))
        elif m := _MAXIMA.match(text):
            max_x, max_y = int(m[1]), int(m[2])
            if max_x and max_y:
                self.set_capabilities(dataclasses.replace(self.capabilities, max_x=max_x, max_y=max_y),
                                      reported=True)

    def decode_packet(self, packet: bytes, t: float):
        b0, b1, b2, b3, b4, b5, b6 = packet
        proximity = bool(b0 & 0x40)
        if proximity and not b0 & 0x20:
            return INVALID  # a puck, not a pen
        x = (b0 & 3) << 14 | b1 << 7 | b2
        y = (b3 & 3) << 14 | b4 << 7 | b5
        down = bool(b3 & 0x08) and proximity
        pressure = 0
        if proximity:
            z = (b6 & 0x7F) << 1 | (b3 & 4) >> 2
            pressure = (z << 1 | (b0 & 4) >> 2) ^ (0x40 << EXTRA_Z_BITS)
        if not self.plausible(x, y, pressure):
            return INVALID
        return PenEvent(x, y, pressure if down else 0, down=down, t=t, proximity=proximity)


def encode_pen(x: int, y: int, pressure: int, down: bool, proximity: bool = True) -> bytes:
    z = (pressure if proximity else 0) ^ (0x40 << EXTRA_Z_BITS)
    b0 = 0x80 | (0x60 if proximity else 0) | (z & 1) << 2 | (x >> 14) & 3
    b3 = (0x08 if down else 0) | ((z >> 1) & 1) << 2 | (y >> 14) & 3
    return bytes((b0, (x >> 7) & 0x7F, x & 0x7F, b3, (y >> 7) & 0x7F, y & 0x7F, (z >> 2) & 0x7F))


def encode_model(model: str) -> bytes:
    return b"~#" + model.encode("ascii") + b"\r"


def encode_capabilities(caps: PadCapabilities) -> bytes:
    return b"~C%d,%d\r" % (caps.max_x, caps.max_y)
