"""The byte-stream framer every pad protocol here shares: sync on bit 7, fixed packet lengths, resync on junk.

Each protocol module subclasses ``PacketDecoder`` with its packet lengths and field layout. The decoder is
pure (bytes and a timestamp in, ``PenEvent``s out), keeps a partial packet between reads, and never raises.

Random bytes now and then look like a valid packet, so a packet only counts once it is *confirmed*: the
next packet follows it with no byte dropped in between and lands near it. After that the stream is locked
and each valid packet is passed on at once, until a dropped byte or an invalid packet unlocks it again.
"""

from __future__ import annotations

from .base import PadCapabilities, PenEvent

INVALID = object()  # decode_packet's answer for a well-framed packet whose fields are impossible
MAX_CONFIRM_JUMP = 0.15  # of the active area, between the two packets that lock the stream
RANGE_MARGIN = 0.05  # pads report a little beyond their active area; more than this is junk


class PacketDecoder:
    """Bytes to pen events for one protocol. Subclasses set ``name`` and implement the two hooks."""

    name = ""
    default_capabilities = PadCapabilities(max_x=65535, max_y=65535, max_pressure=1023)

    def __init__(self, capabilities: PadCapabilities | None = None):
        self.capabilities = capabilities or self.default_capabilities
        self.capabilities_reported = False  # set when the pad answered a capability query
        self.packets = 0
        self.rejected_bytes = 0
        self._buf = bytearray()
        self._dropped = False
        self._locked = False
        self._candidate: PenEvent | None = None
        self._set_limits()

    # --- protocol hooks ------------------------------------------------------------------------------
    def packet_length(self, first: int) -> int:
        """Length of the packet a sync byte starts, or 0 if no packet starts with it."""
        raise NotImplementedError

    def decode_packet(self, packet: bytes, t: float):
        """A ``PenEvent``; ``None`` for a packet that is not a pen sample (a reply, a filler); or ``INVALID``."""
        raise NotImplementedError

    def take_text(self, data: bytearray, start: int) -> int:
        """Protocols with ASCII replies consume them here; return the index after them (``start``: none)."""
        return start

    # --- shared --------------------------------------------------------------------------------------
    def set_capabilities(self, capabilities: PadCapabilities, *, reported: bool = False) -> None:
        self.capabilities = capabilities
        self.capabilities_reported = self.capabilities_reported or reported
        self._set_limits()

    def _set_limits(self) -> None:
        c = self.capabilities
        mx, my = (c.max_x - c.min_x) * RANGE_MARGIN, (c.max_y - c.min_y) * RANGE_MARGIN
        self._x_range = (c.min_x - mx, c.max_x + mx)
        self._y_range = (c.min_y - my, c.max_y + my)
        self._jump = ((c.max_x - c.min_x) * MAX_CONFIRM_JUMP, (c.max_y - c.min_y) * MAX_CONFIRM_JUMP)

    def plausible(self, x: int, y: int, pressure: int) -> bool:
        return (self._x_range[0] <= x <= self._x_range[1] and self._y_range[0] <= y <= self._y_range[1]
                and 0 <= pressure <= self.capabilities.max_pressure)

    def reset(self) -> None:
        """Forget partial packets and the lock (after reopening the port)."""
        self._buf.clear()
        self._dropped, self._locked, self._candidate = False, False, None

    def feed(self, data: bytes, t: float) -> list[PenEvent]:
        events: list[PenEvent] = []
        buf = self._buf
        buf += data
        i, n = 0, len(buf)
        while i < n:
            first = buf[i]
            length = self.packet_length(first) if first & 0x80 else 0
            if not length:
                after_text = self.take_text(buf, i)
                if after_text == -1:  # an ASCII reply not finished yet
                    break
                if after_text > i:
                    i = after_text
                    continue
                i += 1
                self._drop(1)
                continue
            end = min(n, i + length)
            resync = next((j for j in range(i + 1, end) if buf[j] & 0x80), 0)
            if resync:
                self._drop(resync - i)
                i = resync
                continue
            if end - i < length:
                break  # wait for the rest of the packet
            self._accept(bytes(buf[i:end]), t, events)
            i = end
        del buf[:i]
        return events

    def _drop(self, count: int) -> None:
        self.rejected_bytes += count
        self._dropped = True

    def _accept(self, packet: bytes, t: float, events: list[PenEvent]) -> None:
        event = self.decode_packet(packet, t)
        if event is None:
            return
        if event is INVALID:
            self._drop(len(packet))
            return
        self.packets += 1
        if self._locked and not self._dropped:
            events.append(event)
        elif self._candidate is not None and not self._dropped and self._near(self._candidate, event):
            events.append(self._candidate)
            events.append(event)
            self._locked = True
        else:
            self._locked = False
        self._candidate = event
        self._dropped = False

    def _near(self, a: PenEvent, b: PenEvent) -> bool:
        return abs(a.x - b.x) <= self._jump[0] and abs(a.y - b.y) <= self._jump[1]


def seven_bit_fields(x: int, y: int, pressure: int) -> tuple[int, int, int, int, int, int]:
    """Bytes 1..6 of the ISDV4 pen packet layout (Hanvon uses the same): 16-bit X/Y, 10-bit pressure."""
    return ((x >> 9) & 0x7F, (x >> 2) & 0x7F, (y >> 9) & 0x7F, (y >> 2) & 0x7F, pressure & 0x7F,
            ((x & 3) << 5) | ((y & 3) << 3) | ((pressure >> 7) & 7))


def parse_seven_bit_fields(p: bytes) -> tuple[int, int, int]:
    """X, Y, pressure from bytes 1..6 (wacom_w8001.c parse_pen_data)."""
    x = (p[1] & 0x7F) << 9 | (p[2] & 0x7F) << 2 | (p[6] & 0x60) >> 5
    y = (p[3] & 0x7F) << 9 | (p[4] & 0x7F) << 2 | (p[6] & 0x18) >> 3
    pressure = (p[5] & 0x7F) | (p[6] & 0x07) << 7
    return x, y, pressure
