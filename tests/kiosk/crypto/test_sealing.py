"""Sealed items: round trip with the hub key, bound fields, tampering, and the epoch key's life."""

from __future__ import annotations

import pytest

from kiosk.crypto import CryptoError, get_suite
from kiosk.crypto.sealing import (
    Epoch,
    decode_attachments,
    hub_opener,
    open_sealed,
    parse_header,
    plaintext_document,
    seal,
)

FIELDS = {"txn_id": "t" * 32, "kind": "application", "service_code": "YL001", "device_id": "KDEV0001"}


@pytest.fixture(params=["gm", "intl"])
def suite_and_hub(request):
    suite = get_suite(request.param)
    return suite, suite.new_wrap_keypair()


def test_round_trip_with_attachments(suite_and_hub):
    suite, hub = suite_and_hub
    epoch = Epoch.start(suite, hub.public_text)
    doc = plaintext_document({"name": "测试甲", "amount": 200}, [("photo", "image/jpeg", b"\xff\xd8jpeg")], {"v": 1})
    sealed = seal(epoch, doc, **FIELDS)
    opened = open_sealed(sealed, hub.private, **FIELDS)
    assert opened["payload"] == {"name": "测试甲", "amount": 200}
    assert decode_attachments(opened) == [("photo", "image/jpeg", b"\xff\xd8jpeg")]
    assert parse_header(sealed).epoch_id == epoch.epoch_id
    assert epoch.items == 1


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_each_bound_field_is_checked(suite_and_hub, field):
    suite, hub = suite_and_hub
    sealed = seal(Epoch.start(suite, hub.public_text), b"{}", **FIELDS)
    with pytest.raises(CryptoError):
        open_sealed(sealed, hub.private, **{**FIELDS, field: FIELDS[field] + "x"})


def test_tampered_byte_anywhere_fails(suite_and_hub):
    suite, hub = suite_and_hub
    sealed = seal(Epoch.start(suite, hub.public_text), b'{"payload":1}', **FIELDS)
    for pos in (2, 30, len(sealed) // 2, len(sealed) - 1):
        bad = bytearray(sealed)
        bad[pos] ^= 0x01
        with pytest.raises(CryptoError):
            open_sealed(bytes(bad), hub.private, **FIELDS)
    with pytest.raises(CryptoError):
        open_sealed(sealed[:40], hub.private, **FIELDS)


def test_the_kiosk_cannot_open_what_it_sealed(suite_and_hub):
    """Every key the kiosk holds (device signing key, audit key, a fresh wrap key) fails to open it."""
    suite, hub = suite_and_hub
    sealed = seal(Epoch.start(suite, hub.public_text), b"{}", **FIELDS)
    for kiosk_key in (suite.new_signing_keypair().private, bytes(32), suite.new_wrap_keypair().private):
        with pytest.raises(CryptoError):
            open_sealed(sealed, kiosk_key, **FIELDS)


def test_hub_opener_caches_the_unwrapped_key(suite_and_hub):
    suite, hub = suite_and_hub
    epoch = Epoch.start(suite, hub.public_text)
    items = [seal(epoch, b'{"n":%d}' % i, **FIELDS) for i in range(3)]
    opener = hub_opener(hub.private)
    assert [opener(s, **FIELDS) for s in items] == [{"n": 0}, {"n": 1}, {"n": 2}]
    # the closure holds exactly one cached epoch key
    (cache,) = [c.cell_contents for c in opener.__closure__ if isinstance(c.cell_contents, dict)]
    assert len(cache) == 1


def test_epoch_expiry_and_wipe(suite_and_hub):
    suite, hub = suite_and_hub
    epoch = Epoch.start(suite, hub.public_text, now=1000.0)
    assert not epoch.expired(1000.0, max_items=2, max_hours=1)
    seal(epoch, b"{}", **FIELDS)
    seal(epoch, b"{}", **FIELDS)
    assert epoch.expired(1000.0, max_items=2, max_hours=1)
    assert Epoch.start(suite, hub.public_text, now=0.0).expired(3600.0, max_items=10, max_hours=1)
    epoch.wipe()
    assert epoch.data_key == bytearray()
    with pytest.raises(CryptoError):
        seal(epoch, b"{}", **FIELDS)


def test_bad_hub_public_key_is_a_crypto_error(suite_and_hub):
    suite, _hub = suite_and_hub
    with pytest.raises(CryptoError):
        Epoch.start(suite, "not a key")


def test_plaintext_document_is_exactly_canonical_json():
    import base64

    from kiosk.crypto.sealing import canonical_json

    payload = {"姓名": "测试\"引号\\", "z": [1, 2.5, None], "a": True}
    attachments = [("证件\n正面", "image/jpeg", bytes(range(256)) * 3), ("sig", "image/png", b"")]
    meta = {"txn_id": "x", "n": 1}
    expected = canonical_json({"payload": payload, "meta": meta, "attachments": [
        {"name": n, "media_type": m, "data": base64.b64encode(d).decode()} for n, m, d in attachments]})
    assert plaintext_document(payload, attachments, meta) == expected
    assert plaintext_document({}, [], {}) == canonical_json({"payload": {}, "meta": {}, "attachments": []})
