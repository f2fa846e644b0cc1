"""Online query latency on loopback: each kind against the real hub (uvicorn + SQLite), as a ratio to
the hub's own health check measured in the same run over the same pinned HTTPS session.

    .venv/bin/python benchmarks/queries.py [--rounds 30] [--applications 300]

The hub holds ``--applications`` received applications (from other fake villagers plus 3 of the asker),
so "我的办件" pays for finding one person's applications among many.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timing import median_seconds as timed  # noqa: E402  (benchmarks/timing.py; run as a script)

from kiosk.keys import load_device_keys  # noqa: E402
from kiosk.store import DB_FILE, Store  # noqa: E402
from kiosk.store.model import ItemKind, Transaction  # noqa: E402
from sync import query as q  # noqa: E402
from sync.client import identity  # noqa: E402
from sync.client.query import QueryClient  # noqa: E402
from sync.client.sender import HubLink, SyncClient  # noqa: E402
from tests.support.hub import HubProcess  # noqa: E402

ZHANG = ("110105195803070113", "A01234567")


def fill(data_dir: Path, link: HubLink, n: int) -> None:
    keys = load_device_keys(data_dir)
    store = Store.open(data_dir / DB_FILE, suite=keys.suite, keys=keys, config=None, create=True)
    for k in range(n):
        who = ZHANG[0] if k % (n // 3 or 1) == 0 else f"1101051958030{k % 10000:04d}9"
        store.enqueue(Transaction(ItemKind.APPLICATION, "SB-001", {
            "service_name": "城乡居民养老保险参保登记", "form": {"seq": k},
            "holder": {"id_number": who, "name": "测试", "card_number": "X", "card_version": "2.00"}}))
    SyncClient(store, link, batch_max_items=100).drain()
    store.close()


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=30)
    p.add_argument("--applications", type=int, default=300)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as tmp:
        hub = HubProcess(Path(tmp) / "hub")
        try:
            hub.start()
            hub.cli("records", "import", str(REPO / "assets" / "queries" / "demo-records.json"))
            data_dir = Path(tmp) / "kiosk"
            identity.enrol(data_dir, hub.url, hub.token("示范村"), "intl")
            link, _ = identity.hub_link(data_dir)
            fill(data_dir, link, args.applications)
            client = QueryClient(link)
            now = q.iso(dt.datetime.now(dt.UTC))
            card = q.CardProof(card_number=ZHANG[1], id_number=ZHANG[0], card_read_at=now, pin_verified=True,
                               pin_verified_at=now)
            base = timed(lambda: client.session.get(f"{link.url}/v1/health", timeout=10).raise_for_status(),
                         args.rounds)
            print(f"baseline GET /v1/health p50 {base * 1000:.1f} ms ({args.rounds} rounds)")
            for kind in ("contributions", "benefits", "card_status", "applications"):
                t = timed(lambda kind=kind: client.ask(kind, card), args.rounds)
                print(f"{kind:14s} p50 {t * 1000:6.1f} ms   ratio {t / base:5.1f}x baseline")
            found = len(client.ask("applications", card).answer.applications)
            print(f"(applications at the hub: {args.applications}; the asker's: {found})")
            client.close()
        finally:
            hub.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
