"""The in-process virtual reader (demo and UI tests): same Protocol, same events, no pcscd."""

from __future__ import annotations

import logging

import pytest

from drivers.card.base import CardReader, CardState, NoCard, PinBlocked
from drivers.card.virtual import VirtualCardReader


@pytest.fixture
def reader(hub, log):
    r = VirtualCardReader(hub, read_timeout_s=0.5)
    r.start()
    yield r
    r.stop()


def test_it_satisfies_the_protocol(reader):
    assert isinstance(reader, CardReader)
    assert reader.state is CardState.EMPTY


def test_insert_rare_name_then_remove(reader, log):
    reader.insert("rare")
    assert log.wait_for("CardInserted").holder.name == "欧阳𠮷䶮㑇"
    assert reader.state is CardState.READY
    reader.remove()
    log.wait_for("CardRemoved")
    assert reader.holder() is None and reader.state is CardState.EMPTY
    assert log.card_events() == ["CardReading", "CardInserted", "CardRemoved"]


def test_swapping_cards_removes_the_first(reader, log):
    reader.insert("v2")
    log.wait_for("CardInserted")
    reader.insert("rare")
    assert log.wait_for("CardInserted", 2).holder.name == "欧阳𠮷䶮㑇"
    assert log.card_events() == ["CardReading", "CardInserted", "CardRemoved", "CardReading", "CardInserted"]


@pytest.mark.parametrize(("key", "code"), [("v3", "psam"), ("not_sscard", "not_sscard"), ("mute", "mute"),
                                           ("pulled", "removed"), ("garbage", "bad_data")])
def test_failing_profiles(reader, log, key, code):
    reader.insert(key)
    assert log.wait_for("CardReadFailed").code == code
    assert reader.holder() is None


def test_pulled_card_also_reports_removal(reader, log):
    reader.insert("pulled")
    log.wait_for("CardReadFailed")
    log.wait_for("CardRemoved")
    assert reader.state is CardState.EMPTY


def test_removing_a_mute_card_ends_the_wait_at_once(hub, log):
    r = VirtualCardReader(hub, read_timeout_s=30)
    r.start()
    try:
        r.insert("mute")
        log.wait_for("CardReading")
        r.remove()
        assert log.wait_for("CardReadFailed", timeout=5).code == "removed"
        log.wait_for("CardRemoved")
    finally:
        r.stop()


def test_pin_with_tries_left_and_never_logged(reader, log, caplog):
    caplog.set_level(logging.DEBUG)
    reader.insert("v2")
    log.wait_for("CardInserted")
    assert reader.verify_pin("975311").tries_left == 2
    assert reader.verify_pin("123456").ok
    assert "975311" not in caplog.text and "97 53 11" not in caplog.text


def test_blocked_pin_and_no_card(reader, log):
    with pytest.raises(NoCard):
        reader.verify_pin("123456")
    reader.insert("blocked")
    log.wait_for("CardInserted")
    with pytest.raises(PinBlocked):
        reader.verify_pin("123456")


def test_profiles_for_the_demo_panel():
    keys = [k for k, _ in VirtualCardReader.profiles()]
    assert {"v2", "rare", "v3", "blocked", "not_sscard", "mute"} <= set(keys)


def test_factory_builds_what_config_names(hub):
    from drivers.card.factory import make_card_reader
    from drivers.card.pcsc import PcscCardReader
    from kiosk.config.schema import CardSection

    assert make_card_reader(CardSection(driver="none"), hub) is None
    assert isinstance(make_card_reader(CardSection(driver="virtual"), hub), VirtualCardReader)
    real = make_card_reader(CardSection(driver="pcsc", reader="ACS"), hub)
    assert isinstance(real, PcscCardReader) and real.state is CardState.STOPPED  # built, not started
