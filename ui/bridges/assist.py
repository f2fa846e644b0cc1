"""帮办 on the touchscreen (``clerk.assist`` in QML): a logged-in clerk identifies a villager (card, or a typed
ID number on the keypad), records their consent (a signature on the glass, or the 代办授权书 photographed),
then works the ordinary kiosk screens on their behalf. The model is kiosk.assisted; this bridge only moves
it between screens and hands the controller the villager and a wrapper that turns every item into a 帮办 one.

The villager's session ends like any other (done, idle, card out): the clerk is back on the 帮办 home for
the next villager. The clerk's logout (or idle) ends the 帮办 session and wipes the villager with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.assisted import (
    AssistedSession,
    NotForThisChannel,
    allowed_for,
    consent_by_form,
    consent_by_signature,
    villager_from_card,
    villager_from_typed,
)
from kiosk.domain import Holder
from kiosk.errors import UserFacingError
from kiosk.signature import from_normalised, quality_hint, to_record
from ui.capture import GLASS_RULES, add_glass_point
from ui.i18n import tr

CONSENT_PROFILE = "a4"  # the 代办授权书 is an A4 sheet


class AssistBridge(QObject):
    changed = Signal()

    def __init__(self, *, controller: Any, clerk: Any, pseudonym_key: bytes | None,
                 audit: Callable[..., object] | None, parent: QObject | None = None):
        super().__init__(parent)
        self._controller, self._clerk, self._key, self._audit = controller, clerk, pseudonym_key, audit
        self.session: AssistedSession | None = None
        self._serving = False
        self._reset_villager()
        controller.d.card.inserted.connect(self._on_card)
        controller.sessionEnded.connect(self._on_villager_session_ended)
        camera = controller.d.camera
        if camera is not None:
            camera.captured.connect(self._on_photo)

    def _reset_villager(self) -> None:
        self._villager = None
        self._message, self._photo = "", False
        self._strokes: list[list[list[float]]] = []
        self._t0: float | None = None

    available = Property(bool, lambda s: s._key is not None, notify=changed)
    villagerName = Property(str, lambda s: s._villager.holder.masked_name if s._villager else "", notify=changed)  # noqa: N815
    identifiedBy = Property(str, lambda s: s._villager.identified_by.value if s._villager else "", notify=changed)  # noqa: N815
    message = Property(str, lambda s: tr(s._message), notify=changed)
    strokes = Property("QVariantList", lambda s: s._strokes, notify=changed)
    photoMode = Property(bool, lambda s: s._photo, notify=changed)  # noqa: N815
    serving = Property(bool, lambda s: s._serving, notify=changed)
    cameraOk = Property(bool, lambda s: s._controller.d.camera is not None and s._controller.d.camera.ok,  # noqa: N815
                        notify=changed)

    @property
    def active(self) -> bool:
        return self.session is not None and self._serving

    # --- the clerk's 帮办 session ------------------------------------------------------------------------
    def login(self, account: Any) -> None:
        if self._key is not None:
            self.session = AssistedSession(account, self._key, audit=self._audit)

    def logout(self, reason: str) -> None:
        """The clerk leaves (logout, idle, shutdown): the villager goes with them, wiped like any session."""
        serving, self._serving = self._serving, False
        if self.session is not None:
            self.session.end(reason)
            self.session = None
        self._stop_camera()
        self._reset_villager()
        if serving:
            self._controller.endSession("clerk_" + reason)
        self.changed.emit()

    @Slot()
    def begin(self) -> None:
        """帮办 home: identify the next villager."""
        if self.session is None:
            return
        if self._serving:  # the clerk came back through the corner: this villager is done
            self._serving = False
            self._controller.endSession("assist_next")
        self.session.next_villager()
        self._reset_villager()
        self._clerk.show("ClerkAssist")
        self.changed.emit()

    # --- identify --------------------------------------------------------------------------------------
    def _on_card(self, holder: Holder) -> None:
        if self.session is None or self._serving or self._villager is not None:
            return
        if not holder.identity_confirmed or not holder.id_number:
            self._set_message("这张卡暂时读不出身份证号码，请输入身份证号码")
            return
        self._identified(villager_from_card(holder))

    @Slot(str, str)
    def identifyTyped(self, id_number: str, name: str) -> None:  # noqa: N802 (QML API)
        if self.session is None:
            return
        try:  # the GB 11643 check digit and the name rules, refused in the validators' plain words
            villager = villager_from_typed(id_number, name)
        except UserFacingError as exc:
            self._set_message(exc.message)
            return
        self._identified(villager)

    def _identified(self, villager: Any) -> None:
        self.session.serve(villager)
        self._villager, self._message = villager, ""
        self._clerk.show("ClerkConsent")
        self.changed.emit()

    # --- consent --------------------------------------------------------------------------------------
    @Slot(float, float, bool)
    def consentPoint(self, x: float, y: float, new_stroke: bool) -> None:  # noqa: N802
        self._strokes, self._t0 = add_glass_point(self._strokes, self._t0, x, y, new_stroke)
        self.changed.emit()

    @Slot()
    def clearConsent(self) -> None:  # noqa: N802
        self._strokes, self._t0, self._message = [], None, ""
        self.changed.emit()

    @Slot()
    def confirmSignatureConsent(self) -> None:  # noqa: N802
        signature = from_normalised(self._strokes)
        hint = quality_hint(signature, GLASS_RULES)
        if hint:
            self._set_message(hint)
            return
        self._consented(consent_by_signature(to_record(signature), time.time()))

    @Slot(bool)
    def usePhoto(self, on: bool) -> None:  # noqa: N802
        self._photo, self._message = on, ""
        camera = self._controller.d.camera
        if on and camera is not None and camera.ok:
            camera.start(CONSENT_PROFILE)
        else:
            self._stop_camera()
        self.changed.emit()

    @Slot()
    def takePhoto(self) -> None:  # noqa: N802
        if self._controller.d.camera is not None:
            self._controller.d.camera.capture_now()

    def _on_photo(self, jpeg: bytes) -> None:
        if self.session is None or not self._photo or self._villager is None or self._serving:
            return
        self._stop_camera()
        self._consented(consent_by_form(jpeg, time.time()))

    def _consented(self, consent: Any) -> None:
        self.session.record_consent(consent)
        self._strokes, self._photo = [], False
        self._clerk.show("")  # the kiosk's own screens, worked by the clerk
        self._controller.serve(self._villager.holder)
        self._serving = True  # after serve(): its wipe of any earlier session is not this villager's end
        self.changed.emit()

    # --- what the controller asks while serving ---------------------------------------------------------
    def wrap(self, txn: Any, service: Any) -> Any:
        """The item the ordinary flow built, done on the villager's behalf (both people named)."""
        channel = str(getattr(service, "channel", "自助") or "自助") if service is not None else "自助"
        if not allowed_for(channel, assisted=True):
            raise NotForThisChannel(detail=f"{txn.service_code} is a {channel} service")
        return self.session.assist(txn)

    def clerk_ref(self) -> str:
        return self.session.clerk.actor_ref if self.session is not None else ""

    def receipt_lines(self) -> list[str]:
        return self.session.receipt_lines() if self.session is not None else []

    def _on_villager_session_ended(self, reason: str) -> None:
        if not self._serving or self.session is None:
            return
        self._serving = False
        if reason.startswith("clerk_"):
            return
        if reason == "idle":  # nobody touched the screen: the clerk is gone too
            self._clerk.logout("idle")
            return
        self.begin()

    # --- helpers ----------------------------------------------------------------------------------------
    def _stop_camera(self) -> None:
        camera = self._controller.d.camera
        if camera is not None:
            camera.stop()
            camera.clear()

    def _set_message(self, text: str) -> None:
        self._message = text
        self.changed.emit()
        self._controller.d.speaker.say(text)

