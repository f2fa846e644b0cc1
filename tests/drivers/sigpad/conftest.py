"""Fixtures for the signature pad: emulators on real ptys and pads that watch them, all closed afterwards."""

from __future__ import annotations

import threading

import pytest

from drivers.sigpad.emulator import PadEmulator
from kiosk.events import DeviceStateChanged, EventHub

FAST = 0.05  # emulators send at 20x a real pad's pace: the same bytes, sooner


class Watcher:
    """Collects pad states and pen samples; tests wait on it (with a timeout), never sleep."""

    def __init__(self, events: EventHub):
        self.cond = threading.Condition()
        self.states: list[DeviceStateChanged] = []
        self.pen: list[tuple[float, float, bool]] = []
        events.subscribe(DeviceStateChanged, self._on_state)

    def _on_state(self, event: DeviceStateChanged) -> None:
        with self.cond:
            self.states.append(event)
            self.cond.notify_all()

    def on_pen(self, x: float, y: float, down: bool) -> None:
        with self.cond:
            self.pen.append((x, y, down))
            self.cond.notify_all()

    def poke(self, *_args) -> None:
        with self.cond:
            self.cond.notify_all()

    def wait(self, predicate, timeout: float = 10.0) -> bool:
        with self.cond:
            return self.cond.wait_for(predicate, timeout)

    def wait_state(self, state: str, timeout: float = 10.0, after: int = 0) -> DeviceStateChanged:
        assert self.wait(lambda: any(e.state == state for e in self.states[after:]), timeout), \
            f"no {state!r} in {[e.state for e in self.states]}"
        return next(e for e in self.states[after:] if e.state == state)


@pytest.fixture
def events():
    return EventHub()


@pytest.fixture
def watcher(events):
    return Watcher(events)


@pytest.fixture
def emulator(tmp_path):
    made: list[PadEmulator] = []

    def make(protocol: str, **kwargs) -> PadEmulator:
        kwargs.setdefault("time_scale", FAST)
        kwargs.setdefault("link", tmp_path / f"ttyPAD{len(made)}")
        emu = PadEmulator(protocol, **kwargs)
        made.append(emu)
        emu.start()
        return emu

    yield make
    for emu in made:
        emu.close()


@pytest.fixture
def pads():
    """Pads to close at the end (their worker threads must not outlive the test)."""
    made = []
    yield made
    for pad in made:
        pad.close()
