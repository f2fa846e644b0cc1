"""The fault suite: a real hub on loopback, our fault proxy in between, and after every fault the same
ending — every application at the hub exactly once (0 lost, 0 duplicated) and acknowledged at the kiosk.

Backoff runs on a ManualClock, so no test waits through a real retry delay; only the faults that are
about slowness (timeouts, drip) spend real time, bounded by a 1.5 s client timeout.
"""

from __future__ import annotations

import gzip
import os
import signal
import sqlite3
import subprocess
import sys
import threading

import pytest
import requests

from kiosk.errors import StorageFull
from kiosk.events import EventHub, SyncProgress
from kiosk.keys import load_device_keys
from kiosk.store import DB_FILE, Store
from sync import protocol, signing
from sync.client import sender
from tests.support.hub import REPO
from tests.sync.rig import make_rig


@pytest.fixture
def rig(tmp_path, hub):
    r = make_rig(tmp_path, hub)
    try:
        yield r
    finally:
        r.close()


PROXY_FAULTS = {
    # fault: the plain-Chinese reason the clerk sees while it lasts
    "reset_before_body": sender.OFFLINE,
    "reset_after_body": sender.OFFLINE,
    "reset_after_commit": sender.OFFLINE,
    "timeout": sender.SLOW,
    "hang_before_forward": sender.SLOW,
    "html_500": sender.HUB_DOWN,
    "html_502_after_commit": sender.HUB_DOWN,
    "html_503": sender.HUB_DOWN,
    "truncate_reply": sender.OFFLINE,
    "corrupt_reply": sender.HUB_DOWN,
    "tamper_request": sender.SLOW,
}


@pytest.mark.parametrize("fault", sorted(PROXY_FAULTS))
def test_each_network_fault_ends_with_every_item_exactly_once(rig, fault):
    ids = rig.add(12)
    rig.proxy.plan("pass", fault, fault)  # the second batch hits the fault twice in a row
    events = EventHub()
    progress: list[SyncProgress] = []
    events.subscribe(SyncProgress, progress.append)
    client = rig.client(batch_max_items=5, events=events)
    total = client.drain()
    rig.exactly_once(ids)
    assert rig.proxy.pending() == 0
    assert [f for _m, _p, f in rig.proxy.seen.requests].count(fault) == 2
    assert len(rig.clock.waits) == 2 and rig.clock.waits[1] > rig.clock.waits[0] * 0.5  # backed off, twice
    offline = [p for p in progress if not p.online]
    assert [p.reason for p in offline] == [PROXY_FAULTS[fault]] * 2
    assert progress[-1].online and progress[-1].sent == progress[-1].total == 12
    assert total.accepted + total.duplicate == 12
    if fault in ("reset_after_commit", "html_502_after_commit", "timeout", "truncate_reply", "corrupt_reply"):
        assert total.duplicate == 5  # the hub had committed; the resend was answered "duplicate"


@pytest.mark.parametrize("fault", ["reset_after_commit", "html_503", "corrupt_reply"])
def test_pipelined_sender_with_faults_still_delivers_exactly_once(rig, fault):
    ids = rig.add(20)
    rig.proxy.plan("pass", fault)
    client = rig.client(batch_max_items=4)
    client.window = 3  # three batches in flight on three connections
    client.drain()
    rig.exactly_once(ids)
    assert len(rig.clock.waits) == 1 and len(rig.proxy._threads) >= 2


def test_slow_drip_reply_still_completes(rig):
    ids = rig.add(6)
    rig.proxy.plan("drip", "drip")
    rig.client().drain()
    rig.exactly_once(ids)
    assert rig.clock.waits == []  # slow, but never a failure


