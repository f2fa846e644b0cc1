"""``kiosk enroll``, ``kiosk sync now|status|rollback`` and ``kiosk update status``: the kiosk side of the
county link."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from kiosk.errors import UserFacingError
from kiosk.store import DB_FILE, open_for_cli, open_store
from kiosk.store.model import Actor
from sync import protocol

from . import identity
from .downlink import BundleError, BundleShelf
from .sender import SyncFailure
from .service import fetch_app_update, make_client, update_bundles
from .updates import Fetch, UpdateError
from .updates import register_cli as register_update_cli


def register(sub: argparse._SubParsersAction) -> None:
    enroll = sub.add_parser("enroll", help="register this kiosk with the county hub (one-time token)")
    enroll.add_argument("--hub", required=True, metavar="URL", help="https://host:port of the county hub")
    enroll.add_argument("--token", required=True, help="one-time token from `kiosk-hub token create`")
    enroll.add_argument("--fingerprint", default="", help="expected SHA-256 of the hub certificate (optional)")
    enroll.add_argument("--suite", choices=("gm", "intl"), default="gm",
                        help="crypto suite if the kiosk has no keys yet (default gm)")
    enroll.set_defaults(handler=cmd_enroll)

    sync = sub.add_parser("sync", help="send queued items to the hub, fetch bundles").add_subparsers(metavar="ACTION")
    now = sync.add_parser("now", help="send everything queued now, then fetch newer bundles")
    now.add_argument("--json", action="store_true")
    now.add_argument("--tries", type=int, default=4, help="failed attempts in a row before giving up (default 4)")
    now.set_defaults(handler=cmd_sync_now)
    status = sync.add_parser("status", help="queue counts, hub, device, bundle versions")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_sync_status)
    rollback = sync.add_parser("rollback", help="switch a downlink bundle back to the previous version")
    rollback.add_argument("--kind", required=True, choices=protocol.BUNDLE_KINDS)
    rollback.set_defaults(handler=cmd_sync_rollback)
    register_update_cli(sub)


def cmd_enroll(args, ctx) -> int:
    state = identity.enrol(ctx.data_dir, args.hub, args.token, args.suite, expect_fingerprint=args.fingerprint,
                           timeout_s=15.0)
    # a kiosk enrolled before `kiosk init` gets its store here, so enrol + simulate + sync is the whole set-up
    with open_store(ctx.data_dir, ctx.config, create=not (ctx.data_dir / DB_FILE).exists()) as store:
        store.audit(Actor.ADMIN, "operator", "device.enrolled", "ok",
                    {"device_id": state.device_id, "hub": state.hub_url})
    pem = (identity.keys_dir(ctx.data_dir) / "hub-cert.pem").read_text()
    print(f"已注册到县平台：终端 {state.device_id}（{state.village}，密码套件 {state.suite}）")
    print(f"  县平台 {state.hub_url}\n  证书指纹 SHA-256 {identity.fingerprint(pem)}（已固定）")
    return 0


def cmd_sync_now(args, ctx) -> int:
    store = open_for_cli(ctx)
    client = make_client(ctx.data_dir, ctx.config, store)
    ctx.on_close(client.stop)
    failure: UserFacingError | None = None
    try:
        total = client.drain(max_failures=max(0, args.tries - 1))
    except SyncFailure as exc:
        failure, total = exc, client.status.totals
    applied, bundle_note, app_update = [], "", Fetch("none")
    if failure is None:
        try:
            applied = update_bundles(ctx.data_dir, client)
        except BundleError as exc:
            bundle_note = exc.message
        try:
            app_update = fetch_app_update(ctx.data_dir, client)
        except UpdateError as exc:
            app_update = Fetch("unknown", reason=exc.message)
    counts = store.stats().counts
    result = {"sent": total.sent, "accepted": total.accepted, "duplicate": total.duplicate,
              "rejected": total.rejected, "bytes": total.bytes_sent, "queue": counts,
              "bundles": [dataclasses.asdict(a) for a in applied], "app_update": dataclasses.asdict(app_update),
              "ok": failure is None,
              "reason": failure.message if failure else bundle_note}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    else:
        print(f"本次发送 {total.sent} 条：接收 {total.accepted}，重复 {total.duplicate}，退回 {total.rejected}")
        print(f"待发送 {counts.get('queued', 0) + counts.get('sent', 0)}，已确认 {counts.get('acknowledged', 0)}，"
              f"已退回 {counts.get('rejected', 0)}")
        for a in applied:
            print(f"已更新 {a.kind} 到版本 {a.version}")
        if app_update.state in ("downloading", "ready", "refused"):
            print(f"新版本 {app_update.version}：" + {"downloading": f"已下载 {app_update.have}/{app_update.size} 字节",
                                                  "ready": "已下载并校验，等待安装",
                                                  "refused": app_update.reason}[app_update.state])
        if result["reason"]:
            print(f"未完成：{result['reason']}")
    if failure is not None:
        raise failure
    return 0


def cmd_sync_status(args, ctx) -> int:
    state = identity.load_state(ctx.data_dir)
    stats = open_for_cli(ctx).stats()
    shelf = BundleShelf(ctx.data_dir)
    info = {
        "enrolled": state is not None,
        "device_id": state.device_id if state else "",
        "hub": state.hub_url if state else "",
        "village": state.village if state else "",
        "hub_checkpoint_seq": state.hub_checkpoint_seq if state else 0,
        "queue": stats.counts,
        "oldest_pending_age_s": stats.oldest_pending_age_s,
        "pending_bytes": stats.pending_bytes,
        "bundles": {k: shelf.current_version(k) for k in protocol.BUNDLE_KINDS},
    }
    if args.json:
        print(json.dumps(info, ensure_ascii=False, sort_keys=True))
        return 0
    if state is None:
        print("终端尚未注册到县平台（kiosk enroll --hub URL --token T）")
    else:
        print(f"终端 {state.device_id}（{state.village}）→ {state.hub_url}")
    c = stats.counts
    print(f"待发送 {c.get('queued', 0)}  已发送待确认 {c.get('sent', 0)}  已确认 {c.get('acknowledged', 0)}  "
          f"已退回 {c.get('rejected', 0)}")
    print("资料版本 " + "  ".join(f"{k} v{v}" for k, v in info["bundles"].items()))
    return 0


def cmd_sync_rollback(args, ctx) -> int:
    version = BundleShelf(Path(ctx.data_dir)).rollback(args.kind)
    print(f"{args.kind} 已回退到版本 {version}")
    return 0
