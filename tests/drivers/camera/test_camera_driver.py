"""The driver on its worker thread, with the virtual camera and with the real cv2.VideoCapture source
reading a video file: auto and manual capture, device loss and replug, black, frozen and malformed frames."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import pytest

from drivers.camera.base import CameraState, CameraUnavailable, FrameSource
from drivers.camera.geometry import smartdoc_jaccard
from drivers.camera.opencv_source import OpenCVSource
from drivers.camera.scene import Scene, random_scene, render
from drivers.camera.service import DocumentCamera
from drivers.camera.virtual import VirtualCamera
from kiosk.events import DeviceStateChanged, EventHub


@pytest.fixture
def rig(textures, recorder_factory):
    events = EventHub()
    states = recorder_factory()
    events.subscribe(DeviceStateChanged, lambda e: states(e) if e.device == "camera" else None)
    virtual = VirtualCamera(fps=30, seed=3, still_size=(1920, 1080), textures=textures)
    camera = DocumentCamera(virtual, events, reopen_interval=0.05)
    previews = recorder_factory()
    yield camera, virtual, previews, states
    camera.close()
    assert camera._thread is None  # the worker is gone


def _show_and_start(camera, virtual, previews, profile, until=lambda p: p.quad is not None):
    """A document on the plate, the preview running, and the first preview that satisfies ``until``."""
    virtual.show_document(profile)
    camera.start(previews, profile=profile)
    return previews.wait_for(until)


def _is_blank(preview) -> bool:
    return not preview.frame.any() and preview.quad is None


def test_sources_implement_the_protocol(textures):
    assert isinstance(VirtualCamera(textures=textures), FrameSource)
    assert isinstance(OpenCVSource(0), FrameSource)


def test_auto_capture_delivers_a_rectified_still(rig):
    camera, virtual, previews, states = rig
    scene = virtual.show_document("id_card_front")
    camera.start(previews, profile="id_card_front")
    done = previews.wait_for(lambda p: p.still_jpeg is not None)
    assert done.hint == "已拍好，请取走材料" and done.progress == 1.0
    page = cv2.imdecode(np.frombuffer(done.still_jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert max(page.shape[:2]) / min(page.shape[:2]) == pytest.approx(85.6 / 54, rel=0.02)
    steadying = [p.progress for p in previews.items if p.still_jpeg is None and p.quad is not None]
    assert steadying[:4] == sorted(steadying[:4]) and 0 < steadying[0] < 1  # progress rises to the capture
    assert smartdoc_jaccard(scene.truth, np.array(done.quad)) > 0.95
    assert threading.current_thread().name != "dev-camera"
    assert states.wait_for(lambda e: e.state == "streaming").message == ""
    assert sum(p.still_jpeg is not None for p in previews.items) == 1  # once, while the card stays


def test_manual_capture_and_capture_still(rig):
    camera, virtual, previews, _ = rig
    virtual.take_away()
    camera.start(previews, profile="free")
    previews.wait_for(lambda p: p.hint == "请把材料放在拍摄区")
    camera.capture_now()  # nothing on the plate: the whole frame is kept, and said so
    shot = previews.wait_for(lambda p: p.still_jpeg is not None)
    assert shot.hint.startswith("未找到材料")
    camera.stop()
    virtual.show_document("a4")
    capture = camera.capture_still("a4")
    assert capture.still.shape == (1080, 1920, 3)
    assert capture.quality is not None and capture.confidence > 0.5
    assert smartdoc_jaccard(virtual.scene.truth * 1.5, capture.quad) > 0.95


def test_unplug_mid_preview_then_replug(rig):
    camera, virtual, previews, states = rig
    _show_and_start(camera, virtual, previews, "bank_card")
    virtual.unplug()
    lost = states.wait_for(lambda e: e.state == "unplugged")
    assert lost.message == "高拍仪未连接，请联系工作人员"
    blank = previews.wait_for(lambda p: p.state is CameraState.UNPLUGGED)
    assert _is_blank(blank) and blank.hint == lost.message  # the last villager's card is not left on screen
    previews.clear()
    virtual.replug()
    assert states.wait_for(lambda e: e.state == "streaming", after=lost)
    previews.wait_for(lambda p: p.quad is not None)


def test_absent_at_start_is_a_state_not_a_crash(textures, recorder_factory):
    events, states, previews = EventHub(), recorder_factory(), recorder_factory()
    events.subscribe(DeviceStateChanged, states)
    virtual = VirtualCamera(fps=30, textures=textures)
    virtual.unplug()
    camera = DocumentCamera(virtual, events, reopen_interval=0.05)
    try:
        camera.start(previews)
        states.wait_for(lambda e: e.state == "unplugged")
        with pytest.raises(CameraUnavailable) as info:
            camera.capture_still()
        assert info.value.message == "高拍仪未连接，请联系工作人员"
    finally:
        camera.close()


@pytest.mark.parametrize(("fault", "state"), [("black", CameraState.NO_SIGNAL), ("frozen", CameraState.FROZEN),
                                              ("bad_frame", CameraState.BAD_FRAME)])
def test_bad_frames_give_a_state_and_a_blank_preview(rig, fault, state):
    camera, virtual, previews, states = rig
    _show_and_start(camera, virtual, previews, "id_card_back")
    virtual.set_fault(fault)
    event = states.wait_for(lambda e: e.state == state.value)
    assert event.message
    assert _is_blank(previews.wait_for(lambda p: p.state is state))
    virtual.set_fault(None)
    states.wait_for(lambda e: e.state == "streaming", after=event)


def test_a_failing_callback_does_not_stop_the_camera(rig):
    camera, virtual, _, _ = rig
    seen = threading.Event()

    def broken(preview):
        seen.set()
        raise RuntimeError("UI bug")

    virtual.show_document("a4")
    camera.start(broken)
    assert seen.wait(20)
    seen.clear()
    assert seen.wait(20)  # still delivering


def test_real_videocapture_source_on_a_video_file(tmp_path, textures):
    scene = random_scene(np.random.default_rng(12), "hukou_page", hard=False)
    frame, truth = render(scene, textures)
    path = tmp_path / "plate.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (1280, 720))
    for _ in range(4):
        writer.write(frame)
    writer.release()
    source = OpenCVSource(str(path), width=1280, height=720, still_width=1280, still_height=720)
    camera = DocumentCamera(source, EventHub())
    try:
        capture = camera.capture_still("hukou_page")
        assert smartdoc_jaccard(truth, capture.quad) > 0.95
        assert capture.page.shape[1] / capture.page.shape[0] == pytest.approx(143 / 105, rel=0.02) or \
            capture.page.shape[0] / capture.page.shape[1] == pytest.approx(143 / 105, rel=0.02)
        for _ in range(6):  # the file (4 frames) runs out: that is the device going away
            try:
                camera.capture_still()
            except CameraUnavailable:
                break
        else:
            pytest.fail("end of video did not read as device loss")
    finally:
        camera.close()


def test_missing_v4l2_device_is_unavailable():
    source = OpenCVSource("/dev/video-missing-kiosk-test")
    with pytest.raises(CameraUnavailable):
        source.open()


def test_virtual_controls_reject_unknown_faults(textures):
    with pytest.raises(ValueError):
        VirtualCamera(textures=textures).set_fault("smoke")
    assert Scene(kind=None, quad=None).truth is None


def test_make_camera_from_config():
    from drivers.camera.service import make_camera
    from kiosk.config.schema import CameraSection

    assert make_camera(CameraSection(driver="none"), EventHub()) is None
    camera = make_camera(CameraSection(driver="virtual", stable_frames=3, min_sharpness=55.0), EventHub())
    assert isinstance(camera.source, VirtualCamera) and camera.auto.stable_frames == 3
    assert camera.thresholds.min_sharpness == 55.0
    real = make_camera(CameraSection(device=7), EventHub())
    assert isinstance(real.source, OpenCVSource) and real.source.device == 7


def test_stop_forgets_the_last_document(rig):
    camera, virtual, previews, _ = rig
    _show_and_start(camera, virtual, previews, "id_card_front", until=lambda p: p.still_jpeg is not None)
    camera.stop()
    forgotten = threading.Event()
    camera._jobs.put(lambda: forgotten.set() if camera._previous_thumb is None else None)
    camera._wake.set()
    assert forgotten.wait(10)
    previews.clear()
    camera.start(previews, profile="id_card_front")  # the next villager, same card still on the plate
    first = previews.wait_for(lambda p: True)
    assert first.still_jpeg is None and first.hint != "已拍好，请取走材料"
