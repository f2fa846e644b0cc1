"""Core operator commands: init, queue stats/list, audit verify/export, simulate."""

from __future__ import annotations

import argparse
import base64
import dataclasses
import json
import os
import random
import sys
import time
from pathlib import Path

from kiosk import config as config_mod
from kiosk.crypto import SUITE_NAMES
from kiosk.errors import ConfigError, StorageError
from kiosk.keys import ESCROW_DIR, KEYS_DIR, create_device_keys
from kiosk.pseudonym import pseudonym
from kiosk.simulate import fake_transaction, synthetic_jpeg
from kiosk.store import DB_FILE, Store, open_for_cli
from kiosk.store.model import Actor, ItemState

OPERATOR = "admin:cli"


def register(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser("init", help="create config, database and device keys in the data dir")
    init.add_argument("--data-dir", default=argparse.SUPPRESS, help="data folder to create")
    init.add_argument("--suite", choices=SUITE_NAMES, default="gm", help="crypto suite (default gm, 国密)")
    init.add_argument("--hub-key", metavar="FILE", help="the county hub's public sealing key (PEM or hex)")
    init.set_defaults(handler=cmd_init)

    queue = sub.add_parser("queue", help="the outbox of sealed transactions").add_subparsers(metavar="ACTION")
    stats = queue.add_parser("stats", help="counts by state, oldest pending age, bytes")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(handler=cmd_queue_stats)
    lst = queue.add_parser("list", help="ids, service code, state (no personal data)")
    lst.add_argument("--state", choices=[s.value for s in ItemState])
    lst.add_argument("--limit", type=int, default=50)
    lst.set_defaults(handler=cmd_queue_list)

    audit = sub.add_parser("audit", help="the tamper-evident audit log").add_subparsers(metavar="ACTION")
    audit.add_parser("verify", help='check the chain, MACs and checkpoints: "ok N records"').set_defaults(
        handler=cmd_audit_verify)
    export = audit.add_parser("export", help="records and checkpoints as JSON lines")
    export.add_argument("--after", type=int, default=0, metavar="SEQ", help="only records after this seq")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(handler=cmd_audit_export)

    sim = sub.add_parser("simulate", help="push fake-identity transactions through the real enqueue path")
    sim.add_argument("--transactions", "-n", type=int, required=True, metavar="N")
    sim.add_argument("--with-images", action="store_true", help="attach a ~150 kB synthetic photo and a signature")
    sim.add_argument("--seed", type=int, default=None, help="random seed for repeatable fake data")
    sim.set_defaults(handler=cmd_simulate)


def cmd_init(args, ctx) -> int:
    data_dir: Path = ctx.data_dir
    existing = [p for p in (ctx.config_path, data_dir / KEYS_DIR, data_dir / DB_FILE) if p.exists()]
    if existing:
        raise StorageError("终端已初始化，拒绝覆盖已有数据",
                           detail=f"{existing[0]} already exists; refusing to overwrite an initialised data dir")
    hub_public = None
    if args.hub_key:
        try:
            hub_public = Path(args.hub_key).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(detail=f"cannot read hub key file {args.hub_key}: {exc}") from None
    config = config_mod.replace(config_mod.Config(), crypto={"suite": args.suite},
                                paths={"data_dir": str(data_dir)})
    data_dir.mkdir(parents=True, exist_ok=True)
    keys, escrow = create_device_keys(data_dir, args.suite, hub_public)
    fd = os.open(ctx.config_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(config_mod.render_toml(config))
    with Store.open(data_dir / DB_FILE, suite=args.suite, keys=keys, config=config, create=True) as store:
        store.audit(Actor.ADMIN, OPERATOR, "device.initialised", "ok", {"device_id": keys.device_id, "suite": args.suite})
    print(f"已初始化终端 {keys.device_id}（密码套件 {args.suite}）")
    print(f"  配置 {ctx.config_path}\n  数据库 {data_dir / DB_FILE}\n  密钥 {data_dir / KEYS_DIR}")
    if escrow is not None:
        print("\n" + "!" * 72)
        print(f"!! 注意：未提供县级中心公钥，已生成独立演示用中心密钥对。私钥在 {escrow}")
        print("!! NOTICE: demo/training only. Move this hub private key to the county hub and delete it")
        print(f"!! here ({data_dir / ESCROW_DIR}); while it is on this disk, queued items are readable.")
        print("!" * 72)
    return 0


def cmd_queue_stats(args, ctx) -> int:
    stats = open_for_cli(ctx).stats()
    if args.json:
        print(json.dumps(dataclasses.asdict(stats), ensure_ascii=False, sort_keys=True))
        return 0
    c = stats.counts
    print(f"待发送 queued {c['queued']}  已发送 sent {c['sent']}  已确认 acknowledged {c['acknowledged']}  "
          f"已退回 rejected {c['rejected']}")
    age = "—" if stats.oldest_pending_age_s is None else f"{stats.oldest_pending_age_s / 3600:.1f} h"
    print(f"最早待发送 oldest pending {age}  待发送字节 pending {stats.pending_bytes}  总字节 total {stats.total_bytes}")
    return 0


def cmd_queue_list(args, ctx) -> int:
    for item in open_for_cli(ctx).list_items(limit=args.limit, state=args.state):
        print(f"{item.created_at}  {item.acceptance_no}  {item.txn_id}  {item.kind:<11} {item.service_code:<10} "
              f"{item.state.value:<12} attempts {item.attempts}")
    return 0


def cmd_audit_verify(args, ctx) -> int:
    result = open_for_cli(ctx).verify_audit()
    print(result.summary(), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def cmd_audit_export(args, ctx) -> int:
    store = open_for_cli(ctx)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        for rec in store.audit_records(after_seq=args.after):
            out.write(json.dumps({"type": "record", **rec.as_dict()}, ensure_ascii=False, sort_keys=True) + "\n")
        for cp in store.checkpoints():
            doc = {"type": "checkpoint", "device_id": cp.device_id, "seq": cp.seq, "head_hash": cp.head_hash,
                   "time": cp.time, "signature": base64.b64encode(cp.signature).decode()}
            out.write(json.dumps(doc, sort_keys=True) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def cmd_simulate(args, ctx) -> int:
    if args.transactions < 1:
        raise ConfigError(detail="--transactions must be at least 1")
    store = open_for_cli(ctx)
    keys_pseudonym = store.keys.pseudonym_key
    rng = random.Random(args.seed)
    images = [synthetic_jpeg(rng) for _ in range(8)] if args.with_images else [None]
    latencies, last = [], None
    for i in range(args.transactions):
        txn = fake_transaction(rng, lambda id_number: pseudonym(id_number, keys_pseudonym),
                               with_images=args.with_images, image=images[i % len(images)])
        started = time.perf_counter()
        last = store.enqueue(txn)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p50, p99 = latencies[len(latencies) // 2], latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"queued {args.transactions} simulated transactions (fake identities); last 受理编号 {last.acceptance_no}")
    print(f"enqueue latency p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    return 0
