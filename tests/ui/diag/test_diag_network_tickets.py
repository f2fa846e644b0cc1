"""Network checks and fault tickets against a real hub on loopback (tests/support/hub.py).

End to end: ``kiosk ticket create`` queues a sealed TICKET item, the sync client sends it, and
``kiosk-hub tickets list`` shows it by village and state; the technician at the county moves it on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import socket
import subprocess
import sys

import pytest

from kiosk.diag import Status, run_checks
from kiosk.keys import load_device_keys
from kiosk.store import DB_FILE, Store
from sync.client import identity
from sync.client.sender import SyncClient
from sync.client.store_link import StoreCheckpoints
from sync.hub.storage import HubDB
from sync.hub.tickets import TicketBook, TicketError
from tests.support.hub import running_hub
from tests.ui.diag.diag_kit import make_data_dir
from ui.diag.network_checks import links_up, network_checks

KIOSK = [sys.executable, "-m", "kiosk.cli.main"]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    with running_hub(tmp_path_factory.mktemp("hub")) as h:
        yield h


@pytest.fixture
def enrolled(tmp_path, hub):
    data_dir = make_data_dir(tmp_path)
    identity.enrol(data_dir, hub.url, hub.token("示范村"), "intl")
    return data_dir


def _kiosk(data_dir, *args) -> subprocess.CompletedProcess:
    return subprocess.run([*KIOSK, "--data-dir", str(data_dir), *args], capture_output=True, text=True, timeout=120)


def _by_id(checks):
    return {r.check_id: r for r in run_checks(checks).results}


def test_links_up_ignores_loopback_and_down_links():
    assert links_up({"lo": "unknown", "eth0": "down", "wlan0": "up", "tun0": "unknown"}) == ["tun0", "wlan0"]
    assert links_up({"lo": "up", "eth0": "down"}) == []


def test_hub_reachable_with_rtt_throughput_and_certificate_expiry(enrolled):
    results = _by_id(network_checks(enrolled, operstates=lambda: {"eth0": "up"}))
    assert results["sync.link"].status is Status.OK
    hub_result = results["sync.hub"]
    assert hub_result.status is Status.OK, hub_result
    assert 0 < hub_result.details["rtt_ms"] < 5000 and hub_result.details["samples"] == 3
    assert results["sync.throughput"].status is Status.OK and results["sync.throughput"].details["bytes"] > 100
    # the hub's self-signed certificate: compare with what the file says, from two clocks
    days = results["sync.tls"].details["days_left"]
    assert days > 30 and results["sync.tls"].status is Status.OK
    late = _by_id(network_checks(enrolled, operstates=lambda: {"eth0": "up"},
                                 now=lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=days + 1)))
    assert late["sync.tls"].status is Status.FAIL and late["sync.tls"].summary == "县平台证书已过期"


def test_hub_unreachable_and_link_down_fail_in_plain_chinese(enrolled):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: connection refused, as when the county's server is down
    state = identity.load_state(enrolled)
    identity.save_state(enrolled, dataclasses.replace(state, hub_url=f"https://127.0.0.1:{port}"))
    results = _by_id(network_checks(enrolled, operstates=lambda: {"lo": "unknown", "eth0": "down"}, timeout_s=2))
    assert results["sync.link"].status is Status.FAIL and "网络未连接" in results["sync.link"].summary
    assert results["sync.hub"].status is Status.FAIL and results["sync.hub"].summary == "无法连接县平台"
    assert results["sync.throughput"].status is Status.FAIL


def test_a_ticket_reaches_the_hub_and_is_listed_by_village_and_state(enrolled, hub):
    made = _kiosk(enrolled, "ticket", "create", "--device", "camera", "--symptom", "画面全黑", "--technician", "tech1")
    assert made.returncode == 0, made.stderr
    ticket_no = made.stdout.split("编号 ")[1].split("，")[0]
    listed = _kiosk(enrolled, "ticket", "list")
    assert ticket_no in listed.stdout and "TICKET-camera" in listed.stdout and "queued" in listed.stdout

    keys = load_device_keys(enrolled)
    state = identity.load_state(enrolled)
    with Store.open(enrolled / DB_FILE, suite=keys.suite, keys=keys, config=None) as store:
        link = identity.HubLink(url=state.hub_url, ca_file=str(identity.keys_dir(enrolled) / "hub-cert.pem"),
                                device_id=state.device_id, signer=identity.device_signer(enrolled), timeout_s=10)
        client = SyncClient(store, link, checkpoints=StoreCheckpoints(store))
        result = client.drain(max_rounds=5)
        assert result.accepted == 1, result
        assert store.stats().counts.get("acknowledged") == 1

    rows = [json.loads(line) for line in hub.cli("tickets", "list", "--village", "示范村", "--json").stdout.splitlines()]
    mine = [r for r in rows if r["acceptance_no"] == ticket_no]
    assert len(mine) == 1
    ticket = mine[0]
    assert (ticket["state"], ticket["device"], ticket["symptom"], ticket["village"]) == ("open", "camera", "画面全黑",
                                                                                          "示范村")
    camera_checks = [c for c in ticket["report"]["checks"] if c["check_id"] == "camera.frames"]
    assert camera_checks and camera_checks[0]["status"] == "ok"  # the virtual camera worked when it was filed
    assert ticket_no in hub.cli("tickets", "set", ticket_no, "acknowledged", "--note", "已派人").stdout

    # the rest through the same code in-process (each hub CLI run costs seconds of imports)
    book = TicketBook(HubDB(f"sqlite:///{hub.folder / 'hub.db'}"))
    try:
        assert book.list(village="另一个村") == []
        assert ticket_no not in [t["acceptance_no"] for t in book.list(state="open")]
        acked = [t for t in book.list(village="示范村", state="acknowledged") if t["acceptance_no"] == ticket_no]
        assert acked and acked[0]["note"] == "已派人"
        assert book.set_state(ticket_no, "fixed")["state"] == "fixed"
        assert [t["state"] for t in book.list() if t["acceptance_no"] == ticket_no] == ["fixed"]
        with pytest.raises(TicketError, match="no ticket"):
            book.set_state("NO-SUCH-TICKET", "fixed")
        with pytest.raises(TicketError, match="state must be"):
            book.set_state(ticket_no, "closed")
    finally:
        book.db.close()
