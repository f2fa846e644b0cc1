"""Typed events and the hub that carries them (style guide §14).

Events are frozen dataclasses named ``<subject><Verb>`` in the past tense (``CardInserted``). They are
published on an ``EventHub`` that the composition root creates and passes in: there is no global hub.
Handlers run on the publisher's thread; the UI's bridges re-emit them as queued Qt signals, so a
driver thread never touches a widget.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

log = logging.getLogger(__name__)

E = TypeVar("E")


class EventHub:
    """Synchronous publish/subscribe by event type. Thread-safe; a failing handler is logged, not raised."""

    def __init__(self) -> None:
        self._handlers: dict[type, list[Callable[[Any], None]]] = defaultdict(list)
        self._lock = threading.Lock()

    def subscribe(self, event_type: type[E], handler: Callable[[E], None]) -> Callable[[], None]:
        with self._lock:
            self._handlers[event_type].append(handler)

        def unsubscribe() -> None:
            with self._lock:
                if handler in self._handlers[event_type]:
                    self._handlers[event_type].remove(handler)

        return unsubscribe

    def publish(self, event: object) -> None:
        with self._lock:
            handlers = [h for t, hs in self._handlers.items() if isinstance(event, t) for h in hs]
        for handler in handlers:
            try:
                handler(event)
            except Exception:  # a broken subscriber must not take the publisher (a device thread) down
                log.exception("event handler failed for %s", type(event).__name__)


# --- store -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TransactionQueued:
    txn_id: str
    acceptance_no: str
    service_code: str


@dataclass(frozen=True)
class QueueChanged:
    """Counts by state after a change; the UI shows them in plain words."""

    queued: int
    sent: int
    acknowledged: int
    rejected: int


# --- session ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionStarted:
    session_id: str
    mode: str  # "self" or "assisted"


@dataclass(frozen=True)
class SessionEnded:
    session_id: str
    reason: str  # "done", "idle", "card_removed", "logout"


# --- devices ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceStateChanged:
    device: str  # "card", "camera", "sigpad", "printer"
    state: str  # the driver's state Enum value
    message: str = ""  # plain Chinese, empty when all is well


# --- sync ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncProgress:
    sent: int
    total: int
    online: bool
    reason: str = ""  # plain Chinese, e.g. "网络未连接"
