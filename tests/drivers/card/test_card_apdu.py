"""T=0 handling and the status-word table, over scripted transmit functions (pure logic: fakes are fine)."""

from __future__ import annotations

import pytest

from drivers.card import apdu
from drivers.card.base import (
    CardCommandFailed,
    CardDataError,
    NotSocialSecurityCard,
    PinBlocked,
    PsamRequired,
    WrongPin,
)


class Script:
    """Answers from a list and records what was sent."""

    def __init__(self, *answers: str):
        self.answers = [bytes.fromhex(a) for a in answers]
        self.sent: list[bytes] = []

    def __call__(self, command: bytes) -> bytes:
        self.sent.append(command)
        return self.answers.pop(0)


def test_select_apdu_matches_the_reference():
    assert apdu.select_by_name(apdu.SSSE_NAME).hex().upper() == "00A404000F7378312E73682EC9E7BBE1B1A3D5CF"
    assert apdu.verify("123456").hex().upper() == "0020000003123456"


def test_61xx_is_followed_by_get_response():
    t = Script("611B", "AABB" + "9000")
    assert apdu.exchange(t, apdu.select_by_name(apdu.SSSE_NAME)) == (b"\xaa\xbb", 0x9000)
    assert t.sent[1] == bytes.fromhex("00C000001B")


def test_chained_61xx_collects_all_parts():
    t = Script("6102", "AABB6101", "CC9000")
    assert apdu.exchange(t, b"\x00\xa4\x04\x00\x01\x01") == (b"\xaa\xbb\xcc", 0x9000)


def test_6cxx_resends_with_the_right_le():
    t = Script("6C0B", "0709" + "41" * 9 + "9000")
    data, sw = apdu.exchange(t, apdu.read_record_by_tag(7, 0x20))
    assert sw == 0x9000 and len(data) == 11
    assert t.sent[1] == bytes.fromhex("00B207000B")


def test_endless_6cxx_is_a_data_error():
    with pytest.raises(CardDataError):
        apdu.exchange(Script("6C0B", "6C0C"), apdu.read_record_by_tag(7, 0x20))


def test_endless_61xx_is_a_data_error():
    with pytest.raises(CardDataError):
        apdu.exchange(Script(*["6101"] * 40), apdu.get_response(1))


@pytest.mark.parametrize("answer", ["", "90"])
def test_response_without_status_word_is_a_data_error(answer):
    with pytest.raises(CardDataError):
        apdu.exchange(Script(answer), apdu.get_response(1))


@pytest.mark.parametrize(
    ("sw", "error", "code"),
    [
        (0x6982, PsamRequired, "psam"),
        (0x6983, PinBlocked, "blocked"),
        (0x63C0, PinBlocked, "blocked"),
        (0x63C2, WrongPin, "wrong_pin"),
        (0x6A82, CardCommandFailed, "card_error"),
        (0x6D00, CardCommandFailed, "card_error"),
    ],
)
def test_status_word_table(sw, error, code):
    with pytest.raises(error) as info:
        apdu.check(sw, command="TEST")
    assert info.value.code == code
    assert f"{sw:04X}" in info.value.detail
    assert info.value.message and info.value.message.isascii() is False  # plain Chinese


def test_6982_message_names_the_psam():
    with pytest.raises(PsamRequired) as info:
        apdu.check(0x6982, command="READ RECORD 08", version="3.00")
    assert info.value.message == "此卡需要安全模块(PSAM)才能读取，请到窗口办理"


def test_wrong_pin_carries_tries_left():
    with pytest.raises(WrongPin) as info:
        apdu.check(0x63C1, command="VERIFY")
    assert info.value.tries_left == 1 and "1" in info.value.message


def test_6a82_on_select_ssse_means_not_a_sscard():
    with pytest.raises(NotSocialSecurityCard):
        apdu.check(0x6A82, command="SELECT SSSE", on_6a82=NotSocialSecurityCard)
