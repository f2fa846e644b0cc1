#!/usr/bin/env python3
"""Offline update bundles, and the versioned app tree they install into.

On a terminal the app lives in ``/opt/village-kiosk``::

    versions/<version>/venv      one venv per installed version, built offline from wheels
    versions/<version>/catalog   the service catalog that came with it
    current -> versions/<version>   the switch: replaced atomically (rename of a new symlink)
    update-state.json            {"pending": v, "previous": p, "bad": [...]} while a new version is on trial

A bundle (made by the hub or a technician's laptop with ``make``) is one tar file: ``manifest.json``
(format, version, requirement, sha256 and size of every other member), ``manifest.sig`` (the hub's
bundle-signing key over manifest.json, either suite of ``sync.signing``), ``wheels/*.whl`` and
``catalog/*``. ``apply`` checks the signature, then every member against the manifest, refuses anything
else (extra, missing, odd paths, links), builds the new version beside the running one, switches, and
runs the health check; a failing check switches back and marks the version bad. The kiosk service runs
``confirm-or-rollback`` before each start, so a version that breaks after a reboot is rolled back too.

From the hub: the sync client (unprivileged, ``sync/client/updates.py``) downloads and verifies a bundle
and moves it into ``<data dir>/updates/ready/``; ``village-kiosk-update.path`` sees it and runs
``apply-ready`` as root, which applies each ready bundle as above, files it under ``done/`` or ``refused/``
and writes ``updates/result.json`` for ``kiosk update status`` and the diagnostics. It never restarts the
app: the app quits by itself once idle at its home screen (``ui/update_watch.py``) and systemd starts the
new version. The key is root's pin, ``/etc/village-kiosk/bundle-signing.pub.json``, which ``/usr/bin/kiosk``
writes (``trust-enrolled-key``) right after the technician's ``kiosk enroll``: the data dir is the
unprivileged app's, so a key found there later is never trusted by itself. Without a pin, apply-ready
refuses and says what to run. On the USB path ``apply --public-key FILE`` names the key by hand.

No downgrades: a bundle whose version is not newer than the running one is refused (a signed old bundle
is a rollback attack) unless ``apply --allow-downgrade`` is given by hand. Versions compare per PEP 440
with ``packaging`` when this Python has it (the app's venv does: the ``sync`` extra); else by the numbers
of the release, ``is_newer`` below.

Building and switching use only the standard library (postinst runs them with Debian's python3);
signing and verifying import ``sync.signing`` from the running app.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

FORMAT = "village-kiosk-bundle/1"
_VERSION = re.compile(r"^[0-9][0-9A-Za-z.+~-]{0,63}$")
_RELEASE = re.compile(r"^v?([0-9]+(?:\.[0-9]+)*)")
_MEMBER = re.compile(r"^(wheels/[A-Za-z0-9_.+-]+\.whl|catalog/[A-Za-z0-9_.-]+)$")
HEALTH_TIMEOUT_S = 300
DATA_DIR = Path("/var/lib/village-kiosk")
PINNED_KEY = Path("/etc/village-kiosk/bundle-signing.pub.json")
ENROLLED_KEY = "keys/bundle-signing.pub.json"  # under the data dir, written by `kiosk enroll`
TRUST_COMMAND = "kiosk-update trust-enrolled-key"  # what the technician runs (as root) when no key is pinned
KEPT_FILED = 2  # bundles kept in updates/done and updates/refused, for a technician to look at
# what `kiosk update status` shows for each outcome of apply-ready
OUTCOMES = {
    "applied": "已更新到新版本",
    "rolled_back": "新版本自检未通过，已回退到原版本",
    "refused": "更新包无效或已被篡改，未安装",
    "build_failed": "新版本安装失败，仍使用原版本",
}


class BundleRefused(Exception):
    """Bad, tampered or unsuitable bundle: nothing was changed on the terminal."""

    message = "更新包无效或已被篡改，未安装"


class NotNewer(BundleRefused):
    message = "更新包的版本不比当前版本新，未安装（不能退回旧版本）"


class NoPinnedKey(BundleRefused):
    message = f"终端还没有信任县平台的更新签名密钥，未安装：请技术员以 root 运行 {TRUST_COMMAND}"


class BuildFailed(Exception):
    message = "新版本安装失败，仍使用原版本"


def is_newer(candidate: str, running: str | None) -> bool:
    """Is ``candidate`` later than ``running`` (None or "": nothing known runs)? PEP 440 through ``packaging``
    when this Python has it; else ``newer_by_release_numbers``."""
    if not running:
        return True
    try:
        from packaging.version import InvalidVersion, Version
    except ImportError:
        return newer_by_release_numbers(candidate, running)
    try:
        return Version(candidate) > Version(running)
    except InvalidVersion:
        return newer_by_release_numbers(candidate, running)


def newer_by_release_numbers(candidate: str, running: str) -> bool:
    """Without ``packaging`` (Debian 12's python3 has it only with python3-packaging): the leading dotted
    numbers compare as numbers (1.10 > 1.9, 1.2 == 1.2.0) and anything after them is ignored, so 1.3rc1
    and 1.3 count as the same version, not newer: in doubt, refused."""
    return _release_numbers(candidate) > _release_numbers(running)


def _release_numbers(version: str) -> tuple[int, ...]:
    found = _RELEASE.match(version)
    numbers = [int(n) for n in found.group(1).split(".")] if found else []
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


# --- the versioned app tree --------------------------------------------------------------------------


class AppTree:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.versions = self.root / "versions"
        self.current = self.root / "current"
        self.state_file = self.root / "update-state.json"

    def current_version(self) -> str | None:
        if not self.current.is_symlink():
            return None
        return Path(os.readlink(self.current)).name

    def state(self) -> dict:
        if not self.state_file.exists():
            return {"bad": []}
        return json.loads(self.state_file.read_text())

    def _write_state(self, state: dict) -> None:
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1))
        _fsync_file(tmp)
        os.replace(tmp, self.state_file)
        _fsync_dir(self.root)

    def build(self, version: str, wheels: Path, requirement: str, catalog: Path | None = None) -> Path:
        """Build versions/<version> from a wheelhouse, offline. A venv must be built where it will run
        (its scripts carry their path), so a rebuild of an existing version moves the old one aside and
        puts it back if the build fails."""
        if not _VERSION.match(version):
            raise BuildFailed(f"bad version string {version!r}")
        self.versions.mkdir(parents=True, exist_ok=True)
        target = self.versions / version
        aside = self.versions / f".{version}.old"
        shutil.rmtree(aside, ignore_errors=True)
        if target.exists():
            os.replace(target, aside)
        try:
            venv_python = str(target / "venv/bin/python")
            if importlib.util.find_spec("pip") is not None:
                # this interpreter's pip installs into the new venv: no pip bootstrap in every version
                subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target / "venv")], check=True,
                               capture_output=True)
                pip = [sys.executable, "-m", "pip", "--python", venv_python]
            else:  # Debian's python3 without python3-pip (postinst): the venv brings its own
                subprocess.run([sys.executable, "-m", "venv", str(target / "venv")], check=True, capture_output=True)
                pip = [venv_python, "-m", "pip"]
            pip += ["install", "--quiet", "--no-index", "--no-cache-dir", "--disable-pip-version-check",
                    "--find-links", str(wheels), *requirement.split()]
            proc = subprocess.run(pip, capture_output=True, text=True)
            if proc.returncode != 0:
                raise BuildFailed(f"pip install {requirement} failed: {proc.stderr.strip()[-800:]}")
            if catalog is not None and catalog.is_dir():
                shutil.copytree(catalog, target / "catalog")
            (target / "COMPLETE").write_text(version)
        except (BuildFailed, subprocess.CalledProcessError, OSError) as exc:
            shutil.rmtree(target, ignore_errors=True)
            if aside.exists():
                os.replace(aside, target)
            raise exc if isinstance(exc, BuildFailed) else BuildFailed(str(exc)) from exc
        shutil.rmtree(aside, ignore_errors=True)
        return target

    def switch(self, version: str) -> None:
        """Point ``current`` at a complete version in one rename: a power cut leaves the old or the new."""
        if not (self.versions / version / "COMPLETE").exists():
            raise BuildFailed(f"version {version} is not completely installed")
        tmp = self.root / ".current.new"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(f"versions/{version}", tmp)
        os.replace(tmp, self.current)
        _fsync_dir(self.root)

    def start_trial(self, version: str) -> None:
        state = self.state()
        state.update(pending=version, previous=self.current_version())
        self._write_state(state)
        self.switch(version)

    def confirm_or_rollback(self, health: list[str] | None = None, run_as: str | None = None) -> bool:
        """Run the health check if a version is on trial; keep it on success, switch back on failure."""
        state = self.state()
        pending = state.get("pending")
        if not pending:
            return True
        if self.current_version() != pending:  # crashed between writing state and switching
            state.pop("pending", None)
            self._write_state(state)
            return True
        ok, why = health_check(self.current, health, run_as)
        previous = state.get("previous")
        if ok or not previous:
            state.pop("pending", None)
            self._write_state(state)
            self.prune()
            return ok
        print(f"kiosk-update: version {pending} failed its health check ({why}); back to {previous}", file=sys.stderr)
        self.switch(previous)
        state["bad"] = sorted({*state.get("bad", []), pending})
        state.pop("pending", None)
        self._write_state(state)
        return False

    def prune(self) -> None:
        """Keep the current version and the one before it (the rollback target); drop older ones."""
        state = self.state()
        keep = {self.current_version(), state.get("previous"), state.get("pending")}
        for old in self.versions.iterdir():
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)


def health_check(app: Path, command: list[str] | None, run_as: str | None = None) -> tuple[bool, str]:
    """The app must start (``kiosk --help`` imports every command module) and pass ``kiosk diag``
    when this version has it. ``run_as``: as that user (the kiosk's), so root never opens its store."""
    kiosk = str(app / "venv/bin/kiosk")
    as_user = ["runuser", "-u", run_as, "--"] if run_as else []
    commands = [command] if command else [[kiosk, "--help"]]
    if not command:
        listed = subprocess.run([*as_user, kiosk, "--help"], capture_output=True, text=True, timeout=HEALTH_TIMEOUT_S)
        if re.search(r"^\s+diag\s", listed.stdout, re.M):
            commands.append([kiosk, "diag"])
    commands = [[*as_user, *argv] for argv in commands]
    for argv in commands:
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=HEALTH_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, f"{' '.join(argv[-2:])}: {exc}"
        if proc.returncode != 0:
            return False, f"{Path(argv[0]).name} {' '.join(argv[1:])} exited {proc.returncode}"
    return True, ""


# --- bundles -------------------------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_bundle(out: Path, version: str, wheels: Path, catalog: Path | None, requirement: str, key: dict) -> None:
    from sync import signing

    members: dict[str, bytes] = {f"wheels/{w.name}": w.read_bytes() for w in sorted(wheels.glob("*.whl"))}
    if catalog is not None:
        members |= {f"catalog/{c.name}": c.read_bytes() for c in sorted(catalog.iterdir()) if c.is_file()}
    manifest = {
        "format": FORMAT,
        "version": version,
        "requirement": requirement,
        "files": {name: {"sha256": _sha256(data), "size": len(data)} for name, data in members.items()},
    }
    manifest_bytes = json.dumps(manifest, sort_keys=True, indent=1).encode()
    signature = signing.from_private(key["suite"], bytes.fromhex(key["private"])).sign(manifest_bytes)
    with tarfile.open(out, "w") as tar:
        for name, data in [("manifest.json", manifest_bytes), ("manifest.sig", signature.hex().encode()),
                           *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))


def verify_bundle(bundle: Path, public: dict) -> tuple[dict, dict[str, bytes]]:
    """Return (manifest, member bytes) only if the signature and every member check out."""
    from sync import signing

    try:
        with tarfile.open(bundle, "r:") as tar:
            entries = tar.getmembers()
            if any(not m.isfile() for m in entries):
                raise BundleRefused("bundle holds links, folders or devices")
            names = [m.name for m in entries]
            if len(names) != len(set(names)):
                raise BundleRefused("bundle holds a name twice")
            data = {m.name: tar.extractfile(m).read() for m in entries}
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BundleRefused(f"not a readable bundle: {exc}") from exc
    manifest_bytes, signature_hex = data.pop("manifest.json", None), data.pop("manifest.sig", None)
    if manifest_bytes is None or signature_hex is None:
        raise BundleRefused("manifest or signature missing")
    try:
        signature = bytes.fromhex(signature_hex.decode())
    except ValueError as exc:
        raise BundleRefused("signature is not hex") from exc
    if not signing.verify(public["suite"], public["public"], manifest_bytes, signature):
        raise BundleRefused("signature does not match the hub's bundle-signing key")
    manifest = json.loads(manifest_bytes)
    if manifest.get("format") != FORMAT or not _VERSION.match(str(manifest.get("version", ""))):
        raise BundleRefused(f"unknown format or bad version: {manifest.get('format')!r} {manifest.get('version')!r}")
    files = manifest.get("files", {})
    if set(files) != set(data):
        raise BundleRefused(f"members differ from the manifest: {sorted(set(files) ^ set(data))[:5]}")
    for name, blob in data.items():
        if not _MEMBER.match(name):
            raise BundleRefused(f"unexpected member path {name!r}")
        if files[name].get("size") != len(blob) or files[name].get("sha256") != _sha256(blob):
            raise BundleRefused(f"{name} does not match its checksum")
    if not any(name.startswith("wheels/village_kiosk-") for name in data):
        raise BundleRefused("bundle has no village-kiosk wheel")
    return manifest, data


def apply_bundle(tree: AppTree, bundle: Path, public: dict, health: list[str] | None = None,
                 run_as: str | None = None, allow_downgrade: bool = False) -> bool:
    """Verify, build beside the running version, switch, health-check. True: the new version runs."""
    manifest, data = verify_bundle(bundle, public)
    return apply_verified(tree, manifest, data, health, run_as, allow_downgrade)


def apply_verified(tree: AppTree, manifest: dict, data: dict[str, bytes], health: list[str] | None = None,
                   run_as: str | None = None, allow_downgrade: bool = False) -> bool:
    version, running = manifest["version"], tree.current_version()
    if version == running:
        raise NotNewer(f"version {version} is already running")
    if not allow_downgrade and not is_newer(version, running):
        raise NotNewer(f"version {version} is not newer than the running {running} (a rollback needs "
                       "apply --allow-downgrade by hand)")
    if version in tree.state().get("bad", []):
        raise BundleRefused(f"version {version} failed its health check before")
    tree.versions.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=tree.root, prefix=".staging-") as staging:
        for name, blob in data.items():
            path = Path(staging) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blob)
        catalog = Path(staging) / "catalog"
        tree.build(version, Path(staging) / "wheels", manifest["requirement"], catalog if catalog.is_dir() else None)
    tree.start_trial(version)
    return tree.confirm_or_rollback(health, run_as)


