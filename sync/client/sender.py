"""The uplink: outbox → hub, in signed, gzip-compressed batches over one pooled HTTPS session.

An item is marked acknowledged only when a receipt for it arrives; anything else (a reset, a
timeout, an HTML error page, a truncated reply) leaves it SENT, and it goes again in a later batch —
the hub dedups by txn_id, so resending is always safe. Failures become a ``SyncFailure`` with a
plain-Chinese reason and a retry policy; the background thread ("sync-sender") waits between tries
with capped exponential backoff on an injectable clock.
"""

from __future__ import annotations

import gzip
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests
from requests.adapters import HTTPAdapter

from kiosk.errors import UserFacingError
from kiosk.events import EventHub, SyncProgress
from kiosk.store.model import OutboxItem, QueueStats
from sync import protocol, signing
from sync.protocol import Batch, BatchReply, Checkpoint, ErrorReply, WireItem

from .backoff import Backoff, Clock, RealClock

log = logging.getLogger(__name__)

OFFLINE = "网络未连接"
SLOW = "网络不稳定，稍后自动重试"
HUB_DOWN = "县平台维护中"
REVOKED = "设备证书已失效，请联系管理员"
NOT_ENROLLED = "终端尚未注册到县平台，请联系管理员"
BAD_CERT = "县平台证书与注册时不符，请联系管理员"
LOCAL_DISK = "终端存储空间不足，同步暂停"


class Outbox(Protocol):
    """What the sender needs from ``kiosk.store.Store``."""

    def claim_batch(self, max_items: int, max_bytes: int) -> list[OutboxItem]: ...

    def apply_receipts(self, receipts: list[tuple[str, str, str]]) -> Any: ...

    def stats(self) -> QueueStats: ...


class CheckpointSource(Protocol):
    def checkpoint_for(self, after_seq: int) -> Checkpoint | None:
        """The device's newest audit checkpoint with chain links after ``after_seq`` (None: no audit)."""
        ...


class SyncFailure(UserFacingError):
    """A round that could not finish. ``retry`` False means a person must act (revoked, not enrolled)."""

    code = "sync"

    def __init__(self, message: str, *, detail: str = "", retry: bool = True):
        super().__init__(message, detail=detail)
        self.retry = retry


@dataclass(frozen=True)
class HubLink:
    """Where and how to reach the hub, from enrolment."""

    url: str
    ca_file: str
    device_id: str
    signer: Any  # sync.signing.SigningKey (has .sign(bytes) -> bytes)
    timeout_s: float = 15.0


@dataclass
class RoundResult:
    sent: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    bytes_sent: int = 0


@dataclass
class SyncStatus:
    online: bool = False
    reason: str = ""
    last_success: float | None = None
    last_attempt: float | None = None
    rounds: int = 0
    failures: int = 0
    halted: bool = False
    totals: RoundResult = field(default_factory=RoundResult)


