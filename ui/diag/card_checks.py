"""Card reader diagnostics: readers found, card presence, a timed read with N-run statistics, an APDU console.

Everything goes through the ``CardReader`` Protocol, so the checks run the PC/SC driver and the virtual reader
alike. Results carry counts, timings, status words, the card's ATR and spec version only (they name the chip
and the 规范版本, not the holder): the holder is never put in a report, and the console masks the data of
commands that read personal records.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass

from drivers.card.base import CardError, CardReader, CardState, NoCard, atr_hex
from drivers.card.events import CardInserted, CardReadFailed, CardRemoved
from kiosk.diag import Check, Status
from kiosk.errors import UserFacingError
from kiosk.events import EventHub

# READ BINARY, READ RECORD (both encodings) and GET DATA answer with card contents: names, ID numbers.
_PERSONAL_INS = frozenset({0xB0, 0xB1, 0xB2, 0xB3, 0xCA, 0xCB})
_VERIFY_INS = 0x20


class PresenceCounter:
    """Counts insertions, removals and failed reads seen on the hub since it was made (the panel's counter)."""

    def __init__(self, events: EventHub):
        self._lock = threading.Lock()
        self.inserted = self.removed = self.failed = 0
        self._unsubscribe = [events.subscribe(CardInserted, lambda _e: self._bump("inserted")),
                             events.subscribe(CardRemoved, lambda _e: self._bump("removed")),
                             events.subscribe(CardReadFailed, lambda _e: self._bump("failed"))]

    def _bump(self, name: str) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {"inserted": self.inserted, "removed": self.removed, "failed": self.failed}

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()


@dataclass(frozen=True)
class ReadStats:
    runs: int
    ok: int
    errors: tuple[str, ...]  # error codes, in order
    min_ms: float
    mean_ms: float
    max_ms: float
    card_version: str = ""  # 规范版本 of the last good read ("2.00", "3.00"): not personal

    def as_dict(self) -> dict:
        return {"runs": self.runs, "ok": self.ok, "errors": list(self.errors), "min_ms": round(self.min_ms, 1),
                "mean_ms": round(self.mean_ms, 1), "max_ms": round(self.max_ms, 1), "card_version": self.card_version}


def timed_reads(reader: CardReader, runs: int) -> ReadStats:
    """Read the card in the slot ``runs`` times; the holders read are dropped at once."""
    timings, errors, version = [], [], ""
    for _ in range(runs):
        started = time.perf_counter()
        try:
            version = reader.read_holder().card_version
        except CardError as exc:
            errors.append(exc.code)
            continue
        timings.append((time.perf_counter() - started) * 1000)
    if not timings:
        return ReadStats(runs, 0, tuple(errors), 0.0, 0.0, 0.0)
    return ReadStats(runs, len(timings), tuple(errors), min(timings), statistics.fmean(timings), max(timings),
                     version)


def card_atr(reader: CardReader, details: dict) -> str:
    """The ATR in hex into ``details`` (or why there is none); asked before the reads, so a card that fails
    every read (a wrong card, a 3.0 card without authentication) still shows what it is."""
    try:
        details["atr"] = atr_hex(reader.atr())
    except CardError as exc:
        details["atr_error"] = exc.code
        return ""
    return details["atr"]


@dataclass(frozen=True)
class ApduExchange:
    command: str  # hex, as sent (a VERIFY's PIN is masked)
    response: str  # hex data, masked for commands that read personal records
    sw: str  # "9000"
    ms: float


def parse_hex(text: str) -> bytes:
    cleaned = "".join(text.split()).replace(":", "")
    try:
        data = bytes.fromhex(cleaned)
    except ValueError:
        raise UserFacingError("请输入十六进制命令，例如 00 A4 04 00", detail=f"not hex ({len(cleaned)} chars)",
                              code="apdu_hex") from None
    if len(data) < 4:
        raise UserFacingError("命令至少4个字节（CLA INS P1 P2）", detail=f"{len(data)} bytes", code="apdu_short")
    return data


def mask_exchange(command: bytes, answer: bytes, ms: float) -> ApduExchange:
    """Hex for the console; what a read brings back and what a VERIFY sends are shown as •• per byte."""
    data, sw = answer[:-2], answer[-2:]
    ins = command[1]
    shown_command = command.hex(" ").upper()
    if ins == _VERIFY_INS and len(command) > 5:
        shown_command = command[:5].hex(" ").upper() + " ••" * (len(command) - 5)
    shown_data = " ".join("••" for _ in data) if ins in _PERSONAL_INS else data.hex(" ").upper()
    return ApduExchange(shown_command, shown_data, sw.hex().upper(), round(ms, 1))


def apdu_console(reader: CardReader, text: str) -> ApduExchange:
    """One command typed by the technician, sent on the reader's own thread."""
    command = parse_hex(text)
    started = time.perf_counter()
    answer = reader.transmit(command)
    return mask_exchange(command, answer, (time.perf_counter() - started) * 1000)


def card_checks(reader: CardReader | None, *, configured: str = "", runs: int = 3,
                presence: PresenceCounter | None = None) -> list[Check]:
    if reader is None:
        skip = (Status.SKIP, "本终端未配置读卡器", {})
        return [Check("card.readers", "读卡器", lambda: skip)]

    def readers():
        names = reader.readers()
        details = {"readers": names, "state": reader.state.value}
        if not names:
            return Status.FAIL, "未发现读卡器（检查USB线和pcscd服务）", details
        if configured and not any(n.startswith(configured) for n in names):
            details["configured"] = configured
            return Status.FAIL, f"未发现配置的读卡器（发现{len(names)}个其他读卡器）", details
        if reader.state is CardState.NO_READER:
            return Status.FAIL, "读卡器未就绪", details
        return Status.OK, f"发现{len(names)}个读卡器", details

    def read():
        state = reader.state
        details: dict = {"state": state.value}
        if presence is not None:
            details["presence"] = presence.counts()
        if state in (CardState.EMPTY, CardState.STOPPED, CardState.NO_READER):
            return Status.SKIP, "槽内无卡，插入测试卡后可测读卡", details
        atr = card_atr(reader, details)
        try:
            stats = timed_reads(reader, runs)
        except NoCard:
            return Status.SKIP, "槽内无卡", details
        details.update(stats.as_dict())
        card = (f"，{stats.card_version}版卡" if stats.card_version else "") + (f"，ATR {atr}" if atr else "")
        if stats.ok == 0:
            return Status.FAIL, f"读卡失败（{stats.errors[0] if stats.errors else '未知'}）{card}", details
        if stats.ok < stats.runs:
            return Status.WARN, f"{stats.runs}次读卡失败{stats.runs - stats.ok}次{card}", details
        return Status.OK, f"读卡{stats.runs}次，平均{stats.mean_ms:.0f} ms{card}", details

    return [Check("card.readers", "读卡器", readers, timeout_s=8),
            Check("card.read", "读卡测试", read, timeout_s=max(10.0, runs * 6.0))]
