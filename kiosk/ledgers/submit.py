"""Ledger entries leave the kiosk like any 办件: one sealed LEDGER item each, queued in the store.

A month's report is a run of entries (one per villager) followed by a ``close`` item saying how many
entries the month has, so the county can tell "nothing to report" from "not reported yet".
"""

from __future__ import annotations

from typing import Any, Protocol

from kiosk.errors import UserFacingError
from kiosk.store.model import Actor, ItemKind, Receipt, Transaction

from .book import DraftKey, LedgerBook
from .definitions import Ledger, parse_period, validate_entry


class Clerk(Protocol):
    """What submission needs of an account (``kiosk.accounts.Account`` has it)."""

    username: str
    display_name: str

    @property
    def actor_ref(self) -> str: ...


class Enqueue(Protocol):
    def enqueue(self, txn: Transaction) -> Receipt: ...


class EntryInvalid(UserFacingError):
    code = "ledger_entry_invalid"
    message = "台账内容有误，请按提示修改"

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__(detail="fields with problems: " + ", ".join(sorted(errors)))


def _clerk(clerk: Clerk) -> dict[str, str]:
    return {"username": clerk.username, "display_name": clerk.display_name, "actor_ref": clerk.actor_ref}


def entry_transaction(ledger: Ledger, period: str, values: dict[str, Any], clerk: Clerk) -> Transaction:
    parse_period(period)
    errors = validate_entry(ledger, values)
    if errors:
        raise EntryInvalid(errors)
    payload = {"action": "entry", "ledger": ledger.code, "ledger_name": ledger.name, "period": period,
               "entry": {k: str(v) for k, v in values.items()}, "clerk": _clerk(clerk)}
    return Transaction(ItemKind.LEDGER, ledger.code, payload, actor=Actor.CLERK, actor_ref=clerk.actor_ref,
                       clerk_ref=clerk.actor_ref)


def close_transaction(ledger: Ledger, period: str, entries: int, clerk: Clerk) -> Transaction:
    parse_period(period)
    payload = {"action": "close", "ledger": ledger.code, "ledger_name": ledger.name, "period": period,
               "entries": entries, "due": ledger.due_date(period).isoformat(), "clerk": _clerk(clerk)}
    return Transaction(ItemKind.LEDGER, ledger.code, payload, actor=Actor.CLERK, actor_ref=clerk.actor_ref,
                       clerk_ref=clerk.actor_ref)


def submit_entry(store: Enqueue, book: LedgerBook, clerk: Clerk, ledger: Ledger, period: str,
                 values: dict[str, Any], *, draft: tuple[DraftKey, str] | None = None) -> Receipt:
    """Validate, queue durably, then note it in the book and drop the draft it came from (if any).

    The store's commit comes first: a crash before the book is updated leaves a draft to discard by
    hand and a count one short locally, never a lost entry.
    """
    receipt = store.enqueue(entry_transaction(ledger, period, values, clerk))
    book.record_submission(receipt.txn_id, ledger.code, period, "entry")
    if draft is not None:
        book.discard_draft(*draft)
    return receipt


def close_period(store: Enqueue, book: LedgerBook, clerk: Clerk, ledger: Ledger, period: str) -> Receipt:
    """The month is reported: the hub gets the entry count, the reminder goes away."""
    if (ledger.code, period) in book.closed_periods():
        raise UserFacingError("本月该台账已经报送过了", detail=f"{ledger.code} {period} already closed",
                              code="ledger_closed")
    entries = book.entry_counts(period).get(ledger.code, 0)
    receipt = store.enqueue(close_transaction(ledger, period, entries, clerk))
    book.record_submission(receipt.txn_id, ledger.code, period, "close")
    return receipt
