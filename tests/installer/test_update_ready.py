"""`kiosk-update apply-ready` (root, from village-kiosk-update.service): what the unprivileged sync client
left in <data dir>/updates/ready is applied with root's pinned key (written by `trust-enrolled-key` when
the technician enrolled the kiosk), filed under done/ or refused/, and the outcome written to
updates/result.json for `kiosk update status`. A version that fails its health check is rolled back; a
foreign, tampered, linked or older bundle changes nothing, and without a pinned key nothing is applied
(the key in the app-writable data dir is never trusted by itself).

Real pip into real venvs with the stand-in app wheels of test_update_bundle.py.
"""

from __future__ import annotations

import json
import os

import pytest

from sync import signing
from tests.installer import test_update_bundle as base
from tests.installer.test_update_bundle import bundle, kiosk_update, public_of, snapshot

hub_key, tree, light_tree = base.hub_key, base.tree, base.light_tree  # its fixtures, shared


@pytest.fixture
def data_dir(tmp_path, hub_key):
    """A kiosk data dir as enrolment leaves it: the hub's bundle-signing key in keys/."""
    d = tmp_path / "var-lib-village-kiosk"
    (d / "keys").mkdir(parents=True)
    (d / "keys/bundle-signing.pub.json").write_text(json.dumps(public_of(hub_key)))
    (d / "updates/ready").mkdir(parents=True)
    return d


@pytest.fixture
def pinned(data_dir, tmp_path):
    """Root's pin, as /usr/bin/kiosk leaves it after `kiosk enroll` (kiosk-update trust-enrolled-key)."""
    pin = tmp_path / "etc/village-kiosk/bundle-signing.pub.json"
    assert kiosk_update.main(["trust-enrolled-key", "--data-dir", str(data_dir), "--pinned-key", str(pin)]) == 0
    return pin


def apply_ready(tree, data_dir, pinned, *extra) -> int:
    return kiosk_update.main(["--root", str(tree.root), "apply-ready", "--data-dir", str(data_dir),
                              "--pinned-key", str(pinned), *extra])


def result(data_dir) -> dict:
    return json.loads((data_dir / "updates/result.json").read_text())


def test_ready_bundle_is_applied_filed_and_reported_then_a_failing_one_rolls_back(tree, data_dir, pinned, tmp_path,
                                                                                  hub_key):
    good = bundle(tmp_path, hub_key, "1.1")
    os.replace(good, data_dir / "updates/ready" / good.name)
    assert apply_ready(tree, data_dir, pinned) == 0
    assert tree.current_version() == "1.1"
    assert os.listdir(data_dir / "updates/ready") == []
    assert os.listdir(data_dir / "updates/done") == [good.name]
    r = result(data_dir)
    assert (r["outcome"], r["version"], r["before"], r["current"]) == ("applied", "1.1", "1.0", "1.1")
    assert r["message"] == "已更新到新版本"
    assert (data_dir / "updates/result.json").stat().st_mode & 0o777 == 0o644  # the app user reads it

    bad = bundle(tmp_path, hub_key, "2.0", healthy=False)
    os.replace(bad, data_dir / "updates/ready" / bad.name)
    assert apply_ready(tree, data_dir, pinned) == 3
    assert tree.current_version() == "1.1" and tree.state()["bad"] == ["2.0"]
    assert os.listdir(data_dir / "updates/refused") == [bad.name]
    r = result(data_dir)
    assert (r["outcome"], r["version"], r["current"]) == ("rolled_back", "2.0", "1.1")
    assert r["message"] == "新版本自检未通过，已回退到原版本"


