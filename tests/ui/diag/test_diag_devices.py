"""Each panel's checks against the virtual devices (and the real PC/SC stack), healthy and with injected
faults: reader gone, camera black / frozen / unplugged, pad silent / unplugged, printer offline."""

from __future__ import annotations

import json
import threading

import pytest

from drivers.camera.service import DocumentCamera
from drivers.camera.virtual import VirtualCamera
from drivers.card import apdu
from drivers.card.base import CardState
from drivers.card.virtual import VirtualCardReader
from drivers.card.virtual_card import profile
from drivers.printer.base import PrinterState
from drivers.printer.virtual import VirtualPrinter
from drivers.printer.worker import PrinterWorker
from drivers.sigpad.virtual import VirtualSigpad
from kiosk.diag import Status, run_checks
from kiosk.errors import UserFacingError
from kiosk.events import DeviceStateChanged, EventHub
from ui.diag.camera_checks import camera_checks
from ui.diag.card_checks import PresenceCounter, apdu_console, card_checks, mask_exchange
from ui.diag.pad_checks import pad_checks
from ui.diag.printer_checks import audio_checks, print_test_page, printer_checks

SELECT_SSCARD = apdu.select_by_name(apdu.SSSE_NAME).hex(" ")


def _results(checks):
    return {r.check_id: r for r in run_checks(checks).results}


def _wait_state(events: EventHub, reader, state: CardState, timeout: float = 10.0) -> None:
    cond = threading.Condition()

    def notify(_e):
        with cond:
            cond.notify_all()

    unsubscribe = events.subscribe(DeviceStateChanged, notify)
    try:
        with cond:
            assert cond.wait_for(lambda: reader.state is state, timeout), reader.state
    finally:
        unsubscribe()


# --- card -------------------------------------------------------------------------------------------


@pytest.fixture
def virtual_reader():
    events = EventHub()
    reader = VirtualCardReader(events, read_timeout_s=1.0)
    reader.start()
    yield events, reader
    reader.stop()


def test_card_read_statistics_count_runs_and_keep_no_personal_data(virtual_reader):
    events, reader = virtual_reader
    presence = PresenceCounter(events)
    empty = _results(card_checks(reader, runs=3, presence=presence))
    assert empty["card.readers"].status is Status.OK and empty["card.read"].status is Status.SKIP
    reader.insert("v2")
    _wait_state(events, reader, CardState.READY)
    results = _results(card_checks(reader, runs=4, presence=presence))
    read = results["card.read"]
    assert read.status is Status.OK, read
    assert read.details["runs"] == 4 and read.details["ok"] == 4
    assert 0 < read.details["min_ms"] <= read.details["mean_ms"] <= read.details["max_ms"]
    assert read.details["presence"]["inserted"] == 1
    text = json.dumps(read.details, ensure_ascii=False) + read.summary
    villager = profile("v2").villager
    assert villager.name not in text and villager.id_number not in text
    reader.remove()
    _wait_state(events, reader, CardState.EMPTY)
    assert presence.counts() == {"inserted": 1, "removed": 1, "failed": 0}


def test_card_that_does_not_answer_fails_the_read_check(virtual_reader):
    events, reader = virtual_reader
    reader.insert("garbage")
    _wait_state(events, reader, CardState.ERROR)
    read = _results(card_checks(reader, runs=2))["card.read"]
    assert read.status is Status.FAIL and read.details["ok"] == 0 and read.details["errors"]


def test_apdu_console_shows_select_but_masks_records_and_pins(virtual_reader):
    events, reader = virtual_reader
    reader.insert("v2")
    _wait_state(events, reader, CardState.READY)
    select = apdu_console(reader, SELECT_SSCARD)
    assert select.sw == "9000" and select.command.startswith("00 A4 04 00")
    assert "••" not in select.response
    read = mask_exchange(bytes.fromhex("00B2010400"), "张三".encode("gb18030") + b"\x90\x00", 1.0)
    assert read.response == "•• •• •• ••" and read.sw == "9000"
    verify = mask_exchange(bytes.fromhex("0020000003123456"), b"\x90\x00", 1.0)
    assert verify.command == "00 20 00 00 03 •• •• ••"
    with pytest.raises(UserFacingError) as bad:
        apdu_console(reader, "zz 11")
    assert "十六进制" in bad.value.message
    with pytest.raises(UserFacingError):
        apdu_console(reader, "00 A4")


