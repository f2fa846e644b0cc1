"""The document camera driver: one named worker thread that owns the frame source, runs page detection,
quality checks and auto-capture on every preview frame, and hands previews to a callback.

UI-facing calls (``start``, ``stop``, ``capture_now``) only set flags and return; ``capture_still`` blocks
and is for technicians' tools and tests, never the UI thread. State changes go out as
``DeviceStateChanged(device="camera")``. When the device is lost, the frames turn black or freeze, or
arrive malformed, the callback gets a blank preview with a hint, never the last good frame.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future

import cv2
import numpy as np

from kiosk.events import DeviceStateChanged, EventHub

from .autocapture import AutoCapture, AutoState
from .base import STATE_MESSAGES, CameraState, CameraUnavailable, Capture, FrameSource, Preview, hand_over
from .detect import InvalidFrame, check_frame, find_page
from .profiles import DocumentProfile, get_profile
from .quality import QualityThresholds, assess
from .rectify import encode, rectify

log = logging.getLogger(__name__)
STILL_MIN_CONFIDENCE = 0.3  # below this, trust the preview's outline (scaled) over the still's own
BLANK_SIZE = (640, 360)


class DocumentCamera:
    def __init__(self, source: FrameSource, events: EventHub, *, thresholds: QualityThresholds | None = None,
                 stable_frames: int = 5, reopen_interval: float = 1.0, frozen_frames: int = 8,
                 black_level: float = 8.0):
        self.source = source
        self.events = events
        self.thresholds = thresholds or QualityThresholds()
        self.reopen_interval = reopen_interval
        self.frozen_frames = frozen_frames
        self.black_level = black_level
        self.auto = AutoCapture(stable_frames=stable_frames)
        self.state = CameraState.CLOSED
        self._lock = threading.Lock()
        self._callback: Callable[[Preview], None] | None = None
        self._profile: DocumentProfile = get_profile("free")
        self._previewing = False
        self._manual = False
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._wake = threading.Event()
        self._closing = False
        self._opened = False
        self._thread: threading.Thread | None = None
        self._previous_thumb: np.ndarray | None = None
        self._same_count = 0

    # --- API (any thread; never blocks except capture_still) --------------------------------------
    def start(self, preview_callback: Callable[[Preview], None], profile: str = "free") -> None:
        chosen = get_profile(profile)
        with self._lock:
            self._callback, self._profile, self._previewing, self._manual = preview_callback, chosen, True, False
            self._jobs.put(self.auto.reset)  # the state machine belongs to the worker
        self._ensure_thread()
        self._wake.set()

    def stop(self) -> None:
        with self._lock:
            self._previewing = False
            self._callback = None
            self._jobs.put(self._forget)
        self._wake.set()

    def capture_now(self) -> None:
        """Manual capture: the next preview frame is taken as a still, whatever auto-capture thinks."""
        with self._lock:
            self._manual = True

    def capture_still(self, profile: str | None = None, timeout: float = 30.0) -> Capture:
        """Take, rectify and check one full-resolution still. Blocks; not for the UI thread."""
        chosen = get_profile(profile) if profile else None
        future: Future = Future()

        def job() -> None:
            try:
                if not self._opened:
                    self._open()
                future.set_result(self._capture(None, None, chosen or self._profile))
            except BaseException as exc:  # handed to the caller, who decides
                future.set_exception(exc)

        self._ensure_thread()
        self._jobs.put(job)
        self._wake.set()
        return future.result(timeout=timeout)

    def diagnose(self, **options) -> tuple:
        """A technician's check of this camera (``drivers.camera.probe.measure``); blocks for a few seconds."""
        from .probe import measure

        return measure(self, **options)

    def close(self) -> None:
        with self._lock:
            self._closing = True
            self._previewing = False
            self._callback = None
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    # --- worker ------------------------------------------------------------------------------------
    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._closing = False
                self._thread = threading.Thread(target=self._run, name="dev-camera", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        try:
            while not self._closing:
                self._run_jobs()
                with self._lock:
                    previewing = self._previewing
                if not previewing:
                    self._wake.wait(0.5)
                    self._wake.clear()
                    continue
                if not self._opened:
                    try:
                        self._open()
                    except CameraUnavailable as exc:
                        self._lost(exc)
                        continue
                try:
                    frame = self.source.read()
                except CameraUnavailable as exc:
                    self._lost(exc)
                    continue
                self._on_frame(frame)
                del frame  # not held by this loop while it waits between villagers (a document, 2-11 MB)
        finally:
            self._opened = False
            self.source.close()
            self._set_state(CameraState.CLOSED)

    def _run_jobs(self) -> None:
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            job()

    def _forget(self) -> None:
        """Between villagers: nothing of the last document stays in the driver."""
        if self._previous_thumb is not None or self.auto.state is not AutoState.SEARCHING:
            self._previous_thumb, self._same_count = None, 0
            self.auto.reset()

    def _open(self) -> None:
        self.source.open()
        self._opened = True
        self._previous_thumb, self._same_count = None, 0
        self._set_state(CameraState.STREAMING)

    def _lost(self, exc: CameraUnavailable) -> None:
        if self.state is not CameraState.UNPLUGGED:
            log.warning("camera lost: %s", exc.detail)
        self._opened = False
        self._set_state(CameraState.UNPLUGGED)
        self._blank()
        self._wake.wait(self.reopen_interval)  # not busy-looping while it is unplugged; stop() cuts it short
        self._wake.clear()

    def _on_frame(self, frame: object) -> None:
        try:
            frame = check_frame(frame)
        except InvalidFrame as exc:
            if self.state is not CameraState.BAD_FRAME:
                log.warning("camera frame rejected: %s", exc)
            self._set_state(CameraState.BAD_FRAME)
            self._blank()
            return
        thumb = cv2.resize(frame, (64, 36), interpolation=cv2.INTER_AREA)
        if float(thumb.mean()) < self.black_level:
            self._set_state(CameraState.NO_SIGNAL)
            self._blank()
            return
        self._same_count = self._same_count + 1 if (self._previous_thumb is not None
                                                    and np.array_equal(thumb, self._previous_thumb)) else 0
        self._previous_thumb = thumb
        if self._same_count >= self.frozen_frames:
            self._set_state(CameraState.FROZEN)
            self._blank()
            return
        self._set_state(CameraState.STREAMING)
        self._detect_and_deliver(frame)

    def _detect_and_deliver(self, frame: np.ndarray) -> None:
        with self._lock:
            profile, manual = self._profile, self._manual
            self._manual = False
        found = find_page(frame)
        quality = assess(frame, found.quad, profile=profile, thresholds=self.thresholds) if found else None
        h, w = frame.shape[:2]
        step = self.auto.feed(found.quad if found else None, quality, (w, h))
        still_jpeg = None
        hint, progress = step.hint, step.progress
        if step.capture or manual:
            try:
                capture = self._capture(found.quad if found else None, (w, h), profile)
            except CameraUnavailable as exc:
                self._lost(exc)
                return
            still_jpeg = capture.jpeg
            if manual:
                self.auto.still_checked(capture.quality if capture.quality is not None and capture.quality.ok
                                        else None)
                hint = capture.quality.hint if capture.quality is not None else "未找到材料，已拍下整个画面"
            else:
                after = self.auto.still_checked(capture.quality)
                hint, progress = after.hint, after.progress
                if after.state is not AutoState.DONE:
                    still_jpeg = None  # the still failed its check: keep looking, show nothing yet
        quad = tuple((float(x), float(y)) for x, y in found.quad) if found else None
        self._deliver(Preview(frame, CameraState.STREAMING, quad, hint, progress, still_jpeg))

    def _capture(self, preview_quad: np.ndarray | None, preview_size: tuple[int, int] | None,
                 profile: DocumentProfile) -> Capture:
        still = check_frame(self.source.capture_still())
        found = find_page(still)
        quad, confidence = (found.quad, found.confidence) if found else (None, 0.0)
        if (found is None or confidence < STILL_MIN_CONFIDENCE) and preview_quad is not None and preview_size:
            sx, sy = still.shape[1] / preview_size[0], still.shape[0] / preview_size[1]
            quad, confidence = (preview_quad * np.array([sx, sy], np.float32)).astype(np.float32), STILL_MIN_CONFIDENCE
        if quad is None:
            return Capture(still, None, None, 0.0, None, encode(still, profile.max_bytes))
        page = rectify(still, quad, profile)
        quality = assess(still, quad, profile=profile, thresholds=self.thresholds)
        return Capture(still, page, quad, confidence, quality, encode(page, profile.max_bytes))

    def _blank(self) -> None:
        self.auto.reset()
        blank = np.zeros((BLANK_SIZE[1], BLANK_SIZE[0], 3), np.uint8)
        self._deliver(Preview(blank, self.state, None, STATE_MESSAGES[self.state], 0.0, None))

    def _deliver(self, preview: Preview) -> None:
        with self._lock:
            callback = self._callback
        hand_over(callback, preview)

    def _set_state(self, state: CameraState) -> None:
        if state is self.state:
            return
        self.state = state
        self.events.publish(DeviceStateChanged("camera", state.value, STATE_MESSAGES[state]))


def make_camera(section, events: EventHub) -> DocumentCamera | None:
    """The camera named in config ``[camera]`` (a ``CameraSection``), or None when ``driver = "none"``."""
    if section.driver == "none":
        return None
    if section.driver == "virtual":
        from .virtual import VirtualCamera

        source: FrameSource = VirtualCamera(size=(section.width, section.height),
                                            still_size=(section.still_width, section.still_height))
    else:
        from .opencv_source import OpenCVSource

        source = OpenCVSource(section.device, width=section.width, height=section.height,
                              still_width=section.still_width, still_height=section.still_height,
                              autofocus=section.autofocus)
    return DocumentCamera(source, events, stable_frames=section.stable_frames,
                          thresholds=QualityThresholds(min_sharpness=section.min_sharpness))
