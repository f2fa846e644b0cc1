"""A pad with no port, for the demo, the UI and diagnostics: same Protocol as ``SerialSigpad``.

``sign(name)`` writes a generated signature at a real pad's pace on the pad's worker thread
(``dev-sigpad-virtual``); ``go_silent()`` and ``unplug()``/``plug_in()`` act out the faults the
diagnostic screen has to show.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

from kiosk.events import DeviceStateChanged, EventHub
from kiosk.signature import Signature

from .base import DEVICE, STATE_MESSAGES, PadCapabilities, PenCallback, PenEvent, SigpadState
from .capture import PenRouter, capture_device
from .scribble import name_strokes

CAPABILITIES = PadCapabilities(max_x=24576, max_y=18432, max_pressure=1023, points_per_mm=100, model="virtual pad")
RATE_HZ = 133


class VirtualSigpad:
    def __init__(self, events: EventHub, *, time_scale: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self._events = events
        self._clock = clock
        self.time_scale = time_scale  # < 1 writes faster (tests)
        self._router = PenRouter(capture_device("virtual", CAPABILITIES, RATE_HZ), CAPABILITIES)
        self._state = SigpadState.CLOSED
        self._plugged, self._silent = True, False
        self._work: queue.SimpleQueue[list[list] | None] = queue.SimpleQueue()
        self._idle = threading.Condition()
        self._pending = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> SigpadState:
        return self._state

    @property
    def ok(self) -> bool:
        return self._state in (SigpadState.READY, SigpadState.CAPTURING)

    @property
    def protocol(self) -> str:
        return "virtual"

    @property
    def capabilities(self) -> PadCapabilities:
        return CAPABILITIES

    def open(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="dev-sigpad-virtual", daemon=True)
            self._thread.start()
            self._set_state(SigpadState.READY if self._plugged else SigpadState.DISCONNECTED)

    def start(self, on_pen: PenCallback) -> None:
        self.open()
        self._router.begin(on_pen)
        if self._plugged and not self._silent:
            self._set_state(SigpadState.CAPTURING)

    def stop(self) -> None:
        self._router.end()
        if self.ok:
            self._set_state(SigpadState.READY)

    def clear(self) -> None:
        self._router.clear()

    def signature(self) -> Signature:
        return self._router.signature()

    def record(self) -> bytes:
        return self._router.record()

    def listen(self, listener: Callable[[PenEvent], None]) -> Callable[[], None]:
        return self._router.listen(listener)

    def close(self) -> None:
        self._stop.set()
        self._work.put(None)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._set_state(SigpadState.CLOSED)

    # --- what the demo panel and diagnostics call ---------------------------------------------------
    def sign(self, name: str = "张三") -> None:
        """Write a generated signature for ``name`` (nothing happens while silent or unplugged)."""
        self.open()
        with self._idle:
            self._pending += 1
        self._work.put(name_strokes(name, rate_hz=RATE_HZ))

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until every queued signature has been written."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def go_silent(self, silent: bool = True) -> None:
        self._silent = silent
        if self._plugged:
            capturing = self._router.capturing
            self._set_state(SigpadState.SILENT if silent else
                            SigpadState.CAPTURING if capturing else SigpadState.READY)

    def unplug(self) -> None:
        self._plugged = False
        self._router.pen_lost()
        self._set_state(SigpadState.DISCONNECTED)

    def plug_in(self) -> None:
        self._plugged = True
        self.go_silent(self._silent)

    # --- the worker ---------------------------------------------------------------------------------
    def _set_state(self, state: SigpadState) -> None:
        if state is not self._state:
            self._state = state
            self._events.publish(DeviceStateChanged(DEVICE, state.value, STATE_MESSAGES.get(state, "")))

    def _run(self) -> None:
        while not self._stop.is_set():
            strokes = self._work.get()
            if strokes is None:
                break
            self._write(strokes)
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()

    def _write(self, strokes) -> None:
        c = CAPABILITIES
        begin = time.monotonic()
        for stroke in strokes:
            for point in [*stroke, None]:  # None: the lift after the stroke
                p = point or stroke[-1]
                due = begin + p.t * self.time_scale
                if self._stop.wait(max(0.0, due - time.monotonic())):
                    return
                if not self._plugged or self._silent:
                    return
                down = point is not None
                self._router.deliver(PenEvent(round(p.x * c.max_x), round(p.y * c.max_y),
                                              round(p.pressure * c.max_pressure) if down else 0, down,
                                              self._clock(), proximity=True))
