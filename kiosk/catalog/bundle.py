"""Versioned, signed downlink bundles (catalog / jobs / policy / notices).

The same document the sync protocol carries (sync/protocol.py ``Bundle``, wire version 1):

    {"v": 1, "kind": "catalog", "version": 7, "created_at": "2026-11-23T10:00:00+00:00",
     "content": {...}, "signatures": {"gm": "<base64>", "intl": "<base64>"}}

Each signature covers the canonical JSON (sorted keys, no spaces, UTF-8) of everything but
``signatures``. Signing and checking take plain functions, so the suite keys from kiosk.crypto (SM2 for
``gm``, Ed25519 for ``intl``) plug in without this module knowing either. A kiosk applies a bundle only
when every suite it trusts has a valid signature and the version is newer than the one it holds.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.errors import UserFacingError

WIRE_VERSION = 1
BUNDLE_KINDS: tuple[str, ...] = ("catalog", "jobs", "policy", "notices")

SignFn = Callable[[bytes], bytes]  # message → signature
VerifyFn = Callable[[bytes, bytes], bool]  # (message, signature) → genuine?


class BundleError(UserFacingError):
    code = "bundle"
    message = "收到的更新包未通过校验，已忽略，终端继续使用原来的内容"


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Bundle:
    kind: str
    version: int
    created_at: str
    content: Any
    signatures: Mapping[str, str] = field(default_factory=dict)

    def signing_view(self) -> dict[str, Any]:
        return {"v": WIRE_VERSION, "kind": self.kind, "version": self.version, "created_at": self.created_at,
                "content": self.content}

    def signing_bytes(self) -> bytes:
        return canonical_json(self.signing_view())

    def to_dict(self) -> dict[str, Any]:
        return {**self.signing_view(), "signatures": dict(self.signatures)}

    def to_json(self) -> bytes:
        return canonical_json(self.to_dict())


def seal_bundle(kind: str, version: int, content: Any, signers: Mapping[str, SignFn],
                created_at: str | None = None) -> Bundle:
    """What the hub does: one signature per suite over the same canonical bytes."""
    if kind not in BUNDLE_KINDS:
        raise ValueError(f"unknown bundle kind {kind!r}")
    if not signers:
        raise ValueError("a bundle needs at least one signer")
    created_at = created_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    unsigned = Bundle(kind, int(version), created_at, json.loads(canonical_json(content)))
    message = unsigned.signing_bytes()
    sigs = {suite: base64.b64encode(sign(message)).decode("ascii") for suite, sign in signers.items()}
    return Bundle(kind, unsigned.version, created_at, unsigned.content, sigs)


def _refuse(detail: str) -> BundleError:
    return BundleError(detail=detail)


def open_bundle(raw: bytes | str | Mapping[str, Any], verifiers: Mapping[str, VerifyFn], *,
                kind: str | None = None, newer_than: int = 0) -> Bundle:
    """What the kiosk does before applying anything: parse, check shape, signatures, kind and version."""
    if not verifiers:
        raise _refuse("no trusted hub key configured")
    try:
        data = dict(raw) if isinstance(raw, Mapping) else json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _refuse(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise _refuse("bundle is not an object")
    if data.get("v") != WIRE_VERSION:
        raise _refuse(f"wire version {data.get('v')!r}, expected {WIRE_VERSION}")
    extra = set(data) - {"v", "kind", "version", "created_at", "content", "signatures"}
    if extra:
        raise _refuse(f"unexpected keys {sorted(extra)}")
    b_kind, version, created_at, sigs = data.get("kind"), data.get("version"), data.get("created_at"), data.get("signatures")
    if b_kind not in BUNDLE_KINDS:
        raise _refuse(f"unknown kind {b_kind!r}")
    if kind is not None and b_kind != kind:
        raise _refuse(f"expected a {kind} bundle, got {b_kind}")
    if type(version) is not int or version < 1:
        raise _refuse(f"bad version {version!r}")
    if not isinstance(created_at, str):
        raise _refuse("created_at missing")
    try:
        dt.datetime.fromisoformat(created_at)
    except ValueError:
        raise _refuse(f"created_at {created_at!r} is not an ISO time") from None
    if not isinstance(sigs, dict) or "content" not in data:
        raise _refuse("signatures or content missing")
    bundle = Bundle(b_kind, version, created_at, data["content"], dict(sigs))
    message = bundle.signing_bytes()
    for suite, verify in verifiers.items():
        text = sigs.get(suite)
        if not isinstance(text, str):
            raise _refuse(f"no {suite} signature")
        try:
            signature = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise _refuse(f"{suite} signature is not base64") from None
        try:
            genuine = verify(message, signature)
        except Exception as exc:  # a verifier that throws on garbage means "not genuine", never a crash
            raise _refuse(f"{suite} signature check failed: {type(exc).__name__}") from None
        if not genuine:
            raise _refuse(f"{suite} signature does not match (tampered, or not signed by this hub)")
    if version <= newer_than:
        raise _refuse(f"version {version} is not newer than {newer_than} (replayed or rolled back)")
    return bundle
