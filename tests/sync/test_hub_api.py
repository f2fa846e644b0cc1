"""The hub over real HTTPS on loopback: enrolment, signed batches, dedup, receipts, revocation, admin CLI."""

from __future__ import annotations

import gzip
import json
import uuid

import pytest
import requests

from kiosk.crypto import sealing
from kiosk.crypto.suites import get_suite
from kiosk.keys import load_device_keys
from sync import protocol, signing
from sync.client import identity
from sync.protocol import Batch, WireItem


def sealed_item(hub_public: str, device_id: str, suite: str = "intl", epoch=None, **fields) -> WireItem:
    txn_id = fields.get("txn_id") or uuid.uuid4().hex
    epoch = epoch or sealing.Epoch.start(get_suite(suite), hub_public)
    doc = sealing.plaintext_document({"form": {"姓名": "测试"}}, [("photo", "image/jpeg", b"\xff\xd8fake")], {})
    blob = sealing.seal(epoch, doc, txn_id=txn_id, kind="application", service_code="PENSION-ENROL",
                        device_id=device_id)
    return WireItem(txn_id=txn_id, kind="application", service_code="PENSION-ENROL", acceptance_no="SL" + txn_id[:8],
                    created_at="2026-11-23T10:00:00+00:00", epoch_id=epoch.epoch_hex, sealed=protocol.b64e(blob))


def post_batch(hub, state, signer, items, *, signature=None, checkpoint=None, raw_body=None):
    batch = Batch(device_id=state.device_id, batch_id=uuid.uuid4().hex, sent_at="now", items=tuple(items),
                  checkpoint=checkpoint)
    body = raw_body or protocol.canonical_json(batch.model_dump())
    sig = signature if signature is not None else signing.sign_body(signer, body)
    return requests.post(f"{hub.url}/v1/batches", data=gzip.compress(body), timeout=10,
                         verify=str(hub.cert_file),
                         headers={"Content-Encoding": "gzip", protocol.DEVICE_HEADER: state.device_id,
                                  protocol.SIGNATURE_HEADER: protocol.b64e(sig)})


@pytest.fixture
def enrolled(hub, tmp_path):
    data_dir = tmp_path / "kiosk"
    state = identity.enrol(data_dir, hub.url, hub.token("示范村"), "intl")
    hub_public = load_device_keys(data_dir).hub_public
    return data_dir, state, identity.device_signer(data_dir), hub_public


def test_enrolment_pins_the_certificate_and_the_token_works_once(hub, tmp_path):
    token = hub.token("李家村")
    state = identity.enrol(tmp_path / "k1", hub.url, token, "gm")
    assert state.village == "李家村" and state.device_id.startswith("K")
    pinned = (tmp_path / "k1" / "keys" / "hub-cert.pem").read_text()
    assert pinned == hub.cert_file.read_text()
    assert f'url = "{hub.url}"' in (tmp_path / "k1" / "config.toml").read_text()
    with pytest.raises(identity.EnrolError) as err:
        identity.enrol(tmp_path / "k2", hub.url, token, "gm")
    assert "注册码无效" in err.value.message
    with pytest.raises(identity.EnrolError) as err:
        identity.enrol(tmp_path / "k3", hub.url, token, "gm", expect_fingerprint="00" * 32)
    assert "证书" in err.value.message
    assert "李家村" in hub.cli("devices", "list").stdout


def test_batch_is_decrypted_deduplicated_and_answered_per_item(hub, enrolled):
    _dir, state, signer, hub_public = enrolled
    epoch = sealing.Epoch.start(get_suite("intl"), hub_public)
    a, b = sealed_item(hub_public, state.device_id, epoch=epoch), sealed_item(hub_public, state.device_id, epoch=epoch)
    bad = a.model_copy(update={"txn_id": uuid.uuid4().hex})  # AAD binds txn_id: cannot be moved to another id
    r = post_batch(hub, state, signer, [a, b, bad])
    assert r.status_code == 200, r.text
    got = {x["txn_id"]: x["status"] for x in r.json()["receipts"]}
    assert got == {a.txn_id: "accepted", b.txn_id: "accepted", bad.txn_id: "rejected"}
    r2 = post_batch(hub, state, signer, [b, a])
    assert {x["status"] for x in r2.json()["receipts"]} == {"duplicate"}
    out = hub.cli("applications", "list", "--json", "--device", state.device_id).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(x["txn_id"] for x in rows) == sorted([a.txn_id, b.txn_id])


