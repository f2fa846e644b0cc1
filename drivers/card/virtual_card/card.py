"""The APDU state machine of a virtual 社保卡 (T=0 behaviour included: 61xx on SELECT, 6Cxx on a wrong Le).

``process`` takes a C-APDU and returns the R-APDU, or None for a mute card; it raises ``CardPulled``
when the profile says the card leaves the slot now.
"""

from __future__ import annotations

import hmac
import os
import random

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from ..apdu import SSSE_NAME
from ..records import EF05_ITEMS, EF06_ITEMS
from .profiles import CardProfile

# T=0 only, 12 historical bytes: the common form for Chinese CPU cards.
ATR = bytes.fromhex("3B6C0000") + b"SSCARD-VIRT1"
FCI_ALGORITHM = bytes.fromhex("9F0C03860101")  # algorithm flag: which PSAM key file to use
PROTECTED_TAGS = {0x05, 0x06} | {i.tag for i in EF06_ITEMS}
OK = b"\x90\x00"


class CardPulled(Exception):
    """The virtual card leaves the slot (the link closes its connection)."""


def _sw(value: int) -> bytes:
    return value.to_bytes(2, "big")


def sm4_block(key: bytes, block: bytes) -> bytes:
    """One SM4-ECB block: the card's own cipher for INTERNAL / EXTERNAL AUTHENTICATE."""
    encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


def _bcd(digits: str) -> bytes:
    return bytes.fromhex(digits)


def encode_records(p: CardProfile) -> dict[int, bytes]:
    """Item values by tag, padded to their allotted length the way cards store them."""
    v = p.villager
    if v is None:
        return {}
    name = v.name.encode("gb18030")
    values = {
        0x01: _bcd(v.region) + bytes.fromhex("D156000005") + bytes.fromhex("99110145") + b"\xff" * 4,
        0x02: b"3",
        0x03: p.version.encode("ascii"),
        0x04: (v.region + "000000").encode("ascii"),
        0x05: _bcd(f"{v.issue_date:%Y%m%d}"),
        0x06: _bcd(f"{v.expiry_date:%Y%m%d}") if v.expiry_date else b"\x00" * 4,
        0x07: v.card_number.encode("ascii"),
        0x08: v.id_number.encode("ascii"),
        0x09: name[: p.name_split],
        0x4E: name[p.name_split :],
        0x0A: v.sex_code.encode("ascii"),
        0x0B: _bcd(v.ethnicity),
        0x0C: _bcd(v.region[:6]),
        0x0D: _bcd(f"{v.birth_date:%Y%m%d}"),
    }
    if not p.padded:
        return values
    lengths = {i.tag: i.length for i in EF05_ITEMS + EF06_ITEMS}
    return {tag: value.ljust(lengths[tag], b"\x00") for tag, value in values.items()}


