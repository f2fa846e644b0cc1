"""Signature-pad diagnostics: the port, the protocol the driver detected and its capabilities, a draw test.

``DrawTest`` listens to the pad's decoded pen events (points, report rate, pressure levels, strokes); the
screen shows it live while the technician draws, and the headless check makes the virtual pad draw.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from drivers.sigpad.base import DEVICE, STATE_MESSAGES, PadCapabilities, PenEvent, Sigpad, SigpadState
from drivers.sigpad.virtual import CAPABILITIES as VIRTUAL_CAPABILITIES
from drivers.sigpad.virtual import VirtualSigpad
from kiosk.diag import Check, Status
from kiosk.events import DeviceStateChanged, EventHub

_SETTLING = (SigpadState.CLOSED, SigpadState.CONNECTING)


class DrawTest:
    """Statistics of the pen events since ``begin``; safe to read from any thread."""

    def __init__(self, pad: Sigpad):
        self._pad = pad
        self._lock = threading.Lock()
        self._unlisten: Callable[[], None] | None = None
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.points: list[tuple[int, int]] = []
            self.pressures: set[int] = set()
            self.strokes = 0
            self._down = False
            self._t0: float | None = None
            self._t1: float | None = None

    def begin(self) -> None:
        self.reset()
        self._unlisten = self._pad.listen(self._on_pen)  # type: ignore[attr-defined]

    def end(self) -> None:
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None

    def _on_pen(self, event: PenEvent) -> None:
        with self._lock:
            self.points.append((event.x, event.y))
            if event.down:
                self.pressures.add(event.pressure)
                if not self._down:
                    self.strokes += 1
            self._down = event.down
            self._t0 = event.t if self._t0 is None else self._t0
            self._t1 = event.t

    def summary(self) -> dict:
        with self._lock:
            span = (self._t1 - self._t0) if self._t0 is not None and self._t1 is not None else 0.0
            rate = (len(self.points) - 1) / span if span > 0 else 0.0
            return {"points": len(self.points), "strokes": self.strokes, "rate_hz": round(rate, 1),
                    "pressure_levels": len(self.pressures),
                    "max_pressure_seen": max(self.pressures) if self.pressures else 0}


def wait_settled(pad: Sigpad, events: EventHub, timeout: float) -> SigpadState:
    """Open the pad and wait for the driver's verdict (ready, silent, disconnected …)."""
    changed = threading.Condition()

    def notify(event: DeviceStateChanged) -> None:
        if event.device == DEVICE:
            with changed:
                changed.notify_all()

    unsubscribe = events.subscribe(DeviceStateChanged, notify)
    try:
        pad.open()
        with changed:
            changed.wait_for(lambda: pad.state not in _SETTLING, timeout)
        return pad.state
    finally:
        unsubscribe()


def capabilities(pad: Sigpad) -> PadCapabilities | None:
    """What the driver learned from the pad (the serial driver asks it; the virtual pad has fixed ones)."""
    if isinstance(pad, VirtualSigpad):
        return VIRTUAL_CAPABILITIES
    return getattr(pad, "capabilities", None)


def pad_checks(pad: Sigpad | None, events: EventHub, *, port: str = "", settle_s: float = 3.0,
               scribble: Callable[[float], bool] | None = None, draw_timeout_s: float = 8.0) -> list[Check]:
    """``scribble(timeout)`` makes the pad draw and returns when it is done (the virtual pad); without it the
    draw test waits for a person and is skipped headless."""
    if pad is None:
        return [Check("sigpad.probe", "签名板", lambda: (Status.SKIP, "本终端未配置签名板（在屏幕上签名）", {}))]

    def port_present():
        if not port:
            return Status.SKIP, "虚拟签名板，无串口", {}
        if Path(port).exists():
            return Status.OK, f"串口 {port} 存在", {"port": port}
        return Status.FAIL, f"串口 {port} 不存在（签名板未插好？）", {"port": port}

    def probe():
        state = wait_settled(pad, events, settle_s)
        details: dict = {"state": state.value, "protocol": getattr(pad, "protocol", "") or "virtual"}
        caps = capabilities(pad)
        if caps is not None:
            details["capabilities"] = asdict(caps)
        if state in (SigpadState.READY, SigpadState.CAPTURING):
            return Status.OK, f"已连接（{details['protocol']}）", details
        return Status.FAIL, STATE_MESSAGES.get(state) or "签名板未就绪", details

    def draw():
        if scribble is None:
            return Status.SKIP, "需要在签名板上书写（请在诊断屏上测试）", {}
        if wait_settled(pad, events, settle_s) not in (SigpadState.READY, SigpadState.CAPTURING):
            return Status.FAIL, STATE_MESSAGES.get(pad.state) or "签名板未就绪", {"state": pad.state.value}
        test = DrawTest(pad)
        test.begin()
        try:
            scribble(draw_timeout_s)
        finally:
            test.end()
        details = test.summary()
        if details["points"] == 0:
            return Status.FAIL, "签名板没有送出笔迹", details
        return Status.OK, f"{details['points']}点，{details['rate_hz']:.0f}点/秒，压力{details['pressure_levels']}级", details

    return [Check("sigpad.port", "签名板串口", port_present, timeout_s=3),
            Check("sigpad.probe", "签名板", probe, timeout_s=settle_s + 3),
            Check("sigpad.draw", "签名板书写测试", draw, timeout_s=settle_s + draw_timeout_s + 3)]
