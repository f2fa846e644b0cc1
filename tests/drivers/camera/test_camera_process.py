"""The kiosk's camera in its own process (drivers.camera.process + drivers.camera.child), over the virtual camera:
previews arrive ready to show, auto-capture sends the page, the process ends between villagers, a killed or
babbling camera process is reported in plain Chinese and comes back, and the kiosk side loads no OpenCV."""

from __future__ import annotations

import dataclasses
import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.camera.base import CameraState, PreviewImage
from drivers.camera.process import CRASHED_MESSAGE, CameraProcess
from kiosk.config.schema import CameraSection
from kiosk.events import DeviceStateChanged, EventHub

ROOT = Path(__file__).resolve().parents[3]
SECTION = CameraSection(driver="virtual", still_width=1920, still_height=1080, stable_frames=3)


def kept(preview: PreviewImage) -> PreviewImage:
    """The callback's pixels are the process's reused buffer: a test keeps a copy."""
    still = dataclasses.replace(preview.still, pixels=bytes(preview.still.pixels)) if preview.still else None
    return dataclasses.replace(preview, pixels=bytes(preview.pixels), still=still)


@pytest.fixture
def camera(recorder_factory):
    events = EventHub()
    states = recorder_factory()
    events.subscribe(DeviceStateChanged, lambda e: states(e) if e.device == "camera" else None)
    previews = recorder_factory()
    process = CameraProcess(SECTION, events, respawn_interval_s=0.2)
    process.previews, process.states = previews, states
    yield process
    pid = process.child_pid
    process.close()
    assert process.child_pid is None
    if pid is not None:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # reaped, not a zombie


def start(camera, profile="id_card_front"):
    camera.start(lambda p: camera.previews(kept(p)), profile=profile)