class VirtualCard:
    def __init__(self, profile: CardProfile):
        self.profile = profile
        self._records = encode_records(profile)
        self._tries = profile.pin_tries
        self.external_auth_tries = profile.external_auth_tries
        self.external_auth_failures = 0
        self._rng = random.Random(profile.garbage_seed)
        self.apdu_count = 0
        self.reset()

    def reset(self) -> None:
        """Power on / reset: selection and pending data are lost, PIN tries are not."""
        self._in_ssse = False
        self._ef: bytes | None = None
        self._pending = b""
        self._challenge: bytes | None = None
        self.authenticated = False

    def process(self, command: bytes) -> bytes | None:
        self.apdu_count += 1
        p = self.profile
        if p.pull_after is not None and self.apdu_count > p.pull_after:
            raise CardPulled
        if p.mute:
            return None
        answer = self._answer(command)
        if p.garbage_seed is not None:
            return self._garble(answer)
        return answer

    def _answer(self, c: bytes) -> bytes:
        if len(c) < 4:
            return _sw(0x6700)
        if c[0] != 0x00:
            return _sw(0x6E00)
        ins, p1, p2 = c[1], c[2], c[3]
        body = c[5 : 5 + c[4]] if len(c) > 5 else b""
        le = c[4] if len(c) == 5 else None
        if ins == 0xA4:
            return self._select(p1, body)
        if ins == 0xC0:
            return self._with_le(self._pending, le, clear=True) if self._pending else _sw(0x6985)
        if ins == 0xB2 and p2 == 0x00:
            return self._read_record(p1, le)
        if ins == 0x20:
            return self._verify(body)
        if ins == 0x84:
            self._challenge = os.urandom(le or 8)
            return self._challenge + OK
        if ins == 0x88:
            return self._internal_auth(body)
        if ins == 0x82:
            return self._external_auth(p2, body)
        return _sw(0x6D00)

    def _select(self, p1: int, body: bytes) -> bytes:
        if p1 == 0x04:
            if body != SSSE_NAME or self.profile.not_sscard:
                return _sw(0x6A82)
            self._in_ssse, self._ef = True, None
            fci = b"\x84" + bytes([len(SSSE_NAME)]) + SSSE_NAME + b"\xa5" + bytes([len(FCI_ALGORITHM)])
            self._pending = b"\x6f" + bytes([len(fci) + len(FCI_ALGORITHM)]) + fci + FCI_ALGORITHM
            return _sw(0x6100 | len(self._pending))
        if p1 == 0x02 and self._in_ssse and body in (b"\xef\x05", b"\xef\x06"):
            self._ef = body
            return OK
        return _sw(0x6A82)

    def _read_record(self, tag: int, le: int | None) -> bytes:
        items = EF05_ITEMS if self._ef == b"\xef\x05" else EF06_ITEMS if self._ef == b"\xef\x06" else ()
        if self._ef is None:
            return _sw(0x6986)
        if tag not in {i.tag for i in items} or tag not in self._records:
            return _sw(0x6A83)
        if self.profile.protected and tag in PROTECTED_TAGS and not self.authenticated:
            return _sw(0x6982)
        value = self._records[tag]
        return self._with_le(bytes([tag, len(value)]) + value, le)

    def _with_le(self, data: bytes, le: int | None, *, clear: bool = False) -> bytes:
        if le not in (None, 0, len(data)):
            return _sw(0x6C00 | len(data))
        if clear:
            self._pending = b""
        return data + OK

    def _internal_auth(self, random: bytes) -> bytes:
        """The card proves it is genuine: SM4 of the terminal's random under its internal key (61 10 first)."""
        if self.profile.card_keys is None:
            return _sw(0x6D00)
        if not self._in_ssse:
            return _sw(0x6985)
        if len(random) != 16:
            return _sw(0x6700)
        self._pending = sm4_block(self.profile.card_keys[0], random)
        return _sw(0x6100 | len(self._pending))

    def _external_auth(self, key_ref: int, cryptogram: bytes) -> bytes:
        """RKSSSE: SM4(challenge || 00×8) under the card's key; the challenge is good for one try."""
        if self.profile.card_keys is None:
            return _sw(0x6D00)
        if key_ref != 0x0A:
            return _sw(0x6A88)
        if len(cryptogram) != 16:
            return _sw(0x6700)
        if self.external_auth_tries <= 0:
            return _sw(0x6983)
        challenge, self._challenge = self._challenge, None
        if challenge is None:
            return _sw(0x6985)  # no GET CHALLENGE before: a replayed cryptogram has nothing to match
        expected = sm4_block(self.profile.card_keys[1], challenge.ljust(16, b"\x00"))
        if hmac.compare_digest(expected, cryptogram):
            self.authenticated = True
            self.external_auth_tries = self.profile.external_auth_tries
            return OK
        self.external_auth_failures += 1
        self.external_auth_tries -= 1
        return _sw(0x63C0 | self.external_auth_tries)

    def _verify(self, body: bytes) -> bytes:
        if not self._in_ssse:
            return _sw(0x6985)
        if self._tries <= 0:
            return _sw(0x6983)
        if body.hex().upper().rstrip("F") == self.profile.pin:
            self._tries = self.profile.pin_tries or 3
            return OK
        self._tries -= 1
        return _sw(0x6983) if self._tries == 0 else _sw(0x63C0 | self._tries)

    def _garble(self, answer: bytes) -> bytes:
        """One of: random bytes, a truncation, a flipped bit, a random status word.

        Never empty: vpcd treats a 0-byte answer as the card leaving the slot.
        """
        rng = self._rng
        kind = rng.randrange(4)
        if kind == 0:
            return rng.randbytes(rng.randrange(1, 40))
        if kind == 1:
            return answer[: rng.randrange(1, max(2, len(answer)))]
        if kind == 2:
            flipped = bytearray(answer)
            i = rng.randrange(len(flipped))
            flipped[i] ^= 1 << rng.randrange(8)
            return bytes(flipped)
        return answer[:-2] + rng.randbytes(2)
