"""Crash soak: 1,000 kill -9 cycles of a process enqueueing in a loop, then check that every 受理编号
handed out is present, opens with the hub key, and that integrity_check and audit verify pass.

Prints the ratio present / acknowledged (must be 1.000) and the kill rate.
Usage: python benchmarks/crash_soak.py [--cycles 1000] [--suite intl|gm]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kiosk import config as config_mod  # noqa: E402
from kiosk.cli.main import main as kiosk_main  # noqa: E402
from kiosk.crypto.sealing import hub_opener  # noqa: E402
from kiosk.keys import read_escrowed_hub_private_key  # noqa: E402
from kiosk.store import open_store  # noqa: E402
from tests.support.crash_forker import run_crash_cycles  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--suite", choices=("intl", "gm"), default="intl",
                        help="intl by default: gm's pure-Python SM2 wrap per restart makes 1,000 cycles take ~2.5 min")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="kiosk-soak-", dir="/var/tmp"))
    try:
        data_dir = base / "k"
        if kiosk_main(["--data-dir", str(data_dir), "init", "--suite", args.suite]) != 0:
            return 1
        started = time.monotonic()
        run = run_crash_cycles(data_dir, args.cycles, seed=args.cycles)
        elapsed = time.monotonic() - started
        opener = hub_opener(read_escrowed_hub_private_key(data_dir))
        with open_store(data_dir, config_mod.load(data_dir / "config.toml")) as store:
            present = {i.acceptance_no: i for i in store.list_items(limit=10**9)}
            opened = 0
            for acceptance_no, txn_id in run.acknowledged.items():
                item = present.get(acceptance_no) and store.sealed_item(txn_id)
                if item and opener(item.sealed, txn_id=txn_id, kind=item.kind, service_code=item.service_code,
                                   device_id=store.keys.device_id)["meta"]["acceptance_no"] == acceptance_no:
                    opened += 1
            integrity = store.integrity_check()
            verdict = store.verify_audit()
        n = len(run.acknowledged)
        print(f"suite {args.suite}: {run.kills} kills in {elapsed:.1f} s ({run.kills / elapsed:.1f} kills/s)")
        print(f"acknowledged {n}, present and decryptable {opened}: ratio {opened / max(n, 1):.3f} (must be 1.000)")
        print(f"integrity_check {integrity}; audit verify: {verdict.summary()}")
        return 0 if opened == n and integrity == "ok" and verdict.ok else 1
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
