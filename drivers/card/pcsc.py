"""The real card reader over pyscard and a real pcscd.

Two named threads, as pyscard's own CardMonitor does it:
- ``dev-cardreader`` does every card operation (connect, transmit, disconnect) and runs every request
  from services (``verify_pin``, ``read_holder``, ``transmit``) from a queue, one at a time;
- ``dev-cardreader-monitor`` only waits on SCardGetStatusChange (its own PC/SC context) and posts
  "reader found / lost" and "card arrived / left" to the worker's queue.
A blocking status wait therefore never delays a request, and a request never delays an insertion.
pcscd restarts and reader unplugs drop the contexts and the monitor finds the reader again.

A mute card blocks SCardTransmit until it is pulled (vpcd and many real readers have no APDU timeout),
so a watchdog reports the timeout while the worker waits; the kiosk carries on and the late result is
discarded.
"""
from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from smartcard import scard

from kiosk.domain import Holder
from kiosk.events import DeviceStateChanged, EventHub

from .base import (
    CardCommandFailed,
    CardDataError,
    CardError,
    CardMute,
    CardRemovedDuringRead,
    CardState,
    NoCard,
    NoReader,
    PinResult,
)
from .events import CardAuthenticating, CardInserted, CardReadFailed, CardReading, CardRemoved
from .gen3 import CryptoService
from .session import CardRead, CardSession, Trace

log = logging.getLogger(__name__)

T = TypeVar("T")

POLL_MS = 500  # one status wait of the monitor; it checks for stop() in between
REDISCOVER_S = 0.25  # how often to look again for a missing pcscd or reader
PRESENCE_CHECK_MS = 600  # longer than one vpcd / reader presence poll (400 ms)
_GONE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE, scard.SCARD_F_COMM_ERROR}
_READER_GONE = {scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_E_NO_READERS_AVAILABLE}
_CARD_GONE = {
    scard.SCARD_W_REMOVED_CARD,
    scard.SCARD_E_NO_SMARTCARD,
    scard.SCARD_E_NOT_TRANSACTED,  # vpcd and some readers: the card left during the exchange
    scard.SCARD_W_RESET_CARD,
    scard.SCARD_W_UNPOWERED_CARD,
}


class _ServiceGone(Exception):
    """pcscd went away: drop the context and look for it again."""


def choose_reader(names: list[str], wanted: str, exclude: str = "") -> str | None:
    """The configured reader by exact name, else the first (sorted) whose name starts with ``wanted``.

    Never "the first reader": a PC with a SAM slot or vpcd shows several (smartcard.md pitfall 5).
    """
    if not wanted:
        return None
    if wanted in names:
        return wanted
    matches = sorted(n for n in names if n.startswith(wanted) and n != exclude)
    return matches[0] if matches else None


def _hresult_text(hresult: int) -> str:
    return f"{scard.SCardGetErrorMessage(hresult)} (0x{hresult & 0xFFFFFFFF:08X})"


