"""Sync over an emulated village line: 10 Mbit/s, 80 ms RTT, 1 % loss, between two private namespaces.

    sudo .venv/bin/python benchmarks/sync.py [--small 100] [--images 20]

Topology (reference/network-emulation.md; this kernel has no netem):
  kiosk netns ──veth (tbf 10 mbit each way)── hub netns
  * rate:  tbf on both veth ends
  * loss:  nftables ``numgen random mod 100 < 1 drop`` in the hub namespace (prerouting and output),
           so 1 % of packets are lost in each direction
  * delay: a TUN delay line in the kiosk namespace: the kiosk's route to the hub goes into tun0; a
           small process holds each packet for the full RTT (80 ms) and sends it out of the veth with
           an AF_PACKET socket (still through tbf). Replies come straight back, so RTT = 80 ms.

Measured in one run, with the real hub (uvicorn + SQLite) and the real store and sync client:
  1. image-heavy items (2 x ~150 kB incompressible document images each): drain time vs the link's
     capacity -> link utilisation (target >= 85 %)
  2. small forms: our client (batched, gzip, one kept-alive connection) vs a naive client (one
     request per item, a new connection per request) -> speed-up (target >= 5x)
  3. the realistic mix (80 % forms, 20 % with images): drain time vs the link's ideal time
Every namespace, process and file this creates is removed at the end, also on failure.
"""

from __future__ import annotations

import argparse
import collections
import fcntl
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
RATE_MBIT = 10
RTT_MS = 80
LOSS_PCT = 1
KIOSK_IP, HUB_IP = "10.77.0.1", "10.77.0.2"


def sh(*cmd: str, ns: str | None = None, check: bool = True) -> str:
    full = (["ip", "netns", "exec", ns] if ns else []) + list(cmd)
    return subprocess.run(full, check=check, capture_output=True, text=True).stdout


# --- the link -----------------------------------------------------------------------------------


class Link:
    def __init__(self) -> None:
        tag = f"{os.getpid() % 100000}"
        self.kiosk_ns, self.hub_ns = f"kb-kiosk-{tag}", f"kb-hub-{tag}"
        self.created: list[str] = []

    def up(self) -> None:
        k, h = self.kiosk_ns, self.hub_ns
        for ns in (k, h):
            sh("ip", "netns", "add", ns)
            self.created.append(ns)
            sh("ip", "link", "set", "lo", "up", ns=ns)
            sh("sysctl", "-qw", "net.ipv4.tcp_congestion_control=bbr", ns=ns, check=False)
        sh("ip", "link", "add", "vk", "netns", k, "type", "veth", "peer", "name", "vh", "netns", h)
        sh("ip", "addr", "add", f"{KIOSK_IP}/24", "dev", "vk", ns=k)
        sh("ip", "addr", "add", f"{HUB_IP}/24", "dev", "vh", ns=h)
        for ns, dev in ((k, "vk"), (h, "vh")):
            sh("ip", "link", "set", dev, "up", ns=ns)
            sh("tc", "qdisc", "add", "dev", dev, "root", "tbf", "rate", f"{RATE_MBIT}mbit", "burst", "32kbit",
               "latency", "400ms", ns=ns)
        # the delay line's device; replies arrive on vk from an address routed via tun0
        sh("ip", "tuntap", "add", "dev", "tun0", "mode", "tun", ns=k)
        sh("ip", "link", "set", "tun0", "up", ns=k)
        sh("ip", "route", "add", f"{HUB_IP}/32", "dev", "tun0", "src", KIOSK_IP, ns=k)
        for key in ("all", "default", "vk"):
            sh("sysctl", "-qw", f"net.ipv4.conf.{key}.rp_filter=0", ns=k)
        nft = (f"table inet kbloss {{\n chain pre {{ type filter hook prerouting priority 0; "
               f"numgen random mod 100 < {LOSS_PCT} drop; }}\n chain out {{ type filter hook output priority 0; "
               f"numgen random mod 100 < {LOSS_PCT} drop; }}\n}}\n")
        subprocess.run(["ip", "netns", "exec", h, "nft", "-f", "-"], input=nft, text=True, check=True)

    def mac(self, ns: str, dev: str) -> str:
        return json.loads(sh("ip", "-j", "link", "show", dev, ns=ns))[0]["address"]

    def down(self) -> None:
        for ns in self.created:
            sh("ip", "netns", "del", ns, check=False)


