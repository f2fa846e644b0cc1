"""App updates from the hub, end to end on real parts: `kiosk-hub update make|publish` on a real hub on
loopback, the kiosk's client fetching through the fault proxy (a reply cut mid-body, then resumed with
Range), the verified bundle in updates/ready, and `kiosk-update apply-ready` installing it into an app
tree in tmp with the key enrolment wrote. A bundle changed on the hub after publishing, or signed by
another key, never reaches ready/.

The app wheels are the stand-ins of tests/installer/test_update_bundle.py; a catalog file of random bytes
makes the bundle big enough (~300 KB) that a cut leaves a real part behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import threading

import pytest

from kiosk import config as config_mod
from sync import protocol, signing
from sync.client import identity
from sync.client.sender import SyncClient
from sync.client.service import make_client
from sync.client.store_link import StoreCheckpoints
from sync.client.updates import UpdateFolder, fetch_update, pinned_key, restart_due
from sync.hub import keys as hub_keys
from sync.hub import updates as hub_updates
from sync.hub.storage import HubDB
from tests.installer.test_update_bundle import fake_app_wheel
from tests.support.hub import REPO
from tests.support.pcsc import wait_until
from tests.sync import test_sync_faults

rig = test_sync_faults.rig  # the fault tests' fixture: an enrolled kiosk behind the fault proxy

RUNNING = "1.0"  # what the kiosk "runs": the stand-in tree below is installed at this version
tool = protocol.app_bundle_tool()


def bundle_parts(tmp_path, version: str, *, healthy: bool = True):
    wheels, catalog = tmp_path / f"wheels-{version}", tmp_path / f"catalog-{version}"
    fake_app_wheel(wheels, version, healthy=healthy)
    catalog.mkdir()
    (catalog / "catalog.json").write_text(json.dumps({"version": version}))
    (catalog / "padding.bin").write_bytes(os.urandom(300_000))
    return wheels, catalog


def make_and_publish(hub, tmp_path, version: str, *, through_cli: bool = False):
    """What `kiosk-hub update make` + `update publish` do; in-process unless ``through_cli`` (quicker)."""
    wheels, catalog = bundle_parts(tmp_path, version)
    out = tmp_path / f"{version}.bundle"
    if through_cli:
        hub.cli("update", "make", "--version", version, "--wheels", str(wheels), "--catalog", str(catalog),
                "--requirement", "village-kiosk", "--suite", "intl", "--out", str(out))
        assert f"published version {version} (intl" in hub.cli("update", "publish", str(out)).stdout
        return out
    keys, db = hub_keys.load_or_create(hub.folder / "keys"), HubDB(f"sqlite:///{hub.folder / 'hub.db'}")
    try:
        hub_updates.make(keys, "intl", out, version, wheels, catalog, "village-kiosk")
        assert hub_updates.publish(db, keys, out).version == version
    finally:
        db.close()
    return out


def fetch(rig, client, **kw):
    return fetch_update(client.session, client.link, pinned_key(rig.data_dir), UpdateFolder(rig.data_dir),
                        running=RUNNING, **kw)


def kiosk_cli(data_dir, *args):
    env = dict(os.environ, KIOSK_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=60, check=True).stdout


def byte_requests(rig, version: str) -> list[dict]:
    """Headers of the requests for the bundle's bytes that went through the proxy, in order."""
    return [headers for (_m, path, _f), (headers, _b) in zip(rig.proxy.seen.requests, rig.proxy.seen.bodies,
                                                             strict=True)
            if path == f"/v1/app-update/intl/{version}"]