class PcscCardReader:
    def __init__(self, events: EventHub, *, reader: str, psam_reader: str = "", read_timeout_s: float = 5.0,
                 trace: Trace | None = None, crypto: CryptoService | None = None):
        self._events = events
        self._wanted = reader
        self._psam_reader = psam_reader
        self._read_timeout_s = read_timeout_s
        self._trace = trace
        self._crypto = crypto  # third-generation cards: the county crypto service (hub or PSAM)
        if psam_reader and crypto is None:
            log.warning("PSAM reader %r configured: PSAM/HSM authentication is not supported yet; "
                        "third-generation cards will be refused with a plain message", psam_reader)
        self._queue: queue.Queue[tuple[Callable[[], Any], Future | None] | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dev-cardreader", daemon=True)
        self._monitor = threading.Thread(target=self._watch, name="dev-cardreader-monitor", daemon=True)
        self._monitor_ctx: Any = None
        self._lock = threading.Lock()  # guards the fields below, read from other threads
        self._state = CardState.STOPPED
        self._holder: Holder | None = None
        self._read_generation = 0
        self._timed_out_generation = -1
        # worker-only
        self._ctx: Any = None
        self._reader: str | None = None
        self._present = False
        self._hcard: Any = None
        self._pci: Any = None
        self._atr = b""

    # --- the Protocol, callable from any thread ----------------------------------------------------

    @property
    def state(self) -> CardState:
        with self._lock:
            return self._state

    @property
    def reader_name(self) -> str | None:
        return self._reader

    def start(self) -> None:
        self._thread.start()
        self._monitor.start()

    def stop(self) -> None:
        self._stop.set()
        ctx = self._monitor_ctx
        if ctx is not None:
            scard.SCardCancel(ctx)  # ends the monitor's status wait now
        self._queue.put(None)
        for thread in (self._monitor, self._thread):
            if thread.is_alive() and threading.current_thread() is not thread:
                thread.join(timeout=POLL_MS / 1000 + self._read_timeout_s)

    def holder(self) -> Holder | None:
        with self._lock:
            return self._holder

    def readers(self) -> list[str]:
        return self._call(self._list_readers)

    def read_holder(self) -> Holder:
        return self._call(self._read_again)

    def verify_pin(self, pin: str) -> PinResult:
        return self._call(lambda: self._session().verify_pin(pin))

    def atr(self) -> bytes:
        return self._call(self._card_atr)

    def transmit(self, apdu: bytes) -> bytes:
        return self._call(lambda: self._session().transmit(apdu))

    def read_raw(self) -> CardRead:
        """Records and holder of the card in the slot (diagnostics and the opensc peer check)."""
        return self._call(lambda: self._session().read())

    def _call(self, fn: Callable[[], T]) -> T:
        if not self._thread.is_alive():
            raise NoReader(detail="card worker not running")
        future: Future = Future()
        self._queue.put((fn, future))
        try:
            return future.result(timeout=self._read_timeout_s)
        except TimeoutError:
            # never let a stale request (a VERIFY!) run later against whatever card is inserted next
            future.cancel()
            raise CardMute(detail=f"no answer within {self._read_timeout_s:.1f} s") from None

    # --- monitor thread: status changes only -------------------------------------------------------

    def _post(self, fn: Callable[[], Any]) -> None:
        self._queue.put((fn, None))

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                self._watch_until_error()
            except Exception:  # a bug here must not leave the kiosk deaf to cards; start over
                log.exception("card monitor failed; restarting it")
                self._lose_reader(drop_context=True)
                self._stop.wait(REDISCOVER_S)
        if self._monitor_ctx is not None:
            scard.SCardReleaseContext(self._monitor_ctx)
            self._monitor_ctx = None

    def _watch_until_error(self) -> None:
        reader: str | None = None
        known = scard.SCARD_STATE_UNAWARE
        while not self._stop.is_set():
            if self._monitor_ctx is None:
                hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
                if hresult != scard.SCARD_S_SUCCESS:
                    self._post(lambda: self._set_state(CardState.NO_READER, NoReader.message))
                    self._stop.wait(REDISCOVER_S)
                    continue
                self._monitor_ctx = ctx
            if reader is None:
                reader = self._discover()
                known = scard.SCARD_STATE_UNAWARE
                if reader is None:
                    self._stop.wait(REDISCOVER_S)
                    continue
            hresult, states = scard.SCardGetStatusChange(self._monitor_ctx, POLL_MS, [(reader, known)])
            if hresult in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
                continue
            if hresult != scard.SCARD_S_SUCCESS:
                log.warning("card reader status: %s", _hresult_text(hresult))
                self._lose_reader(drop_context=hresult in _GONE)
                reader = None
                continue
            _, event, _atr = states[0]
            previous, known = known, event & ~scard.SCARD_STATE_CHANGED
            if event & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE):
                self._lose_reader(drop_context=False)
                reader = None
                continue
            was_present = bool(previous & scard.SCARD_STATE_PRESENT)
            present = bool(event & scard.SCARD_STATE_PRESENT)
            # the high word counts insertions and removals: a quick swap between two waits shows only there
            swapped = was_present and present and (event >> 16) - (previous >> 16) >= 2
            if was_present and (not present or swapped):
                self._post(self._card_left)
            if present and (not was_present or swapped):
                mute = bool(event & scard.SCARD_STATE_MUTE)
                self._post(lambda mute=mute: self._card_arrived(mute=mute))

    def _discover(self) -> str | None:
        hresult, names = scard.SCardListReaders(self._monitor_ctx, [])
        if hresult in _GONE:
            self._lose_reader(drop_context=True)
            return None
        name = choose_reader(list(names) if hresult == scard.SCARD_S_SUCCESS else [], self._wanted,
                             exclude=self._psam_reader)
        if name is None:
            self._post(lambda: self._set_state(CardState.NO_READER, NoReader.message))
            return None
        log.info("card reader: %s", name)
        self._post(lambda: self._reader_found(name))
        return name

    def _lose_reader(self, *, drop_context: bool) -> None:
        """Tell the worker the reader (or all of pcscd, with ``drop_context``) is gone."""
        if drop_context and self._monitor_ctx is not None:
            scard.SCardReleaseContext(self._monitor_ctx)
            self._monitor_ctx = None
        self._post(lambda: self._reader_lost(drop_context))

    # --- worker thread: every card operation -------------------------------------------------------

    def _run(self) -> None:
        try:
            while (item := self._queue.get()) is not None:
                fn, future = item
                if future is None:
                    self._run_step(fn)
                elif future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn())
                    except _ServiceGone as exc:
                        future.set_exception(NoReader(detail=str(exc)))
                        self._drop_context()
                    except BaseException as exc:  # handed to the caller, who decides what it means
                        future.set_exception(exc)
        finally:
            self._drop_context()
            self._set_state(CardState.STOPPED)
            while not self._queue.empty():
                item = self._queue.get_nowait()
                if item is not None and item[1] is not None:
                    item[1].set_exception(NoReader(detail="card worker stopped"))

    def _run_step(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except _ServiceGone as exc:
            log.warning("pcscd unavailable: %s", exc)
            self._drop_context()
        except Exception:  # a bug in a step must not end the worker; the next event may recover
            log.exception("card worker step failed")

    def _establish(self) -> None:
        if self._ctx is not None:
            return
        hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != scard.SCARD_S_SUCCESS:
            raise NoReader(detail=f"pcscd not reachable: {_hresult_text(hresult)}")
        self._ctx = ctx

    def _drop_context(self) -> None:
        self._disconnect()
        if self._ctx is not None:
            scard.SCardReleaseContext(self._ctx)
            self._ctx = None

    def _list_readers(self) -> list[str]:
        self._establish()
        hresult, names = scard.SCardListReaders(self._ctx, [])
        if hresult in _GONE:
            raise _ServiceGone(_hresult_text(hresult))
        return list(names) if hresult == scard.SCARD_S_SUCCESS else []

    def _reader_found(self, name: str) -> None:
        self._reader = name
        self._set_state(CardState.EMPTY)

    def _reader_lost(self, pcscd_gone: bool) -> None:
        if self._present:
            self._card_left()
        if pcscd_gone:
            self._drop_context()
        self._reader = None
        self._set_state(CardState.NO_READER, NoReader.message)

    def _card_arrived(self, *, mute: bool) -> None:
        if self._present:
            self._card_left()
        self._present = True
        reader = self._reader or ""
        self._set_state(CardState.READING)
        self._events.publish(CardReading(reader))
        with self._lock:
            self._read_generation += 1
            generation = self._read_generation
        watchdog = threading.Timer(self._read_timeout_s, self._read_timed_out, args=(generation,))
        watchdog.name, watchdog.daemon = "dev-cardreader-watchdog", True
        watchdog.start()
        try:
            if mute:
                raise CardMute(detail="pcscd reports the card mute (no ATR)")
            holder = self._session().read().holder
        except CardError as exc:
            self._disconnect()
            if self._claim(generation):
                self._fail(exc)
            return
        finally:
            watchdog.cancel()
        if not self._claim(generation):
            self._disconnect()  # the watchdog already told the villager; a late result is not used
            return
        with self._lock:
            self._holder = holder
        log.info("card read: %r", holder)
        self._set_state(CardState.READY)
        self._events.publish(CardInserted(holder, reader))

    def _claim(self, generation: int) -> bool:
        """True if this read's outcome is still to be reported (the watchdog has not fired)."""
        with self._lock:
            if self._timed_out_generation == generation:
                return False
            self._read_generation += 1  # any later watchdog for this generation is now stale
            return True

    def _read_timed_out(self, generation: int) -> None:
        with self._lock:
            if self._read_generation != generation:
                return
            self._timed_out_generation = generation
        self._fail(CardMute(detail=f"no answer within {self._read_timeout_s:.1f} s"))

    def _fail(self, exc: CardError) -> None:
        log.warning("card read failed: %s (%s)", exc.code, exc.detail)
        with self._lock:
            self._holder = None
        self._set_state(CardState.ERROR, exc.message)
        self._events.publish(CardReadFailed(exc.code, exc.message, self._reader or ""))

    def _card_left(self) -> None:
        if not self._present:
            return
        self._present = False
        self._disconnect()
        with self._lock:
            self._holder = None
            self._read_generation += 1
        self._set_state(CardState.EMPTY if self._reader else CardState.NO_READER)
        self._events.publish(CardRemoved(self._reader or ""))

    def _read_again(self) -> Holder:
        result = self._session().read()
        with self._lock:
            self._holder = result.holder
        return result.holder  # type: ignore[return-value]

    # --- the card connection (worker only) ---------------------------------------------------------

    def _session(self) -> CardSession:
        self._connect()
        return CardSession(self._transmit_raw, trace=self._trace, psam_configured=bool(self._psam_reader),
                           crypto=self._crypto, atr=self._atr,
                           on_authenticating=lambda: self._events.publish(CardAuthenticating(self._reader or "")))

    def _connect(self) -> None:
        if self._hcard is not None:
            return
        if self._reader is None:
            raise NoReader(detail="no reader")
        if not self._present:
            raise NoCard(detail="slot empty")
        self._establish()
        hresult, hcard, protocol = scard.SCardConnect(
            self._ctx, self._reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        )
        if hresult in _GONE:
            raise _ServiceGone(_hresult_text(hresult))
        if hresult == scard.SCARD_W_UNRESPONSIVE_CARD:
            raise CardMute(detail=_hresult_text(hresult))
        if hresult in (scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD):
            raise NoCard(detail=_hresult_text(hresult))
        if hresult != scard.SCARD_S_SUCCESS:
            raise CardCommandFailed(detail=f"connect: {_hresult_text(hresult)}")
        self._hcard = hcard
        status = scard.SCardStatus(hcard)  # (hresult, reader, state, protocol, atr)
        self._atr = bytes(status[4]) if status[0] == scard.SCARD_S_SUCCESS else b""
        self._pci = scard.SCARD_PCI_T0 if protocol == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1

    def _card_atr(self) -> bytes:
        self._connect()  # SCardStatus after connect: what pyscard's connection.getATR() returns
        if not self._atr:
            raise CardCommandFailed(detail="SCardStatus gave no ATR")
        return self._atr

    def _disconnect(self) -> None:
        hcard, self._hcard = self._hcard, None
        if hcard is not None:
            scard.SCardDisconnect(hcard, scard.SCARD_LEAVE_CARD)

    def _transmit_raw(self, apdu: bytes) -> bytes:
        hresult, response = scard.SCardTransmit(self._hcard, self._pci, list(apdu))
        if hresult == scard.SCARD_S_SUCCESS and response:
            return bytes(response)
        if hresult == scard.SCARD_S_SUCCESS:
            # vpcd 0.8 (and some readers) answer "success, 0 bytes" when the card leaves mid-command
            self._disconnect()
            if self._card_gone_within(PRESENCE_CHECK_MS):
                raise CardRemovedDuringRead(detail="empty response, card no longer present")
            raise CardDataError(detail="empty response")
        self._disconnect()
        if hresult in _GONE:
            raise _ServiceGone(_hresult_text(hresult))
        if hresult in _CARD_GONE:
            raise CardRemovedDuringRead(detail=_hresult_text(hresult))
        raise CardCommandFailed(detail=f"transmit: {_hresult_text(hresult)}")

    def _card_gone_within(self, timeout_ms: int) -> bool:
        """Wait for pcscd to confirm the slot is empty, at most ``timeout_ms``."""
        hresult, states = scard.SCardGetStatusChange(
            self._ctx, timeout_ms, [(self._reader, scard.SCARD_STATE_PRESENT)]
        )
        if hresult != scard.SCARD_S_SUCCESS:
            return False
        return not states[0][1] & scard.SCARD_STATE_PRESENT

    def _set_state(self, state: CardState, message: str = "") -> None:
        with self._lock:
            if self._state == state:
                return
            self._state = state
        log.debug("card state → %s", state.value)
        self._events.publish(DeviceStateChanged("card", state.value, message))
