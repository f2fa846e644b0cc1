"""A virtual 高拍仪 for the demo, the UI and the tests: renders synthetic scenes with known ground truth.

The demo panel and diagnostics drive it: ``show_document(profile_id)`` / ``take_away()``, and faults
``unplug()`` / ``replug()`` / ``set_fault("black" | "frozen" | "bad_frame" | None)``. Thread-safe controls;
``open``/``read``/``capture_still`` run on the camera's worker thread like the real source.
"""

from __future__ import annotations

import threading
import time

import cv2
import numpy as np

from .base import VIRTUAL_FAULTS as FAULTS
from .base import CameraUnavailable
from .scene import BASE_SIZE, Scene, random_scene, render
from .textures import DocumentTextures

_KIND_FOR_PROFILE = {"id_card_front": "id_card_front", "id_card_back": "id_card_back", "bank_card": "bank_card",
                     "hukou_page": "hukou_page", "a4": "a4", "free": "a4"}


class VirtualCamera:
    def __init__(self, *, size: tuple[int, int] = BASE_SIZE, still_size: tuple[int, int] = (2560, 1440),
                 fps: float = 15.0, seed: int = 0, textures: DocumentTextures | None = None):
        self.size = size
        self.still_size = still_size
        self.fps = fps
        self._rng = np.random.default_rng(seed)
        self._textures = textures or DocumentTextures(keep=2)  # the document on the plate (+ the one before)
        self._lock = threading.Lock()
        self._scene = Scene(kind=None, quad=None, background="mat", background_colour=(40, 60, 45), seed=seed)
        self._plugged = True
        self._open = False
        self._fault: str | None = None
        self._cached: tuple[Scene, np.ndarray] | None = None
        self._last: np.ndarray | None = None
        # sensor noise: three frames' worth as row-shifted views of one array (a third of the memory)
        noise = self._rng.integers(0, 3, (size[1] + 2, size[0], 3), dtype=np.uint8)
        self._jitter = [noise[k:k + size[1]] for k in range(3)]
        self._frame_no = 0
        self._next_due = 0.0
        self._pace = threading.Event()  # never set: waiting on it is how read() keeps the frame rate

    # --- controls (any thread) -------------------------------------------------------------------
    def show_document(self, profile_id: str = "id_card_front", *, scene: Scene | None = None) -> Scene:
        """Put a document of the profile's kind on the plate (a calm scene: no fingers, blur or glare)."""
        if scene is None:
            kind = _KIND_FOR_PROFILE[profile_id]
            with self._lock:
                scene = random_scene(self._rng, kind, hard=False)
        with self._lock:
            self._scene = scene
        return scene

    def take_away(self) -> None:
        with self._lock:
            self._scene = Scene(kind=None, quad=None, background=self._scene.background,
                                background_colour=self._scene.background_colour, seed=self._scene.seed)

    @property
    def scene(self) -> Scene:
        with self._lock:
            return self._scene

    def unplug(self) -> None:
        with self._lock:
            self._plugged = False

    def replug(self) -> None:
        with self._lock:
            self._plugged = True

    def set_fault(self, fault: str | None) -> None:
        if fault is not None and fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
        with self._lock:
            self._fault = fault

    # --- FrameSource (the camera thread) ---------------------------------------------------------
    def open(self) -> None:
        with self._lock:
            if not self._plugged:
                raise CameraUnavailable(detail="virtual camera unplugged")
            self._open = True

    def read(self) -> np.ndarray:
        if self.fps > 0:
            now = time.monotonic()
            if self._next_due > now:
                self._pace.wait(self._next_due - now)
            self._next_due = max(now, self._next_due) + 1.0 / self.fps
        with self._lock:
            plugged, is_open, fault, scene = self._plugged, self._open, self._fault, self._scene
        if not plugged or not is_open:
            self._open = False
            raise CameraUnavailable(detail="virtual camera unplugged")
        if fault == "black":
            return np.zeros((self.size[1], self.size[0], 3), np.uint8)
        if fault == "bad_frame":
            return np.zeros((10, 10), np.float32)
        if fault == "frozen" and self._last is not None:
            return self._last
        if self._cached is None or self._cached[0] is not scene:
            self._cached = (scene, render(scene, self._textures, self.size)[0])
        self._frame_no += 1
        frame = cv2.add(self._cached[1], self._jitter[self._frame_no % 3])  # sensor noise: no two frames identical
        self._last = frame if fault == "frozen" else None  # kept only to be repeated (a frame is a document)
        return frame

    def capture_still(self) -> np.ndarray:
        with self._lock:
            plugged, fault, scene = self._plugged, self._fault, self._scene
        if not plugged:
            raise CameraUnavailable(detail="virtual camera unplugged")
        if fault == "black":
            return np.zeros((self.still_size[1], self.still_size[0], 3), np.uint8)
        return render(scene, self._textures, self.still_size)[0]

    def close(self) -> None:
        self._open = False
        self._last = None
        self._cached = None
