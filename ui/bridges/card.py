"""The card reader's events as Qt signals, and the PIN check on a worker.

Card events are matched by class name (``CardReading``/``CardInserted``/``CardRemoved``/``CardReadFailed``
from drivers.card.events), so the UI does not depend on the driver's module layout.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from kiosk.events import DeviceStateChanged, EventHub

from .jobs import run_async

# What to do next, per error code; the message itself comes from the driver's UserFacingError.
ADVICE = {
    "no_card": "请把社保卡芯片朝上插到底。",
    "mute": "请拔出卡片，擦一擦芯片后重新插入。",
    "not_sscard": "这不是社保卡，请插入您的社会保障卡。",
    "blocked": "密码已锁定，请带身份证到窗口解锁。",
    "removed": "读卡时卡被拔出，请重新插入，读完前不要拔卡。",
    "psam": "本终端暂不能读取第三代社保卡的这项信息，请到窗口办理。",
    "reader": "读卡器故障，请联系工作人员。",
    "bad_data": "请擦一擦芯片后重新插卡；如果还不行，请到窗口办理。",
    "auth_failed": "请拔出卡片，到窗口办理。",
    "not_genuine": "请带身份证到窗口核实这张卡。",
    "hsm_refused": "请稍后重新插卡；如果还不行，请到窗口办理。",
}
# a third-generation card read while the county's crypto service is out of reach (drivers.card.gen3)
OFFLINE_IDENTITY_SENTENCE = "网络暂时不通，请输入您的身份证号码，县里核对后生效。"  # ConfirmId.qml says the same
DEFAULT_ADVICE = "请重新插卡；如果还不行，请到窗口办理。"


class CardBridge(QObject):
    reading = Signal()
    inserted = Signal(object)  # kiosk.domain.Holder
    removed = Signal()
    failed = Signal(str, str, str)  # code, message, advice
    pinChecked = Signal(bool, str)  # ok, plain-Chinese message (tries left)
    deviceFailed = Signal(str)
    authenticating = Signal()  # a 3.0 card: the round trip to the county crypto service has started
    identityToConfirm = Signal(str)  # the offline fallback: the plain sentence to show with the ID entry

    def __init__(self, reader: Any | None, events: EventHub, parent: QObject | None = None):
        super().__init__(parent)
        self.reader = reader
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._unsubscribe = events.subscribe(object, self._on_event)  # runs on the card thread

    def _on_event(self, event: object) -> None:
        name = type(event).__name__
        if name == "CardReading":
            self.reading.emit()
        elif name == "CardAuthenticating":
            self.authenticating.emit()
        elif name == "CardInserted":
            if not getattr(event.holder, "identity_confirmed", True):
                self.identityToConfirm.emit(OFFLINE_IDENTITY_SENTENCE)
            self.inserted.emit(event.holder)
        elif name == "CardRemoved":
            self.removed.emit()
        elif name == "CardReadFailed":
            code = str(getattr(event, "code", "") or "error")
            message = str(getattr(event, "message", "") or "读卡失败")
            self.failed.emit(code, message, ADVICE.get(code, DEFAULT_ADVICE))
        elif isinstance(event, DeviceStateChanged) and event.device == "card" and event.message:
            self.deviceFailed.emit(event.message)

    def verify_pin(self, pin: str) -> None:
        if self.reader is None or not hasattr(self.reader, "verify_pin"):
            self.pinChecked.emit(False, "读卡器暂不能校验密码，请到窗口办理")
            return

        def check() -> tuple[bool, str]:
            result = self.reader.verify_pin(pin)
            ok = bool(getattr(result, "ok", result))
            left = getattr(result, "tries_left", None)
            return ok, "" if ok else (f"密码不对，还可以再试 {left} 次" if left is not None else "密码不对")

        run_async(self._pool, check, lambda r: self.pinChecked.emit(*r), lambda m: self.pinChecked.emit(False, m))

    def close(self) -> None:
        self._unsubscribe()
        self._pool.waitForDone(3000)
