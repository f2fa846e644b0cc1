"""Third-generation cards without the stack: APDUs, the virtual card's auth, the key scheme, the fallback."""

from __future__ import annotations

import pytest

from drivers.card import gen3
from drivers.card.session import CardSession
from drivers.card.virtual_card import VirtualCard, profile
from drivers.card.virtual_card.profiles import LIU_TEST_KEYS
from kiosk.errors import UserFacingError
from sync.hub.crypto_service import (
    LocalCryptoService,
    ReferenceTestProvider,
    check_identity,
    identity_check,
    register_card,
)
from sync.hub.storage import HubDB

LIU_CARD_ID = bytes.fromhex("431121D15600000599110145FFFFFFFF")


def InProcessCrypto() -> LocalCryptoService:  # noqa: N802 - reads like the class it stands for
    return LocalCryptoService(ReferenceTestProvider())


def test_apdus_are_the_ones_field_terminals_send():
    assert gen3.get_challenge() == bytes.fromhex("0084000008")
    assert gen3.internal_authenticate(bytes(16))[:5] == bytes.fromhex("0088000010")
    assert gen3.external_authenticate(b"\x11" * 16) == bytes.fromhex("0082000A10") + b"\x11" * 16
    with pytest.raises(ValueError):
        gen3.external_authenticate(b"\x11" * 8)


def test_algorithm_flag_from_fci_with_default():
    assert gen3.algorithm_flag(bytes.fromhex("6F0A840100A5069F0C03860104")) == "04"
    assert gen3.algorithm_flag(b"\x6f\x00") == "01"


def test_virtual_profile_keys_are_the_reference_providers_diversified_test_keys():
    assert ReferenceTestProvider().card_keys(LIU_CARD_ID) == LIU_TEST_KEYS
    assert ReferenceTestProvider().card_keys(bytes(16)) != LIU_TEST_KEYS


def test_good_read_through_the_crypto_service():
    crypto = InProcessCrypto()
    holder = CardSession(VirtualCard(profile("v3")).process, crypto=crypto).read().holder
    assert holder.name == "刘秀英" and holder.identity_confirmed and holder.card_version == "3.00"
    assert crypto.calls == 1


def test_second_generation_card_never_asks_the_crypto_service():
    crypto = InProcessCrypto()
    assert CardSession(VirtualCard(profile("v2")).process, crypto=crypto).read().holder.name == "张三"
    assert crypto.calls == 0


def test_wrong_cryptogram_is_tried_once_and_leaves_the_card_usable():
    card = VirtualCard(profile("v3"))

    class Wrong:
        def external_auth(self, r):
            return bytes(16)

    with pytest.raises(gen3.ExternalAuthFailed):
        CardSession(card.process, crypto=Wrong()).read()
    assert card.external_auth_failures == 1 and card.external_auth_tries == 2
    card.reset()
    assert CardSession(card.process, crypto=InProcessCrypto()).read().holder.name == "刘秀英"
    assert card.external_auth_tries == 3  # a success restores the tries


def test_replayed_cryptogram_is_refused_by_the_card():
    card = VirtualCard(profile("v3"))
    seen: list[bytes] = []
    real = InProcessCrypto()

    class Recording:
        def external_auth(self, r):
            seen.append(real.external_auth(r))
            return seen[0]  # the first read's cryptogram, again

    CardSession(card.process, crypto=Recording()).read()
    card.reset()
    with pytest.raises(gen3.ExternalAuthFailed):
        CardSession(card.process, crypto=Recording()).read()
    assert seen[0] != seen[1]  # a fresh challenge makes a different cryptogram


def test_counterfeit_card_is_refused_as_not_genuine():
    with pytest.raises(gen3.CardNotGenuine) as info:
        CardSession(VirtualCard(profile("v3_fake")).process, crypto=InProcessCrypto()).read()
    assert "真伪" in info.value.message


def test_protected_items_stay_6982_without_authentication():
    card = VirtualCard(profile("v3"))
    card.process(bytes.fromhex("00A404000F7378312E73682EC9E7BBE1B1A3D5CF"))
    card.process(bytes.fromhex("00A4020002EF06"))
    assert card.process(bytes.fromhex("00B2080000"))[-2:] == b"\x69\x82"
    assert card.process(gen3.external_authenticate(bytes(16)))[-2:] == b"\x69\x85"  # no challenge given


@pytest.mark.parametrize("code", ["hsm_offline", "hsm_timeout"])
def test_unreachable_service_gives_the_offline_holder(code):
    class Offline:
        def external_auth(self, r):
            raise UserFacingError("连不上", code=code)

    holder = CardSession(VirtualCard(profile("v3")).process, crypto=Offline()).read().holder
    assert not holder.identity_confirmed and holder.id_number == "" and holder.name == ""
    assert holder.card_number == "C11223344" and holder.region_code == "431121"


def test_other_refusals_are_a_typed_error_not_the_fallback():
    class Refusing:
        def external_auth(self, r):
            raise UserFacingError("读卡请求已过期", code="expired")

    with pytest.raises(gen3.CryptoServiceRefused) as info:
        CardSession(VirtualCard(profile("v3")).process, crypto=Refusing()).read()
    assert info.value.message == "读卡请求已过期"


def test_typed_id_is_checked_and_carried_as_a_claim():
    offline = gen3.provisional_holder("C11223344", "3.00", LIU_CARD_ID, "hsm_offline")
    liu = profile("v3").villager
    with pytest.raises(gen3.InvalidIdNumber) as info:
        gen3.confirm_typed_id(offline, liu.id_number[:17] + ("0" if liu.id_number[17] != "0" else "1"))
    assert "核对" in info.value.message
    typed = gen3.confirm_typed_id(offline, liu.id_number.lower())
    assert not typed.identity_confirmed
    assert gen3.identity_to_confirm(typed) == {"card_number": "C11223344", "id_number": liu.id_number}
    assert liu.id_number not in repr(typed)


def test_hub_confirms_or_flags_the_claim(tmp_path):
    db = HubDB(f"sqlite:///{tmp_path / 'hub.db'}")
    liu = profile("v3").villager
    register_card(db, "C11223344", liu.id_number)
    good = {"payload": {"identity_to_confirm": {"card_number": "C11223344", "id_number": liu.id_number}}}
    bad = {"identity_to_confirm": {"card_number": "C11223344", "id_number": "11010519491231002X"}}
    assert check_identity(db, "txn-good-0001", good) == "confirmed"
    assert check_identity(db, "txn-bad-00001", bad) == "mismatch"
    assert check_identity(db, "txn-unknown-1", {"identity_to_confirm": {"card_number": "Z9"}}) == "unknown_card"
    assert check_identity(db, "txn-plain-001", '{"form": {}}') is None
    assert identity_check(db, "txn-bad-00001") == "mismatch"
    db.close()


def test_local_service_follows_the_network_switch_as_the_demo_does():
    online = [True]
    crypto = LocalCryptoService(ReferenceTestProvider(), online=lambda: online[0])
    assert CardSession(VirtualCard(profile("v3")).process, crypto=crypto).read().holder.identity_confirmed
    online[0] = False
    holder = CardSession(VirtualCard(profile("v3")).process, crypto=crypto).read().holder
    assert not holder.identity_confirmed and holder.extra["fallback"] == "hsm_offline"
    assert crypto.calls == 2
