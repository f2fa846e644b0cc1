"""The user's path through the real commands: enrol, simulate, sync now, see all at the hub; bundles down."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sync import protocol
from sync.client.downlink import BundleError, BundleShelf, verify_bundle
from tests.support.hub import REPO


def kiosk(data_dir, *args, check=True):
    env = dict(os.environ, KIOSK_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=120, check=check)


def test_enrol_simulate_sync_and_every_application_is_at_the_hub(hub, tmp_path):
    data = tmp_path / "kiosk"
    out = kiosk(data, "enroll", "--hub", hub.url, "--token", hub.token("王家村"), "--suite", "intl").stdout
    assert "已注册到县平台" in out
    kiosk(data, "simulate", "--transactions", "30")
    result = json.loads(kiosk(data, "sync", "now", "--json").stdout)
    assert result["ok"] and result["accepted"] == 30 and result["queue"]["acknowledged"] == 30
    status = json.loads(kiosk(data, "sync", "status", "--json").stdout)
    assert status["queue"]["queued"] == 0 and status["hub_checkpoint_seq"] > 30
    rows = [json.loads(x) for x in hub.cli("applications", "list", "--json", "--device",
                                           status["device_id"]).stdout.splitlines()]
    assert len(rows) == 30 == len({r["txn_id"] for r in rows})
    assert "ok" in hub.cli("devices", "list").stdout.split(status["device_id"])[1].splitlines()[0]
    assert kiosk(data, "audit", "verify").returncode == 0
    # a second run has nothing to send
    again = json.loads(kiosk(data, "sync", "now", "--json").stdout)
    assert again["sent"] == 0 and again["ok"]


def test_sync_now_with_the_hub_unreachable_says_why_in_plain_chinese(hub, tmp_path):
    data = tmp_path / "kiosk"
    kiosk(data, "enroll", "--hub", hub.url, "--token", hub.token(), "--suite", "intl")
    kiosk(data, "simulate", "--transactions", "2")
    cfg = (data / "sync" / "state.json")
    state = json.loads(cfg.read_text())
    state["hub_url"] = "https://127.0.0.1:9"  # discard port: nothing listens
    cfg.write_text(json.dumps(state))
    r = kiosk(data, "sync", "now", "--tries", "1", check=False)
    assert r.returncode == 2 and "网络未连接" in r.stderr and "Traceback" not in r.stderr
    assert json.loads(kiosk(data, "sync", "status", "--json").stdout)["queue"]["sent"] == 2


def test_bundles_are_verified_applied_atomically_and_can_be_rolled_back(hub, tmp_path):
    data = tmp_path / "kiosk"
    kiosk(data, "enroll", "--hub", hub.url, "--token", hub.token(), "--suite", "intl")
    for n in (1, 2):
        f = tmp_path / f"jobs{n}.json"
        f.write_text(json.dumps({"postings": [f"岗位{n}"]}, ensure_ascii=False))
        hub.cli("bundle", "publish", "--kind", "jobs", str(f))
        kiosk(data, "sync", "now")
    shelf = BundleShelf(data)
    assert shelf.current_version("jobs") >= 2
    latest = shelf.current_version("jobs")
    assert shelf.content("jobs") == {"postings": ["岗位2"]}
    kiosk(data, "sync", "rollback", "--kind", "jobs")
    assert shelf.current_version("jobs") == latest - 1 and shelf.content("jobs") == {"postings": ["岗位1"]}

    raw = (data / "bundles" / "jobs" / f"v{latest}.json").read_bytes()
    key = (data / "keys" / "hub-signing.pub").read_text()
    assert verify_bundle(raw, "intl", key).version == latest
    forged = raw.replace("岗位2".encode(), "岗位X".encode())
    with pytest.raises(BundleError, match="signature"):
        verify_bundle(forged, "intl", key)
    with pytest.raises(BundleError, match="digest"):
        verify_bundle(raw, "intl", key, expected_sha256="0" * 64)
    doc = json.loads(raw)
    doc["signatures"] = {}
    with pytest.raises(BundleError):
        verify_bundle(protocol.canonical_json(doc), "intl", key)
