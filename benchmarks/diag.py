"""Diagnostics on the virtual devices (a fresh data dir, every panel of `kiosk diag`).

1. The full report: ``kiosk.diag.run_checks`` (each check in its own thread, own timeout) versus the same
   checks run one after another. Target: parallel / sequential <= 0.6, so `kiosk diag` stays short on SSH.
2. One idle health-monitor round (the cheap checks the app runs every ``[diag] health_interval_s``) versus
   the full report. Target: <= 0.1, so the monitor never competes with a villager for the machine.

Usage: python benchmarks/diag.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk import config as config_mod  # noqa: E402
from kiosk.diag import run_checks  # noqa: E402
from kiosk.events import EventHub  # noqa: E402
from tests.ui.diag.diag_kit import make_data_dir  # noqa: E402
from ui.diag.rig import DEVICES, all_checks, build_parts  # noqa: E402
from ui.diag.service import DiagService  # noqa: E402


def sequential(checks) -> float:
    started = time.perf_counter()
    for check in checks:
        run_checks([check])
    return time.perf_counter() - started


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-diag-") as tmp:
        data_dir = make_data_dir(Path(tmp))
        config = config_mod.load(data_dir / config_mod.CONFIG_FILE)
        parts = build_parts(config, data_dir, EventHub(), DEVICES)
        try:
            service = DiagService(parts, config, data_dir)
            run_checks(all_checks(parts, config, data_dir))  # warm: first frames, fonts, imports
            par, seq, mon = [], [], []
            for _ in range(args.rounds):  # interleaved, so load changes hit both sides alike
                par.append(timed(lambda: run_checks(all_checks(parts, config, data_dir))))
                seq.append(sequential(all_checks(parts, config, data_dir)))
                mon.append(timed(lambda: run_checks(service.monitor_checks())))
        finally:
            parts.close()
    p, s, m = statistics.median(par), statistics.median(seq), statistics.median(mon)
    print(f"full report: parallel {p:.2f} s, sequential {s:.2f} s, ratio {p / s:.2f} (target <= 0.6)")
    print(f"monitor round: {m * 1000:.0f} ms, ratio to the full report {m / p:.3f} (target <= 0.1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
