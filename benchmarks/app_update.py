"""App update download over a line that drops: resuming with Range vs starting again, in the same run.

    .venv/bin/python benchmarks/app_update.py [--mb 16] [--cuts 3]

A real hub (uvicorn + SQLite, `kiosk-hub serve` on loopback) publishes a bundle of ``--mb`` MB (a stand-in
app wheel and an incompressible catalog file). The kiosk's update client (sync/client/updates.py) fetches
it through the fault-injecting TLS proxy of tests/sync/faultproxy.py, which cuts ``--cuts`` replies
halfway (the TCP connection closes mid-body, as when the village line drops). Compared:
  1. resume (ours): what arrived before each cut is kept; the next request asks Range: bytes=<have>-
  2. restart (baseline): the same client with the partial file thrown away after each cut
  3. on a clean line: 1 MiB Range requests (the client's default) vs one request for the whole file,
     i.e. what chunking costs when nothing goes wrong
Printed: bytes over the line per bundle byte and wall time for each, and the ratios. Loopback only: the
figures show bytes saved, not a village line's speed (benchmarks/sync.py shapes a real link).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sync.client import identity  # noqa: E402
from sync.client.sender import HubLink  # noqa: E402
from sync.client.updates import UpdateFolder, fetch_update, pinned_key  # noqa: E402
from sync.hub import keys as hub_keys  # noqa: E402
from sync.hub import updates as hub_updates  # noqa: E402
from sync.hub.storage import HubDB  # noqa: E402
from tests.installer.test_update_bundle import fake_app_wheel  # noqa: E402
from tests.support.hub import HubProcess  # noqa: E402
from tests.sync.faultproxy import FaultProxy  # noqa: E402


def publish(hub: HubProcess, work: Path, version: str, mb: int) -> Path:
    wheels, catalog = work / "wheels", work / "catalog"
    fake_app_wheel(wheels, version, healthy=True)
    catalog.mkdir()
    (catalog / "padding.bin").write_bytes(os.urandom(mb << 20))
    out = work / "bench.bundle"
    keys, db = hub_keys.load_or_create(hub.folder / "keys"), HubDB(f"sqlite:///{hub.folder / 'hub.db'}")
    try:
        hub_updates.make(keys, "intl", out, version, wheels, catalog, "village-kiosk")
        hub_updates.publish(db, keys, out)
    finally:
        db.close()
    return out


def download(data_dir: Path, url: str, *, cuts: int, resume: bool, chunk: int) -> tuple[int, float]:
    """(bytes over the line, seconds) until the bundle is in ready/."""
    folder = UpdateFolder(data_dir)
    for leftover in (folder.ready, folder.partial):
        for p in leftover.glob("*.bundle") if leftover.is_dir() else ():
            p.unlink()
    folder.download_file.unlink(missing_ok=True)
    link = HubLink(url=url, ca_file=str(identity.keys_dir(data_dir) / "hub-cert.pem"), device_id="bench",
                   signer=None, timeout_s=30)
    session = identity.pinned_session(link.ca_file)
    key = pinned_key(data_dir)
    fetched = 0
    started = time.perf_counter()
    for _attempt in range(cuts + 200):
        got = fetch_update(session, link, key, folder, running="0", chunk_bytes=chunk, budget_bytes=1 << 40)
        fetched += got.fetched
        if got.state == "ready":
            break
        if got.state != "downloading":
            raise SystemExit(f"unexpected outcome {got}")
        if not resume:
            folder.discard_partials()
    else:
        raise SystemExit("not downloaded")
    seconds = time.perf_counter() - started
    session.close()
    return fetched, seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=16)
    ap.add_argument("--cuts", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-update-") as tmp:
        work = Path(tmp)
        hub = HubProcess(work / "hub")
        proxy = None
        try:
            hub.start()
            data_dir = work / "kiosk"
            identity.enrol(data_dir, hub.url, hub.token("示范村"), "intl")
            size = publish(hub, work, "9.0.0", args.mb).stat().st_size
            proxy = FaultProxy(hub.port, hub.cert_file, hub.folder / "keys" / "tls-key.pem")
            rows = {}
            for name, resume in (("resume (Range)", True), ("restart (baseline)", False)):
                # each attempt: the index passes, the bytes are cut halfway; after `cuts` cuts the line holds
                proxy.plan(*(["pass", "truncate_reply"] * args.cuts))
                before = len(proxy.seen.requests)
                fetched, seconds = download(data_dir, proxy.url, cuts=args.cuts, resume=resume, chunk=size)
                rows[name] = (fetched, seconds, len(proxy.seen.requests) - before)
            for name, chunk in (("clean, 1 MiB ranges", 1 << 20), ("clean, one request", size)):
                fetched, seconds = download(data_dir, hub.url, cuts=0, resume=True, chunk=chunk)
                rows[name] = (fetched, seconds, 0)
        finally:
            if proxy is not None:
                proxy.close()
            hub.close()
    print(f"bundle {size / 1e6:.1f} MB, {args.cuts} cuts halfway through a reply (loopback, TLS, real hub)")
    for name, (fetched, seconds, reqs) in rows.items():
        extra = f", {reqs} requests through the proxy" if reqs else ""
        print(f"  {name:22s} {fetched / 1e6:7.1f} MB over the line = {fetched / size:4.2f} x the bundle, "
              f"{seconds:6.2f} s{extra}")
    r, b = rows["resume (Range)"], rows["restart (baseline)"]
    c1, c2 = rows["clean, 1 MiB ranges"], rows["clean, one request"]
    print(f"ratio restart/resume: bytes {b[0] / r[0]:.2f}x, time {b[1] / r[1]:.2f}x")
    print(f"ratio 1 MiB ranges / one request on a clean line: time {c1[1] / c2[1]:.2f}x (the cost of chunking)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
