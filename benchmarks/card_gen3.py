"""Third-generation card login: what the county round trip adds to a card read.

Reads of the in-process virtual card (the same session code as the PC/SC driver):
  baseline  a 2.0 card, read directly (18 APDUs);
  local     a 3.0 card authenticated by the reference provider in-process (the SM4 work + 4 more APDUs);
  hub       a 3.0 card authenticated through a real hub on loopback (HTTPS, device signature, replay row).
Prints each median and its ratio to the baseline. The loopback hub is the lower bound of a village line:
on a real link add the round-trip time (and keep [card] hub_auth_timeout_s above it).

Usage: python benchmarks/card_gen3.py [--reads N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import os  # noqa: E402

import requests  # noqa: E402

from drivers.card.session import CardSession  # noqa: E402
from drivers.card.virtual_card import VirtualCard, profile  # noqa: E402
from sync import protocol, signing  # noqa: E402
from sync.client.identity import pinned_session  # noqa: E402
from sync.gen3 import HubCryptoService  # noqa: E402
from sync.hub.crypto_service import LocalCryptoService, ReferenceTestProvider  # noqa: E402
from tests.support.hub import running_hub  # noqa: E402


def timed_reads(key: str, crypto, n: int) -> list[float]:
    out = []
    for _ in range(n):
        card = VirtualCard(profile(key))
        t0 = time.perf_counter()
        holder = CardSession(card.process, crypto=crypto).read().holder
        out.append(time.perf_counter() - t0)
        assert holder is not None and holder.identity_confirmed
    return out


def enrolled_client(hub) -> HubCryptoService:
    key = signing.generate("gm")
    device_id = "bench-" + uuid.uuid4().hex[:8]
    enrol = protocol.EnrolRequest(token=hub.token(), device_id=device_id, suite="gm", device_public_key=key.public_text)
    requests.post(hub.url + "/v1/enrol", json=enrol.model_dump(), verify=str(hub.cert_file), timeout=10).raise_for_status()
    return HubCryptoService(hub.url, pinned_session(str(hub.cert_file)), device_id, key, timeout_s=5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=200)
    args = parser.parse_args()
    baseline = statistics.median(timed_reads("v2", None, args.reads))
    local = statistics.median(timed_reads("v3", LocalCryptoService(ReferenceTestProvider()), args.reads))
    os.environ["KIOSK_HUB_CRYPTO_PROVIDER"] = "reference-test"
    with tempfile.TemporaryDirectory() as tmp, running_hub(Path(tmp) / "hub") as hub:
        client = enrolled_client(hub)
        timed_reads("v3", client, 3)  # warm the TLS session and pool
        over_hub = timed_reads("v3", client, args.reads)
    hub_median = statistics.median(over_hub)
    p95 = sorted(over_hub)[int(len(over_hub) * 0.95) - 1]
    print(f"2.0 read (baseline)        median {baseline * 1000:7.2f} ms")
    print(f"3.0 read, local provider   median {local * 1000:7.2f} ms   ratio {local / baseline:6.1f}x")
    print(f"3.0 read via loopback hub  median {hub_median * 1000:7.2f} ms   ratio {hub_median / baseline:6.1f}x"
          f"   p95 {p95 * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
