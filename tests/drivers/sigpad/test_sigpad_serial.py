"""The serial driver through a real pty, with the emulator speaking each protocol byte for byte."""

from __future__ import annotations

import math
import random

import pytest

from drivers.sigpad.base import PadCapabilities, SigpadState
from drivers.sigpad.protocols import PROTOCOLS
from drivers.sigpad.scribble import name_strokes
from drivers.sigpad.serial_pad import SerialSigpad
from kiosk.config.schema import SigpadSection
from kiosk.signature import QualityRules, check_quality, from_record

NAMES = sorted(PROTOCOLS)


def _pad(emu, events, pads, protocol=None, **kwargs):
    section = SigpadSection(port=emu.path, protocol=protocol or emu.protocol, reopen_interval_s=0.05, **kwargs)
    pad = SerialSigpad(section, events)
    pads.append(pad)
    return pad


def _wait_points(pad, watcher, count, timeout=20.0):
    return watcher.wait(lambda: pad.signature().point_count >= count, timeout)


def _expected_points(name, emu):
    return sum(len(s) for s in name_strokes(name, rate_hz=emu.rate_hz))


@pytest.mark.parametrize("protocol", NAMES)
def test_captures_a_signature_through_the_pty(protocol, emulator, events, watcher, pads):
    emu = emulator(protocol)
    pad = _pad(emu, events, pads)
    pad.listen(watcher.poke)
    pad.start(watcher.on_pen)
    watcher.wait_state("capturing")
    assert emu.host_baud() == PROTOCOLS[protocol].baud
    emu.sign("张三丰")
    expected = name_strokes("张三丰", rate_hz=emu.rate_hz)
    assert _wait_points(pad, watcher, sum(map(len, expected)))
    assert emu.drain()
    assert watcher.wait(lambda: watcher.pen and not watcher.pen[-1][2])  # the last lift reached the UI
    signature = pad.signature()
    got = signature.normalised_strokes()
    assert [len(s) for s in got] == [len(s) for s in expected]
    worst = max(math.dist(g, (e.x, e.y)) for gs, es in zip(got, expected, strict=True)
                for g, e in zip(gs, es, strict=True))
    assert worst < 0.002  # only the pad's integer grid between what was drawn and what came back
    assert check_quality(signature, QualityRules(min_duration_ms=300 * emu.time_scale)) == []
    assert sum(1 for *_xy, down in watcher.pen if down) == signature.point_count
    assert from_record(pad.record()).device.protocol == protocol


def test_split_packets_and_junk_lose_no_ink(emulator, events, watcher, pads):
    emu = emulator("isdv4")
    emu.split_packets = True
    pad = _pad(emu, events, pads)
    pad.listen(watcher.poke)
    pad.start(watcher.on_pen)
    watcher.wait_state("capturing")
    emu.send_raw(random.Random(3).randbytes(500))
    emu.sign("李四")
    emu.send_raw(random.Random(4).randbytes(500))
    expected = name_strokes("李四", rate_hz=emu.rate_hz)
    assert _wait_points(pad, watcher, sum(map(len, expected)))
    assert emu.drain()
    assert [len(s) for s in pad.signature().strokes] == [len(s) for s in expected]


def test_reads_the_capabilities_the_pad_reports(emulator, events, watcher, pads):
    caps = PadCapabilities(max_x=30000, max_y=20000, max_pressure=255, points_per_mm=100)
    emu = emulator("isdv4", capabilities=caps)
    pad = _pad(emu, events, pads)
    pad.start(watcher.on_pen)
    watcher.wait_state("capturing")
    assert (pad.capabilities.max_x, pad.capabilities.max_y, pad.capabilities.max_pressure) == (30000, 20000, 255)
    assert emu.commands[:2] == [b"0", b"*"]  # stop, then the query, before anything else


@pytest.mark.parametrize("expect", ["isdv4", "wacom4"])
def test_auto_probe_recognises_pads_that_answer(expect, emulator, events, watcher, pads):
    emu = emulator(expect)
    pad = _pad(emu, events, pads, protocol="auto")
    pad.start(watcher.on_pen)
    watcher.wait_state("capturing")
    assert pad.protocol == expect
    assert emu.host_baud() == PROTOCOLS[expect].baud


