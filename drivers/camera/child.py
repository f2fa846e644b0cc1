"""The camera process: ``python -m drivers.camera.child FD``, started by ``drivers.camera.process``.

It owns the 高拍仪 (``DocumentCamera`` over the configured frame source, with its worker thread), runs page
detection and auto-capture, and sends each preview to the kiosk ready to show: shrunk, BGRA, the page outline
in its pixels, the hint and the progress; after a capture, the JPEG and a review-sized copy. OpenCV, numpy and
every frame stay in this process, which ends between villagers. Messages are the tuples listed in
``drivers.camera.process``; nothing personal is logged here either.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from kiosk.config.schema import CameraSection
from kiosk.events import DeviceStateChanged, EventHub

from .base import PREVIEW_INTERVAL_S, CameraState, Preview
from .preview import decode_still, shrink_to_bgra
from .service import make_camera

log = logging.getLogger("drivers.camera.child")
VIRTUAL_CONTROLS = ("show_document", "take_away", "unplug", "replug", "set_fault")


class CameraChild:
    def __init__(self, conn: Connection, settings: dict, virtual: dict):
        self.conn = conn
        self._send_lock = threading.Lock()
        self._last_preview = 0.0
        self.events = EventHub()
        self.events.subscribe(DeviceStateChanged, self._on_state)
        self.camera = make_camera(CameraSection(**settings), self.events)  # never None: no process for "none"
        self.virtual = self.camera.source if settings["driver"] == "virtual" else None  # the demo's and tests'
        if self.virtual is not None:
            self._set_virtual(virtual)

    def serve(self) -> int:
        try:
            while True:
                try:
                    tag, *args = self.conn.recv()
                except (EOFError, OSError):  # the kiosk closed its end, or died
                    break
                if tag == "close":
                    break
                self._handle(tag, args)
        finally:
            self.camera.close()
        return 0

    def _handle(self, tag: str, args: list) -> None:
        camera = self.camera
        if tag == "start":
            camera.start(self._on_preview, profile=args[0])
        elif tag == "stop":
            camera.stop()
        elif tag == "capture_now":
            camera.capture_now()
        elif tag == "virtual" and self.virtual is not None and args[0] in VIRTUAL_CONTROLS:
            getattr(self.virtual, args[0])(*args[1])
        elif tag == "diagnose":  # blocks for seconds: on its own thread, so "close" is still heard
            threading.Thread(target=self._diagnose, args=args, name="camera-diagnose", daemon=True).start()
        else:
            log.warning("camera process: unknown or unusable message %r", tag)

    def _diagnose(self, call_id: int, options: dict) -> None:
        try:
            reply: tuple = ("reply", call_id, True, self.camera.diagnose(**options))
        except Exception as exc:  # the technician sees it; the camera process goes on
            log.exception("camera diagnosis failed")
            reply = ("reply", call_id, False, f"{type(exc).__name__}: {exc}")
        self._send(reply)

    def _set_virtual(self, state: dict) -> None:
        virtual = self.virtual
        if state.get("document"):
            virtual.show_document(state["document"])
        if not state.get("plugged", True):
            virtual.unplug()
        virtual.set_fault(state.get("fault"))

    # --- the camera's worker thread ------------------------------------------------------------------
    def _on_state(self, event: DeviceStateChanged) -> None:
        self._send(("state", event.state, event.message))

    def _on_preview(self, preview: Preview) -> None:
        now = time.monotonic()
        if not preview.still_jpeg and now - self._last_preview < PREVIEW_INTERVAL_S:
            return
        self._last_preview = now
        meta: dict[str, Any] = {"state": preview.state.value, "hint": preview.hint, "progress": preview.progress,
                                "width": 0, "height": 0, "quad": None, "still_jpeg": preview.still_jpeg}
        payloads = []
        if preview.state is CameraState.STREAMING:
            bgra, scale = shrink_to_bgra(preview.frame)
            meta.update(width=bgra.shape[1], height=bgra.shape[0])
            if preview.quad:
                meta["quad"] = tuple((x * scale, y * scale) for x, y in preview.quad)
            payloads.append(bgra)
        if preview.still_jpeg:
            still = decode_still(preview.still_jpeg)
            if still is not None:
                meta["still"] = (still.shape[1], still.shape[0])
                payloads.append(still)
        self._send(("preview", meta), payloads)

    def _send(self, message: tuple, payloads: list | None = None) -> None:
        """One message (and the pixel buffers that belong to it) at a time, from any thread."""
        try:
            with self._send_lock:
                self.conn.send(message)
                for payload in payloads or ():
                    self.conn.send_bytes(payload.data.cast("B"))  # flat: send_bytes counts a 3-D view's rows
        except (BrokenPipeError, ConnectionError, OSError):  # the kiosk is gone: serve() ends on EOF
            pass


def main(argv: list[str]) -> int:
    # Ctrl+C in the kiosk's terminal, or systemd stopping the unit (it signals the whole cgroup): the kiosk closes
    # us as it shuts down (and if it dies, the socket's EOF ends us), so its log shows no "ended unexpectedly"
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="camera-process %(levelname)s %(name)s: %(message)s")
    conn = Connection(int(argv[1]))
    try:
        tag, settings, virtual = conn.recv()
    except (EOFError, OSError):
        return 1
    if tag != "init":
        log.error("camera process: expected init, got %r", tag)
        return 2
    return CameraChild(conn, settings, virtual).serve()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
