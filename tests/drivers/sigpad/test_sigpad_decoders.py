"""The pure decoders: byte streams in, pen events out, for every protocol; junk never raises or inks."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.sigpad import isdv4, topaz, wacom4
from drivers.sigpad.base import PadCapabilities
from drivers.sigpad.protocols import PROTOCOLS, decoder_for

NAMES = sorted(PROTOCOLS)


def _samples(name: str, count: int = 60, seed: int = 1):
    """A wandering pen: (x, y, pressure, down) inside the protocol's default area."""
    caps = PROTOCOLS[name].default_capabilities
    rng = random.Random(seed)
    x, y = (caps.min_x + caps.max_x) // 2, (caps.min_y + caps.max_y) // 2
    out = []
    for i in range(count):
        x = min(max(x + rng.randint(-40, 40), caps.min_x), caps.max_x)
        y = min(max(y + rng.randint(-40, 40), caps.min_y), caps.max_y)
        down = (i // 15) % 2 == 1
        out.append((x, y, rng.randint(1, caps.max_pressure) if down else 0, down))
    return out


def _stream(name: str, samples) -> bytes:
    encode = PROTOCOLS[name].encode_pen
    return b"".join(encode(x, y, p, d) for x, y, p, d in samples)


def _expected(name: str, samples):
    caps = PROTOCOLS[name].default_capabilities
    if name == "topaz":  # binary pads: a down pen is full pressure
        return [(x, y, caps.max_pressure if d else 0, d) for x, y, _p, d in samples]
    return list(samples)


def _decoded(events):
    return [(e.x, e.y, e.pressure, e.down) for e in events]


@pytest.mark.parametrize("name", NAMES)
def test_every_packet_decodes_back(name):
    samples = _samples(name)
    events = decoder_for(name).feed(_stream(name, samples), 5.0)
    assert _decoded(events) == _expected(name, samples)
    assert all(e.t == 5.0 for e in events)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=40, deadline=None)
@given(cuts=st.lists(st.integers(min_value=0, max_value=600), max_size=30))
def test_packets_split_across_reads_decode_the_same(name, cuts):
    samples = _samples(name)
    data = _stream(name, samples)
    decoder = decoder_for(name)
    events, start = [], 0
    for cut in sorted(set(c for c in cuts if c < len(data))) + [len(data)]:
        events += decoder.feed(data[start:cut], 0.0)
        start = cut
    assert _decoded(events) == _expected(name, samples)


@pytest.mark.parametrize("name", NAMES)
def test_resynchronises_after_garbage(name):
    before, after = _samples(name, 30, seed=2), _samples(name, 30, seed=3)
    junk = random.Random(7).randbytes(301)
    events = decoder_for(name).feed(_stream(name, before) + junk + _stream(name, after), 0.0)
    decoded = _decoded(events)
    assert decoded[:30] == _expected(name, before)
    assert decoded[-30:] == _expected(name, after)
    assert len(decoded) == 60


@pytest.mark.parametrize("name", NAMES)
def test_random_garbage_never_raises_and_never_inks(name):
    decoder = decoder_for(name)
    rng = random.Random(name)
    events = []
    for _ in range(40):
        events += decoder.feed(rng.randbytes(rng.randint(1, 5000)), 0.0)
    assert [e for e in events if e.down] == []
    assert decoder.rejected_bytes > 20_000


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=200, deadline=None)
@given(junk=st.binary(max_size=400))
def test_fuzzed_bytes_never_raise_or_ink(name, junk):
    assert [e for e in decoder_for(name).feed(junk, 0.0) if e.down] == []


def test_isdv4_reads_maxima_from_the_query_reply():
    caps = PadCapabilities(max_x=26202, max_y=16325, max_pressure=255)
    decoder = decoder_for("isdv4")
    assert decoder.feed(b"\x13junk" + isdv4.encode_capabilities(caps), 0.0) == []
    assert decoder.capabilities_reported
    got = decoder.capabilities
    assert (got.max_x, got.max_y, got.max_pressure) == (26202, 16325, 255)
    assert got.model == "ISDV4 v1.23"


def test_isdv4_ignores_touch_packets_and_keeps_the_pen():
    samples = _samples("isdv4", 10)
    touch = bytes((0x91, 1, 2, 3, 4))
    events = decoder_for("isdv4").feed(_stream("isdv4", samples[:5]) + touch + _stream("isdv4", samples[5:]), 0)
    assert _decoded(events) == samples


def test_isdv4_scales_to_the_reported_area():
    caps = PadCapabilities(max_x=1000, max_y=500, max_pressure=255)
    assert caps.normalise(500, 500) == (0.5, 1.0)
    assert caps.normalise(2000, -3) == (1.0, 0.0)  # clamped


def test_wacom4_ascii_replies_set_model_and_maxima():
    decoder = decoder_for("wacom4")
    caps = PadCapabilities(max_x=21136, max_y=15900, max_pressure=511)
    samples = [(15000, 12000, 300, True), (15010, 12004, 310, True)]
    data = wacom4.encode_model("CT-0405-R,V1.3-5") + wacom4.encode_capabilities(caps) + _stream("wacom4", samples)
    events = decoder.feed(data[:5], 0.0) + decoder.feed(data[5:], 0.0)
    assert decoder.model_reported == "CT-0405-R,V1.3-5"
    assert (decoder.capabilities.max_x, decoder.capabilities.max_y) == (21136, 15900)
    assert _decoded(events) == samples  # beyond the default area: only valid after the ~C reply


def test_topaz_drops_fillers_and_uses_pressure_packets():
    samples = [(1000 + i, 1000 + i, 0, i >= 2) for i in range(6)]
    filler = bytes((0x80, 0x7F, 0x1F, 0x7F, 0x1F))
    pressure = bytes((0x80 | 7 << 2, 0, 0, 300 & 0x7F, 300 >> 7))
    data = filler + _stream("topaz", samples[:2]) + pressure + _stream("topaz", samples[2:])
    assert _decoded(decoder_for("topaz").feed(data, 0.0)) == [(x, y, 300 if d else 0, d) for x, y, _p, d in samples]
    assert topaz.FILLER == 0x0FFF


def test_hanvon_skips_marked_packets():
    samples = _samples("hanvon", 8)
    marked = bytes((0x90, 1, 1, 1, 1, 1, 1))
    events = decoder_for("hanvon").feed(_stream("hanvon", samples[:4]) + marked + _stream("hanvon", samples[4:]), 0)
    assert _decoded(events) == samples
