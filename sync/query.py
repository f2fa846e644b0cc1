"""The online query protocol: a villager's look-up answered by the hub, never queued.

``POST /v1/queries``  QueryRequest -> QueryReply   signed like a batch: headers ``X-Kiosk-Device`` and
                                                   ``X-Kiosk-Signature`` over the exact body bytes
``POST /v1/verify-code``  VerifyCodeRequest -> VerifyCodeReply   anyone may check a printed QR text

The identity proof is what the kiosk saw in this session: the card's number and ID number, and that
VERIFY succeeded (with its time) — never the PIN itself. A query lives ``MAX_LIFETIME_S`` at most; the
hub refuses an expired one and any ``query_id`` it has seen before (a replay), and answers only about
the card holder named in the proof.

Answers carry personal data: the kiosk keeps them in the citizen session only (``kiosk.queries``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.protocol import PROTOCOL_VERSION

QueryKind = Literal["contributions", "benefits", "card_status", "applications", "proof"]
QUERY_KINDS: tuple[str, ...] = ("contributions", "benefits", "card_status", "applications", "proof")
MAX_LIFETIME_S = 60  # long enough for a slow line, short enough that a captured query is soon useless
CLOCK_SKEW_S = 30  # a kiosk clock a little ahead of the hub is fine; far ahead is not
ID_PATTERN = r"^[0-9]{17}[0-9Xx]$"

# the application states a county clerk moves an application through
ACCEPTED, REVIEWING, DONE, RETURNED = "受理", "审核", "办结", "退回"
APPLICATION_STATES = (ACCEPTED, REVIEWING, DONE, RETURNED)
FINAL_STATES = frozenset({DONE, RETURNED})

__all__ = [
    "QueryKind", "QUERY_KINDS", "MAX_LIFETIME_S", "CardProof", "QueryRequest", "QueryReply",
    "Enrolment", "ContributionYear", "Benefit", "CardStatus", "StatusChange", "ApplicationStatus",
    "IssuedProof", "Answer", "VerifyCodeRequest", "VerifyCodeReply", "new_query", "iso",
]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    v: Literal[1] = PROTOCOL_VERSION


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CardProof(_Part):
    """What this session's card read and PIN check showed. Never the PIN."""

    card_number: str = Field(min_length=1, max_length=32)
    id_number: str = Field(pattern=ID_PATTERN)
    card_read_at: str
    pin_verified: bool
    pin_verified_at: str = ""


class QueryRequest(_Doc):
    device_id: str = Field(pattern=r"^[A-Za-z0-9_-]{4,64}$")
    query_id: str = Field(pattern=r"^[A-Za-z0-9_-]{16,64}$")  # the nonce: each one is answered once
    kind: QueryKind
    subject_id_number: str = Field(pattern=ID_PATTERN)  # whose records; must be the card holder's
    card: CardProof
    issued_at: str
    expires_at: str


class Enrolment(_Part):
    scheme: str  # 险种
    status: str  # 参保状态
    since: str  # 参保起始年月
    months_paid: int = 0


class ContributionYear(_Part):
    year: int
    scheme: str
    months: int
    amount: float  # 元
    subsidy: float = 0.0  # 政府补贴


class Benefit(_Part):
    kind: str  # 待遇类别, e.g. 城乡居民基本养老金
    status: str  # 正常发放 / 暂停 / 未领取
    monthly_amount: float = 0.0
    since: str = ""


class CardStatus(_Part):
    card_number_masked: str
    status: str  # 正常 / 挂失 / 临时挂失 / 注销
    bank: str = ""
    issued_on: str = ""
    financial_account: str = ""  # 金融账户状态


class StatusChange(_Part):
    status: str
    at: str
    reason: str = ""


class ApplicationStatus(_Part):
    acceptance_no: str
    service_code: str
    service_name: str
    status: str  # one of APPLICATION_STATES
    submitted_at: str
    time_limit_days: int
    deadline: str  # YYYY-MM-DD
    days_left: int  # negative: overdue
    result: str = ""
    reason: str = ""  # why it was returned
    history: tuple[StatusChange, ...] = ()


class IssuedProof(_Part):
    """A 参保证明 the hub registered: its number is what the printed QR names."""

    proof_no: str
    holder_name: str
    office: str
    enrolments: tuple[Enrolment, ...]


class Answer(_Part):
    """One reply's content; only the part for the asked kind is filled."""

    holder_name: str = ""
    enrolments: tuple[Enrolment, ...] = ()
    contributions: tuple[ContributionYear, ...] = ()
    benefits: tuple[Benefit, ...] = ()
    card: CardStatus | None = None
    applications: tuple[ApplicationStatus, ...] = ()
    proof: IssuedProof | None = None


class QueryReply(_Doc):
    query_id: str
    kind: QueryKind
    answered_at: str
    answer: Answer


class VerifyCodeRequest(_Doc):
    text: str = Field(min_length=1, max_length=512)


class VerifyCodeReply(_Doc):
    valid: bool
    message: str  # plain Chinese for the person checking
    document: str = ""  # what kind of document the code belongs to
    number: str = ""
    issued_on: str = ""
    device_id: str = ""


def iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


def new_query(device_id: str, kind: str, card: CardProof, *, now: dt.datetime | None = None,
              lifetime_s: int = MAX_LIFETIME_S) -> QueryRequest:
    """A fresh query about the card holder (the only person a kiosk may ask about)."""
    now = now or dt.datetime.now(dt.UTC)
    return QueryRequest(device_id=device_id, query_id=secrets.token_urlsafe(18), kind=kind,  # type: ignore[arg-type]
                        subject_id_number=card.id_number, card=card, issued_at=iso(now),
                        expires_at=iso(now + dt.timedelta(seconds=lifetime_s)))
