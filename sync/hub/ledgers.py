"""The hub's view of 帮办 work and the 协管员 ledgers, read from the decrypted items it already keeps.

The hub stores every item (application, rating, ledger, statistics) in one table with its decrypted
canonical JSON; this module only reads it. The kiosk's own monthly count is a courtesy figure; the
county's authoritative one is ``hub_statistics`` over what actually arrived.

    kiosk-hub ledgers list [--period 2026-10] [--ledger TZ-LDL] [--json]
    kiosk-hub ledgers stats --period 2026-11 [--device ID] [--json]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kiosk.domain import mask_id_number, mask_name
from kiosk.ledgers.statistics import LEVELS, MonthlyStatistics, month_of


def content(row: dict[str, Any]) -> dict[str, Any]:
    try:
        doc = json.loads(row.get("content") or "{}")
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


def assisted_block(doc: dict[str, Any]) -> dict[str, Any] | None:
    meta, payload = doc.get("meta") or {}, doc.get("payload") or {}
    if not meta.get("assisted"):
        return None
    block = payload.get("assisted")
    return block if isinstance(block, dict) else {"mode": "帮办", "clerk": {"actor_ref": meta.get("clerk_ref", "")}}


def assisted_label(row: dict[str, Any]) -> str:
    """"帮办 李华（lihua）" for an item a clerk did for a villager, "" otherwise."""
    block = assisted_block(content(row))
    if block is None:
        return ""
    clerk = block.get("clerk") or {}
    name = clerk.get("display_name") or clerk.get("actor_ref", "?")
    login = f"（{clerk['username']}）" if clerk.get("username") else ""
    return f"{block.get('mode', '帮办')} {name}{login}"


@dataclass(frozen=True)
class LedgerRow:
    acceptance_no: str
    device_id: str
    ledger: str
    ledger_name: str
    period: str
    action: str  # entry / close
    clerk: str
    summary: str  # masked: the hub operator's screen is not the place for full ID numbers

    def as_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


def _summary(payload: dict[str, Any]) -> str:
    if payload.get("action") == "close":
        return f"本月报送完毕，共 {payload.get('entries', 0)} 条（应于 {payload.get('due', '?')} 前）"
    entry = payload.get("entry") or {}
    parts = []
    for key, value in sorted(entry.items()):
        value = str(value)
        if "id_number" in key:
            value = mask_id_number(value)
        elif key.endswith("name") and key != "ledger_name":
            value = mask_name(value)
        parts.append(f"{key}={value}")
    return " ".join(parts)


def ledger_rows(rows: Iterable[dict[str, Any]], *, period: str | None = None,
                ledger: str | None = None) -> list[LedgerRow]:
    out = []
    for row in rows:
        if row.get("kind") != "ledger":
            continue
        payload = content(row).get("payload") or {}
        if (period and payload.get("period") != period) or (ledger and payload.get("ledger") != ledger):
            continue
        clerk = payload.get("clerk") or {}
        out.append(LedgerRow(row["acceptance_no"], row["device_id"], str(payload.get("ledger", row["service_code"])),
                             str(payload.get("ledger_name", "")), str(payload.get("period", "")),
                             str(payload.get("action", "entry")), str(clerk.get("display_name", "")),
                             _summary(payload)))
    return sorted(out, key=lambda r: (r.period, r.ledger, r.action == "close", r.acceptance_no))


def hub_statistics(rows: Iterable[dict[str, Any]], period: str, *, device_id: str | None = None,
                   query_codes: Iterable[str] = (), on_the_spot_codes: Iterable[str] = ()) -> MonthlyStatistics:
    """The month's figures from what arrived, counted the same way the kiosk counts (see
    kiosk.ledgers.statistics), except ratings and 帮办 come from the decrypted payloads."""
    query, spot = set(query_codes), set(on_the_spot_codes)
    counts = dict.fromkeys(("consultations", "acceptances", "completions", "delivered", "assisted", "ledger_items",
                            "rated"), 0)
    ratings = dict.fromkeys(LEVELS, 0)
    for row in rows:
        if (device_id and row.get("device_id") != device_id) or month_of(row["created_at"]) != period:
            continue
        kind = row.get("kind")
        if kind == "ledger":
            counts["ledger_items"] += 1
        elif kind == "rating":
            counts["rated"] += 1
            level = str((content(row).get("payload") or {}).get("level", ""))
            if level in ratings:
                ratings[level] += 1
        elif kind == "application":
            if row["service_code"] in query:
                counts["consultations"] += 1
                continue
            counts["acceptances"] += 1
            counts["delivered"] += 1  # it is here
            counts["completions"] += row["service_code"] in spot
            counts["assisted"] += assisted_block(content(row)) is not None
    return MonthlyStatistics(period, ratings=ratings, **counts)


# --- kiosk-hub CLI -----------------------------------------------------------------------------------------

def cmd_ledgers_list(args, open_db) -> int:
    found = ledger_rows(open_db(args).list_applications(args.device), period=args.period, ledger=args.ledger)
    for r in found:
        if args.json:
            print(json.dumps(r.as_dict(), ensure_ascii=False))
        else:
            print(f"{r.acceptance_no}  {r.ledger} {r.ledger_name}  {r.period}  {r.action}  协管员 {r.clerk}  "
                  f"{r.device_id}  {r.summary}")
    print(f"{len(found)} ledger items", file=sys.stderr)
    return 0


def cmd_ledgers_stats(args, open_db) -> int:
    stats = hub_statistics(open_db(args).list_applications(args.device), args.period, device_id=args.device)
    if args.json:
        print(json.dumps(stats.as_dict(), ensure_ascii=False))
    else:
        print("\n".join(stats.lines()))
    return 0


def register(sub, open_db: Callable[[Any], Any]) -> None:
    """Adds ``ledgers list`` and ``ledgers stats`` to the kiosk-hub parser (``open_db(args)`` → HubDB)."""
    led = sub.add_parser("ledgers", help="协管员 ledgers and monthly statistics").add_subparsers(dest="sub", metavar="ACTION")
    s = led.add_parser("list", help="ledger entries and month closes received")
    s.add_argument("--period", help="month, e.g. 2026-10")
    s.add_argument("--ledger", help="ledger code, e.g. TZ-LDL")
    s.add_argument("--device")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=lambda args: cmd_ledgers_list(args, open_db))
    s = led.add_parser("stats", help="a month's service statistics from the received items")
    s.add_argument("--period", required=True)
    s.add_argument("--device")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=lambda args: cmd_ledgers_stats(args, open_db))