def test_connection_refused_then_recovers(rig):
    ids = rig.add(4)
    dead = rig.hub.sock.getsockname()  # a port we know: closed listener on a fresh socket
    import socket

    s = socket.create_server(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with pytest.raises(sender.SyncFailure) as err:
        rig.client(url=f"https://127.0.0.1:{port}").drain(max_rounds=3)
    assert err.value.message == sender.OFFLINE and dead
    assert len(rig.clock.waits) == 3
    rig.client().drain()
    rig.exactly_once(ids)


def test_hub_restart_mid_batch(rig):
    ids = rig.add(20)
    events = EventHub()
    restarted = threading.Event()

    def restart_once(p: SyncProgress) -> None:
        if p.online and not restarted.is_set():
            restarted.set()
            rig.hub.kill()  # kill -9 the hub between two batches of one drain
            rig.hub.start()

    events.subscribe(SyncProgress, restart_once)
    rig.proxy.plan("pass", "reset_after_commit")
    rig.client(batch_max_items=5, events=events).drain()
    assert restarted.is_set()
    rig.exactly_once(ids)


def test_hub_database_locked_answers_503_then_recovers(rig):
    ids = rig.add(5)
    lock = sqlite3.connect(rig.hub.folder / "hub.db", isolation_level=None, timeout=5)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sender.SyncFailure) as err:
            rig.client(timeout_s=8).drain(max_rounds=1)  # longer than the hub's 2 s busy timeout
        assert err.value.message == sender.HUB_DOWN and "503" in err.value.detail
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    rig.client().drain()
    rig.exactly_once(ids)


def test_revoked_device_stops_with_a_clear_reason_and_loses_nothing(rig):
    ids = rig.add(5)
    rig.hub.cli("devices", "revoke", rig.state.device_id)
    client = rig.client()
    with pytest.raises(sender.SyncFailure) as err:
        client.drain()
    assert err.value.message == "设备证书已失效，请联系管理员" and not err.value.retry
    assert client.status.halted and rig.outbox.stats().counts["sent"] == 5
    # the county re-enrols the same kiosk; everything then arrives
    from sync.client import identity

    identity.enrol(rig.data_dir, rig.hub.url, rig.hub.token("示范村"), "intl")
    rig.client().drain()
    rig.exactly_once(ids)


def test_replayed_batch_is_answered_duplicate_and_stores_nothing_new(rig):
    ids = rig.add(5)
    rig.client().drain()
    headers, body = rig.proxy.seen.bodies[0]
    r = requests.post(f"{rig.hub.url}/v1/batches", data=body, verify=str(rig.hub.cert_file), timeout=10,
                      headers={k: headers[k.lower()] for k in ("Content-Encoding", protocol.DEVICE_HEADER,
                                                               protocol.SIGNATURE_HEADER)})
    assert r.status_code == 200
    assert {x["status"] for x in r.json()["receipts"]} == {"duplicate"}
    rig.exactly_once(ids)


def test_forged_device_signature_is_refused(rig):
    ids = rig.add(3)
    forger = signing.generate("intl")
    with pytest.raises(sender.SyncFailure) as err:
        rig.client(signer=forger).drain(max_rounds=2)
    assert "401" in err.value.detail and rig.hub_txn_ids() == []
    rig.client().drain()
    rig.exactly_once(ids)


def test_item_tampered_on_the_kiosk_is_rejected_with_a_reason_and_the_rest_arrive(rig):
    ids = rig.add(4)
    rig.corrupt(ids[1])
    total = rig.client().drain()
    assert total.rejected == 1 and total.accepted == 3
    assert sorted(rig.hub_txn_ids()) == sorted(ids[:1] + ids[2:])
    assert "无法解密" in rig.reason(ids[1])
    counts = rig.outbox.stats().counts
    assert (counts["acknowledged"], counts["rejected"], counts["queued"], counts["sent"]) == (3, 1, 0, 0)


def test_clock_jumps_do_not_break_backoff_or_delivery(rig):
    ids = rig.add(8)
    rig.proxy.plan("html_503", "html_503", "html_503")
    rig.clock.jump(-10 * 365 * 86400)  # the RTC lost its battery
    client = rig.client(batch_max_items=4)
    client.drain()
    rig.clock.jump(+20 * 365 * 86400)
    more = rig.add(4)
    client.drain()
    rig.exactly_once(ids + more)
    assert all(0 < w <= 60 for w in rig.clock.waits) and len(rig.clock.waits) == 3


