"""Transport signatures for the two suites: who sent a batch (device key) and who made a bundle (hub key).

``gm`` signs with SM2 (gmalg; public key as hex of the uncompressed point, signature r||s), ``intl``
with Ed25519 (cryptography; public key as PEM). Both ends use these few functions, so the text forms
on the wire are defined in one place. Key storage and sealing belong to ``kiosk.crypto``; this module
only needs a private key's bytes and a public key's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import gmalg
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

SUITES = ("gm", "intl")
SM2_UID = b"1234567812345678"  # the default signer ID of GB/T 35276


@dataclass(frozen=True)
class SigningKey:
    """A private signing key with its public text form. ``private`` is raw bytes (32 for both suites)."""

    suite: str
    private: bytes = field(repr=False)
    public_text: str

    def sign(self, message: bytes) -> bytes:
        if self.suite == "intl":
            return ed25519.Ed25519PrivateKey.from_private_bytes(self.private).sign(message)
        r, s = gmalg.SM2(sk=self.private, uid=SM2_UID, pk=bytes.fromhex(self.public_text)).sign(message)
        return r + s


def generate(suite: str) -> SigningKey:
    if suite == "intl":
        sk = ed25519.Ed25519PrivateKey.generate()
        raw = sk.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                               serialization.NoEncryption())
        return SigningKey("intl", raw, _ed_public_pem(sk.public_key()))
    if suite == "gm":
        sk, pk = gmalg.SM2().generate_keypair()
        return SigningKey("gm", sk, pk.hex())
    raise ValueError(f"unknown suite {suite!r}")


def from_private(suite: str, private: bytes) -> SigningKey:
    if suite == "intl":
        sk = ed25519.Ed25519PrivateKey.from_private_bytes(private)
        return SigningKey("intl", private, _ed_public_pem(sk.public_key()))
    if suite == "gm":
        return SigningKey("gm", private, gmalg.SM2().generate_pk(private).hex())
    raise ValueError(f"unknown suite {suite!r}")


def verify(suite: str, public_text: str, message: bytes, signature: bytes) -> bool:
    """True only for a valid signature; any malformed key or signature is simply invalid."""
    try:
        if suite == "intl":
            key = serialization.load_pem_public_key(public_text.encode("ascii"))
            if not isinstance(key, ed25519.Ed25519PublicKey):
                return False
            key.verify(signature, message)
            return True
        if suite == "gm":
            if len(signature) != 64:
                return False
            return bool(gmalg.SM2(uid=SM2_UID, pk=bytes.fromhex(public_text)).verify(message, signature[:32], signature[32:]))
    except (InvalidSignature, ValueError, TypeError, UnicodeEncodeError):
        return False
    except Exception:  # gmalg raises its own errors on points off the curve
        return False
    return False


def _ed_public_pem(pk: ed25519.Ed25519PublicKey) -> str:
    return pk.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
