"""SM2 signatures are r||s in two fixed 32-byte halves, also when gmalg returns r or s with leading zeros cut."""

import gmalg

from kiosk.crypto.suites import SM2_UID, GmSuite


def _short_raw_signature(private: bytes, pk: bytes) -> tuple[bytes, bytes, bytes]:
    """A real gmalg signature whose r or s came out shorter than 32 bytes (about 1 in 128 do)."""
    sm2 = gmalg.SM2(sk=private, uid=SM2_UID, pk=pk)
    for i in range(5000):
        message = f"checkpoint {i}".encode()
        r, s = sm2.sign(message)
        if len(r) < 32 or len(s) < 32:
            return message, r, s
    raise AssertionError("no short r/s in 5000 signatures")


def test_short_halves_are_padded_and_verify(monkeypatch):
    suite = GmSuite()
    pair = suite.new_signing_keypair()
    pk = gmalg.SM2().generate_pk(pair.private)
    message, r, s = _short_raw_signature(pair.private, pk)
    monkeypatch.setattr(gmalg.SM2, "sign", lambda self, msg: (r, s))  # replay that exact signature
    signature = suite.sign(pair.private, message)
    monkeypatch.undo()
    assert len(signature) == 64
    assert signature == r.rjust(32, b"\0") + s.rjust(32, b"\0")
    assert suite.verify(pair.public_text, message, signature)
    assert not suite.verify(pair.public_text, message + b"x", signature)


def test_private_keys_are_always_32_bytes_and_usable(monkeypatch):
    """gmalg returns about 1 private key in 256 with a leading zero byte dropped; such a key written to disk
    as 31 bytes made the data dir unreadable ("key file … is damaged")."""
    while True:
        sk, pk = gmalg.SM2().generate_keypair()
        if len(sk) < 32:
            break
    monkeypatch.setattr(gmalg.SM2, "generate_keypair", lambda self: (sk, pk))  # replay that exact key
    suite = GmSuite()
    pair = suite.new_signing_keypair()
    monkeypatch.undo()
    assert len(pair.private) == 32 and pair.private.lstrip(b"\0") == sk.lstrip(b"\0")
    assert suite.signing_public_from_private(pair.private) == pair.public_text
    signature = suite.sign(pair.private, b"checkpoint")
    assert suite.verify(pair.public_text, b"checkpoint", signature)
    data_key = bytes(range(16))
    assert suite.unwrap_key(pair.private, suite.wrap_key(pair.public_text, data_key)) == data_key
