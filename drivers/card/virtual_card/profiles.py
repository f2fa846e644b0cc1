"""Fake villagers and card behaviours. Every identity here is invented; ID check digits are computed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def fake_id_number(region: str, birth: dt.date, sequence: int) -> str:
    """A well-formed GB 11643 number (valid check digit) for an invented person."""
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


@dataclass(frozen=True)
class FakeVillager:
    name: str
    region: str  # 6-digit administrative code
    birth_date: dt.date
    sequence: int  # odd: male, even: female (the ID number's rule)
    ethnicity: str = "01"
    card_number: str = "A00000001"
    issue_date: dt.date = dt.date(2019, 6, 1)
    expiry_date: dt.date | None = dt.date(2029, 6, 1)

    @property
    def id_number(self) -> str:
        return fake_id_number(self.region, self.birth_date, self.sequence)

    @property
    def sex_code(self) -> str:
        return "1" if self.sequence % 2 else "2"

    def __repr__(self) -> str:
        return f"FakeVillager(card_number={self.card_number!r})"


@dataclass(frozen=True)
class CardProfile:
    """One card: who is on it and how it behaves."""

    key: str
    label: str  # for the demo panel
    villager: FakeVillager | None
    version: str = "2.00"
    name_split: int = 30  # bytes of the name kept in tag 09; the rest goes to 4E
    padded: bool = True  # records padded to their allotted length; False exercises the 6Cxx re-send
    protected: bool = False  # third generation: personal items answer 6982 without PSAM/HSM
    pin: str = "123456"
    pin_tries: int = 3
    not_sscard: bool = False  # e.g. a bank card: no SSSE application
    mute: bool = False  # answers the ATR, never an APDU
    pull_after: int | None = None  # the card is pulled after this many APDUs
    garbage_seed: int | None = None  # every answer is garbled or truncated, reproducibly
    # third generation: (internal-auth key, RKSSSE external-auth key), personalised per card as an issuer
    # would. These are diversified from the TEST ONLY master keys of sync.hub.crypto_service's reference
    # provider (a test checks they match); None: no INTERNAL/EXTERNAL AUTHENTICATE on this card.
    card_keys: tuple[bytes, bytes] | None = field(default=None, repr=False)
    external_auth_tries: int = 3  # wrong cryptograms the card tolerates before blocking external auth


ZHANG = FakeVillager("张三", "110105", dt.date(1958, 3, 7), 11, card_number="A01234567")
RARE = FakeVillager("欧阳𠮷䶮㑇", "520102", dt.date(1962, 11, 23), 24, ethnicity="04", card_number="B87654321")
LIU = FakeVillager("刘秀英", "431121", dt.date(1971, 5, 9), 42, card_number="C11223344",
                   issue_date=dt.date(2023, 3, 15), expiry_date=None)
# TEST ONLY: LIU's card keys under the reference provider's test master keys (card id 431121D156…FFFFFFFF)
LIU_TEST_KEYS = (bytes.fromhex("55a4cc0136a2dd10d1e3d78184e5e152"), bytes.fromhex("2fe4207107f049e5740eb4f5d9db1aa1"))
# a counterfeit: right RKSSSE key leaked, but no genuine internal key
FAKE_TEST_KEYS = (bytes(16), LIU_TEST_KEYS[1])
ZHAO = FakeVillager("赵铁柱", "410523", dt.date(1949, 10, 1), 35, ethnicity="08", card_number="D55667788")

PROFILES: dict[str, CardProfile] = {
    p.key: p
    for p in (
        CardProfile("v2", "二代社保卡（张三）", ZHANG),
        # "欧阳" + the first half of 𠮷 in 09, the rest in 4E: decoding 09 alone would fail
        CardProfile("rare", "生僻字姓名（欧阳𠮷䶮㑇）", RARE, name_split=6,
                    padded=False),
        CardProfile("v3", "三代社保卡（刘秀英，经县里认证读取）", LIU, version="3.00", protected=True,
                    card_keys=LIU_TEST_KEYS),
        CardProfile("v3_fake", "三代社保卡（伪卡，内部认证失败）", LIU, version="3.00", protected=True,
                    card_keys=FAKE_TEST_KEYS),
        CardProfile("blocked", "密码已锁定", ZHAO, pin_tries=0),
        CardProfile("not_sscard", "银行卡（非社保卡）", None, not_sscard=True),
        CardProfile("mute", "无响应的卡", ZHANG, mute=True),
        CardProfile("pulled", "读卡中途拔卡", ZHANG, pull_after=9),
        CardProfile("garbage", "乱码应答", ZHANG, garbage_seed=4),
    )
}


def profile(key: str, **changes) -> CardProfile:
    """A profile by key, optionally changed (e.g. ``profile("garbage", garbage_seed=7)``)."""
    try:
        base = PROFILES[key]
    except KeyError:
        raise KeyError(f"unknown card profile {key!r}; known: {', '.join(PROFILES)}") from None
    return replace(base, **changes) if changes else base
