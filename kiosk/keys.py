"""The device's keys on disk under ``<data_dir>/keys/`` (files 0600, folder 0700).

    device-id           the device's name at the hub (also the short id in 受理编号)
    suite               gm | intl: the suite these keys belong to
    device-signing.key  hex of the raw private signing key (SM2 or Ed25519): signs checkpoints and batches
    device-public.txt   its public key text (hex SM2 point or PEM), what enrolment sends to the hub
    audit-mac.key       hex of the audit log's MAC key (also derives the pseudonym key)
    hub-public.key      the hub's sealing public key text; the kiosk never holds the hub's private key

``create_device_keys`` refuses to overwrite anything; ``install_hub_public_key`` is how enrolment swaps
in the real hub's key (new epochs use it from the next Store open or ``Store.set_hub_public_key``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.crypto import CryptoError, get_suite
from kiosk.errors import ConfigError, StorageError

KEYS_DIR = "keys"
ESCROW_DIR = "hub-escrow"
DEVICE_ID_FILE = "device-id"
SUITE_FILE = "suite"
SIGNING_KEY_FILE = "device-signing.key"
DEVICE_PUBLIC_FILE = "device-public.txt"
AUDIT_KEY_FILE = "audit-mac.key"
HUB_PUBLIC_FILE = "hub-public.key"
HUB_PRIVATE_ESCROW_FILE = "hub-private.key"


@dataclass(frozen=True)
class DeviceKeys:
    suite: str
    device_id: str
    signing_private: bytes = field(repr=False)
    signing_public: str
    audit_key: bytes = field(repr=False)
    hub_public: str

    @property
    def pseudonym_key(self) -> bytes:
        # derived, so a stolen pseudonym key does not also forge audit MACs
        return hmac.new(self.audit_key, b"village-kiosk pseudonym key v1", hashlib.sha256).digest()


def _write_new(path: Path, text: str) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise StorageError("终端已初始化，拒绝覆盖已有密钥", detail=f"{path} already exists; refusing to overwrite") from None
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise ConfigError(detail=f"key file {path} is missing; run `kiosk init` (or restore the keys folder)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(detail=f"cannot read key file {path}: {exc}") from None


def _hex(path: Path, size: int) -> bytes:
    try:
        raw = bytes.fromhex(_read(path))
    except ValueError:
        raw = b""
    if len(raw) != size:
        raise ConfigError(detail=f"key file {path} is damaged (expected {size} bytes of hex)")
    return raw


def new_device_id() -> str:
    return "K" + secrets.token_hex(5).upper()


def validate_hub_public_key(suite: str, public_text: str, source: str) -> str:
    """Check a hub public key by wrapping a throw-away key with it; returns the normalised text."""
    text = public_text.strip()
    try:
        get_suite(suite).wrap_key(text, bytes(get_suite(suite).data_key_size))
    except CryptoError as exc:
        raise ConfigError(detail=f"{source}: not a valid {suite} hub public key ({exc})") from None
    return text


def create_device_keys(data_dir: Path, suite: str, hub_public: str | None = None) -> tuple[DeviceKeys, Path | None]:
    """Create every device key. Without ``hub_public``, also a stand-alone hub key pair whose private
    half goes to ``<data_dir>/hub-escrow/`` (demo and training only). Returns the keys and that path."""
    impl = get_suite(suite)
    keys_dir = data_dir / KEYS_DIR
    for name in (DEVICE_ID_FILE, SIGNING_KEY_FILE, AUDIT_KEY_FILE, HUB_PUBLIC_FILE):
        if (keys_dir / name).exists():
            raise StorageError("终端已初始化，拒绝覆盖已有密钥", detail=f"{keys_dir / name} already exists; refusing to overwrite")
    if hub_public is not None:  # before anything is written, so a bad key file leaves no half-made dir
        hub_public = validate_hub_public_key(suite, hub_public, "hub key")
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    escrow_path = None
    if hub_public is None:
        hub = impl.new_wrap_keypair()
        escrow_dir = data_dir / ESCROW_DIR
        escrow_dir.mkdir(mode=0o700, exist_ok=True)
        escrow_path = escrow_dir / HUB_PRIVATE_ESCROW_FILE
        _write_new(escrow_path, hub.private.hex() + "\n")
        hub_public = hub.public_text
    signing = impl.new_signing_keypair()
    keys = DeviceKeys(suite, new_device_id(), signing.private, signing.public_text, secrets.token_bytes(32), hub_public)
    _write_new(keys_dir / SUITE_FILE, suite + "\n")
    _write_new(keys_dir / DEVICE_ID_FILE, keys.device_id + "\n")
    _write_new(keys_dir / SIGNING_KEY_FILE, keys.signing_private.hex() + "\n")
    _write_new(keys_dir / DEVICE_PUBLIC_FILE, keys.signing_public + "\n")
    _write_new(keys_dir / AUDIT_KEY_FILE, keys.audit_key.hex() + "\n")
    _write_new(keys_dir / HUB_PUBLIC_FILE, keys.hub_public + "\n")
    return keys, escrow_path


def load_device_keys(data_dir: Path, suite: str | None = None) -> DeviceKeys:
    """Read the keys; a missing or damaged file, or a suite other than the config's, names the file."""
    keys_dir = data_dir / KEYS_DIR
    on_disk = _read(keys_dir / SUITE_FILE)
    if suite is not None and on_disk != suite:
        raise ConfigError(detail=f"{keys_dir / SUITE_FILE} says suite {on_disk!r} but the config says {suite!r}; "
                                 "the suite cannot change after `kiosk init`")
    impl = get_suite(on_disk)
    signing_private = _hex(keys_dir / SIGNING_KEY_FILE, 32)
    keys = DeviceKeys(on_disk, _read(keys_dir / DEVICE_ID_FILE), signing_private,
                      impl.signing_public_from_private(signing_private), _hex(keys_dir / AUDIT_KEY_FILE, 32),
                      _read(keys_dir / HUB_PUBLIC_FILE))
    return keys


def install_hub_public_key(data_dir: Path, public_text: str) -> str:
    """Enrolment: replace the hub public key atomically (validated first). Returns the stored text."""
    keys_dir = data_dir / KEYS_DIR
    suite = _read(keys_dir / SUITE_FILE)
    text = validate_hub_public_key(suite, public_text, "hub public key from enrolment")
    tmp = keys_dir / (HUB_PUBLIC_FILE + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(text + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, keys_dir / HUB_PUBLIC_FILE)
    return text


def read_device_public_key(data_dir: Path) -> str:
    """The device's public signing key text, as enrolment sends it to the hub."""
    return _read(data_dir / KEYS_DIR / DEVICE_PUBLIC_FILE)


def read_escrowed_hub_private_key(data_dir: Path) -> bytes:
    """Demo / training only: the stand-alone hub private key that `kiosk init` left in hub-escrow/."""
    return _hex(data_dir / ESCROW_DIR / HUB_PRIVATE_ESCROW_FILE, 32)