def test_full_kiosk_disk_when_recording_receipts(rig):
    ids = rig.add(5)
    disk = DiskFullOnce(rig.outbox)
    total = rig.client(outbox=disk).drain()
    assert disk.raised
    assert total.duplicate == 5  # the hub had them; the resend acknowledged them
    rig.exactly_once(ids)


class DiskFullOnce:
    """The real store, except that recording the first receipts hits a full disk."""

    def __init__(self, store):
        self.store, self.raised = store, False

    def claim_batch(self, *a):
        return self.store.claim_batch(*a)

    def stats(self):
        return self.store.stats()

    def apply_receipts(self, receipts):
        if not self.raised:
            self.raised = True
            raise StorageFull(detail="ENOSPC (injected)")
        return self.store.apply_receipts(receipts)


CHILD = r"""
import sys
from pathlib import Path
from sync.client import identity
from sync.client.sender import HubLink, SyncClient
from kiosk.keys import load_device_keys
from kiosk.store import DB_FILE, Store
data_dir, url, ca = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
state = identity.load_state(data_dir)
keys = load_device_keys(data_dir)
outbox = Store.open(data_dir / DB_FILE, suite=keys.suite, keys=keys, config=None)
link = HubLink(url, ca, state.device_id, identity.device_signer(data_dir), timeout_s=60)
print("sending", flush=True)
SyncClient(outbox, link, batch_max_items=5).drain()
"""


def test_kill_9_of_the_kiosk_mid_sync_then_resume(rig):
    ids = rig.add(15)
    rig.outbox.close()  # the kiosk process below owns the store now
    rig.proxy.plan("pass", "timeout")  # the 2nd batch is committed at the hub, its reply held back
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(rig.data_dir), rig.proxy.url,
                              str(rig.data_dir / "keys" / "hub-cert.pem")], stdout=subprocess.PIPE, text=True,
                             cwd=REPO)
    try:
        assert child.stdout.readline().strip() == "sending"
        deadline = threading.Event()
        for _ in range(200):  # wait until the proxy has forwarded the held batch (bounded, by condition)
            if len(rig.proxy.seen.requests) >= 2 and len(rig.hub_txn_ids()) == 10:
                break
            deadline.wait(0.05)
        assert len(rig.hub_txn_ids()) == 10
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
    rig.outbox.close()  # "reboot" the kiosk: reopen the store the killed process was using
    keys = load_device_keys(rig.data_dir)
    rig.outbox = Store.open(rig.data_dir / DB_FILE, suite=keys.suite, keys=keys, config=None)
    assert rig.outbox.stats().counts.get("sent", 0) == 5  # claimed, no receipt: will be resent
    total = rig.client().drain()
    assert total.duplicate == 5 and total.accepted == 5
    rig.exactly_once(ids)


def test_signed_body_is_gzip_and_connections_are_reused(rig):
    ids = rig.add(30)
    rig.client(batch_max_items=5).drain()
    rig.exactly_once(ids)
    bodies = [gzip.decompress(b) for _h, b in rig.proxy.seen.bodies]
    # six batches of items, then one with only the audit checkpoint that covers their receipts
    assert [body.count(b'"txn_id"') for body in bodies] == [5] * 6 + [0]
    assert all(h.get("content-encoding") == "gzip" for h, _b in rig.proxy.seen.bodies)
    assert len(rig.proxy._threads) == 1  # one keep-alive connection carried all seven batches


def test_background_sender_thread_delivers_after_an_outage_and_stops(rig):
    ids = rig.add(6)
    rig.proxy.plan("html_503")
    events = EventHub()
    delivered = threading.Event()
    names: list[str] = []

    def on_progress(p: SyncProgress) -> None:
        names.append(threading.current_thread().name)
        if p.online and p.sent == p.total == 6:
            delivered.set()

    events.subscribe(SyncProgress, on_progress)
    client = rig.client(events=events)
    client.start()
    try:
        assert delivered.wait(30), client.status
    finally:
        client.stop()
    assert set(names) == {"sync-sender"} and client._thread is None
    assert client.status.failures == 1 and rig.clock.waits  # backed off once on the manual clock
    rig.exactly_once(ids)
