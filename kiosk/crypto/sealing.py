"""Sealed items: what the kiosk queues and only the hub can open.

A sealed item is self-contained bytes::

    b"KSL1" | u8 len + suite | 16-byte epoch id | u16 len + wrapped epoch key | 12-byte nonce | AEAD ct+tag

The AEAD's associated data is the whole header plus a canonical JSON of the item's clear-text fields
(txn_id, kind, service_code, device_id), so neither the header nor those fields can be swapped between
items. The plaintext is canonical JSON of ``{"payload", "attachments", "meta"}`` with attachment bytes
in base64.

The epoch data key lives only in memory (``Epoch``); it is wrapped to the hub's public key once when
created. The kiosk keeps no private key that can unwrap it, so it cannot read back what it queued.
"""

from __future__ import annotations

import base64
import json
import struct
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .suites import NONCE_SIZE, CryptoError, Suite, get_suite, random_bytes

MAGIC = b"KSL1"
EPOCH_ID_SIZE = 16


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass
class Epoch:
    """One epoch's data key. Mutable on purpose: ``wipe`` zeroes the key when the epoch ends."""

    suite: Suite
    epoch_id: bytes
    data_key: bytearray = field(repr=False)
    wrapped_key: bytes = field(repr=False)
    hub_public_text: str = field(repr=False)
    created_at: float
    items: int = 0

    @classmethod
    def start(cls, suite: Suite, hub_public_text: str, now: float | None = None) -> Epoch:
        key = bytearray(random_bytes(suite.data_key_size))
        wrapped = suite.wrap_key(hub_public_text, bytes(key))
        return cls(suite, uuid.uuid4().bytes, key, wrapped, hub_public_text,
                   time.time() if now is None else now)

    @property
    def epoch_hex(self) -> str:
        return self.epoch_id.hex()

    def expired(self, now: float, max_items: int, max_hours: float) -> bool:
        return self.items >= max_items or now - self.created_at >= max_hours * 3600 or not self.data_key

    def wipe(self) -> None:
        # best effort: Python may hold transient copies, but the long-lived buffer is cleared
        for i in range(len(self.data_key)):
            self.data_key[i] = 0
        self.data_key = bytearray()

    def header(self) -> bytes:
        suite_name = self.suite.name.encode("ascii")
        return (MAGIC + bytes([len(suite_name)]) + suite_name + self.epoch_id
                + struct.pack(">H", len(self.wrapped_key)) + self.wrapped_key)


def bound_fields(txn_id: str, kind: str, service_code: str, device_id: str) -> bytes:
    return canonical_json({"txn_id": txn_id, "kind": kind, "service_code": service_code, "device_id": device_id})


def plaintext_document(payload: dict[str, Any], attachments: list[tuple[str, str, bytes]],
                       meta: dict[str, Any]) -> bytes:
    """``canonical_json({"attachments": [...], "meta": meta, "payload": payload})``, byte for byte.

    Built by splicing because base64 text needs no JSON escaping: sending a 200 kB photo through
    ``json.dumps`` costs several milliseconds per item for nothing.
    """
    parts = []
    for name, media_type, data in attachments:
        parts.append(b'{"data":"' + base64.b64encode(data) + b'","media_type":' + canonical_json(media_type)
                     + b',"name":' + canonical_json(name) + b"}")
    return (b'{"attachments":[' + b",".join(parts) + b'],"meta":' + canonical_json(meta)
            + b',"payload":' + canonical_json(payload) + b"}")


def seal(epoch: Epoch, plaintext: bytes, *, txn_id: str, kind: str, service_code: str, device_id: str) -> bytes:
    """Encrypt one item's canonical plaintext under the epoch key; counts the item against the epoch."""
    if not epoch.data_key:
        raise CryptoError("epoch key already wiped")
    header = epoch.header()
    nonce = random_bytes(NONCE_SIZE)
    aad = header + bound_fields(txn_id, kind, service_code, device_id)
    ct = epoch.suite.aead_encrypt(bytes(epoch.data_key), nonce, plaintext, aad)
    epoch.items += 1
    return header + nonce + ct


@dataclass(frozen=True)
class SealedHeader:
    suite: str
    epoch_id: bytes
    wrapped_key: bytes
    header: bytes
    body: bytes  # nonce + ciphertext


def parse_header(sealed: bytes) -> SealedHeader:
    """Pure parser of the clear header; raises CryptoError on anything malformed."""
    try:
        if sealed[:4] != MAGIC:
            raise CryptoError("not a sealed kiosk item (bad magic)")
        n = sealed[4]
        suite = sealed[5:5 + n].decode("ascii")
        pos = 5 + n
        epoch_id = sealed[pos:pos + EPOCH_ID_SIZE]
        pos += EPOCH_ID_SIZE
        (wlen,) = struct.unpack(">H", sealed[pos:pos + 2])
        pos += 2
        wrapped = sealed[pos:pos + wlen]
        pos += wlen
    except (IndexError, struct.error, UnicodeDecodeError):
        raise CryptoError("truncated sealed header") from None
    if len(epoch_id) != EPOCH_ID_SIZE or len(wrapped) != wlen or len(sealed) < pos + NONCE_SIZE + 16:
        raise CryptoError("truncated sealed item")
    return SealedHeader(suite, epoch_id, wrapped, sealed[:pos], sealed[pos:])


KeyCache = dict[tuple[str, bytes], bytes]


def open_sealed(sealed: bytes, hub_private_key: bytes, *, txn_id: str, kind: str, service_code: str,
                device_id: str, cache: KeyCache | None = None) -> dict[str, Any]:
    """Hub side: unwrap the epoch key (cached by epoch id when ``cache`` is given), check and decrypt.

    Returns ``{"payload": ..., "attachments": [{"name", "media_type", "data" (base64)}], "meta": ...}``,
    JSON-ready; ``decode_attachments`` turns the attachments back into bytes. Raises CryptoError.
    """
    head = parse_header(sealed)
    try:
        suite = get_suite(head.suite)
    except ValueError as exc:
        raise CryptoError(str(exc)) from None
    cache_key = (head.suite, head.epoch_id + head.wrapped_key)
    data_key = cache.get(cache_key) if cache is not None else None
    if data_key is None:
        data_key = suite.unwrap_key(hub_private_key, head.wrapped_key)
        if cache is not None:
            cache[cache_key] = data_key
    nonce, ct = head.body[:NONCE_SIZE], head.body[NONCE_SIZE:]
    aad = head.header + bound_fields(txn_id, kind, service_code, device_id)
    plaintext = suite.aead_decrypt(data_key, nonce, ct, aad)
    try:
        return json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CryptoError("sealed plaintext is not canonical JSON") from None


def decode_attachments(document: dict[str, Any]) -> list[tuple[str, str, bytes]]:
    return [(a["name"], a["media_type"], base64.b64decode(a["data"])) for a in document.get("attachments", [])]


def hub_opener(hub_private_key: bytes) -> Callable[..., dict[str, Any]]:
    """A hub-side opener with its own epoch-key cache (one per hub key, no module state)."""
    cache: KeyCache = {}

    def open_item(sealed: bytes, **aad: str) -> dict[str, Any]:
        return open_sealed(sealed, hub_private_key, cache=cache, **aad)

    return open_item