def test_foreign_key_link_and_missing_pin_are_refused_with_nothing_changed(light_tree, data_dir, pinned, tmp_path,
                                                                          hub_key, capsys):
    before = snapshot(light_tree)
    ready = data_dir / "updates/ready"
    (tmp_path / "other").mkdir()
    foreign = bundle(tmp_path / "other", signing.generate("intl"), "1.2")
    os.replace(foreign, ready / foreign.name)
    assert apply_ready(light_tree, data_dir, pinned) == 2
    assert result(data_dir)["outcome"] == "refused" and "signature does not match" in result(data_dir)["detail"]

    secret = tmp_path / "secret.txt"
    secret.write_text("root only")
    (ready / "evil.bundle").symlink_to(secret)
    assert apply_ready(light_tree, data_dir, pinned) == 2
    assert result(data_dir)["detail"] == "not a regular file" and secret.read_text() == "root only"
    assert sorted(os.listdir(data_dir / "updates/refused")) == ["evil.bundle", foreign.name]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.rename(data_dir / "updates/refused", tmp_path / "refused-aside")
    (data_dir / "updates/refused").symlink_to(elsewhere)
    (tmp_path / "again").mkdir()
    again = bundle(tmp_path / "again", hub_key, "1.4")
    os.replace(again, ready / again.name)
    assert apply_ready(light_tree, data_dir, pinned) == 2
    assert os.listdir(elsewhere) == [] and os.listdir(ready) == [again.name]  # nothing moved through the link
    (data_dir / "updates/refused").unlink()
    os.rename(tmp_path / "refused-aside", data_dir / "updates/refused")
    (ready / again.name).unlink()

    pinned.unlink()  # enrolled (the key is in the data dir) but never pinned by root: not trusted by itself
    good = bundle(tmp_path, hub_key, "1.3")
    os.replace(good, ready / good.name)
    capsys.readouterr()
    assert apply_ready(light_tree, data_dir, pinned) == 2
    assert not pinned.exists()  # nothing copied from the data dir
    r = result(data_dir)
    assert r["outcome"] == "refused" and f"no bundle-signing key pinned at {pinned}" in r["detail"]
    assert r["message"] == "终端还没有信任县平台的更新签名密钥，未安装：请技术员以 root 运行 kiosk-update trust-enrolled-key"
    log_line = capsys.readouterr().err  # the journal's line says what the technician runs
    assert f"refused: no bundle-signing key pinned at {pinned}: after kiosk enroll, run kiosk-update " \
           "trust-enrolled-key as root" in log_line
    assert snapshot(light_tree) == before and os.listdir(ready) == []
    assert len(os.listdir(data_dir / "updates/refused")) == kiosk_update.KEPT_FILED  # the oldest dropped


def test_nothing_ready_is_a_quiet_success(light_tree, data_dir, pinned):
    assert apply_ready(light_tree, data_dir, pinned) == 0
    assert not (data_dir / "updates/result.json").exists()


def test_the_pin_is_roots_copy_a_key_swapped_into_the_data_dir_later_installs_nothing(light_tree, data_dir,
                                                                                     pinned, tmp_path, hub_key):
    """The data dir is the unprivileged app's: after enrolment, root trusts only its own copy."""
    assert json.loads(pinned.read_text()) == public_of(hub_key) and pinned.stat().st_mode & 0o777 == 0o644
    attacker = signing.generate("intl")
    (data_dir / "keys/bundle-signing.pub.json").write_text(json.dumps(public_of(attacker)))
    ready = data_dir / "updates/ready"
    (tmp_path / "evil").mkdir()
    evil = bundle(tmp_path / "evil", attacker, "6.6")
    os.replace(evil, ready / evil.name)
    before = snapshot(light_tree)
    assert apply_ready(light_tree, data_dir, pinned) == 2
    assert "signature does not match" in result(data_dir)["detail"]
    assert snapshot(light_tree) == before and json.loads(pinned.read_text()) == public_of(hub_key)


@pytest.mark.parametrize("version", ["1.0", "0.9", "1.0.0", "1.0rc1"])
def test_a_bundle_not_newer_than_the_running_version_is_refused(light_tree, data_dir, pinned, tmp_path, hub_key,
                                                                version):
    """A properly signed old bundle is a rollback attack: refused, nothing changed (the tree runs 1.0)."""
    old = bundle(tmp_path, hub_key, version)
    os.replace(old, data_dir / "updates/ready" / old.name)
    before = snapshot(light_tree)
    assert apply_ready(light_tree, data_dir, pinned) == 2
    r = result(data_dir)
    assert (r["outcome"], r["version"], r["current"]) == ("refused", version, "1.0")
    assert r["message"] == "更新包的版本不比当前版本新，未安装（不能退回旧版本）"
    assert snapshot(light_tree) == before
