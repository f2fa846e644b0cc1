"""The demo rig: a third-generation card shows its holder after the (in-process) county round trip; with
the network cut, the fallback holder and the bridge's one plain sentence."""

from __future__ import annotations

import pytest

from kiosk.events import EventHub
from tests.drivers.card.conftest import EventLog


@pytest.fixture
def demo(qtbot, tmp_path):
    from ui.bridges.card import CardBridge
    from ui.demo import DemoRig

    events = EventHub()
    rig = DemoRig(tmp_path / "data", events=events)
    bridge = CardBridge(rig.card, events)
    yield rig, EventLog(events), bridge
    bridge.close()
    rig.close()


def test_demo_third_generation_card_online_then_offline(demo, qtbot):
    rig, log, bridge = demo
    sentences: list[str] = []
    bridge.identityToConfirm.connect(sentences.append)
    with qtbot.waitSignal(bridge.authenticating, timeout=5000):
        rig.insert_card("v3")
    holder = log.wait_for("CardInserted").holder
    assert holder.name == "刘秀英" and holder.identity_confirmed and sentences == []
    rig.remove_card()
    log.wait_for("CardRemoved")
    rig.network_up = False
    with qtbot.waitSignal(bridge.identityToConfirm, timeout=5000):
        rig.insert_card("v3")
    holder = log.wait_for("CardInserted", 2).holder
    assert not holder.identity_confirmed and holder.card_number == "C11223344"
    assert "身份证号码" in sentences[0] and sentences[0].count("。") <= 2
