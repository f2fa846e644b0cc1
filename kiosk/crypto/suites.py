"""The two crypto suites behind one small interface.

``gm``   SM2 (gmalg) for key wrap and signatures, SM4-GCM and SM3 / HMAC-SM3 (cryptography, OpenSSL).
``intl`` X25519 + HKDF-SHA256 for key wrap, AES-256-GCM, Ed25519, SHA-256 / HMAC-SHA256.

Key material crosses this interface as raw private bytes (32 for every key here) and public keys as
text: PEM for the intl suite, hex of the uncompressed SM2 point for gm. ``sync.signing`` and the hub
use the same text forms, so a key written by ``kiosk init`` is read unchanged at the other end.

gmalg's SM2 is pure Python (~20 ms per operation): callers wrap once per epoch and sign only
checkpoints, never per item.
"""

from __future__ import annotations

import hashlib
import hmac as std_hmac
import os
from dataclasses import dataclass, field
from typing import Protocol

import gmalg
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SUITE_NAMES = ("gm", "intl")
SM2_UID = b"1234567812345678"  # the default signer ID of GB/T 35276; sync.signing uses the same
NONCE_SIZE = 12
TAG_SIZE = 16


class CryptoError(Exception):
    """Decryption, unwrapping or parsing failed: wrong key, tampered bytes, or a foreign format."""


@dataclass(frozen=True)
class KeyPair:
    private: bytes = field(repr=False)
    public_text: str


