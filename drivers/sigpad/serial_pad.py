"""The real pad: pyserial on the pad's own worker thread (``dev-sigpad``), any protocol in ``protocols``.

The worker opens the port from config, asks the pad what it is where the protocol has a query
(``protocol = "auto"`` tries each such protocol at its baud rate), then reads and decodes. When the port
vanishes (unplug) it publishes ``disconnected``, keeps trying, and on return resumes capturing if a
signature was under way. All pyserial calls happen on the worker; the public methods only queue work.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

import serial

from kiosk.config.schema import SigpadSection
from kiosk.events import DeviceStateChanged, EventHub
from kiosk.signature import Signature

from .base import (
    DEVICE,
    STATE_MESSAGES,
    PadCapabilities,
    PenCallback,
    PenEvent,
    SigpadState,
    SigpadUnknownModel,
)
from .capture import PenRouter, capture_device
from .framing import PacketDecoder
from .protocols import PROBE_ORDER, PROTOCOLS, ProtocolSpec

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 0.02  # the longest a queued start/stop waits for the worker
PROBE_TIMEOUT_S = 0.6
SETTLE_S = 0.1  # after "stop", before flushing: the pad may still be sending a packet


class SerialSigpad:
    def __init__(self, config: SigpadSection, events: EventHub, *, clock: Callable[[], float] = time.monotonic):
        self._config = config
        self._events = events
        self._clock = clock
        self._state = SigpadState.CLOSED
        self._spec: ProtocolSpec | None = None
        self._decoder: PacketDecoder | None = None
        first = PROTOCOLS.get(config.protocol) or PROTOCOLS[PROBE_ORDER[0]]
        caps = self._configured_caps(first)
        self._router = PenRouter(capture_device(first.name, caps, first.sample_rate_hz), caps)
        self._commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._want_capture = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- the Sigpad protocol ------------------------------------------------------------------------
    @property
    def state(self) -> SigpadState:
        return self._state

    @property
    def ok(self) -> bool:
        return self._state in (SigpadState.READY, SigpadState.CAPTURING)

    @property
    def protocol(self) -> str:
        return self._spec.name if self._spec else ""

    @property
    def capabilities(self) -> PadCapabilities | None:
        return self._decoder.capabilities if self._decoder else None

    def open(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="dev-sigpad", daemon=True)
            self._thread.start()

    def start(self, on_pen: PenCallback) -> None:
        self._router.begin(on_pen)
        self._want_capture = True
        self._commands.put("start")
        self.open()

    def stop(self) -> None:
        self._want_capture = False
        self._router.end()
        self._commands.put("stop")

    def clear(self) -> None:
        self._router.clear()

    def signature(self) -> Signature:
        return self._router.signature()

    def record(self) -> bytes:
        return self._router.record()

    def listen(self, listener: Callable[[PenEvent], None]) -> Callable[[], None]:
        """Every decoded pen event on the worker thread (benchmarks, diagnostics); returns an unsubscribe."""
        return self._router.listen(listener)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._set_state(SigpadState.CLOSED)

    # --- the worker ---------------------------------------------------------------------------------
    def _configured_caps(self, spec: ProtocolSpec) -> PadCapabilities:
        c = self._config
        return spec.capabilities(c.max_x, c.max_y, c.max_pressure)

    def _set_state(self, state: SigpadState, message: str | None = None) -> None:
        if state is self._state:
            return
        self._state = state
        log.info("sigpad %s", state.value)
        self._events.publish(DeviceStateChanged(DEVICE, state.value, STATE_MESSAGES.get(state, "")
                                                if message is None else message))

    def _run(self) -> None:
        port: serial.Serial | None = None
        while not self._stop.is_set():
            if port is None:
                port = self._connect()
                if port is None:
                    self._stop.wait(self._config.reopen_interval_s)
                    continue
            try:
                self._serve_commands(port)
                data = port.read(port.in_waiting or 1)
                if data and self._decoder is not None:
                    for event in self._decoder.feed(data, self._clock()):
                        self._router.deliver(event)
            except (serial.SerialException, OSError) as exc:
                log.warning("sigpad port lost: %s", exc.__class__.__name__)
                self._router.pen_lost()
                _close_quietly(port)
                port = None
                self._set_state(SigpadState.DISCONNECTED)
        if port is not None:
            if self._spec is not None and self._spec.stop:
                try:
                    port.write(self._spec.stop)
                except (serial.SerialException, OSError):
                    pass
            _close_quietly(port)

    def _serve_commands(self, port: serial.Serial) -> None:
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            assert self._spec is not None
            if command == "start" and self._want_capture and self._state is not SigpadState.CAPTURING:
                if self._spec.start:
                    port.write(self._spec.start)
                self._set_state(SigpadState.CAPTURING)
            elif command == "stop" and not self._want_capture and self._state is SigpadState.CAPTURING:
                if self._spec.stop:
                    port.write(self._spec.stop)
                self._set_state(SigpadState.READY)

    def _connect(self) -> serial.Serial | None:
        """Open and identify the pad; None (with the state published) when that failed."""
        if self._state is SigpadState.CLOSED:
            self._set_state(SigpadState.CONNECTING)
        candidates = [self._config.protocol] if self._config.protocol != "auto" else list(PROBE_ORDER)
        port = None
        try:
            for name in candidates:
                spec = PROTOCOLS[name]
                port = self._open_port(spec, port)
                decoder = spec.decoder(self._configured_caps(spec))
                if spec.query and not self._probe(port, spec, decoder):
                    continue
                self._spec, self._decoder = spec, decoder
                self._router.set_pad(capture_device(name, decoder.capabilities, spec.sample_rate_hz),
                                     decoder.capabilities)
                if self._want_capture:
                    self._commands.put("start")
                self._set_state(SigpadState.READY)
                return port
        except (serial.SerialException, OSError) as exc:
            log.info("sigpad port %s not available: %s", self._config.port, exc.__class__.__name__)
            _close_quietly(port)
            self._set_state(SigpadState.DISCONNECTED)
            return None
        _close_quietly(port)
        if self._config.protocol == "auto":
            error = SigpadUnknownModel(detail=f"no answer to {', '.join(PROBE_ORDER)} queries on {self._config.port}")
            log.warning("%s", error.detail)
            self._set_state(SigpadState.SILENT, error.message)
        else:
            self._set_state(SigpadState.SILENT)
        return None

    def _open_port(self, spec: ProtocolSpec, port: serial.Serial | None) -> serial.Serial:
        baud = self._config.baud or spec.baud
        if port is not None:  # probing the next protocol: same port, other line settings
            port.baudrate, port.parity = baud, spec.parity
            return port
        port = serial.Serial(self._config.port, baud, bytesize=serial.EIGHTBITS, parity=spec.parity,
                             stopbits=serial.STOPBITS_ONE, timeout=READ_TIMEOUT_S, write_timeout=1.0,
                             exclusive=True)
        port.reset_input_buffer()  # what a pad sent before we looked is not part of any signature
        return port

    def _probe(self, port: serial.Serial, spec: ProtocolSpec, decoder: PacketDecoder) -> bool:
        """Ask for the capabilities; True once the pad answered."""
        if spec.stop:
            port.write(spec.stop)
            self._stop.wait(SETTLE_S)
            port.reset_input_buffer()
        for command in spec.query:
            port.write(command)
        deadline = time.monotonic() + PROBE_TIMEOUT_S
        while not decoder.capabilities_reported and time.monotonic() < deadline and not self._stop.is_set():
            decoder.feed(port.read(port.in_waiting or 1), self._clock())
        return decoder.capabilities_reported


def _close_quietly(port: serial.Serial | None) -> None:
    if port is not None:
        try:
            port.close()
        except (serial.SerialException, OSError):
            pass