def test_a_silent_pad_is_reported_in_plain_chinese(emulator, events, watcher, pads):
    emu = emulator("isdv4")
    emu.silent = True
    pad = _pad(emu, events, pads)
    pad.open()
    state = watcher.wait_state("silent")
    assert "签名板" in state.message
    assert not pad.ok


def test_a_missing_port_is_disconnected_not_a_crash(tmp_path, events, watcher, pads):
    pad = SerialSigpad(SigpadSection(port=str(tmp_path / "nothing"), protocol="isdv4", reopen_interval_s=0.05),
                       events)
    pads.append(pad)
    pad.start(watcher.on_pen)
    state = watcher.wait_state("disconnected")
    assert state.message.startswith("签名板未连接")
    assert pad.state is SigpadState.DISCONNECTED


@pytest.mark.parametrize("protocol", ["isdv4", "topaz"])
def test_unplug_and_replug_resumes_the_capture(protocol, emulator, events, watcher, pads):
    emu = emulator(protocol)
    pad = _pad(emu, events, pads)
    pad.listen(watcher.poke)
    pad.start(watcher.on_pen)
    watcher.wait_state("capturing")
    emu.sign("王")
    first = _expected_points("王", emu)
    assert _wait_points(pad, watcher, first)
    mark = len(watcher.states)
    emu.hang_up()
    watcher.wait_state("disconnected", after=mark)
    assert not pad.ok
    emu.plug_in()
    watcher.wait_state("capturing", after=mark)
    if PROTOCOLS[protocol].start:
        assert emu.wait_for_command(PROTOCOLS[protocol].start, count=2)  # capture restarted on the new port
        assert emu.commands.count(PROTOCOLS[protocol].start) == 2
    emu.sign("五")
    assert _wait_points(pad, watcher, first + _expected_points("五", emu))
    assert pad.signature().point_count == first + _expected_points("五", emu)


def test_stop_sends_the_stop_command_and_no_more_ink(emulator, events, watcher, pads):
    emu = emulator("wacom4")
    pad = _pad(emu, events, pads)
    pad.start(watcher.on_pen)
    watcher.wait_state("capturing")
    pad.stop()
    watcher.wait_state("ready", after=2)
    assert emu.wait_for_command(b"SP\r", count=2)  # the first came with the probe
    emu.sign("赵")
    assert not emu.drain(timeout=0.3)  # a pad told to stop sends nothing: the emulator holds the packets
    assert pad.signature().point_count == 0
    assert not [p for p in watcher.pen if p[2]]


def test_a_recorded_signature_replays_on_another_protocol(emulator, events, watcher, pads):
    first = emulator("isdv4")
    pad = _pad(first, events, pads)
    pad.listen(watcher.poke)
    pad.start(watcher.on_pen)
    watcher.wait_state("capturing")
    first.sign("孙")
    assert _wait_points(pad, watcher, _expected_points("孙", first))
    recorded = from_record(pad.record())
    pad.close()

    second = emulator("hanvon")
    other = _pad(second, events, pads)
    other.listen(watcher.poke)
    mark = len(watcher.states)
    other.start(watcher.on_pen)
    watcher.wait_state("capturing", after=mark)
    second.replay(recorded)
    assert _wait_points(other, watcher, recorded.point_count)
    replayed = other.signature()
    assert [len(s) for s in replayed.strokes] == [len(s) for s in recorded.strokes]
    worst = max(math.dist(a, b) for sa, sb in zip(replayed.normalised_strokes(), recorded.normalised_strokes(),
                                                  strict=True) for a, b in zip(sa, sb, strict=True))
    assert worst < 0.002


def test_auto_probe_asks_for_the_protocol_when_no_pad_answers(emulator, events, watcher, pads):
    emu = emulator("hanvon")  # streams, never answers a query
    pad = _pad(emu, events, pads, protocol="auto")
    pad.open()
    state = watcher.wait_state("silent")
    assert state.message == "签名板型号无法识别，请工作人员在设置中选择签名板协议"
    sent = b"".join(emu.commands)
    assert b"*" in sent and b"~#\r" in sent  # it tried both query protocols
