"""The kiosk's side of enrolment: the device signing key, the pinned hub certificate and hub keys.

The device id and signing key are the store's (``kiosk.keys``, made by ``kiosk init`` or here on first
enrolment). Sync adds under ``<data_dir>/keys/``: ``hub-cert.pem`` (the pinned TLS certificate) and
``hub-signing.pub`` (the downlink bundle key) and ``bundle-signing.pub.json`` (the same key with its suite,
where ``kiosk-update`` looks for it); the hub's sealing key goes to ``kiosk.keys``.
``<data_dir>/sync/state.json`` holds the device id, the hub URL and the hub's last checkpoint seq.
"""

from __future__ import annotations

import hashlib
import json
import os
import ssl
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from kiosk import config as config_mod
from kiosk import keys as kiosk_keys
from kiosk.errors import UserFacingError
from sync import protocol, signing
from sync.protocol import EnrolReply, EnrolRequest, ErrorReply

from .sender import BAD_CERT, OFFLINE, HubLink


class EnrolError(UserFacingError):
    code = "enrol"
    message = "终端注册失败，请联系管理员"


@dataclass(frozen=True)
class SyncState:
    device_id: str
    hub_url: str
    suite: str
    village: str
    hub_checkpoint_seq: int = 0


def keys_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "keys"


def state_file(data_dir: Path) -> Path:
    return Path(data_dir) / "sync" / "state.json"


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write to a temp file, fsync, rename: a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable."""
    dir_fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def device_signer(data_dir: Path) -> signing.SigningKey:
    """The device signing key made by ``kiosk init`` (kiosk.keys); batches are signed with it."""
    keys = kiosk_keys.load_device_keys(Path(data_dir))
    return signing.SigningKey(keys.suite, keys.signing_private, keys.signing_public)


def pinned_session(ca_file: str) -> requests.Session:
    """A session that trusts only the pinned hub certificate. ``trust_env`` is off because requests
    lets REQUESTS_CA_BUNDLE (and proxy variables) override ``session.verify``."""
    session = requests.Session()
    session.trust_env = False
    session.verify = ca_file
    return session


def load_state(data_dir: Path) -> SyncState | None:
    try:
        return SyncState(**json.loads(state_file(data_dir).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (ValueError, TypeError) as exc:
        raise EnrolError(detail=f"{state_file(data_dir)}: unreadable ({exc})") from None


def save_state(data_dir: Path, state: SyncState) -> None:
    write_atomic(state_file(data_dir), json.dumps(state.__dict__, ensure_ascii=False, indent=1).encode())


def hub_link(data_dir: Path, timeout_s: float = 15.0) -> tuple[HubLink, SyncState]:
    state = load_state(data_dir)
    cert = keys_dir(data_dir) / "hub-cert.pem"
    if state is None or not cert.exists():
        raise EnrolError("终端尚未注册到县平台，请联系管理员", detail="run: kiosk enroll --hub URL --token T")
    link = HubLink(url=state.hub_url, ca_file=str(cert), device_id=state.device_id,
                   signer=device_signer(data_dir), timeout_s=timeout_s)
    return link, state


def fetch_certificate(hub_url: str, timeout_s: float = 10.0) -> str:
    """Trust on first use: read the hub's certificate without verifying it, to pin it from now on."""
    u = urllib.parse.urlsplit(hub_url)
    if u.scheme != "https" or not u.hostname:
        raise EnrolError("县平台地址有误", detail=f"{hub_url!r}: need https://host[:port]")
    try:
        return ssl.get_server_certificate((u.hostname, u.port or 443), timeout=timeout_s)
    except OSError as exc:
        raise EnrolError(OFFLINE, detail=f"{u.hostname}:{u.port}: {exc}") from None


def fingerprint(pem: str) -> str:
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()


