"""The store's records: what goes in (Transaction), what comes back (Receipt), what sync moves (OutboxItem).

This module is the contract between the store, sync, the UI and the CLI; it has no I/O.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field
from typing import Any

from kiosk.ids import TxnId


def new_txn_id() -> TxnId:
    return TxnId(uuid.uuid4().hex)


class ItemState(enum.StrEnum):
    QUEUED = "queued"  # durable on the kiosk, not yet sent
    SENT = "sent"  # sent at least once, no receipt yet (will be re-sent; the hub dedups)
    ACKNOWLEDGED = "acknowledged"  # the hub's receipt said accepted or duplicate
    REJECTED = "rejected"  # the hub's receipt said rejected, with a reason


class ItemKind(enum.StrEnum):
    APPLICATION = "application"  # a 办件
    RATING = "rating"  # 好差评
    LEDGER = "ledger"  # 协管员 monthly ledger entry
    TICKET = "ticket"  # technician fault ticket
    STATISTICS = "statistics"  # monthly village statistics


class Actor(enum.StrEnum):
    VILLAGER = "villager"
    CLERK = "clerk"
    TECHNICIAN = "technician"
    ADMIN = "admin"
    SYSTEM = "system"


@dataclass(frozen=True)
class Attachment:
    """A captured material or signature: bytes are sealed with the transaction, never stored in clear."""

    name: str  # e.g. "id_card_front", "signature"
    media_type: str  # "image/jpeg", "image/png", "application/json"
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Transaction:
    """Everything one 办件 (or rating, ledger entry, ticket) carries. ``payload`` holds personal data and
    is only ever stored sealed; ``service_code`` and ``kind`` stay in clear for queue statistics.

    ``txn_id`` is fixed when the transaction is built, before the store sees it: enqueueing the same
    transaction again (after a timeout) returns the record already kept, never a second 办件."""

    kind: ItemKind
    service_code: str
    payload: dict[str, Any] = field(repr=False)
    attachments: tuple[Attachment, ...] = field(default=(), repr=False)
    actor: Actor = Actor.VILLAGER
    actor_ref: str = ""  # pseudonymous (e.g. keyed hash of the ID number), never the ID number itself
    clerk_ref: str = ""  # set in 帮办 mode
    assisted: bool = False
    txn_id: TxnId = field(default_factory=new_txn_id)  # the idempotency key; the hub dedups on it too


@dataclass(frozen=True)
class Receipt:
    """Returned by ``enqueue`` only after the commit is durable."""

    txn_id: str
    acceptance_no: str  # 受理编号
    created_at: dt.datetime


@dataclass(frozen=True)
class OutboxItem:
    """A sealed item as sync sends it. ``sealed`` is opaque to everything but the hub's private key."""

    txn_id: str
    kind: str
    service_code: str
    acceptance_no: str
    created_at: str  # ISO 8601 UTC
    epoch_id: str
    sealed: bytes = field(repr=False)
    state: ItemState = ItemState.QUEUED
    attempts: int = 0


@dataclass(frozen=True)
class QueueStats:
    counts: dict[str, int]  # by ItemState value
    oldest_pending_age_s: float | None
    pending_bytes: int
    total_bytes: int
