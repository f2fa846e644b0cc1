"""Signed bundles: a genuine one opens; a tampered, foreign, replayed or malformed one is refused."""

import base64
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.catalog import BundleError, Catalog, CatalogError, catalog_from_bundle, open_bundle, seal_bundle
from kiosk.catalog.bundle import canonical_json


def verifier(public_key):
    def verify(message: bytes, signature: bytes) -> bool:
        try:
            public_key.verify(signature, message)
            return True
        except InvalidSignature:
            return False
    return verify


@pytest.fixture(scope="module")
def hub_key():
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def catalog():
    return Catalog.load()


@pytest.fixture
def sealed(hub_key, catalog):
    return seal_bundle("catalog", 3, catalog.document(), {"intl": hub_key.sign},
                       created_at="2026-11-23T10:00:00+00:00")


def trusted(hub_key):
    return {"intl": verifier(hub_key.public_key())}


def test_genuine_catalog_bundle_round_trips(sealed, hub_key, catalog):
    received = catalog_from_bundle(sealed.to_json(), trusted(hub_key), newer_than=2)
    assert received.version == catalog.version
    assert [s.code for s in received.services] == [s.code for s in catalog.services]
    assert received.get("SB-001").notice == catalog.get("SB-001").notice


def test_tampered_content_is_refused(sealed, hub_key):
    doc = json.loads(sealed.to_json())
    sb001 = next(s for s in doc["content"]["services"] if s["code"] == "SB-001")
    sb001["time_limit_days"] = 1
    with pytest.raises(BundleError) as info:
        open_bundle(json.dumps(doc, ensure_ascii=False), trusted(hub_key))
    assert "does not match" in info.value.detail
    assert info.value.message.startswith("收到的更新包未通过校验")


def test_tampered_version_is_refused(sealed, hub_key):
    doc = sealed.to_dict()
    doc["version"] = 99
    with pytest.raises(BundleError, match="does not match"):
        open_bundle(doc, trusted(hub_key))


def test_bundle_from_another_hub_is_refused(sealed):
    stranger = Ed25519PrivateKey.generate()
    with pytest.raises(BundleError, match="not signed by this hub"):
        open_bundle(sealed.to_json(), {"intl": verifier(stranger.public_key())})


def test_missing_signature_for_the_trusted_suite(sealed, hub_key):
    doc = sealed.to_dict()
    doc["signatures"] = {"gm": doc["signatures"]["intl"]}
    with pytest.raises(BundleError, match="no intl signature"):
        open_bundle(doc, trusted(hub_key))


def test_replay_of_an_older_version_is_refused(sealed, hub_key):
    with pytest.raises(BundleError, match="not newer"):
        open_bundle(sealed.to_json(), trusted(hub_key), newer_than=3)


def test_wrong_kind_is_refused(hub_key):
    jobs = seal_bundle("jobs", 1, {"postings": []}, {"intl": hub_key.sign})
    assert open_bundle(jobs.to_json(), trusted(hub_key), kind="jobs").content == {"postings": []}
    with pytest.raises(BundleError, match="expected a catalog bundle"):
        catalog_from_bundle(jobs.to_json(), trusted(hub_key))


@pytest.mark.parametrize("raw", [b"", b"[]", b"{not json", b'{"v": 2}',
                                 b'{"v":1,"kind":"catalog","version":"3","created_at":"x","content":{},"signatures":{}}'])
def test_malformed_bundles_are_refused(raw, hub_key):
    with pytest.raises(BundleError):
        open_bundle(raw, trusted(hub_key))


def test_garbage_signature_is_refused_not_crashed(sealed, hub_key):
    doc = sealed.to_dict()
    doc["signatures"]["intl"] = "!!!"
    with pytest.raises(BundleError, match="not base64"):
        open_bundle(doc, trusted(hub_key))
    doc["signatures"]["intl"] = base64.b64encode(b"short").decode()
    with pytest.raises(BundleError, match="does not match"):
        open_bundle(doc, trusted(hub_key))


def test_genuine_bundle_with_a_broken_catalog_is_still_refused(hub_key):
    bad = seal_bundle("catalog", 5, {"catalog_version": "x"}, {"intl": hub_key.sign})
    with pytest.raises(CatalogError):
        catalog_from_bundle(bad.to_json(), trusted(hub_key))


def test_no_trusted_key_means_nothing_is_applied(sealed):
    with pytest.raises(BundleError, match="no trusted hub key"):
        open_bundle(sealed.to_json(), {})


def test_same_bytes_as_the_sync_wire_format(sealed, hub_key):
    protocol = pytest.importorskip("sync.protocol")
    wire = protocol.parse(protocol.Bundle, sealed.to_json())
    assert protocol.canonical_json(wire.signing_view()) == sealed.signing_bytes()
    # and a bundle the hub builds with the wire model opens here
    unsigned = protocol.Bundle(kind="notices", version=2, created_at="2026-11-23T10:00:00+00:00",
                               content={"items": ["停电通知"]})
    message = protocol.canonical_json(unsigned.signing_view())
    signed = unsigned.model_copy(update={"signatures": {"intl": protocol.b64e(hub_key.sign(message))}})
    opened = open_bundle(canonical_json(signed.model_dump()), trusted(hub_key), kind="notices")
    assert opened.content == {"items": ["停电通知"]}
