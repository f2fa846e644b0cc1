"""The read sequence against the virtual card's APDU state machine, in process, plus the fuzzer.

No pcscd here: these pin the session logic; tests/drivers/card/test_card_pcsc.py runs it over the real stack.
"""

from __future__ import annotations

import random

import pytest

from drivers.card.base import (
    CardDataError,
    CardError,
    InvalidPinFormat,
    NotSocialSecurityCard,
    PinBlocked,
    PsamNotSupported,
    PsamRequired,
)
from drivers.card.session import CardSession
from drivers.card.virtual_card import VirtualCard, profile
from drivers.card.virtual_card.card import CardPulled


def session(key: str, **kw) -> tuple[VirtualCard, CardSession]:
    card = VirtualCard(profile(key))
    return card, CardSession(card.process, **kw)


def test_full_read_of_a_second_generation_card():
    card, s = session("v2")
    h = s.read().holder
    v = card.profile.villager
    assert (h.name, h.id_number, h.card_number) == (v.name, v.id_number, v.card_number)
    assert (h.birth_date, h.issue_date, h.expiry_date) == (v.birth_date, v.issue_date, v.expiry_date)
    assert h.sex == "男" and h.ethnicity == "汉族" and h.card_version == "2.00"
    assert card.apdu_count == 18  # SELECT + GET RESPONSE + 2 SELECT EF + 14 READ RECORD


def test_rare_name_split_across_09_and_4e_with_6cxx_resends():
    card, s = session("rare")
    assert s.read().holder.name == "欧阳𠮷䶮㑇"
    assert card.apdu_count > 18  # unpadded records: every READ RECORD got 6Cxx and was re-sent


def test_third_generation_card_needs_psam():
    _, s = session("v3")
    with pytest.raises(PsamRequired) as info:
        s.read()
    assert info.value.message == "此卡需要安全模块(PSAM)才能读取，请到窗口办理"
    assert s.version == "3.00"


def test_third_generation_card_with_psam_configured_is_not_supported_yet():
    _, s = session("v3", psam_configured=True)
    with pytest.raises(PsamNotSupported) as info:
        s.read()
    assert "not implemented" in info.value.detail


def test_non_sscard():
    _, s = session("not_sscard")
    with pytest.raises(NotSocialSecurityCard):
        s.read()


def test_pin_tries_count_down_then_block():
    _, s = session("v2")
    assert [s.verify_pin("000000").tries_left for _ in range(2)] == [2, 1]
    with pytest.raises(PinBlocked):
        s.verify_pin("000000")
    with pytest.raises(PinBlocked):
        s.verify_pin("123456")  # blocked stays blocked


def test_right_pin_resets_the_counter():
    _, s = session("v2")
    assert not s.verify_pin("000000").ok
    assert s.verify_pin("123456").ok
    assert s.verify_pin("000000").tries_left == 2


def test_blocked_card_reads_but_refuses_verify():
    _, s = session("blocked")
    assert s.read().holder is not None
    with pytest.raises(PinBlocked):
        s.verify_pin("123456")


@pytest.mark.parametrize("pin", ["12345", "1234567", "12a456", "１２３４５６"])
def test_malformed_pin_never_reaches_the_card(pin):
    card, s = session("v2")
    with pytest.raises(InvalidPinFormat):
        s.verify_pin(pin)
    assert card.apdu_count == 0


def test_trace_masks_personal_values_and_the_pin():
    lines: list[str] = []
    card, s = session("rare", trace=lines.append)
    s.read()
    s.verify_pin("123456")
    text = "\n".join(lines)
    v = card.profile.villager
    for secret in (v.id_number, v.card_number, v.name):
        assert secret.encode("gb18030").hex(" ").upper() not in text
    assert "12 34 56" not in text
    assert "00 20 00 00 03 ** ** **" in text
    assert "08 12 **" in text


def test_card_pulled_mid_read_propagates():
    _, s = session("pulled")
    with pytest.raises(CardPulled):
        s.read()


def test_1000_fuzzed_responses_give_typed_errors_only():
    """Each run mutates one answer of a good read; the result is a Holder or a CardError, nothing else."""
    rng = random.Random(20261123)
    outcomes = {"holder": 0, "error": 0}
    for _ in range(1000):
        card = VirtualCard(profile("v2"))
        victim = rng.randrange(18)
        count = 0

        def transmit(c: bytes, card=card, victim=victim) -> bytes:
            nonlocal count
            answer = card.process(c)
            count += 1
            if count - 1 != victim:
                return answer
            kind = rng.randrange(4)
            if kind == 0:
                return rng.randbytes(rng.randrange(0, 40))
            if kind == 1:
                return answer[: rng.randrange(0, len(answer))]
            if kind == 2:
                i = rng.randrange(len(answer))
                return answer[:i] + bytes([answer[i] ^ (1 << rng.randrange(8))]) + answer[i + 1 :]
            return answer[:-2] + rng.randbytes(2)

        try:
            holder = CardSession(transmit).read().holder
        except CardError as exc:
            assert exc.message and exc.code
            outcomes["error"] += 1
        else:
            assert holder is not None
            outcomes["holder"] += 1
    assert outcomes["error"] > 500 and outcomes["holder"] + outcomes["error"] == 1000


def test_garbage_profile_always_ends_in_a_typed_error_or_holder():
    for seed in range(200):
        card = VirtualCard(profile("garbage", garbage_seed=seed))
        try:
            CardSession(card.process).read()
        except CardError:
            pass
        except Exception as exc:  # pragma: no cover - the failure message names the seed
            pytest.fail(f"seed {seed}: {type(exc).__name__}: {exc}")


def test_data_error_detail_names_no_personal_data():
    card = VirtualCard(profile("v2"))

    def truncate_name(c: bytes) -> bytes:
        answer = card.process(c)
        return answer[:6] + answer[-2:] if c[1] == 0xB2 and c[2] == 0x09 else answer

    with pytest.raises(CardDataError) as info:
        CardSession(truncate_name).read()
    assert "张" not in info.value.detail and "name" in info.value.detail
