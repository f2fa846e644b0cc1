"""Diagnostics: checks that return a verdict, a runner that never hangs on one, and the report.

The checks that need the core only (disk, database, audit log, clock, queue) are here; device and network
checks are built where drivers and sync may be imported (``ui/diag``) and run by the same runner, so the
technician's screen, ``kiosk diag`` and the idle health monitor all report the same things.
A report never holds personal data: checks report counts, timings, names of devices and states.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import enum
import json
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import UserFacingError


class Status(enum.StrEnum):
    OK = "ok"
    WARN = "warn"  # works, but a technician should look (e.g. disk filling up)
    FAIL = "fail"  # broken; the services that need it are disabled
    SKIP = "skip"  # not configured on this terminal


STATUS_LABELS = {Status.OK: "正常", Status.WARN: "注意", Status.FAIL: "故障", Status.SKIP: "未配置"}


@dataclass(frozen=True)
class CheckResult:
    check_id: str  # "storage.free_space", "card.readers", …
    title: str  # 中文, for the screen
    status: Status
    summary: str  # one plain-Chinese line
    details: dict[str, Any] = field(default_factory=dict)
    duration_ms: float = 0.0

    @property
    def device(self) -> str:
        return self.check_id.split(".", 1)[0]


@dataclass(frozen=True)
class Check:
    check_id: str
    title: str
    run: Callable[[], CheckResult | tuple[Status, str, dict[str, Any]]]
    timeout_s: float = 10.0


@dataclass(frozen=True)
class Report:
    results: tuple[CheckResult, ...]
    created_at: str

    @property
    def ok(self) -> bool:
        return all(r.status is not Status.FAIL for r in self.results)

    def failed_devices(self) -> set[str]:
        return {r.device for r in self.results if r.status is Status.FAIL}

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "created_at": self.created_at,
            "checks": [{**asdict(r), "status": r.status.value} for r in self.results],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2, default=str)

    def to_text(self) -> str:
        lines = []
        for r in self.results:
            lines.append(f"[{STATUS_LABELS[r.status]}] {r.title}：{r.summary}  ({r.check_id}, {r.duration_ms:.0f} ms)")
        lines.append("全部正常" if self.ok else f"有故障：{', '.join(sorted(self.failed_devices()))}")
        return "\n".join(lines)


def run_checks(checks: Iterable[Check]) -> Report:
    """Each check in its own thread with its own timeout: a hung device cannot stall the report."""
    results = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="diag")
    try:
        submitted = [(c, time.perf_counter(), pool.submit(c.run)) for c in checks]
        for check, started, future in submitted:
            results.append(_result(check, started, future))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return Report(tuple(results), dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


def _result(check: Check, started: float, future: concurrent.futures.Future) -> CheckResult:
    try:
        value = future.result(timeout=max(0.0, check.timeout_s - (time.perf_counter() - started)))
    except concurrent.futures.TimeoutError:
        return CheckResult(check.check_id, check.title, Status.FAIL, f"超过{check.timeout_s:.0f}秒无响应",
                           {"error": "timeout"}, check.timeout_s * 1000)
    except UserFacingError as exc:
        value = (Status.FAIL, exc.message, {"error": exc.code, "detail": exc.detail})
    except Exception as exc:  # a check that crashes is a failed check, not a crashed report
        value = (Status.FAIL, "检测程序出错", {"error": type(exc).__name__, "detail": str(exc)[:300]})
    elapsed = (time.perf_counter() - started) * 1000
    if isinstance(value, CheckResult):
        return value
    status, summary, details = value
    return CheckResult(check.check_id, check.title, status, summary, details, elapsed)


# --- core checks ---------------------------------------------------------------------------------------


def free_space_check(folder: Path, min_free_mb: int) -> Check:
    def run():
        usage = shutil.disk_usage(folder)
        free_mb = usage.free // (1024 * 1024)
        details = {"free_mb": free_mb, "total_mb": usage.total // (1024 * 1024), "min_free_mb": min_free_mb}
        if free_mb < min_free_mb:
            return Status.FAIL, f"剩余空间仅{free_mb} MB，无法保存新业务", details
        if free_mb < min_free_mb * 4:
            return Status.WARN, f"剩余空间{free_mb} MB，即将不足", details
        return Status.OK, f"剩余空间{free_mb} MB", details

    return Check("storage.free_space", "存储空间", run)


def integrity_check(store) -> Check:
    def run():
        verdict = store.integrity_check()
        if verdict == "ok":
            return Status.OK, "数据库完整", {"integrity_check": verdict}
        return Status.FAIL, "数据库损坏，请联系技术员", {"integrity_check": verdict[:300]}

    return Check("storage.integrity", "数据库完整性", run, timeout_s=60)


def audit_check(store) -> Check:
    def run():
        result = store.verify_audit()
        details = {"records": result.records, "checkpoints": result.checkpoints}
        if result.ok:
            return Status.OK, f"审计日志完整（{result.records}条）", details
        details.update(first_bad_seq=result.first_bad_seq, reason=result.reason)
        return Status.FAIL, f"审计日志第{result.first_bad_seq}条异常", details

    return Check("storage.audit", "审计日志", run, timeout_s=60)


def queue_check(store, *, warn_age_s: float = 3 * 86_400) -> Check:
    def run():
        stats = store.stats()
        pending = stats.counts.get("queued", 0) + stats.counts.get("sent", 0)
        age = stats.oldest_pending_age_s
        details = {"counts": stats.counts, "oldest_pending_age_s": age, "pending_bytes": stats.pending_bytes}
        if age is not None and age > warn_age_s:
            return Status.WARN, f"{pending}件待上传，最早的已等待{age / 86_400:.1f}天", details
        return Status.OK, f"{pending}件待上传", details

    return Check("sync.queue", "待上传业务", run)


def clock_check(now: Callable[[], float], *, not_before: dt.datetime, last_seen: Callable[[], str | None]) -> Check:
    """A clock before the software's release date, or behind the newest audit record, is wrong: receipts,
    time limits and the audit chain all depend on it."""

    def run():
        current = dt.datetime.fromtimestamp(now(), dt.UTC)
        details = {"now": current.isoformat(timespec="seconds")}
        if current < not_before:
            return Status.FAIL, "系统时间不正确（早于软件发布日期），请校准时间", details
        newest = last_seen()
        if newest:
            details["newest_record"] = newest
            if current < dt.datetime.fromisoformat(newest) - dt.timedelta(minutes=5):
                return Status.FAIL, "系统时间倒退（早于最近一条记录），请校准时间", details
        return Status.OK, current.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M"), details

    return Check("storage.clock", "系统时间", run)


# --- which services a failed device takes out -----------------------------------------------------------

DEVICE_OUTAGE_MESSAGES = {
    "card": "读卡器故障，请到窗口办理",
    "camera": "高拍仪故障，请到窗口办理",
    "sigpad": "签名板故障，请到窗口办理",
    "printer": "打印机故障，凭证将显示在屏幕上",
    "sync": "网络未连接，查询类业务暂不可用",
}


def devices_needed(service) -> set[str]:
    """What a catalog service needs to be done at this terminal (duck-typed on kiosk.catalog.Service)."""
    needed = set()
    if getattr(service, "needs_card", False):
        needed.add("card")
    if getattr(service, "materials", ()):
        needed.add("camera")
    if getattr(service, "needs_signature", False):
        needed.add("sigpad")
    if getattr(service, "query", False):
        needed.add("sync")
    return needed


def unavailable_services(services: Iterable, failed_devices: set[str], *, sign_on_glass: bool = True) -> dict[str, str]:
    """code → plain-Chinese reason, for every service a failed device takes out. A failed printer takes
    nothing out (the receipt is shown on screen); a failed pad doesn't either when signing on the glass works."""
    blocking = set(failed_devices) - {"printer"}
    if sign_on_glass:
        blocking.discard("sigpad")
    out = {}
    for service in services:
        hit = sorted(devices_needed(service) & blocking)
        if hit:
            out[service.code] = DEVICE_OUTAGE_MESSAGES.get(hit[0], "设备故障，请到窗口办理")
    return out
