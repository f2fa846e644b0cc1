"""Third-generation cards end to end: kiosk ↔ pcscd ↔ virtual card, kiosk ↔ a real hub on loopback."""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
import requests

from drivers.card.base import CardState
from drivers.card.pcsc import PcscCardReader
from sync import protocol, signing
from sync.client.identity import pinned_session
from sync.gen3 import CARD_AUTH_PATH, HubCryptoService, request_from_challenge
from tests.support.hub import running_hub

pytestmark = [pytest.mark.pcsc, pytest.mark.root]


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A hub with the reference (TEST ONLY) crypto provider and one enrolled device."""
    previous = os.environ.get("KIOSK_HUB_CRYPTO_PROVIDER")
    os.environ["KIOSK_HUB_CRYPTO_PROVIDER"] = "reference-test"
    try:
        with running_hub(tmp_path_factory.mktemp("hub")) as hub:
            key = signing.generate("gm")
            device_id = "kiosk-" + uuid.uuid4().hex[:8]
            enrol = protocol.EnrolRequest(token=hub.token(), device_id=device_id, suite="gm",
                                          device_public_key=key.public_text)
            r = requests.post(hub.url + "/v1/enrol", json=enrol.model_dump(), verify=str(hub.cert_file), timeout=10)
            assert r.status_code == 200, r.text
            hub.device_id, hub.key = device_id, key
            yield hub
    finally:
        if previous is None:
            os.environ.pop("KIOSK_HUB_CRYPTO_PROVIDER", None)
        else:
            os.environ["KIOSK_HUB_CRYPTO_PROVIDER"] = previous


def crypto_for(county, timeout_s: float = 3.0) -> HubCryptoService:
    return HubCryptoService(county.url, pinned_session(str(county.cert_file)), county.device_id, county.key,
                            timeout_s=timeout_s)


class Spy:
    """Wraps the hub client: counts calls, keeps what it saw, optionally changes the cryptogram."""

    def __init__(self, inner, change=None):
        self.inner, self.change = inner, change
        self.requests: list = []
        self.cryptograms: list[bytes] = []

    def external_auth(self, request):
        self.requests.append(request)
        cryptogram = self.inner.external_auth(request)
        self.cryptograms.append(cryptogram)
        return self.change(cryptogram, self) if self.change else cryptogram


@pytest.fixture
def reader_with(stack, hub, log):
    started = []

    def make(crypto):
        reader = PcscCardReader(hub, reader=stack.reader, read_timeout_s=6.0, crypto=crypto)
        reader.start()
        log.wait_for("DeviceStateChanged")
        started.append(reader)
        return reader

    yield make
    for reader in started:
        reader.stop()


def test_good_read_of_a_third_generation_card_through_the_hub(county, stack, log, reader_with):
    spy = Spy(crypto_for(county))
    reader = reader_with(spy)
    stack.insert("v3")
    holder = log.wait_for("CardInserted", timeout=8).holder
    assert (holder.name, holder.card_number, holder.identity_confirmed) == ("刘秀英", "C11223344", True)
    assert holder.id_number == stack.slots[0].card.profile.villager.id_number
    assert log.card_events() == ["CardReading", "CardInserted"] and log.of("CardAuthenticating")
    assert len(spy.requests) == 1 and spy.requests[0].atr  # the ATR went to the crypto service
    assert reader.state is CardState.READY


def test_second_generation_card_is_read_without_the_hub(county, stack, log, reader_with):
    spy = Spy(crypto_for(county))
    reader_with(spy)
    stack.insert("v2")
    assert log.wait_for("CardInserted").holder.name == "张三"
    assert spy.requests == [] and not log.of("CardAuthenticating")


def test_wrong_cryptogram_is_a_typed_error_and_does_not_lock_the_card(county, stack, log, reader_with):
    reader_with(Spy(crypto_for(county), change=lambda c, _spy: bytes([c[0] ^ 1]) + c[1:]))
    card = stack.insert("v3")
    failed = log.wait_for("CardReadFailed", timeout=8)
    assert failed.code == "auth_failed" and "窗口" in failed.message
    assert card.external_auth_failures == 1 and card.external_auth_tries == 2  # tried once, not in a loop


def test_replayed_cryptogram_is_refused_by_the_card(county, stack, log, reader_with):
    def replay(cryptogram, spy):
        return spy.cryptograms[0]

    reader_with(Spy(crypto_for(county), change=replay))
    stack.insert("v3")
    log.wait_for("CardInserted", timeout=8)
    stack.remove()
    log.wait_for("CardRemoved")
    stack.insert("v3")
    assert log.wait_for("CardReadFailed", timeout=8).code == "auth_failed"


def test_counterfeit_card_is_refused_as_not_genuine(county, stack, log, reader_with):
    reader_with(crypto_for(county))
    stack.insert("v3_fake")
    failed = log.wait_for("CardReadFailed", timeout=8)
    assert failed.code == "not_genuine" and "真伪" in failed.message


def test_hub_down_gives_the_offline_fallback_within_the_timeout(county, stack, log, reader_with):
    county.stop()  # the listening socket stays open: requests wait in the backlog until the timeout
    try:
        reader_with(crypto_for(county, timeout_s=1.0))
        stack.insert("v3")
        holder = log.wait_for("CardInserted", timeout=8).holder
        assert not holder.identity_confirmed and holder.card_number == "C11223344"
        assert holder.id_number == "" and holder.extra["fallback"] in ("hsm_timeout", "hsm_offline")
    finally:
        county.start()


def _signed_post(county, body: bytes):
    headers = {protocol.DEVICE_HEADER: county.device_id,
               protocol.SIGNATURE_HEADER: protocol.b64e(county.key.sign(body))}
    return requests.post(county.url + CARD_AUTH_PATH, data=body, headers=headers, verify=str(county.cert_file),
                         timeout=10)


def _challenge():
    from drivers.card.gen3 import AuthChallenge

    return AuthChallenge(region="431121", atr=b"\x3b", algorithm="01",
                         card_id=bytes.fromhex("431121D15600000599110145FFFFFFFF"), card_number="C11223344",
                         version="3.00", internal_random=bytes(16), internal_response=bytes(16),
                         challenge=bytes(8))


def test_hub_refuses_replayed_expired_and_unsigned_requests(county):
    from sync.hub.crypto_service import ReferenceTestProvider, sm4_block

    internal_key, _ = ReferenceTestProvider().card_keys(bytes.fromhex("431121D15600000599110145FFFFFFFF"))
    base = _challenge()
    good = base.__class__(**{**base.__dict__, "internal_response": sm4_block(internal_key, bytes(16))})
    body = protocol.canonical_json(request_from_challenge(good, county.device_id, "T1").model_dump())
    first = _signed_post(county, body)
    assert first.status_code == 200 and len(first.json()["cryptogram"]) == 32
    again = _signed_post(county, body)
    assert again.status_code == 409 and again.json()["code"] == "replayed"
    old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    stale = protocol.canonical_json(request_from_challenge(good, county.device_id, "T1", issued_at=old).model_dump())
    expired = _signed_post(county, stale)
    assert expired.status_code == 410 and expired.json()["code"] == "expired"
    forged = requests.post(county.url + CARD_AUTH_PATH, data=body, verify=str(county.cert_file), timeout=10,
                           headers={protocol.DEVICE_HEADER: county.device_id, protocol.SIGNATURE_HEADER: "AAAA"})
    assert forged.status_code == 401
    not_genuine = protocol.canonical_json(request_from_challenge(base, county.device_id, "T1").model_dump())
    assert _signed_post(county, not_genuine).json()["code"] == "not_genuine"


def test_offline_identity_is_confirmed_or_flagged_by_the_hub_on_sync(county, tmp_path):
    """The fallback's claim (card number + typed ID number) travels sealed in the transaction; the hub
    checks it against its card register on receipt."""
    from drivers.card import gen3
    from drivers.card.virtual_card import profile
    from kiosk.store.model import ItemKind, Transaction
    from sync.hub.crypto_service import identity_check
    from tests.sync.rig import make_rig

    liu = profile("v3").villager
    rig = make_rig(tmp_path, county, suite="gm")
    try:
        county.cli("cards", "add", liu.card_number, liu.id_number)
        offline = gen3.provisional_holder(liu.card_number, "3.00", bytes.fromhex("431121" + "00" * 13), "hsm_offline")
        right = gen3.confirm_typed_id(offline, liu.id_number)
        wrong = gen3.confirm_typed_id(offline, "11010519491231002X")
        ids = [rig.outbox.enqueue(Transaction(ItemKind.APPLICATION, "PENSION-ENROL",
                                              {"form": {}, "identity_to_confirm": gen3.identity_to_confirm(h)})).txn_id
               for h in (right, wrong)]
        rig.client(url=county.url).drain(max_rounds=5)
        assert [identity_check(rig.hub_db, t) for t in ids] == ["confirmed", "mismatch"]
        listed = county.cli("identities", "list", "--status", "mismatch").stdout
        assert ids[1] in listed and ids[0] not in listed and liu.id_number not in listed
    finally:
        rig.close()