def enrol(data_dir: Path, hub_url: str, token: str, suite: str = "gm", *, expect_fingerprint: str = "",
          timeout_s: float = 15.0) -> SyncState:
    """Register this kiosk with the hub; pin its certificate and keys; update config.toml.

    A kiosk that has no keys yet gets them here (``kiosk.keys``), sealing for this hub from the start;
    one that has keys keeps them and its suite, and the hub's sealing key replaces the old one."""
    data_dir = Path(data_dir)
    hub_url = hub_url.rstrip("/")
    pem = fetch_certificate(hub_url, timeout_s)
    fp = fingerprint(pem)
    if expect_fingerprint and expect_fingerprint.replace(":", "").lower() != fp:
        raise EnrolError(BAD_CERT, detail=f"certificate fingerprint {fp} is not the expected one")
    kdir = keys_dir(data_dir)
    kdir.mkdir(mode=0o700, parents=True, exist_ok=True)
    cert_file = kdir / "hub-cert.pem"
    write_atomic(cert_file, pem.encode(), 0o644)
    session = pinned_session(str(cert_file))
    if not (kdir / kiosk_keys.SUITE_FILE).exists():
        hub_keys = _get(session, f"{hub_url}/v1/hub-keys", timeout_s)
        kiosk_keys.create_device_keys(data_dir, suite, hub_keys["sealing"][suite])
    keys = kiosk_keys.load_device_keys(data_dir)
    req = EnrolRequest(token=token, device_id=keys.device_id, suite=keys.suite, device_public_key=keys.signing_public)
    reply = protocol.parse(EnrolReply, _post(session, f"{hub_url}/v1/enrol", req.model_dump(), timeout_s))
    if reply.device_id != keys.device_id or reply.suite != keys.suite:
        raise EnrolError(detail="hub answered for another device or suite")
    write_atomic(kdir / "hub-signing.pub", reply.hub_signing_public_key.encode(), 0o644)
    write_bundle_signing_key(data_dir, keys.suite, reply.hub_signing_public_key)
    kiosk_keys.install_hub_public_key(data_dir, reply.hub_encryption_public_key)
    state = SyncState(device_id=keys.device_id, hub_url=hub_url, suite=keys.suite, village=reply.village)
    save_state(data_dir, state)
    _update_config(data_dir, hub_url, str(cert_file), keys.suite)
    return state


def _request(fn, url: str, timeout_s: float, **kw) -> bytes:
    try:
        resp = fn(url, timeout=timeout_s, **kw)
    except requests.exceptions.SSLError as exc:
        raise EnrolError(BAD_CERT, detail=str(exc)) from None
    except requests.RequestException as exc:
        raise EnrolError(OFFLINE, detail=f"{type(exc).__name__}: {exc}") from None
    if resp.status_code != 200:
        raise EnrolError(_error_message(resp.content), detail=f"{url}: HTTP {resp.status_code}")
    return resp.content


def _get(session: requests.Session, url: str, timeout_s: float) -> dict[str, Any]:
    try:
        return json.loads(_request(session.get, url, timeout_s))
    except ValueError as exc:
        raise EnrolError(detail=f"{url}: not JSON ({exc})") from None


def _post(session: requests.Session, url: str, body: dict[str, Any], timeout_s: float) -> bytes:
    return _request(session.post, url, timeout_s, json=body)


def _error_message(content: bytes) -> str:
    try:
        return protocol.parse(ErrorReply, content).message
    except protocol.ProtocolError:
        return EnrolError.message


def _update_config(data_dir: Path, hub_url: str, ca_file: str, suite: str) -> None:
    path = Path(data_dir) / config_mod.CONFIG_FILE
    current = config_mod.load(path) if path.exists() else config_mod.Config()
    updated = config_mod.replace(current, hub={"url": hub_url, "ca_file": ca_file}, crypto={"suite": suite})
    write_atomic(path, config_mod.render_toml(updated).encode("utf-8"), 0o644)


def write_bundle_signing_key(data_dir: Path, suite: str, public_text: str) -> None:
    """The key app update bundles are checked with, in kiosk-update's JSON form (installer/kiosk_update.py)."""
    body = json.dumps({"suite": suite, "public": public_text}).encode()
    write_atomic(keys_dir(data_dir) / "bundle-signing.pub.json", body, 0o644)


def read_hub_signing_key(data_dir: Path) -> str:
    return (keys_dir(data_dir) / "hub-signing.pub").read_text()


def as_dict(state: SyncState) -> dict[str, Any]:
    return dict(state.__dict__)
