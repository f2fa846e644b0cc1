"""Third-generation card authentication over the hub: the wire format and the kiosk's client.

``POST /v1/card-auth``  CardAuthRequest -> CardAuthReply, signed by the device exactly like a batch
(``X-Kiosk-Device`` + ``X-Kiosk-Signature`` over the exact body bytes). The request is short-lived
(``issued_at`` within ``MAX_AGE_S`` of the hub's clock) and used once (``request_id``); the reply echoes
the card id and challenge it is bound to, so the kiosk never sends a cryptogram meant for another card.
The card itself accepts a cryptogram only for the challenge it just gave, once.

Errors: ``ErrorReply`` with ``code`` ``not_genuine`` (the card's internal authentication failed),
``replayed``, ``expired``, ``no_provider`` (this hub has no crypto service), and the batch endpoint's
``unknown_device`` / ``revoked`` / ``bad_signature``.

``HubCryptoService`` satisfies ``drivers.card.gen3.CryptoService`` structurally (sync does not import
drivers): it raises ``UserFacingError`` with ``hsm_offline`` / ``hsm_timeout`` when the hub cannot be
reached in time, which the card driver turns into the offline fallback.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import Any, Literal

import requests
from pydantic import BaseModel, ConfigDict, Field

from kiosk.errors import UserFacingError
from sync import protocol

log = logging.getLogger(__name__)

CARD_AUTH_PATH = "/v1/card-auth"
MAX_AGE_S = 60.0  # how old (or early, for clock skew) a request may be when the hub sees it
REPLY_TTL_S = 30.0
_HEX16 = r"^[0-9A-F]{16}$"
_HEX32 = r"^[0-9A-F]{32}$"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    v: Literal[1] = protocol.PROTOCOL_VERSION


class CardAuthRequest(_Doc):
    request_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    device_id: str = Field(pattern=r"^[A-Za-z0-9_-]{4,64}$")
    terminal_no: str = Field(max_length=64)
    issued_at: str = Field(max_length=40)  # ISO 8601 with offset
    region: str = Field(pattern=r"^[0-9]{0,6}$")
    atr: str = Field(pattern=r"^[0-9A-F]{0,66}$")
    algorithm: str = Field(pattern=r"^[0-9A-F]{2}$")
    card_id: str = Field(pattern=_HEX32)
    card_number: str = Field(max_length=20)
    version: str = Field(max_length=8)
    internal_random: str = Field(pattern=_HEX32)
    internal_response: str = Field(pattern=_HEX32)
    challenge: str = Field(pattern=_HEX16)

    def __repr__(self) -> str:
        return f"CardAuthRequest(request_id={self.request_id!r}, region={self.region!r})"


class CardAuthReply(_Doc):
    request_id: str
    card_id: str
    challenge: str
    cryptogram: str = Field(pattern=_HEX32)
    expires_at: str


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def request_from_challenge(challenge: Any, device_id: str, terminal_no: str,
                           issued_at: dt.datetime | None = None) -> CardAuthRequest:
    """The wire request for a ``drivers.card.gen3.AuthChallenge`` (duck-typed: sync does not import drivers)."""
    return CardAuthRequest(
        request_id=uuid.uuid4().hex, device_id=device_id, terminal_no=terminal_no,
        issued_at=(issued_at or now_utc()).isoformat(timespec="seconds"), region=challenge.region,
        atr=challenge.atr.hex().upper(), algorithm=challenge.algorithm, card_id=challenge.card_id.hex().upper(),
        card_number=challenge.card_number, version=challenge.version,
        internal_random=challenge.internal_random.hex().upper(),
        internal_response=challenge.internal_response.hex().upper(), challenge=challenge.challenge.hex().upper())


class CardAuthError(UserFacingError):
    code = "hsm_refused"
    message = "县里的读卡服务暂时不能认证此卡，请到窗口办理"


class HubCryptoService:
    """The county crypto service reached through the hub over the enrolled, pinned HTTPS session."""

    def __init__(self, url: str, session: requests.Session, device_id: str, signer: Any, *,
                 terminal_no: str = "", timeout_s: float = 3.0):
        self._url = url.rstrip("/") + CARD_AUTH_PATH
        self._session = session
        self._device_id = device_id
        self._signer = signer
        self._terminal_no = terminal_no or device_id
        self._timeout_s = timeout_s

    def external_auth(self, challenge: Any) -> bytes:
        request = request_from_challenge(challenge, self._device_id, self._terminal_no)
        body = protocol.canonical_json(request.model_dump())
        return self.send(request, body)

    def send(self, request: CardAuthRequest, body: bytes) -> bytes:
        """Post one signed request; the cryptogram, checked to be bound to this card and challenge."""
        headers = {"Content-Type": "application/json", protocol.DEVICE_HEADER: self._device_id,
                   protocol.SIGNATURE_HEADER: protocol.b64e(self._signer.sign(body))}
        try:
            response = self._session.post(self._url, data=body, headers=headers, timeout=self._timeout_s)
        except requests.Timeout as exc:
            raise CardAuthError("连接县里的读卡服务超时", code="hsm_timeout", detail=str(exc)) from None
        except requests.RequestException as exc:
            raise CardAuthError("暂时连不上县里的读卡服务", code="hsm_offline",
                                detail=type(exc).__name__) from None
        if response.status_code >= 500:
            raise CardAuthError("暂时连不上县里的读卡服务", code="hsm_offline", detail=f"HTTP {response.status_code}")
        if response.status_code != 200:
            try:
                error = protocol.parse(protocol.ErrorReply, response.content)
            except protocol.ProtocolError:
                raise CardAuthError(detail=f"HTTP {response.status_code}") from None
            raise CardAuthError(error.message, code=error.code, detail=error.detail)
        try:
            reply = protocol.parse(CardAuthReply, response.content)
        except protocol.ProtocolError as exc:
            raise CardAuthError(detail=exc.detail) from None
        if (reply.request_id, reply.card_id, reply.challenge) != (request.request_id, request.card_id,
                                                                   request.challenge):
            raise CardAuthError(detail="reply is bound to another request, card or challenge")
        return bytes.fromhex(reply.cryptogram)


def make_card_crypto(data_dir: Path, timeout_s: float = 3.0) -> HubCryptoService:
    """The crypto service of an enrolled kiosk (raises EnrolError when it is not enrolled)."""
    from sync.client import identity

    link, _state = identity.hub_link(Path(data_dir), timeout_s)
    return HubCryptoService(link.url, identity.pinned_session(link.ca_file), link.device_id, link.signer,
                            timeout_s=timeout_s)


__all__ = ["CARD_AUTH_PATH", "CardAuthError", "CardAuthReply", "CardAuthRequest", "HubCryptoService",
           "MAX_AGE_S", "REPLY_TTL_S", "make_card_crypto", "request_from_challenge"]