def test_cut_download_resumes_with_range_lands_in_ready_and_apply_ready_installs_it(rig, hub, tmp_path):
    published = make_and_publish(hub, tmp_path, "5.0.1", through_cli=True)
    size, sha = published.stat().st_size, hashlib.sha256(published.read_bytes()).hexdigest()
    assert f"5.0.1  intl  {size} B  sha256 {sha[:16]}" in hub.cli("update", "list").stdout
    client = rig.client()
    rig.proxy.plan("pass", "truncate_reply")  # the index passes; the bytes are cut halfway
    first = fetch(rig, client, chunk_bytes=size)
    assert first.state == "downloading" and 0 < first.have < size, first
    assert UpdateFolder(rig.data_dir).ready_bundles() == []
    second = fetch(rig, client, chunk_bytes=size)
    assert second.state == "ready" and second.have == size, second

    asked = [h.get("range") for h in byte_requests(rig, "5.0.1")]
    assert asked == [f"bytes=0-{size - 1}", f"bytes={first.have}-{size - 1}"]
    fetched = first.fetched + second.fetched
    assert fetched == size < 2 * size  # resumed: what arrived before the cut was not fetched again
    ready = rig.data_dir / "updates/ready/village-kiosk-5.0.1-intl.bundle"
    assert hashlib.sha256(ready.read_bytes()).hexdigest() == sha
    assert not list((rig.data_dir / "updates/partial").iterdir())
    assert fetch(rig, client).state == "ready" and len(byte_requests(rig, "5.0.1")) == 2  # not fetched again
    assert "新版本 5.0.1 已下载并校验，等待安装" in kiosk_cli(rig.data_dir, "update", "status")
    client.stop()
    with identity.pinned_session(str(hub.cert_file)) as direct:  # the hub itself: a range, one past the end
        url = f"{hub.url}/v1/app-update/intl/5.0.1"
        part = direct.get(url, headers={"Range": "bytes=100-199"}, timeout=10)
        assert part.status_code == 206 and part.headers["content-range"] == f"bytes 100-199/{size}"
        assert part.content == published.read_bytes()[100:200]
        assert direct.get(url, headers={"Range": f"bytes={size}-"}, timeout=10).status_code == 416
        assert direct.get(f"{hub.url}/v1/app-update/intl/9.9.9", timeout=10).status_code == 404

    # root's side: the key enrolment wrote, pinned by root as /usr/bin/kiosk does after `kiosk enroll`
    assert json.loads((rig.data_dir / "keys/bundle-signing.pub.json").read_text())["suite"] == "intl"
    pin = tmp_path / "etc/bundle-signing.pub.json"
    assert tool.main(["trust-enrolled-key", "--data-dir", str(rig.data_dir), "--pinned-key", str(pin)]) == 0
    root = tmp_path / "opt"
    wheels = tmp_path / "wheels-1.0"
    fake_app_wheel(wheels, "1.0", healthy=True)
    assert tool.main(["--root", str(root), "install-wheelhouse", "--version", "1.0", "--wheels", str(wheels),
                      "--requirement", "village-kiosk"]) == 0
    assert tool.main(["--root", str(root), "apply-ready", "--data-dir", str(rig.data_dir),
                      "--pinned-key", str(pin)]) == 0
    tree = tool.AppTree(root)
    assert tree.current_version() == "5.0.1"
    assert json.loads((tree.current / "catalog/catalog.json").read_text()) == {"version": "5.0.1"}
    assert sorted(p.name for p in (rig.data_dir / "updates/done").iterdir()) == [ready.name]
    result = json.loads((rig.data_dir / "updates/result.json").read_text())
    assert (result["outcome"], result["version"], result["before"]) == ("applied", "5.0.1", "1.0")
    status = kiosk_cli(rig.data_dir, "update", "status")
    assert "上次安装：版本 5.0.1 已更新到新版本" in status and "等待安装" not in status


def test_bundle_changed_on_the_hub_after_publishing_is_refused_and_never_ready(rig, hub, tmp_path):
    make_and_publish(hub, tmp_path, "5.0.2")
    stored = hub.folder / "updates" / "village-kiosk-5.0.2-intl.bundle"
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0x01
    stored.write_bytes(bytes(data))
    client = rig.client()
    try:
        got = fetch(rig, client)
        assert got.state == "refused" and got.reason == "县平台下发的更新包校验失败，未安装"
        folder = UpdateFolder(rig.data_dir)
        assert folder.ready_bundles() == [] and not list(folder.partial.iterdir())
        assert "SHA-256" in folder.download()["detail"]
        assert fetch(rig, client).state == "refused" and len(byte_requests(rig, "5.0.2")) == 1  # not again
    finally:
        client.stop()
    assert "县平台的新版本 5.0.2 校验失败，未安装" in kiosk_cli(rig.data_dir, "update", "status")


def test_bundle_signed_by_another_key_is_refused_by_the_hub_cli_and_by_the_kiosk(rig, hub, tmp_path):
    wheels, catalog = bundle_parts(tmp_path, "5.0.3")
    foreign = tmp_path / "foreign.bundle"
    other = signing.generate("intl")
    tool.make_bundle(foreign, "5.0.3", wheels, catalog, "village-kiosk",
                     {"suite": "intl", "private": other.private.hex()})
    refused = hub.cli("update", "publish", str(foreign), check=False)
    assert refused.returncode == 2 and "not a bundle signed by this hub" in refused.stderr
    # a hub whose key was swapped (or a meddler with its disk) serves it anyway
    db = HubDB(f"sqlite:///{hub.folder / 'hub.db'}")
    try:
        hub_updates.store(db, hub.folder / "updates", "intl", "5.0.3", foreign)
    finally:
        db.close()
    client = rig.client()
    try:
        got = fetch(rig, client)
    finally:
        client.stop()
    assert got.state == "refused" and got.have == 0
    assert "signature does not match" in UpdateFolder(rig.data_dir).download()["detail"]
    assert UpdateFolder(rig.data_dir).ready_bundles() == []


