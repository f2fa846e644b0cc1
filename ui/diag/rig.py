"""The devices a diagnostic run needs, built from config, and the full list of checks in screen order.

``kiosk diag`` builds its own parts (the kiosk app is not running over SSH); the app's diagnostic screen and
health monitor pass the parts the app already owns, so a check never opens a second handle on a device.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import diag
from kiosk.config import Config
from kiosk.errors import UserFacingError
from kiosk.events import EventHub

from .card_checks import PresenceCounter, card_checks
from .pad_checks import pad_checks

log = logging.getLogger(__name__)

DEVICES = ("card", "camera", "sigpad", "printer", "audio", "sync", "storage")
DEVICE_TITLES = {"card": "读卡器", "camera": "高拍仪", "sigpad": "签名板", "printer": "打印机", "audio": "语音",
                 "sync": "网络与同步", "storage": "存储", "touch": "触摸屏"}
# the software's first release: a clock before it is certainly wrong
NOT_BEFORE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@dataclass
class DiagParts:
    """What the checks run against. Any device may be None (not configured, or failed to open)."""

    events: EventHub
    card: Any = None  # drivers.card.base.CardReader
    camera: Any = None  # the app's drivers.camera.process.CameraProcess, or a DocumentCamera (kiosk diag)
    virtual_camera: Any = None  # its virtual source's controls, for the demo's "unplug"
    pad: Any = None  # drivers.sigpad.base.Sigpad
    pad_scribble: Callable[[float], bool] | None = None
    pad_port: str = ""  # a real pad's serial port; empty for the virtual pad
    printer_worker: Any = None  # drivers.printer.worker.PrinterWorker
    store: Any = None  # kiosk.store.Store
    presence: PresenceCounter | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        while self.closers:
            try:
                self.closers.pop()()
            except Exception:  # closing one device must not keep the others open
                log.exception("closing a diagnostic part failed")


def parse_only(text: str | None) -> set[str]:
    if not text:
        return set(DEVICES)
    wanted = {w.strip() for w in text.split(",") if w.strip()}
    unknown = wanted - set(DEVICES)
    if unknown:
        raise UserFacingError(f"未知的检测项：{', '.join(sorted(unknown))}",
                              detail=f"known: {', '.join(DEVICES)}", code="diag_only")
    return wanted


def build_parts(config: Config, data_dir: Path, events: EventHub, wanted: Iterable[str] = DEVICES) -> DiagParts:
    """Open the configured devices for a headless run; a device that fails to open is left None (its check
    then reports it) and the failure is published as DeviceStateChanged."""
    wanted = set(wanted)
    parts = DiagParts(events)
    if "card" in wanted and config.card.driver != "none":
        _try(parts, "card", lambda: _card(parts, config))
    if "camera" in wanted and config.camera.driver != "none":
        _try(parts, "camera", lambda: _camera(parts, config))
    if "sigpad" in wanted and config.sigpad.driver != "glass":
        _try(parts, "sigpad", lambda: _pad(parts, config))
    if "printer" in wanted and config.printer.driver != "none":
        _try(parts, "printer", lambda: _printer(parts, config, data_dir))
    if wanted & {"storage", "sync"}:
        _try(parts, "storage", lambda: _store(parts, config, data_dir))
    return parts


def _try(parts: DiagParts, device: str, make: Callable[[], None]) -> None:
    from kiosk.events import DeviceStateChanged

    try:
        make()
    except UserFacingError as exc:
        log.warning("%s unavailable for diagnostics: %s", device, exc.detail)
        parts.events.publish(DeviceStateChanged(device, "error", exc.message))


def _card(parts: DiagParts, config: Config) -> None:
    from drivers.card.factory import make_card_reader

    parts.presence = PresenceCounter(parts.events)
    parts.card = make_card_reader(config.card, parts.events)
    if parts.card is not None:
        parts.card.start()
        parts.closers.append(parts.card.stop)


def _camera(parts: DiagParts, config: Config) -> None:
    from drivers.camera.service import DocumentCamera

    section = config.camera
    if section.driver == "virtual":
        from drivers.camera.virtual import VirtualCamera

        source = parts.virtual_camera = VirtualCamera()
        source.show_document("a4")
    else:
        from drivers.camera.opencv_source import OpenCVSource

        source = OpenCVSource(section.device, width=section.width, height=section.height,
                              still_width=section.still_width, still_height=section.still_height,
                              autofocus=section.autofocus)
    parts.camera = DocumentCamera(source, parts.events)
    parts.closers.append(parts.camera.close)


def _pad(parts: DiagParts, config: Config) -> None:
    if config.sigpad.driver == "virtual":
        from drivers.sigpad.virtual import VirtualSigpad

        pad = VirtualSigpad(parts.events)
        parts.pad, parts.pad_scribble = pad, virtual_scribble(pad)
    else:
        from drivers.sigpad.serial_pad import SerialSigpad

        parts.pad, parts.pad_port = SerialSigpad(config.sigpad, parts.events), config.sigpad.port
    parts.closers.append(parts.pad.close)


def _printer(parts: DiagParts, config: Config, data_dir: Path) -> None:
    from drivers.printer.service import make_printer
    from drivers.printer.worker import PrinterWorker

    printer = make_printer(config.printer, data_dir)
    if printer is not None:
        parts.printer_worker = PrinterWorker(printer)
        parts.closers.append(parts.printer_worker.close)


def _store(parts: DiagParts, config: Config, data_dir: Path) -> None:
    from kiosk.store import open_store

    parts.store = open_store(data_dir, config, parts.events)
    parts.closers.append(parts.store.close)


def storage_checks(store, data_dir: Path, config: Config, *, now: Callable[[], float] = time.time) -> list[diag.Check]:
    checks = [diag.free_space_check(data_dir, config.store.min_free_mb)]
    if store is None:
        no_store = (diag.Status.FAIL, "终端数据库无法打开（未初始化？）", {"hint": "kiosk init"})
        return [*checks, diag.Check("storage.integrity", "数据库完整性", lambda: no_store)]

    def newest_item_time() -> str | None:
        items = store.list_items(limit=1)
        return items[0].created_at if items else None

    return [*checks, diag.integrity_check(store), diag.audit_check(store),
            diag.clock_check(now, not_before=NOT_BEFORE, last_seen=newest_item_time)]


def all_checks(parts: DiagParts, config: Config, data_dir: Path, wanted: Iterable[str] = DEVICES, *,
               network: Callable[[], list[diag.Check]] | None = None) -> list[diag.Check]:
    """Every check of the wanted devices, in the order of the screen's panels."""
    wanted = set(wanted)
    section = config.diag
    makers: dict[str, Callable[[], list[diag.Check]]] = {
        "card": lambda: card_checks(parts.card, configured=config.card.reader if config.card.driver == "pcsc" else "",
                                    runs=section.card_read_runs, presence=parts.presence),
        "camera": lambda: _camera_checks(parts, section.camera_window_s),
        "sigpad": lambda: pad_checks(parts.pad, parts.events, scribble=parts.pad_scribble, port=parts.pad_port),
        "printer": lambda: _printer_checks(parts),
        "audio": _audio_checks,
        "sync": lambda: [*(network() if network else _network_checks(data_dir, section.cert_warn_days)),
                         *([diag.queue_check(parts.store)] if parts.store is not None else [])],
        "storage": lambda: storage_checks(parts.store, data_dir, config),
    }
    return [check for device in DEVICES if device in wanted for check in makers[device]()]


