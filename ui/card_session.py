"""The card in the slot and what it means for the villager's session: reading, the greeting, a card that
cannot be read, a 3.0 card read offline (the villager types the ID number), and the card taken out (pause
the 办件 if there is unsaved work, otherwise wipe). Split out of ui/controller.py, which still owns the
screens and the session; this object calls back into it and QML reads its state through the controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.domain import Holder
from ui import flow
from ui.i18n import tr

if TYPE_CHECKING:
    from ui.controller import KioskController

IN_SERVICE = {"Pin", "Form", "Materials", "Signature", "Review", "ConfirmId"}
# where a card being read does not pull the villager away to the card screen
KEEP_SCREEN_WHILE_READING = IN_SERVICE | {"Leave", "Receipt", "Rating", "Done"}


class CardSession(QObject):
    changed = Signal()

    def __init__(self, kiosk: KioskController, parent: QObject | None = None):
        super().__init__(parent)
        self.kiosk = kiosk
        self.has_card = False
        self.state, self.message, self.advice = "", "", ""  # state: "" | reading | ok | error
        self.pending_service = ""  # the service the villager was reading about when the card went in
        self.identity_sentence, self.identity_message = "", ""  # a 3.0 card read offline: type the ID number
        self.resume_screen = ""  # where the 办件 was when the card came out with unsaved work
        card = kiosk.d.card
        card.reading.connect(self._on_reading)
        card.inserted.connect(self._on_inserted)
        card.removed.connect(self._on_removed)
        card.failed.connect(self._on_failed)
        card.identityToConfirm.connect(self._on_identity_to_confirm)

    def masked_name(self) -> str:
        session = self.kiosk.session
        holder = session.holder if session else None
        return holder.masked_name if holder and holder.name else ""  # a 3.0 card read offline has no name yet

    def greeting(self) -> str:
        name = self.masked_name()
        return tr("您好，{0}").format(name) if name else ""

    def forget(self) -> None:
        """Part of the wipe: nothing of the villager's card stays (the card itself may still be in the slot)."""
        self.pending_service, self.message, self.advice = "", "", ""
        self.identity_sentence, self.identity_message = "", ""
        if not self.has_card:
            self.state = ""

    def _on_reading(self) -> None:
        self.state, self.message, self.advice = "reading", "", ""
        self.changed.emit()
        if self.kiosk.screen not in KEEP_SCREEN_WHILE_READING:
            self.kiosk._go("Card")

    def _on_inserted(self, holder: Holder) -> None:
        k = self.kiosk
        self.has_card = True
        self.state = "ok"
        if k.screen == "Leave" and k.session and k.session.holder \
                and k.session.holder.id_number == holder.id_number:
            self.changed.emit()
            k._go(self.resume_screen)
            return
        if k.session is not None and (k.session.holder is None or
                                      k.session.holder.id_number != holder.id_number):
            k._wipe("card_changed", go_home=False)
        if k.session is None:
            k._start_session(holder)
        else:
            k.session.holder = holder
        service = k.current_service()
        self.pending_service = flow.service_code(service) if k.screen == "Notice" and service else ""
        self.changed.emit()
        k._go("ConfirmId" if not holder.id_number else "Notice" if self.pending_service else "Card")

    def _on_identity_to_confirm(self, sentence: str) -> None:
        self.identity_sentence, self.identity_message = sentence, ""
        self.changed.emit()

    def confirm_identity(self, typed: str) -> None:
        """The ID number typed for a 3.0 card read offline (check digit verified); the hub confirms it later."""
        k = self.kiosk
        if k.session is None or k.session.holder is None:
            return
        holder, self.identity_message = flow.typed_identity(k.session.holder, typed)
        self.changed.emit()
        if self.identity_message:
            k.d.speaker.say(tr(self.identity_message))
            return
        k.session.holder = holder
        k._go("Notice" if self.pending_service else "Card")

    def after_greeting(self) -> None:
        k = self.kiosk
        k._go("Notice" if self.pending_service else "Services")
        if not self.pending_service:
            k.openTile(k.category_key())

    def _on_failed(self, code: str, message: str, advice: str) -> None:
        self.state, self.message, self.advice = "error", message, advice
        self.changed.emit()
        if self.kiosk.screen not in IN_SERVICE:
            self.kiosk._go("Card")

    def _on_removed(self) -> None:
        k = self.kiosk
        self.has_card = False
        self.state = ""
        self.changed.emit()
        if k.session is None:
            if k.screen == "Card":
                k._go("Home")
            return
        if k.screen in IN_SERVICE and k.session.has_unsaved_work:
            self.resume_screen = k.screen
            k._go("Leave")
        elif k.screen in {"Receipt", "Rating"}:
            pass  # the 办件 is saved; the rating does not need the card
        else:
            k.endSession("card_removed")
