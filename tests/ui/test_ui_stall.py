"""Issue 8: what the UI thread is spared. Camera previews arrive preview-sized, in the format the scene graph
draws as is, at most 15 a second; the pad's ink at most 30 times a second; the signature PNG is rendered on a
worker. (The stall itself is measured in benchmarks/ui.py, not asserted here.)"""

from __future__ import annotations

import threading
from types import SimpleNamespace

import cv2
import numpy as np
import pytest

from kiosk.events import EventHub
from tests.ui.support import find, settled


def test_preview_is_shrunk_to_preview_width_in_rgb32_with_true_colours():
    from PySide6.QtGui import QImage

    from drivers.camera.preview import PREVIEW_WIDTH
    from ui.bridges.camera import to_qimage

    frame = np.zeros((1080, 1920, 3), np.uint8)
    frame[:, :960] = (255, 0, 0)  # BGR: blue on the left, red on the right
    frame[:, 960:] = (0, 0, 255)
    image, scale = to_qimage(frame)
    assert (image.width(), image.height()) == (PREVIEW_WIDTH, 540) and scale == 0.5
    assert image.format() == QImage.Format.Format_RGB32
    left, right = image.pixelColor(10, 10), image.pixelColor(PREVIEW_WIDTH - 10, 10)
    assert (left.red(), left.green(), left.blue()) == (0, 0, 255)
    assert (right.red(), right.green(), right.blue()) == (255, 0, 0)
    small, scale = to_qimage(np.zeros((360, 640, 3), np.uint8))
    assert small.width() == 640 and scale == 1.0  # never enlarged


def test_captured_still_is_decoded_for_review_and_bad_bytes_give_none():
    from drivers.camera.preview import STILL_WIDTH
    from ui.bridges.camera import still_qimage

    ok, jpeg = cv2.imencode(".jpg", np.full((1440, 2560, 3), (0, 200, 0), np.uint8))
    image = still_qimage(jpeg.tobytes())
    assert image.width() == STILL_WIDTH and abs(image.pixelColor(5, 5).green() - 200) <= 3
    assert still_qimage(b"not a jpeg") is None


class _Camera:
    """Just enough of drivers.camera.service.DocumentCamera for the bridge: it records start/stop."""

    def __init__(self):
        self.started = 0

    def start(self, callback, profile="free"):
        self.started += 1

    def stop(self):
        pass


def started_bridge():
    """A started camera bridge and what it signals: (bridge, frames, stills)."""
    from ui.bridges.camera import CameraBridge

    bridge = CameraBridge(_Camera(), EventHub())
    bridge.start("free")
    frames, stills = [], []
    bridge.frame.connect(lambda *a: frames.append(a))
    bridge.captured.connect(stills.append)
    return bridge, frames, stills


def test_a_fast_camera_reaches_the_ui_at_most_15_times_a_second_but_every_still_does(qtbot):
    bridge, frames, stills = started_bridge()
    preview = SimpleNamespace(frame=np.zeros((720, 1280, 3), np.uint8), quad=[(100, 100), (500, 100), (500, 400),
                                                                            (100, 400)], hint="", progress=0.5)
    for _ in range(30):  # a burst far faster than 15 fps
        bridge.on_preview(preview)
    assert len(frames) == 1
    assert frames[0][1] == [[75.0, 75.0], [375.0, 75.0], [375.0, 300.0], [75.0, 300.0]]  # preview pixels (×0.75)
    ok, jpeg = cv2.imencode(".jpg", np.zeros((720, 1280, 3), np.uint8))
    bridge.on_preview(SimpleNamespace(**{**vars(preview), "still_jpeg": jpeg.tobytes()}))
    assert len(stills) == 1 and not bridge.images.still.isNull()


def test_a_preview_from_the_camera_process_is_shown_as_it_came_with_its_still(qtbot):
    """The camera process sends BGRA already shrunk, the outline in its pixels: the bridge only copies it."""
    from drivers.camera.base import PreviewImage

    bridge, frames, stills = started_bridge()
    pixels = bytearray(bytes((255, 0, 0, 255)) * (96 * 54))  # BGRA blue
    still = PreviewImage(40, 60, memoryview(bytearray(bytes((0, 0, 255, 255)) * (40 * 60))))  # red
    bridge.on_preview(PreviewImage(96, 54, memoryview(pixels), quad=((10.0, 10.0), (80.0, 10.0), (80.0, 40.0),
                                                                     (10.0, 40.0)), hint="请保持不动", progress=0.5,
                                   still_jpeg=b"JPEG", still=still))
    pixels[:] = bytes(len(pixels))  # the process reuses its buffer: what is shown must be a copy
    live = bridge.images.live
    assert (live.width(), live.height()) == (96, 54) and live.pixelColor(5, 5).blue() == 255
    assert bridge.images.still.pixelColor(5, 5).red() == 255 and bridge.images.still.height() == 60
    assert frames == [(1, [[10.0, 10.0], [80.0, 10.0], [80.0, 40.0], [10.0, 40.0]], "请保持不动", 0.5)]
    assert stills == [b"JPEG"]


