"""Clerk commands at the hub for queries and 办件进度:

    kiosk-hub status set SL… 审核|办结|退回 [--reason 原因] [--result 结果] [--clerk 工号]
    kiosk-hub status show SL…
    kiosk-hub records import FILE.json|FILE.csv       records of FAKE identities for the demo
    kiosk-hub verify-qr TEXT                          check a printed 参保证明 / 回执 QR text
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sync import query as q

from .queries import QueryStore, StatusChangeError, verify_code


def read_records(path: Path) -> list[dict[str, Any]]:
    """JSON: a list of people (see assets/queries/demo-records.json). CSV: one contribution year per row,
    columns id_number,name,scheme,year,months,amount[,subsidy]; rows of one person are merged."""
    if path.suffix.lower() == ".json":
        people = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(people, list) or not all(isinstance(p, dict) and "id_number" in p for p in people):
            raise ValueError("expected a JSON list of objects with id_number")
        return people
    merged: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            person = merged.setdefault(row["id_number"], {"id_number": row["id_number"], "name": row["name"],
                                                          "contributions": [], "enrolments": []})
            person["contributions"].append({"year": int(row["year"]), "scheme": row["scheme"],
                                            "months": int(row["months"]), "amount": float(row["amount"]),
                                            "subsidy": float(row.get("subsidy") or 0)})
    for person in merged.values():
        schemes = sorted({c["scheme"] for c in person["contributions"]})
        for scheme in schemes:
            years = [c for c in person["contributions"] if c["scheme"] == scheme]
            person["enrolments"].append({"scheme": scheme, "status": "正常参保",
                                         "since": f"{min(c['year'] for c in years)}-01",
                                         "months_paid": sum(c["months"] for c in years)})
    return list(merged.values())


def register(sub, open_db: Callable[[Any], Any]) -> None:
    def store(args) -> QueryStore:
        return QueryStore(open_db(args))

    def cmd_status_set(args) -> int:
        try:
            before = store(args).set_status(args.acceptance_no, args.status, reason=args.reason,
                                            result=args.result, clerk=args.clerk)
        except StatusChangeError as exc:
            print(f"{exc.message} ({exc.detail})", file=sys.stderr)
            return 1
        print(f"{args.acceptance_no}: {before} → {args.status}")
        return 0

    def cmd_status_show(args) -> int:
        s = store(args)
        app = s.find_application(args.acceptance_no)
        if app is None:
            print(f"没有这个受理编号: {args.acceptance_no}", file=sys.stderr)
            return 1
        print(f"{args.acceptance_no}  {q.ACCEPTED}  {app['received_at']}")
        for h in s.history(app["txn_id"]):
            print(f"{args.acceptance_no}  {h['status']}  {h['at']}  {h['reason'] or h['result']}  {h['clerk']}")
        return 0

    def cmd_records_import(args) -> int:
        try:
            people = read_records(Path(args.file))
        except (OSError, ValueError, KeyError) as exc:
            print(f"cannot read {args.file}: {exc}", file=sys.stderr)
            return 2
        print(f"imported {store(args).import_records(people)} people")
        return 0

    def cmd_verify_qr(args) -> int:
        db = open_db(args)
        reply = verify_code(db, QueryStore(db), args.text)
        print(reply.message)
        if reply.number:
            print(f"{reply.document} {reply.number}  issued {reply.issued_on} by {reply.device_id}")
        return 0 if reply.valid else 1

    st = sub.add_parser("status", help="办件进度: move an application 受理→审核→办结/退回")
    st_sub = st.add_subparsers(dest="sub", metavar="ACTION")
    s = st_sub.add_parser("set")
    s.add_argument("acceptance_no")
    s.add_argument("status", choices=[q.REVIEWING, q.DONE, q.RETURNED])
    s.add_argument("--reason", default="", help="required for 退回")
    s.add_argument("--result", default="", help="the decision the villager sees, e.g. 已核准")
    s.add_argument("--clerk", default="")
    s.set_defaults(fn=cmd_status_set)
    s = st_sub.add_parser("show")
    s.add_argument("acceptance_no")
    s.set_defaults(fn=cmd_status_show)

    rec = sub.add_parser("records", help="demo records of fake identities").add_subparsers(dest="sub",
                                                                                         metavar="ACTION")
    s = rec.add_parser("import")
    s.add_argument("file")
    s.set_defaults(fn=cmd_records_import)

    s = sub.add_parser("verify-qr", help="check a printed QR code's text")
    s.add_argument("text")
    s.set_defaults(fn=cmd_verify_qr)