def test_auto_capture_through_the_camera_process(camera):
    camera.virtual.show_document("id_card_front")
    start(camera)
    live = camera.previews.wait_for(lambda p: p.quad is not None)
    assert (live.width, live.height) == (960, 540) and len(live.pixels) == 960 * 540 * 4
    frame = np.frombuffer(live.pixels, np.uint8).reshape(540, 960, 4)
    assert frame[..., 3].min() == 255 and frame[..., :3].std() > 10  # a picture, opaque, not a flat fill
    xs = [x for x, _ in live.quad]
    assert 0 <= min(xs) < max(xs) <= 960  # the outline is in preview pixels
    done = camera.previews.wait_for(lambda p: p.still_jpeg is not None)
    page = cv2.imdecode(np.frombuffer(done.still_jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert page is not None and page.shape[1] > 300
    assert done.still is not None and len(done.still.pixels) == done.still.width * done.still.height * 4
    assert camera.states.wait_for(lambda e: e.state == "streaming").message == ""
    assert camera.state is CameraState.STREAMING and camera.children_started == 1


def test_release_ends_the_process_and_the_next_start_begins_a_new_one(camera):
    camera.virtual.show_document("a4")
    start(camera, "a4")
    camera.previews.wait_for(lambda p: p.width > 0)
    first = camera.child_pid
    camera.stop()
    camera.release()
    closed = camera.states.wait_for(lambda e: e.state == "closed")
    assert closed.message == ""
    assert camera.wait_for_process(False, 15)
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)
    camera.previews.clear()
    start(camera, "a4")  # the document is still on the plate: the new process is told
    assert camera.previews.wait_for(lambda p: p.quad is not None)
    assert camera.children_started == 2 and camera.child_pid not in (None, first)


def test_prepare_starts_the_process_ahead_of_the_first_preview(camera):
    camera.prepare()
    assert camera.wait_for_process(True, 15)
    assert camera.states.items == [] and camera.previews.items == []  # not previewing: the device is not open
    camera.virtual.show_document("id_card_front")
    start(camera)
    assert camera.previews.wait_for(lambda p: p.quad is not None)
    camera.prepare()  # one runs already: nothing more starts
    camera.stop()
    camera.release()
    assert camera.wait_for_process(False, 15) and camera.children_started == 1


def test_a_killed_camera_process_is_reported_in_plain_chinese_and_comes_back(camera):
    camera.virtual.show_document("id_card_front")
    start(camera)
    camera.previews.wait_for(lambda p: p.width > 0)
    os.kill(camera.child_pid, signal.SIGKILL)
    crashed = camera.states.wait_for(lambda e: e.message == CRASHED_MESSAGE)
    assert crashed.state == "unplugged"
    blank = camera.previews.wait_for(lambda p: p.width == 0)
    assert blank.hint == CRASHED_MESSAGE and blank.pixels == b""
    back = camera.states.wait_for(lambda e: e.state == "streaming", after=crashed)
    assert back.message == ""
    assert camera.previews.wait_for(lambda p: p.quad is not None, after=blank)
    assert camera.children_started == 2


def test_a_stop_signal_for_the_whole_unit_leaves_the_camera_to_the_kiosk(camera):
    """systemd stops the unit by signalling every process in it: the camera process waits for the kiosk to close it."""
    camera.virtual.show_document("id_card_front")
    start(camera)
    before = camera.previews.wait_for(lambda p: p.width > 0)
    os.kill(camera.child_pid, signal.SIGTERM)
    for _ in range(5):  # previews go on (five: long after the signal was delivered)
        before = camera.previews.wait_for(lambda p: p.quad is not None, after=before)
    assert camera.children_started == 1 and not any(e.message == CRASHED_MESSAGE for e in camera.states.items)
    camera.close()  # the kiosk's own shutdown: it ends


def test_virtual_faults_reach_the_camera_in_its_process_and_are_remembered(camera):
    camera.virtual.unplug()  # before any camera process runs
    start(camera)
    unplugged = camera.states.wait_for(lambda e: e.state == "unplugged")
    assert unplugged.message == "高拍仪未连接，请联系工作人员"
    camera.virtual.replug()
    camera.virtual.show_document("bank_card")
    camera.states.wait_for(lambda e: e.state == "streaming", after=unplugged)
    camera.virtual.set_fault("black")
    assert camera.states.wait_for(lambda e: e.state == "no_signal").message == "高拍仪画面全黑，请检查镜头或灯光"
    with pytest.raises(ValueError):
        camera.virtual.set_fault("smoke")


def test_a_technician_check_runs_in_the_camera_process(camera):
    camera.virtual.show_document("a4")
    status, message, details = camera.diagnose(window_s=1.0, want_frames=6)
    assert status.value == "ok" and "帧/秒" in message
    assert details["frames"] >= 6 and details["page_found"] and (details["width"], details["height"]) == (1280, 720)
    assert camera.wait_for_process(False, 15)  # nobody is previewing: the check's process does not stay


BABBLER = """#!{python}
import os, sys, time
fd = int(sys.argv[-1])
os.read(fd, 65536)  # the init message
os.write(fd, b"\\x00\\x00\\x00\\x08not a pickle")
time.sleep(60)
"""


def test_a_camera_process_that_sends_garbage_is_ended_and_reported(tmp_path, recorder_factory):
    babbler = tmp_path / "babbler"
    babbler.write_text(BABBLER.format(python=sys.executable))
    babbler.chmod(0o755)
    events = EventHub()
    states = recorder_factory()
    events.subscribe(DeviceStateChanged, states)
    camera = CameraProcess(SECTION, events, python=str(babbler), respawn_interval_s=30)
    previews = recorder_factory()
    try:
        camera.start(lambda p: previews(kept(p)))
        assert states.wait_for(lambda e: e.message == CRASHED_MESSAGE, timeout=10).state == "unplugged"
        assert previews.wait_for(lambda p: p.width == 0).hint == CRASHED_MESSAGE
        assert camera.wait_for_process(False, 15)
    finally:
        camera.close()


# In a fresh interpreter (this one imported OpenCV for the tests): a whole capture through the camera process.
KIOSK_SIDE = """
import json, sys, threading
from drivers.camera.process import CameraProcess
from kiosk.config.schema import CameraSection
from kiosk.events import EventHub
camera = CameraProcess(CameraSection(driver="virtual", still_width=1920, still_height=1080, stable_frames=3), EventHub())
done = threading.Event()
camera.virtual.show_document("id_card_front")
camera.start(lambda p: done.set() if p.still_jpeg else None, "id_card_front")
captured = done.wait(30)
camera.close()
print(json.dumps({"captured": captured, "cv2": "cv2" in sys.modules, "numpy": "numpy" in sys.modules}))
"""


def test_the_kiosk_side_of_a_capture_loads_neither_opencv_nor_numpy():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", KIOSK_SIDE], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.splitlines()[-1]) == {"captured": True, "cv2": False, "numpy": False}



ORPHANED = """
import sys
from drivers.camera.process import CameraProcess
from kiosk.config.schema import CameraSection
from kiosk.events import EventHub
camera = CameraProcess(CameraSection(driver="virtual"), EventHub())
camera.prepare()
camera.wait_for_process(True, 30)
print(camera.child_pid, flush=True)
sys.stdin.read()  # until the test kills this "kiosk"
"""


def test_the_camera_process_ends_when_the_kiosk_is_killed():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kiosk = subprocess.Popen([sys.executable, "-c", ORPHANED], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        child_pid = int(kiosk.stdout.readline())
        watch = os.pidfd_open(child_pid)
    finally:
        kiosk.kill()  # kill -9: no close(), no release
        kiosk.wait(10)
    try:
        ended, _, _ = select.select([watch], [], [], 15)  # a pidfd is readable once its process has exited
        assert ended == [watch], "the camera process outlived the kiosk"
    finally:
        os.close(watch)