def test_the_apps_sync_thread_fetches_the_update_once_the_outbox_is_drained(rig, hub, tmp_path):
    make_and_publish(hub, tmp_path, "5.0.4")
    txn_ids = rig.add(3)
    client = make_client(rig.data_dir, config_mod.load(rig.data_dir / "config.toml"), rig.outbox)
    ready = rig.data_dir / "updates/ready/village-kiosk-5.0.4-intl.bundle"
    client.start()
    try:
        assert wait_until(ready.exists, timeout=30), UpdateFolder(rig.data_dir).download()
    finally:
        client.stop()
    rig.exactly_once(txn_ids)  # the outbox went first
    assert UpdateFolder(rig.data_dir).download()["state"] == "ready"
    again = json.loads(kiosk_cli(rig.data_dir, "sync", "now", "--json"))
    assert again["ok"] and again["app_update"]["state"] == "ready" and again["app_update"]["fetched"] == 0


def test_a_bundle_not_newer_than_the_running_version_is_not_even_downloaded(rig, hub, tmp_path):
    make_and_publish(hub, tmp_path, "0.9.1")
    client = rig.client()
    try:
        for running in ("1.0", "0.9.1"):  # older than what runs, or the same
            assert fetch_update(client.session, client.link, pinned_key(rig.data_dir), UpdateFolder(rig.data_dir),
                                running=running).state == "current"
        assert byte_requests(rig, "0.9.1") == [] and UpdateFolder(rig.data_dir).download() == {}
        newer = fetch_update(client.session, client.link, pinned_key(rig.data_dir), UpdateFolder(rig.data_dir),
                             running="0.9")
    finally:
        client.stop()
    assert newer.state == "ready" and len(byte_requests(rig, "0.9.1")) == 1  # the same index, a newer kiosk


STARTED = dt.datetime(2026, 11, 23, 10, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("result", "due"), [
    ({"outcome": "applied", "current": "1.1", "at": "2026-11-23T10:05:00+00:00"}, True),
    ({"outcome": "applied", "current": "1.1", "at": "2026-11-23T09:55:00+00:00"}, False),  # before this process
    ({"outcome": "applied", "current": "1.0", "at": "2026-11-23T10:05:00+00:00"}, False),  # what this process runs
    ({"outcome": "rolled_back", "current": "1.0", "at": "2026-11-23T10:05:00+00:00"}, False),
    ({"outcome": "refused", "current": "1.0", "at": "2026-11-23T10:05:00+00:00"}, False),
    ({"outcome": "applied", "current": "1.1", "at": "yesterday"}, False),
    ({}, False),  # nothing applied yet
])
def test_restart_is_due_only_after_a_newer_version_was_applied_while_this_process_ran(result, due):
    assert restart_due(result, STARTED, "1.0") is due


def test_after_drain_hooks_run_on_the_sender_thread_once_the_outbox_is_empty(rig):
    """The public hook the app's downlink and update fetch use (sync/client/service.py)."""
    txn_ids = rig.add(3)
    calls, called = [], threading.Event()

    def crashing(_client):
        raise RuntimeError("a bug in another hook")

    def record(client):
        counts = client.outbox.stats().counts
        calls.append((threading.current_thread().name, counts.get("queued", 0) + counts.get("sent", 0)))
        called.set()

    client = SyncClient(rig.outbox, rig.link(), interval_s=60.0, checkpoints=StoreCheckpoints(rig.outbox),
                        hub_checkpoint_seq=rig.device().checkpoint_seq, after_drain=[crashing, record])
    client.start()
    try:
        assert called.wait(30)
    finally:
        client.stop()
    assert calls == [("sync-sender", 0)]  # once, after the items went, despite the hook before it
    rig.exactly_once(txn_ids)
    by_hand = SyncClient(rig.outbox, rig.link(), after_drain=[record])
    try:
        rig.add(1)
        assert by_hand.drain().sent == 1 and len(calls) == 1  # `kiosk sync now` fetches by itself, after drain
    finally:
        by_hand.stop()
