"""The same guarantees with PostgreSQL as the hub's store (a private server started by the tests),
plus what PostgreSQL is for: several stateless hub processes deduplicating through one database."""

from __future__ import annotations

import gzip
import threading

import pytest
import requests

from sync import protocol
from sync.client import sender
from tests.support.hub import HubProcess
from tests.sync.postgres import pg_bin, running_postgres
from tests.sync.rig import make_rig

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(pg_bin() is None, reason="postgresql not installed")]


@pytest.fixture(scope="module")
def pg():
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="module")
def hub(pg, tmp_path_factory):
    h = HubProcess(tmp_path_factory.mktemp("pghub"), db_url=pg.url)
    try:
        h.start()
        yield h
    finally:
        h.close()


@pytest.fixture
def rig(tmp_path, hub):
    r = make_rig(tmp_path, hub)
    try:
        yield r
    finally:
        r.close()


@pytest.mark.parametrize("fault", ["reset_after_commit", "html_502_after_commit", "truncate_reply", "timeout"])
def test_faults_after_the_hub_committed_do_not_duplicate_in_postgres(rig, fault):
    assert rig.hub_db.engine.dialect.name == "postgresql"
    ids = rig.add(10)
    rig.proxy.plan(fault, fault)
    total = rig.client(batch_max_items=5).drain()
    assert total.duplicate == 5
    rig.exactly_once(ids)


def test_hub_kill_9_and_restart_mid_drain(rig):
    ids = rig.add(15)
    rig.proxy.plan("pass", "reset_after_commit")
    done = []

    def on_progress(p):
        if p.online and not done:
            done.append(1)
            rig.hub.kill()
            rig.hub.start()

    from kiosk.events import EventHub, SyncProgress

    events = EventHub()
    events.subscribe(SyncProgress, on_progress)
    rig.client(batch_max_items=5, events=events).drain()
    assert done
    rig.exactly_once(ids)


def test_database_down_is_503_then_recovers(rig, pg):
    ids = rig.add(4)
    client = rig.client(timeout_s=10)
    pg.stop()
    try:
        with pytest.raises(sender.SyncFailure) as err:
            client.drain(max_rounds=1)
        assert err.value.message == sender.HUB_DOWN and "503" in err.value.detail
    finally:
        pg.start()
    rig.client().drain()
    rig.exactly_once(ids)


def test_two_hub_processes_race_on_one_batch_and_store_it_once(rig, hub):
    ids = rig.add(8)
    # capture one signed batch as the kiosk sent it, without letting it reach the hub
    rig.proxy.plan("reset_after_body")
    with pytest.raises(sender.SyncFailure):
        rig.client().drain(max_rounds=1)
    headers, body = rig.proxy.seen.bodies[-1]
    second = HubProcess(hub.folder, db_url=hub.db_url)  # same keys, same database, another process
    second.start()
    try:
        replies: list[dict] = []
        go = threading.Barrier(2)

        def post(url):
            go.wait(timeout=10)
            r = requests.post(f"{url}/v1/batches", data=body, verify=str(hub.cert_file), timeout=30,
                              headers={k: headers[k.lower()] for k in ("Content-Encoding", protocol.DEVICE_HEADER,
                                                                       protocol.SIGNATURE_HEADER)})
            replies.append(r.json())

        threads = [threading.Thread(target=post, args=(u,)) for u in (hub.url, second.url)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        second.close()
    assert len(replies) == 2
    statuses = [r["status"] for reply in replies for r in reply["receipts"]]
    assert statuses.count("accepted") == 8 and statuses.count("duplicate") == 8
    assert len(gzip.decompress(body)) > 0
    rig.client().drain()
    rig.exactly_once(ids)
