"""The kiosk as QML sees it (``kiosk`` in QML): which screen is up, the villager's session, the idle
watch, and the steps of one 办件. Devices, store and catalog come in from ui/app.py; every slow call
goes through a bridge and comes back as a signal, so nothing here blocks the UI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.domain import Holder
from kiosk.errors import UserFacingError
from kiosk.session import CitizenSession, IdlePolicy, IdleState, IdleTimer
from ui import flow
from ui.bridges.card import CardBridge
from ui.bridges.qr import ReceiptSigner
from ui.bridges.status import StatusBridge
from ui.bridges.store import StoreBridge
from ui.capture import CaptureController
from ui.card_session import CardSession
from ui.i18n import tr, tr_rows

log = logging.getLogger(__name__)

REVIEW_WORDS = {"（未填写）", "已拍照", "未拍照", "已签名", "未签名", "签名"}  # ui.flow.review_rows
BACK = {"Services": "Home", "Info": "Home", "Notice": "Services", "Pin": "Notice", "Form": "Notice",
        "Rating": "Home", "Card": "Home"}


@dataclass
class Devices:
    """Everything the controller talks to; built by ui/app.py (the one composition root)."""

    config: Any
    catalog: Any  # ui.catalog_view.CatalogView
    card: CardBridge
    store: StoreBridge
    status: StatusBridge
    speaker: Any  # ui.speech.Speaker
    camera: Any = None  # ui.bridges.camera.CameraBridge
    sigpad: Any = None  # ui.bridges.sigpad.SigpadBridge
    printer: Any = None  # ui.bridges.printer.PrinterBridge
    info: Any = None  # ui.info.InfoSource
    temp_root: str | None = None
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], dt.datetime] = dt.datetime.now
    pseudonym: Callable[[str], str] = lambda _id: ""


class KioskController(QObject):
    screenChanged = Signal()
    modeChanged = Signal()
    cardChanged = Signal()
    catalogChanged = Signal()
    formChanged = Signal()
    errorsChanged = Signal()
    receiptChanged = Signal()
    idleChanged = Signal()
    statusChanged = Signal()
    busyChanged = Signal()
    sessionEnded = Signal(str)  # reason; tests and the benchmark wait on it

    def __init__(self, devices: Devices, parent: QObject | None = None):
        super().__init__(parent)
        self.d = devices
        cfg = devices.config
        self._screen = "Home"
        self._elder = bool(cfg.kiosk.elder_mode_default)
        self._voice = bool(cfg.kiosk.voice_default)
        self.d.speaker.enabled = self._voice
        self.session: CitizenSession | None = None
        self._idle: IdleTimer | None = None
        self._idle_left = 0
        self._category_key, self._services, self._searching = "social", [], False
        self._service: Any = None
        self._fields: list[dict] = []
        self._errors: dict[str, str] = {}
        self._form_page = 0
        self._pin_message = ""
        self._receipt: dict = {}
        self._receipt_at = 0.0
        self._print_status = ""
        self._submit_error = ""
        self._busy = False
        self._notice = ""
        self._info_kind = "policy"
        self.assist: Any = None  # ui.bridges.assist.AssistBridge (帮办), attached by the clerk bridge's factory
        self.spoken: dict[str, str] = {}  # screen → last prompt, for the accessibility walker
        self.shown_screen = ""  # the screen QML last put on show (ui.tour.wait_shown)
        self.capture = CaptureController(devices.camera, devices.sigpad, devices.speaker, session=lambda: self.session,
                                         service=lambda: self._service, next_step=self._next_step, parent=self)
        self.card_session = CardSession(self, parent=self)  # card in the slot, greeting, typed ID, removal
        self.card_session.changed.connect(self.cardChanged)
        self.receipt_signer = ReceiptSigner(self)  # the QR's SM2 signature, off the UI thread
        self._wire()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()

    def _wire(self) -> None:
        d = self.d
        d.card.pinChecked.connect(self._on_pin_checked)
        d.store.saved.connect(self._on_saved)
        d.store.failed.connect(self._on_save_failed)
        self.receipt_signer.signed.connect(self._on_receipt_signed)
        d.status.changed.connect(self.statusChanged)
        d.speaker.notice.connect(self._set_notice)
        if d.printer is not None:
            d.printer.done.connect(self._on_printed)

    # --- properties QML binds to ----------------------------------------------------------------
    screen = Property(str, lambda s: s._screen, notify=screenChanged)
    greeting = Property(str, lambda s: s.card_session.greeting(), notify=cardChanged)
    maskedName = Property(str, lambda s: s.card_session.masked_name(), notify=cardChanged)
    hasCard = Property(bool, lambda s: s.card_session.has_card, notify=cardChanged)
    cardState = Property(str, lambda s: s.card_session.state, notify=cardChanged)
    cardMessage = Property(str, lambda s: tr(s.card_session.message), notify=cardChanged)
    cardAdvice = Property(str, lambda s: tr(s.card_session.advice), notify=cardChanged)
    pendingService = Property(str, lambda s: s.card_session.pending_service, notify=cardChanged)
    pinMessage = Property(str, lambda s: tr(s._pin_message), notify=formChanged)
    identitySentence = Property(str, lambda s: tr(s.card_session.identity_sentence), notify=cardChanged)
    identityMessage = Property(str, lambda s: tr(s.card_session.identity_message), notify=cardChanged)
    statusText = Property(str, lambda s: tr(s.d.status.text()), notify=statusChanged)
    unavailableText = Property(str, lambda s: tr(s.d.status.unavailable()), notify=statusChanged)
    notice = Property(str, lambda s: tr(s._notice), notify=statusChanged)
    catalogReady = Property(bool, lambda s: s.d.catalog.ready, notify=catalogChanged)
    categoryTitle = Property(str, lambda s: tr(flow.category_title(s._category_key, s._searching)),
                             notify=catalogChanged)
    services = Property("QVariantList", lambda s: s._services, notify=catalogChanged)
    service = Property("QVariantMap", lambda s: flow.service_dict(s._service) if s._service else {},
                       notify=catalogChanged)
    fields = Property("QVariantList", lambda s: s._fields, notify=formChanged)
    formErrors = Property("QVariantMap", lambda s: {k: tr(v) for k, v in s._errors.items()}, notify=errorsChanged)
    formPage = Property(int, lambda s: s._form_page, notify=formChanged)
    formPerPage = Property(int, lambda s: s._form_per_page(), notify=modeChanged)
    reviewRows = Property("QVariantList", lambda s: s._review_rows(), notify=formChanged)
    submitError = Property(str, lambda s: tr(s._submit_error), notify=busyChanged)
    receipt = Property("QVariantMap", lambda s: s._receipt, notify=receiptChanged)
    printStatus = Property(str, lambda s: tr(s._print_status), notify=receiptChanged)
    canUndo = Property(bool, lambda s: s._can_undo(), notify=receiptChanged)
    idleSecondsLeft = Property(int, lambda s: s._idle_left, notify=idleChanged)
    busy = Property(bool, lambda s: s._busy, notify=busyChanged)
    homeTiles = Property("QVariantList", lambda s: tr_rows(flow.home_tiles(s.d.catalog.ready), "title", "hint"),
                         notify=statusChanged)
    infoTitle = Property(str, lambda s: tr("招聘信息" if s._info_kind == "jobs" else "政策和通知"),
                         notify=catalogChanged)
    infoItems = Property("QVariantList", lambda s: s._info()[0], notify=catalogChanged)
    infoAge = Property(str, lambda s: tr(s._info()[1]), notify=catalogChanged)

    def _get_elder(self) -> bool:
        return self._elder

    def _set_elder(self, on: bool) -> None:
        if on != self._elder:
            self._elder = on
            if self._idle is not None:
                self._idle.policy = self._policy()
            self.modeChanged.emit()

    elderMode = Property(bool, _get_elder, _set_elder, notify=modeChanged)

    def _get_voice(self) -> bool:
        return self._voice

    def _set_voice(self, on: bool) -> None:
        if on != self._voice:
            self._voice = on
            self.d.speaker.enabled = on
            if not on:
                self.d.speaker.stop()
            self.modeChanged.emit()

    voiceOn = Property(bool, _get_voice, _set_voice, notify=modeChanged)

    # --- navigation -------------------------------------------------------------------------------
    def _go(self, screen: str) -> None:
        if screen == self._screen:
            return
        leaving = self._screen
        self._screen = screen
        if leaving in ("Materials", "Signature"):
            self.capture.leave()
        self.capture.active = screen == "Materials"
        if screen == "Materials":
            self.capture.enter_materials()
        if screen == "Signature":
            self.capture.enter_signature()
        self.screenChanged.emit()

    @Slot(str, str)
    def screenShown(self, name: str, speech: str) -> None:  # noqa: N802 (called from QML)
        if name == self._screen:  # QML builds a screen after _go returns (Main.qml): this one is up now
            self.shown_screen = name  # (the query and clerk layers report theirs here too)
        self.spoken[name] = speech
        self.d.speaker.say(speech)

    @Slot(str)
    def speak(self, text: str) -> None:
        self.d.speaker.say(text)

    @Slot()
    def replay(self) -> None:
        self.d.speaker.replay()

    @Slot()
    def openDiag(self) -> None:  # noqa: N802 (technician: long press on the card panel's corner)
        if self.session is None:
            self._go("Diag")

    @Slot()
    def goHome(self) -> None:  # noqa: N802
        if self.session is not None and not self.card_session.has_card:
            self.endSession("logout")
            return
        if self.session is not None:
            self.session.clear_service()
        self._service = None
        self._go("Home")

    @Slot()
    def back(self) -> None:
        if self._screen == "Materials" and self.capture.back():
            return
        order = self._steps()
        if self._screen in order and order.index(self._screen) > 0:
            self._go(order[order.index(self._screen) - 1])
        else:
            self._go(BACK.get(self._screen, "Home"))

    def _steps(self) -> list[str]:
        return flow.steps(flow.service_dict(self._service) if self._service else {}, bool(self._fields))

    def _next_step(self) -> None:
        steps = self._steps()
        self._go(steps[steps.index(self._screen) + 1] if self._screen in steps else "Review")

    # --- home, catalog, notice --------------------------------------------------------------------
    @Slot(str)
    def openTile(self, key: str) -> None:  # noqa: N802
        if key == "policy":
            self._info_kind = "policy"
            self.catalogChanged.emit()
            self._go("Info")
        elif key == "rate":
            self._receipt = {}
            self._go("Rating")
        else:
            self._category_key, self._searching = key, False
            self._services = self._service_items(self.d.catalog.for_tile(key))
            if key == "jobs":
                self._services.insert(0, {"code": flow.JOBS_INFO_CODE, "name": tr("看招聘信息"), "available": True})
            self.catalogChanged.emit()
            self._go("Services")

    @Slot(str)
    def search(self, text: str) -> None:
        if text.strip():
            self._searching = True
            self._services = self._service_items(self.d.catalog.search(text.strip()))
        else:
            self._searching = False
            self._services = self._service_items(self.d.catalog.for_tile(self._category_key))
        self.catalogChanged.emit()

    def _service_items(self, services: list) -> list[dict]:
        return flow.service_items(services, set(self.d.status.failed_devices), camera=self.d.camera is not None)

    @Slot(str)
    def chooseService(self, code: str) -> None:  # noqa: N802
        if code == flow.JOBS_INFO_CODE:
            self._info_kind = "jobs"
            self.catalogChanged.emit()
            self._go("Info")
            return
        self._service = self.d.catalog.get(code)
        if self._service is None:
            return
        self.catalogChanged.emit()
        self._go("Notice")

    @Slot()
    def beginService(self) -> None:  # noqa: N802
        svc = flow.service_dict(self._service)
        if svc["needs_card"] and not self.card_session.has_card and not self._assisting():
            return
        if self.session is None:
            self._start_session(None)
        self.session.start_service(svc["code"])
        self._fields = flow.form_rows(self._service, {}, self.session.holder)
        self.session.form_values = {r["key"]: r["value"] for r in self._fields if r["value"]}
        self._errors, self._form_page, self._pin_message = {}, 0, ""
        self._submit_error = ""
        self.capture.reset()
        self.capture.prepare()
        self.formChanged.emit()
        self.errorsChanged.emit()
        self._go("Notice")  # ensures _next_step starts from the notice
        self._next_step()

    # --- card (the handlers live in ui/card_session.py) ----------------------------------------------
    def current_service(self) -> Any:
        return self._service

    def category_key(self) -> str:
        return self._category_key

    @Slot(str)
    def confirmIdentity(self, typed: str) -> None:  # noqa: N802
        self.card_session.confirm_identity(typed)

    @Slot()
    def afterGreeting(self) -> None:  # noqa: N802
        self.card_session.after_greeting()

    def serve(self, holder: Holder) -> None:
        """帮办: the clerk identified the villager and has their consent; the villager's session starts here."""
        if self.session is None or self.session.holder is None or self.session.holder.id_number != holder.id_number:
            self._wipe("assist_next", go_home=False)
            self._start_session(holder)
        self.cardChanged.emit()
        self.openTile("social")

    def _assisting(self) -> bool:
        return self.assist is not None and self.assist.active

    @Slot(str)
    def verifyPin(self, pin: str) -> None:  # noqa: N802
        self._set_busy(True)
        self.d.card.verify_pin(pin)

    def _on_pin_checked(self, ok: bool, message: str) -> None:
        self._set_busy(False)
        self._pin_message = message
        self.formChanged.emit()
        if ok and self.session is not None:
            self.session.pin_verified = True
            self._next_step()

    # --- session and idle --------------------------------------------------------------------------
    def _policy(self) -> IdlePolicy:
        return IdlePolicy.from_config(self.d.config.session, elder_mode=self._elder)

    def _start_session(self, holder: Holder | None) -> None:
        self.session = CitizenSession(holder, temp_root=self.d.temp_root)
        self._idle = IdleTimer(self._policy(), self.d.clock())

    @Slot()
    def userActivity(self) -> None:  # noqa: N802
        if self._idle is not None:
            self._idle.touch(self.d.clock())
        elif self._screen != "Home":
            self._idle = IdleTimer(self._policy(), self.d.clock())  # browsing without a card times out too

    @Slot()
    def extendSession(self) -> None:  # noqa: N802
        if self._idle is not None and not self._idle.extend(self.d.clock()):
            self.endSession("idle")
            return
        self._idle_left = 0
        self.idleChanged.emit()

    def _on_tick(self) -> None:
        if self._idle is None:
            return
        now = self.d.clock()
        state = self._idle.state(now)
        left = self._idle.seconds_left(now) if state is IdleState.WARNING else 0
        if state is IdleState.EXPIRED:
            self.endSession("idle")
        elif left != self._idle_left:
            self._idle_left = left
            self.idleChanged.emit()

    def stop(self) -> None:
        self._tick.stop()

    def check_idle(self) -> None:
        """The 1 s tick, callable directly (tests move an injected clock instead of waiting)."""
        self._on_tick()

    @Slot(str)
    def endSession(self, reason: str) -> None:  # noqa: N802
        self._wipe(reason, go_home=True)

    def _wipe(self, reason: str, *, go_home: bool) -> None:
        """Forget the villager everywhere: session, form, frames, ink, receipt, prompts, QML screen."""
        self.capture.reset()
        if self.session is not None:
            self.session.wipe()
        self.session, self._idle, self._idle_left = None, None, 0
        self._service, self._fields, self._errors = None, [], {}
        self._receipt, self._print_status, self._submit_error, self._pin_message = {}, "", "", ""
        self._form_page = 0
        self.card_session.forget()
        self._services = []
        self.spoken.clear()
        for sig in (self.cardChanged, self.catalogChanged, self.formChanged, self.errorsChanged,
                    self.receiptChanged,
                    self.idleChanged, self.busyChanged):
            sig.emit()
        if go_home:
            self._go("Home")
        log.info("session ended: %s", reason)
        self.sessionEnded.emit(reason)

    # --- form ------------------------------------------------------------------------------------
    @Slot(str, str)
    def setValue(self, key: str, value: str) -> None:  # noqa: N802
        if self.session is None:
            return
        changed = self.session.form_values.get(key, "") != value
        self.session.form_values[key] = value
        for row in self._fields:  # keep rows current without re-emitting (that would rebuild the inputs)
            if row["key"] == key:
                row["value"] = value
        if changed and key in self._errors:  # a rebuilt input re-reports its value: that is no edit
            self._errors = {k: v for k, v in self._errors.items() if k != key}
            self.errorsChanged.emit()

    @Slot(int)
    def setFormPage(self, page: int) -> None:  # noqa: N802
        self._form_page = page
        self.formChanged.emit()

    @Slot()
    def submitForm(self) -> None:  # noqa: N802
        if self.session is None:
            return
        values = {r["key"]: self.session.form_values.get(r["key"], "") for r in self._fields}
        self._errors = dict(self.d.catalog.validate(self._service, values))
        self.errorsChanged.emit()
        if self._errors:
            first = next(i for i, r in enumerate(self._fields) if r["key"] in self._errors)
            self.setFormPage(first // self._form_per_page())
            self.d.speaker.say(tr("有内容需要修改，请看红色的提示。"))
            return
        self._next_step()

    def _form_per_page(self) -> int:
        return 2 if self._elder else 4  # fewer fields per screen in 长辈模式

    def _review_rows(self) -> list[dict]:
        if self.session is None or self._service is None:
            return []
        rows = flow.review_rows(self._service, self.session.form_values, self.session.materials,
                                bool(self.session.signature_png))
        # only the kiosk's own words: what the villager typed is shown as typed
        return [{k: tr(v) if v in REVIEW_WORDS else v for k, v in row.items()} for row in rows]

    # --- submit, receipt, undo, rating ----------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busyChanged.emit()

    def _actor_ref(self) -> str:
        holder = self.session.holder if self.session else None
        return self.d.pseudonym(holder.id_number) if holder else ""

    @Slot()
    def confirm(self) -> None:
        if self.session is None or self._busy:
            return
        s = self.session
        context = {"actor_ref": self._actor_ref(), "accepted_at": self.d.wall_clock().isoformat(timespec="seconds"),
                   "clerk_ref": self.assist.clerk_ref() if self._assisting() else ""}
        try:
            txn = self._as_assisted(flow.application(self._service, s.holder, s.form_values, s.materials,
                                                     s.signature_png, s.signature_record, self._actor_ref(), context))
        except UserFacingError as exc:  # 帮办 refused (a 窗口 service, no consent): said on the review screen
            self._submit_error = exc.message
            self.busyChanged.emit()
            return
        self._submit_error = ""
        self._set_busy(True)
        self.d.store.enqueue("application", txn)

    def _as_assisted(self, txn: Any) -> Any:
        """帮办: while a clerk serves this villager, every item names both people."""
        return self.assist.wrap(txn, self._service) if self._assisting() else txn

    def _on_saved(self, tag: str, receipt: Any) -> None:
        self._set_busy(False)
        if tag == "application":
            svc = flow.service_dict(self._service) if self._service else {}
            # the number at once; the signed QR follows from the signer (then it is printed)
            self._receipt = flow.receipt(receipt.acceptance_no, svc, self.d.wall_clock(), "",
                                         self.assist.receipt_lines() if self._assisting() else [])
            self._receipt_at = self.d.clock()
            if self.session is not None:
                self.session.receipts.append(receipt.acceptance_no)
                self.session.clear_service()  # saved: nothing unsaved remains
            self._print_status = "正在打印回执…" if self.d.printer is not None and self.d.printer.ok else ""
            self.receiptChanged.emit()
            self._sign_receipt(dict(self._receipt))
            self._go("Receipt")
        elif tag == "undo":
            self._receipt = {**self._receipt, "undone": True}
            self.receiptChanged.emit()
            self.d.speaker.say(tr("已撤销。"))
        elif tag == "rating":
            self._go("Done")

    def _on_save_failed(self, tag: str, message: str) -> None:
        self._set_busy(False)
        self._submit_error = message
        self.busyChanged.emit()
        self.d.speaker.say(tr(message))
        if tag == "rating":
            self._go("Done")

    def _sign_receipt(self, receipt: dict) -> None:
        printer, today = self.d.printer, self.d.wall_clock().date()
        if printer is None:  # nothing signs without the printer bridge: the bare number
            self._on_receipt_signed({**receipt, "qr": receipt["acceptance_no"]})
            return
        self.receipt_signer.sign(receipt, lambda: printer.qr_text(receipt["acceptance_no"], receipt["service_code"],
                                                                  today))

    def _on_receipt_signed(self, receipt: dict) -> None:
        """Shown if it is still the receipt on screen; printed even if the villager has gone meanwhile:
        the 办件 is saved, and the slip is masked."""
        if self._receipt.get("acceptance_no") == receipt["acceptance_no"]:
            self._receipt = {**self._receipt, "qr": receipt["qr"]}  # an undo meanwhile stays
            self.receiptChanged.emit()
        if self.d.printer is not None and self.d.printer.ok:
            self.d.printer.print_receipt(receipt)

    def _on_printed(self, message: str) -> None:
        self._print_status = message
        self.receiptChanged.emit()

    def _can_undo(self) -> bool:
        minutes = self._receipt.get("undo_minutes", 0)
        return bool(minutes) and not self._receipt.get("undone") and \
            self.d.clock() - self._receipt_at < minutes * 60

    @Slot()
    def undo(self) -> None:
        if not self._can_undo() or self._busy:
            return
        self._set_busy(True)
        self.d.store.enqueue("undo", self._as_assisted(flow.withdrawal(
            self._receipt["service_code"], self._receipt["acceptance_no"], self._actor_ref())))

    @Slot()
    def openRating(self) -> None:  # noqa: N802
        self._go("Rating")

    @Slot(int, "QVariantList")
    def rate(self, level: int, reasons: list) -> None:
        txn = flow.rating(level, [str(r) for r in reasons], self._receipt.get("acceptance_no", ""),
                          self._receipt.get("service_code", ""), self._actor_ref())
        self._set_busy(True)
        self.d.store.enqueue("rating", self._as_assisted(txn))

    @Slot()
    def skipRating(self) -> None:  # noqa: N802
        self._go("Done")

    # --- info and notices ---------------------------------------------------------------------------
    def _info(self) -> tuple[list[dict], str]:
        if self.d.info is None:
            return [], "还没有从县里同步过信息"
        return self.d.info.items(self._info_kind), self.d.info.age_text(self._info_kind, self.d.wall_clock())

    def _set_notice(self, text: str) -> None:
        self._notice = text
        self.statusChanged.emit()