# --- bundles the sync client left in <data dir>/updates/ready ------------------------------------------


def load_public_key(path: Path | None, pinned: Path = PINNED_KEY) -> dict:
    """``path`` (given by hand), else root's pin. Never the data dir's copy: the app could have swapped it."""
    path = Path(path or pinned)
    if path == Path(pinned) and not path.exists():
        raise NoPinnedKey(f"no bundle-signing key pinned at {path}: after kiosk enroll, run {TRUST_COMMAND} "
                          "as root (or apply --public-key FILE)")
    return _read_public_key(path)


def _read_public_key(path: Path) -> dict:
    try:
        key = json.loads(Path(path).read_text())
        return {"suite": str(key["suite"]), "public": str(key["public"])}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BundleRefused(f"no usable bundle-signing key at {path}: {exc}") from exc


def trust_enrolled_key(data_dir: Path, pinned: Path = PINNED_KEY) -> dict:
    """Pin the key ``kiosk enroll`` just wrote into root's ``pinned``. Run by /usr/bin/kiosk (root) right
    after a successful enrolment, or by a technician by hand; apply-ready trusts only this copy."""
    key = _read_public_key(Path(data_dir) / ENROLLED_KEY)
    pinned = Path(pinned)
    pinned.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
    _write_public(pinned, json.dumps(key).encode())
    return key


