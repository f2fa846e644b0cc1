"""The wire format between a kiosk and the county hub (both ends import this module).

Version 1. Every JSON document carries ``"v": 1``; a receiver rejects any other version with HTTP 400
and an ``ErrorReply`` so a kiosk and a hub of different ages fail loudly instead of half-understanding.

Endpoints (HTTPS, JSON; request bodies may be ``Content-Encoding: gzip``):

``POST /v1/enrol``            EnrolRequest  -> EnrolReply      one-time token, registers the device key
``POST /v1/batches``          Batch         -> BatchReply      signed: headers ``X-Kiosk-Device`` and
                                                               ``X-Kiosk-Signature`` (base64), the device's
                                                               signature of ``sync.signing.body_message``:
                                                               a tag + the suite digest (SM3 / SHA-256) of
                                                               the exact *uncompressed* body bytes
``GET  /v1/bundles``          -> BundleIndex                   newest version of each downlink kind
``GET  /v1/bundles/{kind}``   -> Bundle                        signed by the hub's bundle key
``GET  /v1/health``           -> {"v":1,"ok":true}
``GET  /v1/app-update/{suite}``            -> AppUpdateIndex   the newest app update bundle for a suite
``GET  /v1/app-update/{suite}/{version}``  -> the bundle's bytes (``Range: bytes=N-`` answered with 206, so
                                                               a kiosk on a bad line resumes a cut download)

App update bundles are ``installer/kiosk_update.py``'s signed tar format (``app_bundle_tool``), signed
with the hub's bundle-signing key of that suite, the key enrolment pins.

Batches: each item is a sealed transaction (opaque to everyone but the hub private key) plus the
clear-text fields the store keeps for queue statistics. ``txn_id`` is the idempotency key: the hub
stores each txn_id once and answers a re-sent one with ``duplicate``, so a kiosk may resend freely.

Audit checkpoint: the batch carries the device's newest signed checkpoint and the chain links
``(seq, prev_hash, hash)`` since the last checkpoint the hub acknowledged; the hub checks that the new
head hash-chains from the old head and flags the device when it does not.

Errors: any non-2xx reply has an ``ErrorReply`` body; ``code`` is machine-readable (``revoked``,
``bad_signature``, ``unknown_device``, ``bad_token``, ``bad_request``, ``unavailable``).
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

PROTOCOL_VERSION = 1
DEVICE_HEADER = "X-Kiosk-Device"
SIGNATURE_HEADER = "X-Kiosk-Signature"
BUNDLE_KINDS = ("catalog", "jobs", "policy", "notices")

ReceiptStatus = Literal["accepted", "duplicate", "rejected"]
Suite = Literal["gm", "intl"]
T = TypeVar("T", bound="BaseModel")

__all__ = [
    "PROTOCOL_VERSION",
    "DEVICE_HEADER",
    "SIGNATURE_HEADER",
    "BUNDLE_KINDS",
    "ProtocolError",
    "EnrolRequest",
    "EnrolReply",
    "WireItem",
    "ChainLink",
    "Checkpoint",
    "Batch",
    "ItemReceipt",
    "BatchReply",
    "ErrorReply",
    "BundleRef",
    "BundleIndex",
    "Bundle",
    "AppUpdateRef",
    "AppUpdateIndex",
    "app_bundle_tool",
    "parse",
    "canonical_json",
    "b64e",
    "b64d",
]


class ProtocolError(ValueError):
    """A document that is not valid protocol v1; ``detail`` says which field and why."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    v: Literal[1] = PROTOCOL_VERSION


class EnrolRequest(_Doc):
    token: str = Field(min_length=8, max_length=128)
    device_id: str = Field(pattern=r"^[A-Za-z0-9_-]{4,64}$")
    suite: Suite
    device_public_key: str = Field(min_length=16, max_length=4096)  # PEM (intl) or hex (gm)


class EnrolReply(_Doc):
    device_id: str
    village: str
    suite: Suite
    hub_encryption_public_key: str  # what the kiosk seals items for
    hub_signing_public_key: str  # what downlink bundles are signed with
    hub_time: str