# --- the delay line (runs inside the kiosk namespace) ---------------------------------------------

TUNSETIFF, IFF_TUN, IFF_NO_PI = 0x400454CA, 0x0001, 0x1000


def delay_line(tun: str, out_dev: str, dst_mac: str, delay_s: float) -> None:
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", tun.encode(), IFF_TUN | IFF_NO_PI))
    out = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    out.bind((out_dev, 0))
    src_mac = out.getsockname()[4]
    header = bytes.fromhex(dst_mac.replace(":", "")) + src_mac + b"\x08\x00"
    queue: collections.deque[tuple[float, bytes]] = collections.deque()
    ready = threading.Condition()

    def release() -> None:
        while True:
            with ready:
                while not queue:
                    ready.wait()
                due, pkt = queue[0]
                wait = due - time.monotonic()
                if wait > 0:
                    ready.wait(wait)  # the delay line's job is to hold packets for a time
                    continue
                queue.popleft()
            out.send(header + pkt)

    threading.Thread(target=release, name="delay-release", daemon=True).start()
    print("delay line ready", flush=True)
    while True:
        pkt = os.read(fd, 65535)
        with ready:
            queue.append((time.monotonic() + delay_s, pkt))
            ready.notify()


# --- the kiosk side (runs inside the kiosk namespace) -----------------------------------------------


