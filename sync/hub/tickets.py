"""Fault tickets at the hub: the TICKET items kiosks send, listed by village and state, and their state
(open → acknowledged → fixed) kept by the county's technicians.

Tickets arrive through the ordinary batch path (``applications`` rows with ``kind = "ticket"``); this module
only adds a state table beside them, so receiving stays untouched and a ticket with no state row is open.

    kiosk-hub tickets list [--village 示范村] [--state open] [--json]
    kiosk-hub tickets set TICKET acknowledged|fixed [--note 已派人]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from .storage import HubDB, applications, devices, now_iso

STATES = ("open", "acknowledged", "fixed")
TICKET_KIND = "ticket"

ticket_metadata = sa.MetaData()
ticket_states = sa.Table(
    "ticket_states", ticket_metadata,
    sa.Column("txn_id", sa.String(64), primary_key=True),  # the ticket's item in ``applications``
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
)


class TicketError(Exception):
    """No such ticket, or a state that does not exist."""


class TicketBook:
    def __init__(self, db: HubDB):
        self.db = db
        ticket_metadata.create_all(db.engine)

    def list(self, *, village: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
        current = sa.func.coalesce(ticket_states.c.state, "open")
        query = (sa.select(applications.c.txn_id, applications.c.acceptance_no, applications.c.service_code,
                           applications.c.device_id, applications.c.created_at, applications.c.received_at,
                           applications.c.content, devices.c.village, current.label("state"),
                           ticket_states.c.updated_at, ticket_states.c.note)
                 .select_from(applications.join(devices, devices.c.device_id == applications.c.device_id)
                              .outerjoin(ticket_states, ticket_states.c.txn_id == applications.c.txn_id))
                 .where(applications.c.kind == TICKET_KIND)
                 .order_by(applications.c.received_at, applications.c.txn_id))
        if village:
            query = query.where(devices.c.village == village)
        if state:
            query = query.where(current == state)
        with self.db.engine.connect() as conn:
            return [_ticket(dict(row._mapping)) for row in conn.execute(query)]

    def set_state(self, ticket: str, state: str, note: str = "") -> dict[str, Any]:
        """``ticket`` is the 受理编号 or the txn id."""
        if state not in STATES:
            raise TicketError(f"state must be one of {', '.join(STATES)}")
        match = [t for t in self.list() if ticket in (t["acceptance_no"], t["txn_id"])]
        if not match:
            raise TicketError(f"no ticket {ticket!r}")
        txn_id = match[0]["txn_id"]
        values = {"txn_id": txn_id, "state": state, "updated_at": now_iso(), "note": note}
        insert = (postgresql.insert if self.db.engine.dialect.name == "postgresql" else sqlite.insert)(ticket_states)
        upsert = insert.values(**values).on_conflict_do_update(
            index_elements=[ticket_states.c.txn_id], set_={k: values[k] for k in ("state", "updated_at", "note")})
        with self.db.engine.begin() as conn:
            conn.execute(upsert)
        return {**match[0], "state": state, "updated_at": values["updated_at"], "note": note}


def _ticket(row: dict[str, Any]) -> dict[str, Any]:
    try:
        content = json.loads(row.pop("content"))
    except ValueError:
        content = {}
    payload = content.get("payload", content) if isinstance(content, dict) else {}
    return {**row, "device": payload.get("device", row["service_code"].removeprefix("TICKET-")),
            "symptom": payload.get("symptom", ""), "source": payload.get("source", ""),
            "terminal": payload.get("terminal", ""), "report": payload.get("report", {})}


# --- the admin CLI (registered by sync.hub.cli) -------------------------------------------------------------


def register(sub, open_db: Callable[[Any], HubDB]) -> None:
    tickets = sub.add_parser("tickets", help="fault tickets from the kiosks").add_subparsers(dest="sub",
                                                                                               metavar="ACTION")
    s = tickets.add_parser("list", help="tickets by village and state")
    s.add_argument("--village")
    s.add_argument("--state", choices=STATES)
    s.add_argument("--json", action="store_true", help="one JSON object per line, with the diagnostic report")
    s.set_defaults(fn=lambda args: _cmd_list(args, open_db))
    s = tickets.add_parser("set", help="acknowledge or close a ticket")
    s.add_argument("ticket", help="受理编号 or txn id")
    s.add_argument("state", choices=STATES)
    s.add_argument("--note", default="")
    s.set_defaults(fn=lambda args: _cmd_set(args, open_db))


def _cmd_list(args, open_db) -> int:
    rows = TicketBook(open_db(args)).list(village=args.village, state=args.state)
    for t in rows:
        if args.json:
            print(json.dumps(t, ensure_ascii=False))
        else:
            print(f"{t['acceptance_no']}  {t['state']:<12}  {t['village']}  {t['device']}  {t['symptom']}  "
                  f"received {t['received_at']}")
    print(f"{len(rows)} tickets", file=sys.stderr)
    return 0


def _cmd_set(args, open_db) -> int:
    try:
        t = TicketBook(open_db(args)).set_state(args.ticket, args.state, args.note)
    except TicketError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"{t['acceptance_no']} → {t['state']}")
    return 0
