"""After root applied a newer version, the app quits by itself (systemd starts the new one) — but only at
the home screen with nobody using it: never during a villager's session or a clerk's work."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from drivers.card.events import CardInserted, CardRemoved
from kiosk.domain import Holder
from kiosk.events import EventHub
from tests.ui.support import make_app
from ui.tour import wait_until
from ui.update_watch import watch_for_update

HOLDER = Holder(id_number="11010119500307123X", name="王测试", card_version="3.00")


@pytest.fixture
def kiosk(qtbot, tmp_path):
    app = make_app(tmp_path, events=EventHub())
    yield app
    app.close()


def publish(events: EventHub, event: object) -> None:
    t = threading.Thread(target=events.publish, args=(event,), name="dev-card")  # as the card worker does
    t.start()
    t.join(5)


def root_applied(data_dir, version: str, outcome: str = "applied") -> None:
    """What kiosk-update apply-ready writes (installer/kiosk_update.py)."""
    (data_dir / "updates").mkdir(parents=True, exist_ok=True)
    (data_dir / "updates/result.json").write_text(json.dumps({
        "outcome": outcome, "version": version, "current": version,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}))


def test_quits_for_a_newer_version_only_once_home_with_no_session(kiosk, qtbot):
    quits = []
    watch = watch_for_update(kiosk, quit_app=lambda: quits.append(kiosk.controller.screen), interval_ms=3_600_000)
    watch.running = "1.0"
    assert watch.check() is False  # nothing applied
    root_applied(kiosk.data_dir, "1.0.1", outcome="rolled_back")
    assert watch.check() is False

    publish(kiosk.events, CardInserted(HOLDER))  # a villager is being served
    wait_until(lambda: kiosk.controller.session is not None and kiosk.controller.screen == "Card")
    root_applied(kiosk.data_dir, "1.0.1")
    assert watch.check() is False and quits == []

    publish(kiosk.events, CardRemoved())
    wait_until(lambda: kiosk.controller.screen == "Home" and kiosk.controller.session is None)
    kiosk.controller.openTile("social")  # someone browsing the services, no card yet
    wait_until(lambda: kiosk.controller.screen != "Home")
    assert watch.check() is False and quits == []

    kiosk.controller.goHome()
    wait_until(lambda: kiosk.controller.screen == "Home")
    watch._timer.setInterval(10)  # from here the timer does it, as every minute on a terminal
    qtbot.waitUntil(lambda: quits == ["Home"], timeout=5000)
    assert not watch._timer.isActive()  # once


def test_a_clerk_at_work_keeps_the_old_version_running(kiosk):
    quits = []
    watch = watch_for_update(kiosk, quit_app=lambda: quits.append(True), interval_ms=3_600_000)
    watch.running = "1.0"
    root_applied(kiosk.data_dir, "2.0")
    kiosk.clerk.open()  # the 协管员 login screen over home
    wait_until(lambda: kiosk.clerk.screen == "ClerkLogin")
    assert kiosk.controller.screen == "Home" and watch.check() is False and quits == []
    kiosk.clerk.logout()
    assert watch.check() is True and quits == [True]
    watch.running = "2.0"  # a process that started on 2.0 is not restarted for it
    assert watch.check() is False and quits == [True]
