"""Offline update bundles (installer/kiosk_update.py): a signed bundle installs beside the running
version and switches atomically; a bad, tampered or foreign-signed bundle is refused with nothing
changed; a version that fails its health check is rolled back and not taken again.

The wheels here are tiny stand-ins for the app (a `kiosk` command that passes or fails `kiosk diag`),
built as real wheels and installed by real pip into real venvs, so each case stays a few seconds.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import os
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from sync import signing

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("kiosk_update", REPO / "installer/kiosk_update.py")
kiosk_update = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kiosk_update)


def fake_app_wheel(folder: Path, version: str, *, healthy: bool) -> Path:
    """A real wheel named village-kiosk whose `kiosk` lists `diag` in its help and passes it or not."""
    folder.mkdir(parents=True, exist_ok=True)
    dist = f"village_kiosk-{version}.dist-info"
    files = {
        "fake_kiosk_app.py": (
            "import sys\n"
            f"HEALTHY = {healthy}\n"
            "def main():\n"
            "    if sys.argv[1:] == ['--help']:\n"
            "        print('usage: kiosk COMMAND\\n  diag      post-install check')\n"
            "        return 0\n"
            "    return 0 if HEALTHY else 1\n"
        ),
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: village-kiosk\nVersion: {version}\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{dist}/entry_points.txt": "[console_scripts]\nkiosk = fake_kiosk_app:main\n",
    }
    record = []
    for name, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(text.encode())}")
    files[f"{dist}/RECORD"] = "\n".join([*record, f"{dist}/RECORD,,"]) + "\n"
    wheel = folder / f"village_kiosk-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return wheel


@pytest.fixture(scope="module")
def hub_key():
    return signing.generate("intl")


def public_of(key) -> dict:
    return {"suite": key.suite, "public": key.public_text}


def private_of(key) -> dict:
    return {"suite": key.suite, "private": key.private.hex()}


def bundle(tmp_path: Path, key, version: str, *, healthy: bool = True) -> Path:
    wheels = tmp_path / f"wheels-{version}"
    fake_app_wheel(wheels, version, healthy=healthy)
    catalog = tmp_path / f"catalog-{version}"
    catalog.mkdir()
    (catalog / "catalog.json").write_text(json.dumps({"version": version, "services": []}))
    out = tmp_path / f"village-kiosk-{version}.bundle"
    kiosk_update.make_bundle(out, version, wheels, catalog, "village-kiosk", private_of(key))
    return out


@pytest.fixture
def tree(tmp_path) -> kiosk_update.AppTree:
    """An app tree running version 1.0, installed as postinst does it."""
    wheels = tmp_path / "wheels-1.0"
    fake_app_wheel(wheels, "1.0", healthy=True)
    root = tmp_path / "opt"
    assert kiosk_update.main(["--root", str(root), "install-wheelhouse", "--version", "1.0",
                              "--wheels", str(wheels), "--requirement", "village-kiosk"]) == 0
    return kiosk_update.AppTree(root)


@pytest.fixture
def light_tree(tmp_path) -> kiosk_update.AppTree:
    """A tree that looks as if 1.0 runs, without a venv: for refusals, which must not get that far."""
    root = tmp_path / "light"
    (root / "versions/1.0").mkdir(parents=True)
    (root / "versions/1.0/COMPLETE").write_text("1.0")
    tree = kiosk_update.AppTree(root)
    tree.switch("1.0")
    return tree


def snapshot(tree) -> tuple:
    return tree.current_version(), sorted(p.name for p in tree.versions.iterdir()), tree.state()


def test_good_bundle_installs_switches_and_keeps_the_previous_version(tree, tmp_path, hub_key, capsys):
    key_file = tmp_path / "hub.pub.json"
    key_file.write_text(json.dumps(public_of(hub_key)))
    path = bundle(tmp_path, hub_key, "1.1")
    assert kiosk_update.main(["--root", str(tree.root), "apply", str(path), "--public-key", str(key_file)]) == 0
    assert "更新完成：当前版本 1.1" in capsys.readouterr().out
    assert tree.current_version() == "1.1"
    assert json.loads((tree.current / "catalog/catalog.json").read_text())["version"] == "1.1"
    assert (tree.current / "venv/bin/kiosk").exists()
    assert sorted(p.name for p in tree.versions.iterdir()) == ["1.0", "1.1"]
    assert "pending" not in tree.state()
    assert not list(tree.root.glob(".staging-*")) and not (tree.root / ".current.new").exists()


def test_failing_version_is_rolled_back_and_not_taken_again(tree, tmp_path, hub_key):
    path = bundle(tmp_path, hub_key, "2.0", healthy=False)
    assert kiosk_update.apply_bundle(tree, path, public_of(hub_key)) is False
    assert tree.current_version() == "1.0"
    assert tree.state()["bad"] == ["2.0"]
    with pytest.raises(kiosk_update.BundleRefused, match="failed its health check before"):
        kiosk_update.apply_bundle(tree, path, public_of(hub_key))


def test_rollback_at_next_start_when_the_trial_was_cut_short(tree, tmp_path, hub_key):
    """Power cut after the switch, before the check: the service's ExecStartPre finishes the job."""
    wheels = tmp_path / "wheels-3.0"
    fake_app_wheel(wheels, "3.0", healthy=False)
    tree.build("3.0", wheels, "village-kiosk")
    tree.start_trial("3.0")
    assert tree.current_version() == "3.0"
    assert kiosk_update.main(["--root", str(tree.root), "confirm-or-rollback"]) == 3
    assert tree.current_version() == "1.0"
    assert kiosk_update.main(["--root", str(tree.root), "confirm-or-rollback"]) == 0  # nothing on trial


