"""The kiosk's 高拍仪, run in a child process (``drivers.camera.child``) that ends between villagers.

``CameraProcess`` has the API the UI uses of ``DocumentCamera`` (start / stop / capture_now / diagnose / close, a
``state``, ``DeviceStateChanged`` events) plus ``release``. Why a process: OpenCV and numpy with a session's
frames left 25–30 MB in the kiosk for the rest of the day (library pages, and heap pages glibc could not hand
back), so RSS after ten villagers was 208 MB against a 200 MB goal; in a child they go when the child ends. A
crash in OpenCV or the camera's V4L2 driver now ends the child, not the kiosk: the villager sees a plain
message and the camera comes back on its own.

One thread, ``dev-camera``, talks to the child: it starts it on the first ``start`` (about 0.2 s: Python, numpy,
OpenCV), sends commands, reads previews and hands them to the callback, reaps the child and starts a new one
if it died while previewing. Calls from other threads queue a command and return.

Messages are pickled tuples over a socketpair (``multiprocessing.connection`` framing):
  kiosk → camera  ("init", settings, virtual_state) first (``prepare`` sends only this); ("start", profile), ("stop",), ("capture_now",),
                  ("virtual", control, args), ("diagnose", call_id, options), ("close",)
  camera → kiosk  ("state", state, message); ("preview", meta) then its BGRA pixels (and the still's, if any);
                  ("reply", call_id, ok, value)
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from kiosk.events import DeviceStateChanged, EventHub

from .base import VIRTUAL_FAULTS, CameraState, CameraUnavailable, PreviewImage, hand_over

log = logging.getLogger(__name__)
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # where ``drivers`` is importable from, for the child
CRASHED_MESSAGE = "高拍仪程序出错，正在重新打开，请稍候"
MAX_RESPAWN_INTERVAL_S = 30.0
CLOSE_GRACE_S = 10.0  # the child closes the device (its worker joins within 10 s) before it is killed


@dataclasses.dataclass(eq=False)
class _Child:
    proc: subprocess.Popen
    conn: Connection
    leaving: bool = False  # told to close: its end is expected, not a crash


class CameraProcess:
    def __init__(self, section: Any, events: EventHub, *, respawn_interval_s: float = 1.0,
                 python: str = sys.executable):
        self.settings = dataclasses.asdict(section)  # a kiosk.config.schema.CameraSection
        self.events = events
        self.state = CameraState.CLOSED
        self.virtual = VirtualControls(self) if section.driver == "virtual" else None
        self.respawn_interval_s = respawn_interval_s
        self.python = python
        self._lock = threading.Lock()
        self._child_changed = threading.Condition(self._lock)
        self._commands: list[tuple] = []
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        self._callback: Callable[[PreviewImage], None] | None = None
        self._previewing = False
        self._profile = "free"
        self._closing = False
        self._virtual_state: dict[str, Any] = {"document": None, "plugged": True, "fault": None}
        self._calls: dict[int, Future] = {}
        self._next_call = 0
        self._thread: threading.Thread | None = None
        self._buffers: dict[str, bytearray] = {}  # "frame", "still": reused for every preview of a session
        self._children_started = 0
        self.child_pid: int | None = None  # the camera process running now (tests, diagnostics)

    # --- API (any thread; nothing blocks but diagnose and close) ----------------------------------------
    def start(self, preview_callback: Callable[[PreviewImage], None], profile: str = "free") -> None:
        with self._lock:
            self._callback, self._previewing, self._profile = preview_callback, True, profile
        self._command(("start", profile))

    def stop(self) -> None:
        with self._lock:
            self._callback, self._previewing = None, False
        self._command(("stop",))

    def capture_now(self) -> None:
        self._command(("capture_now",))

    def prepare(self) -> None:
        """Start the camera process now without previewing, so the first ``start`` shows a picture at once
        (a new process needs ~0.3 s: Python, numpy, OpenCV, opening the device)."""
        self._command(("prepare",))

    def release(self) -> None:
        """Between villagers: the camera process closes the device and ends; the next ``start`` begins anew."""
        self._command(("close",))

    def diagnose(self, **options) -> tuple:
        """A technician's check, run in the camera process (``drivers.camera.probe.measure``). Blocks."""
        future: Future = Future()
        with self._lock:
            self._next_call += 1
            call_id = self._next_call
            self._calls[call_id] = future
        self._command(("diagnose", call_id, options))
        wait_s = options.get("first_frame_s", 6.0) + options.get("window_s", 1.5) + CLOSE_GRACE_S
        try:
            return future.result(timeout=wait_s)
        finally:
            with self._lock:
                previewing = self._previewing
            if not previewing:
                self.release()  # a technician's check between villagers leaves no camera process behind

    def close(self) -> None:
        with self._lock:
            if self._closing:
                return
            self._closing, self._callback, self._previewing = True, None, False
            thread = self._thread
        self._wake()
        if thread is not None:
            thread.join(timeout=CLOSE_GRACE_S + 5)
        if thread is None or not thread.is_alive():  # a wedged thread keeps its wake-up pipe
            os.close(self._wake_r)
            os.close(self._wake_w)

    def wait_for_process(self, running: bool, timeout: float) -> bool:
        """Wait until a camera process runs (``running``) or none does (it has ended and been reaped)."""
        with self._lock:
            return self._child_changed.wait_for(lambda: (self.child_pid is not None) == running, timeout)

    @property
    def children_started(self) -> int:
        """How many camera processes this camera has started (tests, diagnostics)."""
        return self._children_started

    # --- plumbing -------------------------------------------------------------------------------------
    def _command(self, command: tuple) -> None:
        with self._lock:
            if self._closing:
                return
            self._commands.append(command)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="dev-camera", daemon=True)
                self._thread.start()
        self._wake()

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"!")
        except BlockingIOError:  # the pipe is full of wake-ups already
            pass

    def _virtual(self, control: str, args: tuple, **state: Any) -> None:
        with self._lock:
            self._virtual_state.update(state)
        self._command(("virtual", control, args))

    # --- the dev-camera thread --------------------------------------------------------------------------
    def _run(self) -> None:
        child: _Child | None = None
        respawn_at: float | None = None  # after a crash while previewing
        backoff = self.respawn_interval_s
        try:
            while True:
                with self._lock:
                    commands, self._commands = self._commands, []
                    closing, previewing, profile = self._closing, self._previewing, self._profile
                if closing:
                    break
                for command in commands:
                    respawn_at = None if command[0] == "start" else respawn_at
                    child = self._send(child, command)
                if respawn_at is not None and time.monotonic() >= respawn_at:
                    respawn_at = None
                    if previewing and child is None:
                        child = self._send(None, ("start", profile))
                waiting: list[Any] = [self._wake_r] + ([child.conn] if child is not None else [])
                timeout = None if respawn_at is None else max(0.0, respawn_at - time.monotonic())
                for ready in wait(waiting, timeout):
                    if ready == self._wake_r:
                        os.read(self._wake_r, 4096)
                        continue
                    tag = self._receive(child)
                    if tag == CameraState.STREAMING.value:
                        backoff = self.respawn_interval_s
                    if tag is None:
                        crashed = self._ended(child)
                        child = None
                        if crashed:
                            respawn_at = time.monotonic() + backoff
                            backoff = min(backoff * 2, MAX_RESPAWN_INTERVAL_S)
        finally:
            if child is not None:
                child.leaving = True
                self._ended(child)
            self.state = CameraState.CLOSED

    def _send(self, child: _Child | None, command: tuple) -> _Child | None:
        tag = command[0]
        if child is None or child.leaving:
            if tag not in ("start", "diagnose", "prepare"):
                return child  # nothing runs: stop / capture / virtual controls take effect at the next start
            if child is not None:  # one on its way out: let it go, start afresh
                self._ended(child)
            child = self._spawn()
            if child is None:
                return None
        if tag == "prepare":
            return child
        try:
            child.conn.send(command)
        except (OSError, ValueError) as exc:
            log.warning("camera process: sending %s failed: %s", tag, exc)
            return child  # its end shows up as EOF on the next read
        if tag == "close":
            child.leaving = True
        return child

    def _spawn(self) -> _Child | None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PACKAGE_ROOT),
                                                                          os.environ.get("PYTHONPATH")]))}
        try:
            proc = subprocess.Popen([self.python, "-m", "drivers.camera.child", str(theirs.fileno())],
                                    pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env,
                                    cwd=str(PACKAGE_ROOT))
        except OSError as exc:
            ours.close()
            log.error("camera process could not be started: %s", exc)
            self._fail_calls("高拍仪程序无法启动")
            self._crashed()
            return None
        finally:
            theirs.close()
        conn = Connection(ours.detach())
        with self._lock:
            virtual_state = dict(self._virtual_state)
        with self._lock:
            self._children_started += 1
            self.child_pid = proc.pid
            self._child_changed.notify_all()
        try:
            conn.send(("init", self.settings, virtual_state))
        except OSError:
            pass  # it died at once: the read sees EOF
        return _Child(proc, conn)

    def _receive(self, child: _Child) -> str | None:
        """One message from the child: its tag (a state's name for "state"); None when the child has gone
        (EOF) or sent what cannot be read."""
        try:
            message = child.conn.recv()
            tag = message[0]
            if tag == "preview":
                self._on_preview(child, message[1])
            elif tag == "state":
                self._on_state(message[1], message[2])
                return message[1]
            elif tag == "reply":
                _, call_id, ok, value = message
                with self._lock:
                    future = self._calls.pop(call_id, None)
                if future is not None:
                    future.set_result(value) if ok else future.set_exception(RuntimeError(value))
            return tag
        except (EOFError, OSError):
            return None
        except Exception:  # a message we cannot read: end that child rather than guess at the stream
            log.exception("camera process: unreadable message; ending it")
            child.proc.kill()
            return None

    def _ended(self, child: _Child) -> bool:
        """Reap the child; True when its end was a crash (then the villager is told, and it comes back)."""
        expected = child.leaving
        code = self._end(child)
        with self._lock:
            self.child_pid = None
            self._child_changed.notify_all()
        self._fail_calls("高拍仪程序已退出")
        self._buffers.clear()
        if expected:
            self.state = CameraState.CLOSED
            return False
        log.warning("camera process ended unexpectedly (exit code %s); it is started again", code)
        self._crashed()
        return True

    def _crashed(self) -> None:
        self.state = CameraState.UNPLUGGED
        self.events.publish(DeviceStateChanged("camera", CameraState.UNPLUGGED.value, CRASHED_MESSAGE))
        self._deliver(PreviewImage(0, 0, b"", CameraState.UNPLUGGED, None, CRASHED_MESSAGE))

    def _end(self, child: _Child) -> int | None:
        try:
            child.conn.close()
        except OSError:
            pass
        try:
            return child.proc.wait(timeout=CLOSE_GRACE_S)
        except subprocess.TimeoutExpired:
            log.warning("camera process did not end; killed")
            child.proc.kill()
            return child.proc.wait()

    def _fail_calls(self, why: str) -> None:
        with self._lock:
            calls, self._calls = self._calls, {}
        for future in calls.values():
            future.set_exception(CameraUnavailable(detail=why))

    def _on_state(self, state: str, message: str) -> None:
        self.state = CameraState(state)
        self.events.publish(DeviceStateChanged("camera", state, message))

    def _on_preview(self, child: _Child, meta: dict) -> None:
        width, height = meta["width"], meta["height"]
        pixels = self._read_pixels(child, "frame", width * height * 4) if width else b""
        still = None
        if meta.get("still"):
            still_w, still_h = meta["still"]
            still = PreviewImage(still_w, still_h, self._read_pixels(child, "still", still_w * still_h * 4))
        quad = tuple(tuple(point) for point in meta["quad"]) if meta["quad"] else None
        self._deliver(PreviewImage(width, height, pixels, CameraState(meta["state"]), quad, meta["hint"],
                                   meta["progress"], meta["still_jpeg"], still))

    def _read_pixels(self, child: _Child, which: str, size: int) -> memoryview:
        """The next pixel payload, into this kind's buffer (grown when too small, reused for every frame)."""
        target = self._buffers.get(which)
        if target is None or len(target) < size:
            target = self._buffers[which] = bytearray(size)
        return memoryview(target)[:child.conn.recv_bytes_into(target)]

    def _deliver(self, preview: PreviewImage) -> None:
        with self._lock:
            callback = self._callback
        hand_over(callback, preview)


class VirtualControls:
    """The demo panel's and the tests' hands on the virtual camera inside the camera process. What they set
    (the document on the plate, unplugged, a fault) is remembered and given to the next camera process too."""

    def __init__(self, process: CameraProcess):
        self._process = process

    def show_document(self, profile_id: str = "id_card_front") -> None:
        self._process._virtual("show_document", (profile_id,), document=profile_id)

    def take_away(self) -> None:
        self._process._virtual("take_away", (), document=None)

    def unplug(self) -> None:
        self._process._virtual("unplug", (), plugged=False)

    def replug(self) -> None:
        self._process._virtual("replug", (), plugged=True)

    def set_fault(self, fault: str | None) -> None:
        if fault is not None and fault not in VIRTUAL_FAULTS:
            raise ValueError(f"unknown fault {fault!r}; known: {', '.join(VIRTUAL_FAULTS)}")
        self._process._virtual("set_fault", (fault,), fault=fault)


def camera_process(section: Any, events: EventHub) -> CameraProcess | None:
    """The camera named in config ``[camera]``, in its own process; None when ``driver = "none"``."""
    return None if section.driver == "none" else CameraProcess(section, events)