class WireItem(_Doc):
    txn_id: str = Field(pattern=r"^[A-Za-z0-9_-]{8,64}$")
    kind: str = Field(max_length=32)
    service_code: str = Field(max_length=64)
    acceptance_no: str = Field(max_length=64)
    created_at: str = Field(max_length=40)
    epoch_id: str = Field(max_length=64)
    sealed: str  # base64 of the sealed bytes


class ChainLink(_Doc):
    seq: int = Field(ge=1)
    prev_hash: str
    hash: str


class Checkpoint(_Doc):
    device_id: str
    seq: int = Field(ge=0)
    head_hash: str
    time: str
    signature: str = ""  # the store's own checkpoint signature (base64), kept for the county's records
    links: tuple[ChainLink, ...] = ()  # records after the last checkpoint the hub acknowledged


class Batch(_Doc):
    device_id: str
    batch_id: str = Field(pattern=r"^[A-Za-z0-9_-]{8,64}$")
    sent_at: str
    items: tuple[WireItem, ...] = Field(max_length=10_000)
    checkpoint: Checkpoint | None = None


class ItemReceipt(_Doc):
    txn_id: str
    status: ReceiptStatus
    reason: str = ""


class BatchReply(_Doc):
    batch_id: str
    receipts: tuple[ItemReceipt, ...]
    checkpoint: Literal["ok", "flagged", "none"] = "none"
    checkpoint_seq: int = 0  # the newest checkpoint seq the hub holds for this device
    server_time: str


class ErrorReply(_Doc):
    code: str
    message: str  # plain Chinese, safe to show
    detail: str = ""


class BundleRef(_Doc):
    kind: str
    version: int
    sha256: str


class BundleIndex(_Doc):
    bundles: tuple[BundleRef, ...]


class Bundle(_Doc):
    kind: str
    version: int = Field(ge=1)
    created_at: str
    content: Any
    signatures: dict[str, str] = {}  # suite -> base64 signature of body_message(canonical_json(signing_view()))

    def signing_view(self) -> dict[str, Any]:
        return {"v": self.v, "kind": self.kind, "version": self.version, "created_at": self.created_at,
                "content": self.content}


class AppUpdateRef(_Doc):
    suite: Suite
    version: str = Field(pattern=r"^[0-9][0-9A-Za-z.+~-]{0,63}$")
    size: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    published_at: str


class AppUpdateIndex(_Doc):
    latest: AppUpdateRef | None = None


# the one implementation of the app bundle format: in the source tree, and where the .deb installs it
_BUNDLE_TOOL_PLACES = (Path(__file__).resolve().parents[1] / "installer" / "kiosk_update.py",
                       Path("/opt/village-kiosk/lib/kiosk_update.py"))


@functools.lru_cache(maxsize=1)
def app_bundle_tool() -> ModuleType:
    """``kiosk_update`` (make_bundle, verify_bundle, BundleRefused). It is a stand-alone script, not a
    package module, because postinst runs it with Debian's python3 before any venv exists."""
    for path in _BUNDLE_TOOL_PLACES:
        if path.is_file():
            spec = importlib.util.spec_from_file_location("kiosk_update", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise FileNotFoundError(f"kiosk_update.py not found in {[str(p) for p in _BUNDLE_TOOL_PLACES]}")


def canonical_json(obj: Any) -> bytes:
    """The one serialisation that signatures cover: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def parse(model: type[T], raw: bytes | str | dict) -> T:
    """Validate a received document; any problem becomes a ProtocolError naming the field."""
    try:
        data = raw if isinstance(raw, dict) else json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"{model.__name__}: not JSON ({exc})") from None
    if isinstance(data, dict) and data.get("v", PROTOCOL_VERSION) != PROTOCOL_VERSION:
        raise ProtocolError(f"{model.__name__}: protocol version {data.get('v')!r}, expected {PROTOCOL_VERSION}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProtocolError(f"{model.__name__}.{where}: {first['msg']}") from None


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise ProtocolError(f"bad base64 ({exc})") from None
