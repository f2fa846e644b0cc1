"""Network and sync diagnostics: link up/down, hub reachable and its round-trip time, the pinned TLS
certificate's expiry, throughput of a small download, and the outbox (depth and oldest item age).

Talks to the hub with the pinned certificate the sync client uses (``sync.client.identity``), so a check that
passes means sync can reach the hub the same way.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import requests
from cryptography import x509

from kiosk.diag import Check, Status
from sync.client import identity

_UP_STATES = frozenset({"up", "unknown"})  # tun and ppp links report "unknown" while they carry traffic


def links_up(operstates: Mapping[str, str]) -> list[str]:
    """Non-loopback interfaces that carry traffic, from ``name → /sys/class/net/<name>/operstate``."""
    return sorted(name for name, state in operstates.items() if name != "lo" and state.strip() in _UP_STATES)


def read_operstates(net_dir: Path = Path("/sys/class/net")) -> dict[str, str]:
    out = {}
    for entry in sorted(net_dir.iterdir()) if net_dir.is_dir() else ():
        try:
            out[entry.name] = (entry / "operstate").read_text().strip()
        except OSError:
            continue
    return out


def cert_days_left(cert_file: Path, now: dt.datetime) -> float:
    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    return (cert.not_valid_after_utc - now).total_seconds() / 86_400


def network_checks(data_dir: Path, *, timeout_s: float = 5.0, rtt_samples: int = 3, cert_warn_days: int = 30,
                   operstates: Callable[[], Mapping[str, str]] = read_operstates,
                   now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> list[Check]:
    state = identity.load_state(data_dir)
    cert_file = identity.keys_dir(data_dir) / "hub-cert.pem"

    def link():
        up = links_up(operstates())
        if not up:
            return Status.FAIL, "网络未连接（网线或无线未接通）", {"links_up": []}
        return Status.OK, f"网络已连接（{', '.join(up)}）", {"links_up": up}

    checks = [Check("sync.link", "网络连接", link, timeout_s=3)]
    if state is None or not cert_file.exists():
        not_enrolled = (Status.SKIP, "终端尚未注册到县平台", {})
        return [*checks, Check("sync.hub", "县平台连接", lambda: not_enrolled)]
    url = state.hub_url.rstrip("/")

    def hub():
        session = identity.pinned_session(str(cert_file))
        timings = []
        try:
            for _ in range(rtt_samples):
                started = time.perf_counter()
                session.get(f"{url}/v1/health", timeout=timeout_s).raise_for_status()
                timings.append((time.perf_counter() - started) * 1000)
        except requests.exceptions.SSLError as exc:
            return Status.FAIL, "县平台证书与注册时不符", {"error": "tls", "detail": str(exc)[:200]}
        except requests.RequestException as exc:
            return Status.FAIL, "无法连接县平台", {"error": type(exc).__name__, "detail": str(exc)[:200]}
        finally:
            session.close()
        rtt = statistics.median(timings)
        return Status.OK, f"县平台可达，往返{rtt:.0f} ms", {"rtt_ms": round(rtt, 1), "samples": len(timings)}

    def tls():
        days = cert_days_left(cert_file, now())
        details = {"days_left": round(days, 1)}
        if days < 0:
            return Status.FAIL, "县平台证书已过期", details
        if days < cert_warn_days:
            return Status.WARN, f"县平台证书{days:.0f}天后过期", details
        return Status.OK, f"证书还有{days:.0f}天有效", details

    def throughput():
        session = identity.pinned_session(str(cert_file))
        try:
            index = session.get(f"{url}/v1/bundles", timeout=timeout_s).json().get("bundles", [])
            path = f"/v1/bundles/{index[0]['kind']}" if index else "/v1/hub-keys"
            started = time.perf_counter()
            body = session.get(f"{url}{path}", timeout=timeout_s * 4).content
            seconds = max(time.perf_counter() - started, 1e-6)
        except (requests.RequestException, ValueError) as exc:
            return Status.FAIL, "无法从县平台下载", {"error": type(exc).__name__, "detail": str(exc)[:200]}
        finally:
            session.close()
        kbps = len(body) * 8 / seconds / 1000
        return Status.OK, f"下载{len(body)}字节，{kbps:.0f} kbit/s", {"bytes": len(body), "kbit_s": round(kbps, 1)}

    return [*checks,
            Check("sync.hub", "县平台连接", hub, timeout_s=timeout_s * rtt_samples + 2),
            Check("sync.tls", "县平台证书", tls, timeout_s=3),
            Check("sync.throughput", "网络速度", throughput, timeout_s=timeout_s * 5 + 2)]