class SyncClient:
    def __init__(self, outbox: Outbox, link: HubLink, *, batch_max_items: int = 50,
                 batch_max_bytes: int = 2_000_000, backoff: Backoff | None = None, interval_s: float = 30.0,
                 events: EventHub | None = None, clock: Clock | None = None,
                 checkpoints: CheckpointSource | None = None, hub_checkpoint_seq: int = 0,
                 on_checkpoint: Callable[[int], None] | None = None, window: int = 1,
                 after_drain: Sequence[Callable[[SyncClient], None]] = ()):
        self.outbox = outbox
        self.link = link
        self.batch_max_items = batch_max_items
        self.batch_max_bytes = batch_max_bytes
        self.backoff = backoff or Backoff(2.0, 300.0)
        self.interval_s = interval_s
        self.events = events
        self.clock = clock or RealClock()
        self.checkpoints = checkpoints
        self.hub_checkpoint_seq = hub_checkpoint_seq
        self.on_checkpoint = on_checkpoint  # persists the hub's checkpoint seq across reboots
        self.window = window  # batches in flight at once (each on its own pooled connection)
        # on the "sync-sender" thread, after each round that found nothing left to send (downlink, updates)
        self.after_drain = list(after_drain)
        self.status = SyncStatus()
        self.session = requests.Session()
        # one pooled keep-alive connection; retries are ours (with backoff), never urllib3's
        self.session.mount("https://", HTTPAdapter(pool_connections=1, pool_maxsize=max(2, window), max_retries=0))
        self.session.verify = link.ca_file
        self.session.trust_env = False  # else REQUESTS_CA_BUNDLE would override the pinned certificate
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- one round ---------------------------------------------------------------------------

    def send_once(self) -> RoundResult:
        """Claim one batch, send it, apply the receipts. Raises SyncFailure; returns sent=0 when idle."""
        items = self.outbox.claim_batch(self.batch_max_items, self.batch_max_bytes)
        checkpoint = self.checkpoints.checkpoint_for(self.hub_checkpoint_seq) if self.checkpoints else None
        if not items and (checkpoint is None or checkpoint.seq <= self.hub_checkpoint_seq):
            return RoundResult()  # nothing new for the hub
        batch, compressed, signature = self._encode(items, checkpoint)
        return self._finish(batch, items, self._post_batch(compressed, signature), len(compressed))

    def send_pipelined(self, window: int = 2) -> RoundResult:
        """Keep up to ``window`` batches in flight on separate kept-alive connections, so the line carries
        the next batch while the hub stores the previous one. The audit checkpoint goes last, in a batch
        of its own (two in-flight checkpoints could not both extend the hub's last one). A failure stops
        new batches; it is raised once the batches already in flight have finished."""
        total, failure = RoundResult(), None
        inflight: dict[Future, tuple[Batch, list[OutboxItem], int]] = {}
        busy: dict[str, int] = {}  # txn_id -> sealed size, for items in flight
        with ThreadPoolExecutor(window, thread_name_prefix="sync-post") as pool:
            while True:
                while failure is None and len(inflight) < window:
                    claimed = self.outbox.claim_batch(self.batch_max_items + len(busy),
                                                      self.batch_max_bytes + sum(busy.values()))
                    items = [i for i in claimed if i.txn_id not in busy]
                    if not items:
                        break
                    batch, compressed, signature = self._encode(items, None)
                    inflight[pool.submit(self._post_batch, compressed, signature)] = (batch, items, len(compressed))
                    busy.update((i.txn_id, len(i.sealed)) for i in items)
                if not inflight:
                    break
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for fut in done:
                    batch, items, size = inflight.pop(fut)
                    for i in items:
                        busy.pop(i.txn_id, None)
                    try:
                        _add(total, self._finish(batch, items, fut.result(), size))
                    except SyncFailure as exc:
                        failure = failure or exc
        if failure is not None:
            raise failure
        _add(total, self.send_once())  # the checkpoint, and anything queued meanwhile
        return total

    def _encode(self, items: list[OutboxItem], checkpoint: Checkpoint | None) -> tuple[Batch, bytes, bytes]:
        batch = Batch(device_id=self.link.device_id, batch_id=uuid.uuid4().hex, sent_at=_utc_now(),
                      items=tuple(_wire(i) for i in items), checkpoint=checkpoint)
        body = protocol.canonical_json(batch.model_dump())
        return batch, gzip.compress(body, compresslevel=6), signing.sign_body(self.link.signer, body)

    def _finish(self, batch: Batch, items: list[OutboxItem], reply: BatchReply, size: int) -> RoundResult:
        """Apply a reply's receipts (only for items of this batch) and note the hub's checkpoint."""
        if reply.batch_id != batch.batch_id:
            raise SyncFailure(HUB_DOWN, detail="reply is for another batch")
        wanted = {i.txn_id for i in items}
        receipts = [(r.txn_id, r.status, r.reason) for r in reply.receipts if r.txn_id in wanted]
        try:
            self.outbox.apply_receipts(receipts)
        except UserFacingError as exc:
            # the items stay SENT and go again; the hub will answer "duplicate", which acknowledges them
            raise SyncFailure(LOCAL_DISK if exc.code == "storage_full" else exc.message, detail=exc.detail) from exc
        if reply.checkpoint_seq > self.hub_checkpoint_seq:
            self.hub_checkpoint_seq = reply.checkpoint_seq
            if self.on_checkpoint is not None:
                self.on_checkpoint(reply.checkpoint_seq)
        result = RoundResult(sent=len(items), bytes_sent=size)
        for _txn, status, _reason in receipts:
            setattr(result, status, getattr(result, status) + 1)
        return result

    def _post_batch(self, compressed: bytes, signature: bytes) -> BatchReply:
        headers = {
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            protocol.DEVICE_HEADER: self.link.device_id,
            protocol.SIGNATURE_HEADER: protocol.b64e(signature),
        }
        try:
            resp = self.session.post(f"{self.link.url}/v1/batches", data=compressed, headers=headers,
                                     timeout=(min(5.0, self.link.timeout_s), self.link.timeout_s))
            content = resp.content
        except requests.exceptions.SSLError as exc:
            # a certificate that is not the pinned one, or a line dropped mid-handshake
            reason = BAD_CERT if is_certificate_failure(exc) else OFFLINE
            raise SyncFailure(reason, detail=f"TLS: {exc}") from None
        except requests.exceptions.Timeout as exc:
            raise SyncFailure(SLOW, detail=f"timeout: {type(exc).__name__}") from None
        except requests.exceptions.RequestException as exc:  # refused, reset, truncated body
            raise SyncFailure(OFFLINE, detail=f"{type(exc).__name__}: {exc}") from None
        if resp.status_code == 200:
            try:
                return protocol.parse(BatchReply, content)
            except protocol.ProtocolError as exc:
                raise SyncFailure(HUB_DOWN, detail=f"unreadable reply: {exc.detail}") from None
        raise _failure_for(resp.status_code, content)

    # --- many rounds ---------------------------------------------------------------------------

    def drain(self, max_rounds: int = 1000, max_failures: int | None = None) -> RoundResult:
        """Send until the outbox has nothing left to send, retrying after failures with backoff.

        Raises the last SyncFailure if it does not allow retry, after ``max_failures`` failures in a
        row, or when ``max_rounds`` are used up."""
        total = RoundResult()
        last: SyncFailure | None = None
        failures = 0
        for _ in range(max_rounds):
            try:
                r = self._round()
            except SyncFailure as exc:
                last = exc
                failures += 1
                if not exc.retry or (max_failures is not None and failures > max_failures):
                    raise
                self.clock.wait(self._stop, self.backoff.next_delay())
                continue
            failures = 0
            if r.sent == 0:
                return total
            _add(total, r)
        raise last or SyncFailure(HUB_DOWN, detail=f"not drained after {max_rounds} rounds")

    def _round(self) -> RoundResult:
        self.status.last_attempt = self.clock.monotonic()
        self.status.rounds += 1
        try:
            result = self.send_pipelined(self.window) if self.window > 1 else self.send_once()
        except SyncFailure as exc:
            self.status.failures += 1
            self.status.online = False
            self.status.reason = exc.message
            self.status.halted = not exc.retry
            log.warning("sync round failed: %s (%s)", exc.message, exc.detail)
            self._publish()
            raise
        self.backoff.reset()
        self.status.online, self.status.reason, self.status.halted = True, "", False
        self.status.last_success = self.clock.monotonic()
        _add(self.status.totals, result)
        self._publish()
        return result

    def _publish(self) -> None:
        if self.events is None:
            return
        try:
            counts = self.outbox.stats().counts
        except UserFacingError:
            counts = {}
        pending = counts.get("queued", 0) + counts.get("sent", 0)
        done = counts.get("acknowledged", 0) + counts.get("rejected", 0)
        self.events.publish(SyncProgress(sent=done, total=done + pending, online=self.status.online,
                                         reason=self.status.reason))

    # --- background thread ---------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync-sender", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """Send now (a new item was queued, or the clerk pressed 立即同步)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.session.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                result = self._round()
                delay = 0.0 if result.sent else self.interval_s
            except SyncFailure as exc:
                delay = self.backoff.next_delay() if exc.retry else self.backoff.maximum
            except Exception:  # a bug: log it, keep the thread alive, try again later
                log.exception("sync round crashed")
                delay = self.backoff.next_delay()
            else:
                if not result.sent:
                    self._after_drain()
            if delay and not self._stop.is_set():
                self.clock.wait(self._wake, delay)


    def _after_drain(self) -> None:
        for hook in self.after_drain:
            if self._stop.is_set():
                return
            try:
                hook(self)
            except Exception:  # a bug in one hook: the uplink and the other hooks go on
                log.exception("after-drain hook %r crashed", hook)