# The check modules below import cv2+numpy (45 MB), reportlab (15 MB) and requests: loaded by the first run that
# wants them (the diagnostic screen, the health monitor's thread), not by the app's start-up (issue 8).
def _camera_checks(parts: DiagParts, window_s: float) -> list[diag.Check]:
    from .camera_checks import camera_checks

    return camera_checks(parts.camera, window_s=window_s)


def _printer_checks(parts: DiagParts) -> list[diag.Check]:
    from .printer_checks import printer_checks

    return printer_checks(parts.printer_worker)


def _audio_checks() -> list[diag.Check]:
    from .printer_checks import audio_checks

    return audio_checks()


def _network_checks(data_dir: Path, cert_warn_days: int) -> list[diag.Check]:
    from .network_checks import network_checks

    return network_checks(data_dir, cert_warn_days=cert_warn_days)


def app_parts(events: EventHub, *, card=None, camera=None, pad=None, pad_port: str = "", printer_worker=None,
              store=None) -> DiagParts:
    """DiagParts over devices someone else opened and will close (the app): nothing is added to close."""
    from drivers.sigpad.virtual import VirtualSigpad

    parts = DiagParts(events, card=card, camera=camera, pad=pad, printer_worker=printer_worker, store=store)
    if getattr(camera, "virtual", None) is not None:  # the app's camera process over a virtual camera
        parts.virtual_camera = camera.virtual
    elif camera is not None and "drivers.camera.virtual" in sys.modules:  # an in-process one (tests, tools)
        from drivers.camera.virtual import VirtualCamera

        source = getattr(camera, "source", None)
        if isinstance(source, VirtualCamera):
            parts.virtual_camera = source
    if isinstance(pad, VirtualSigpad):
        parts.pad_scribble = virtual_scribble(pad)
    elif pad is not None:
        parts.pad_port = pad_port
    if card is not None:
        parts.presence = PresenceCounter(events)
    return parts


def virtual_scribble(pad) -> Callable[[float], bool]:
    """The draw test's pen for a virtual pad: writes 十 (two strokes: enough for rate and pressure, quick)."""

    def scribble(timeout: float) -> bool:
        pad.sign("十")
        return pad.wait_idle(timeout)

    return scribble
