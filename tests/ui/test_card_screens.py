"""Card events from the driver's own event types, published from another thread as the card worker
does: the greeting shows the masked name, and every card error its plain Chinese and what to do."""

import threading

import pytest

from drivers.card import base as card_base
from drivers.card.events import CardInserted, CardReadFailed, CardReading, CardRemoved
from kiosk.domain import Holder
from kiosk.events import EventHub
from tests.ui.support import find, make_app, tap
from ui.tour import wait_until

RARE = Holder(id_number="11010119500307123X", name="王𠮷华", card_version="3.00")
CARD_ERRORS = [cls for cls in vars(card_base).values()
               if isinstance(cls, type) and issubclass(cls, card_base.CardError) and cls.__name__ != "WrongPin"]


def publish_from_thread(events: EventHub, event: object) -> None:
    t = threading.Thread(target=events.publish, args=(event,), name="dev-card")
    t.start()
    t.join(5)


@pytest.fixture
def kiosk(qtbot, tmp_path):
    events = EventHub()
    app = make_app(tmp_path, events=events)
    yield app
    app.close()


def test_reading_then_greeting_with_masked_name(kiosk):
    publish_from_thread(kiosk.events, CardReading("virtual"))
    wait_until(lambda: kiosk.controller.screen == "Card" and kiosk.controller.cardState == "reading")
    publish_from_thread(kiosk.events, CardInserted(RARE, "virtual"))
    wait_until(lambda: find(kiosk, "cardTitle") is not None and "王*华" in find(kiosk, "cardTitle").property("text"))
    assert kiosk.controller.greeting == "您好，王*华"
    assert "𠮷" not in kiosk.controller.spoken["Card"]
    assert kiosk.controller.session.holder is RARE


@pytest.mark.parametrize("error", CARD_ERRORS, ids=lambda c: c.__name__)
def test_every_card_error_is_plain_chinese_and_kiosk_stays_usable(kiosk, qtbot, error):
    message = error.message
    publish_from_thread(kiosk.events, CardReadFailed(error.code, message, "virtual"))
    wait_until(lambda: kiosk.controller.screen == "Card" and find(kiosk, "cardTitle") is not None)
    assert find(kiosk, "cardTitle").property("text") == message
    assert find(kiosk, "cardAdvice").property("text").endswith("。")
    assert kiosk.controller.spoken["Card"].startswith(message)
    tap(qtbot, kiosk, "backHomeButton")
    wait_until(lambda: kiosk.controller.screen == "Home")
    publish_from_thread(kiosk.events, CardInserted(RARE))
    wait_until(lambda: kiosk.controller.cardState == "ok")


def test_removing_the_card_at_the_greeting_wipes_the_session(kiosk):
    publish_from_thread(kiosk.events, CardInserted(RARE))
    wait_until(lambda: kiosk.controller.session is not None)
    temp = kiosk.controller.session.temp_dir
    publish_from_thread(kiosk.events, CardRemoved())
    wait_until(lambda: kiosk.controller.screen == "Home")
    assert kiosk.controller.session is None and kiosk.controller.greeting == ""
    assert not temp.exists()
