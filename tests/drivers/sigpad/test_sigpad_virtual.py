"""The virtual pad the demo panel and diagnostics drive: same Protocol, no port."""

from __future__ import annotations

from drivers.sigpad.base import Sigpad, SigpadState
from drivers.sigpad.scribble import name_strokes
from drivers.sigpad.serial_pad import SerialSigpad
from drivers.sigpad.service import make_sigpad
from drivers.sigpad.virtual import RATE_HZ, VirtualSigpad
from kiosk.config.schema import SigpadSection
from kiosk.signature import QualityRules, check_quality, from_record


def _pad(events, pads):
    pad = VirtualSigpad(events, time_scale=0.02)
    pads.append(pad)
    return pad


def test_both_pads_satisfy_the_protocol(events, tmp_path):
    assert isinstance(VirtualSigpad(events), Sigpad)
    assert isinstance(SerialSigpad(SigpadSection(port=str(tmp_path / "none")), events), Sigpad)


def test_signs_a_generated_name(events, watcher, pads):
    pad = _pad(events, pads)
    pad.start(watcher.on_pen)
    watcher.wait_state("capturing")
    pad.sign("欧阳娜娜")
    assert pad.wait_idle()
    expected = name_strokes("欧阳娜娜", rate_hz=RATE_HZ)
    signature = pad.signature()
    assert [len(s) for s in signature.strokes] == [len(s) for s in expected]
    assert check_quality(signature, QualityRules(min_duration_ms=300 * pad.time_scale)) == []
    assert sum(1 for *_xy, down in watcher.pen if down) == signature.point_count
    assert from_record(pad.record()).strokes == signature.strokes
    pad.clear()
    assert pad.signature().point_count == 0


def test_silent_pad_writes_nothing(events, watcher, pads):
    pad = _pad(events, pads)
    pad.start(watcher.on_pen)
    pad.go_silent()
    assert watcher.wait_state("silent").message
    pad.sign("张三")
    assert pad.wait_idle()
    assert pad.signature().point_count == 0
    pad.go_silent(False)
    watcher.wait_state("capturing", after=2)
    assert pad.ok


def test_unplug_is_reported_and_plug_in_resumes(events, watcher, pads):
    pad = _pad(events, pads)
    pad.start(watcher.on_pen)
    mark = len(watcher.states)
    pad.unplug()
    state = watcher.wait_state("disconnected", after=mark)
    assert state.message.startswith("签名板未连接")
    assert pad.state is SigpadState.DISCONNECTED and not pad.ok
    pad.plug_in()
    watcher.wait_state("capturing", after=mark + 1)
    pad.sign("李")
    assert pad.wait_idle()
    assert pad.signature().point_count == sum(len(s) for s in name_strokes("李", rate_hz=RATE_HZ))


def test_the_config_picks_the_pad(events):
    assert isinstance(make_sigpad(SigpadSection(driver="serial"), events), SerialSigpad)
    assert isinstance(make_sigpad(SigpadSection(driver="virtual"), events), VirtualSigpad)
    assert make_sigpad(SigpadSection(driver="glass"), events) is None


def test_virtual_pad_reports_its_ranges_for_diagnostics(events):
    pad = VirtualSigpad(events)
    assert pad.protocol == "virtual"
    assert pad.capabilities.max_pressure == 1023 and pad.capabilities.points_per_mm == 100
