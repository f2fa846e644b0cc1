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


@pytest.fixture
def with_reader(qtbot, tmp_path):
    from drivers.card.virtual import VirtualCardReader

    events = EventHub()
    reader = VirtualCardReader(events, read_timeout_s=0.5)
    reader.start()
    app = make_app(tmp_path, events=events)
    yield app, reader
    app.close()
    reader.stop()


@pytest.mark.parametrize("key", ["v2", "rare", "v3", "blocked", "not_sscard", "mute", "pulled", "garbage"])
def test_every_virtual_card_profile(with_reader, qtbot, key):
    app, reader = with_reader
    outcomes = []
    app.card.inserted.connect(lambda holder: outcomes.append(("ok", holder.masked_name)))
    app.card.failed.connect(lambda code, message, advice: outcomes.append(("error", message + advice)))
    reader.insert(key)
    wait_until(lambda: outcomes, 10)
    kind, text = outcomes[0]
    if kind == "ok":
        wait_until(lambda: find(app, "cardTitle") is not None and text in find(app, "cardTitle").property("text"))
        assert app.controller.session.holder is not None
    else:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text) and text.isprintable()
        wait_until(lambda: app.controller.screen in ("Card", "Home"))
        assert "读卡器暂不可用" not in app.controller.unavailableText  # a bad card is not a broken reader
    reader.remove()
    wait_until(lambda: app.controller.screen == "Home" and app.controller.session is None)
    reader.insert("v2")
    wait_until(lambda: app.controller.cardState == "ok")
