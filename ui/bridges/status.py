"""Queue, sync and device state in plain words for the top bar, and which services are unavailable."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.events import DeviceStateChanged, EventHub, QueueChanged, SyncProgress

DEVICE_WORDS = {"card": "读卡器", "camera": "高拍仪", "sigpad": "签名板", "printer": "打印机"}
# For the card reader, "error" means the card in the slot could not be read: the reader itself is fine.
READER_FAULTS = {"card": {"no_reader", "absent", "stopped"}}
# A sync reason that asks for the administrator is the technician's business (ui/diag and the log have it);
# the villager is told what is true for them instead.
TECHNICIAN_ONLY = "请联系管理员"
KEPT_HERE = "办件先保存在本机，联网后自动上报"


def is_fault(event: DeviceStateChanged) -> bool:
    faults = READER_FAULTS.get(event.device)
    return event.state in faults if faults is not None else bool(event.message)


class StatusBridge(QObject):
    changed = Signal()
    _event = Signal(object)

    def __init__(self, events: EventHub, parent: QObject | None = None):
        super().__init__(parent)
        self.online: bool | None = None
        self.waiting = 0
        self.reason = ""
        self.failed_devices: dict[str, str] = {}
        self._event.connect(self._apply)
        self._unsubs = [events.subscribe(t, self._event.emit) for t in (QueueChanged, SyncProgress, DeviceStateChanged)]

    def _apply(self, event: object) -> None:
        if isinstance(event, QueueChanged):
            self.waiting = event.queued + event.sent
        elif isinstance(event, SyncProgress):
            self.online, self.reason = event.online, event.reason
            self.waiting = max(0, event.total - event.sent)
        elif isinstance(event, DeviceStateChanged):
            if is_fault(event):
                self.failed_devices[event.device] = event.message or event.state
            else:
                self.failed_devices.pop(event.device, None)
        self.changed.emit()

    def text(self) -> str:
        if self.online is None:
            line = "本机办理，数据保存在本机"
        elif self.online:
            line = "网络正常"
        elif TECHNICIAN_ONLY in self.reason:  # not enrolled, revoked, certificate: the diagnostic screen says so
            line = KEPT_HERE
        else:
            line = self.reason or "网络未连接"
        if self.waiting:
            line += f"，{self.waiting} 件待上传" + ("" if self.online or line == KEPT_HERE else "，联网后自动上传")
        return line

    def unavailable(self) -> str:
        return "；".join(f"{DEVICE_WORDS.get(d, d)}暂不可用" for d in sorted(self.failed_devices))

    def close(self) -> None:
        for unsubscribe in self._unsubs:
            unsubscribe()
