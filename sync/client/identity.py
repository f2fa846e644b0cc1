"""The kiosk's side of enrolment: the device signing key, the pinned hub certificate and hub keys.

Files under ``<data_dir>/keys/`` (0600): ``sync-device-<suite>.key`` (device signing key, raw hex),
``hub-cert.pem`` (the pinned TLS certificate), ``hub-signing.pub`` (downlink bundle key),
``hub-sealing.pub`` (what items are sealed for; also handed to the store when it offers an API for it).
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
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def device_signer(data_dir: Path, suite: str) -> signing.SigningKey:
    """The device signing key for ``suite``, created on first use."""
    path = keys_dir(data_dir) / f"sync-device-{suite}.key"
    if not path.exists():
        write_atomic(path, signing.generate(suite).private.hex().encode())
    return signing.from_private(suite, bytes.fromhex(path.read_text().strip()))


def device_id_for(public_text: str) -> str:
    return "K" + hashlib.sha256(public_text.encode()).hexdigest()[:15].upper()


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
                   signer=device_signer(data_dir, state.suite), timeout_s=timeout_s)
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


def enrol(data_dir: Path, hub_url: str, token: str, suite: str, *, expect_fingerprint: str = "",
          timeout_s: float = 15.0) -> SyncState:
    """Register this kiosk with the hub; pin its certificate and keys; update config.toml."""
    hub_url = hub_url.rstrip("/")
    pem = fetch_certificate(hub_url, timeout_s)
    fp = fingerprint(pem)
    if expect_fingerprint and expect_fingerprint.replace(":", "").lower() != fp:
        raise EnrolError(BAD_CERT, detail=f"certificate fingerprint {fp} is not the expected one")
    kdir = keys_dir(data_dir)
    write_atomic(kdir / "hub-cert.pem", pem.encode(), 0o644)
    signer = device_signer(data_dir, suite)
    device_id = device_id_for(signer.public_text)
    req = EnrolRequest(token=token, device_id=device_id, suite=suite, device_public_key=signer.public_text)
    try:
        resp = requests.post(f"{hub_url}/v1/enrol", json=req.model_dump(), verify=str(kdir / "hub-cert.pem"),
                             timeout=timeout_s)
    except requests.exceptions.SSLError as exc:
        raise EnrolError(BAD_CERT, detail=str(exc)) from None
    except requests.RequestException as exc:
        raise EnrolError(OFFLINE, detail=f"{type(exc).__name__}: {exc}") from None
    if resp.status_code != 200:
        raise EnrolError(_error_message(resp.content), detail=f"HTTP {resp.status_code}")
    try:
        reply = protocol.parse(EnrolReply, resp.content)
    except protocol.ProtocolError as exc:
        raise EnrolError(detail=exc.detail) from None
    if reply.device_id != device_id or reply.suite != suite:
        raise EnrolError(detail="hub answered for another device or suite")
    write_atomic(kdir / "hub-signing.pub", reply.hub_signing_public_key.encode(), 0o644)
    write_atomic(kdir / "hub-sealing.pub", reply.hub_encryption_public_key.encode(), 0o644)
    _install_hub_key(data_dir, suite, reply.hub_encryption_public_key)
    state = SyncState(device_id=device_id, hub_url=hub_url, suite=suite, village=reply.village)
    save_state(data_dir, state)
    _update_config(data_dir, hub_url, str(kdir / "hub-cert.pem"))
    return state


def _error_message(content: bytes) -> str:
    try:
        return protocol.parse(ErrorReply, content).message
    except protocol.ProtocolError:
        return EnrolError.message


def _install_hub_key(data_dir: Path, suite: str, public_text: str) -> None:
    """Hand the hub's sealing key to the store, so new epochs seal for the real hub."""
    try:
        from kiosk import keys as kiosk_keys  # the store's key API, when present
    except ImportError:
        return
    install = getattr(kiosk_keys, "install_hub_public_key", None)
    if install is not None:
        install(Path(data_dir), suite, public_text)


def _update_config(data_dir: Path, hub_url: str, ca_file: str) -> None:
    path = Path(data_dir) / config_mod.CONFIG_FILE
    current = config_mod.load(path) if path.exists() else config_mod.Config()
    updated = config_mod.replace(current, hub={"url": hub_url, "ca_file": ca_file})
    write_atomic(path, config_mod.render_toml(updated).encode("utf-8"), 0o644)


def read_hub_signing_key(data_dir: Path) -> str:
    return (keys_dir(data_dir) / "hub-signing.pub").read_text()


def as_dict(state: SyncState) -> dict[str, Any]:
    return dict(state.__dict__)