def kiosk_side(hub_url: str, token: str, data_dir: Path, n_small: int, n_images: int) -> dict:
    sys.path.insert(0, str(REPO))
    from kiosk.keys import load_device_keys
    from kiosk.store import DB_FILE, Store
    from kiosk.store.model import Attachment, ItemKind, Transaction
    from sync.client import identity
    from sync.client.sender import SyncClient

    identity.enrol(data_dir, hub_url, token, "gm")
    keys = load_device_keys(data_dir)
    store = Store.open(data_dir / DB_FILE, suite=keys.suite, keys=keys, config=None, create=True)
    link, _state = identity.hub_link(data_dir, 60.0)

    def form(k: int) -> Transaction:
        fields = {f"field_{i}": f"村民填写的内容 {k}-{i} " * 3 for i in range(40)}  # a few kB of form
        return Transaction(ItemKind.APPLICATION, "PENSION-ENROL", {"form": fields})

    def with_images(k: int) -> Transaction:
        atts = tuple(Attachment(f"material_{j}", "image/jpeg", os.urandom(150_000)) for j in (1, 2))
        return Transaction(ItemKind.APPLICATION, "PENSION-ENROL", {"form": {"n": k}}, atts)

    def ours() -> SyncClient:
        return SyncClient(store, link, batch_max_items=200, batch_max_bytes=1_000_000, window=4)

    failures: list[str] = []

    def drain(client: SyncClient) -> tuple[float, int]:
        t = time.perf_counter()
        total = client.drain()
        if client.status.failures:
            failures.append(f"{client.status.failures} failed rounds, last: {client.status.reason}")
        return time.perf_counter() - t, total.bytes_sent

    ours().drain()  # warm up: TLS session, hub caches, the enrolment audit record
    out: dict = {}
    for k in range(n_images):
        store.enqueue(with_images(k))
    t, nbytes = drain(ours())
    out["images"] = {"items": n_images, "seconds": t, "bytes": nbytes,
                     "utilisation": nbytes * 8 / t / (RATE_MBIT * 1e6)}

    for k in range(n_small):
        store.enqueue(form(k))
    t_ours, b_ours = drain(ours())
    for k in range(n_small):
        store.enqueue(form(k))
    t0 = time.perf_counter()
    while True:  # the naive client: one item per request, a fresh connection each time
        naive = SyncClient(store, link, batch_max_items=1)
        sent = naive.send_once().sent
        naive.session.close()
        if not sent:
            break
    t_naive = time.perf_counter() - t0
    out["small"] = {"items": n_small, "ours_s": t_ours, "naive_s": t_naive, "speedup": t_naive / t_ours,
                    "ours_bytes": b_ours}

    n_mix_img = max(1, n_small // 4 // 5 * 1)  # 80 % forms, 20 % with images
    n_mix_forms = n_mix_img * 4
    for k in range(n_mix_forms):
        store.enqueue(form(k))
        if k % 4 == 0:
            store.enqueue(with_images(k))
    t, nbytes = drain(ours())
    out["mix"] = {"forms": n_mix_forms, "with_images": n_mix_img, "seconds": t, "bytes": nbytes,
                  "ideal_s": nbytes * 8 / (RATE_MBIT * 1e6), "utilisation": nbytes * 8 / t / (RATE_MBIT * 1e6)}
    counts = store.stats().counts
    out["kiosk_counts"] = counts
    out["failures"] = failures
    store.close()
    return out


# --- the run ----------------------------------------------------------------------------------------


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--small", type=int, default=100)
    p.add_argument("--images", type=int, default=40)
    p.add_argument("role", nargs="?", default="main")
    p.add_argument("rest", nargs="*")
    args = p.parse_args()
    if args.role == "_delay":
        delay_line(args.rest[0], args.rest[1], args.rest[2], float(args.rest[3]))
        return 0
    if args.role == "_kiosk":
        import logging

        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
        res = kiosk_side(args.rest[0], args.rest[1], Path(args.rest[2]), args.small, args.images)
        print(json.dumps(res))
        return 0
    if os.geteuid() != 0:
        print("needs root (network namespaces)", file=sys.stderr)
        return 2
    link, procs = Link(), []
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-bench-sync-"))
    try:
        link.up()
        hub_mac = link.mac(link.hub_ns, "vh")
        delay = subprocess.Popen(["ip", "netns", "exec", link.kiosk_ns, PY, __file__, "_delay", "tun0", "vk",
                                  hub_mac, str(RTT_MS / 1000)], stdout=subprocess.PIPE, text=True)
        procs.append(delay)
        assert delay.stdout.readline().strip() == "delay line ready"
        hub_cli = [PY, "-m", "sync.hub.cli", "--data-dir", str(tmp / "hub")]
        subprocess.run([*hub_cli, "init", "--san", HUB_IP], check=True, cwd=REPO, capture_output=True)
        token = subprocess.run([*hub_cli, "token", "create", "--village", "基准村"], check=True, cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
        hub = subprocess.Popen(["ip", "netns", "exec", link.hub_ns, *hub_cli, "serve", "--host", HUB_IP,
                                "--port", "8443"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
        procs.append(hub)
        hub.stdout.readline()  # "kiosk-hub serving on ..." comes before uvicorn binds; enrol retries below
        wait_for_port = ("import socket, time\nend = time.monotonic() + 60\nwhile True:\n"
                         f"    try:\n        socket.create_connection(('{HUB_IP}', 8443), 2).close(); break\n"
                         "    except OSError:\n        assert time.monotonic() < end\n        time.sleep(0.2)\n")
        subprocess.run(["ip", "netns", "exec", link.kiosk_ns, PY, "-c", wait_for_port], check=True)
        kiosk = subprocess.run(["ip", "netns", "exec", link.kiosk_ns, PY, __file__, "--small", str(args.small),
                                "--images", str(args.images), "_kiosk", f"https://{HUB_IP}:8443", token,
                                str(tmp / "kiosk")], cwd=REPO, capture_output=True, text=True, timeout=600)
        print(kiosk.stderr[-3000:], file=sys.stderr)
        if kiosk.returncode != 0:
            return 1
        res = json.loads(kiosk.stdout.strip().splitlines()[-1])
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()  # by PID: the delay line and the hub we started
                proc.wait(timeout=10)
        link.down()
        shutil.rmtree(tmp, ignore_errors=True)
    img, small, mix = res["images"], res["small"], res["mix"]
    print(f"link: {RATE_MBIT} Mbit/s (tbf), RTT {RTT_MS} ms (TUN delay line), loss {LOSS_PCT} % each way (nftables)")
    print(f"image-heavy: {img['items']} items, {img['bytes'] / 1e6:.2f} MB in {img['seconds']:.2f} s "
          f"-> link utilisation {img['utilisation'] * 100:.1f} % (target >= 85 %)")
    print(f"small forms: {small['items']} items, ours {small['ours_s']:.2f} s vs naive {small['naive_s']:.2f} s "
          f"-> ratio {small['speedup']:.1f}x (target >= 5x)")
    print(f"mix: {mix['forms']} forms + {mix['with_images']} with images, {mix['bytes'] / 1e6:.2f} MB in "
          f"{mix['seconds']:.2f} s vs ideal {mix['ideal_s']:.2f} s -> utilisation {mix['utilisation'] * 100:.1f} %")
    print(f"kiosk queue after the run: {res['kiosk_counts']}; retried rounds: {res['failures'] or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
