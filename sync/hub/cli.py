"""``kiosk-hub``: run the county hub and administer it.

    kiosk-hub serve [--port 8443] [--db URL]          HTTPS on a self-signed certificate made at first start
    kiosk-hub token create --village 名称              a one-time enrolment token for one kiosk
    kiosk-hub token list
    kiosk-hub devices list | devices revoke DEVICE_ID
    kiosk-hub applications list [--device ID] [--json]
    kiosk-hub checkpoints list DEVICE_ID
    kiosk-hub bundle publish --kind catalog FILE.json
    kiosk-hub update make --version V --wheels DIR --out F.bundle | update publish F.bundle | update list
    kiosk-hub tickets list [--village V] [--state open] | tickets set TICKET acknowledged|fixed

The hub's folder (keys, SQLite file) is ``--data-dir``, or KIOSK_HUB_DIR, or the system data dir.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from sync import protocol

from . import keys as keys_mod
from .crypto_service import register_cli as register_gen3
from .ledgers import assisted_label
from .ledgers import register as register_ledgers
from .queries_cli import register as register_queries
from .storage import HubDB
from .tickets import register as register_tickets
from .updates import register_cli as register_updates


def hub_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    if env := os.environ.get("KIOSK_HUB_DIR"):
        return Path(env)
    return Path(platformdirs.site_data_dir("village-kiosk-hub", appauthor=False))


def open_db(args) -> HubDB:
    folder = hub_dir(args.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return HubDB(args.db or os.environ.get("KIOSK_HUB_DB") or f"sqlite:///{folder / 'hub.db'}")


def cmd_serve(args) -> int:
    import uvicorn

    from .app import create_app

    folder = hub_dir(args.data_dir)
    keys = keys_mod.load_or_create(folder / "keys", tuple(args.san or ()))
    db = open_db(args)
    from .crypto_service import provider_named

    app = create_app(db, keys, crypto_provider=provider_named(args.crypto_provider))
    cert, key = args.cert or str(keys.cert_file), args.key or str(keys.key_file)
    config = uvicorn.Config(app, host=args.host, port=args.port, ssl_certfile=cert, ssl_keyfile=key,
                            log_level="warning", access_log=False, timeout_keep_alive=30,
                            timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    where = f"fd {args.fd}" if args.fd is not None else f"{args.host}:{args.port}"
    print(f"kiosk-hub serving on {where} (db {db.engine.url.render_as_string(hide_password=True)})", flush=True)
    # an inherited, already listening socket keeps its port across hub restarts (tests, socket activation)
    sockets = [socket.socket(fileno=args.fd)] if args.fd is not None else None
    server.run(sockets=sockets)
    return 0


def cmd_init(args) -> int:
    keys = keys_mod.load_or_create(hub_dir(args.data_dir) / "keys", tuple(args.san or ()))
    open_db(args).close()
    print(f"hub keys in {keys.folder}; certificate {keys.cert_file}")
    return 0


def cmd_token_create(args) -> int:
    db = open_db(args)
    token = db.create_token(args.village)
    print(token)
    print(f"(one-time enrolment token for {args.village}; use: kiosk enroll --hub URL --token {token})",
          file=sys.stderr)
    return 0


def cmd_token_list(args) -> int:
    for t in open_db(args).list_tokens():
        print(f"{t['token']}  {t['village']}  created {t['created_at']}  used by {t['used_by'] or '-'}")
    return 0


def cmd_devices_list(args) -> int:
    for d in open_db(args).list_devices():
        state = "REVOKED" if d.revoked_at else ("FLAGGED" if d.flagged else "ok")
        print(f"{d.device_id}  {d.village}  {d.suite}  {state}  checkpoint {d.checkpoint_seq}  "
              f"last seen {d.last_seen or '-'}")
    return 0


def cmd_devices_revoke(args) -> int:
    if not open_db(args).revoke(args.device_id):
        print(f"no such device: {args.device_id}", file=sys.stderr)
        return 1
    print(f"revoked {args.device_id}")
    return 0


def cmd_applications_list(args) -> int:
    rows = open_db(args).list_applications(args.device, limit=args.limit)
    if args.json:
        for r in rows:
            print(json.dumps({k: r[k] for k in ("txn_id", "device_id", "kind", "service_code", "acceptance_no",
                                                 "created_at", "received_at")} | {"assisted": assisted_label(r)},
                             ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r['acceptance_no']}  {r['service_code']}  {r['kind']}  {r['device_id']}  received {r['received_at']}"
              f"  decrypted {len(r['content'])} B"
              + (f"  {label}" if (label := assisted_label(r)) else ""))
    print(f"{len(rows)} applications", file=sys.stderr)
    return 0


def cmd_checkpoints_list(args) -> int:
    for c in open_db(args).list_checkpoints(args.device_id):
        print(f"seq {c['seq']}  {c['status']}  {c['head_hash'][:16]}…  {c['time']}  {c['reason']}")
    return 0


def cmd_bundle_publish(args) -> int:
    from .app import publish_bundle

    if args.kind not in protocol.BUNDLE_KINDS:
        print(f"kind must be one of {', '.join(protocol.BUNDLE_KINDS)}", file=sys.stderr)
        return 2
    try:
        content = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    keys = keys_mod.load_or_create(hub_dir(args.data_dir) / "keys")
    bundle = publish_bundle(open_db(args), keys, args.kind, content)
    print(f"published {bundle.kind} version {bundle.version}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk-hub", description="县人社局 reference hub for village kiosks")
    p.add_argument("--data-dir", help="hub folder (default: KIOSK_HUB_DIR or the system data dir)")
    p.add_argument("--db", help="SQLAlchemy URL, e.g. postgresql+psycopg://user@/hub (default: SQLite in the folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("serve", help="run the hub (HTTPS)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8443)
    s.add_argument("--fd", type=int, help="serve on an inherited listening socket (tests, socket activation)")
    s.add_argument("--cert", help="PEM certificate (default: self-signed, made at first start)")
    s.add_argument("--key", help="PEM private key for --cert")
    s.add_argument("--san", action="append", help="extra host name or IP for the self-signed certificate")
    s.add_argument("--crypto-provider", default=os.environ.get("KIOSK_HUB_CRYPTO_PROVIDER", "none"),
                   help="third-generation card crypto service: none, or reference-test (TEST ONLY keys)")
    s.set_defaults(fn=cmd_serve)

    s = sub.add_parser("init", help="create keys and database without serving")
    s.add_argument("--san", action="append")
    s.set_defaults(fn=cmd_init)

    tok = sub.add_parser("token", help="enrolment tokens").add_subparsers(dest="sub", metavar="ACTION")
    s = tok.add_parser("create", help="a one-time token for one kiosk")
    s.add_argument("--village", required=True)
    s.set_defaults(fn=cmd_token_create)
    tok.add_parser("list").set_defaults(fn=cmd_token_list)

    dev = sub.add_parser("devices", help="enrolled kiosks").add_subparsers(dest="sub", metavar="ACTION")
    dev.add_parser("list").set_defaults(fn=cmd_devices_list)
    s = dev.add_parser("revoke", help="refuse all further batches from a device")
    s.add_argument("device_id")
    s.set_defaults(fn=cmd_devices_revoke)

    app = sub.add_parser("applications", help="received applications").add_subparsers(dest="sub", metavar="ACTION")
    s = app.add_parser("list")
    s.add_argument("--device")
    s.add_argument("--limit", type=int, default=100_000)
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_applications_list)

    cps = sub.add_parser("checkpoints", help="audit checkpoints").add_subparsers(dest="sub", metavar="ACTION")
    s = cps.add_parser("list")
    s.add_argument("device_id")
    s.set_defaults(fn=cmd_checkpoints_list)

    b = sub.add_parser("bundle", help="downlink bundles").add_subparsers(dest="sub", metavar="ACTION")
    s = b.add_parser("publish", help="sign and publish a new version")
    s.add_argument("--kind", required=True, choices=protocol.BUNDLE_KINDS)
    s.add_argument("file")
    s.set_defaults(fn=cmd_bundle_publish)

    register_tickets(sub, open_db)
    register_ledgers(sub, open_db)
    register_queries(sub, open_db)
    register_gen3(sub, open_db)
    register_updates(sub, open_db, lambda args: keys_mod.load_or_create(hub_dir(args.data_dir) / "keys"))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    fn = getattr(args, "fn", None)
    if fn is None:
        parser.print_help()
        return 2
    return int(fn(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
