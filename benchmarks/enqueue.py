"""Enqueue cost: raw sqlite3 insert+commit (same PRAGMAs, same row size) vs Store.enqueue (seal + audit +
durable commit), for both crypto suites, small forms and forms with a ~150 kB photo.

Prints throughput ratio (enqueue / raw, target >= 0.8) and p50/p99 latency (target p99 <= 20 ms).
Usage: python benchmarks/enqueue.py [--items N]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.config import Config, replace  # noqa: E402
from kiosk.keys import create_device_keys  # noqa: E402
from kiosk.pseudonym import pseudonym  # noqa: E402
from kiosk.simulate import fake_transaction, synthetic_jpeg  # noqa: E402
from kiosk.store import DB_FILE, Store  # noqa: E402
from kiosk.store.schema import PRAGMAS  # noqa: E402


def percentiles(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.99))]


def run_case(folder: Path, suite: str, n: int, with_images: bool) -> tuple[list[float], list[float], int]:
    """Raw and enqueue alternate item by item on the same disk, so shared-disk noise hits both alike."""
    keys, _ = create_device_keys(folder, suite)
    config = replace(Config(), crypto={"suite": suite})
    rng = random.Random(1)
    image = synthetic_jpeg(rng) if with_images else None
    txns = [fake_transaction(rng, lambda i: pseudonym(i, keys.pseudonym_key), with_images=with_images, image=image)
            for _ in range(n + 1)]
    raw_conn = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    for pragma in PRAGMAS:
        raw_conn.execute(pragma)
    raw_conn.execute("CREATE TABLE items (txn_id TEXT PRIMARY KEY, service_code TEXT, state TEXT, data BLOB)")
    enq, raw = [], []
    with Store.open(folder / DB_FILE, suite=suite, keys=keys, config=config) as store:
        store.enqueue(txns[0])  # warm-up: the epoch key wrap happens once per epoch, not per item
        size = store.stats().total_bytes
        blob = os.urandom(size)  # the same row size as a sealed item
        for txn in txns[1:]:
            t0 = time.perf_counter()
            store.enqueue(txn)
            t1 = time.perf_counter()
            raw_conn.execute("BEGIN IMMEDIATE")
            raw_conn.execute("INSERT INTO items VALUES (?, 'SB-001', 'queued', ?)", (os.urandom(16).hex(), blob))
            raw_conn.execute("COMMIT")
            t2 = time.perf_counter()
            enq.append((t1 - t0) * 1000)
            raw.append((t2 - t1) * 1000)
    raw_conn.close()
    return raw, enq, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="kiosk-bench-", dir="/var/tmp"))  # a real disk: fsync must cost
    print(f"{'case':<22} {'raw/s':>8} {'enqueue/s':>10} {'ratio':>6}  {'raw p50/p99 ms':>15}  {'enqueue p50/p99 ms':>19}  bytes")
    worst_ratio, worst_p99 = 1e9, 0.0
    try:
        for suite in ("gm", "intl"):
            for with_images in (False, True):
                case = f"{suite} {'+150kB photo' if with_images else 'form only'}"
                folder = base / case.replace(" ", "_").replace("+", "")
                folder.mkdir()
                raw, enq, size = run_case(folder, suite, args.items, with_images)
                raw_tp, enq_tp = 1000 / statistics.mean(raw), 1000 / statistics.mean(enq)
                (rp50, rp99), (ep50, ep99) = percentiles(raw), percentiles(enq)
                ratio = enq_tp / raw_tp
                worst_ratio, worst_p99 = min(worst_ratio, ratio), max(worst_p99, ep99)
                print(f"{case:<22} {raw_tp:>8.0f} {enq_tp:>10.0f} {ratio:>6.2f}  {rp50:>7.2f}/{rp99:<7.2f}  "
                      f"{ep50:>9.2f}/{ep99:<9.2f}  {size}")
    finally:
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    print(f"worst throughput ratio {worst_ratio:.2f} (target >= 0.8); worst enqueue p99 {worst_p99:.1f} ms (target <= 20)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
