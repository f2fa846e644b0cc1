"""Pure logic of sync: the wire protocol, backoff, the checkpoint rule, signatures, bundle checks."""

from __future__ import annotations

import random
import threading

import pytest

from sync import protocol, signing
from sync.client.backoff import Backoff, ManualClock
from sync.hub.receive import check_checkpoint
from sync.protocol import Batch, ChainLink, Checkpoint, ProtocolError, WireItem


def _item(txn="t" * 16):
    return WireItem(txn_id=txn, kind="application", service_code="S1", acceptance_no="SL1", created_at="x",
                    epoch_id="e", sealed=protocol.b64e(b"abc"))


def test_batch_round_trips_and_rejects_other_versions_and_unknown_fields():
    b = Batch(device_id="K1", batch_id="b" * 16, sent_at="now", items=(_item(),))
    raw = protocol.canonical_json(b.model_dump())
    assert protocol.parse(Batch, raw) == b
    with pytest.raises(ProtocolError, match="version"):
        protocol.parse(Batch, raw.replace(b'"v":1', b'"v":2'))
    with pytest.raises(ProtocolError, match="Extra inputs"):
        protocol.parse(Batch, raw.replace(b'"v":1', b'"v":1,"x":0'))
    with pytest.raises(ProtocolError, match="not JSON"):
        protocol.parse(Batch, raw[:-3])
    with pytest.raises(ProtocolError, match="txn_id"):
        protocol.parse(Batch, raw.replace(b"t" * 16, b"t/../x"))


def test_backoff_grows_caps_and_jitters_within_bounds():
    b = Backoff(1.0, 30.0, rng=random.Random(7))
    delays = [b.next_delay() for _ in range(12)]
    caps = [min(30.0, 2**n) for n in range(12)]
    assert all(c / 2 <= d <= c for d, c in zip(delays, caps, strict=True))
    assert max(delays) <= 30.0 and delays[-1] >= 15.0
    assert len(set(delays)) == len(delays)  # jittered, not a fixed ladder
    b.reset()
    assert b.next_delay() <= 1.0
    with pytest.raises(ValueError):
        Backoff(0, 1)


def test_backoff_survives_months_of_failures():
    b = Backoff(2.0, 300.0, failures=10_000)
    assert 150.0 <= b.next_delay() <= 300.0


def test_manual_clock_advances_only_by_waits_and_jumps():
    c = ManualClock(start=0)
    ev = threading.Event()
    assert c.wait(ev, 5) is False and c.monotonic() == 5
    c.jump(-3600)
    assert c.monotonic() == 5 - 3600 and c.waits == [5]


def _links(start, n, head="h0"):
    out, prev = [], head
    for s in range(start, start + n):
        out.append(ChainLink(seq=s, prev_hash=prev, hash=f"h{s}"))
        prev = f"h{s}"
    return tuple(out)


def _cp(seq, head, links=()):
    return Checkpoint(device_id="K1", seq=seq, head_hash=head, time="t", links=links)


def test_checkpoint_must_extend_the_last_one():
    assert check_checkpoint(0, "", _cp(3, "h3", _links(1, 3)))[0] == "ok"
    assert check_checkpoint(3, "h3", _cp(3, "h3"))[0] == "ok"  # a resend
    assert check_checkpoint(3, "h3", _cp(5, "h5", _links(4, 2, "h3")))[0] == "ok"
    assert check_checkpoint(3, "h3", _cp(2, "h2"))[1].startswith("checkpoint seq went back")
    assert check_checkpoint(3, "h3", _cp(3, "hX"))[0] == "flagged"
    assert "does not chain" in check_checkpoint(3, "h3", _cp(5, "h5", _links(4, 2, "hOTHER")))[1]
    assert "expected 2 chain links" in check_checkpoint(3, "h3", _cp(5, "h5", _links(4, 1, "h3")))[1]
    assert "new head" in check_checkpoint(3, "h3", _cp(5, "hX", _links(4, 2, "h3")))[1]
    gap = (ChainLink(seq=4, prev_hash="h3", hash="h4"), ChainLink(seq=6, prev_hash="h4", hash="h5"))
    assert "seq 6" in check_checkpoint(3, "h3", _cp(5, "h5", gap))[1]


@pytest.mark.parametrize("suite", signing.SUITES)
def test_signatures_verify_only_the_signed_bytes_with_the_right_key(suite):
    k, other = signing.generate(suite), signing.generate(suite)
    sig = k.sign(b"batch")
    assert signing.verify(suite, k.public_text, b"batch", sig)
    assert not signing.verify(suite, k.public_text, b"batcH", sig)
    assert not signing.verify(suite, other.public_text, b"batch", sig)
    assert not signing.verify(suite, "not a key", b"batch", sig)
    assert not signing.verify(suite, k.public_text, b"batch", sig[:-1])
