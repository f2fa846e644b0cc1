"""Rendering the proofs printed from 我的查询, against the 参保证明 (render_proof) rendered in the same run.

1. 个人权益记录单 with 14 years (the demo records' length) and with 66 years (two pages).
2. 养老保险参保缴费凭证 (one year) and 养老待遇权益单.

Each is timed as the median of N renders (fonts loaded once, as DocumentPrinter does) and printed as a
ratio to the 参保证明. Target: every document renders in < 300 ms, so the screen never waits for it.
Fake identities only. Usage: python benchmarks/proofs.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import median_seconds  # noqa: E402  (benchmarks/timing.py; run as a script)

from drivers.printer.documents import InsuranceProof, InsuranceRecord, render_proof  # noqa: E402
from drivers.printer.fonts import load_fonts  # noqa: E402
from drivers.printer.proofs import (  # noqa: E402
    BenefitLine,
    BenefitStatement,
    ContributionLine,
    Issue,
    PaymentVoucher,
    RecordStatement,
    render_statement,
)

NAME, ID = "王𠮷祥", "110101199003071234"  # fake
AT = dt.datetime(2026, 11, 23, 10, 5)
CODE = "RSKHZ1|QY20261123AB12CD34|DEV-0042|SB-022|20261123|" + "A" * 86  # an Ed25519-sized signature


def median_ms(render, rounds: int) -> float:
    return median_seconds(render, rounds) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    fonts = load_fonts()
    issue = Issue("QY20261123AB12CD34", "示范县人力资源和社会保障局", "DEV-0042", AT, CODE)

    def years(n: int) -> tuple[ContributionLine, ...]:
        return tuple(ContributionLine(2025 - i, "城乡居民基本养老保险", 12, 600.0, 40.0) for i in range(n))

    proof = InsuranceProof(NAME, ID, (InsuranceRecord("城乡居民基本养老保险", "正常参保", "2012-07", 160),), AT,
                           "示范县人力资源和社会保障局", CODE)
    baseline = median_ms(lambda: render_proof(proof, fonts), args.rounds)
    print(f"baseline: 参保证明 {baseline:.1f} ms (median of {args.rounds})")
    docs = {
        "权益记录单 14 年": RecordStatement(NAME, ID, years(14), issue),
        "权益记录单 66 年 (2 页)": RecordStatement(NAME, ID, years(66), issue),
        "缴费凭证 1 年": PaymentVoucher(NAME, ID, 2025, years(1), issue),
        "待遇权益单": BenefitStatement(NAME, ID, (BenefitLine("城乡居民基本养老金", "正常发放", 213.5, "2018-04"),),
                                    issue),
    }
    worst = 0.0
    for label, doc in docs.items():
        ms = median_ms(lambda doc=doc: render_statement(doc, fonts), args.rounds)
        worst = max(worst, ms)
        print(f"{label}: {ms:.1f} ms, ratio to 参保证明 {ms / baseline:.2f}")
    print(f"slowest {worst:.1f} ms (target < 300 ms): {'ok' if worst < 300 else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
