"""The signature pad as the rest of the kiosk sees it: pen events, capabilities, a Protocol and a state Enum.

Implementations: ``serial_pad.SerialSigpad`` (a real pad on a serial port, any of the protocols in
``protocols``) and ``virtual.VirtualSigpad`` (no port; the demo panel "signs" on it).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from kiosk.errors import DeviceError
from kiosk.signature import Signature

DEVICE = "sigpad"  # the name in kiosk.events.DeviceStateChanged


@dataclass(frozen=True)
class PenEvent:
    """One decoded pen packet, in the pad's own units. ``t`` is the monotonic time the bytes were read."""

    x: int
    y: int
    pressure: int
    down: bool  # tip switch: ink
    t: float
    proximity: bool = True  # hovering counts; a pen that leaves the pad sends proximity False


@dataclass(frozen=True)
class PadCapabilities:
    """Coordinate and pressure ranges: from the pad's capability reply, or the protocol's defaults."""

    max_x: int
    max_y: int
    max_pressure: int
    min_x: int = 0
    min_y: int = 0
    points_per_mm: float = 0.0  # 0: unknown
    model: str = ""

    def normalise(self, x: int, y: int) -> tuple[float, float]:
        """Pad units to 0..1 of the active area (clamped: some pads report a little beyond it)."""
        nx = (x - self.min_x) / max(1, self.max_x - self.min_x)
        ny = (y - self.min_y) / max(1, self.max_y - self.min_y)
        return min(max(nx, 0.0), 1.0), min(max(ny, 0.0), 1.0)

    def contains(self, x: int, y: int, pressure: int) -> bool:
        return self.min_x <= x <= self.max_x and self.min_y <= y <= self.max_y and 0 <= pressure <= self.max_pressure


class SigpadState(enum.Enum):
    CLOSED = "closed"
    CONNECTING = "connecting"  # opening the port, asking the pad what it is
    READY = "ready"  # open, not capturing
    CAPTURING = "capturing"
    DISCONNECTED = "disconnected"  # the port is gone (unplugged); retrying
    SILENT = "silent"  # the port is there but the pad does not answer
    ERROR = "error"


# Plain Chinese for the villager and the status bar; empty when all is well.
STATE_MESSAGES = {
    SigpadState.DISCONNECTED: "签名板未连接，请在屏幕上签名或请工作人员检查",
    SigpadState.SILENT: "签名板没有响应，请在屏幕上签名或请工作人员检查",
    SigpadState.ERROR: "签名板故障，请在屏幕上签名",
}

# What the UI bridge subscribes: x, y in 0..1 of the pad area, and whether the tip is down.
PenCallback = Callable[[float, float, bool], None]


class SigpadError(DeviceError):
    code = "sigpad"
    message = "签名板故障，请在屏幕上签名"


class SigpadUnavailable(SigpadError):
    code = "sigpad_unavailable"
    message = "签名板未连接，请在屏幕上签名或请工作人员检查"


class SigpadUnknownModel(SigpadError):
    code = "sigpad_unknown_model"
    message = "签名板型号无法识别，请工作人员在设置中选择签名板协议"


@runtime_checkable
class Sigpad(Protocol):
    """One pad. Methods return at once; the pad's worker thread does the I/O and calls ``on_pen``."""

    @property
    def state(self) -> SigpadState: ...

    @property
    def ok(self) -> bool: ...

    @property
    def protocol(self) -> str:
        """The protocol in use ("isdv4", …; "virtual"); empty until the pad has been recognised."""

    @property
    def capabilities(self) -> PadCapabilities | None:
        """The ranges the pad reported (or the protocol's defaults); None until it has been recognised."""

    def open(self) -> None:
        """Start the worker; it keeps trying the port and publishes DeviceStateChanged as it goes."""

    def start(self, on_pen: PenCallback) -> None:
        """Begin a signature: clear what was there and send each pen sample to ``on_pen``."""

    def stop(self) -> None:
        """Stop sending pen samples; the signature so far is kept."""

    def clear(self) -> None:
        """Forget the signature so far (the villager pressed 重签)."""

    def signature(self) -> Signature:
        """The signature so far, with time and pressure."""

    def record(self) -> bytes:
        """The signature as a time-series record (JSON), ready to bind to a transaction."""

    def listen(self, listener: Callable[[PenEvent], None]) -> Callable[[], None]:
        """Every decoded pen event, captured or not, on the worker thread (diagnostics); returns unsubscribe."""

    def close(self) -> None:
        """Stop the worker and close the port."""