@pytest.mark.pcsc
def test_real_pcsc_reader_found_read_and_configured_reader_gone(pcsc):
    from drivers.card.pcsc import PcscCardReader

    events = EventHub()
    reader = PcscCardReader(events, reader=pcsc.reader, read_timeout_s=3.0)
    reader.start()
    try:
        pcsc.insert("v2")
        _wait_state(events, reader, CardState.READY)
        results = _results(card_checks(reader, configured=pcsc.reader, runs=2))
        assert results["card.readers"].status is Status.OK and pcsc.reader in results["card.readers"].details["readers"]
        assert results["card.read"].status is Status.OK and results["card.read"].details["ok"] == 2
        gone = _results(card_checks(reader, configured="ACS ACR39U", runs=1))["card.readers"]
        assert gone.status is Status.FAIL and "未发现配置的读卡器" in gone.summary
    finally:
        pcsc.remove()
        reader.stop()


# --- camera -----------------------------------------------------------------------------------------


@pytest.fixture
def camera():
    source = VirtualCamera(fps=30)
    source.show_document("a4")
    cam = DocumentCamera(source, EventHub(), reopen_interval=0.2)
    yield source, cam
    cam.close()


def test_camera_reports_delivered_resolution_fps_and_sharpness(camera):
    source, cam = camera
    result = _results(camera_checks(cam, window_s=3.0, want_frames=10))["camera.frames"]
    assert result.status in (Status.OK, Status.WARN), result
    assert (result.details["width"], result.details["height"]) == source.size
    assert result.details["frames"] >= 10 and result.details["fps"] > 0.5  # a loaded CI box runs detection slowly
    assert result.details["page_found"] and result.details["sharpness"] > 0


@pytest.mark.parametrize("fault, words", [("black", "全黑"), ("frozen", "没有变化"), ("unplug", "未连接")])
def test_camera_faults_fail_with_the_drivers_message(camera, fault, words):
    source, cam = camera
    if fault == "unplug":
        source.unplug()
    else:
        source.set_fault(fault)
    result = _results(camera_checks(cam, window_s=1.5, want_frames=1000))["camera.frames"]
    assert result.status is Status.FAIL and words in result.summary, result


# --- signature pad ----------------------------------------------------------------------------------


@pytest.fixture
def pad():
    events = EventHub()
    p = VirtualSigpad(events, time_scale=0.2)

    def scribble(timeout):
        p.sign("十")
        return p.wait_idle(timeout)

    yield events, p, scribble
    p.close()


def test_pad_probe_and_draw_test_report_points_rate_and_pressure(pad):
    events, p, scribble = pad
    results = _results(pad_checks(p, events, scribble=scribble))
    assert results["sigpad.probe"].status is Status.OK
    assert results["sigpad.probe"].details["capabilities"]["max_pressure"] == 1023
    draw = results["sigpad.draw"]
    assert draw.status is Status.OK, draw
    assert draw.details["points"] > 20 and draw.details["strokes"] >= 2
    assert draw.details["rate_hz"] > 0 and draw.details["pressure_levels"] > 3


@pytest.mark.parametrize("fault, words", [("silent", "没有响应"), ("unplug", "未连接")])
def test_pad_faults_fail_probe_and_draw(pad, fault, words):
    events, p, scribble = pad
    p.open()
    p.go_silent() if fault == "silent" else p.unplug()
    results = _results(pad_checks(p, events, scribble=scribble, draw_timeout_s=2))
    assert results["sigpad.probe"].status is Status.FAIL and words in results["sigpad.probe"].summary
    assert results["sigpad.draw"].status is Status.FAIL


def test_pad_serial_port_missing_fails(pad, tmp_path):
    events, p, _ = pad
    result = _results(pad_checks(p, events, port=str(tmp_path / "ttyNOPE")))["sigpad.port"]
    assert result.status is Status.FAIL and "不存在" in result.summary


# --- printer and audio ------------------------------------------------------------------------------


def test_printer_ready_then_offline_and_a_test_page(tmp_path):
    printer = VirtualPrinter(tmp_path / "printed")
    worker = PrinterWorker(printer)
    try:
        assert _results(printer_checks(worker))["printer.status"].status is Status.OK
        outcome = print_test_page(worker, device_name="测试终端", county="示范县")
        assert outcome.printed and outcome.pdf.startswith(b"%PDF")
        assert list((tmp_path / "printed").glob("*.pdf"))
        printer.set_state(PrinterState.OFFLINE)
        offline = _results(printer_checks(worker))["printer.status"]
        assert offline.status is Status.FAIL and offline.details["state"] == "offline"
        assert not print_test_page(worker, device_name="测试终端", county="示范县").printed
    finally:
        worker.close()


def test_audio_prompt_renders_or_says_why_not(tmp_path):
    result = _results(audio_checks(sound_dir=tmp_path))["audio.tts"]
    assert result.status in (Status.OK, Status.WARN) and result.details["prompt_s"] > 0.3
    missing = _results(audio_checks(espeak="no-such-espeak"))["audio.tts"]
    assert missing.status is Status.FAIL and "未安装" in missing.summary
