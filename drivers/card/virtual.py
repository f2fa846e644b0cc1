"""An in-process card reader with a virtual card, for the demo and the UI tests: no pcscd needed.

Same Protocol and events as the PC/SC driver, and the same session code; the demo panel calls
``insert("rare")`` / ``remove()``. Profiles are the fake villagers of ``virtual_card.profiles``.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from kiosk.domain import Holder
from kiosk.events import DeviceStateChanged, EventHub

from .base import CardError, CardMute, CardRemovedDuringRead, CardState, NoCard, NoReader, PinResult
from .events import CardAuthenticating, CardInserted, CardReadFailed, CardReading, CardRemoved
from .gen3 import CryptoService
from .session import CardSession, Trace
from .virtual_card import PROFILES, CardProfile, CardPulled, VirtualCard, profile
from .virtual_card.card import ATR

log = logging.getLogger(__name__)

T = TypeVar("T")
READER_NAME = "Kiosk Virtual Reader 00 00"


class VirtualCardReader:
    def __init__(self, events: EventHub, *, read_timeout_s: float = 5.0, trace: Trace | None = None,
                 psam_configured: bool = False, crypto: CryptoService | None = None):
        self._events = events
        self._read_timeout_s = read_timeout_s
        self._trace = trace
        self._psam = psam_configured
        self._crypto = crypto
        self._commands: queue.Queue[tuple[Callable[[], Any], Future] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="dev-cardreader-virtual", daemon=True)
        self._lock = threading.Lock()
        self._state = CardState.STOPPED
        self._holder: Holder | None = None
        self._card: VirtualCard | None = None
        self._pulled = threading.Event()  # set by remove() at once, so a read stuck on a mute card ends

    # --- the Protocol --------------------------------------------------------------------------------

    @property
    def state(self) -> CardState:
        with self._lock:
            return self._state

    def start(self) -> None:
        self._thread.start()
        self._call(lambda: self._set_state(CardState.EMPTY))

    def stop(self) -> None:
        if self._thread.is_alive():
            self._pulled.set()
            self._commands.put(None)
            self._thread.join(timeout=self._read_timeout_s + 1)
        self._set_state(CardState.STOPPED)

    def readers(self) -> list[str]:
        return [READER_NAME]

    def holder(self) -> Holder | None:
        with self._lock:
            return self._holder

    def read_holder(self) -> Holder:
        return self._call(lambda: self._session().read().holder)

    def verify_pin(self, pin: str) -> PinResult:
        return self._call(lambda: self._session().verify_pin(pin))

    def atr(self) -> bytes:
        return self._call(self._card_atr)

    def transmit(self, apdu: bytes) -> bytes:
        return self._call(lambda: self._session().transmit(apdu))

    # --- the demo panel ----------------------------------------------------------------------------

    @staticmethod
    def profiles() -> list[tuple[str, str]]:
        """(key, label) of every fake card, for the demo panel's buttons."""
        return [(p.key, p.label) for p in PROFILES.values()]

    def insert(self, card: str | CardProfile) -> None:
        """Put a card in the slot (removing any card there first); the read result arrives as events."""
        chosen = profile(card) if isinstance(card, str) else card
        self._pulled.set()  # ends a read stuck on a previous mute card
        self._submit(lambda: self._insert(chosen))

    def remove(self) -> None:
        self._pulled.set()
        self._submit(self._remove)

    # --- worker --------------------------------------------------------------------------------------

    def _submit(self, fn: Callable[[], T]) -> Future:
        if not self._thread.is_alive():
            raise NoReader(detail="virtual card reader not started")
        future: Future = Future()
        self._commands.put((fn, future))
        return future

    def _call(self, fn: Callable[[], T]) -> T:
        future = self._submit(fn)
        try:
            return future.result(timeout=self._read_timeout_s + 1)
        except TimeoutError:
            future.cancel()  # a stale VERIFY must not reach the next card
            raise CardMute(detail=f"no answer within {self._read_timeout_s:.1f} s") from None

    def _run(self) -> None:
        while (item := self._commands.get()) is not None:
            fn, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:
                future.set_exception(exc)

    def _insert(self, chosen: CardProfile) -> None:
        self._remove()
        self._pulled.clear()
        self._card = VirtualCard(chosen)
        self._set_state(CardState.READING)
        self._events.publish(CardReading(READER_NAME))
        try:
            holder = self._session().read().holder
        except CardError as exc:
            log.warning("virtual card read failed: %s (%s)", exc.code, exc.detail)
            self._set_state(CardState.ERROR, exc.message)
            self._events.publish(CardReadFailed(exc.code, exc.message, READER_NAME))
            if isinstance(exc, CardRemovedDuringRead):
                self._remove()
            return
        with self._lock:
            self._holder = holder
        self._set_state(CardState.READY)
        self._events.publish(CardInserted(holder, READER_NAME))  # type: ignore[arg-type]

    def _remove(self) -> None:
        if self._card is None:
            return
        self._card = None
        with self._lock:
            self._holder = None
        self._set_state(CardState.EMPTY)
        self._events.publish(CardRemoved(READER_NAME))

    def _card_atr(self) -> bytes:
        if self._card is None:
            raise NoCard(detail="virtual slot empty")
        return ATR  # even a mute profile answers the reset

    def _session(self) -> CardSession:
        if self._card is None:
            raise NoCard(detail="virtual slot empty")
        return CardSession(self._transmit_raw, trace=self._trace, psam_configured=self._psam, crypto=self._crypto,
                           atr=ATR, on_authenticating=lambda: self._events.publish(CardAuthenticating(READER_NAME)))

    def _transmit_raw(self, apdu: bytes) -> bytes:
        card = self._card
        if card is None:
            raise CardRemovedDuringRead(detail="virtual card removed")
        try:
            answer = card.process(apdu)
        except CardPulled:
            raise CardRemovedDuringRead(detail="virtual card pulled mid-read") from None
        if answer is None:  # mute: nothing comes back until the card is pulled or we give up
            if self._pulled.wait(self._read_timeout_s):
                raise CardRemovedDuringRead(detail="mute card removed")
            raise CardMute(detail=f"no answer within {self._read_timeout_s:.1f} s")
        return answer

    def _set_state(self, state: CardState, message: str = "") -> None:
        with self._lock:
            if self._state == state:
                return
            self._state = state
        self._events.publish(DeviceStateChanged("card", state.value, message))
