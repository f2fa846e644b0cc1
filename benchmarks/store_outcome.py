"""What asking costs after a timeout: Store.outcome(txn_id) and a repeated enqueue of the same transaction
(returns the record already kept) against a fresh enqueue (seal + audit + durable commit), same store, same run.

Prints per-call p50 latency and the ratio fresh enqueue / each (higher: asking is that many times cheaper).
Usage: python benchmarks/store_outcome.py [--items N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.config import Config, replace  # noqa: E402
from kiosk.keys import create_device_keys  # noqa: E402
from kiosk.store import DB_FILE, Store  # noqa: E402
from kiosk.store.model import ItemKind, Transaction  # noqa: E402


def timed(calls) -> list[float]:
    out = []
    for call in calls:
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-outcome-") as tmp:
        keys, _ = create_device_keys(Path(tmp), "gm")
        config = replace(Config(), store={"min_free_mb": 0})
        with Store.open(Path(tmp) / DB_FILE, suite=keys.suite, keys=keys, config=config) as store:
            txns = [Transaction(ItemKind.APPLICATION, "YL001", {"name": "测试人", "n": i}, actor_ref=f"p:b{i}")
                    for i in range(args.items)]
            fresh = timed(lambda t=t: store.enqueue(t) for t in txns)
            repeated = timed(lambda t=t: store.enqueue(t) for t in txns)
            asked = timed(lambda t=t: store.outcome(t.txn_id) for t in txns)
            assert len(store.list_items(limit=args.items * 2)) == args.items  # the repeats added nothing
    base = statistics.median(fresh)
    print(f"{'call':<28}{'p50 ms':>8}{'ratio':>8}")
    for name, ms in (("fresh enqueue (baseline)", fresh), ("repeated enqueue", repeated), ("outcome(txn_id)", asked)):
        print(f"{name:<28}{statistics.median(ms):>8.3f}{base / statistics.median(ms):>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
