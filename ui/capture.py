"""The two capture steps of a 办件 (``capture`` in QML): materials from the document camera, one screen
per required material, and the signature from the pad or on the glass. What is accepted goes into
the citizen session; frames and ink stay in the bridges and are cleared with the session.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, QThreadPool, Signal, Slot

from kiosk.signature import QualityRules, Signature, from_normalised, from_record, quality_hint, to_record
from ui import flow
from ui.bridges.jobs import run_async
from ui.i18n import tr

# The glass's times are when Qt delivered the touches, which scripted and batched input compresses: kept in
# the record, but not judged; points and size are, as for the pad.
GLASS_RULES = QualityRules(min_duration_ms=0.0)


def add_glass_point(strokes: list, t0: float | None, x: float, y: float, new_stroke: bool) -> tuple[list, float]:
    """One touch in a glass box ([x, y] in 0..1), timed in ms from the first touch; returns (strokes, t0).
    A new outer list each time, so QML sees a changed value."""
    now = time.monotonic()
    t0 = now if t0 is None else t0
    strokes = strokes + [[]] if new_stroke or not strokes else list(strokes)
    strokes[-1] = strokes[-1] + [[min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0), round((now - t0) * 1000.0, 3)]]
    return strokes, t0


class CaptureController(QObject):
    materialChanged = Signal()
    frameChanged = Signal()
    signatureChanged = Signal()
    _inked = Signal(int, object, object)  # epoch, PNG, record: rendered on the worker, taken on the UI thread
    _inkFailed = Signal(int, str)

    def __init__(self, camera: Any, sigpad: Any, speaker: Any, *, session: Callable[[], Any],
                 service: Callable[[], Any], next_step: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self.camera, self.sigpad, self.speaker = camera, sigpad, speaker
        self._session, self._service, self._next_step = session, service, next_step
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # the signature PNG (tens of ms of Pillow) never runs on the UI thread
        self._epoch = 0
        self._inked.connect(self._on_inked)
        self._inkFailed.connect(self._on_ink_failed)
        self.reset()
        if camera is not None:
            camera.frame.connect(self._on_frame)
            camera.captured.connect(self._on_captured)
            camera.failed.connect(self._on_camera_failed)
        if sigpad is not None:
            sigpad.strokesChanged.connect(self._on_pad_strokes)
            sigpad.stateChanged.connect(self.signatureChanged)

    def reset(self) -> None:
        """Forget frames, the pending capture and the ink (session end, or a new service)."""
        if self.camera is not None:
            self.camera.stop()
            self.camera.clear()
        if self.sigpad is not None:
            self.sigpad.stop()
            self.sigpad.clear()
        self._index, self._review, self._pending_jpeg = 0, False, b""
        self._serial, self._quad, self._hint, self._progress = 0, [], "", 0.0
        self._strokes: list[list[list[float]]] = []
        self._glass_t0: float | None = None  # the glass's own clock: the record keeps each point's time
        self._signature_hint = ""
        self._inking = False
        self._epoch += 1  # a PNG still being rendered for the wiped villager is dropped when it arrives
        self.active = False
        for sig in (self.materialChanged, self.frameChanged, self.signatureChanged):
            sig.emit()

    materialIndex = Property(int, lambda s: s._index, notify=materialChanged)
    materialCount = Property(int, lambda s: len(s.materials()), notify=materialChanged)
    materialName = Property(str, lambda s: s.current().get("name", ""), notify=materialChanged)
    materialReview = Property(bool, lambda s: s._review, notify=materialChanged)
    cameraOk = Property(bool, lambda s: s.camera is not None and s.camera.ok, notify=materialChanged)
    cameraHint = Property(str, lambda s: tr(s._hint), notify=frameChanged)
    captureProgress = Property(float, lambda s: s._progress, notify=frameChanged)
    frameSerial = Property(int, lambda s: s._serial, notify=frameChanged)
    quad = Property("QVariantList", lambda s: s._quad, notify=frameChanged)
    padOk = Property(bool, lambda s: s.sigpad is not None and s.sigpad.ok, notify=signatureChanged)
    strokes = Property("QVariantList", lambda s: s._strokes, notify=signatureChanged)
    signatureHint = Property(str, lambda s: tr(s._signature_hint), notify=signatureChanged)

    # --- materials ---------------------------------------------------------------------------------
    def prepare(self) -> None:
        """A service has begun: if it asks for materials, the camera process starts while the villager reads the
        notice and fills the form, and the materials screen shows a picture at once (a start takes ~0.4 s)."""
        if self.camera is not None and self.materials():
            self.camera.prepare()

    def materials(self) -> list[dict]:
        service = self._service()
        return flow.material_list(service) if service else []

    def current(self) -> dict:
        items = self.materials()
        return items[self._index] if 0 <= self._index < len(items) else {}

    def enter_materials(self, index: int = 0) -> None:
        self._index, self._review, self._pending_jpeg = index, False, b""
        ok = self.camera is not None and self.camera.ok
        self._hint = "请把材料平放在高拍仪下方" if ok else "高拍仪暂不可用，请到窗口办理"
        self._quad, self._progress = [], 0.0
        self.materialChanged.emit()
        self.frameChanged.emit()
        if self.camera is not None:
            self.camera.start(self.current().get("profile", "free"))

    def back(self) -> bool:
        """Go to the previous material; False when already at the first."""
        if self._index == 0:
            return False
        self.enter_materials(self._index - 1)
        return True

    def leave(self) -> None:
        if self.camera is not None:
            self.camera.stop()
        if self.sigpad is not None:
            self.sigpad.stop()

    def _on_frame(self, serial: int, quad: list, hint: str, progress: float) -> None:
        self._serial, self._quad, self._hint, self._progress = serial, quad, hint, progress
        self.frameChanged.emit()

    @Slot()
    def captureNow(self) -> None:  # noqa: N802 (QML API)
        if self.camera is not None:
            self.camera.capture_now()

    def _on_captured(self, jpeg: bytes) -> None:
        if self._session() is None or not self.active:
            return
        self._pending_jpeg, self._review = jpeg, True
        self._serial += 1
        self.materialChanged.emit()
        self.frameChanged.emit()
        self.speaker.say(tr("请看照片是否清楚。清楚请点使用这张，不清楚请点重拍。"))

    def _on_camera_failed(self, message: str) -> None:
        self._hint = message
        self.materialChanged.emit()
        self.frameChanged.emit()

    @Slot()
    def acceptMaterial(self) -> None:  # noqa: N802
        session = self._session()
        if session is None or not self._review:
            return
        session.materials[self.current()["id"]] = [self._pending_jpeg]
        if self._index + 1 < len(self.materials()):
            self.enter_materials(self._index + 1)
        else:
            self._pending_jpeg = b""
            self.leave()
            self._next_step()

    @Slot()
    def retakeMaterial(self) -> None:  # noqa: N802
        self.enter_materials(self._index)

    # --- signature ---------------------------------------------------------------------------------
    def enter_signature(self) -> None:
        if self.sigpad is not None:
            self.sigpad.start()
        self.signatureChanged.emit()

    def _on_pad_strokes(self, strokes: list) -> None:
        self._strokes, self._signature_hint = strokes, ""
        self.signatureChanged.emit()

    @Slot(float, float, bool)
    def glassPoint(self, x: float, y: float, new_stroke: bool) -> None:  # noqa: N802
        self._strokes, self._glass_t0 = add_glass_point(self._strokes, self._glass_t0, x, y, new_stroke)
        self.signatureChanged.emit()

    @Slot()
    def glassPenUp(self) -> None:  # noqa: N802
        self.signatureChanged.emit()

    @Slot()
    def clearSignature(self) -> None:  # noqa: N802
        self._strokes, self._signature_hint, self._glass_t0 = [], "", None
        if self.sigpad is not None:
            self.sigpad.clear()
        self.signatureChanged.emit()

    def _signature(self) -> tuple[Signature, bytes, QualityRules]:
        """Pad or glass, one model (kiosk.signature): the pad's own record (its ranges, pressure, timing),
        else the glass strokes with the times glassPoint kept."""
        pad_record = self.sigpad.record() if self.sigpad is not None and self.sigpad.ok else b""
        if pad_record:
            return from_record(pad_record), pad_record, QualityRules()
        signature = from_normalised(self._strokes)
        return signature, to_record(signature), GLASS_RULES

    @Slot()
    def confirmSignature(self) -> None:  # noqa: N802
        signature, record, rules = self._signature()
        hint = quality_hint(signature, rules)
        if hint:
            self._signature_hint = hint
            self.signatureChanged.emit()
            self.speaker.say(tr(hint))
            return
        if self._inking:
            return  # a second tap while the first is being rendered
        self._inking = True
        epoch = self._epoch
        from drivers.sigpad.render import render_png  # Pillow: loaded at the first signature, not at start-up

        run_async(self._pool, lambda: render_png(signature), lambda png: self._inked.emit(epoch, png, record),
                  lambda message: self._inkFailed.emit(epoch, message))

    def _on_inked(self, epoch: int, png: bytes, record: bytes) -> None:
        session = self._session()
        if epoch != self._epoch or session is None:
            return
        self._inking = False
        session.signature_png, session.signature_record = png, record  # bound at confirm (ui.flow.application)
        self.leave()
        self._next_step()

    def _on_ink_failed(self, epoch: int, message: str) -> None:
        if epoch != self._epoch:
            return
        self._inking = False
        self._signature_hint = message
        self.signatureChanged.emit()