class Suite(Protocol):
    """What the store, the audit log and the hub need from a suite; nothing more."""

    name: str
    data_key_size: int
    digest_size: int

    def digest(self, data: bytes) -> bytes: ...
    def mac(self, key: bytes, data: bytes) -> bytes: ...
    def aead_encrypt(self, key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes: ...
    def aead_decrypt(self, key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes: ...
    def new_wrap_keypair(self) -> KeyPair: ...
    def wrap_public_from_private(self, private: bytes) -> str: ...
    def wrap_key(self, public_text: str, data_key: bytes) -> bytes: ...
    def unwrap_key(self, private: bytes, wrapped: bytes) -> bytes: ...
    def new_signing_keypair(self) -> KeyPair: ...
    def signing_public_from_private(self, private: bytes) -> str: ...
    def sign(self, private: bytes, message: bytes) -> bytes: ...
    def verify(self, public_text: str, message: bytes, signature: bytes) -> bool: ...


def _sm4_gcm_encrypt(key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
    # cryptography has no SM4 AEAD class; Cipher + modes.GCM is the supported route (standards.md §4.2)
    enc = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    enc.authenticate_additional_data(aad)
    return enc.update(plaintext) + enc.finalize() + enc.tag


def _sm4_gcm_decrypt(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    if len(ciphertext) < TAG_SIZE:
        raise CryptoError("ciphertext shorter than the GCM tag")
    body, tag = ciphertext[:-TAG_SIZE], ciphertext[-TAG_SIZE:]
    dec = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    dec.authenticate_additional_data(aad)
    try:
        return dec.update(body) + dec.finalize()
    except InvalidTag:
        raise CryptoError("SM4-GCM tag mismatch (wrong key or tampered data)") from None


class GmSuite:
    name = "gm"
    data_key_size = 16
    digest_size = 32

    def digest(self, data: bytes) -> bytes:
        h = hashes.Hash(hashes.SM3())
        h.update(data)
        return h.finalize()

    def mac(self, key: bytes, data: bytes) -> bytes:
        h = crypto_hmac.HMAC(key, hashes.SM3())
        h.update(data)
        return h.finalize()

    def aead_encrypt(self, key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
        return _sm4_gcm_encrypt(key, nonce, plaintext, aad)

    def aead_decrypt(self, key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
        return _sm4_gcm_decrypt(key, nonce, ciphertext, aad)

    def new_wrap_keypair(self) -> KeyPair:
        sk, pk = gmalg.SM2().generate_keypair()
        # gmalg drops leading zero bytes (about 1 key in 256 comes out 31 bytes); keys are 32 bytes on disk
        return KeyPair(sk.rjust(32, b"\0"), pk.hex())

    def wrap_public_from_private(self, private: bytes) -> str:
        return gmalg.SM2().generate_pk(private).hex()

    def wrap_key(self, public_text: str, data_key: bytes) -> bytes:
        try:
            return gmalg.SM2(pk=bytes.fromhex(public_text)).encrypt(data_key)
        except (ValueError, gmalg.errors.GMError) as exc:
            raise CryptoError(f"hub public key is not a valid SM2 point: {type(exc).__name__}") from None

    def unwrap_key(self, private: bytes, wrapped: bytes) -> bytes:
        try:
            return gmalg.SM2(sk=private).decrypt(wrapped)
        except (ValueError, IndexError, gmalg.errors.GMError) as exc:  # CheckFailedError on a wrong key
            raise CryptoError(f"SM2 unwrap failed: {type(exc).__name__}") from None

    def new_signing_keypair(self) -> KeyPair:
        return self.new_wrap_keypair()

    def signing_public_from_private(self, private: bytes) -> str:
        return self.wrap_public_from_private(private)

    def sign(self, private: bytes, message: bytes) -> bytes:
        pk = gmalg.SM2().generate_pk(private)
        r, s = gmalg.SM2(sk=private, uid=SM2_UID, pk=pk).sign(message)
        # gmalg returns r and s without leading zeros; r||s is two fixed 32-byte halves (GB/T 35276)
        return r.rjust(32, b"\0") + s.rjust(32, b"\0")

    def verify(self, public_text: str, message: bytes, signature: bytes) -> bool:
        if len(signature) != 64:
            return False
        try:
            sm2 = gmalg.SM2(uid=SM2_UID, pk=bytes.fromhex(public_text))
            return bool(sm2.verify(message, signature[:32], signature[32:]))
        except (ValueError, gmalg.errors.GMError):
            return False


_WRAP_INFO = b"village-kiosk epoch key wrap v1"


def _raw_and_pem(sk: x25519.X25519PrivateKey | ed25519.Ed25519PrivateKey) -> tuple[bytes, str]:
    """A private key's raw 32 bytes and its public key as PEM (the intl suite's text form)."""
    raw = sk.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    pem = sk.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return raw, pem.decode()


class IntlSuite:
    name = "intl"
    data_key_size = 32
    digest_size = 32

    def digest(self, data: bytes) -> bytes:
        return hashlib.sha256(data).digest()

    def mac(self, key: bytes, data: bytes) -> bytes:
        return std_hmac.new(key, data, hashlib.sha256).digest()

    def aead_encrypt(self, key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
        return AESGCM(key).encrypt(nonce, plaintext, aad)

    def aead_decrypt(self, key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
        try:
            return AESGCM(key).decrypt(nonce, ciphertext, aad)
        except InvalidTag:
            raise CryptoError("AES-GCM tag mismatch (wrong key or tampered data)") from None

    def new_wrap_keypair(self) -> KeyPair:
        return KeyPair(*_raw_and_pem(x25519.X25519PrivateKey.generate()))

    def wrap_public_from_private(self, private: bytes) -> str:
        return _raw_and_pem(x25519.X25519PrivateKey.from_private_bytes(private))[1]

    @staticmethod
    def _kek(shared: bytes, ephemeral_pub: bytes, recipient_pub: bytes) -> bytes:
        # binding both public keys into the KDF, as HPKE's DHKEM does
        return HKDF(hashes.SHA256(), 32, salt=None, info=_WRAP_INFO + ephemeral_pub + recipient_pub).derive(shared)

    def wrap_key(self, public_text: str, data_key: bytes) -> bytes:
        try:
            recipient = serialization.load_pem_public_key(public_text.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise CryptoError("hub public key is not a PEM X25519 key") from None
        if not isinstance(recipient, x25519.X25519PublicKey):
            raise CryptoError("hub public key is not an X25519 key")
        eph = x25519.X25519PrivateKey.generate()
        eph_pub = eph.public_key().public_bytes_raw()
        kek = self._kek(eph.exchange(recipient), eph_pub, recipient.public_bytes_raw())
        # the KEK is used once, so a zero nonce is safe
        return eph_pub + AESGCM(kek).encrypt(bytes(NONCE_SIZE), data_key, b"")

    def unwrap_key(self, private: bytes, wrapped: bytes) -> bytes:
        if len(wrapped) < 32 + TAG_SIZE:
            raise CryptoError("wrapped key too short")
        try:
            sk = x25519.X25519PrivateKey.from_private_bytes(private)
            eph_pub = wrapped[:32]
            kek = self._kek(sk.exchange(x25519.X25519PublicKey.from_public_bytes(eph_pub)), eph_pub,
                            sk.public_key().public_bytes_raw())
            return AESGCM(kek).decrypt(bytes(NONCE_SIZE), wrapped[32:], b"")
        except (InvalidTag, ValueError) as exc:
            raise CryptoError(f"X25519 unwrap failed: {type(exc).__name__}") from None

    def new_signing_keypair(self) -> KeyPair:
        return KeyPair(*_raw_and_pem(ed25519.Ed25519PrivateKey.generate()))

    def signing_public_from_private(self, private: bytes) -> str:
        return _raw_and_pem(ed25519.Ed25519PrivateKey.from_private_bytes(private))[1]

    def sign(self, private: bytes, message: bytes) -> bytes:
        return ed25519.Ed25519PrivateKey.from_private_bytes(private).sign(message)

    def verify(self, public_text: str, message: bytes, signature: bytes) -> bool:
        try:
            key = serialization.load_pem_public_key(public_text.encode("ascii"))
            if not isinstance(key, ed25519.Ed25519PublicKey):
                return False
            key.verify(signature, message)
            return True
        except (InvalidSignature, ValueError, UnicodeEncodeError):
            return False


def get_suite(name: str) -> Suite:
    if name == "gm":
        return GmSuite()
    if name == "intl":
        return IntlSuite()
    raise ValueError(f"unknown crypto suite {name!r}; choose one of: {', '.join(SUITE_NAMES)}")


def random_bytes(n: int) -> bytes:
    return os.urandom(n)