def _tamper(path: Path, out: Path, change) -> Path:
    with tarfile.open(path) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    change(members)
    with tarfile.open(out, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


def _flip_wheel_byte(members):
    name = next(n for n in members if n.endswith(".whl"))
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0x01
    members[name] = bytes(data)


def _raise_version(members):
    manifest = json.loads(members["manifest.json"])
    manifest["version"] = "9.9"
    members["manifest.json"] = json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_flip_wheel_byte, "does not match its checksum"),
        (_raise_version, "signature does not match"),
        (lambda m: m.update({"catalog/extra.json": b"{}"}), "members differ"),
        (lambda m: m.pop("manifest.sig"), "manifest or signature missing"),
        (lambda m: m.update({"manifest.sig": b"zz"}), "signature is not hex"),
    ],
)
def test_tampered_bundles_are_refused_and_nothing_changes(light_tree, tmp_path, hub_key, change, reason):
    tree = light_tree
    before = snapshot(tree)
    bad = _tamper(bundle(tmp_path, hub_key, "1.2"), tmp_path / "bad.bundle", change)
    with pytest.raises(kiosk_update.BundleRefused, match=reason):
        kiosk_update.apply_bundle(tree, bad, public_of(hub_key))
    assert snapshot(tree) == before


def test_other_keys_links_and_garbage_are_refused(tmp_path, hub_key):
    for suite in ("intl", "gm"):
        other = signing.generate(suite)
        with pytest.raises(kiosk_update.BundleRefused, match="signature does not match"):
            kiosk_update.verify_bundle(bundle(tmp_path / suite, other, "1.3"), public_of(hub_key))
    gm_key = signing.generate("gm")
    manifest, _ = kiosk_update.verify_bundle(bundle(tmp_path / "gm-ok", gm_key, "1.4"), public_of(gm_key))
    assert manifest["version"] == "1.4"

    linked = tmp_path / "link.bundle"
    with tarfile.open(linked, "w") as tar:
        info = tarfile.TarInfo("wheels/evil.whl")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/shadow"
        tar.addfile(info)
    with pytest.raises(kiosk_update.BundleRefused, match="links"):
        kiosk_update.verify_bundle(linked, public_of(hub_key))
    garbage = tmp_path / "garbage.bundle"
    garbage.write_bytes(os.urandom(2048))
    with pytest.raises(kiosk_update.BundleRefused, match="not a readable bundle"):
        kiosk_update.verify_bundle(garbage, public_of(hub_key))


def test_cli_refusal_message_is_plain_chinese(light_tree, tmp_path, hub_key, capsys):
    tree = light_tree
    key_file = tmp_path / "other.pub.json"
    key_file.write_text(json.dumps(public_of(signing.generate("intl"))))
    code = kiosk_update.main(["--root", str(tree.root), "apply", str(bundle(tmp_path, hub_key, "1.5")),
                              "--public-key", str(key_file)])
    assert code == 2
    assert "更新包无效或已被篡改，未安装" in capsys.readouterr().err
    assert tree.current_version() == "1.0"


def test_usb_apply_refuses_an_older_bundle_unless_a_downgrade_is_asked_for_by_hand(tree, tmp_path, hub_key,
                                                                                   capsys):
    key_file = tmp_path / "hub.pub.json"
    key_file.write_text(json.dumps(public_of(hub_key)))
    old = bundle(tmp_path, hub_key, "0.9")
    apply = ["--root", str(tree.root), "apply", str(old), "--public-key", str(key_file)]
    assert kiosk_update.main(apply) == 2
    assert "更新包的版本不比当前版本新，未安装（不能退回旧版本）（version 0.9 is not newer than the running 1.0" \
        in capsys.readouterr().err
    assert tree.current_version() == "1.0" and sorted(p.name for p in tree.versions.iterdir()) == ["1.0"]
    assert kiosk_update.main([*apply, "--allow-downgrade"]) == 0
    assert tree.current_version() == "0.9"


@pytest.mark.parametrize(("candidate", "running", "pep440", "numbers"), [
    ("1.10", "1.9", True, True),
    ("1.9", "1.10", False, False),
    ("2.0", "2.0.0", False, False),
    ("0.2.0", "0.1.0", True, True),
    ("1.3", "1.3rc1", True, False),  # without packaging: same numbers, not newer (refused in doubt)
    ("1.3rc1", "1.3", False, False),
    ("1.3.post1", "1.3", True, False),
    ("1.2~beta", "1.1", True, True),  # not PEP 440: the numbers decide either way
    ("1.0", None, True, True),  # nothing installed yet
])
def test_versions_compare_per_pep_440_or_by_their_release_numbers(monkeypatch, candidate, running, pep440, numbers):
    assert kiosk_update.is_newer(candidate, running) is pep440
    monkeypatch.setitem(sys.modules, "packaging.version", None)  # Debian 12's python3 without python3-packaging
    assert kiosk_update.is_newer(candidate, running) is numbers