def is_certificate_failure(exc: Exception) -> bool:
    text = str(exc)
    return "CERTIFICATE_VERIFY_FAILED" in text or "match" in text and "hostname" in text.lower()


def _failure_for(status: int, content: bytes) -> SyncFailure:
    try:
        err = protocol.parse(ErrorReply, content)
        code, detail = err.code, f"HTTP {status} {err.code}: {err.detail}"
    except protocol.ProtocolError:
        code, detail = "", f"HTTP {status} (not a hub reply)"
    if code == "revoked":
        return SyncFailure(REVOKED, detail=detail, retry=False)
    if code == "unknown_device":
        return SyncFailure(NOT_ENROLLED, detail=detail, retry=False)
    if status >= 500 or not code:
        return SyncFailure(HUB_DOWN, detail=detail)
    # bad_signature / bad_request: most likely damaged in transit; try again
    return SyncFailure(SLOW, detail=detail)


def _wire(item: OutboxItem) -> WireItem:
    return WireItem(txn_id=item.txn_id, kind=str(item.kind), service_code=item.service_code,
                    acceptance_no=item.acceptance_no, created_at=item.created_at, epoch_id=item.epoch_id,
                    sealed=protocol.b64e(item.sealed))


def _add(total: RoundResult, r: RoundResult) -> None:
    for name in ("sent", "accepted", "duplicate", "rejected", "bytes_sent"):
        setattr(total, name, getattr(total, name) + getattr(r, name))


def _utc_now() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


__all__: Sequence[str] = ("SyncClient", "SyncFailure", "HubLink", "Outbox", "CheckpointSource", "RoundResult")
