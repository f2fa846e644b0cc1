"""``kiosk diag`` and ``kiosk ticket``: the technician's checks headless (SSH, the installer's post-install
check) and fault tickets from the command line.

    kiosk diag [--json] [--only card,printer] [--ticket]     exit 0: nothing failed; 1: something failed
    kiosk ticket create --device camera --symptom "画面全黑" [--no-diag] [--technician USER]
    kiosk ticket list
"""

from __future__ import annotations

import argparse

from kiosk.diag import run_checks
from kiosk.events import EventHub

from .rig import DEVICES, all_checks, build_parts, parse_only
from .tickets import failed_symptoms, file_ticket, local_tickets

TICKET_DEVICES = (*DEVICES, "touch", "other")


def register(subparsers) -> None:
    p = subparsers.add_parser("diag", help="设备与网络自检 (device, network and storage self-test)",
                              description="Runs the diagnostic screen's checks headless. Exit status 0 when no "
                                          "check fails, 1 otherwise.")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--only", metavar="LIST", help=f"comma-separated subset of: {','.join(DEVICES)}")
    p.add_argument("--ticket", action="store_true", help="file a fault ticket for every failing device")
    p.set_defaults(handler=_diag)

    t = subparsers.add_parser("ticket", help="故障工单 (fault tickets to the county)")
    sub = t.add_subparsers(dest="ticket_command", metavar="ACTION", required=True)
    c = sub.add_parser("create", help="queue a fault ticket for the hub")
    c.add_argument("--device", required=True, choices=TICKET_DEVICES)
    c.add_argument("--symptom", required=True, help="what is wrong, in a few words (no personal data)")
    c.add_argument("--no-diag", action="store_true", help="do not attach a fresh check of the device")
    c.add_argument("--technician", default="", help="the technician's account name")
    c.set_defaults(handler=_ticket_create)
    sub.add_parser("list", help="tickets in the outbox and their sync state").set_defaults(handler=_ticket_list)


def _run(ctx, wanted: set[str], events: EventHub):
    parts = build_parts(ctx.config, ctx.data_dir, events, wanted)
    ctx.on_close(parts.close)
    return parts, run_checks(all_checks(parts, ctx.config, ctx.data_dir, wanted))


def _diag(args: argparse.Namespace, ctx) -> int:
    wanted = parse_only(args.only)
    parts, report = _run(ctx, wanted | ({"storage"} if args.ticket else set()), EventHub())
    if args.only and args.ticket:  # storage was opened only to queue tickets: report what was asked
        report = type(report)(tuple(r for r in report.results if r.device in wanted), report.created_at)
    print(report.to_json() if args.json else report.to_text())
    if args.ticket and not report.ok:
        if parts.store is None:
            print("错误：数据库无法打开，工单未保存", flush=True)
            return 1
        kiosk = ctx.config.kiosk
        for device, symptom in failed_symptoms(report).items():
            receipt = file_ticket(parts.store, device, symptom, report, source="auto", village=kiosk.village,
                                  terminal=kiosk.device_name)
            if not args.json:
                print(f"已生成故障工单 {receipt.acceptance_no}（{device}）")
    return 0 if report.ok else 1


def _ticket_create(args: argparse.Namespace, ctx) -> int:
    checked = {args.device} & set(DEVICES)
    parts, report = _run(ctx, {"storage"} | (set() if args.no_diag else checked), EventHub())
    if parts.store is None:
        print("错误：数据库无法打开，工单未保存（先运行 kiosk init）")
        return 2
    attach = None if args.no_diag or not checked else report
    kiosk = ctx.config.kiosk
    receipt = file_ticket(parts.store, args.device, args.symptom, attach, source="technician",
                          village=kiosk.village, terminal=kiosk.device_name, technician_ref=args.technician)
    print(f"故障工单已保存，编号 {receipt.acceptance_no}，联网后自动上报县平台")
    return 0


def _ticket_list(args: argparse.Namespace, ctx) -> int:
    from kiosk.store import open_for_cli

    store = open_for_cli(ctx)
    tickets = local_tickets(store.list_items(limit=10_000))
    for item in tickets:
        print(f"{item.acceptance_no}  {item.service_code}  {item.state.value}  {item.created_at}")
    print(f"{len(tickets)} tickets")
    return 0