def test_pad_ink_is_handed_over_at_most_30_times_a_second_and_always_at_pen_up(qtbot):
    from ui.bridges.sigpad import SigpadBridge

    bridge = SigpadBridge(None, EventHub())
    handed = []
    bridge.strokesChanged.connect(handed.append)
    for i in range(100):  # a pad's burst: 100 samples within a few ms
        bridge.on_pen(i / 100, 0.5, True)
    assert 1 <= len(handed) <= 2
    bridge.on_pen(1.0, 0.5, False)
    assert len(handed[-1]) == 1 and len(handed[-1][0]) == 100  # the pen-up carries every point
    count = len(handed)
    for _ in range(10):
        bridge.on_pen(0.5, 0.5, False)  # hovering: nothing new to draw
    assert len(handed) == count


def test_signature_png_is_rendered_off_the_ui_thread(qtbot, monkeypatch):
    import drivers.sigpad.render as render_mod
    import ui.capture as capture_mod
    from ui.tour import sign_on_glass, wait_until

    rendered_on = []
    real_render = render_mod.render_png  # ui.capture imports it at the first signature

    def recording_render(signature):
        rendered_on.append(threading.current_thread() is threading.main_thread())
        return real_render(signature)

    monkeypatch.setattr(render_mod, "render_png", recording_render)
    session = SimpleNamespace(signature_png=b"", signature_record=b"")
    steps = []
    speaker = SimpleNamespace(say=lambda _text: None)
    capture = capture_mod.CaptureController(None, None, speaker, session=lambda: session, service=lambda: None,
                                            next_step=lambda: steps.append("next"))
    sign_on_glass(capture)
    capture.confirmSignature()
    capture.confirmSignature()  # a second tap while rendering: one PNG, one step
    wait_until(lambda: steps == ["next"], 10)
    assert rendered_on == [False]
    assert session.signature_png.startswith(b"\x89PNG") and session.signature_record
    capture.confirmSignature()
    capture.reset()  # the villager wiped while the PNG is made: it is dropped when it arrives
    from PySide6.QtCore import QCoreApplication

    assert capture._pool.waitForDone(5000)
    QCoreApplication.sendPostedEvents()  # the queued delivery runs now; it must not take a step
    assert steps == ["next"] and rendered_on == [False, False]


def test_receipt_signer_signs_off_the_ui_thread_and_a_failed_signature_keeps_the_number(qtbot):
    from ui.bridges.qr import ReceiptSigner

    signer = ReceiptSigner()
    signed_on = []

    def qr_text():
        signed_on.append(threading.current_thread() is threading.main_thread())
        return "RSKHZ1|signed"

    with qtbot.waitSignal(signer.signed, timeout=5000) as got:
        signer.sign({"acceptance_no": "SL1", "qr": ""}, qr_text)
    assert got.args[0] == {"acceptance_no": "SL1", "qr": "RSKHZ1|signed"} and signed_on == [False]
    with qtbot.waitSignal(signer.signed, timeout=5000) as got:
        signer.sign({"acceptance_no": "SL2", "qr": ""}, lambda: 1 / 0)
    assert got.args[0]["qr"] == "SL2"  # a bug in signing: the bare number, never no receipt
    assert signer.wait()


@pytest.fixture
def rig(qtbot, tmp_path):
    from tests.e2e.conftest import fast_config
    from ui.demo import DemoRig
    from ui.tour import SteppableClock

    rig = DemoRig(tmp_path / "data", config=fast_config(), clock=SteppableClock(), pen_speed=0.1)
    app = rig.build_app()
    settled(app)
    yield rig
    app.close()
    rig.close()


def test_receipt_qr_is_signed_and_drawn_off_the_ui_thread_and_printed_signed(rig, monkeypatch):
    from drivers.printer.receipt_code import PREFIX
    from tests.support.cups import pdf_qr_values
    from ui.bridges.qr import QrImages
    from ui.tour import do_service, pick_services, wait_until

    c = rig.app.controller
    on_ui_thread: dict[str, list[bool]] = {"sign": [], "draw": []}
    real_qr_text, real_request = type(c.d.printer).qr_text, QrImages.requestImage

    def recording_qr_text(bridge, *args):
        on_ui_thread["sign"].append(threading.current_thread() is threading.main_thread())
        return real_qr_text(bridge, *args)

    def recording_request(provider, *args):
        on_ui_thread["draw"].append(threading.current_thread() is threading.main_thread())
        return real_request(provider, *args)

    monkeypatch.setattr(type(c.d.printer), "qr_text", recording_qr_text)
    monkeypatch.setattr(QrImages, "requestImage", recording_request)
    shown_first = []
    c.screenChanged.connect(lambda: shown_first.append(dict(c.receipt)) if c.screen == "Receipt" else None)
    rig.insert_card("v2")
    wait_until(lambda: c.cardState == "ok")
    def on_screen(name: str) -> None:
        if name == "Receipt":  # the QR arrives while the villager reads: wait for it before moving on
            wait_until(lambda: not find(rig.app, "qrPending").property("visible"), 30)  # the grey square gives way
            assert c.receipt["qr"].startswith(PREFIX)

    number = do_service(c, rig, pick_services(c.d.catalog)["plain"], on_screen)
    assert shown_first[0]["acceptance_no"] == number  # the number at once, whatever the signer is doing
    wait_until(lambda: list((rig.data_dir / "printed").glob("*.pdf")), 30)
    [pdf] = (rig.data_dir / "printed").glob("*.pdf")
    [value] = pdf_qr_values(pdf.read_bytes(), rig.data_dir)
    assert value.startswith(PREFIX) and number in value  # printed with the signed code
    assert on_ui_thread["sign"] == [False]
    assert on_ui_thread["draw"] and not any(on_ui_thread["draw"])
