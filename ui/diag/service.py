"""What the diagnostic screen does, without Qt: run a panel's checks, keep the last report, file tickets,
the APDU console, the test page, the touch grid, and (on virtual devices) pulling a device out for the demo.

``ui.bridges.diag`` wraps it for QML and runs its blocking calls off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk.config import Config
from kiosk.diag import Check, Report, run_checks

from .card_checks import ApduExchange, apdu_console
from .rig import DEVICE_TITLES, DEVICES, DiagParts, all_checks
from .tickets import file_ticket
from .touch import TouchGrid

PANELS = (*DEVICES, "touch")
# what the idle monitor runs: cheap, and never a device a villager could start using mid-check (no camera
# preview, no card read, no pad draw); the drivers report those devices' faults themselves
MONITOR_CHECKS = frozenset({"card.readers", "printer.status", "storage.free_space", "storage.clock", "sync.link",
                            "sync.hub", "sync.queue"})


class DiagService:
    def __init__(self, parts: DiagParts, config: Config, data_dir: Path, *,
                 network: Callable[[], list[Check]] | None = None):
        self.parts, self.config, self.data_dir = parts, config, Path(data_dir)
        self._network = network
        self.touch = TouchGrid()
        self._lock = threading.Lock()
        self._results: dict[str, object] = {}  # check_id → CheckResult, the latest of each

    def checks(self, devices: Iterable[str]) -> list[Check]:
        wanted = set(devices)
        checks = all_checks(self.parts, self.config, self.data_dir, wanted & set(DEVICES), network=self._network)
        return [*checks, self.touch.check()] if "touch" in wanted else checks

    def monitor_checks(self) -> list[Check]:
        return [c for c in self.checks(("card", "printer", "storage", "sync")) if c.check_id in MONITOR_CHECKS]

    def auto_ticket(self, device: str, symptom: str, report: Report) -> None:
        """The health monitor's fault sink: a ticket per newly failing device, when config allows."""
        if self.config.diag.auto_ticket and self.parts.store is not None:
            kiosk = self.config.kiosk
            file_ticket(self.parts.store, device, symptom, report, source="auto", village=kiosk.village,
                        terminal=kiosk.device_name)

    def run(self, devices: Iterable[str] = PANELS) -> Report:
        report = run_checks(self.checks(devices))
        with self._lock:
            self._results.update({r.check_id: r for r in report.results})
        return report

    def report(self) -> Report:
        """Everything checked so far in this visit, one result per check (the latest)."""
        with self._lock:
            results = tuple(sorted(self._results.values(), key=lambda r: _panel_order(r.check_id)))
        return Report(results, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    def panels(self) -> list[dict]:
        """One entry per panel for the screen: title, worst status, the checks' lines."""
        with self._lock:
            results = list(self._results.values())
        out = []
        for device in PANELS:
            mine = sorted((r for r in results if r.device == device), key=lambda r: _panel_order(r.check_id))
            worst = max((r.status for r in mine), key=_severity, default=None)
            out.append({"device": device, "title": DEVICE_TITLES[device], "status": worst.value if worst else "",
                        "lines": [{"title": r.title, "status": r.status.value, "summary": r.summary} for r in mine]})
        return out

    def file_ticket(self, device: str, symptom: str, technician_ref: str = ""):
        if self.parts.store is None:
            from kiosk.errors import StorageError

            raise StorageError("数据库无法打开，工单未保存", detail="no store in the diagnostic parts")
        kiosk = self.config.kiosk
        return file_ticket(self.parts.store, device, symptom, self.report(), source="technician",
                           village=kiosk.village, terminal=kiosk.device_name, technician_ref=technician_ref)

    def apdu(self, text: str) -> ApduExchange:
        from drivers.card.base import NoReader

        if self.parts.card is None:
            raise NoReader(detail="no card reader configured")
        return apdu_console(self.parts.card, text)

    def print_test_page(self):
        from .printer_checks import print_test_page

        kiosk = self.config.kiosk
        return print_test_page(self.parts.printer_worker, device_name=kiosk.device_name, county=kiosk.county,
                               paper_width_mm=self.config.printer.paper_width_mm)

    # --- the demo: pull a virtual device out, put it back ------------------------------------------
    def demo_faults(self) -> dict[str, tuple[Callable[[], None], Callable[[], None]]]:
        """device → (break, repair) for the devices that are virtual here."""
        faults = {}
        camera = self.parts.virtual_camera
        if camera is not None:
            faults["camera"] = (camera.unplug, camera.replug)
        pad = self.parts.pad
        if pad is not None and hasattr(pad, "go_silent"):
            faults["sigpad"] = (pad.unplug, pad.plug_in)
        worker = self.parts.printer_worker
        printer = getattr(worker, "printer", None)
        if printer is not None and hasattr(printer, "set_state"):
            from drivers.printer.base import PrinterState

            faults["printer"] = (lambda: printer.set_state(PrinterState.OFFLINE),
                                 lambda: printer.set_state(PrinterState.READY))
        return faults


_SEVERITY = {"skip": 0, "ok": 1, "warn": 2, "fail": 3}


def _severity(status) -> int:
    return _SEVERITY[status.value]


def _panel_order(check_id: str) -> tuple[int, str]:
    device = check_id.split(".", 1)[0]
    return (PANELS.index(device) if device in PANELS else len(PANELS), check_id)