def test_forged_signature_unknown_device_and_revoked_device_are_refused(hub, enrolled):
    _dir, state, signer, hub_public = enrolled
    item = sealed_item(hub_public, state.device_id)
    forger = signing.generate("intl")
    r = post_batch(hub, state, forger, [item])
    assert r.status_code == 401 and r.json()["code"] == "bad_signature"
    r = post_batch(hub, state, signer, [item], signature=b"\0" * 64)
    assert r.status_code == 401
    hub.cli("devices", "revoke", state.device_id)
    r = post_batch(hub, state, signer, [item])
    assert r.status_code == 403 and r.json()["message"] == "设备证书已失效，请联系管理员"
    assert hub.cli("applications", "list", "--json", "--device", state.device_id).stdout.strip() == ""
    assert "REVOKED" in hub.cli("devices", "list").stdout


def test_malformed_bodies_get_a_clear_400(hub, enrolled):
    _dir, state, signer, _pub = enrolled
    r = post_batch(hub, state, signer, [], raw_body=b'{"v":1,"device_id":"x"}')
    assert r.status_code == 400 and "Batch" in r.json()["detail"]
    r = requests.post(f"{hub.url}/v1/batches", data=b"\x1f\x8bnot gzip", verify=str(hub.cert_file), timeout=10,
                      headers={"Content-Encoding": "gzip", protocol.DEVICE_HEADER: state.device_id})
    assert r.status_code == 400 and "gzip" in r.json()["detail"]


def test_a_checkpoint_that_does_not_extend_the_last_one_is_flagged(hub, enrolled):
    from sync.protocol import ChainLink, Checkpoint

    _dir, state, signer, hub_public = enrolled

    def cp(seq, head, links):
        return Checkpoint(device_id=state.device_id, seq=seq, head_hash=head, time="t", links=links)

    good = cp(2, "h2", (ChainLink(seq=1, prev_hash="h0", hash="h1"), ChainLink(seq=2, prev_hash="h1", hash="h2")))
    r = post_batch(hub, state, signer, [sealed_item(hub_public, state.device_id)], checkpoint=good)
    # the store's own checkpoint signature is missing here, so even a well-chained one is flagged
    assert r.json()["checkpoint"] == "flagged"
    rewritten = cp(3, "h3", (ChainLink(seq=3, prev_hash="hX", hash="h3"),))  # history rewritten behind it
    r = post_batch(hub, state, signer, [], checkpoint=rewritten)
    assert r.json()["checkpoint"] == "flagged"
    out = hub.cli("checkpoints", "list", state.device_id).stdout
    assert out.count("flagged") == 2 and "signature does not verify" in out
    assert "FLAGGED" in hub.cli("devices", "list").stdout.split(state.device_id)[1].splitlines()[0]


def test_enrolment_tokens_can_be_typed_after_token_on_a_command_line(tmp_path):
    # A token starting with '-' made `kiosk enroll --token -Xy…` fail (argparse took it for an option).
    from sync.hub.storage import HubDB
    storage = HubDB(f"sqlite:///{tmp_path / 'hub.db'}")
    try:
        drawn = [storage.create_token("示范村") for _ in range(400)]
    finally:
        storage.close()
    assert all(t[0].isalnum() and t.isascii() and t.isalnum() and len(t) >= 32 for t in drawn), \
        [t for t in drawn if not t.isalnum()][:3]
    assert len(set(drawn)) == len(drawn)
