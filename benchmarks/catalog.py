"""Catalog load and search speed, each against a baseline measured in the same run.

1. Search: the pinyin index (built once per catalog) versus a naive scan that converts every name to
   pinyin on each query, over a mix of Chinese, full-pinyin and initials queries. Target: index ≥ 20×
   faster per query, and < 2 ms per query on the kiosk, so search can run on every keystroke.
2. Load: Catalog.load (YAML + includes + JSON Schema + resolution + notices) versus bare yaml.safe_load
   of the same files. Reported so a slower schema step shows up; the kiosk loads once at start.

Usage: python benchmarks/catalog.py [--rounds N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402

from kiosk.catalog import Catalog  # noqa: E402
from kiosk.catalog.loader import ASSETS_DIR, DEFAULT_CATALOG  # noqa: E402
from kiosk.catalog.search import SearchIndex, pinyin_full, pinyin_initials  # noqa: E402

QUERIES = ["ylbx", "yanglao", "养老保险", "社保卡 挂失", "sbk", "失业登记", "jiuye", "zgz", "培训", "丧葬", "rzrz", "认证"]


def naive_search(services, text: str) -> list:
    key = text.replace(" ", "").lower()
    hits = []
    for s in services:
        for n in s.all_names:
            if key in n or key in pinyin_full(n) or key in pinyin_initials(n):
                hits.append(s)
                break
    return hits


def per_query(fn, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for q in QUERIES:
            fn(q)
    return (time.perf_counter() - start) / (rounds * len(QUERIES))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    catalog = Catalog.load()
    index = SearchIndex(catalog.services)
    index.search("warm-up")
    naive_s = per_query(lambda q: naive_search(catalog.services, q), max(1, args.rounds // 10))
    index_s = per_query(index.search, args.rounds)
    print(f"services: {len(catalog)}, queries: {len(QUERIES)}")
    print(f"search  naive scan: {naive_s * 1e3:8.3f} ms/query")
    print(f"search  index:      {index_s * 1e3:8.3f} ms/query")
    print(f"search  ratio naive/index: {naive_s / index_s:.1f}x (target >= 20x, index < 2 ms)")

    files = [DEFAULT_CATALOG, *sorted(ASSETS_DIR.glob("services-*.yaml"))]
    rounds = max(3, args.rounds // 5)
    start = time.perf_counter()
    for _ in range(rounds):
        for f in files:
            yaml.safe_load(f.read_text(encoding="utf-8"))  # the pure-Python loader: what a naive reader uses
    bare = (time.perf_counter() - start) / rounds
    start = time.perf_counter()
    for _ in range(rounds):
        Catalog.load()
    full = (time.perf_counter() - start) / rounds
    print(f"load    yaml only:  {bare * 1e3:8.1f} ms")
    print(f"load    Catalog:    {full * 1e3:8.1f} ms")
    print(f"load    ratio Catalog/yaml: {full / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
