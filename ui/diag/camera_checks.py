"""Document-camera diagnostics for the technician: the check runs ``camera.diagnose`` (drivers.camera.probe), which
watches the real preview for a moment where the camera runs (the camera process, or in-process for the
``kiosk diag`` tool) and reports what the driver delivered.
"""

from __future__ import annotations

from typing import Any

from kiosk.diag import Check, Status


def camera_checks(camera: Any, *, window_s: float = 1.5, want_frames: int = 12, first_frame_s: float = 6.0,
                  thresholds: Any = None) -> list[Check]:
    """``camera``: a DocumentCamera or a CameraProcess (both have ``diagnose``), or None when there is none."""
    if camera is None:
        return [Check("camera.frames", "高拍仪", lambda: (Status.SKIP, "本终端未配置高拍仪", {}))]

    def frames():
        return camera.diagnose(window_s=window_s, want_frames=want_frames, first_frame_s=first_frame_s,
                               thresholds=thresholds)

    return [Check("camera.frames", "高拍仪", frames, timeout_s=first_frame_s + window_s + 4)]
