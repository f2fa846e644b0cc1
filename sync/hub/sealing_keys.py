"""The hub's sealing key pair per suite, and opening sealed items with it via ``kiosk.crypto``.

The kiosk seals every item for the hub's public key; only this private key opens it. The key
format and the AEAD are ``kiosk.crypto``'s; this module only stores the key and calls it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.crypto import get_suite


@dataclass(frozen=True)
class SealingKeyPair:
    suite: str
    private: bytes = field(repr=False)  # raw 32 bytes for both suites
    public_text: str  # PEM (intl X25519) or hex of the uncompressed SM2 point (gm)


def generate(suite: str) -> SealingKeyPair:
    pair = get_suite(suite).new_wrap_keypair()
    return SealingKeyPair(suite, pair.private, pair.public_text)


def from_private(suite: str, private: bytes) -> SealingKeyPair:
    return SealingKeyPair(suite, private, get_suite(suite).wrap_public_from_private(private))


def load_or_create(folder: Path, suite: str) -> SealingKeyPair:
    path = folder / f"sealing-{suite}.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(generate(suite).private.hex())
    return from_private(suite, bytes.fromhex(path.read_text().strip()))


class OpenFailed(Exception):
    """The sealed bytes do not open with this key and these bound fields (tampered or misaddressed)."""


def opener_for(pairs: dict[str, SealingKeyPair]) -> Callable[[str, bytes, dict[str, Any]], Any]:
    """An opener over ``kiosk.crypto.sealing`` with one epoch-key cache per suite (an SM2 unwrap costs
    ~20 ms, so it is done once per epoch, not per item). Raises OpenFailed on any failure."""
    from kiosk.crypto import sealing

    openers = {suite: sealing.hub_opener(pair.private) for suite, pair in pairs.items()}

    def open_(suite: str, sealed: bytes, aad: dict[str, Any]) -> Any:
        try:
            return openers[suite](sealed, **aad)
        except Exception as exc:  # a tag failure, a malformed header, a wrong suite: all mean "not openable"
            raise OpenFailed(f"{type(exc).__name__}: {exc}") from None

    return open_
