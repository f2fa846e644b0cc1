"""Card test fixtures: the private pcscd + vpcd stack, an event recorder, a started PC/SC driver."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from kiosk.events import EventHub
from tests.support.pcsc import PcscStack, pcsc  # noqa: F401  (fixture)


class EventLog:
    """Every event published on a hub, with a way to wait for the n-th of a kind."""

    def __init__(self, hub: EventHub):
        self.events: list[object] = []
        self._cond = threading.Condition()
        hub.subscribe(object, self._record)

    def _record(self, event: object) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def of(self, name: str) -> list:
        with self._cond:
            return [e for e in self.events if type(e).__name__ == name]

    def wait_for(self, name: str, count: int = 1, timeout: float = 5.0):
        with self._cond:
            ok = self._cond.wait_for(lambda: len([e for e in self.events if type(e).__name__ == name]) >= count,
                                     timeout)
        assert ok, f"timed out waiting for {count}× {name}; saw {[type(e).__name__ for e in self.events]}"
        return self.of(name)[count - 1]

    def card_events(self) -> list[str]:
        names = {"CardReading", "CardInserted", "CardRemoved", "CardReadFailed"}
        with self._cond:
            return [type(e).__name__ for e in self.events if type(e).__name__ in names]


@pytest.fixture
def hub() -> EventHub:
    return EventHub()


@pytest.fixture
def log(hub) -> EventLog:
    return EventLog(hub)


@pytest.fixture
def stack(pcsc: PcscStack) -> Iterator[PcscStack]:  # noqa: F811
    """The session stack with both slots empty before and after the test."""
    for slot in (0, 1):
        pcsc.remove(slot)
    assert pcsc.wait_card(present=False)
    yield pcsc
    for slot in (0, 1):
        pcsc.remove(slot)


@pytest.fixture
def driver(stack, hub, log):
    from drivers.card.pcsc import PcscCardReader

    reader = PcscCardReader(hub, reader="Virtual PCD 00 00", read_timeout_s=1.5)
    reader.start()
    log.wait_for("DeviceStateChanged")  # the worker is up
    yield reader
    reader.stop()
    assert not reader._thread.is_alive()
