"""`make demo`'s county hub: a real hub process on loopback, the kiosk enrolled to it, bundles fetched, and the
network switch really closing the port."""

import json
import socket

import pytest

from ui.demo_hub import DemoHub, enrol_demo_kiosk


def _refused(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.timeout(240)
def test_demo_hub_enrols_the_kiosk_and_goes_down_and_up(tmp_path):
    hub = DemoHub(tmp_path / "hub", port=0)
    hub.start()
    try:
        data_dir = tmp_path / "kiosk"
        enrol_demo_kiosk(hub, data_dir, "intl")
        devices = hub.cli("devices", "list")
        assert "示范村" in devices
        current = json.loads((data_dir / "bundles" / "catalog" / "current.json").read_text(encoding="utf-8"))
        assert current["version"] >= 1  # the signed catalog bundle arrived before the app starts
        port = hub.port
        hub.stop()
        assert _refused(port)  # 断开网络: nothing listens any more
        hub.start()
        assert hub.port == port and not _refused(port)
        enrol_demo_kiosk(hub, data_dir, "intl")  # same address: no second enrolment
        assert hub.cli("devices", "list").count("示范村") == 1
    finally:
        hub.stop()


@pytest.mark.timeout(240)
def test_demo_third_generation_card_through_the_demo_hub(tmp_path):
    from kiosk.events import EventHub
    from tests.drivers.card.conftest import EventLog
    from ui.demo import DemoRig

    hub = DemoHub(tmp_path / "hub", port=0)
    hub.start()
    rig = None
    try:
        data_dir = tmp_path / "kiosk"
        enrol_demo_kiosk(hub, data_dir, "intl")
        events = EventHub()
        log = EventLog(events)
        rig = DemoRig(data_dir, events=events)
        rig.hub = hub
        rig.insert_card("v3")
        holder = log.wait_for("CardInserted").holder
        assert holder.name == "刘秀英" and holder.identity_confirmed  # step 2 done with the hub's cryptogram
        rig.remove_card()
        log.wait_for("CardRemoved")
        rig.set_network(False)  # the demo panel's switch: the hub's port closes
        assert not hub.running
        rig.insert_card("v3")
        holder = log.wait_for("CardInserted", 2).holder
        assert not holder.identity_confirmed and holder.card_number == "C11223344"
    finally:
        if rig is not None:
            rig.close()
        hub.stop()
