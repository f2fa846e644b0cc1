"""The signature model: strokes from samples, the quality checks, and the time-series record round trip."""

from __future__ import annotations

import json

import pytest

from kiosk.errors import UserFacingError
from kiosk.signature import (
    GLASS,
    CaptureDevice,
    SignatureBuilder,
    SignatureRecordError,
    bind_record,
    check_quality,
    from_normalised,
    from_record,
    quality_hint,
    to_record,
    verify_binding,
)

PAD = CaptureDevice(kind="pad", model="test pad", protocol="isdv4", max_x=24576, max_y=18432, max_pressure=1023,
                    points_per_mm=100, sample_rate_hz=133)


def _zigzag(builder: SignatureBuilder, *, strokes=3, points=20, dx=150, dy=40, dt=0.0075, t0=100.0):
    """Strokes of ``points`` samples, each 1.5 mm apart at 100 points/mm, then a lift."""
    t = t0
    for s in range(strokes):
        for i in range(points):
            builder.add(1000 + s * 4000 + i * dx, 5000 + (i % 4) * dy * 10, 200 + i * 10, True, t)
            t += dt
        builder.add(0, 0, 0, False, t)
        t += 0.1
    return builder.snapshot()


def test_builder_splits_strokes_at_lifts_and_times_from_the_first_sample():
    sig = _zigzag(SignatureBuilder(PAD))
    assert [len(s) for s in sig.strokes] == [20, 20, 20]
    assert sig.strokes[0][0].t_ms == 0.0
    assert sig.strokes[1][0].t_ms == pytest.approx(19 * 7.5 + 7.5 + 100, abs=0.01)
    assert sig.started_at.endswith("Z")
    assert "1000" not in repr(sig) and "3 strokes" in repr(sig)  # no points in logs


def test_clear_forgets_everything():
    builder = SignatureBuilder(PAD)
    _zigzag(builder)
    builder.clear()
    assert builder.snapshot().point_count == 0
    assert builder.snapshot().started_at == ""


def test_a_good_signature_passes():
    sig = _zigzag(SignatureBuilder(PAD))
    assert check_quality(sig) == []
    assert quality_hint(sig) == ""


def test_empty_signature_is_refused_in_plain_chinese():
    issues = check_quality(SignatureBuilder(PAD).snapshot())
    assert [i.code for i in issues] == ["empty"]
    assert "签名" in issues[0].hint


def test_too_few_points():
    sig = _zigzag(SignatureBuilder(PAD), strokes=1, points=8, dx=400, dt=0.05)
    assert [i.code for i in check_quality(sig)] == ["too_few_points"]
    assert quality_hint(sig) == "签名太短，请重新签名"


def test_too_fast():
    sig = _zigzag(SignatureBuilder(PAD), dt=0.0005, t0=0)
    sig = from_normalised([[[p.x / PAD.max_x, p.y / PAD.max_y, 0.0] for p in s] for s in sig.strokes], PAD)
    assert [i.code for i in check_quality(sig)] == ["too_fast"]


def test_too_small_in_millimetres_on_a_pad():
    sig = _zigzag(SignatureBuilder(PAD), strokes=1, points=30, dx=20, dt=0.02)  # 6 mm wide
    assert [i.code for i in check_quality(sig)] == ["too_small"]
    assert "写大一点" in quality_hint(sig)


def test_too_small_as_a_fraction_of_the_glass_box():
    tiny = [[[0.5 + i * 0.002, 0.5 + (i % 3) * 0.01, i * 20.0] for i in range(40)]]
    wide = [[[0.1 + i * 0.02, 0.5 + (i % 3) * 0.02, i * 20.0] for i in range(40)]]
    assert [i.code for i in check_quality(from_normalised(tiny))] == ["too_small"]
    assert check_quality(from_normalised(wide)) == []


def test_from_normalised_accepts_plain_ui_points():
    sig = from_normalised([[[0.1, 0.2], [0.3, 0.4]], [], [[0.5, 0.5]]], GLASS, interval_ms=10)
    assert [len(s) for s in sig.strokes] == [2, 1]
    assert [p.t_ms for s in sig.strokes for p in s] == [0.0, 10.0, 20.0]
    assert sig.normalised_strokes() == [[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.5]]]


def test_record_round_trip_keeps_every_channel_and_the_device():
    sig = _zigzag(SignatureBuilder(PAD))
    record = to_record(sig)
    back = from_record(record)
    assert back.strokes == sig.strokes
    assert back.device == PAD
    assert back.started_at == sig.started_at
    value = json.loads(record)
    assert value["channels"] == ["X", "Y", "T", "F", "S"]
    assert value["capture"]["points"] == 60
    assert value["data_hash"].startswith("sha256:")


def test_record_is_canonical():
    sig = _zigzag(SignatureBuilder(PAD))
    assert to_record(sig) == to_record(from_record(to_record(sig)))


def test_a_changed_sample_is_detected():
    value = json.loads(to_record(_zigzag(SignatureBuilder(PAD))))
    value["strokes"][0]["X"][3] += 1
    with pytest.raises(SignatureRecordError) as info:
        from_record(json.dumps(value).encode())
    assert isinstance(info.value, UserFacingError) and info.value.message == "签名数据已损坏，请重新签名"
    with pytest.raises(SignatureRecordError):
        from_record(b"\xff not json")


def test_binding_ties_the_record_to_one_transaction():
    record = to_record(_zigzag(SignatureBuilder(PAD)))
    assert not verify_binding(record, "sha256:aaaa")
    bound = bind_record(record, "sha256:aaaa")
    assert verify_binding(bound, "sha256:aaaa")
    assert not verify_binding(bound, "sha256:bbbb")
    assert verify_binding(to_record(from_record(record), bound_to="sha256:aaaa"), "sha256:aaaa")
    moved = json.loads(bound)
    moved["binding"]["transaction"] = "sha256:bbbb"  # re-pointing it without the hash fails
    assert not verify_binding(json.dumps(moved).encode(), "sha256:bbbb")
