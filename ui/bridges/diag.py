"""The diagnostic screen's backend (``diag`` in QML): technician login, panels, tickets, APDU console,
touch grid, test page and the demo's "unplug". Thin: the work is ``ui.diag.service.DiagService``, run on a
one-thread pool so the UI thread never waits on a device, the disk or the network."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, QThreadPool, Signal, Slot

from kiosk.errors import UserFacingError
from ui.diag.monitor import HealthMonitor
from ui.diag.rig import DEVICE_TITLES
from ui.diag.service import PANELS, DiagService
from ui.i18n import tr, tr_rows

from .jobs import run_async

log = logging.getLogger(__name__)

Authenticate = Callable[[str, str], Any]  # (username, password) → account with .role and .actor_ref; raises


class DiagBridge(QObject):
    changed = Signal()
    _done = Signal(object)
    _failed = Signal(str)

    def __init__(self, service: DiagService, authenticate: Authenticate | None, *, demo: bool = False,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self._authenticate = authenticate
        self._demo = demo
        self._technician = ""
        self._busy = False
        self._message = ""
        self._apdu_lines: list[str] = []
        self._broken: set[str] = set()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one job at a time: the checks already run in parallel inside
        self._done.connect(self._finish)
        self._failed.connect(self._fail)
        self.monitor: HealthMonitor | None = None

    # --- properties ----------------------------------------------------------------------------------
    technician = Property(str, lambda s: s._technician, notify=changed)
    busy = Property(bool, lambda s: s._busy, notify=changed)
    message = Property(str, lambda s: tr(s._message), notify=changed)
    panels = Property("QVariantList", lambda s: tr_rows(s.service.panels(), "title"), notify=changed)
    touchCells = Property("QVariantList", lambda s: s.service.touch.cells(), notify=changed)
    touchColumns = Property(int, lambda s: s.service.touch.cols, constant=True)
    apduLog = Property(str, lambda s: "\n".join(s._apdu_lines[-8:]), notify=changed)
    demoDevices = Property("QVariantList", lambda s: sorted(s.service.demo_faults()) if s._demo else [],
                           constant=True)
    broken = Property("QVariantList", lambda s: sorted(s._broken), notify=changed)
    deviceTitles = Property("QVariantMap", lambda _s: {k: tr(v) for k, v in DEVICE_TITLES.items()}, constant=True)  # noqa: N815

    # --- login ---------------------------------------------------------------------------------------
    @Slot(str, str)
    def login(self, username: str, password: str) -> None:
        if self._authenticate is None:
            self._set_message("本终端未设置技术员账号（kiosk user add --role technician）")
            return

        def work():
            account = self._authenticate(username.strip(), password)
            if getattr(account.role, "value", account.role) not in ("technician", "admin"):
                raise UserFacingError("该账号没有设备诊断权限", detail=f"role {account.role}", code="role")
            return ("login", account.actor_ref)

        self._start(work, "正在验证…")

    @Slot()
    def logout(self) -> None:
        self._technician = ""
        self._apdu_lines.clear()
        self.service.touch.reset()
        self._set_message("")

    # --- checks --------------------------------------------------------------------------------------
    @Slot()
    def runAll(self) -> None:  # noqa: N802 (Qt naming)
        self._start(lambda: ("report", self.service.run(PANELS)), "正在检测全部设备…")

    @Slot(str)
    def runPanel(self, device: str) -> None:  # noqa: N802
        self._start(lambda: ("report", self.service.run([device])), "正在检测…")

    @Slot(str, str)
    def fileTicket(self, device: str, symptom: str) -> None:  # noqa: N802
        self._start(lambda: ("ticket", self.service.file_ticket(device, symptom, self._technician)), "正在保存工单…")

    @Slot(str)
    def sendApdu(self, text: str) -> None:  # noqa: N802
        self._start(lambda: ("apdu", self.service.apdu(text)), "正在发送…")

    @Slot()
    def printTestPage(self) -> None:  # noqa: N802
        self._start(lambda: ("printed", self.service.print_test_page()), "正在打印测试页…")

    @Slot(int)
    def touchCell(self, index: int) -> None:  # noqa: N802
        if self.service.touch.touch(index):
            self.changed.emit()

    @Slot()
    def resetTouch(self) -> None:  # noqa: N802
        self.service.touch.reset()
        self.changed.emit()

    @Slot(str)
    def toggleDevice(self, device: str) -> None:  # noqa: N802
        """Demo only: pull a virtual device out, or put it back."""
        faults = self.service.demo_faults() if self._demo else {}
        if device not in faults:
            return
        pull, put_back = faults[device]
        if device in self._broken:
            put_back()
            self._broken.discard(device)
        else:
            pull()
            self._broken.add(device)
        self.runPanel(device)

    # --- plumbing --------------------------------------------------------------------------------------
    def _start(self, work: Callable[[], tuple[str, Any]], label: str) -> None:
        if self._busy:
            return
        self._busy, self._message = True, label
        self.changed.emit()
        run_async(self._pool, work, self._done.emit, self._failed.emit)

    def _finish(self, outcome: tuple[str, Any]) -> None:
        kind, value = outcome
        self._busy = False
        if kind == "login":
            self._technician, self._message = value, ""
        elif kind == "report":
            self._message = "检测完成：全部正常" if value.ok else "检测完成：有故障，请查看红色项目"
        elif kind == "ticket":
            self._message = f"故障工单已保存，编号 {value.acceptance_no}，联网后自动上报县平台"
        elif kind == "apdu":
            self._apdu_lines.append(f"> {value.command}\n< {value.response} {value.sw}  ({value.ms:.0f} ms)")
            self._message = ""
        elif kind == "printed":
            self._message = value.message
        self.changed.emit()

    def _fail(self, message: str) -> None:
        self._busy = False
        self._message = message
        self.changed.emit()

    def _set_message(self, text: str) -> None:
        self._message = text
        self.changed.emit()

    def start_monitor(self, is_idle: Callable[[], bool]) -> HealthMonitor:
        """Idle self-checks every ``[diag] health_interval_s``; faults reach the home screen as events."""
        service = self.service
        self.monitor = HealthMonitor(service.monitor_checks, service.parts.events,
                                     period_s=service.config.diag.health_interval_s, is_idle=is_idle,
                                     on_failure=service.auto_ticket)
        self.monitor.start()
        return self.monitor

    def stop(self) -> None:
        if self.monitor is not None:
            self.monitor.stop()
        self._pool.waitForDone(30_000)


def make_diag_bridge(parts: Any, config: Any, data_dir, events, printer_bridge: Any = None) -> DiagBridge:
    """For ui/app.py: the diagnostic screen over the devices the app already owns (no second handle)."""
    from pathlib import Path

    from kiosk.accounts import AccountStore
    from kiosk.accounts.cli import ACCOUNTS_DB
    from ui.diag.rig import app_parts

    diag_parts = app_parts(events, card=parts.card_reader, camera=parts.camera, pad=parts.sigpad,
                           pad_port=config.sigpad.port if config.sigpad.driver == "serial" else "",
                           printer_worker=getattr(printer_bridge, "worker", None), store=parts.store)
    authenticate = None
    accounts_file = Path(data_dir) / ACCOUNTS_DB
    if accounts_file.exists():
        accounts = AccountStore(accounts_file, audit=parts.store.audit if parts.store is not None else None)
        parts.extra_closers.append(accounts.close)
        authenticate = accounts.authenticate
    return DiagBridge(DiagService(diag_parts, config, Path(data_dir)), authenticate, demo=config.kiosk.demo)