def key_fingerprint(key: dict) -> str:
    return hashlib.sha256(f"{key['suite']}:{key['public']}".encode()).hexdigest()[:16]


def apply_ready(tree: AppTree, data_dir: Path, pinned: Path = PINNED_KEY, health: list[str] | None = None,
                run_as: str | None = None) -> list[dict]:
    """Apply every bundle in updates/ready (normally one), oldest first, with root's pinned key only and
    never an older version; file each under done/ or refused/ and write updates/result.json. The folder is the unprivileged app's, so links are never followed and
    the result is written by rename, which replaces a planted link instead of writing through it."""
    updates = Path(data_dir) / "updates"
    ready = updates / "ready"
    for folder in (updates, ready, updates / "done", updates / "refused"):
        if folder.is_symlink():  # would send root's writes and renames somewhere the app chose
            raise BundleRefused(f"{folder} is a link")
    bundles = sorted((p for p in ready.glob("*.bundle")), key=lambda p: p.lstat().st_mtime) if ready.is_dir() else []
    results = []
    for bundle in bundles:
        result = {"bundle": bundle.name, "before": tree.current_version(), "version": None, "detail": ""}
        try:
            if bundle.is_symlink() or not bundle.is_file():
                raise BundleRefused("not a regular file")
            manifest, data = verify_bundle(bundle, load_public_key(None, pinned))
            result["version"] = manifest["version"]
            outcome = "applied" if apply_verified(tree, manifest, data, health, run_as) else "rolled_back"
            message = OUTCOMES[outcome]
        except BundleRefused as exc:
            outcome, message, result["detail"] = "refused", exc.message, str(exc)
            print(f"kiosk-update: {bundle.name} refused: {exc}", file=sys.stderr)  # the journal says why
        except BuildFailed as exc:
            outcome, message, result["detail"] = "build_failed", OUTCOMES["build_failed"], str(exc)
        result.update(outcome=outcome, message=message, current=tree.current_version(),
                      at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        _file_away(bundle, updates / ("done" if outcome == "applied" else "refused"))
        _write_public(updates / "result.json", json.dumps(result, ensure_ascii=False, indent=1).encode())
        results.append(result)
    return results


def _file_away(bundle: Path, folder: Path) -> None:
    folder.mkdir(mode=0o755, exist_ok=True)
    os.replace(bundle, folder / bundle.name)
    kept = sorted(folder.glob("*.bundle"), key=lambda p: p.lstat().st_mtime, reverse=True)
    for old in kept[KEPT_FILED:]:
        old.unlink()


def _write_public(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as f:
        os.fchmod(f.fileno(), 0o644)  # the app (user kiosk) reads what root wrote
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


# --- helpers and command line ------------------------------------------------------------------------


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kiosk-update", description="offline update bundles (离线更新包)")
    parser.add_argument("--root", type=Path, default=Path("/opt/village-kiosk"), help="the app tree")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("install-wheelhouse", help="build a version from wheels and switch to it (postinst)")
    p.add_argument("--version", required=True)
    p.add_argument("--wheels", type=Path, required=True)
    p.add_argument("--requirement", required=True)
    p = sub.add_parser("make", help="make a signed bundle (hub or technician's laptop)")
    p.add_argument("--version", required=True)
    p.add_argument("--wheels", type=Path, required=True)
    p.add_argument("--catalog", type=Path)
    p.add_argument("--requirement", default="village-kiosk[devices,sync,ui]")
    p.add_argument("--key", type=Path, required=True, help='JSON {"suite": "gm"|"intl", "private": hex}')
    p.add_argument("--out", type=Path, required=True)
    key_help = f'JSON {{"suite": ..., "public": text}} (default: the pinned key, {PINNED_KEY})'
    pinned_help = f"root's pinned bundle-signing key (default {PINNED_KEY})"
    for name in ("verify", "apply"):
        p = sub.add_parser(name, help=f"{name} a bundle (from the hub or a USB stick)")
        p.add_argument("bundle", type=Path)
        p.add_argument("--public-key", type=Path, help=key_help)
    sub.choices["apply"].add_argument("--allow-downgrade", action="store_true",
                                      help="install even if not newer than the running version (by hand only)")
    p = sub.add_parser("apply-ready", help="apply the bundles the sync client left in DATA_DIR/updates/ready "
                                           "(root; village-kiosk-update.service)")
    p.add_argument("--data-dir", type=Path, default=DATA_DIR)
    p.add_argument("--pinned-key", type=Path, default=PINNED_KEY, help=pinned_help)
    p.add_argument("--run-as", help="run the health check as this user (the unit: kiosk)")
    p = sub.add_parser("trust-enrolled-key", help="pin the key kiosk enroll wrote (root; /usr/bin/kiosk runs it "
                                                  "after a successful enrolment)")
    p.add_argument("--data-dir", type=Path, default=DATA_DIR)
    p.add_argument("--pinned-key", type=Path, default=PINNED_KEY, help=pinned_help)
    p = sub.add_parser("confirm-or-rollback", help="health-check a version on trial (before each start)")
    p.add_argument("--run-as", help="run the health check as this user")
    for name in ("apply", "apply-ready", "confirm-or-rollback"):
        sub.choices[name].add_argument("--health", nargs="+",
                                       help="health command (default: kiosk --help, then kiosk diag)")
    args = parser.parse_args(argv)
    tree = AppTree(args.root)
    try:
        if args.command == "install-wheelhouse":
            tree.build(args.version, args.wheels, args.requirement)
            tree.switch(args.version)
            print(f"kiosk-update: version {args.version} installed")
        elif args.command == "make":
            make_bundle(args.out, args.version, args.wheels, args.catalog, args.requirement,
                        json.loads(args.key.read_text()))
            print(f"kiosk-update: bundle {args.out} for version {args.version}")
        elif args.command == "verify":
            manifest, _ = verify_bundle(args.bundle, load_public_key(args.public_key))
            print(f"kiosk-update: bundle OK, version {manifest['version']}")
        elif args.command == "apply":
            if not apply_bundle(tree, args.bundle, load_public_key(args.public_key), args.health,
                                allow_downgrade=args.allow_downgrade):
                print(f"{BuildFailed.message}（新版本自检未通过，已回退到 {tree.current_version()}）")
                return 3
            print(f"更新完成：当前版本 {tree.current_version()}")
        elif args.command == "apply-ready":
            return _cmd_apply_ready(tree, args)
        elif args.command == "trust-enrolled-key":
            key = trust_enrolled_key(args.data_dir, args.pinned_key)
            print(f"kiosk-update: 已信任县平台的更新签名密钥（{key['suite']}，指纹 {key_fingerprint(key)}）→ "
                  f"{args.pinned_key}")
        elif args.command == "confirm-or-rollback":
            return 0 if tree.confirm_or_rollback(args.health, args.run_as) else 3
    except BundleRefused as exc:
        print(f"{exc.message}（{exc}）", file=sys.stderr)
        return 2
    except BuildFailed as exc:
        print(f"{BuildFailed.message}（{exc}）", file=sys.stderr)
        return 1
    return 0


def _cmd_apply_ready(tree: AppTree, args) -> int:
    results = apply_ready(tree, args.data_dir, args.pinned_key, args.health, args.run_as)
    codes = {"applied": 0, "build_failed": 1, "refused": 2, "rolled_back": 3}
    for r in results:
        print(f"kiosk-update: {r['bundle']}: {r['message']}（当前版本 {r['current']}）{r['detail']}")
    # no restart from here: the app quits by itself once idle at home (ui/update_watch.py), never mid-办件
    return codes[results[-1]["outcome"]] if results else 0


if __name__ == "__main__":
    sys.exit(main())
