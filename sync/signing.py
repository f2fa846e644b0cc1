"""Transport signatures: who sent a batch (device key) and who made a bundle (hub key).

A thin layer over ``kiosk.crypto``'s suites (``gm``: SM2 with the GB/T 35276 default ID, signature
r||s, public key as hex; ``intl``: Ed25519, public key as PEM), so both ends and the store share one
implementation and one text form of keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.crypto import SUITE_NAMES, get_suite

SUITES = SUITE_NAMES


@dataclass(frozen=True)
class SigningKey:
    """A private signing key with its public text form. ``private`` is raw bytes (32 for both suites)."""

    suite: str
    private: bytes = field(repr=False)
    public_text: str

    def sign(self, message: bytes) -> bytes:
        return get_suite(self.suite).sign(self.private, message)


def generate(suite: str) -> SigningKey:
    pair = get_suite(suite).new_signing_keypair()
    return SigningKey(suite, pair.private, pair.public_text)


def from_private(suite: str, private: bytes) -> SigningKey:
    return SigningKey(suite, private, get_suite(suite).signing_public_from_private(private))


def verify(suite: str, public_text: str, message: bytes, signature: bytes) -> bool:
    """True only for a valid signature; a malformed key or signature, or an unknown suite, is invalid."""
    try:
        return get_suite(suite).verify(public_text, message, signature)
    except Exception:  # gmalg raises its own errors for points off the curve; all mean "not valid"
        return False


def body_message(suite: str, body: bytes) -> bytes:
    """What a batch or bundle signature covers: a domain tag and the suite's digest of the exact body.
    Signing the digest, not the body, matters for ``gm``: gmalg hashes in pure Python (~10 s per MB),
    while ``kiosk.crypto``'s SM3 / SHA-256 runs in OpenSSL."""
    return b"village-kiosk sync body v1\n" + get_suite(suite).digest(body)


def sign_body(key: SigningKey, body: bytes) -> bytes:
    return key.sign(body_message(key.suite, body))


def verify_body(suite: str, public_text: str, body: bytes, signature: bytes) -> bool:
    try:
        message = body_message(suite, body)
    except ValueError:  # an unknown suite
        return False
    return verify(suite, public_text, message, signature)
