"""帮办 mode: a logged-in clerk serves a villager who cannot self-serve. Pure model, no Qt, no devices.

One ``AssistedSession`` per clerk login. The clerk identifies the villager (card, or a typed ID number
whose GB 11643 check digit must be right), records the villager's consent (their signature on the pad,
or a 代办 authorisation form photographed by the document camera), then does catalog services on their
behalf. Every item the session makes names both people: ``actor=clerk``, ``clerk_ref`` = the clerk's
account, ``actor_ref`` = the villager's pseudonym, ``assisted=True``; the sealed payload carries the
clerk's name, the consent and the way it was done (帮办 at the kiosk, 上门办 prepared at the villager's
home, 代理办 for a villager who is not present).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from kiosk.domain import Holder, mask_id_number
from kiosk.errors import UserFacingError
from kiosk.pseudonym import pseudonym
from kiosk.store.model import Actor, Attachment, ItemKind, Transaction
from kiosk.validators import check_id_number, check_name, normalize

AuditFn = Callable[..., object]  # store.audit(actor, actor_ref, event, outcome, details)


class Clerk(Protocol):
    username: str
    display_name: str

    @property
    def actor_ref(self) -> str: ...


class AssistMode(enum.StrEnum):
    AT_KIOSK = "帮办"  # villager present at the terminal, clerk operates it
    HOME_VISIT = "上门办"  # prepared at the villager's home, entered later with the materials captured there
    PROXY = "代理办"  # villager absent; an authorisation form stands in for them


class ConsentMethod(enum.StrEnum):
    SIGNATURE = "signature"  # the villager signs on the pad
    AUTHORISATION_FORM = "authorisation_form"  # a signed/thumb-printed 代办授权书, photographed


class IdentifiedBy(enum.StrEnum):
    CARD = "card"
    TYPED = "typed"


class NoVillager(UserFacingError):
    code = "assisted_no_villager"
    message = "请先读卡或输入群众的身份证号码"


class ConsentMissing(UserFacingError):
    code = "assisted_no_consent"
    message = "请先请群众签字，或拍下代办授权书，再办理"


class NotForThisChannel(UserFacingError):
    code = "assisted_channel"
    message = "这项业务请到乡镇或县里的窗口办理"


class SessionEnded(UserFacingError):
    code = "assisted_ended"
    message = "帮办已结束，请重新登录"


@dataclass(frozen=True)
class Villager:
    holder: Holder
    identified_by: IdentifiedBy

    def __repr__(self) -> str:
        return f"Villager({self.holder!r}, by={self.identified_by.value})"


def villager_from_card(holder: Holder) -> Villager:
    return Villager(holder, IdentifiedBy.CARD)


def villager_from_typed(id_number: str, name: str, *, today: dt.date | None = None) -> Villager:
    """A villager without a card: the typed ID number must pass the check digit, the name the name rules."""
    id_number, name = normalize(id_number).upper(), normalize(name)
    problem = check_id_number(id_number, today=today)
    if problem:
        raise UserFacingError(problem, detail=f"typed ID {mask_id_number(id_number)} rejected", code="bad_id_number")
    problem = check_name(name)
    if problem:
        raise UserFacingError(problem, detail="typed name rejected", code="bad_name")
    return Villager(Holder(id_number=id_number, name=name, identity_confirmed=False), IdentifiedBy.TYPED)


@dataclass(frozen=True)
class Consent:
    """What shows the villager agreed. The evidence itself travels sealed, as an attachment."""

    method: ConsentMethod
    evidence_sha256: str
    captured_at: str  # ISO 8601 UTC
    attachment: Attachment | None = field(default=None, repr=False)

    def record(self) -> dict[str, str]:
        return {"method": self.method.value, "evidence_sha256": self.evidence_sha256, "captured_at": self.captured_at}


def _iso(now: float) -> str:
    return dt.datetime.fromtimestamp(now, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def consent_by_signature(signature_record: bytes, now: float) -> Consent:
    """The signature's time-series record (kiosk.signature) is already attached to the application; the
    consent names it by hash so the hub can match the two."""
    return Consent(ConsentMethod.SIGNATURE, hashlib.sha256(signature_record).hexdigest(), _iso(now))


def consent_by_form(form_jpeg: bytes, now: float) -> Consent:
    if not form_jpeg:
        raise ConsentMissing(detail="empty authorisation form image")
    return Consent(ConsentMethod.AUTHORISATION_FORM, hashlib.sha256(form_jpeg).hexdigest(), _iso(now),
                   Attachment("consent_form", "image/jpeg", form_jpeg))


def allowed_for(channel: str, *, assisted: bool) -> bool:
    """自助 services anyone may do; 帮办 services only a clerk; 窗口 services nobody at the terminal."""
    return channel == "自助" or (assisted and channel == "帮办")


@dataclass(frozen=True)
class HomeVisit:
    visited_on: dt.date
    note: str = ""  # e.g. 卧床，材料当场拍照


class AssistedSession:
    """A clerk's 帮办 session; ``end()`` at logout or idle timeout wipes the villager with it."""

    def __init__(self, clerk: Clerk, pseudonym_key: bytes, *, audit: AuditFn | None = None,
                 clock: Callable[[], float] = time.time):
        self.clerk = clerk
        self._key = pseudonym_key
        self._audit = audit
        self._clock = clock
        self._villager: Villager | None = None
        self._consent: Consent | None = None
        self.mode = AssistMode.AT_KIOSK
        self.home_visit: HomeVisit | None = None
        self.ended = False
        self.served = 0  # villagers served in this session

    def __repr__(self) -> str:
        who = "none" if self._villager is None else repr(self._villager)
        return f"AssistedSession(clerk={self.clerk.actor_ref}, villager={who}, mode={self.mode.value})"

    # --- the villager --------------------------------------------------------------------------------------

    @property
    def villager(self) -> Villager:
        if self._villager is None:
            raise NoVillager(detail="no villager identified in this 帮办 session")
        return self._villager

    @property
    def villager_ref(self) -> str:
        return pseudonym(self.villager.holder.id_number, self._key)

    def serve(self, villager: Villager, mode: AssistMode = AssistMode.AT_KIOSK,
              home_visit: HomeVisit | None = None) -> None:
        """Start serving one villager; the previous one (and their consent) is forgotten first."""
        self._check_open()
        if mode is AssistMode.HOME_VISIT and home_visit is None:
            raise UserFacingError("请填写上门办理的日期", detail="home visit without a date", code="assisted_home_visit")
        self.next_villager()
        self._villager, self.mode, self.home_visit = villager, mode, home_visit
        # the outcome carries the villager's pseudonym so the record names both people in clear
        self._record("assisted.started", self.villager_ref, {"mode": mode.value,
                                                              "identified_by": villager.identified_by.value})

    def record_consent(self, consent: Consent) -> None:
        self._check_open()
        self.villager  # noqa: B018 - consent needs someone to consent
        self._consent = consent
        self._record("assisted.consent", consent.method.value, {"villager": self.villager_ref,
                                                                "evidence_sha256": consent.evidence_sha256})

    @property
    def consent(self) -> Consent | None:
        return self._consent

    def next_villager(self) -> None:
        """Done with this villager: forget them (the UI wipes frames, forms and signature alongside)."""
        if self._villager is not None:
            self._record("assisted.finished", "ok", {"villager": self.villager_ref})
            self.served += 1
        self._villager, self._consent, self.home_visit, self.mode = None, None, None, AssistMode.AT_KIOSK

    def end(self, reason: str = "logout") -> None:
        """Logout or idle timeout: the same wipe as a villager session, then the clerk is gone too."""
        if self.ended:
            return
        self.next_villager()
        self.ended = True
        self._record("assisted.session_ended", reason, {"served": self.served})

    # --- what the session produces ---------------------------------------------------------------------------

    def assisted_record(self) -> dict[str, Any]:
        """The 帮办 block of a sealed payload: who did it, for whom, how, and the consent."""
        villager = self.villager  # raises NoVillager first: nobody to consent yet
        if self._consent is None:
            raise ConsentMissing(detail="no consent recorded for this villager")
        block: dict[str, Any] = {
            "mode": self.mode.value,
            "clerk": {"username": self.clerk.username, "display_name": self.clerk.display_name,
                      "actor_ref": self.clerk.actor_ref},
            "villager_ref": self.villager_ref,
            "identified_by": villager.identified_by.value,
            "consent": self._consent.record(),
            "entered_at": _iso(self._clock()),
        }
        if self.home_visit is not None:
            block["home_visit"] = {"visited_on": self.home_visit.visited_on.isoformat(), "note": self.home_visit.note}
        return block

    def application(self, service_code: str, service_name: str, channel: str, form: dict[str, str],
                    attachments: Iterable[Attachment] = ()) -> Transaction:
        """A 办件 done on the villager's behalf, ready for ``store.enqueue``."""
        self._check_open()
        if not allowed_for(channel, assisted=True):
            raise NotForThisChannel(detail=f"{service_code} is a {channel} service")
        holder = self.villager.holder
        payload = {"service_name": service_name, "form": dict(form),
                   "holder": {"id_number": holder.id_number, "name": holder.name,
                              "card_number": holder.card_number, "card_version": holder.card_version}}
        return self.assist(Transaction(ItemKind.APPLICATION, service_code, payload, tuple(attachments)))

    def assist(self, txn: Transaction) -> Transaction:
        """The same item done on the villager's behalf: what the UI's ordinary flow built (application,
        withdrawal, rating) gets the 帮办 block, the consent evidence, and both people named."""
        self._check_open()
        extra = (self._consent.attachment,) if self._consent and self._consent.attachment else ()
        return dataclasses.replace(txn, payload={**txn.payload, "assisted": self.assisted_record()},
                                   attachments=(*txn.attachments, *extra), actor=Actor.CLERK,
                                   actor_ref=self.villager_ref, clerk_ref=self.clerk.actor_ref, assisted=True)

    def receipt_lines(self) -> list[str]:
        """Lines the receipt adds: it says 帮办 (or 上门办 / 代理办) and names the clerk."""
        return [f"办理方式：{self.mode.value}", f"经办协管员：{self.clerk.display_name}（{self.clerk.username}）"]

    # --- helpers ------------------------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self.ended:
            raise SessionEnded(detail=f"{self.clerk.actor_ref}'s session already ended")

    def _record(self, event: str, outcome: str, details: dict[str, Any]) -> None:
        # the clerk is the actor; details are only kept as a hash, so they hold nothing to leak
        if self._audit is not None:
            self._audit(Actor.CLERK, self.clerk.actor_ref, event, outcome, details)
